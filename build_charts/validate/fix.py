"""Safe, mechanical repairs of what a spreadsheet program does to a CSV file when it opens and saves it.

Excel (UK settings) rewrites 2026-11-25 as 25/11/2026 and 2025-01 as Jan-25, may save in Windows-1252 or with
semicolons (and then decimal commas), adds a byte-order mark and Windows line endings, and leaves empty rows at the
end. A `mailto:` typed before an email address is deleted too. Each repair here has exactly one possible meaning,
and each is reported in words so the person (or the pull request) sees what changed.

Safety: the file is read as CSV with the dialect it was written in, and a row is written again only when one of
its cells was repaired (or the separator changed), by a writer that quotes every cell holding the separator, a
quote mark or a line break. Rows that need no repair keep their exact bytes. Before anything is saved, the result
is read back and compared with what was meant, cell by cell; if they differ, the file is left as it was.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from build_charts.contacts import email_address, has_mailto
from build_charts.package import DEFAULT_DIALECT, csv_dialect, display_path
from build_charts.validate.checks.files import WORKBOOK_STARTS

BOM = "\ufeff"
TRAILING_BLANK_ROWS = re.compile(rb"(\r?\n[ \t,]*)+\Z")  # empty lines at the end of a file's bytes (new-period)
PARTIAL_DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
EMAIL_COLUMNS = {"email", "contact_email"}

DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # 25/11/2026, as Excel shows a date with UK settings
MONTH_NAME_YEAR = re.compile(r"([A-Za-z]{3,9})[- ](\d{2}|\d{4})")  # Jan-25, Jan-2025, January 2025
DECIMAL_COMMA = re.compile(r"-?\d+,\d+")  # 2,9 as a semicolon-separated file writes 2.9
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
EXCEL_CENTURY_PIVOT = 30  # Excel reads a two-digit year 00-29 as 2000-2029, and 30-99 as 1930-1999
EXAMPLES = 3

Change = tuple[int, str, str, str]  # (row, column, old value, new value)


@dataclass
class Repairs:
    """The repairs made to one file's cells, by kind, each as (row, column, old, new)."""

    dates: list[Change] = field(default_factory=list)
    months: list[Change] = field(default_factory=list)
    decimals: list[Change] = field(default_factory=list)
    emails: list[Change] = field(default_factory=list)

    def notes(self) -> list[str]:
        """One sentence per kind of repair, with the first few examples."""
        notes = []
        if self.dates:
            notes.append(f"changed {_count(self.dates, 'date')} written day first to year-month-day, reading them in "
                         f"UK order (day/month/year): {_examples(self.dates)}")
        if self.months:
            two_digit = any(re.search(r"[^\d]\d{2}$", old.strip()) for _, _, old, _ in self.months)
            how = (", reading a two-digit year as Excel does (00 to 29 as 2000 to 2029, 30 to 99 as 1930 to 1999)"
                   if two_digit else "")
            notes.append(f"changed {_count(self.months, 'month')} written by Excel to year-month{how}: "
                         f"{_examples(self.months)}")
        if self.decimals:
            notes.append(f"changed {_count(self.decimals, 'decimal comma')} to a decimal point, as the file was "
                         f"saved with semicolons between values: {_examples(self.decimals)}")
        if self.emails:
            notes.append(f'deleted "mailto:" from {_count(self.emails, "email address")}: {_examples(self.emails)}')
        return notes


def fix_files(root: Path, descriptor: dict) -> list[str]:
    """Repair every CSV in place and return one sentence per change made."""
    changes = []
    for resource in descriptor.get("resources", []):
        path = root / resource["path"]
        if not path.is_file():
            continue
        original = path.read_bytes()
        data, notes = repaired(original, resource.get("schema", {}), csv_dialect(resource))
        if data != original:
            path.write_bytes(data)
            changes.extend(f"{display_path(root, resource['path'])}: {note}" for note in notes)
    return changes


