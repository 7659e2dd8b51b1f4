"""Trend over periods: the partnership's area (and any comparator with values) period by period."""

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
    ordered_periods,
    with_values,
)
from build_charts.charts.numbers import format_number
from build_charts.package import DataPackage

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
    return _lines(rows, context)


def narrow_chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """The trend for a phone: per area its name (wrapped when long), then a bar per period, earliest first, each
    with its period before it and its value after it, on one scale from zero short enough for every value to fit;
    the unit above. A line with a label at every point overlaps itself at this width; bars never do."""
    values = [{**v, "label_at": v["value"] if v["upper"] is None else max(v["value"], v["upper"])}
              for v in _values(rows)]  # a label follows its value or the top of its range
    gutter = max((narrow.text_width(str(v["period"])) for v in values), default=0) + 8
    low = min([0.0, *(v["value"] for v in values), *(v["lower"] for v in values if v["lower"] is not None)])
    high = narrow.scale_for_labels([(v["label_at"], narrow.text_width(v["label"])) for v in values], low, left=gutter)
    domain = narrow.after_gutter((low, high), gutter)
    drawn = narrow.Rows()
    if context.unit:
        drawn.text(context.unit)
        drawn.space(4)
    for area in dict.fromkeys(v["area"] for v in values):
        local = area == context.local_area
        drawn.text(area, bold=local)
        for v in (v for v in values if v["area"] == area):
            pieces = [{"x": min(0.0, v["value"]), "x2": max(0.0, v["value"]),
                       "colour": theme.LOCAL if local else theme.COMPARATOR}]
            if v["lower"] is not None and v["upper"] is not None:
                pieces.append({"x": v["lower"], "x2": v["upper"], "colour": theme.TEXT, "inset": narrow.BAR / 2 - 1})
            drawn.bar(pieces, [{"text": str(v["period"]), "x": 0},
                               {"text": v["label"], "x": narrow.pixels(max(v["label_at"], 0.0), domain) + 4}])
            drawn.space(3)
        drawn.space()
    return narrow.drawing(drawn, domain)


def _values(rows: pd.DataFrame) -> list[dict]:
    """Each row's area, period, value, range and label, as plain values."""
    return [{"area": r["area"], "period": r["period"], "value": float(r["value"]), "lower": number_or_none(r["lower"]),
             "upper": number_or_none(r["upper"]), "label": format_number(r["value"])}
            for r in rows.to_dict("records")]


def _lines(rows: pd.DataFrame, context: ChartContext) -> alt.LayerChart:
    areas = list(dict.fromkeys(rows["area"]))
    values = _values(rows)
    periods = ordered_periods(rows["period"])
    colours = [theme.LOCAL if a == context.local_area else theme.COMPARATOR for a in areas]
    x = alt.X("period:O", sort=periods, title=None, axis=alt.Axis(labelAngle=0))
    colour = alt.Color("area:N", scale=alt.Scale(domain=areas, range=colours),
                       legend=alt.Legend(title=None, orient="bottom"))
    y = alt.Y("value:Q", title=context.unit, axis=alt.Axis(tickCount=4))
    line = alt.Chart().mark_line(strokeWidth=2).encode(
        strokeDash=alt.StrokeDash("area:N", scale=alt.Scale(domain=areas, range=DASHES[: len(areas)]), legend=None),
    )
    points = alt.Chart().mark_point(filled=True, size=70, opacity=1).encode(
        shape=alt.Shape("area:N", scale=alt.Scale(domain=areas, range=SHAPES[: len(areas)]), legend=None),
    )
    labels = alt.Chart().mark_text(dy=-12).encode(text=alt.Text("label:N"))
    layers = [line, points, labels]
    if any(v["lower"] is not None for v in values):
        ranges = alt.Chart().mark_rule(strokeWidth=2, opacity=0.6).encode(y=alt.Y("lower:Q"), y2=alt.Y2(field="upper"))
        layers.insert(0, ranges)
    layered = alt.layer(*layers).encode(x=x, y=y, color=colour)
    return with_values(layered, values, width=theme.WIDTH, height=200)


def summary(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> str:
    """How the local value moved from its first to its latest period, and the comparators in that period."""
    title, area = context.indicator["title"], context.local_area
    local = rows[rows["area"] == area]
    if local.empty:
        return i18n.sentence("%(title)s: no dated value for %(area)s is reported.", title=title, area=area)
    first, last = local.iloc[0], local.iloc[-1]
    unit = f" ({context.unit})" if context.unit else ""
    sentence = _movement(f"{title}{unit}", area, first, last, len(local))
    others = rows[(rows["area"] != area) & (rows["period"] == last["period"])]
    if not others.empty:
        figures = join_words([f"{r['area']} {format_number(r['value'])}" for r in others.to_dict("records")])
        sentence += ". " + i18n.sentence("In %(period)s: %(figures)s", period=last["period"], figures=figures)
    return " ".join(sentence.split()) + "."


def _movement(title: str, area: str, first, last, periods: int) -> str:
    """'Drug offences (per 1,000): in Southampton it rose from 3 in 2020 to 4 in 2024', without the full stop."""
    values = {"title": title, "area": area, "first": format_number(first["value"]), "first_period": first["period"],
              "last": format_number(last["value"]), "period": last["period"]}
    if periods == 1:
        return i18n.sentence("%(title)s: %(area)s %(last)s in %(period)s, the only period reported", **values)
    if last["value"] > first["value"]:
        return i18n.sentence("%(title)s: in %(area)s it rose from %(first)s in %(first_period)s to %(last)s in "
                             "%(period)s", **values)
    if last["value"] < first["value"]:
        return i18n.sentence("%(title)s: in %(area)s it fell from %(first)s in %(first_period)s to %(last)s in "
                             "%(period)s", **values)
    return i18n.sentence("%(title)s: in %(area)s it stayed at %(last)s in %(period)s", **values)


def table(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> DataTable:
    """Period, area, value and any range."""
    has_range = rows["lower"].notna().any()
    headers = [i18n.sentence("Period"), i18n.sentence("Area"), i18n.sentence("Value (%(unit)s)", unit=context.unit),
               *([i18n.sentence("Range")] if has_range else [])]
    body = []
    for row in rows.sort_values("period", kind="stable").to_dict("records"):
        cells = [row["period"], row["area"], format_number(row["value"])]
        if has_range:
            low, high = row.get("lower"), row.get("upper")
            cells.append(i18n.sentence("Not reported") if low is None or high is None
                         else i18n.sentence("%(lower)s to %(upper)s", lower=format_number(low), upper=format_number(high)))
        body.append(cells)
    return DataTable(headers, body, numeric={2})
