"""Headline number: one figure as a tile, with its qualifier ('around', 'nearly'), area and period."""

from __future__ import annotations

import altair as alt
import pandas as pd

from build_charts import i18n
from build_charts.charts import narrow, theme
from build_charts.charts.catalogue import ChartSpec
from build_charts.charts.context import ChartContext, DataTable, indicator_values, with_values
from build_charts.charts.numbers import with_unit
from build_charts.package import DataPackage

FIGURE_SIZE = 28


def data(package: DataPackage, spec: ChartSpec, context: ChartContext) -> pd.DataFrame:
    """The one value shown: the catalogue's area, else the partnership's area, else the indicator's only value.

    With several periods, the latest dated one is shown.
    """
    values = indicator_values(package, spec.indicator_id)
    for area in (spec.area, context.local_area):
        if area and (values["area"] == area).any():
            values = values[values["area"] == area]
            break
    return values.sort_values("period", na_position="first").tail(1).reset_index(drop=True)


def figure_text(row: dict, context: ChartContext) -> str:
    """The number as the tile shows it, e.g. 'around 17,000 people'."""
    text = with_unit(row["value"], context.unit)
    return f"{row['qualifier']} {text}" if row.get("qualifier") else text


def in_area(area: str) -> str:
    """'in Southampton'; 'nationally' for the area the sources call National."""
    if area.strip().lower() == "national":
        return i18n.sentence("nationally")
    return i18n.sentence("in %(area)s", area=area)


def where_and_when(row: dict) -> str:
    """'Southampton, 2015/16', or 'Southampton, period not given'; an area the source does not give is left out."""
    return ", ".join(part for part in (row.get("area"), row.get("period") or i18n.sentence("period not given")) if part)


def chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """A tile: the number large, its area and period small beneath."""
    row = rows.iloc[0].to_dict()
    figure = figure_text(row, context)
    big = alt.Chart().mark_text(fontSize=FIGURE_SIZE, fontWeight="bold", color=theme.LOCAL, align="left").encode(
        text=alt.Text("figure:N"), x=alt.XValue(0), y=alt.YValue(30)
    )
    caption = alt.Chart().mark_text(fontSize=14, align="left").encode(
        text=alt.Text("caption:N"), x=alt.XValue(0), y=alt.YValue(66)
    )
    # Wide enough for the figure as drawn (measured in the charts' font); phones get `narrow_chart`.
    width = max(theme.WIDTH, int(narrow.text_width(figure, FIGURE_SIZE, bold=True)) + 4)
    values = [{"figure": figure, "caption": where_and_when(row)}]
    return with_values(alt.layer(big, caption), values, width=width, height=80)


def narrow_chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """The tile for a phone: the number and its caption wrapped onto as many lines as they need."""
    row = rows.iloc[0].to_dict()
    drawn = narrow.Rows()
    drawn.text(figure_text(row, context), size=FIGURE_SIZE, bold=True, colour=theme.LOCAL)
    drawn.space(4)
    drawn.text(where_and_when(row), size=14)
    return narrow.drawing(drawn)


def summary(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> str:
    """'Adults who took an illicit drug: in 2015/16 the figure in England and Wales was 8.4%.' A figure describes
    a past period, so the sentence is in the past tense."""
    title = context.indicator["title"]
    if rows.empty:
        return i18n.sentence("%(title)s: no value is reported.", title=title)
    row = rows.iloc[0].to_dict()
    figure = figure_in_sentence(row, context)
    where = in_area(row["area"]) if row.get("area") else None
    if row.get("period") and where:
        return i18n.sentence("%(title)s: in %(period)s the figure %(where)s was %(figure)s.", title=title,
                             period=row["period"], where=where, figure=figure)
    if row.get("period"):
        return i18n.sentence("%(title)s: in %(period)s the figure was %(figure)s.", title=title, period=row["period"],
                             figure=figure)
    if where:
        return i18n.sentence("%(title)s: the figure %(where)s was %(figure)s.", title=title, where=where, figure=figure)
    return i18n.sentence("%(title)s: the figure was %(figure)s.", title=title, figure=figure)


def figure_in_sentence(row: dict, context: ChartContext) -> str:
    """The number as a sentence says it: 'an estimated 1,649 people', 'around 17,000 people', '8.4%'."""
    text = with_unit(row["value"], context.unit)
    qualifier = row.get("qualifier")
    if not qualifier:
        return text
    if qualifier == "estimated":
        return i18n.sentence("an estimated %(figure)s", figure=text)
    return f"{qualifier} {text}"


def table(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> DataTable:
    """The one value with its area and period ("period not given" when the source gives none)."""
    body = [
        [row["area"] or i18n.sentence("Not reported"), row["period"] or i18n.sentence("period not given"),
         figure_text(row, context)]
        for row in rows.to_dict("records")
    ]
    return DataTable([i18n.sentence("Area"), i18n.sentence("Period"), i18n.sentence("Value")], body, numeric={2})
