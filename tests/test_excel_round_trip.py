"""Download → open in Excel → save as CSV, with no edit: validate --fix puts every file back as it was, and says how."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from test_validate import new_messages, run_cli

from build_charts.package import read_descriptor
from build_charts.settings import PROJECT_ROOT
from build_charts.validate.fix import excel_date_repaired, repaired
from conftest import copy_project

ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
TWO_DIGITS = ", reading a two-digit year as Excel does (00 to 29 as 2000 to 2029, 30 to 99 as 1930 to 1999)"


def as_excel_shows(value: str) -> str:
    """A cell as Excel (UK settings) writes it back: 2026-11-25 → 25/11/2026, 2025-01 → Jan-25."""
    if match := ISO_DAY.fullmatch(value):
        return f"{match[3]}/{match[2]}/{match[1]}"
    if match := ISO_MONTH.fullmatch(value):
        return date(int(match[1]), int(match[2]), 1).strftime("%b-%y")
    return value


def save_as_excel_does(path: Path, delimiter: str = ",") -> None:
    """Rewrite a CSV as Excel saves "CSV UTF-8": a byte-order mark, CRLF, its own dates, and the given separator."""
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows = [rows[0]] + [[as_excel_shows(cell) for cell in row] for row in rows[1:]]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def test_the_excel_copy_is_what_excel_writes(tmp_path):
    path = tmp_path / "progress.csv"
    path.write_text("commitment_id,period,reported_on\nrdhp-2025-1-1,2024,2025-01\nx,2024,2026-11-25\n", encoding="utf-8")
    save_as_excel_does(path, delimiter=";")
    assert path.read_bytes() == (b"\xef\xbb\xbfcommitment_id;period;reported_on\r\nrdhp-2025-1-1;2024;Jan-25\r\n"
                                 b"x;2024;25/11/2026\r\n")


def test_validate_fix_undoes_an_excel_round_trip_and_says_each_repair(tmp_path):
    paths = copy_project(tmp_path / "project")
    for name in ("progress.csv", "help_services.csv", "theme_updates.csv"):
        save_as_excel_does(paths.datasets / name)
    save_as_excel_does(paths.datasets / "sources.csv", delimiter=";")  # as Excel saves with European settings
    before = run_cli(paths.root, "validate")
    assert before.returncode == 1 and "The data has 20 errors" in before.stdout

    fixed = run_cli(paths.root, "validate", "--fix")
    assert fixed.returncode == 0, fixed.stdout
    assert [line for line in fixed.stdout.splitlines() if line.startswith("Fixed")] == [
        "Fixed datasets/sources.csv: removed the byte-order mark",
        "Fixed datasets/sources.csv: changed Windows line endings to plain ones",
        "Fixed datasets/sources.csv: changed the separator between values from semicolons (;) to commas (,)",
        "Fixed datasets/sources.csv: changed 4 dates written day first to year-month-day, reading them in UK order "
        "(day/month/year): row 6 published 04/03/2024 → 2024-03-04; row 7 published 06/12/2021 → 2021-12-06; "
        "row 9 accessed 01/12/2026 → 2026-12-01; and 1 more",
        "Fixed datasets/sources.csv: changed 1 month written by Excel to year-month" + TWO_DIGITS + ": row 4 published "
        "Jan-25 → 2025-01",
        "Fixed datasets/progress.csv: removed the byte-order mark",
        "Fixed datasets/progress.csv: changed Windows line endings to plain ones",
        "Fixed datasets/progress.csv: changed 14 months written by Excel to year-month" + TWO_DIGITS + ": row 2 "
        "reported_on Jan-25 → 2025-01; row 3 reported_on Jan-25 → 2025-01; row 4 reported_on Jan-25 → 2025-01; and 11 more",
        "Fixed datasets/theme_updates.csv: removed the byte-order mark",
        "Fixed datasets/theme_updates.csv: changed Windows line endings to plain ones",
        "Fixed datasets/help_services.csv: removed the byte-order mark",
        "Fixed datasets/help_services.csv: changed Windows line endings to plain ones",
        "Fixed datasets/help_services.csv: changed 3 dates written day first to year-month-day, reading them in UK "
        "order (day/month/year): row 2 last_verified 25/11/2026 → 2026-11-25; row 5 last_verified 01/12/2026 → "
        "2026-12-01; row 6 last_verified 01/12/2026 → 2026-12-01",
    ]
    assert new_messages(paths.datasets) == []
    for name in ("progress.csv", "help_services.csv", "theme_updates.csv", "sources.csv"):
        assert (paths.datasets / name).read_bytes() == (PROJECT_ROOT / "datasets" / name).read_bytes(), name


def test_a_second_fix_changes_nothing(tmp_path):
    paths = copy_project(tmp_path / "project")
    save_as_excel_does(paths.datasets / "progress.csv", delimiter=";")
    run_cli(paths.root, "validate", "--fix")
    again = run_cli(paths.root, "validate", "--fix")
    assert [line for line in again.stdout.splitlines() if line.startswith("Fixed")] == []


def test_windows_1252_is_changed_to_utf_8_and_said():
    data, notes = repaired("name,note\nThe Bridge,Open – café\n".encode("cp1252"))
    assert (data.decode("utf-8"), notes) == ("name,note\nThe Bridge,Open – café\n",
                                             ["changed the encoding from Windows-1252 to UTF-8"])


def test_a_workbook_with_a_csv_name_is_left_for_save_as():
    assert repaired(b"PK\x03\x04\x14\x00junk\r\n") == (b"PK\x03\x04\x14\x00junk\r\n", [])


@pytest.mark.parametrize(("value", "kind", "expected"), [
    ("25/11/2026", "date", "2026-11-25"),
    ("1/2/2026", "date", "2026-02-01"),  # day first: 1 February
    ("31/02/2026", "date", None),  # no such day: validation asks
    ("25/11/26", "date", None),  # which century is not certain
    ("Jan-25", "yearmonth", "2025-01"),
    ("Jan-2025", "yearmonth", "2025-01"),
    ("January 2025", "yearmonth", "2025-01"),
    ("01/01/2025", "yearmonth", "2025-01"),  # how Excel stores 2025-01
    ("15/01/2025", "yearmonth", None),  # a day in a month column: validation asks which month was meant
    ("Jan-25", "date", None),  # a date column needs the day
    ("Mar-24", "partial", "2024-03"),
    ("Apr-98", "partial", "1998-04"),  # as Excel reads a two-digit year: 30 to 99 are 1930 to 1999
    ("Dec-29", "yearmonth", "2029-12"),
    ("Jan-30", "yearmonth", "1930-01"),
    ("05/03/2024", "partial", "2024-03-05"),
    ("Janvier-25", "yearmonth", None),
])
def test_excel_dates_and_months_are_read_only_when_they_have_one_meaning(value, kind, expected):
    assert excel_date_repaired(value, kind) == expected


def test_every_date_column_of_the_package_is_repaired():
    kinds = {(r["name"], f["name"]) for r in read_descriptor(PROJECT_ROOT / "datasets")["resources"]
             for f in r["schema"]["fields"] if f["type"] in ("date", "yearmonth")}
    assert kinds == {("sources", "accessed"), ("progress", "reported_on"), ("theme_updates", "reported_on"),
                     ("help_services", "last_verified"), ("strategies", "next_report_due"),
                     ("corrections", "corrected")}


# Round-trip properties: a valid file is never changed; an Excel save is undone exactly, or its losses are reported.

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from build_charts.validate.checks.lost_characters import replaced_by_question_marks  # noqa: E402

SCHEMA = {"fields": [{"name": "id"}, {"name": "note"}, {"name": "reported_on", "type": "yearmonth"},
                     {"name": "accessed", "type": "date"}, {"name": "value", "type": "number"}]}
HEADER = [field["name"] for field in SCHEMA["fields"]]
# ASCII, the separators and quotes, line breaks (LF, and CRLF inside a cell), and two characters beyond ASCII:
# "é" (which Windows-1252 holds) and "≤" (which it does not, so a save writes "?"). Other Windows-1252 letters
# are left out: some runs of them, saved in Windows-1252, happen to be valid UTF-8 as well.
TEXT = st.lists(st.sampled_from(["a", "Z", "7", " ", ",", ";", '"', "\n", "\r\n", "-", "* ", "é", "≤", "?"]),
                max_size=12).map("".join)
MONTH = st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1930, 2029), st.integers(1, 12))
DAY = st.dates(date(1930, 1, 1), date(2029, 12, 31)).map(date.isoformat)
VALUE = st.one_of(st.just(""), st.integers(0, 999).map(str),
                  st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 99), st.integers(1, 9)))
ROW = st.tuples(st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True), TEXT, MONTH, DAY, VALUE).map(list)
TRANSFORMS = ("day-first dates", "Jan-25 months", "semicolons", "Windows-1252", "byte-order mark", "CRLF",
              "blank rows at the end")


def valid_file(rows: list[list[str]]) -> bytes:
    """A file as the package keeps them: comma-separated UTF-8, LF between rows, quotes only where needed."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([HEADER, *rows])
    return out.getvalue().encode("utf-8")


