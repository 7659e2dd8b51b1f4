"""A held-back set of spreadsheet-damaged files, made from the project's own data: each Excel transformation, alone
and together, is repaired exactly by validate --fix; each damage that cannot be repaired is an error naming the
file, row, column and the fix. None publishes silently."""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from test_validate import new_messages

from build_charts.package import read_descriptor, read_text_tables
from build_charts.settings import PROJECT_ROOT
from build_charts.validate import validate_package
from build_charts.validate.checks import lost_characters
from build_charts.validate.fix import PARTIAL_DATE_PATTERN, fix_files
from conftest import TODAY, set_cell

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_MONTH = re.compile(r"\d{4}-\d{2}")
FILES = ("progress.csv", "sources.csv", "help_services.csv", "theme_updates.csv", "indicator_values.csv")
TRANSFORMS = ("day-first dates", "Jan-25 months", "semicolons", "Windows-1252", "byte-order mark", "CRLF",
              "blank rows at the end")
BULLETS = "* Recruit two more outreach workers\n* Open on Saturdays"  # a list as the guide says to write it


def excel_save(path: Path, schema: dict, transforms: set[str]) -> None:
    """Save the file as Excel does with the chosen transformations (only cells Excel would change are changed)."""
    types = {f["name"]: f.get("type", "string") for f in schema["fields"]}
    partial = {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("pattern") == PARTIAL_DATE_PATTERN}
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    for row in rows[1:]:
        for index, column in enumerate(rows[0]):
            value, kind = row[index], types.get(column)
            if "Jan-25 months" in transforms and (kind == "yearmonth" or column in partial) \
                    and ISO_MONTH.fullmatch(value):
                row[index] = date.fromisoformat(value + "-01").strftime("%b-%y")
            elif "day-first dates" in transforms and (kind == "date" or column in partial) and ISO_DAY.fullmatch(value):
                row[index] = date.fromisoformat(value).strftime("%d/%m/%Y")
            elif "semicolons" in transforms and kind == "number":
                row[index] = value.replace(".", ",")
    delimiter = ";" if "semicolons" in transforms else ","
    ending = "\r\n" if "CRLF" in transforms else "\n"
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=ending).writerows(rows)
    text = out.getvalue() + (delimiter * (len(rows[0]) - 1) + ending) * 3 * ("blank rows at the end" in transforms)
    encoded = text.encode("cp1252" if "Windows-1252" in transforms else "utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if "byte-order mark" in transforms else b"") + encoded)


@pytest.fixture
def original(tmp_path) -> Path:
    """The project's data, with a bullet list (line breaks, no comma) in a progress row and a theme update."""
    datasets = tmp_path / "original" / "datasets"
    shutil.copytree(PROJECT_ROOT / "datasets", datasets)
    set_cell(datasets, "progress.csv", 2, "next_actions", BULLETS)
    set_cell(datasets, "theme_updates.csv", 2, "update", BULLETS)
    assert new_messages(datasets) == []
    return datasets


def damaged_copy(original: Path, target: Path, transforms: set[str]) -> Path:
    shutil.copytree(original, target)
    schemas = {r["path"]: r["schema"] for r in read_descriptor(target)["resources"]}
    for name in FILES:
        excel_save(target / name, schemas[name], transforms)
    return target


@pytest.mark.parametrize("transforms", [{t} for t in TRANSFORMS] + [set(TRANSFORMS) - {"byte-order mark"},
                                                                     set(TRANSFORMS) - {"Windows-1252"}],
                         ids=[*TRANSFORMS, "all-in-windows-1252", "all-in-utf-8"])
def test_each_excel_save_of_the_projects_files_is_repaired_exactly(original, tmp_path, transforms):
    datasets = damaged_copy(original, tmp_path / "damaged" / "datasets", transforms)
    fix_files(datasets, read_descriptor(datasets))
    for name in FILES:
        assert (datasets / name).read_bytes() == (original / name).read_bytes(), name
    assert [p for p in validate_package(datasets, today=TODAY) if p.is_error] == []  # so the build publishes it


def _errors(datasets: Path) -> list[tuple[str, int | None, str | None, str]]:
    fix_files(datasets, read_descriptor(datasets))
    return [(p.file, p.row, p.column, p.code) for p in validate_package(datasets, today=TODAY)
            if p.is_error and p.fix]


@pytest.mark.parametrize(("file", "row", "column", "typed", "code"), [
    ("progress.csv", 2, "next_actions", "#NAME?", "spreadsheet-error"),  # Excel ran "- Recruit…" as a formula
    ("indicator_values.csv", 3, "value", "#DIV/0!", "spreadsheet-error"),
    ("indicator_values.csv", 2, "value", "8,4", "wrong-type"),  # a decimal comma in a comma-separated file
    ("help_services.csv", 3, "hours", "09-May", "hours-made-a-date"),
    ("help_services.csv", 5, "phone", "0300 123 660", "bad-phone"),
    ("help_services.csv", 5, "phone", "82111", "number-in-wrong-column"),
])
def test_damage_that_cannot_be_repaired_is_an_error_naming_file_row_column_and_fix(original, file, row, column, typed,
                                                                                   code):
    set_cell(original, file, row, column, typed)
    excel_save(original / file, {"fields": []}, {"CRLF", "byte-order mark"})
    assert _errors(original) == [(f"datasets/{file}", row, column, code)]


def test_a_character_windows_1252_lost_is_reported_against_the_earlier_version(original, tmp_path):
    set_cell(original, "progress.csv", 3, "achievements", "Response times fell to ≤ 3 days")
    damaged = tmp_path / "damaged" / "datasets"
    shutil.copytree(original, damaged)
    path = damaged / "progress.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))  # as Excel saves it
    fix_files(damaged, read_descriptor(damaged))
    base, now = (read_text_tables(d, read_descriptor(d)) for d in (original, damaged))
    assert [(p.file, p.row, p.column, p.found) for p in lost_characters.check(base, now)] == [
        ("datasets/progress.csv", 3, "achievements", '"Response times fell to ? 3 days", where the earlier version '
         'had "Response times fell to ≤ 3 days": "≤" became ?')]
