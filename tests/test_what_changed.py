"""What a change does to the published site, in words, compared with another version of the data."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from build_charts import __main__ as cli
from build_charts.package import load_package
from build_charts.settings import PROJECT_ROOT
from build_charts.validate import Problem
from build_charts.what_changed import NoBase, datasets_at, site_addresses, what_changed
from conftest import copy_project, fixture_project, set_cell


def remove_row(datasets: Path, file: str, key: str) -> None:
    """Delete the row whose first column is `key`."""
    path = datasets / file
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(row for row in rows if row[0] != key)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture
def two_versions(tmp_path):
    """The fixture package before, and a copy to edit as the change."""
    return fixture_project(tmp_path / "before").datasets, fixture_project(tmp_path / "after").datasets


def test_a_figure_a_status_a_help_number_and_a_removed_chart_are_said_in_words(two_versions):
    before, after = two_versions
    set_cell(after, "indicator_values.csv", 3, "value", "1400")  # treatment-numbers, Exampleton, 2024/25
    set_cell(after, "progress.csv", 2, "status", "with-challenges")  # edap-1-1, 2023/24
    set_cell(after, "help_services.csv", 3, "phone", "0113 496 0009")  # Exampleton Drug Service
    remove_row(after, "charts.csv", "death-rate")
    warning = Problem(code="stale-contact", file="datasets/help_services.csv", row=3, column="last_verified", found="no date",
                      expected="a date", fix="Put today's date in last_verified.", severity="warning")

    report = what_changed(load_package(before), load_package(after), [warning], base="origin/main")

    assert report == """\
## What this changes on the published site

Compared with `origin/main`.

### Figures

- Adults in drug treatment, Exampleton, 2024/25: 1,350 → 1,400

### Progress reports

- **edap-1-1** Drug education in every secondary school (2023/24): status on track → under way, with challenges

### Help contacts

- Exampleton Drug Service: phone 0113 496 0000 → 0113 496 0009

### Pages and chart addresses

- Removed: `charts/death-rate/`: links that people saved or pasted to it will find nothing
- Removed: `charts/death-rate/2024-25/`: links that people saved or pasted to it will find nothing
- Removed: `charts/death-rate/embed/`: links that people saved or pasted to it will find nothing

### Checks

The data has 1 warning. The site will still be built.

```text
Warning in datasets/help_services.csv, row 3, column "last_verified"
  Found:    no date
  Expected: a date
  Fix:      Put today's date in last_verified.
```
"""


def test_commitments_added_and_removed_with_their_reports_and_pages(two_versions):
    before, after = two_versions
    remove_row(after, "commitments.csv", "edap-2-1")
    remove_row(after, "progress.csv", "edap-2-1")
    set_cell(after, "progress.csv", 2, "next_actions", "Keep going with <b>the schools</b>.")

    report = what_changed(load_package(before), load_package(after), [])

    assert "### Figures" not in report and "### Help contacts" not in report
    progress = report.split("### Progress reports\n\n")[1].split("\n\n")[0].splitlines()
    assert progress == [
        '- **edap-1-1** Drug education in every secondary school (2023/24): "Next actions" rewritten: '
        "“Keep going with \\<b\\>the schools\\</b\\>.”",
        "- **edap-2-1** Shorter waits for treatment (2024/25): report removed (it was under way, with challenges)",
    ]
    commitments = report.split("### Commitments\n\n")[1].split("\n\n")[0]
    assert commitments == "- Removed: **edap-2-1** Shorter waits for treatment"
    assert report.endswith("### Checks\n\nThe data passes every check.\n")


def relabel_statuses(datasets: Path, words: dict[str, str]) -> None:
    """Give some statuses other words in the package's descriptor, as a partnership rewording them would."""
    path = datasets / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    status = next(f for r in descriptor["resources"] if r["name"] == "progress"
                  for f in r["schema"]["fields"] if f["name"] == "status")
    for category in status["categories"]:
        category["label"] = words.get(category["value"], category["label"])
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def test_each_version_s_statuses_are_said_in_that_version_s_words(two_versions):
    before, after = two_versions
    relabel_statuses(after, {"complete": "Done", "on-track": "Going to plan"})
    set_cell(after, "progress.csv", 2, "status", "complete")  # edap-1-1, 2023/24: was on track
    remove_row(after, "progress.csv", "edap-2-1")  # was under way, with challenges

    base, change = load_package(before), load_package(after)
    report = what_changed(base, change, [])

    progress = report.split("### Progress reports\n\n")[1].split("\n\n")[0].splitlines()
    assert [line.split(": ", 1)[1] for line in progress] == [
        "status on track → done",
        "report removed (it was under way, with challenges)",
    ]
    # Loading the change left the base's words as they were.
    assert (base.vocab.status_label("on-track"), change.vocab.status_label("on-track")) == ("On track", "Going to plan")


