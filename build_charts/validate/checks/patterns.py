"""Values match their column's pattern in full.

Frictionless tests a pattern with `^pattern$` and re.match, where `$` also matches just before a line break at
the end, so "harm-reduction" followed by a line break passes as an id and would become a folder name. This check
tests the whole value (re.fullmatch) and reports what frictionless let through.
"""

from __future__ import annotations

import re
from functools import cache

from build_charts.validate.checks.characters import describe
from build_charts.validate.problem import Problem, shorten


def check(tables, context):
    """Report values that match their column's pattern only when a line break at the end is ignored."""
    for table in tables.values():
        patterns = {spec["name"]: spec["constraints"]["pattern"] for spec in table.schema.get("fields", [])
                    if "pattern" in spec.get("constraints", {}) and spec["name"] in table.frame.columns}
        descriptions = {spec["name"]: spec.get("description", "") for spec in table.schema.get("fields", [])}
        for row_number, row in table.rows():
            for column, pattern in patterns.items():
                value = row.get(column, "")
                if value and not _whole(pattern).fullmatch(value) and _frictionless(pattern).match(value):
                    yield Problem(code="wrong-format", file=table.file, row=row_number, column=column,
                                  found=f'"{shorten(value)}" followed by {describe(value[-1])}',
                                  expected=descriptions.get(column) or "the format this column uses",
                                  fix="Delete the line break at the end of the cell (in a spreadsheet, click the cell "
                                  "and press Backspace at the end of the text).")


@cache
def _whole(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@cache
def _frictionless(pattern: str) -> re.Pattern:
    """The pattern as frictionless compiles it."""
    return re.compile(f"^{pattern}$")
