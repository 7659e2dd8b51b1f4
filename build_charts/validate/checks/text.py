"""Text cells hold plain text: no HTML or script, and nothing a spreadsheet would run as a formula."""

from __future__ import annotations

import re

from build_charts.validate.checks.columns import free_text_columns
from build_charts.validate.problem import Problem, shorten

HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|&#", re.IGNORECASE)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DASH_BULLET = re.compile(r"-\s+\w")
INVISIBLE = {"\t": "a tab", "\r": "a line break"}


def check(tables, context):
    """Report HTML, script and formula-like values in any free-text column."""
    for table in tables.values():
        columns = free_text_columns(table)
        for row_number, row in table.rows():
            for column in columns:
                value = row.get(column, "")
                problem = cell_problem(value)
                if problem:
                    code, found, expected, fix = problem
                    yield Problem(code=code, file=table.file, row=row_number, column=column,
                                  found=found, expected=expected, fix=fix)


def cell_problem(value: str) -> tuple[str, str, str, str] | None:
    """Why a text cell is unsafe to publish, as (code, found, expected, fix); None when it is fine."""
    if _may_hold_html(value) and (match := HTML.search(value)):
        return ("html-in-text", f'text containing HTML or a script: "{shorten(markup_at(value, match.start()))}"',
                "plain text with no HTML tags, scripts or javascript: links",
                "Remove the tags. Write the words only; the site adds its own formatting.")
    if DASH_BULLET.match(value):
        return ("dash-bullet", f'a bullet point starting with "-": "{shorten(value)}"',
                'bullet points starting with "* " (a spreadsheet reads a "-" at the start of a cell as a minus '
                "sign and turns the cell into a formula)",
                'Start each bullet point with "* " instead, as the other cells do. The site shows both as bullet '
                "points.")
    if value.startswith(FORMULA_START):
        first = INVISIBLE.get(value[0], f'"{value[0]}"')
        return ("formula-like", f'text starting with {first}: "{shorten(value)}"',
                "text that does not start with =, +, - or @ (a spreadsheet would run it as a formula)",
                "Start the cell with a word. For a bullet point, start the line with '* '.")
    return None


def markup_at(value: str, start: int) -> str:
    """The tag (or script) that starts at `start`, up to its closing ">" or the end of its word, so the message
    quotes what to delete rather than the start of the cell."""
    end = value.find(">", start)
    if end == -1 or end - start > 80:
        following = re.match(r"\S*", value[start:])
        return following.group(0) if following else value[start:]
    return value[start:end + 1]


def _may_hold_html(value: str) -> bool:
    """False when no HTML match is possible: every one holds "<", ":" or "&#", and looking for those is far quicker."""
    return "<" in value or ":" in value or "&#" in value
