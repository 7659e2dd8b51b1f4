"""Publishing is crash-safe: a complete site/ exists at every moment, what a killed build leaves is tidied by the
next one, and a file that cannot be written stops the build with one plain message, never a traceback."""

from __future__ import annotations

import errno
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from build_charts import pipeline, site
from build_charts.__main__ import main
from conftest import TODAY, copy_project, page, set_cell


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """A project built once, to copy (site and chart cache included) for each test."""
    paths = copy_project(tmp_path_factory.mktemp("publish") / "project")
    assert pipeline.build(paths, today=TODAY).ok
    return paths


@pytest.fixture
def project(built_once, tmp_path):
    root = shutil.copytree(built_once.root, tmp_path / "project", symlinks=True)
    return pipeline.Paths(root)


def _leftovers(paths) -> list[str]:
    return sorted(p.name for p in paths.root.iterdir() if p.name.startswith(".site"))


def _killed_at_second_rename(monkeypatch) -> None:
    """Make the second folder rename of the build raise, as if the build were killed there."""
    renames = []
    real_rename = Path.rename

    def rename(self, target):
        renames.append(self)
        if len(renames) == 2:
            raise KeyboardInterrupt("killed")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)


def _killed_at_the_swap(monkeypatch, after: bool) -> list[bool]:
    """Kill the build at the step that puts the new site in place: just before it, or just after it succeeded.

    Returns, as the build goes, whether each swap was made in one step."""
    swaps = []
    real_exchange = site.exchange_folders

    def exchange(first, second):
        if after:
            swaps.append(real_exchange(first, second))
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(site, "exchange_folders", exchange)
    return swaps


@pytest.mark.skipif(sys.platform != "linux", reason="folders are exchanged in one step on Linux only")
def test_a_build_killed_just_after_the_new_site_replaces_the_old_leaves_the_new_site_complete(project, monkeypatch):
    (project.docs / "index.md").write_text("# A new home page\n", encoding="utf-8")
    swaps = _killed_at_the_swap(monkeypatch, after=True)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build(project, today=TODAY)
    assert swaps == [True]
    assert page(project.site, "").h1.get_text(strip=True) == "A new home page"
    assert (project.site / "get-help" / "index.html").is_file()


def test_a_build_killed_just_before_the_new_site_replaces_the_old_leaves_the_old_site_complete(project, monkeypatch):
    before = (project.site / "index.html").read_bytes()
    (project.docs / "index.md").write_text("# A new home page\n", encoding="utf-8")
    _killed_at_the_swap(monkeypatch, after=False)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build(project, today=TODAY)
    assert (project.site / "index.html").read_bytes() == before
    assert (project.site / "get-help" / "index.html").is_file()
    monkeypatch.undo()
    assert pipeline.build(project, today=TODAY).ok
    assert _leftovers(project) == []


def test_where_folders_cannot_be_exchanged_the_next_build_puts_back_the_site_a_killed_build_moved_aside(
        project, monkeypatch):
    before = (project.site / "index.html").read_bytes()
    monkeypatch.setattr(site, "exchange_folders", lambda *_folders: False)
    (project.docs / "index.md").write_text("# A new home page\n", encoding="utf-8")
    _killed_at_second_rename(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build(project, today=TODAY)
    monkeypatch.undo()
    set_cell(project.datasets, "progress.csv", 2, "status", "Green")  # the next build stops at validation

    assert not pipeline.build(project, today=TODAY).ok

    assert (project.site / "index.html").read_bytes() == before
    assert _leftovers(project) == []


def test_the_next_build_removes_what_killed_builds_left(project):
    for name in (".site-new-k1ll3d", ".site-old", ".site-old-k1ll3d"):
        (project.root / name / "charts").mkdir(parents=True)
        (project.root / name / "charts" / "big.png").write_bytes(b"\0" * 100_000)
    half_written = project.cache / ".0123abcd.svg.x9y8z7.partial"
    half_written.write_bytes(b"<svg")

    assert pipeline.build(project, today=TODAY).ok

    assert _leftovers(project) == []
    assert not half_written.exists()
    assert (project.site / "index.html").is_file()


def _build_command(paths, capsys) -> tuple[int, str]:
    code = main(["--project", str(paths.root), "build"])
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    return code, printed.out.strip().splitlines()[-1]


def test_a_full_disk_stops_the_build_with_one_plain_message_and_the_site_as_it_was(project, monkeypatch, capsys):
    before = (project.site / "index.html").read_bytes()
    (project.docs / "index.md").write_text("# A new home page\n", encoding="utf-8")
    page = project.staging / "index.md"

    def disk_full(self, _content):
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", disk_full)

    assert _build_command(project, capsys) == (1, (
        f"Could not write the site to {page}: the disk is full. Free some space and build again. "
        "The published site was left as it was."))
    assert (project.site / "index.html").read_bytes() == before
    assert _leftovers(project) == []


def test_a_folder_that_cannot_be_written_stops_the_build_with_one_plain_message(project, monkeypatch, capsys):
    def refused(*_args, dir=None, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(dir))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)

    assert _build_command(project, capsys) == (1, (
        f"Could not write the site to {project.root}: the folder cannot be written to by this account. Make the "
        "folder writable (or build in a folder you own) and build again. The published site was left as it was."))
    assert (project.site / "index.html").is_file()
