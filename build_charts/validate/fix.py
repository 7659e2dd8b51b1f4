"""Safe, mechanical repairs of what a spreadsheet program does to a CSV file when it opens and saves it.

Excel (UK settings) rewrites 2026-11-25 as 25/11/2026 and 2025-01 as Jan-25, may save in Windows-1252 or with
semicolons, adds a byte-order mark and Windows line endings, and leaves empty rows at the end. Each repair here has
exactly one possible meaning, and each is reported in words so the person (or the pull request) sees what changed.
Rows that need no repair keep their exact bytes, so the file's history shows only the lines that changed.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from build_charts.package import display_path
from build_charts.validate.checks.files import WORKBOOK_STARTS

BOM = b"\xef\xbb\xbf"
TRAILING_BLANK_ROWS = re.compile(rb"(\r?\n[ \t,]*)+\Z")
PARTIAL_DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # 25/11/2026, as Excel shows a date with UK settings
MONTH_NAME_YEAR = re.compile(r"([A-Za-z]{3,9})[- ](\d{2}|\d{4})")  # Jan-25, Jan-2025, January 2025
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
EXAMPLES = 3


@dataclass
class Repairs:
    """The repairs made to one file's cells, by kind, each as (row, column, old, new)."""

    dates: list[tuple[int, str, str, str]] = field(default_factory=list)
    months: list[tuple[int, str, str, str]] = field(default_factory=list)

    def notes(self) -> list[str]:
        """One sentence per kind of repair, with the first few examples."""
        notes = []
        if self.dates:
            notes.append(f"changed {_count(self.dates, 'date')} written day first to year-month-day, reading them in "
                         f"UK order (day/month/year): {_examples(self.dates)}")
        if self.months:
            notes.append(f"changed {_count(self.months, 'month')} written by Excel to year-month: "
                         f"{_examples(self.months)}")
        return notes


def fix_files(root: Path, descriptor: dict) -> list[str]:
    """Repair every CSV in place and return one sentence per change made."""
    changes = []
    for resource in descriptor.get("resources", []):
        path = root / resource["path"]
        if not path.is_file():
            continue
        original = path.read_bytes()
        data, notes = repaired(original, resource.get("schema", {}))
        if data != original:
            path.write_bytes(data)
            changes.extend(f"{display_path(root, resource['path'])}: {note}" for note in notes)
    return changes


def repaired(data: bytes, schema: dict | None = None) -> tuple[bytes, list[str]]:
    """The file's bytes repaired, and a sentence for each repair (a workbook is left alone: it needs Save As)."""
    if data.startswith(WORKBOOK_STARTS):
        return data, []
    notes = []
    if data.startswith(BOM):
        data = data[len(BOM):]
        notes.append("removed the byte-order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return data, notes  # neither UTF-8 nor Windows-1252: validation explains it
        notes.append("changed the encoding from Windows-1252 to UTF-8")
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
        notes.append("changed Windows line endings to plain ones")
    semicolons = _is_semicolon_separated(text)
    if semicolons:
        notes.append("changed the separator between values from semicolons (;) to commas (,)")
    text, repairs = _cells_repaired(text, schema or {}, ";" if semicolons else ",")
    notes += repairs.notes()
    encoded = text.encode("utf-8")
    trimmed = TRAILING_BLANK_ROWS.sub(b"", encoded) + b"\n"
    if trimmed.rstrip(b"\n") != encoded.rstrip(b"\n"):
        notes.append("removed empty rows at the end")
    return trimmed, notes


def _is_semicolon_separated(text: str) -> bool:
    first_line = text.split("\n", 1)[0]
    return ";" in first_line and "," not in first_line


def _cells_repaired(text: str, schema: dict, delimiter: str) -> tuple[str, Repairs]:
    """The text with Excel's dates and months written back in the package's form; rows not changed keep their bytes."""
    repairs = Repairs()
    kinds = _date_columns(schema)
    if not kinds and delimiter == ",":
        return text, repairs
    lines = list(io.StringIO(text, newline=""))  # split where the csv module splits, so line_num matches
    reader = csv.reader(iter(lines), delimiter=delimiter)
    out, start, header = [], 0, []
    try:
        for number, row in enumerate(reader, start=1):
            raw = "".join(lines[start:reader.line_num])
            start = reader.line_num
            header = row if number == 1 else header
            changed = _row_repaired(row, header, kinds, number, repairs) if number > 1 else False
            out.append(_written(row, raw) if changed or delimiter != "," else raw)
    except csv.Error:
        return text, Repairs()  # a broken quote: leave the file for validation to explain
    return "".join(out) + "".join(lines[start:]), repairs


def _date_columns(schema: dict) -> dict[str, str]:
    """Each date-like column and its kind: "date", "yearmonth", or "partial" (a year, a month or a day)."""
    kinds = {}
    for spec in schema.get("fields", []):
        if spec.get("type") in ("date", "yearmonth"):
            kinds[spec["name"]] = spec["type"]
        elif spec.get("constraints", {}).get("pattern") == PARTIAL_DATE_PATTERN:
            kinds[spec["name"]] = "partial"
    return kinds


def _row_repaired(row: list[str], header: list[str], kinds: dict[str, str], number: int, repairs: Repairs) -> bool:
    changed = False
    for index, column in enumerate(header[: len(row)]):
        kind = kinds.get(column)
        value = row[index]
        new = excel_date_repaired(value.strip(), kind) if kind and value.strip() else None
        if new and new != value:
            (repairs.months if len(new) == 7 else repairs.dates).append((number, column, value, new))
            row[index] = new
            changed = True
    return changed


def excel_date_repaired(value: str, kind: str) -> str | None:
    """The value as the package writes it, when it is a date or month in a form Excel gives it; else None.

    Dates are read day first (25/11/2026 is 25 November), as Excel shows them with UK settings. In a month column,
    Excel's "Jan-25" and the first of a month (01/01/2025, how Excel stores 2025-01) become the month.
    """
    if match := DAY_FIRST.fullmatch(value):
        day = _real_date(int(match[3]), int(match[2]), int(match[1]))
        if day is None or (kind == "yearmonth" and day.day != 1):
            return None  # not a date, or a day in a month column: validation asks which was meant
        return f"{day:%Y-%m}" if kind == "yearmonth" else day.isoformat()
    if kind in ("yearmonth", "partial") and (match := MONTH_NAME_YEAR.fullmatch(value)):
        month = MONTHS.get(match[1].lower())
        year = int(match[2]) + (2000 if len(match[2]) == 2 else 0)
        return f"{year}-{month:02d}" if month else None
    return None


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _written(row: list[str], raw: str) -> str:
    """One row written as comma-separated CSV, ending as the original row did."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    return out.getvalue() + ("\n" if raw.endswith("\n") else "")


def _count(repairs: list, word: str) -> str:
    return f"1 {word}" if len(repairs) == 1 else f"{len(repairs)} {word}s"


def _examples(repairs: list[tuple[int, str, str, str]]) -> str:
    shown = [f"row {row} {column} {old} → {new}" for row, column, old, new in repairs[:EXAMPLES]]
    more = len(repairs) - EXAMPLES
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
