"""Reporting periods as one value type: parsed, written, compared and stepped on in one place.

A period is a year (2024), a financial year (2024/25, 1 April to 31 March) or a month (2025-01), written in the
data as the descriptor's pattern for each `period` column allows. Every module that reads a period's parts (its
first day, the year it ends in, the period after it, its folder name) asks `Period.parse` rather than matching
the text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

YEAR, FINANCIAL_YEAR, MONTH = "year", "financial year", "month"
# Each kind of period with its plural, as messages name them, and how it is written.
KINDS = MappingProxyType({
    YEAR: ("years", re.compile(r"(\d{4})")),
    FINANCIAL_YEAR: ("financial years", re.compile(r"(\d{4})/(\d{2})")),
    MONTH: ("months", re.compile(r"(\d{4})-(\d{2})")),
})
# A financial year starts in this month.
FINANCIAL_YEAR_START = 4


@dataclass(frozen=True)
class Period:
    """A reporting period: its kind, the year it starts in and, for a month, the month (1 to 12)."""

    kind: str
    year: int
    month: int = 1

    @staticmethod
    def parse(text: str | None) -> Period | None:
        """The period `text` writes ('2024', '2024/25', '2025-01'); None for anything else, such as '2024/26'."""
        return _parse(str(text).strip()) if text else None

    def __str__(self) -> str:
        """The period as the data writes it: '2024', '2024/25', '2025-01'."""
        if self.kind == FINANCIAL_YEAR:
            return f"{self.year}/{(self.year + 1) % 100:02d}"
        if self.kind == MONTH:
            return f"{self.year}-{self.month:02d}"
        return str(self.year)

    @property
    def first_day(self) -> date:
        """The first day the period covers."""
        return date(self.year, FINANCIAL_YEAR_START if self.kind == FINANCIAL_YEAR else self.month, 1)

    @property
    def last_day(self) -> date:
        """The last day the period covers."""
        return self.following().first_day - timedelta(days=1)

    @property
    def end_year(self) -> int:
        """The year the period ends in: 2016 for 2015/16."""
        return self.last_day.year

    def following(self) -> Period:
        """The period after this one, of the same kind: 2024 → 2025, 2024/25 → 2025/26, 2025-12 → 2026-01."""
        if self.kind == MONTH:
            return Period(MONTH, self.year + self.month // 12, self.month % 12 + 1)
        return Period(self.kind, self.year + 1)

    def sort_key(self) -> tuple[date, date]:
        """Earliest first; of two starting the same day, the shorter (2025 before 2025/26 before 2026)."""
        return self.first_day, self.last_day


@lru_cache(maxsize=4096)  # a few periods fill every row
def _parse(text: str) -> Period | None:
    for kind, (_, pattern) in KINDS.items():
        found = pattern.fullmatch(text)
        if not found:
            continue
        year = int(found.group(1))
        if kind == YEAR:
            return Period(YEAR, year)
        if kind == FINANCIAL_YEAR:
            return Period(FINANCIAL_YEAR, year) if int(found.group(2)) == (year + 1) % 100 else None
        month = int(found.group(2))
        return Period(MONTH, year, month) if 1 <= month <= 12 else None
    return None


def kind_of(text: str) -> str | None:
    """What kind of period `text` is written as ("year", "financial year", "month"); None if none."""
    found = Period.parse(text)
    return found.kind if found else None


def sort_key(text: str) -> tuple:
    """A key that puts period texts in time order; text that is not a period goes last, in text order."""
    found = Period.parse(text)
    return (0, *found.sort_key(), "") if found else (1, date.max, date.max, str(text))


def sorted_periods(texts) -> list[str]:
    """The distinct non-empty periods of `texts`, earliest first."""
    return sorted({text for text in texts if text}, key=sort_key)
