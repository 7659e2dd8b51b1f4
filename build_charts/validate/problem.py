"""The Problem record: one thing wrong with the data, located and explained for a non-developer."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One located problem in a data file, with what was expected and how to fix it."""

    code: str
    file: str
    found: str
    expected: str
    fix: str
    row: int | None = None
    column: str | None = None
    severity: str = ERROR
    line: int | None = None  # the line in the file where the row starts (differs when a cell spans lines)

    @property
    def is_error(self) -> bool:
        """True when the problem stops the site being built."""
        return self.severity == ERROR

    def as_error(self) -> Problem:
        """The same problem, raised to an error (used by --strict)."""
        return replace(self, severity=ERROR)

    def at_line(self, line: int | None) -> Problem:
        """The same problem, with the file line where its row starts (for annotations on a pull request)."""
        return replace(self, line=line)

    def sort_key(self) -> tuple:
        """Order problems by file, then row, then column."""
        return (self.file, self.row or self.line or 0, self.column or "", self.code, self.found)


# Characters a message never prints as they are: controls (which a terminal may act on), and invisible ones.
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u061c\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]")


def shorten(value: str, limit: int = 60) -> str:
    """A value squeezed onto one short line, so a long cell can be quoted in a message; hidden characters shown."""
    value = " ".join(value.split())
    value = value if len(value) <= limit else value[: limit - 1] + "…"
    return visible(value)


def quoted(value: str, limit: int = 60) -> str:
    """A cell quoted for Found, naming spaces at its start or end, which the quotes alone hardly show."""
    text = f'"{shorten(value, limit)}"'
    spaces = [_spaces(len(value) - len(value.lstrip(" ")), "start"), _spaces(len(value) - len(value.rstrip(" ")), "end")]
    named = [words for words in spaces if words]
    return f"{text} with {' and '.join(named)}" if named and value.strip(" ") else text


def _spaces(count: int, where: str) -> str:
    if not count:
        return ""
    return f"1 space at the {where}" if count == 1 else f"{count} spaces at the {where}"


def space_fix(value: str) -> str:
    """The fix for a value that is right once the spaces around it are deleted."""
    start, end = len(value) - len(value.lstrip(" ")), len(value) - len(value.rstrip(" "))
    where = " and ".join(place for place, count in (("start", start), ("end", end)) if count)
    word = "space" if start + end == 1 else "spaces"
    return f'Delete the {word} at the {where} of the cell, so that it reads exactly "{value.strip(" ")}".'


def visible(text: str) -> str:
    """Text with each control or invisible character written as its code, e.g. [U+202E]."""
    return HIDDEN.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)
