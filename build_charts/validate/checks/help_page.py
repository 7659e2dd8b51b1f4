"""The help page's own rules: opening hours that can be read, and when to call each urgent service, with its source."""

from __future__ import annotations

from build_charts.hours import EXAMPLE, HoursError, HoursMadeADate, parse_hours
from build_charts.validate.problem import Problem, quoted

# Columns that hold opening hours: days and 24-hour times, or "24 hours"; anything else is refused.
HOURS_COLUMNS = ("hours",)


def check(tables, context):
    """Report hours that do not parse or that a spreadsheet made a date, and urgent services without when_to_call
    words or the source of them."""
    table = tables.get("help_services")
    if table is None:
        return
    for row_number, row in table.rows():
        yield from _hours(table.file, row_number, row)
        yield from _when_to_call(table.file, row_number, row)


def _hours(file: str, row_number: int, row: dict):
    value = (row.get("hours") or "").strip()
    if not value:
        return
    try:
        parse_hours(value)
    except HoursMadeADate as error:
        yield Problem(code="hours-made-a-date", file=file, row=row_number, column="hours",
                      found=f"{quoted(value)}, which is {error.reason}", expected=f"opening hours: {EXAMPLE}",
                      fix=('Type the hours again from the source as days and 24-hour times ("Mon-Fri 09:00-17:00"). '
                           "Format the hours column as Text before typing, so the spreadsheet does not turn them into "
                           "a date."))
    except HoursError as error:
        found = quoted(value) if error.part == value else f"{quoted(value)}: {quoted(error.part, 30)} is not understood"
        yield Problem(code="bad-hours", file=file, row=row_number, column="hours", found=found,
                      expected=f"{EXAMPLE}; {error.reason}",
                      fix=('Write the days as Mon, Tue, Wed, Thu, Fri, Sat, Sun (a range with "-", e.g. Mon-Fri), then '
                           'the times in 24-hour clock (e.g. 09:00-17:00; several separated by ","), and separate '
                           'rules with ";". Leave the cell empty if the source does not give the hours.'))


def _when_to_call(file: str, row_number: int, row: dict):
    urgent = (row.get("urgent") or "").strip().lower() in {"true", "yes", "1"}
    words, source = (row.get("when_to_call") or "").strip(), (row.get("when_to_call_source_id") or "").strip()
    name = row.get("name") or "this service"
    if urgent and not words:
        yield Problem(code="urgent-without-when-to-call", file=file, row=row_number, column="when_to_call",
                      found=f"{name} is marked urgent, with no words on when to call it",
                      expected="one line on when to call an urgent service, copied from a public source",
                      fix=("Copy the service's own line on when to call it (for 999 or 111, the NHS's page) into "
                           "when_to_call, and that page's source_id into when_to_call_source_id. If no source says "
                           "when to call it, set urgent to false: it is then listed with its group."))
    if words and not source:
        yield Problem(code="when-to-call-without-source", file=file, row=row_number, column="when_to_call_source_id",
                      found="no source for the when_to_call words",
                      expected="the source_id (sources.csv) of the page the when_to_call words come from",
                      fix="Add a row for that page to sources.csv if it has none, and put its source_id here.")