def repaired(data: bytes, schema: dict | None = None, dialect: dict | None = None) -> tuple[bytes, list[str]]:
    """The file's bytes repaired, and a sentence for each repair.

    A workbook is left alone (it needs Save As), and so is a file that is neither UTF-8 nor Windows-1252, or whose
    quotes cannot be read as CSV: validation explains those.
    """
    if data.startswith(WORKBOOK_STARTS):
        return data, []
    dialect = {**DEFAULT_DIALECT, **(dialect or {})}
    notes = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return data, []
        notes.append("changed the encoding from Windows-1252 to UTF-8")
    if text.startswith(BOM):
        text = text[len(BOM):]
        notes.insert(0, "removed the byte-order mark")
    read_as = dict(dialect)
    if dialect["delimiter"] == "," and _is_semicolon_separated(text):
        read_as["delimiter"] = ";"
    rows = split_rows(text, read_as)
    if rows is None:
        return data, []  # a quote that does not close: validation explains it
    if any(ending == "\r\n" for _, _, ending in rows):
        notes.append("changed Windows line endings to plain ones")
    if read_as["delimiter"] != dialect["delimiter"]:
        notes.append("changed the separator between values from semicolons (;) to commas (,)")
    kept, blank_at_end = _without_blank_rows_at_end(rows)
    repairs = Repairs()
    out, meant = [], []
    for number, (cells, raw, ending) in enumerate(kept, start=1):
        new = _cells_repaired(cells, kept[0][0], number, schema or {}, read_as["delimiter"] == ";", repairs)
        if new == cells and read_as == dialect:
            out.append(raw[: len(raw) - len(ending)] + ("\n" if ending == "\r\n" else ending))
        else:
            out.append(written_row(new, dialect) + ("\n" if ending == "\r\n" else ending))
        meant.append(new)
    notes += repairs.notes()
    if blank_at_end:
        notes.append("removed empty rows at the end")
    result = "".join(out).encode("utf-8")
    if result == data:
        return data, []
    if not _reads_as(result.decode("utf-8"), dialect, meant):
        return data, []  # never save a file that does not read back as the cells meant
    return result, notes


def split_rows(text: str, dialect: dict) -> list[tuple[list[str], str, str]] | None:
    """Each row of the file as (cells, its exact text, its line ending), read with the CSV dialect given;
    None when a quote never closes."""
    pieces = list(io.StringIO(text, newline=""))  # split where the csv module splits, so line_num matches
    reader = csv.reader(iter(pieces), **_reader_options(dialect))
    rows, start = [], 0
    try:
        for cells in reader:
            raw = "".join(pieces[start:reader.line_num])
            start = reader.line_num
            ending = next((e for e in ("\r\n", "\n", "\r") if raw.endswith(e)), "")
            rows.append((cells, raw, ending))
    except csv.Error:
        return None
    if start != len(pieces):
        return None
    return rows


def written_row(cells: list[str], dialect: dict) -> str:
    """One row as CSV text, without its line ending: a cell is quoted when it holds the separator, a quote mark,
    a line break, or spaces the reader would skip; every other cell is written as it is."""
    delimiter, quote = dialect["delimiter"], dialect["quoteChar"]
    specials = {delimiter, quote, "\n", "\r"}
    if cells == [""]:
        return quote * 2
    written = []
    for cell in cells:
        if any(c in specials for c in cell) or (dialect["skipInitialSpace"] and cell[:1].isspace()):
            cell = quote + cell.replace(quote, quote * 2) + quote
        written.append(cell)
    return delimiter.join(written)


