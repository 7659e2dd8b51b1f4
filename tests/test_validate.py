"""Broken copies of the real data package: each gives the exact plain-English message a comms officer sees."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from build_charts.package import load_package
from build_charts.pages.by_agency import BY_LEAD_AGENCY
from build_charts.pages.by_outcome import BY_OUTCOME
from build_charts.settings import PROJECT_ROOT
from build_charts.validate import validate_package
from build_charts.validate.checks.theme_ids import RESERVED_THEME_IDS
from build_charts.validate.report import as_text
from build_charts.validate.run import row_lines
from conftest import TODAY, append_row, copy_project, set_cell


@cache
def _real_problems() -> frozenset:
    """The problems the unedited package already has (warnings such as unchecked help contacts)."""
    return frozenset(replace(p, line=None) for p in validate_package(PROJECT_ROOT / "datasets", today=TODAY))


def new_messages(datasets: Path, strict: bool = False) -> list[str]:
    """The messages an edit adds to those of the real package, in the order the report prints them."""
    problems = validate_package(datasets, today=TODAY, strict=strict)
    return [as_text(p) for p in problems if replace(p, line=None) not in _real_problems()]


def run_cli(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`python -m build_charts --project <project> ...` as a comms officer (or CI) runs it."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | env
    return subprocess.run([sys.executable, "-m", "build_charts", "--project", str(project), *args],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, env=environment, timeout=120)


def rewrite_rows(datasets: Path, file: str, change) -> None:
    """Apply change(rows) to a file's rows (header included) and save it as comma-separated UTF-8."""
    path = datasets / file
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    change(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def drop_column(rows: list[list[str]], name: str) -> None:
    index = rows[0].index(name)
    for row in rows:
        del row[index]


def insert_column(rows: list[list[str]], position: int, heading: str, value: str) -> None:
    for number, row in enumerate(rows):
        row.insert(position, heading if number == 0 else value)


def line_of(datasets: Path, file: str, starts_with: str) -> int:
    """The line of the file a row starts on, found by its first cell."""
    lines = (datasets / file).read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(starts_with + ","))


# How the spreadsheet saved the file


def test_validate_reports_a_file_excel_saved_as_windows_1252_once_at_the_first_bad_character(make_package):
    def edit(datasets):
        set_cell(datasets, "help_services.csv", 3, "offers", "Open access drug centre – café")
        path = datasets / "help_services.csv"
        path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))

    assert new_messages(make_package(edit)) == [
        'Error in datasets/help_services.csv, row 3, column "offers"\n'
        '  Found:    "Open access drug centre – café", saved in an older encoding (Windows-1252) rather than UTF-8\n'
        "  Expected: a file saved as CSV UTF-8, so that characters such as £, é, – and curly quotes show correctly\n"
        "  Fix:      In Excel choose File > Save As and pick 'CSV UTF-8 (Comma delimited)', not 'CSV (Comma "
        "delimited)'. Other special characters in the file are affected too; saving again fixes them all."
    ]


def test_a_lookup_file_in_windows_1252_is_reported_once_not_again_for_each_file_that_refers_to_it(make_package):
    def edit(datasets):
        path = datasets / "themes.csv"
        path.write_bytes(path.read_text(encoding="utf-8").replace("Engagement", "Engagement – café", 1).encode("cp1252"))

    messages = new_messages(make_package(edit))
    assert [m.splitlines()[0] for m in messages] == ['Error in datasets/themes.csv, row 2, column "title"']


def test_a_missing_file_is_reported_once(make_package):
    datasets = make_package(lambda d: (d / "themes.csv").unlink())
    assert new_messages(datasets) == [
        "Error in datasets/themes.csv\n"
        "  Found:    no such file\n"
        "  Expected: the file themes.csv in the datasets folder\n"
        "  Fix:      Put the file back, or undo the change that renamed or deleted it."
    ]


def test_a_byte_order_mark_and_windows_line_endings_are_harmless_and_read_as_the_same_data(make_package):
    def edit(datasets):  # as Excel saves: a byte-order mark, and CRLF between rows (a line break in a cell stays LF)
        for name in ("themes.csv", "progress.csv"):
            path = datasets / name
            rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerows(rows)
            path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))

    datasets = make_package(edit)
    assert (datasets / "progress.csv").read_bytes().count(b"\r\n") == 15  # the heading and 14 rows
    assert new_messages(datasets) == []
    saved, original = load_package(datasets), load_package(PROJECT_ROOT / "datasets")
    for name in ("themes", "progress"):
        pd.testing.assert_frame_equal(saved.frames[name], original.frames[name])


