"""The Problem record: one thing wrong with the data, located and explained for a non-developer."""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def is_error(self) -> bool:
        """True when the problem stops the site being built."""
        return self.severity == ERROR

    def as_error(self) -> Problem:
        """The same problem, raised to an error (used by --strict)."""
        return Problem(**{**self.__dict__, "severity": ERROR})

    def sort_key(self) -> tuple:
        """Order problems by file, then row, then column."""
        return (self.file, self.row or 0, self.column or "", self.code)
