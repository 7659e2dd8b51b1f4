"""Only files inside the project reach the site: a link (symlink) is named by validation and never followed."""

from __future__ import annotations

import pytest

from build_charts import pipeline
from build_charts.staging import folder_files
from build_charts.validate.report import as_text
from conftest import TODAY, copy_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("inside"))


@pytest.fixture
def secret(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "config").write_text("[http]\n  extraheader = AUTHORIZATION: basic c2VjcmV0\n", encoding="utf-8")
    return outside


@pytest.mark.parametrize("where", ["docs/assets/notes.txt", "datasets/extra.csv", "locale/en/LC_MESSAGES/x.po",
                                   "docs/assets/folder"])
def test_validate_names_a_link_to_a_file_outside_the_project(project, secret, where):
    link = project.root / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret / "config" if not where.endswith("folder") else secret)
    try:
        mine = [as_text(p) for p in pipeline.validate(project, today=TODAY).problems if p.code == "link-not-file"]
    finally:
        link.unlink()
    assert mine == [
        f"Error in {where}\n"
        "  Found:    a link to another file or folder (a symlink), not a file\n"
        "  Expected: files and folders only: the site publishes nothing from outside the project\n"
        "  Fix:      Delete the link and put a copy of the file itself in its place, if the site needs it."]


def test_the_build_never_reads_through_a_link(tmp_path, secret):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "assets" / "notes.txt").symlink_to(secret / "config")
    (docs / "linked").symlink_to(secret)
    assert set(folder_files(docs)) == {"index.md"}