def test_validate_reports_a_semicolon_separated_file_once(make_package):
    def edit(datasets):
        path = datasets / "indicators.csv"
        rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")

    assert new_messages(make_package(edit)) == [
        "Error in datasets/indicators.csv, row 1\n"
        "  Found:    values separated by semicolons (;)\n"
        "  Expected: values separated by commas (,)\n"
        "  Fix:      In your spreadsheet choose Save As, then 'CSV UTF-8 (Comma delimited)'. Some language settings "
        "make Excel save with semicolons."
    ]


@pytest.mark.parametrize(("appended", "found"), [
    (",,,,\n\n,,,,\n", "3 empty rows at the end of the file (rows 26 to 28)"),
    ('"", ,,"  ",\n', "1 empty row at the end of the file (row 26)"),  # only spaces, commas and quotes
], ids=["empty-rows", "spaces-commas-and-quotes"])
def test_empty_rows_at_the_end_are_one_warning_that_never_blocks_and_the_build_leaves_them_out(make_package, appended,
                                                                                               found):
    def edit(datasets):
        path = datasets / "glossary.csv"
        path.write_text(path.read_text(encoding="utf-8") + appended, encoding="utf-8")

    datasets = make_package(edit)
    assert new_messages(datasets) == [
        "Warning in datasets/glossary.csv, row 26\n"
        f"  Found:    {found}\n"
        "  Expected: the file to end with its last row of data\n"
        "  Fix:      They do no harm: the site leaves them out. To tidy the file, delete them in your spreadsheet; "
        "on a pull request the Autofix check removes them for you, and on your computer 'python -m build_charts "
        "validate --fix' does."
    ]
    pd.testing.assert_frame_equal(load_package(datasets).frames["glossary"],
                                  load_package(PROJECT_ROOT / "datasets").frames["glossary"])


# Column headings


def test_validate_reports_a_missing_column_once_not_a_shifted_heading_for_every_column_after_it(make_package):
    datasets = make_package(lambda d: rewrite_rows(d, "progress.csv", lambda rows: drop_column(rows, "status")))
    assert new_messages(datasets) == [
        'Error in datasets/progress.csv, row 1, column "status"\n'
        '  Found:    no column headed "status"\n'
        '  Expected: a column headed "status"\n'
        '  Fix:      Add the "status" column back, with the heading spelled exactly "status". If it was deleted by '
        "mistake, undo the change."
    ]


@pytest.mark.parametrize("heading", ["Status", "RAG status"])
def test_validate_reports_a_renamed_column(make_package, heading):
    def edit(datasets):
        rewrite_rows(datasets, "progress.csv", lambda rows: rows[0].__setitem__(rows[0].index("status"), heading))

    assert new_messages(make_package(edit)) == [
        'Error in datasets/progress.csv, row 1, column "status"\n'
        f'  Found:    the column heading "{heading}"\n'
        '  Expected: the column heading "status"\n'
        f'  Fix:      Rename the column "{heading}" back to "status". Headings must be spelled exactly as in '
        "datasets/datapackage.json, in lower case."
    ]


def test_validate_reports_an_extra_column_once_even_in_the_middle_of_the_file(make_package):
    def edit(datasets):
        rewrite_rows(datasets, "progress.csv", lambda rows: insert_column(rows, 3, "RAG rating", "Green"))

    assert new_messages(make_package(edit)) == [
        'Error in datasets/progress.csv, row 1, column "RAG rating"\n'
        '  Found:    a column headed "RAG rating", which the data package does not list\n'
        "  Expected: only the columns listed in datasets/datapackage.json\n"
        '  Fix:      Delete the column "RAG rating", or ask a developer to add it to the data package.'
    ]


def test_validate_reports_a_repeated_and_a_blank_heading(make_package):
    def edit(datasets):
        rewrite_rows(datasets, "themes.csv", lambda rows: (insert_column(rows, 7, "title", "x"),
                                                          insert_column(rows, 8, "", "")))

    assert new_messages(make_package(edit)) == [
        'Error in datasets/themes.csv, row 1, column "I"\n'
        "  Found:    a column with no heading (spreadsheet column I)\n"
        "  Expected: a heading for every column\n"
        "  Fix:      Delete the empty column, or type its heading if it holds data.",
        'Error in datasets/themes.csv, row 1, column "title"\n'
        '  Found:    the column heading "title" a second time (spreadsheet column H)\n'
        "  Expected: each column heading once\n"
        '  Fix:      Delete the second "title" column, or rename it to the column it should be.',
    ]


