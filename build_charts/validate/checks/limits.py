"""Size limits, checked before any file is parsed, so an oversized file costs seconds and little memory.

| Limit | Value | Why |
|---|---|---|
| a CSV file | 50 MB | about 25 times the largest partnership's data; more is a mistake, such as rows pasted many times |
| a line of a CSV file | 1 MB | a row of a thousand long cells; a longer line is not a row a person wrote |
| a cell | 100,000 characters | about 15,000 words, longer than any report section; `maxLength` in datapackage.json sets each column's own, lower limit |
| a news post | 1 MB | |
| datapackage.json | 5 MB | |

Counts come from one budget: the largest package the kit accepts builds within 10 minutes and 2 GB of memory on
2 processor cores (a free CI runner, and Publish's 15-minute limit with room to spare). The benchmark's largest
size (2,000 commitments, 300 charts, 150 areas; tests/bench) builds in about 5 minutes on 2 shared cores, so:

| Limit | Value | Why |
|---|---|---|
| charts in charts.csv | 300 | each chart is drawn for every period (SVG and PNG); the benchmark's largest size |
| abbreviation lines (*[ABC]: …) in a news post | 100 | Markdown's abbreviations cost grows with their square |
| a wording in messages.po | 1,000 characters | it is written on every page and chart (build_charts/i18n.py) |
| sentences in messages.po | 3,000 | a few times the kit's own sentences (build_charts/i18n.py) |
| plural forms (nplurals) | 6 | no language has more (build_charts/i18n.py) |

A file with a NUL character (U+0000) is refused here too: frictionless reads no rows from it and pandas cuts the
cell short, so the check and the build would not see the same data.

A file over a limit is not read any further: no other check looks inside it, and frictionless never parses it.
"""

from __future__ import annotations

import csv
import io
import sys
from contextlib import contextmanager
from pathlib import Path

from build_charts.package import display_path
from build_charts.validate.checks.files import workbook_problem
from build_charts.validate.checks.headers import column_letter
from build_charts.validate.problem import Problem, shorten

MAX_FILE_BYTES = 50_000_000
MAX_LINE_BYTES = 1_000_000
MAX_CELL_CHARACTERS = 100_000
MAX_POST_BYTES = 1_000_000
MAX_DESCRIPTOR_BYTES = 5_000_000
MAX_CHARTS = 300
MAX_ABBREVIATION_LINES = 100
CODES = {"file-too-large", "line-too-long", "cell-too-long", "nul-character", "excel-workbook"}
PLACEHOLDER = "\ufffe"  # a noncharacter, standing in for NUL while the csv module reads the file


def check(root: Path, descriptor: dict):
    """Report each CSV file that is too large, or has a line or a cell that is too long."""
    for resource in descriptor.get("resources", []):
        path = root / resource["path"]
        file = display_path(root, resource["path"])
        try:
            size = path.stat().st_size
        except OSError:
            continue  # the files check reports a missing file
        if size > MAX_FILE_BYTES:
            yield file_too_large(file, size, MAX_FILE_BYTES)
            continue
        data = path.read_bytes()
        workbook = workbook_problem(data, file)
        if workbook:
            yield workbook  # binary: its "lines" and NUL bytes say nothing a person can act on
            continue
        long_line = first_long_line(data)
        if long_line:
            yield Problem(code="line-too-long", file=file, line=long_line,
                          found=f"a line longer than {_megabytes(MAX_LINE_BYTES)}",
                          expected=f"rows of at most {_megabytes(MAX_LINE_BYTES)} each",
                          fix="Open the file and look at that line: it may hold text pasted many times or thousands "
                          "of commas. Delete what does not belong, or undo the last change.")
            continue
        too_long = list(long_cells(data, file))
        yield from too_long or nul_characters(data, file)


def file_too_large(file: str, size: int, limit: int) -> Problem:
    """The problem for a whole file over its size limit."""
    return Problem(code="file-too-large", file=file,
                   found=f"a file of {_megabytes(size)}", expected=f"a file of at most {_megabytes(limit)}",
                   fix="Check this is the right file: it may hold rows pasted many times. Undo the last change, or "
                   "ask a developer if the data really is this large.")


def first_long_line(data: bytes) -> int | None:
    """The number of the first line longer than MAX_LINE_BYTES, or None (found without splitting the file)."""
    if len(data) <= MAX_LINE_BYTES:
        return None
    start, number = 0, 1
    while start <= len(data):
        end = data.find(b"\n", start)
        end = len(data) if end == -1 else end
        if end - start > MAX_LINE_BYTES:
            return number
        start, number = end + 1, number + 1
    return None


def long_cells(data: bytes, file: str):
    """One problem for each cell longer than MAX_CELL_CHARACTERS, located by row and column heading."""
    if len(data) <= MAX_CELL_CHARACTERS:
        return
    text = data.decode("utf-8-sig", errors="replace")
    with _field_size_limit(len(text) + 1):
        reader = csv.reader(io.StringIO(text, newline=""))
        header: list[str] = []
        try:
            for row_number, cells in enumerate(reader, start=1):
                header = header or cells
                for index, cell in enumerate(cells):
                    if len(cell) > MAX_CELL_CHARACTERS:
                        yield _long_cell(file, row_number, header[index] if index < len(header) else
                                         column_letter(index), len(cell))
        except csv.Error:
            return  # a broken quote: frictionless reports it


def _long_cell(file: str, row: int, column: str, length: int) -> Problem:
    return Problem(code="cell-too-long", file=file, row=row, column=column,
                   found=f"a cell of {length:,} characters",
                   expected=f"a cell of at most {MAX_CELL_CHARACTERS:,} characters",
                   fix="Shorten the text, or check whether a missing closing quote (\") has joined many rows "
                   "into this one cell.")


def nul_characters(data: bytes, file: str):
    """The first cell holding a NUL character (U+0000), which stops frictionless and pandas reading alike."""
    if b"\x00" not in data:
        return
    text = data.decode("utf-8-sig", errors="replace").replace("\x00", PLACEHOLDER)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    for row_number, cells in enumerate(reader, start=1):
        header = header or cells
        for index, cell in enumerate(cells):
            if PLACEHOLDER in cell:
                column = header[index].replace(PLACEHOLDER, "") if index < len(header) else column_letter(index)
                yield Problem(code="nul-character", file=file, row=row_number, column=column or column_letter(index),
                              found=f'a hidden NUL character (U+0000) in "{shorten(cell.replace(PLACEHOLDER, ""))}"',
                              expected="text with no hidden control characters",
                              fix="Retype the cell, or copy it again from the source as plain text. Until then the "
                              "file cannot be read: the character ends the text for some programs.")
                return


@contextmanager
def _field_size_limit(limit: int):
    """Let the csv module read cells of any length the file can hold, then restore its limit."""
    previous = csv.field_size_limit()
    csv.field_size_limit(min(max(limit, previous), sys.maxsize))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB".replace(".0 MB", " MB")


def too_many(code: str, file: str, count: int, limit: int, what: str, fix: str, line: int | None = None) -> Problem:
    """A problem for a file holding more of something than the build's budget allows."""
    return Problem(code=code, file=file, line=line, found=f"{count:,} {what}",
                   expected=f"at most {limit:,} {what}, so the site builds within the kit's budget (10 minutes, 2 GB)",
                   fix=fix)
