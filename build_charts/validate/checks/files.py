"""Whole-file checks: how a spreadsheet program saved the CSV (a workbook with a .csv name, encoding, separator,
empty rows at the end). A byte-order mark and Windows line endings are harmless: every reader here accepts them.

Files with a problem in UNREADABLE cannot be read as comma-separated UTF-8, so no other check looks inside them
(their other problems would only repeat this one).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from build_charts.package import display_path
from build_charts.validate.problem import WARNING, Problem, shorten

SAVE_AS = "In your spreadsheet choose Save As, then 'CSV UTF-8 (Comma delimited)'."
FIX_COMMAND = "python -m build_charts validate --fix"
WORKBOOK_STARTS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx (a zip) and the older .xls
# Problems that never stop publishing, even with --strict: the site reads the file the same way without the fix.
HARMLESS = {"blank-rows-at-end"}
UNREADABLE = {"missing-file", "excel-workbook", "not-utf8", "semicolon-separated", "file-too-large", "line-too-long", "cell-too-long",
              "nul-character"}


def check(root: Path, descriptor: dict):
    """Report files missing, not comma-separated UTF-8, or left with empty rows at the end."""
    for resource in descriptor.get("resources", []):
        path = root / resource["path"]
        file = display_path(root, resource["path"])
        if not path.exists():
            yield Problem(code="missing-file", file=file, found="no such file",
                          expected=f"the file {resource['path']} in the datasets folder",
                          fix="Put the file back, or undo the change that renamed or deleted it.")
            continue
        yield from file_problems(path.read_bytes(), file)


def file_problems(data: bytes, file: str):
    """Problems with how one file's bytes were saved."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield _not_utf8(data, file)
        return
    if _is_semicolon_separated(text):
        yield Problem(code="semicolon-separated", file=file, row=1,
                      found="values separated by semicolons (;)", expected="values separated by commas (,)",
                      fix=SAVE_AS + " Some language settings make Excel save with semicolons.")
        return
    yield from _blank_rows_at_end(text, file)


def workbook_problem(data: bytes, file: str) -> Problem | None:
    """The problem when the file is an Excel workbook (.xlsx or .xls) with a .csv name; None for any other file."""
    if not data.startswith(WORKBOOK_STARTS):
        return None
    return Problem(code="excel-workbook", file=file,
                   found="an Excel workbook, not a CSV file",
                   expected="a CSV file saved as CSV UTF-8",
                   fix="This is an Excel workbook saved with a .csv name: in Excel choose File → Save As → CSV UTF-8 "
                   "(Comma delimited). Renaming a workbook does not change what is inside it.")


def csv_text(data: bytes) -> str | None:
    """The file's text when it is comma-separated UTF-8 (a byte-order mark is allowed), else None."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if _is_semicolon_separated(text) else text


def _is_semicolon_separated(text: str) -> bool:
    first_line = text.split("\n", 1)[0]
    return ";" in first_line and "," not in first_line


def _not_utf8(data: bytes, file: str) -> Problem:
    """Where the first character saved in another encoding is, quoted as Windows-1252 would show it."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8", errors="replace"), newline="")))
    readable = list(csv.reader(io.StringIO(data.decode("cp1252", errors="replace"), newline="")))
    row, index = next(((r, i) for r, cells in enumerate(rows) for i, cell in enumerate(cells) if "\ufffd" in cell),
                      (0, 0))
    header = rows[0] if rows else []
    try:
        cell = readable[row][index]
    except IndexError:
        cell = ""
    return Problem(
        code="not-utf8", file=file, row=row + 1, column=header[index] if row and index < len(header) else None,
        found=f'"{shorten(cell)}", saved in an older encoding (Windows-1252) rather than UTF-8',
        expected="a file saved as CSV UTF-8, so that characters such as £, é, – and curly quotes show correctly",
        fix="In Excel choose File > Save As and pick 'CSV UTF-8 (Comma delimited)', not 'CSV (Comma delimited)'. "
        "Other special characters in the file are affected too; saving again fixes them all.",
    )


def _blank_rows_at_end(text: str, file: str):
    """One warning for all the empty rows at the end of a file (a spreadsheet leaves them behind); they never block
    publishing, as every reader here leaves them out (package.read_text_tables)."""
    if _ends_with_a_value(text):
        return  # the usual case, seen without reading the whole file as CSV
    rows = list(csv.reader(io.StringIO(text, newline="")))
    count = 0
    while len(rows) - count > 1 and not any(cell.strip() for cell in rows[-1 - count]):
        count += 1
    if count:
        first = len(rows) - count + 1
        where = f"row {first}" if count == 1 else f"rows {first} to {len(rows)}"
        yield Problem(code="blank-rows-at-end", file=file, row=first, severity=WARNING,
                      found=f"{_rows(count)} at the end of the file ({where})",
                      expected="the file to end with its last row of data",
                      fix="They do no harm: the site leaves them out. To tidy the file, delete them in your "
                      "spreadsheet; on a pull request the Autofix check removes them for you, and on your computer "
                      f"'{FIX_COMMAND}' does.")


def _ends_with_a_value(text: str) -> bool:
    """True when the last line holds a character other than whitespace, a comma or a quote: the last row has a value."""
    for ending in ("\r\n", "\n", "\r"):
        if text.endswith(ending):
            text = text[: -len(ending)]
            break
    last_line = text[max(text.rfind("\n"), text.rfind("\r")) + 1:]
    return bool(last_line.replace(",", "").replace('"', "").strip())


def _rows(count: int) -> str:
    return "1 empty row" if count == 1 else f"{count} empty rows"
