"""The chart catalogue (charts.csv): each chart names what it draws, and the data can draw it."""

from __future__ import annotations

from build_charts.routes import reserved_ids
from build_charts.validate.checks import limits
from build_charts.validate.problem import Problem

INDICATOR_TYPES = {"headline", "benchmark", "trend"}
STRATEGY_TYPES = {"status-by-theme", "completeness-by-theme"}
# Folders under charts/ that hold other pages, so no chart's page may take their address (from build_charts/routes.py).
RESERVED_CHART_IDS = reserved_ids("chart")


def check(tables, context):
    """Report chart ids the site keeps for other pages, charts that name nothing to draw, and charts with no values to show."""
    charts = tables.get("charts")
    if charts is None:
        return
    count = len(charts.frame)
    if count > limits.MAX_CHARTS:
        yield limits.too_many("too-many-charts", charts.file, count, limits.MAX_CHARTS, "charts",
                              "Keep the charts people need: retire the others by deleting their rows (an address "
                              "already published must keep its row: give it replaced_by instead).")
        return
    values = _values_by_indicator(tables.get("indicator_values"))
    chart_ids = {row.get("chart_id") for _, row in charts.rows()}
    area, comparators = context.partnership.get("area", ""), context.partnership.get("comparator_areas", [])
    for row_number, row in charts.rows():
        if row.get("chart_id") in reserved_ids("chart"):
            yield _reserved_id(charts.file, row_number, row["chart_id"])
        kind = row.get("type", "")
        problem = None
        if kind in INDICATOR_TYPES and not row.get("indicator_id"):
            problem = _missing(row, "indicator_id", "the indicator_id of the figures to draw (from indicators.csv)")
        elif kind in STRATEGY_TYPES and not row.get("strategy_id"):
            problem = _missing(row, "strategy_id", "the strategy_id whose commitments to count (from strategies.csv)")
        elif row.get("replaced_by") and (row["replaced_by"] == row.get("chart_id") or row["replaced_by"] not in chart_ids):
            what = "the chart itself" if row["replaced_by"] == row.get("chart_id") else "which is not a chart_id in this file"
            problem = ("replaced_by", f'"{row["replaced_by"]}", {what}', "the chart_id of another chart in charts.csv",
                       "Name the chart that takes this one's place, or leave replaced_by empty.")
        elif kind in INDICATOR_TYPES and row["indicator_id"] in values:
            problem = _data_problem(kind, row, values[row["indicator_id"]], area, comparators)
        if problem:
            column, found, expected, fix = problem
            yield Problem(code="chart-cannot-draw", file=charts.file, row=row_number, column=column,
                          found=found, expected=expected, fix=fix)


def _reserved_id(file: str, row_number: int, chart_id: str) -> Problem:
    return Problem(code="chart-id-reserved", file=file, row=row_number, column="chart_id",
                   found=f'"{chart_id}", the address the site keeps for {reserved_ids("chart")[chart_id]}',
                   expected=f'a chart_id other than "{chart_id}"',
                   fix=f'Choose another chart_id, such as "{chart_id}-chart". It becomes the chart\'s permanent '
                       "web address, so pick one you will not need to change.")


def _values_by_indicator(table) -> dict[str, list[dict]]:
    values: dict[str, list[dict]] = {}
    if table is not None:
        for _, row in table.rows():
            values.setdefault(row.get("indicator_id", ""), []).append(row)
    return values


def _missing(row: dict, column: str, expected: str) -> tuple[str, str, str, str]:
    return (column, f'an empty cell for a {row.get("type")} chart', expected,
            f"Fill in {column}, or choose the chart type that fits the data.")


def _data_problem(kind: str, row: dict, values: list[dict], area: str, comparators: list[str]):
    """Why the indicator's values cannot make this kind of chart, as (column, found, expected, fix); None if they can."""
    areas = {v.get("area", "") for v in values}
    indicator = row["indicator_id"]
    if kind == "benchmark" and (area not in areas or not areas & set(comparators)):
        return ("indicator_id", f'"{indicator}", which has values for {_names(areas)}',
                f"a value for {area} and for at least one comparator area ({_names(set(comparators))})",
                "Add the missing values to indicator_values.csv, or make this a headline chart.")
    if kind == "trend" and len({v.get("period") for v in values if v.get("area") == area and v.get("period")}) < 2:
        return ("indicator_id", f'"{indicator}", which has fewer than two dated values for {area}',
                f"values for {area} in at least two periods",
                "Add values for more periods to indicator_values.csv, or make this a headline chart.")
    if kind == "headline":
        chosen = row.get("area") or (area if area in areas else "")
        if chosen and chosen not in areas:
            return ("area", f'"{chosen}", which has no value of "{indicator}"', f"one of {_names(areas)}",
                    "Type the area exactly as indicator_values.csv spells it.")
        if not chosen and len(areas) > 1:
            return ("area", f'an empty cell, but "{indicator}" has values for {_names(areas)}',
                    "the area whose value the headline shows", "Type the area to show, as indicator_values.csv spells it.")
    return None


def _names(areas: set[str]) -> str:
    named = sorted(a if a else "no area" for a in areas)
    return ", ".join(named) if named else "no area"