# Cells


def test_validate_reports_an_empty_required_cell(make_package):
    datasets = make_package(lambda d: set_cell(d, "commitments.csv", 3, "title", ""))
    assert new_messages(datasets) == [
        'Error in datasets/commitments.csv, row 3, column "title"\n'
        "  Found:    an empty cell\n"
        "  Expected: a value: this column must not be empty\n"
        '  Fix:      Fill in the "title" cell (the commitment as written), copying it from the source document.'
    ]


def test_validate_reports_n_a_in_a_number(make_package):
    datasets = make_package(lambda d: set_cell(d, "indicator_values.csv", 3, "value", "n/a"))
    assert new_messages(datasets) == [
        'Error in datasets/indicator_values.csv, row 3, column "value"\n'
        '  Found:    "n/a"\n'
        "  Expected: a number, such as 2.5\n"
        "  Fix:      This column needs a number. If the source gives no number, delete the row."
    ]


@pytest.mark.parametrize(("typed", "fix"), [
    ("17,000", 'Write it as "17000": the number only, without commas, £ or % signs.'),
    ("2,9", 'Did you mean 2.9? Write it as "2.9", with a decimal point: a comma is read as a thousands separator, and '
            "some language settings make a spreadsheet write a decimal comma."),
    ("8,4", 'Did you mean 8.4? Write it as "8.4", with a decimal point: a comma is read as a thousands separator, and '
            "some language settings make a spreadsheet write a decimal comma."),
], ids=["thousands", "decimal-comma", "decimal-comma-8-4"])
def test_validate_suggests_the_number_meant_for_one_typed_with_a_comma(make_package, typed, fix):
    datasets = make_package(lambda d: set_cell(d, "indicator_values.csv", 3, "value", typed))
    assert new_messages(datasets) == [
        'Error in datasets/indicator_values.csv, row 3, column "value"\n'
        f'  Found:    "{typed}"\n'
        "  Expected: a number, such as 2.5\n"
        f"  Fix:      {fix}"
    ]


def test_a_spreadsheet_error_value_says_what_excel_did_and_is_the_only_problem_on_its_cell(make_package):
    def edit(datasets):
        set_cell(datasets, "progress.csv", 2, "next_actions", "#NAME?")
        set_cell(datasets, "indicator_values.csv", 3, "value", "#N/A")

    assert new_messages(make_package(edit)) == [
        'Error in datasets/indicator_values.csv, row 3, column "value"\n'
        '  Found:    "#N/A", a spreadsheet error value: the cell held a look-up formula that found nothing. What was '
        "typed is lost\n"
        "  Expected: the value itself, as the source gives it\n"
        "  Fix:      Type the value again from the source. To stop it happening again, format the column as Text before "
        "typing, or start the cell with an apostrophe (') so Excel keeps what you type. If the source gives no value, "
        "leave the cell empty.",
        'Error in datasets/progress.csv, row 2, column "next_actions"\n'
        '  Found:    "#NAME?", a spreadsheet error value: Excel ran the cell as a formula because it started with =, +, '
        '- or @ (a bullet such as "- Next step" does this), and could not read the words as one. What was typed is '
        "lost\n"
        "  Expected: the value itself, as the source gives it\n"
        "  Fix:      Type the value again from the source. To stop it happening again, format the column as Text before "
        "typing, or start the cell with an apostrophe (') so Excel keeps what you type.",
    ]


def test_no_message_quotes_the_data_checkers_own_wording_or_error_names():
    import frictionless.errors as errors

    from build_charts.validate.frictionless import translate

    kinds = {cls for name in dir(errors) if isinstance(cls := getattr(errors, name), type)
             and issubclass(cls, errors.Error) and cls.type}
    assert {"unmatched-header", "row-constraint", "blank-header"} <= {cls.type for cls in kinds}
    for cls in kinds:
        error = type("Fake", (), {"type": cls.type, "title": cls.title, "description": cls.description,
                                  "row_number": 3, "field_name": "note", "note": "", "cell": "x"})()
        try:
            problem = translate(error, "datasets/progress.csv")
        except (AttributeError, TypeError):
            continue  # a translator that needs the real error's details (they are our own words: tested above)
        words = f"{problem.found} {problem.expected} {problem.fix}"
        assert cls.title not in words and (not cls.description or cls.description not in words), cls.type
        assert "fieldsMatch" not in words and "Unmatched Header" not in words


