"""Benchmark comparison: the partnership's area against its comparator areas, for one indicator."""

from __future__ import annotations

import altair as alt
import pandas as pd

from build_charts.charts import theme
from build_charts.charts.ages import NO_PERIOD
from build_charts.charts.catalogue import ChartSpec
from build_charts.charts.context import (
    ChartContext,
    DataTable,
    indicator_values,
    join_words,
    number_or_none,
    with_values,
)
from build_charts.charts.numbers import format_number
from build_charts.package import DataPackage
from build_charts.vocab import NOT_REPORTED


def data(package: DataPackage, spec: ChartSpec, context: ChartContext) -> pd.DataFrame:
    """The local value first, then comparators in the order the partnership lists them."""
    return benchmark_rows(indicator_values(package, spec.indicator_id), context.local_area, context.comparators)


def benchmark_rows(values: pd.DataFrame, local_area: str, comparators: list[str]) -> pd.DataFrame:
    """The rows for the local area and each comparator, in that order, for the local area's latest period.

    Rows with no period are kept: the source did not say when they were measured.
    """
    order = [local_area, *comparators]
    rows = values[values["area"].isin(order)].copy()
    local_periods = [p for p in rows.loc[rows["area"] == local_area, "period"] if p]
    if local_periods:
        rows = rows[rows["period"].isna() | (rows["period"] == max(local_periods))]
    rows["rank"] = rows["area"].map(order.index)
    return rows.sort_values("rank").drop(columns="rank").reset_index(drop=True)


def chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """Horizontal bars, one per area, each labelled with its value; the local area in its own colour."""
    values = [_bar(row, context.local_area) for row in rows.to_dict("records")]
    bars = alt.Chart().mark_bar().encode(
        x=alt.X("value:Q", title=context.unit, axis=alt.Axis(tickCount=4)),
        color=alt.Color(
            "role:N",
            scale=alt.Scale(domain=["local", "comparator"], range=[theme.LOCAL, theme.COMPARATOR]),
            legend=None,
        ),
    )
    labels = alt.Chart().mark_text(align="left", dx=4).encode(x=alt.X("label_at:Q"), text=alt.Text("label:N"))
    layers = [bars, labels]
    if any(v["lower"] is not None for v in values):
        ranges = alt.Chart().mark_rule(color=theme.TEXT, strokeWidth=2).encode(
            x=alt.X("lower:Q"), x2=alt.X2(field="upper"))
        layers.insert(1, ranges)
    layered = alt.layer(*layers).encode(y=alt.Y("area:N", sort=[v["area"] for v in values], title=None))
    return with_values(layered, values, width=theme.WIDTH, height=theme.BAR_HEIGHT * len(values))


def _bar(row: dict, local_area: str) -> dict:
    """One area's bar as plain values; its label sits past the end of the bar or of its range."""
    value, lower, upper = float(row["value"]), number_or_none(row["lower"]), number_or_none(row["upper"])
    return {"area": row["area"], "value": value, "lower": lower, "upper": upper, "label": format_number(row["value"]),
            "label_at": value if upper is None else max(value, upper),
            "role": "local" if row["area"] == local_area else "comparator"}


def summary(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> str:
    """One sentence comparing the local value with each comparator, with the period only if given."""
    title, unit, area = context.indicator["title"], context.unit, context.local_area
    local = rows[rows["area"] == area]
    if local.empty:
        return f"{title}: no value for {area} is reported."
    local_value = float(local["value"].iloc[0])
    comparisons = []
    for row in rows[rows["area"] != area].to_dict("records"):
        value = float(row["value"])
        word = "higher than" if local_value > value else "lower than" if local_value < value else "the same as"
        comparisons.append(f"{word} {row['area']} ({format_number(value)})")
    period = local["period"].iloc[0]
    when = f" in {period}" if period else ""
    sentence = f"{title} ({unit}): {area} {format_number(local_value)}{when}"
    if comparisons:
        sentence += ", " + join_words(comparisons)
    return sentence + "."


def table(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> DataTable:
    """Area, value (with any range the source gives) and period."""
    has_range = rows["lower"].notna().any()
    headers = ["Area", f"Value ({context.unit})", *(["Range"] if has_range else []), "Period"]
    body = []
    for row in rows.to_dict("records"):
        cells = [row["area"], format_number(row["value"])]
        if has_range:
            cells.append(_range(row))
        body.append([*cells, row["period"] or NO_PERIOD])
    return DataTable(headers, body, numeric={1})


def _range(row: dict) -> str:
    if row.get("lower") is None or row.get("upper") is None:
        return NOT_REPORTED
    return f"{format_number(row['lower'])} to {format_number(row['upper'])}"
