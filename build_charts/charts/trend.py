"""Trend over periods: the partnership's area (and any comparator with values) period by period."""

from __future__ import annotations

import altair as alt
import pandas as pd

from build_charts.charts import theme
from build_charts.charts.catalogue import ChartSpec
from build_charts.charts.context import ChartContext, DataTable, indicator_values, join_words, ordered_periods
from build_charts.charts.numbers import format_number
from build_charts.package import DataPackage
from build_charts.pages.markdown import NOT_REPORTED

# Line styles by position, so each area is told apart by its dash and point shape as well as its colour.
DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]]
SHAPES = ["circle", "square", "triangle-up", "diamond"]


def data(package: DataPackage, spec: ChartSpec, context: ChartContext) -> pd.DataFrame:
    """Dated values of the local area and its comparators, local area first, each in period order."""
    values = indicator_values(package, spec.indicator_id)
    areas = [context.local_area, *context.comparators]
    rows = values[values["area"].isin(areas) & values["period"].notna()].copy()
    rows["rank"] = rows["area"].map(areas.index)
    return rows.sort_values(["rank", "period"]).drop(columns="rank").reset_index(drop=True)


def chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """One line per area with a labelled point per period; bars of the range where the source gives one."""
    areas = list(dict.fromkeys(rows["area"]))
    frame = pd.DataFrame(
        {
            "area": rows["area"],
            "period": rows["period"],
            "value": rows["value"].astype(float),
            "lower": pd.to_numeric(rows["lower"]),
            "upper": pd.to_numeric(rows["upper"]),
            "label": [format_number(v) for v in rows["value"]],
        }
    )
    colours = [theme.LOCAL if a == context.local_area else theme.COMPARATOR for a in areas]
    base = alt.Chart(frame).encode(
        x=alt.X("period:O", sort=ordered_periods(frame["period"]), title=None, axis=alt.Axis(labelAngle=0)),
        color=alt.Color("area:N", scale=alt.Scale(domain=areas, range=colours), legend=alt.Legend(title=None, orient="bottom")),
    )
    y = alt.Y("value:Q", title=context.unit, axis=alt.Axis(tickCount=4))
    line = base.mark_line(strokeWidth=2).encode(
        y=y, strokeDash=alt.StrokeDash("area:N", scale=alt.Scale(domain=areas, range=DASHES[: len(areas)]), legend=None)
    )
    points = base.mark_point(filled=True, size=70, opacity=1).encode(
        y=y, shape=alt.Shape("area:N", scale=alt.Scale(domain=areas, range=SHAPES[: len(areas)]), legend=None)
    )
    labels = base.mark_text(dy=-12).encode(y=y, text="label:N")
    layers = [line, points, labels]
    if frame["lower"].notna().any():
        layers.insert(0, base.mark_rule(strokeWidth=2, opacity=0.6).encode(y="lower:Q", y2="upper:Q"))
    return alt.layer(*layers).properties(width=theme.WIDTH, height=200)


def summary(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> str:
    """How the local value moved from its first to its latest period, and the comparators in that period."""
    title, area = context.indicator["title"], context.local_area
    local = rows[rows["area"] == area]
    if local.empty:
        return f"{title}: no dated value for {area} is reported."
    first, last = local.iloc[0], local.iloc[-1]
    unit = f" ({context.unit})" if context.unit else ""
    if len(local) == 1:
        sentence = f"{title}{unit}: {area} {format_number(last['value'])} in {last['period']}, the only period reported"
    else:
        change = "rose" if last["value"] > first["value"] else "fell" if last["value"] < first["value"] else "stayed"
        how = "at" if change == "stayed" else "to"
        start = f"from {format_number(first['value'])} in {first['period']}" if change != "stayed" else ""
        sentence = f"{title}{unit}: in {area} it {change} {start} {how} {format_number(last['value'])} in {last['period']}"
    others = rows[(rows["area"] != area) & (rows["period"] == last["period"])]
    if not others.empty:
        sentence += f". In {last['period']}: " + join_words([f"{r['area']} {format_number(r['value'])}" for r in others.to_dict("records")])
    return " ".join(sentence.split()) + "."


def table(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> DataTable:
    """Period, area, value and any range."""
    has_range = rows["lower"].notna().any()
    headers = ["Period", "Area", f"Value ({context.unit})", *(["Range"] if has_range else [])]
    body = []
    for row in rows.sort_values("period", kind="stable").to_dict("records"):
        cells = [row["period"], row["area"], format_number(row["value"])]
        if has_range:
            low, high = row.get("lower"), row.get("upper")
            cells.append(NOT_REPORTED if low is None or high is None else f"{format_number(low)} to {format_number(high)}")
        body.append(cells)
    return DataTable(headers, body, numeric={2})