def test_validate_reports_jan_2025_in_a_date_and_in_a_month(make_package):
    def edit(datasets):
        set_cell(datasets, "help_services.csv", 3, "last_verified", "Jan 2025")
        set_cell(datasets, "progress.csv", 3, "reported_on", "Jan 2025")

    assert new_messages(make_package(edit)) == [
        'Error in datasets/help_services.csv, row 3, column "last_verified"\n'
        '  Found:    "Jan 2025"\n'
        "  Expected: a real date written as YYYY-MM-DD, such as 2025-01-31\n"
        '  Fix:      This column needs the day as well. Write it as year-month-day, e.g. "2025-01-15" for '
        "15 January 2025.",
        'Error in datasets/progress.csv, row 3, column "reported_on"\n'
        '  Found:    "Jan 2025"\n'
        "  Expected: a month written as YYYY-MM, such as 2025-01\n"
        '  Fix:      Write it as "2025-01".',
    ]


@pytest.mark.parametrize(("typed", "fix"), [
    ("31/02/2025", "There is no 31 February 2025: check the date in the source, then write it as year-month-day, "
                   "e.g. 2025-01-31."),
    ("2025-02-31", "There is no 31 February 2025: check the date in the source, then write it as year-month-day, "
                   "e.g. 2025-01-31."),
    ("03/11/2026", 'Write it as "2026-11-03" (year-month-day), which reads as 3 November 2026.'),
    ("25/11/98", 'Write it as "1998-11-25" (year-month-day), which reads as 25 November 1998. The year 98 is read as '
                 "1998, as Excel reads a two-digit year: check it."),
    ("25/11/26", 'Write it as "2026-11-25" (year-month-day), which reads as 25 November 2026. The year 26 is read as '
                 "2026, as Excel reads a two-digit year: check it."),
    ("46000", 'A spreadsheet turned the date into a day number; it stands for 9 December 2025. Write it as '
              '"2025-12-09" and format the column as Text.'),
])
def test_validate_explains_a_date_written_day_first_or_impossible(make_package, typed, fix):
    datasets = make_package(lambda d: set_cell(d, "help_services.csv", 3, "last_verified", typed))
    assert new_messages(datasets) == [
        'Error in datasets/help_services.csv, row 3, column "last_verified"\n'
        f'  Found:    "{typed}"\n'
        "  Expected: a real date written as YYYY-MM-DD, such as 2025-01-31\n"
        f"  Fix:      {fix}"
    ]


@pytest.mark.parametrize(("file", "row", "column", "typed", "expected", "fix"), [
    ("progress.csv", 2, "period", "2024-25", "The reporting period: a year (2024) or a financial year (2024/25).",
     'Write a financial year as "2024/25".'),
    ("sources.csv", 2, "published", "March 2024",
     "Publication date as YYYY, YYYY-MM or YYYY-MM-DD. Empty when the document does not say.",
     'Write it as "2024-03".'),
    ("glossary.csv", 2, "term_id", "County Lines", "", 'Write it as "county-lines": lower-case letters, digits and '
     "hyphens only."),
])
def test_validate_suggests_the_format_a_column_uses(make_package, file, row, column, typed, expected, fix):
    datasets = make_package(lambda d: set_cell(d, file, row, column, typed))
    [message] = new_messages(datasets)
    assert message.splitlines()[0] == f'Error in datasets/{file}, row {row}, column "{column}"'
    assert message.splitlines()[1] == f'  Found:    "{typed}"'
    assert expected in message.splitlines()[2]
    assert message.splitlines()[3] == f"  Fix:      {fix}"


def test_validate_reports_status_outside_vocabulary(make_package):
    def edit(datasets):
        set_cell(datasets, "progress.csv", 2, "status", "Green")
        set_cell(datasets, "progress.csv", 3, "status", "on track")

    allowed = "complete, on-track, with-challenges, not-started, not-applicable, not-assessed"
    assert new_messages(make_package(edit)) == [
        'Error in datasets/progress.csv, row 2, column "status"\n'
        '  Found:    "Green"\n'
        f"  Expected: one of: {allowed}\n"
        '  Fix:      Colour ratings are not used. Choose the value that matches the words in the source, or '
        '"not-assessed" if the source gives no rating.',
        'Error in datasets/progress.csv, row 3, column "status"\n'
        '  Found:    "on track"\n'
        f"  Expected: one of: {allowed}\n"
        '  Fix:      Write it as "on-track": lower case, with hyphens instead of spaces.',
    ]


