"""Reporting periods are one value type (build_charts/periods.py): every module that needs a period's first day,
the year it ends in or the period after it asks it, so the kinds of period are written down once."""

from __future__ import annotations

from datetime import date

import pytest

from build_charts.charts.ages import period_end_year
from build_charts.charts.context import ordered_periods
from build_charts.pages.answers import following_period
from build_charts.validate.checks.dates import earliest_day


@pytest.mark.parametrize(("text", "first", "last"), [
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024/25", date(2024, 4, 1), date(2025, 3, 31)),
    ("2025-02", date(2025, 2, 1), date(2025, 2, 28)),
    ("1999/00", date(1999, 4, 1), date(2000, 3, 31)),
])
def test_a_period_is_read_written_and_spans_its_days(text, first, last):
    from build_charts.periods import Period

    period = Period.parse(text)
    assert (str(period), period.first_day, period.last_day) == (text, first, last)
    assert earliest_day(text) == first


@pytest.mark.parametrize("text", ["2024/26", "2025-13", "24/25", "2024-", "", None, "FY2024"])
def test_text_that_is_not_a_period_is_none(text):
    from build_charts.periods import Period

    assert Period.parse(text) is None


def test_the_period_after_each_kind():
    from build_charts.periods import Period

    assert [str(Period.parse(p).following()) for p in ("2024", "2024/25", "1999/00", "2025-12")] == \
        ["2025", "2025/26", "2000/01", "2026-01"]
    assert [following_period(p) for p in ("2024", "2024/25", "2025-01")] == ["2025", "2025/26", None]
    assert [period_end_year(p) for p in ("2015/16", "2024", "2025-01", "not a period")] == [2016, 2024, None, None]


def test_months_and_financial_years_sort_by_the_day_they_start():
    assert ordered_periods(["2024/25", "2024-05", "2024-03", "", "2024/25"]) == ["2024-03", "2024/25", "2024-05"]
    assert ordered_periods(["2025", "2024/25", "2025/26", "2024"]) == ["2024", "2024/25", "2025", "2025/26"]


def test_a_month_that_does_not_exist_has_no_first_day():
    assert earliest_day("2025-13") is None
    assert earliest_day("2025-02-30") is None
    assert earliest_day("2025-02-03") == date(2025, 2, 3)
