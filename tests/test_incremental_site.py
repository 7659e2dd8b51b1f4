"""A rebuild after an edit converts only the pages the edit changed, and publishes the same site a cold build does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_charts import allowlist, incremental, pipeline
from build_charts.site import BuildFailed, build_site
from conftest import TODAY, copy_project, set_cell

# The row and cells an editor changes: a commitment's latest progress report.
EDIT = [("progress.csv", 2, "status", "on-track"),
        ("progress.csv", 2, "achievements", "The outreach team now visits every hostel each week.")]
# What differs between two builds made at different times: the sitemap's dates, and its gzip header's time.
TIMESTAMPS = {"sitemap.xml.gz"}
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def edit(datasets: Path) -> None:
    """Make the editor's change to the data package."""
    for file, row, column, value in EDIT:
        set_cell(datasets, file, row, column, value)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, with timestamps taken out."""
    return {path.relative_to(site).as_posix(): LASTMOD.sub(b"", path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file() and path.name not in TIMESTAMPS}


def test_a_one_row_edit_rebuilds_only_its_pages_and_publishes_what_a_cold_build_does(tmp_path):
    edited = copy_project(tmp_path / "edited")
    assert pipeline.build(edited, today=TODAY).ok
    untouched = (edited.site / "charts" / "drug-offences-rate" / "index.html").stat().st_ino
    theme = edited.site / "progress" / "rdhp-2025-supply" / "index.html"
    assert theme.is_file()
    theme_before = theme.stat().st_ino

    edit(edited.datasets)
    assert pipeline.build(edited, today=TODAY).ok

    cold = copy_project(tmp_path / "cold")
    edit(cold.datasets)
    assert pipeline.build(cold, today=TODAY).ok
    assert site_files(edited.site) == site_files(cold.site)
    assert "The outreach team now visits every hostel each week." in theme.read_text(encoding="utf-8")
    assert (edited.site / "charts" / "drug-offences-rate" / "index.html").stat().st_ino == untouched  # taken from the previous site
    assert theme.stat().st_ino != theme_before  # converted again


def test_a_built_page_changed_by_hand_is_rebuilt_rather_than_kept(tmp_path):
    paths = copy_project(tmp_path / "project")
    assert pipeline.build(paths, today=TODAY).ok
    chart = paths.site / "charts" / "drug-offences-rate" / "index.html"
    built = chart.read_bytes()
    chart.write_bytes(built.replace(b"</main>", b"<p>changed by hand</p></main>"))

    assert pipeline.build(paths, today=TODAY).ok
    assert chart.read_bytes() == built


def test_a_change_of_configuration_rebuilds_every_page(tmp_path):
    paths = copy_project(tmp_path / "project")
    assert pipeline.build(paths, today=TODAY).ok
    chart = paths.site / "charts" / "drug-offences-rate" / "index.html"
    build_site(paths.config, paths.site, settings={"site_name": "First name"})
    built = chart.stat().st_ino
    build_site(paths.config, paths.site, settings={"site_name": "First name"})
    assert chart.stat().st_ino == built  # nothing changed: taken from the previous site

    build_site(paths.config, paths.site, settings={"site_name": "Second name"})
    assert chart.stat().st_ino != built
    assert "Second name" in chart.read_text(encoding="utf-8")


def test_the_site_wide_policy_allows_what_each_page_allows_in_page_order():
    first = "default-src 'self'; script-src 'self' 'sha256-a'; style-src 'self' 'sha256-s'"
    second = ("default-src 'self'; script-src 'self' 'sha256-b' 'sha256-a'; "
              "style-src 'self' 'sha256-t' 'unsafe-hashes' 'sha256-x'")
    assert incremental.site_wide_policy([first, second]) == (
        "default-src 'self'; script-src 'self' 'sha256-a' 'sha256-b'; "
        "style-src 'self' 'sha256-s' 'sha256-t' 'unsafe-hashes' 'sha256-x'")


def test_a_rebuild_that_removes_an_anchor_another_page_links_to_fails_as_a_cold_build_does(tmp_path):
    paths = copy_project(tmp_path / "project")
    (paths.docs / "guide" / "linked.md").write_text("# Linked\n\n## Kept heading\n\nText.\n", encoding="utf-8")
    (paths.docs / "guide" / "linking.md").write_text("# Linking\n\n[See the heading](linked.md#kept-heading)\n",
                                           encoding="utf-8")
    assert pipeline.build(paths, today=TODAY).ok

    (paths.docs / "guide" / "linked.md").write_text("# Linked\n\n## Renamed heading\n\nText.\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="kept-heading"):
        pipeline.build(paths, today=TODAY)


def test_only_the_files_a_rebuild_writes_are_checked_against_the_allowlist_again(tmp_path, monkeypatch):
    paths = copy_project(tmp_path / "project")
    assert pipeline.build(paths, today=TODAY).ok
    untouched = paths.site / "charts" / "drug-offences-rate" / "index.html"
    theme = paths.site / "progress" / "rdhp-2025-supply" / "index.html"
    checked: list[str] = []

    def check(path, host):
        checked.append(path.name if path.name != "index.html" else path.parent.name)
        return path, []

    monkeypatch.setattr(allowlist, "_checked", check)
    monkeypatch.setattr(allowlist, "FILES_PER_WORKER_START", 10**9)  # in this process, where the stand-in is
    edit(paths.datasets)
    assert pipeline.build(paths, today=TODAY).ok
    assert "rdhp-2025-supply" in checked and "drug-offences-rate" not in checked
    reused = untouched.stat().st_ino

    checked.clear()
    assert pipeline.build(paths, today=TODAY).ok  # no change: the record the rebuild wrote is right, so all is reused
    assert untouched.stat().st_ino == reused and theme.is_file()
    assert "drug-offences-rate" not in checked and "rdhp-2025-supply" not in checked


def test_a_change_to_the_theme_overrides_rebuilds_every_page(tmp_path):
    paths = copy_project(tmp_path / "project")
    assert pipeline.build(paths, today=TODAY).ok
    chart = paths.site / "charts" / "drug-offences-rate" / "index.html"
    built = chart.stat().st_ino
    header = paths.docs / "overrides" / "partials" / "header.html"
    header.write_text(header.read_text(encoding="utf-8").replace("</header>", "<p>Theme changed</p></header>", 1),
                      encoding="utf-8")
    assert pipeline.build(paths, today=TODAY).ok
    assert chart.stat().st_ino != built
    assert "Theme changed" in chart.read_text(encoding="utf-8")