def test_validate_reports_a_duplicate_id_once_not_twice(make_package):
    rows = []

    def edit(datasets):
        rows.append(append_row(datasets, "themes.csv", {"theme_id": "sds-2017-engagement", "strategy_id": "sds-2017",
                                                        "number": "9", "title": "A copy", "source_id": "sds-2017"}))

    messages = new_messages(make_package(edit))
    assert messages == [
        f'Error in datasets/themes.csv, row {rows[0]}, column "theme_id"\n'
        '  Found:    "sds-2017-engagement", which is already used in row 2\n'
        "  Expected: a value no other row uses\n"
        "  Fix:      Give this row its own id, or delete the row if it is a copy."
    ]


def test_validate_reports_a_repeated_commitment_and_period_once(make_package):
    rows = []

    def edit(datasets):
        rows.append(append_row(datasets, "progress.csv", {"commitment_id": "rdhp-2025-1-1", "period": "2024",
                                                          "status": "complete", "source_id": "rdhp-2025"}))

    messages = new_messages(make_package(edit))
    assert messages == [
        f"Error in datasets/progress.csv, row {rows[0]}\n"
        "  Found:    the same commitment_id and period as row 2\n"
        "  Expected: each row to have its own combination of commitment_id and period\n"
        "  Fix:      Delete the repeated row, or correct the values so each row is different."
    ]


def test_validate_reports_a_commitment_pointing_at_a_theme_that_does_not_exist(make_package):
    datasets = make_package(lambda d: set_cell(d, "commitments.csv", 4, "theme_id", "sds-2017-engagment"))
    assert new_messages(datasets) == [
        'Error in datasets/commitments.csv, row 4, column "theme_id"\n'
        '  Found:    "sds-2017-engagment", which is not in themes.csv\n'
        "  Expected: an id that exists in themes.csv\n"
        "  Fix:      Correct the spelling to match an id in themes.csv, or add that row to themes.csv first."
    ]


def test_validate_reports_phone_numbers_a_spreadsheet_mangled(make_package):
    def edit(datasets):
        set_cell(datasets, "help_services.csv", 3, "phone", "2380881400")
        set_cell(datasets, "help_services.csv", 4, "phone", "2.38E+09")

    expected = ("  Expected: a phone number that exists, written as the source prints it (e.g. 023 8088 1400 or +44 23 "
                "8088 1400), or a short number such as 999 or 111\n")
    assert new_messages(make_package(edit)) == [
        'Error in datasets/help_services.csv, row 3, column "phone"\n'
        '  Found:    "2380881400" for The Bridge, which has lost its leading 0\n'
        + expected
        + '  Fix:      Type it again as "02380881400" and format the column as Text so the 0 stays.',
        'Error in datasets/help_services.csv, row 4, column "phone"\n'
        '  Found:    "2.38E+09" for Parent Support Link, a number a spreadsheet turned into scientific notation\n'
        + expected
        + "  Fix:      Its last digits are lost. Format the column as Text in your spreadsheet, then copy the "
        "number again from the source, with its leading 0.",
    ]


def test_validate_accepts_an_international_phone_number_although_it_starts_with_plus(make_package):
    datasets = make_package(lambda d: set_cell(d, "help_services.csv", 3, "phone", "+44 23 8088 1400"))
    assert new_messages(datasets) == []


def test_validate_reports_a_web_address_without_scheme_and_a_script_once_each(make_package):
    def edit(datasets):
        set_cell(datasets, "help_services.csv", 3, "url", "www.example.org")
        set_cell(datasets, "help_services.csv", 4, "url", "javascript:alert(1)")

    expected = "  Expected: a full web address starting with https:// (or http://)\n"
    assert new_messages(make_package(edit)) == [
        'Error in datasets/help_services.csv, row 3, column "url"\n'
        '  Found:    "www.example.org", which has no https:// at the start\n'
        + expected
        + '  Fix:      Copy the address from the browser\'s address bar, e.g. "https://www.example.org".',
        'Error in datasets/help_services.csv, row 4, column "url"\n'
        '  Found:    "javascript:alert(1)", a script rather than a web address\n'
        + expected
        + "  Fix:      Replace it with the service's real web address starting https://.",
    ]