def _reads_as(text: str, dialect: dict, meant: list[list[str]]) -> bool:
    """True when the text, read as CSV, gives exactly the rows meant."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), **_reader_options(dialect))) == meant
    except csv.Error:
        return False


def _reader_options(dialect: dict) -> dict:
    return {"delimiter": dialect["delimiter"], "quotechar": dialect["quoteChar"],
            "doublequote": dialect["doubleQuote"], "skipinitialspace": dialect["skipInitialSpace"]}


def _without_blank_rows_at_end(rows: list) -> tuple[list, bool]:
    """The rows without the empty ones at the end (only spaces, commas and quotes), and whether there were any."""
    end = len(rows)
    while end > 1 and not any(cell.strip() for cell in rows[end - 1][0]):
        end -= 1
    return rows[:end], end < len(rows)


def _is_semicolon_separated(text: str) -> bool:
    first_line = text.split("\n", 1)[0]
    return ";" in first_line and "," not in first_line


def _cells_repaired(cells: list[str], header: list[str], number: int, schema: dict, semicolons: bool,
                    repairs: Repairs) -> list[str]:
    """The row's cells with Excel's dates, months and decimal commas, and a typed mailto:, written back as the
    package writes them (the header row is never changed)."""
    if number == 1:
        return cells
    repairers = _repairers(schema, semicolons)
    new = list(cells)
    for index, column in enumerate(header[: len(cells)]):
        repair = repairers.get(column)
        value = cells[index]
        if repair is None or not value.strip():
            continue
        result = repair(value)
        if result and result[0] != value:
            fixed, kind = result
            getattr(repairs, kind).append((number, column, value, fixed))
            new[index] = fixed
    return new


def _repairers(schema: dict, semicolons: bool) -> dict[str, Callable[[str], tuple[str, str] | None]]:
    """For each column that has one, the repair of its cells: value -> (new value, kind of repair), or None."""
    repairers: dict[str, Callable[[str], tuple[str, str] | None]] = {}
    for spec in schema.get("fields", []):
        name, kind = spec.get("name"), spec.get("type", "string")
        if kind in ("date", "yearmonth") or spec.get("constraints", {}).get("pattern") == PARTIAL_DATE_PATTERN:
            repairers[name] = _date_repair("partial" if kind not in ("date", "yearmonth") else kind)
        elif kind == "number" and semicolons:
            repairers[name] = _decimal_repair
        elif name in EMAIL_COLUMNS:
            repairers[name] = _email_repair
    return repairers


def _date_repair(kind: str) -> Callable[[str], tuple[str, str] | None]:
    def repair(value: str) -> tuple[str, str] | None:
        new = excel_date_repaired(value.strip(), kind)
        return (new, "months" if len(new) == 7 else "dates") if new else None
    return repair


def _decimal_repair(value: str) -> tuple[str, str] | None:
    return (value.strip().replace(",", "."), "decimals") if DECIMAL_COMMA.fullmatch(value.strip()) else None


def _email_repair(value: str) -> tuple[str, str] | None:
    return (email_address(value), "emails") if has_mailto(value) else None


def excel_date_repaired(value: str, kind: str) -> str | None:
    """The value as the package writes it, when it is a date or month in a form Excel gives it; else None.

    Dates are read day first (25/11/2026 is 25 November), as Excel shows them with UK settings. In a month column,
    Excel's "Jan-25" and the first of a month (01/01/2025, how Excel stores 2025-01) become the month; a two-digit
    year is read as Excel reads it (excel_year).
    """
    if match := DAY_FIRST.fullmatch(value):
        day = _real_date(int(match[3]), int(match[2]), int(match[1]))
        if day is None or (kind == "yearmonth" and day.day != 1):
            return None  # not a date, or a day in a month column: validation asks which was meant
        return f"{day:%Y-%m}" if kind == "yearmonth" else day.isoformat()
    if kind in ("yearmonth", "partial") and (match := MONTH_NAME_YEAR.fullmatch(value)):
        month = MONTHS.get(match[1].lower())
        return f"{excel_year(match[2])}-{month:02d}" if month else None
    return None


def excel_year(year: str) -> int:
    """A year as Excel reads it: two digits 00 to 29 are 2000 to 2029, 30 to 99 are 1930 to 1999."""
    if len(year) != 2:
        return int(year)
    return (2000 if int(year) < EXCEL_CENTURY_PIVOT else 1900) + int(year)


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _count(repairs: list, word: str) -> str:
    return f"1 {word}" if len(repairs) == 1 else f"{len(repairs)} {word}s"


def _examples(repairs: list[Change]) -> str:
    shown = [f"row {row} {column} {old} → {new}" for row, column, old, new in repairs[:EXAMPLES]]
    more = len(repairs) - EXAMPLES
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
