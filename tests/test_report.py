"""How problems are shown: plain text for a comms officer, annotations on the line of a pull request."""

from __future__ import annotations

import csv

from test_validate import line_of, run_cli

from build_charts.validate import ERROR, WARNING, Problem
from build_charts.validate.report import as_github_annotations, as_report, as_text, location, summary
from conftest import copy_project, set_cell

STATUS = Problem(code="not-allowed-value", file="datasets/progress.csv", row=2, column="status", found='"Green"',
                 expected="one of: complete, on-track", fix='Write it as "on-track".')
PAGE = Problem(code="stigmatising-language", file="docs/index.md", line=12, found='"addicts" in "Addicts were…"',
               expected="person-first wording", fix='Write "person who uses drugs" instead.', severity=WARNING)


def test_location_names_the_file_row_and_column_as_a_spreadsheet_shows_them():
    assert location(STATUS) == 'datasets/progress.csv, row 2, column "status"'


def test_location_of_a_page_problem_is_its_line():
    assert location(PAGE) == "docs/index.md, line 12"


def test_a_problem_reads_as_four_plain_lines():
    assert as_text(STATUS) == (
        'Error in datasets/progress.csv, row 2, column "status"\n'
        '  Found:    "Green"\n'
        "  Expected: one of: complete, on-track\n"
        '  Fix:      Write it as "on-track".'
    )


def test_the_summary_says_whether_anything_was_published():
    assert summary([STATUS, PAGE]) == "The data has 1 error and 1 warning. Fix the errors above; nothing was published."
    assert summary([PAGE]) == "The data is valid, with 1 warning to look at."
    assert summary([]) == "The data is valid."
    assert as_report([]) == "The data is valid."


def test_github_annotations_put_each_problem_on_its_file_and_line_with_escaped_text():
    multiline = Problem(code="x", file="datasets/commitments.csv", row=12, line=40, column="note",
                        found='text starting with "=": "=1+1"', expected="plain text, 100%",
                        fix="Line one.\nLine two.")
    assert as_github_annotations([STATUS, PAGE, multiline]) == "\n".join([
        '::error file=datasets/progress.csv,line=2,title=status%3A "Green"::'
        'Expected one of: complete, on-track. Write it as "on-track".',
        '::warning file=docs/index.md,line=12,title="addicts" in "Addicts were…"::'
        'Expected person-first wording. Write "person who uses drugs" instead.',
        '::error file=datasets/commitments.csv,line=40,title=note%3A text starting with "="%3A "=1+1"::'
        "Expected plain text, 100%25. Line one.%0ALine two.",
    ])


def test_github_annotations_fall_back_to_a_given_line_map_then_to_the_row():
    assert as_github_annotations([STATUS], lines={("datasets/progress.csv", 2): 7}).startswith(
        "::error file=datasets/progress.csv,line=7,")
    file_only = Problem(code="windows-line-endings", file="datasets/sources.csv", found="f", expected="e", fix="x",
                        severity=ERROR)
    assert as_github_annotations([file_only]) == "::error file=datasets/sources.csv,title=f::Expected e. x"


def test_validate_on_github_actions_prints_annotations_on_the_line_each_row_starts(tmp_path):
    paths = copy_project(tmp_path / "project")
    set_cell(paths.datasets, "progress.csv", 2, "status", "Green")
    set_cell(paths.datasets, "commitments.csv", 12, "note", "=1+1")
    commitment = _id_in_row(paths.datasets / "commitments.csv", 12)
    result = run_cli(paths.root, "validate", GITHUB_ACTIONS="true")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert annotations == [
        f"::error file=datasets/commitments.csv,line={line_of(paths.datasets, 'commitments.csv', commitment)},"
        'title=note%3A text starting with "="%3A "=1+1"::Expected text that does not start with =, +, - or @ '
        "(a spreadsheet would run it as a formula). Start the cell with a word. For a bullet point, start the line "
        "with '* '.",
        '::error file=datasets/progress.csv,line=2,title=status%3A "Green"::Expected one of: complete, on-track, '
        "with-challenges, not-started, not-applicable, not-assessed. Colour ratings are not used. Choose the value "
        'that matches the words in the source, or "not-assessed" if the source gives no rating.',
    ]
    assert "Error in datasets/progress.csv, row 2, column \"status\"" in result.stdout  # the plain report follows


def test_validate_outside_github_actions_prints_no_annotations(tmp_path):
    paths = copy_project(tmp_path / "project")
    set_cell(paths.datasets, "progress.csv", 2, "status", "Green")
    result = run_cli(paths.root, "validate")
    assert result.returncode == 1
    assert "::error" not in result.stdout


def _id_in_row(path, row: int) -> str:
    """The commitment_id in a spreadsheet row of commitments.csv."""
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))[row - 2]["commitment_id"]
