"""A strategy's next_report_due must come after its newest progress report.

After a new report is added, a due date left from the year before names a report that has already come: the site
would not call it overdue (it treats such a date as not reported), but the date is out of date. Warn, so the comms
team updates or empties it.
"""

from __future__ import annotations

from collections.abc import Iterator

from build_charts.package import Table
from build_charts.validate.problem import WARNING, Problem


def check(tables: dict[str, Table], context) -> Iterator[Problem]:
    """A warning for each strategy whose next_report_due is before the month of its newest progress report."""
    strategies, themes = tables.get("strategies"), tables.get("themes")
    commitments, progress = tables.get("commitments"), tables.get("progress")
    if None in (strategies, themes, commitments, progress):
        return
    newest = _newest_report_months(themes, commitments, progress)
    for row_number, row in strategies.rows():
        due, month = (row.get("next_report_due") or "").strip(), newest.get(row.get("strategy_id", ""))
        if due and month and due[:7] < month:
            yield Problem(
                code="next-report-past", file=strategies.file, row=row_number, column="next_report_due",
                severity=WARNING,
                found=f'"{due}", before the newest progress report of this strategy (reported on {month})',
                expected="the date the next report, after the newest one, is due",
                fix="Put in the date the next report is due, if a document gives it; otherwise empty the cell, and "
                    "the site says the date is not reported.")


def _newest_report_months(themes: Table, commitments: Table, progress: Table) -> dict[str, str]:
    """The newest reported_on month (YYYY-MM) of each strategy's progress reports, by strategy_id."""
    strategy_of_theme = {row.get("theme_id"): row.get("strategy_id") for _, row in themes.rows()}
    strategy_of = {row.get("commitment_id"): strategy_of_theme.get(row.get("theme_id"))
                   for _, row in commitments.rows()}
    newest: dict[str, str] = {}
    for _, row in progress.rows():
        strategy, month = strategy_of.get(row.get("commitment_id")), (row.get("reported_on") or "").strip()[:7]
        if strategy and month and month > newest.get(strategy, ""):
            newest[strategy] = month
    return newest
