"""Hidden characters: text holds only characters a reader can see, and one line where the site shows one line.

Rejected, not silently removed, so that what the file says is what the site shows:

- control characters (U+0000 to U+001F, U+007F to U+009F), tab included: they come from copying out of a PDF or
  another program, and some stop the chart drawing;
- line breaks (and the Unicode line and paragraph separators U+2028 and U+2029) in a column that is shown on one
  line: ids, names, titles, units, labels. Only the columns in MULTI_LINE hold paragraphs; there an ordinary
  line break is fine, but U+2028, U+2029 and the other unusual line breaks are not (an ordinary one does the job);
- invisible formatting characters: the direction controls (U+200E, U+200F, U+061C, U+202A to U+202E, U+2066 to
  U+2069), which can make text show in a misleading order, and the zero-width space, word joiner and
  byte-order mark (U+200B, U+2060, U+FEFF), which split words for search without showing. The zero-width joiner
  and non-joiner (U+200D, U+200C) are allowed: some languages and emoji need them;
- a space before an opening quote at the start of a cell (`a, "b"`): a spreadsheet, the check and the build all
  read the quote marks as part of the text, which is rarely what was meant.

Columns with a pattern or a list of allowed values are left to those (an id with a line break is reported once,
as not matching its pattern, by patterns.py).
"""

from __future__ import annotations

import re
import unicodedata

from build_charts.validate.checks.columns import free_text_columns
from build_charts.validate.problem import Problem, shorten

# Columns whose cells hold paragraphs: line breaks are kept (as bullet points and paragraphs on the pages).
MULTI_LINE = frozenset({"body", "summary", "already_doing", "actions", "achievements", "gaps_challenges", "note",
                        "next_actions", "update", "remit"})
LINE_BREAKS = "\n\r\v\f\x85\u2028\u2029"
SEPARATORS = "\u2028\u2029"
INVISIBLE = "\u200b\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
# Any character a check below reports; most cells hold none, and this one search says so.
SUSPECT = re.compile(r'[\x00-\x1f\x7f-\x9f\u2028\u2029' + INVISIBLE + r']|^\s+"')
NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a line break", "\v": "a vertical tab", "\f": "a form feed",
         "\x85": "a next-line character", "\u2028": "a line separator", "\u2029": "a paragraph separator"}
ONE_LINE = "one line of text: it is shown on one line, as a title, label or id"


def check(tables, context):
    """Report hidden characters, and line breaks in single-line columns, in every text column without a pattern."""
    for table in tables.values():
        columns = plain_text_columns(table.schema, table.frame.columns)
        formula_checked = set(free_text_columns(table))
        for row_number, row in table.rows():
            for column in columns:
                value = row.get(column, "")
                if column in formula_checked and value.startswith(("\t", "\r")):
                    continue  # reported once, by the text check, as a cell a spreadsheet would run as a formula
                problem = character_problem(value, multi_line=column in MULTI_LINE)
                if problem:
                    code, found, expected, fix = problem
                    yield Problem(code=code, file=table.file, row=row_number, column=column,
                                  found=found, expected=expected, fix=fix)


def plain_text_columns(schema: dict, present) -> list[str]:
    """String columns without a pattern or a list of allowed values, present in the file."""
    columns = []
    for spec in schema.get("fields", []):
        constraints = spec.get("constraints", {})
        if spec.get("type", "string") == "string" and "enum" not in constraints and "pattern" not in constraints:
            if spec["name"] in present:
                columns.append(spec["name"])
    return columns


def character_problem(value: str, multi_line: bool = False) -> tuple[str, str, str, str] | None:
    """Why a text value holds a character it should not, as (code, found, expected, fix); None when it is fine."""
    if not value or not SUSPECT.search(value):
        return None
    if re.match(r'\s+"', value):
        return ("space-before-quote", f'a space before the opening quote of {shorten(value)}',
                "a cell that starts with its text, or with the quote mark itself",
                'Delete the space after the comma, so the cell starts with " (otherwise the quote marks, and '
                "any comma inside them, become part of the text).")
    allowed = "\n\r" if multi_line else ""
    for character in value:
        if character in LINE_BREAKS and character not in allowed:
            return _line_break(value, character, multi_line)
        if character in INVISIBLE:
            return ("invisible-character",
                    f'an invisible character ({describe(character)}) in "{shorten(value)}"',
                    "text with no invisible formatting characters",
                    "Retype the text around it, or copy it again from the source as plain text. Invisible "
                    "characters can make text show in a misleading order, and stop people finding it by search.")
        if unicodedata.category(character) == "Cc" and character not in LINE_BREAKS:
            return ("control-character",
                    f'a hidden control character ({describe(character)}) in "{shorten(value)}"',
                    "text with no hidden control characters",
                    "Retype the text, or copy it again from the source as plain text. These characters usually "
                    "come from copying text out of a PDF or another program."
                    + (" Use spaces instead of tabs." if character == "\t" else ""))
    return None


def _line_break(value: str, character: str, multi_line: bool) -> tuple[str, str, str, str]:
    if multi_line:  # only the unusual line breaks are refused here
        return ("line-break", f'{describe(character)} in "{shorten(value)}"',
                "ordinary line breaks between lines and paragraphs",
                "Replace it with an ordinary line break (press Enter, or Alt+Enter in a spreadsheet cell). It "
                "comes from copying text out of some programs.")
    return ("line-break", f'{describe(character)} in "{shorten(value)}"', ONE_LINE,
            "Join the lines into one: delete the line break (made with Alt+Enter in a spreadsheet), or the empty "
            "line at the end of the cell.")


def describe(character: str) -> str:
    """A character named so a person can find it: "a tab", or "U+202E RIGHT-TO-LEFT OVERRIDE"."""
    if character in NAMES:
        code = f"U+{ord(character):04X}"
        return NAMES[character] if character in "\t\n\r" else f"{NAMES[character]} ({code})"
    return f"U+{ord(character):04X} {unicodedata.name(character, '')}".strip()
