"""A strategy's next_report_due must come after its newest progress report.

After a new report is added, a due date left from the year before names a report that has already come: the site
would not call it overdue (it treats such a date as not reported), but the date is out of date. Warn, so the comms
team updates or empties it.
"""

from __future__ import annotations

from collections.abc import Iterator

from build_charts.commitments import commitments_of, newest_report
from build_charts.package import Table
from build_charts.validate.problem import WARNING, Problem

NEEDED = {"themes": ("theme_id", "strategy_id"), "commitments": ("commitment_id", "theme_id"),
          "progress": ("commitment_id", "period", "reported_on")}


def check(tables: dict[str, Table], context) -> Iterator[Problem]:
    """A warning for each strategy whose next_report_due is before the month of its newest progress report."""
    strategies, themes = tables.get("strategies"), tables.get("themes")
    commitments, progress = tables.get("commitments"), tables.get("progress")
    if None in (strategies, themes, commitments, progress) or not all(
            set(columns) <= set(table.frame.columns) for table, columns in
            ((themes, NEEDED["themes"]), (commitments, NEEDED["commitments"]), (progress, NEEDED["progress"]))):
        return  # a missing column is reported by the header checks
    for row_number, row in strategies.rows():
        due = (row.get("next_report_due") or "").strip()
        if not due:
            continue
        ids = set(commitments_of(themes.frame, commitments.frame, row.get("strategy_id"))["commitment_id"])
        month = (newest_report(progress.frame, ids) or {}).get("reported_on")
        if month and due[:7] < month[:7]:
            yield Problem(
                code="next-report-past", file=strategies.file, row=row_number, column="next_report_due",
                severity=WARNING,
                found=f'"{due}", before the newest progress report of this strategy (reported on {month[:7]})',
                expected="the date the next report, after the newest one, is due",
                fix="Put in the date the next report is due, if a document gives it; otherwise empty the cell, and "
                    "the site says the date is not reported.")