def test_no_change_says_so():
    package = load_package(PROJECT_ROOT / "datasets")
    assert what_changed(package, package, [], base="HEAD").splitlines()[2:5] == [
        "Compared with `HEAD`.", "", "Nothing that the published site shows from the data changes."]


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_the_command_compares_the_data_with_a_git_version(tmp_path, capsys):
    paths = copy_project(tmp_path / "project")
    _git(paths.root, "init", "-q", "-b", "main")
    _git(paths.root, "add", "datasets")
    _git(paths.root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "Data")
    set_cell(paths.datasets, "help_services.csv", 3, "phone", "02380 881401")

    assert cli.main(["--project", str(paths.root), "what-changed", "--base", "main"]) == 0
    output = capsys.readouterr().out
    assert "### Help contacts\n\n- The Bridge: phone 02380 881400 → 02380 881401\n" in output
    assert "### Figures" not in output

    assert cli.main(["--project", str(paths.root), "what-changed", "--base", "no-such-branch"]) == 1
    assert capsys.readouterr().out.startswith('Cannot compare with "no-such-branch": git says fatal:')


def test_a_base_that_looks_like_an_option_is_refused(tmp_path):
    with pytest.raises(NoBase, match='"--output=x" is not a branch, tag or commit.'):
        datasets_at(PROJECT_ROOT, "--output=x", tmp_path)


def test_the_addresses_compared_are_the_pages_the_site_builds(built_site):
    addresses = site_addresses(load_package(PROJECT_ROOT / "datasets"))
    built = {p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html")}
    assert addresses - built == set()
    assert {a for a in built if a.startswith("charts/") and a != "charts/"} == {a for a in addresses if a.startswith("charts/")}
    assert any(a.count("/") == 3 and not a.endswith("embed/") for a in addresses if a.startswith("charts/"))  # as-at versions


def _committed_project(tmp_path: Path, edit_base=None):
    """A project copy in a git repository whose commit on main holds its data (edited by `edit_base` first)."""
    paths = copy_project(tmp_path / "project")
    if edit_base:
        edit_base(paths.datasets)
    _git(paths.root, "init", "-q", "-b", "main")
    _git(paths.root, "add", "-A", "datasets")
    _git(paths.root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "Data")
    return paths


def test_data_with_errors_is_not_compared_and_its_errors_are_listed(tmp_path, capsys):
    paths = _committed_project(tmp_path)
    set_cell(paths.datasets, "indicator_values.csv", 3, "value", "about 18000")
    assert cli.main(["--project", str(paths.root), "what-changed", "--base", "main"]) == 0
    output = capsys.readouterr().out
    assert output.startswith("## What this changes on the published site\n\nCompared with `main`.\n\n"
                             "The data cannot be compared until the errors below are fixed.\n\n### Checks\n\n"
                             "The data has 1 error")
    assert 'Error in datasets/indicator_values.csv, row 3, column "value"' in output


def test_a_base_in_an_older_layout_says_it_cannot_be_compared(tmp_path, capsys):
    def without_theme_outcomes(datasets: Path) -> None:
        descriptor = json.loads((datasets / "datapackage.json").read_text(encoding="utf-8"))
        descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "theme_outcomes"]
        (datasets / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        (datasets / "theme_outcomes.csv").unlink()

    paths = _committed_project(tmp_path, without_theme_outcomes)
    shutil.rmtree(paths.datasets)
    shutil.copytree(PROJECT_ROOT / "datasets", paths.datasets)
    assert cli.main(["--project", str(paths.root), "what-changed", "--base", "main"]) == 0
    assert capsys.readouterr().out.splitlines()[4] == (
        "The data at `main` is laid out as an older version of this site kit laid it out, so the change cannot be "
        "put in words. Compare with a more recent version.")


def test_a_question_mark_that_took_the_place_of_a_character_is_reported_against_the_base(tmp_path, capsys):
    paths = copy_project(tmp_path / "project")
    set_cell(paths.datasets, "progress.csv", 3, "achievements", "Response times fell to ≤ 3 days")
    _git(paths.root, "init", "-q", "-b", "main")
    _git(paths.root, "add", "datasets")
    _git(paths.root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "Data")
    path = paths.datasets / "progress.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))  # Excel's "CSV" save
    assert cli.main(["--project", str(paths.root), "validate", "--fix"]) == 0  # valid: only a comparison can tell

    assert cli.main(["--project", str(paths.root), "what-changed", "--base", "main"]) == 0
    assert ('Error in datasets/progress.csv, row 3, column "achievements"\n'
            '  Found:    "Response times fell to ? 3 days", where the earlier version had "Response times fell to ≤ 3 '
            'days": "≤" became ?\n'
            "  Expected: every character kept as it was\n"
            "  Fix:      Put the character back (copy it from the earlier version). The file was saved as 'CSV (Comma "
            "delimited)', which cannot hold it: save it as 'CSV UTF-8 (Comma delimited)'.") in capsys.readouterr().out