def test_validate_reports_html_in_text_quoting_the_tag_not_the_start_of_the_cell(make_package):
    typed = "We met the target set in 2025 for every team, as the report <a href='https://example.org'>says</a>"
    datasets = make_package(lambda d: set_cell(d, "progress.csv", 2, "achievements", typed))
    assert new_messages(datasets) == [
        'Error in datasets/progress.csv, row 2, column "achievements"\n'
        '  Found:    text containing HTML or a script: "<a href=\'https://example.org\'>"\n'
        "  Expected: plain text with no HTML tags, scripts or javascript: links\n"
        "  Fix:      Remove the tags. Write the words only; the site adds its own formatting."
    ]


@pytest.mark.parametrize("value", ['=HYPERLINK("http://example.org")', "+1+1", "-2+3", "@SUM(A1:A2)"])
def test_validate_reports_a_cell_a_spreadsheet_would_run_as_a_formula(make_package, value):
    datasets = make_package(lambda d: set_cell(d, "commitments.csv", 2, "note", value))
    assert new_messages(datasets) == [
        'Error in datasets/commitments.csv, row 2, column "note"\n'
        f'  Found:    text starting with "{value[0]}": "{value}"\n'
        "  Expected: text that does not start with =, +, - or @ (a spreadsheet would run it as a formula)\n"
        "  Fix:      Start the cell with a word. For a bullet point, start the line with '* '."
    ]


def test_validate_explains_a_dash_bullet_point_and_keeps_star_bullets_valid(make_package):
    def edit(datasets):
        set_cell(datasets, "commitments.csv", 2, "note", "- Train staff\n- Review the plan")
        set_cell(datasets, "commitments.csv", 3, "note", "* Train staff\n* Review the plan")

    assert new_messages(make_package(edit)) == [
        'Error in datasets/commitments.csv, row 2, column "note"\n'
        '  Found:    a bullet point starting with "-": "- Train staff - Review the plan"\n'
        '  Expected: bullet points starting with "* " (a spreadsheet reads a "-" at the start of a cell as a minus '
        "sign and turns the cell into a formula)\n"
        '  Fix:      Start each bullet point with "* " instead, as the other cells do. The site shows both as bullet '
        "points."
    ]


@pytest.mark.southampton
def test_the_real_data_writes_bullet_points_with_a_star_so_no_cell_starts_with_a_dash():
    starts = [cell for path in (PROJECT_ROOT / "datasets").glob("*.csv")
              for row in csv.reader(path.open(encoding="utf-8", newline="")) for cell in row if cell.startswith("-")]
    assert starts == []


def test_validate_reports_a_period_and_a_date_in_the_future(make_package):
    def edit(datasets):
        set_cell(datasets, "progress.csv", 2, "period", "2027")
        set_cell(datasets, "help_services.csv", 3, "last_verified", "2027-01-01")

    assert new_messages(make_package(edit)) == [
        'Error in datasets/help_services.csv, row 3, column "last_verified"\n'
        '  Found:    "2027-01-01", which is in the future\n'
        "  Expected: a date or period that has started by today (2026-12-01)\n"
        "  Fix:      Check the year, and that the day and month are the right way round.",
        'Error in datasets/progress.csv, row 2, column "period"\n'
        '  Found:    "2027", which is in the future\n'
        "  Expected: a date or period that has started by today (2026-12-01)\n"
        "  Fix:      Check the year. Only publish a period once it has been reported.",
    ]


# The whole run


@pytest.mark.southampton
def test_the_real_package_is_valid():
    problems = validate_package(PROJECT_ROOT / "datasets", today=TODAY)
    assert [as_text(p) for p in problems if p.is_error] == []


