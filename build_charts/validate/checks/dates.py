"""No date, month or reporting period lies in the future, or outside the years the site can show (1900 to 2100)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from build_charts.periods import FINANCIAL_YEAR, KINDS, Period
from build_charts.validate.problem import Problem

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
PERIOD_COLUMNS = {"period"}
PARTIAL_DATE_COLUMNS = {"published", "first_met", "reported_on"}
# Dates that are in the future by nature (when a report is due).
FUTURE_COLUMNS = {"next_report_due"}
# The years a date may fall in: wide for any partnership's history and plans, and well inside what the tables the
# pages are made from can hold (pandas' timestamps end in 1677 and 2262), so no accepted date stops the build.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
FUTURE_FIX = {
    "period": "Check the year. Only publish a period once it has been reported.",
    "date": "Check the year, and that the day and month are the right way round.",
}


def check(tables, context):
    """Report dates and periods after today (often a typo in the year)."""
    for table in tables.values():
        types = table.field_types()
        columns = [c for c, t in types.items() if t in {"date", "yearmonth"} and c not in FUTURE_COLUMNS]
        columns += [c for c in types if c in PERIOD_COLUMNS | PARTIAL_DATE_COLUMNS and c not in columns]
        future = [c for c in types if c in FUTURE_COLUMNS]
        if not columns and not future:
            continue
        for row_number, row in table.rows():
            for column in [*columns, *future]:
                value = row.get(column, "").strip()
                start = earliest_day(value)
                if start and not EARLIEST <= start <= LATEST:
                    yield Problem(code="date-out-of-range", file=table.file, row=row_number, column=column,
                                  found=f'"{value}"', expected=f"a date between {EARLIEST.year} and {LATEST.year}",
                                  fix=FUTURE_FIX["date"])
                elif start and start > context.today and column not in future:
                    yield Problem(
                        code="future-date",
                        file=table.file,
                        row=row_number,
                        column=column,
                        found=f'"{value}", which is in the future',
                        expected=f"a date or period that has started by today ({context.today.isoformat()})",
                        fix=FUTURE_FIX["period" if column in PERIOD_COLUMNS else "date"],
                    )


@lru_cache(maxsize=4096)  # a few periods and months fill most cells
def earliest_day(value: str) -> date | None:
    """The first day a date, month, year or financial year (2024/25) covers; None if unreadable."""
    period = Period.parse(value)
    if period is None and KINDS[FINANCIAL_YEAR][1].fullmatch(value):  # 2024/26: still starts in April 2024
        period = Period(FINANCIAL_YEAR, int(value[:4]))
    if period is not None:
        return period.first_day
    if not DAY.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
