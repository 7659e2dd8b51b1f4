"""An incremental build reuses a file of the previous site only when it is the file that build recorded, and a
page's own title, shown in every page's menu, decides reuse like its text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_charts import incremental
from build_charts.site import build_site
from conftest import tiny_site_project


@pytest.fixture
def project(tmp_path) -> Path:
    """Three pages the menu names without titles: each page's title comes from the page itself."""
    return tiny_site_project(tmp_path, "nav:\n  - index.md\n  - other.md\n  - third.md\n", {
        "index.md": "# Home\n\nText.\n", "other.md": "---\ntitle: Old title\n---\n\n# Other\n",
        "third.md": "# Third\n\nText.\n"})


def _build(project: Path) -> Path:
    return build_site(project / "mkdocs.yml", project / "site").site


def test_a_menu_title_changed_in_a_pages_front_matter_reaches_every_page(project):
    site = _build(project)
    assert "Old title" in (site / "third" / "index.html").read_text(encoding="utf-8")
    (project / "docs" / "other.md").write_text("---\ntitle: New title\n---\n\n# Other\n", encoding="utf-8")
    site = _build(project)
    third = (site / "third" / "index.html").read_text(encoding="utf-8")
    assert "New title" in third and "Old title" not in third


def test_a_page_changed_by_hand_with_its_size_and_time_kept_is_not_reused(project):
    site = _build(project)
    page = site / "third" / "index.html"
    text, stat = page.read_text(encoding="utf-8"), page.stat()
    forged = text.replace("Text.", "Call!")  # same length
    assert len(forged) == len(text)
    page.write_text(forged, encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    (project / "docs" / "index.md").write_text("# Home\n\nChanged.\n", encoding="utf-8")
    site = _build(project)
    assert "Call!" not in (site / "third" / "index.html").read_text(encoding="utf-8")


def test_a_forged_record_does_not_make_a_changed_page_reused(project):
    site = _build(project)
    page = site / "third" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Text.", "Call!"), encoding="utf-8")
    record = incremental.state_file(site)
    state = __import__("json").loads(record.read_text(encoding="utf-8"))
    state["listing"] = incremental.folder_listing(site)  # a record forged to describe the changed site
    record.write_text(__import__("json").dumps(state), encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Home\n\nChanged.\n", encoding="utf-8")
    site = _build(project)
    assert "Call!" not in (site / "third" / "index.html").read_text(encoding="utf-8")


def test_a_link_in_the_site_folder_to_a_file_outside_it_is_not_reused(project, tmp_path):
    site = _build(project)
    secret = tmp_path / "secret.txt"
    secret.write_text("token", encoding="utf-8")
    (site / "assets" / "leak.txt").symlink_to(secret)
    (project / "docs" / "index.md").write_text("# Home\n\nChanged.\n", encoding="utf-8")
    site = _build(project)
    assert not (site / "assets" / "leak.txt").exists()


def test_an_unchanged_site_is_still_reused(project):
    _build(project)
    (project / "docs" / "index.md").write_text("# Home\n\nChanged.\n", encoding="utf-8")
    before = (project / "site" / "third" / "index.html").stat().st_ino
    site = _build(project)
    assert (site / "third" / "index.html").stat().st_ino == before  # linked, not written again


def test_a_rebuild_lists_every_page_in_the_sitemap_not_only_those_it_converted(project):
    address = {"site_url": "https://partnership.example.org/rdhp/"}
    site = build_site(project / "mkdocs.yml", project / "site", settings=address).site
    full = (site / "sitemap.xml").read_bytes()
    assert b"rdhp/third/" in full
    (project / "docs" / "index.md").write_text("# Home\n\nChanged.\n", encoding="utf-8")
    before = (site / "third" / "index.html").stat().st_ino
    site = build_site(project / "mkdocs.yml", project / "site", settings=address).site
    assert (site / "third" / "index.html").stat().st_ino == before  # reused, not converted
    assert (site / "sitemap.xml").read_bytes() == full


def test_a_rebuild_fills_the_folders_of_the_site_it_replaced_and_publishes_none_of_what_else_they_hold(project):
    site = _build(project)
    folder = (site / "third").stat().st_ino
    (project / "docs" / "index.md").write_text("# Home\n\nChanged.\n", encoding="utf-8")
    site = _build(project)
    spare = site.with_name(".spare-of-site")
    assert spare.is_dir()  # the site this build replaced
    stranger = spare / "third" / "index.html"
    stranger.unlink()  # a file of its own, not a link to the published one
    stranger.write_text("<p>Call!</p>", encoding="utf-8")
    (spare / "third" / "extra.html").write_text("<p>Call!</p>", encoding="utf-8")
    (spare / "unknown").mkdir()
    (spare / "unknown" / "page.html").write_text("<p>Call!</p>", encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Home\n\nChanged again.\n", encoding="utf-8")

    site = _build(project)

    assert (site / "third").stat().st_ino == folder  # the first build's folder, filled again
    assert "Call!" not in (site / "third" / "index.html").read_text(encoding="utf-8")
    assert not (site / "third" / "extra.html").exists() and not (site / "unknown").exists()
    assert "Changed again." in (site / "index.html").read_text(encoding="utf-8")
