"""The staging folder the site builder reads holds exactly what the build makes: changed files rewritten,
unchanged ones left alone, and anything no longer made deleted."""

from __future__ import annotations

import os

from build_charts import pipeline
from build_charts.staging import folder_files, sync_folder
from conftest import TODAY, copy_project


def test_a_sync_writes_what_changed_leaves_the_rest_and_deletes_what_is_no_longer_made(tmp_path):
    folder = tmp_path / "staging"
    sync_folder(folder, {"a/index.md": b"one", "b/index.md": b"two", "old/deep/index.md": b"gone soon",
                         "thing": b"a file that becomes a folder"})
    unchanged = folder / "a" / "index.md"
    os.utime(unchanged, (1_000_000, 1_000_000))

    sync_folder(folder, {"a/index.md": b"one", "b/index.md": b"TWO", "thing/index.md": b"now a folder"})

    assert folder_files(folder) == {"a/index.md": b"one", "b/index.md": b"TWO", "thing/index.md": b"now a folder"}
    assert unchanged.stat().st_mtime == 1_000_000  # not written again
    assert not (folder / "old").exists()  # emptied folders go too


def test_a_rebuild_drops_the_page_of_a_chart_taken_out_of_the_catalogue(tmp_path):
    paths = copy_project(tmp_path / "project")
    assert pipeline.build(paths, today=TODAY).ok
    assert (paths.staging / "charts" / "drug-offences-rate" / "index.md").exists()
    catalogue = paths.datasets / "charts.csv"
    lines = catalogue.read_text(encoding="utf-8").splitlines(keepends=True)
    catalogue.write_text("".join(line for line in lines if not line.startswith("drug-offences-rate,")),
                         encoding="utf-8")
    published = paths.datasets / "published_urls.txt"  # a deliberate removal takes its addresses off the list too
    published.write_text("".join(line for line in published.read_text(encoding="utf-8").splitlines(keepends=True)
                                 if "/drug-offences-rate/" not in line), encoding="utf-8")
    assert pipeline.build(paths, today=TODAY).ok
    assert not (paths.staging / "charts" / "drug-offences-rate").exists()
    assert not (paths.site / "charts" / "drug-offences-rate").exists()
    assert (paths.staging / "data" / "charts.csv").read_bytes() == catalogue.read_bytes()