def excel_saves(rows: list[list[str]], transforms: set[str]) -> bytes:
    """The file as Excel (UK or European settings) saves it, with the chosen transformations."""
    delimiter = ";" if "semicolons" in transforms else ","
    saved = []
    for row in rows:
        identifier, note, month, day, value = row
        if "Jan-25 months" in transforms:
            month = date.fromisoformat(month + "-01").strftime("%b-%y")
        if "day-first dates" in transforms:
            day = date.fromisoformat(day).strftime("%d/%m/%Y")
        if delimiter == ";":
            value = value.replace(".", ",")  # European settings write a decimal comma
        saved.append([identifier, note, month, day, value])
    out = io.StringIO()
    ending = "\r\n" if "CRLF" in transforms else "\n"
    csv.writer(out, delimiter=delimiter, lineterminator=ending).writerows([HEADER, *saved])
    text = out.getvalue() + (delimiter * 4 + ending) * 2 * ("blank rows at the end" in transforms)
    if "Windows-1252" in transforms:
        return text.encode("cp1252", errors="replace")
    return (b"\xef\xbb\xbf" if "byte-order mark" in transforms else b"") + text.encode("utf-8")


def read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.lists(ROW, max_size=6))
@example([["a", "* one\n* two", "2025-01", "2026-11-25", "2.9"]])  # a bullet list with no comma: must stay quoted
@example([["a", 'say "hi"\r\nthen ;', "1998-04", "1999-12-31", ""]])
def test_fix_leaves_a_valid_file_byte_for_byte(rows):
    data = valid_file(rows)
    assert repaired(data, SCHEMA) == (data, [])


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=5), st.sets(st.sampled_from(TRANSFORMS), min_size=1))
@example([["a", "* one\n* two", "2025-01", "2026-11-25", "2.9"]], {"semicolons"})
@example([["a", "* one\n* two", "1998-04", "2026-11-25", "8.4"]], {"Jan-25 months", "day-first dates"})
@example([["a", "fell to ≤ 3 days", "2025-01", "2026-11-25", ""]], {"Windows-1252", "CRLF"})
@example([["a", "x\ny", "2025-01", "2026-11-25", "1.5"]], set(TRANSFORMS) - {"byte-order mark"})
def test_fix_undoes_an_excel_save_exactly_or_each_cell_it_cannot_restore_is_reported(rows, transforms):
    original = valid_file(rows)
    fixed, notes = repaired(excel_saves(rows, transforms), SCHEMA)
    if fixed == original:
        return
    # Only a Windows-1252 save loses anything: the characters it cannot hold. Every other cell is restored,
    # and each cell that is not is one a comparison with the earlier version reports.
    assert "Windows-1252" in transforms, notes
    before, after = read(original), read(fixed)
    assert len(before) == len(after)
    for old_row, new_row in zip(before, after, strict=True):
        for old, new in zip(old_row, new_row, strict=True):
            assert old == new or replaced_by_question_marks(old, new), (old, new)
