"""Each measure of success belongs to a theme or a commitment."""

from __future__ import annotations

from build_charts.validate.problem import Problem


def check(tables, context):
    """Report measures that name neither a theme nor a commitment."""
    table = tables.get("measures")
    if table is None:
        return
    for row_number, row in table.rows():
        if not row.get("theme_id", "").strip() and not row.get("commitment_id", "").strip():
            yield Problem(
                code="measure-without-owner",
                file=table.file,
                row=row_number,
                column="theme_id",
                found="neither a theme_id nor a commitment_id",
                expected="the theme or the commitment this measure belongs to",
                fix="Fill in theme_id (from themes.csv) or commitment_id (from commitments.csv).",
            )