def test_every_problem_comes_out_in_one_run_with_exit_code_1_and_no_traceback(tmp_path):
    paths = copy_project(tmp_path / "project")
    set_cell(paths.datasets, "progress.csv", 2, "status", "Green")
    set_cell(paths.datasets, "help_services.csv", 3, "phone", "2380881400")
    set_cell(paths.datasets, "indicator_values.csv", 3, "value", "n/a")
    path = paths.datasets / "themes.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run_cli(paths.root, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for heading in ('Error in datasets/progress.csv, row 2, column "status"',
                    'Error in datasets/help_services.csv, row 3, column "phone"',
                    'Error in datasets/indicator_values.csv, row 3, column "value"',
                    'Warning in datasets/help_services.csv, row 4, column "last_verified"'):
        assert heading in result.stdout
    assert "themes.csv" not in result.stdout  # a byte-order mark is harmless
    assert result.stdout.rstrip().endswith("Fix the errors above; nothing was published.")
    assert "The data has 3 errors and" in result.stdout


def test_validate_fix_repairs_byte_order_marks_line_endings_and_blank_rows_then_the_data_is_valid(tmp_path):
    paths = copy_project(tmp_path / "project")
    themes, sources, glossary = (paths.datasets / f for f in ("themes.csv", "sources.csv", "glossary.csv"))
    themes.write_bytes(b"\xef\xbb\xbf" + themes.read_bytes())
    sources.write_bytes(sources.read_bytes().replace(b"\n", b"\r\n"))
    glossary.write_text(glossary.read_text(encoding="utf-8") + ",,,,\n\n", encoding="utf-8")
    assert run_cli(paths.root, "validate").returncode == 0  # all harmless: the empty rows are a warning

    fixed = run_cli(paths.root, "validate", "--fix")
    assert fixed.returncode == 0, fixed.stdout
    assert sorted(line for line in fixed.stdout.splitlines() if line.startswith("Fixed")) == [
        "Fixed datasets/glossary.csv: removed empty rows at the end",
        "Fixed datasets/sources.csv: changed Windows line endings to plain ones",
        "Fixed datasets/themes.csv: removed the byte-order mark",
    ]
    assert new_messages(paths.datasets) == []
    assert themes.read_bytes() == (PROJECT_ROOT / "datasets" / "themes.csv").read_bytes()
    assert sources.read_bytes() == (PROJECT_ROOT / "datasets" / "sources.csv").read_bytes()
    assert glossary.read_bytes() == (PROJECT_ROOT / "datasets" / "glossary.csv").read_bytes()


def test_strict_turns_warnings_into_errors(make_package, tmp_path):
    def edit(datasets):
        path = datasets / "themes.csv"
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    datasets = make_package(edit)
    assert {p.severity for p in validate_package(datasets, today=TODAY) if p.code == "contact-never-checked"} == {"warning"}
    strict = validate_package(datasets, today=TODAY, strict=True)
    assert {p.severity for p in strict if p.code == "contact-never-checked"} == {"error"}
    assert all(p.is_error for p in strict)

    paths = copy_project(tmp_path / "project")
    assert run_cli(paths.root, "validate").returncode == 0
    strict_run = run_cli(paths.root, "validate", "--strict")
    assert strict_run.returncode == 1
    assert "Warning in" not in strict_run.stdout


def test_a_problem_knows_the_file_line_its_row_starts_on_when_cells_span_lines(make_package):
    datasets = make_package(lambda d: set_cell(d, "commitments.csv", 12, "note", "=1+1"))
    [problem] = [p for p in validate_package(datasets, today=TODAY) if p.code == "formula-like"]
    rows = list(csv.DictReader((datasets / "commitments.csv").open(encoding="utf-8", newline="")))
    commitment = rows[12 - 2]["commitment_id"]
    assert problem.row == 12
    assert problem.line == line_of(datasets, "commitments.csv", commitment)
    assert problem.line > problem.row  # earlier cells hold line breaks


def test_rows_are_mapped_to_lines_alike_whether_or_not_the_file_quotes_any_cell(tmp_path):
    plain, quoted = tmp_path / "plain.csv", tmp_path / "quoted.csv"
    plain.write_text("id,note\r\na,one\n\nb,two\rc,three", encoding="utf-8", newline="")
    quoted.write_text('id,note\na,"one\ntwo"\n\nb,three\n', encoding="utf-8", newline="")
    assert row_lines(plain) == {1: 1, 2: 2, 3: 3, 4: 4, 5: 5}
    assert row_lines(quoted) == {1: 1, 2: 2, 3: 4, 4: 5}


