"""The route for another partnership, followed literally: a fork renames the package, replaces the data and starts
its own list of published addresses, and then validates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from test_published_files import ZIP_ADDRESS_LOST
from test_validate import run_cli

from build_charts.validate import validate_package
from build_charts.validate.checks.published import PUBLISHED_URLS, published_addresses
from build_charts.validate.report import as_text
from conftest import TODAY, copy_project

EXAMPLETON = Path(__file__).parent / "fixtures" / "exampleton"


def fork_for_exampleton(target: Path):
    """A copy of the kit as a new partnership makes it (README, "Publish a site for your partnership", steps 1-4):
    its own CSV files and hand-written pages, and the partnership block and package name in datapackage.json."""
    paths = copy_project(target)
    for csv_file in (EXAMPLETON / "datasets").glob("*.csv"):
        shutil.copy2(csv_file, paths.datasets / csv_file.name)
    for post in (paths.docs / "updates").glob("*.md"):
        post.unlink()  # the first partnership's news posts (a new site starts with none)
    for page in (EXAMPLETON / "docs").glob("*.md"):
        shutil.copy2(page, paths.docs / page.name)
    descriptor_file = paths.datasets / "datapackage.json"
    descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    descriptor.update(json.loads((EXAMPLETON / "datasets" / "partnership.json").read_text(encoding="utf-8")))
    descriptor_file.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return paths


def _errors(paths) -> list[str]:
    problems = validate_package(paths.datasets, today=TODAY, docs=paths.docs, exclude=paths.overrides)
    return [as_text(p) for p in problems if p.is_error]


def test_a_fork_with_a_renamed_package_is_told_to_start_its_own_list_in_one_problem(tmp_path):
    paths = fork_for_exampleton(tmp_path / "exampleton")
    errors = _errors(paths)
    assert [e for e in errors if "published_urls.txt" in e] == [ZIP_ADDRESS_LOST]


def test_a_new_partnership_starts_its_own_list_and_then_validates(tmp_path):
    paths = fork_for_exampleton(tmp_path / "exampleton")
    started = run_cli(paths.root, "new-partnership")
    assert (started.returncode, started.stdout) == (0, (
        "Started datasets/published_urls.txt for this partnership: it lists only its home page, /, and "
        "/data/exampleton-drug-and-alcohol.zip, the zip of its data.\n"
        "Next: python -m build_charts validate. It warns for each chart whose address is not listed yet; add those "
        "lines before the site is first published, and the address of every new chart or page after.\n"))
    assert published_addresses(paths.datasets) == ["/", "/data/exampleton-drug-and-alcohol.zip"]
    listed = (paths.datasets / PUBLISHED_URLS).read_text(encoding="utf-8")
    assert listed.startswith("# Every address the site has published.")
    assert _errors(paths) == []
    # README step 6: validate warns for each chart whose address is not listed yet, with the line to add.
    problems = validate_package(paths.datasets, today=TODAY, docs=paths.docs, exclude=paths.overrides)
    chart_ids = [line.split(",", 1)[0] for line in (paths.datasets / "charts.csv").read_text().splitlines()[1:]]
    assert sorted(p.fix for p in problems if p.code == "address-not-listed") == sorted(
        f"Add the line /charts/{chart_id}/ to datasets/published_urls.txt in the same pull request as the chart."
        for chart_id in chart_ids if chart_id)


def test_the_first_partnership_cannot_start_its_list_again_by_mistake(tmp_path):
    paths = copy_project(tmp_path / "project")
    before = (paths.datasets / PUBLISHED_URLS).read_text(encoding="utf-8")
    refused = run_cli(paths.root, "new-partnership")
    assert (refused.returncode, refused.stdout) == (1, (
        "Nothing was changed. datasets/published_urls.txt already lists /data/southampton-reducing-drug-harm.zip, "
        "this package's zip: it is this partnership's own list of published addresses. To start a new "
        'partnership\'s list, first give the package its new name in datasets/datapackage.json ("name", for '
        'example "exampleton-drug-partnership").\n'))
    assert (paths.datasets / PUBLISHED_URLS).read_text(encoding="utf-8") == before
