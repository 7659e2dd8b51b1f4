"""Text cells hold plain text: no HTML or script, and nothing a spreadsheet would run as a formula."""

from __future__ import annotations

import re

from build_charts.validate.problem import Problem

HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|&#", re.IGNORECASE)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def check(tables, context):
    """Report HTML, script and formula-like values in any text column."""
    for table in tables.values():
        text_columns = [name for name, kind in table.field_types().items() if kind == "string"]
        for row_number, row in table.rows():
            for column in text_columns:
                value = row.get(column, "")
                if not value:
                    continue
                if HTML.search(value):
                    yield Problem(
                        code="html-in-text",
                        file=table.file,
                        row=row_number,
                        column=column,
                        found=f'text containing HTML or a script: "{_short(value)}"',
                        expected="plain text with no HTML tags, scripts or javascript: links",
                        fix="Remove the tags. Write the words only; the site adds its own formatting.",
                    )
                elif value.startswith(FORMULA_START):
                    yield Problem(
                        code="formula-like",
                        file=table.file,
                        row=row_number,
                        column=column,
                        found=f'text starting with "{value[0]}": "{_short(value)}"',
                        expected="text that does not start with =, +, - or @ (a spreadsheet would run it as a formula)",
                        fix="Start the cell with a word. For a bullet point, start the line with '* '.",
                    )


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
