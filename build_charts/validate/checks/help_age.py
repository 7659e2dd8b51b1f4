"""Help contacts are re-checked at least once a year (warning)."""

from __future__ import annotations

from datetime import date

from build_charts.validate.problem import WARNING, Problem


def check(tables, context):
    """Warn about help contacts never checked or last checked more than the allowed age ago."""
    table = tables.get("help_services")
    if table is None or "last_verified" not in table.frame:
        return
    for row_number, row in table.rows():
        value = row["last_verified"].strip()
        name = row.get("name", "this service")
        expected = f"contact details checked within the last {context.help_max_age_days} days"
        fix = (
            f"Phone or visit {name} to confirm the details, then put today's date in last_verified "
            "(and the source you checked it against)."
        )
        if not value:
            yield Problem(code="contact-never-checked", file=table.file, row=row_number, column="last_verified",
                          found="no date: when these details were last checked is not recorded", expected=expected, fix=fix,
                          severity=WARNING)
            continue
        try:
            checked = date.fromisoformat(value)
        except ValueError:
            continue  # frictionless reports the unreadable date
        age = (context.today - checked).days
        if age > context.help_max_age_days:
            yield Problem(code="contact-out-of-date", file=table.file, row=row_number, column="last_verified",
                          found=f"{value}, {age} days ago", expected=expected, fix=fix, severity=WARNING)
