"""Benchmark comparison: the partnership's area against its comparator areas, for one indicator."""

from __future__ import annotations

import altair as alt
import pandas as pd

from build_charts import i18n
from build_charts.charts import narrow, theme
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


def narrow_chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """Bars for a phone: each area's name above its bar (wrapped when long), its value printed after the bar, the
    scale from zero and short enough that every value fits beside its bar."""
    values = [_bar(row, context.local_area) for row in rows.to_dict("records")]
    low = min([0.0, *(v["value"] for v in values), *(v["lower"] for v in values if v["lower"] is not None)])
    domain = (low, narrow.scale_for_labels([(v["label_at"], narrow.text_width(v["label"])) for v in values], low))
    drawn = narrow.Rows()
    if context.unit:
        drawn.text(context.unit)
        drawn.space(4)
    for v in values:
        colour = theme.LOCAL if v["role"] == "local" else theme.COMPARATOR
        drawn.text(v["area"], bold=v["role"] == "local")
        pieces = [{"x": min(0.0, v["value"]), "x2": max(0.0, v["value"]), "colour": colour}]
        if v["lower"] is not None and v["upper"] is not None:
            pieces.append({"x": v["lower"], "x2": v["upper"], "colour": theme.TEXT, "inset": narrow.BAR / 2 - 1})
        label_at = narrow.pixels(max(v["label_at"], 0.0), domain) + 4
        drawn.bar(pieces, [{"text": v["label"], "x": label_at}])
        drawn.space()
    return narrow.drawing(drawn, domain)


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
        return i18n.sentence("%(title)s: no value for %(area)s is reported.", title=title, area=area)
    local_value = float(local["value"].iloc[0])
    comparisons = []
    for row in rows[rows["area"] != area].to_dict("records"):
        value = float(row["value"])
        comparisons.append(_comparison(local_value, value, row["area"]))
    period = local["period"].iloc[0]
    values = {"title": title, "unit": unit, "area": area, "value": format_number(local_value), "period": period}
    sentence = (i18n.sentence("%(title)s (%(unit)s): %(area)s %(value)s in %(period)s", **values) if period
                else i18n.sentence("%(title)s (%(unit)s): %(area)s %(value)s", **values))
    if comparisons:
        sentence += ", " + join_words(comparisons)
    return sentence + "."


def _comparison(local_value: float, value: float, area: str) -> str:
    """'higher than England (12.3)': the local value against one comparator's."""
    values = {"area": area, "value": format_number(value)}
    if local_value > value:
        return i18n.sentence("higher than %(area)s (%(value)s)", **values)
    if local_value < value:
        return i18n.sentence("lower than %(area)s (%(value)s)", **values)
    return i18n.sentence("the same as %(area)s (%(value)s)", **values)


def table(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> DataTable:
    """Area, value (with any range the source gives) and period."""
    has_range = rows["lower"].notna().any()
    headers = [i18n.sentence("Area"), i18n.sentence("Value (%(unit)s)", unit=context.unit),
               *([i18n.sentence("Range")] if has_range else []), i18n.sentence("Period")]
    body = []
    for row in rows.to_dict("records"):
        cells = [row["area"], format_number(row["value"])]
        if has_range:
            cells.append(_range(row))
        body.append([*cells, row["period"] or i18n.sentence("period not given")])
    return DataTable(headers, body, numeric={1})


def _range(row: dict) -> str:
    if row.get("lower") is None or row.get("upper") is None:
        return i18n.sentence("Not reported")
    return i18n.sentence("%(lower)s to %(upper)s", lower=format_number(row["lower"]), upper=format_number(row["upper"]))