def test_a_theme_id_the_site_keeps_for_its_lists_of_commitments_is_reported(make_package):
    datasets = make_package(lambda d: set_cell(d, "themes.csv", 2, "theme_id", "by-outcome"))
    problems = [as_text(p) for p in validate_package(datasets, today=TODAY) if p.code == "theme-id-reserved"]
    assert problems == [
        'Error in datasets/themes.csv, row 2, column "theme_id"\n'
        '  Found:    "by-outcome", the address the site keeps for the lists of themes working towards each outcome '
        "(progress/by-outcome/)\n"
        '  Expected: a theme_id other than "by-outcome"\n'
        '  Fix:      Choose another theme_id, such as "by-outcome-theme", and use it in every file that names this '
        "theme (commitments.csv, measures.csv and the others)."
    ]


def test_every_folder_the_progress_lists_use_is_a_theme_id_the_validator_refuses():
    assert {BY_LEAD_AGENCY, BY_OUTCOME} <= set(RESERVED_THEME_IDS)


# Messages that lead to the fix


def test_spaces_around_a_value_are_named_in_found_and_in_the_fix(make_package):
    def edit(datasets):
        set_cell(datasets, "progress.csv", 3, "status", "complete ")
        set_cell(datasets, "progress.csv", 5, "status", "  on-track")
        set_cell(datasets, "commitments.csv", 4, "theme_id", "rdhp-2025-demand ")

    assert new_messages(make_package(edit)) == [
        'Error in datasets/commitments.csv, row 4, column "theme_id"\n'
        '  Found:    "rdhp-2025-demand" with 1 space at the end\n'
        "  Expected: The theme this commitment belongs to (see themes.csv).\n"
        '  Fix:      Delete the space at the end of the cell, so that it reads exactly "rdhp-2025-demand".',
        'Error in datasets/progress.csv, row 3, column "status"\n'
        '  Found:    "complete" with 1 space at the end\n'
        "  Expected: one of: complete, on-track, with-challenges, not-started, not-applicable, not-assessed\n"
        '  Fix:      Delete the space at the end of the cell, so that it reads exactly "complete".',
        'Error in datasets/progress.csv, row 5, column "status"\n'
        '  Found:    "on-track" with 2 spaces at the start\n'
        "  Expected: one of: complete, on-track, with-challenges, not-started, not-applicable, not-assessed\n"
        '  Fix:      Delete the spaces at the start of the cell, so that it reads exactly "on-track".',
    ]


def test_one_unquoted_comma_gives_one_error_not_one_for_each_cell_it_moves(make_package):
    def edit(datasets):
        path = datasets / "glossary.csv"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("When drug dealers take over someone's home",
                                     "When drug dealers, gangs, take over someone's home"), encoding="utf-8")

    assert new_messages(make_package(edit)) == [
        "Error in datasets/glossary.csv, row 4\n"
        '  Found:    more cells than there are column headings (extra value "take over someone\'s home to use as a '
        'base to sell drugs. Th…")\n'
        "  Expected: one value per column\n"
        "  Fix:      Remove the extra value, or check for a comma that should be inside quotes. The row's other "
        "problems are listed once this is mended: its cells are out of place until then."
    ]


@pytest.mark.parametrize(("file", "row", "column", "fix"), [
    ("charts.csv", 3, "order", 'Fill in the "order" cell with a whole number (position in the list of charts).'),
    ("charts.csv", 4, "topic", 'Fill in the "topic" cell with one of: progress, use, treatment, crime, '
     "costs-and-savings (the group the chart belongs to on the charts page)."),
    ("commitments.csv", 3, "source_id", 'Fill in the "source_id" cell with an id from sources.csv, spelled exactly '
     "as it is there."),
    ("commitments.csv", 3, "title", 'Fill in the "title" cell (the commitment as written), copying it from the '
     "source document."),
], ids=["order", "topic", "source_id", "title"])
def test_the_fix_for_an_empty_cell_fits_its_column(make_package, file, row, column, fix):
    datasets = make_package(lambda d: set_cell(d, file, row, column, ""))
    (message,) = new_messages(datasets)
    assert message.splitlines()[1:] == ["  Found:    an empty cell", "  Expected: a value: this column must not be empty",
                                        f"  Fix:      {fix}"]


def test_empty_rows_at_the_end_stay_a_warning_with_strict(make_package):
    def edit(datasets):
        path = datasets / "glossary.csv"
        path.write_text(path.read_text(encoding="utf-8") + ",,,,\n", encoding="utf-8")

    (message,) = [m for m in new_messages(make_package(edit), strict=True) if "glossary.csv" in m]
    assert message.startswith("Warning in datasets/glossary.csv, row 26\n")
