"""Reporting completeness by theme: how many commitments' latest reports give progress, gaps and next actions."""

from __future__ import annotations

import altair as alt
import pandas as pd

from build_charts import i18n
from build_charts.charts import narrow, theme
from build_charts.charts.catalogue import ChartSpec
from build_charts.charts.context import ChartContext, DataTable, with_values
from build_charts.charts.reports import latest_reports, theme_label
from build_charts.package import DataPackage
from build_charts.vocab import Vocabularies


def report_parts(vocab: Vocabularies) -> dict[str, str]:
    """Each text column of a report with its band's words (from the data package's vocabularies)."""
    return {column: part.short for column, part in vocab.report_parts.items()}


# Joins a theme and a part into the name of the part's band; no theme label or part contains it.
SEPARATOR = "\u241f"
# Each part's bar as tall as in the panel per theme the chart once had; each theme's heading takes one more band.
BAND_HEIGHT = (theme.BAR_HEIGHT * 3 - 20) / 3


def data(package: DataPackage, spec: ChartSpec, context: ChartContext) -> pd.DataFrame:
    """Per theme and part of the report: commitments that filled it in, out of those the report applies to."""
    reports = latest_reports(package, spec.strategy_id)
    applicable = reports[reports["status"].map(package.vocab.applies).astype(bool)]
    rows = []
    for (number, title), group in applicable.groupby(["theme_number", "theme"], sort=True):
        for column, part in report_parts(package.vocab).items():
            rows.append({"theme_number": number, "theme": title, "part": part,
                         "reported": int(group[column].notna().sum()), "commitments": len(group)})
    return pd.DataFrame(rows, columns=["theme_number", "theme", "part", "reported", "commitments"])


def chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """Per theme, a heading then a bar per part of the report: filled-in count over a pale bar of the total, 'n of m'.

    One layered chart with a band for each heading and each part, rather than a facet per theme, which Vega
    draws more slowly.
    """
    theme_labels = [theme_label(n, t) for n, t in zip(rows["theme_number"], rows["theme"], strict=True)]
    themes = list(dict.fromkeys(theme_labels))
    bands = [band for label in themes for band in (label, *(_band(label, part) for part in report_parts(context.vocab).values()))]
    values = [
        {"band": _band(label, part), "reported": int(done), "commitments": int(of),
         "label": i18n.sentence("%(number)s of %(total)s", number=done, total=of)}
        for label, part, done, of in zip(theme_labels, rows["part"], rows["reported"], rows["commitments"], strict=True)
    ]
    ticks = theme.count_ticks(max(rows["commitments"], default=0))
    total = alt.Chart().mark_bar(color="#E6E6E6", stroke=theme.COMPARATOR, strokeWidth=1).encode(
        x=alt.X("commitments:Q", title=i18n.sentence("Commitments"), axis=alt.Axis(values=ticks, format="d")))
    reported = alt.Chart().mark_bar(color=theme.LOCAL).encode(x=alt.X("reported:Q"))
    counts = alt.Chart().mark_text(align="left", dx=4).encode(x=alt.X("commitments:Q"), text=alt.Text("label:N"))
    headings = alt.Chart().mark_text(align="left", fontWeight="bold").encode(x=alt.XValue(0), text=alt.Text("band:N"))
    headings = with_values(headings, [{"band": label} for label in themes])
    axis = alt.Axis(values=[v["band"] for v in values], labelExpr=f"split(datum.value, '{SEPARATOR}')[1]", domain=False)
    layered = alt.layer(total, reported, counts, headings).encode(
        y=alt.Y("band:N", title=None, scale=alt.Scale(domain=bands), axis=axis))
    return with_values(layered, values, width=theme.WIDTH - 60, height=alt.Step(BAND_HEIGHT))


def narrow_chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """Per theme for a phone: its name, then each part of the report above its bar, 'n of m' after the bar."""
    labels = [i18n.sentence("%(number)s of %(total)s", number=done, total=of)
              for done, of in zip(rows["reported"], rows["commitments"], strict=True)]
    high = narrow.scale_for_labels([(float(of), narrow.text_width(label))
                                    for of, label in zip(rows["commitments"], labels, strict=True)])
    drawn = narrow.Rows()
    records = rows.assign(label=labels).to_dict("records")
    for number, title in dict.fromkeys(zip(rows["theme_number"], rows["theme"], strict=True)):
        drawn.text(f"{theme_label(number, title)}: {title}", bold=True)
        for r in (r for r in records if (r["theme_number"], r["theme"]) == (number, title)):
            drawn.text(r["part"])
            drawn.bar([{"x": 0, "x2": int(r["commitments"]), "colour": "#E6E6E6", "stroke": theme.COMPARATOR},
                       {"x": 0, "x2": int(r["reported"]), "colour": theme.LOCAL}],
                      [{"text": r["label"], "x": narrow.pixels(int(r["commitments"]), (0, high)) + 4}])
            drawn.space(6)
        drawn.space(4)
    return narrow.drawing(drawn, (0, high))


def _band(label: str, part: str) -> str:
    """The band of one part of one theme's report; the axis shows only the part."""
    return f"{label}{SEPARATOR}{part}"


def summary(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> str:
    """Per theme: 'Theme 1: progress 4 of 4, gaps and challenges 4 of 4, next actions 3 of 4.'"""
    if rows.empty:
        return i18n.sentence("No commitment has a report that applies to it.")
    sentences = []
    for (number, _title), group in rows.groupby(["theme_number", "theme"], sort=True):
        parts = ", ".join(i18n.sentence("%(part)s %(number)s of %(total)s", part=r["part"].lower(), number=r["reported"],
                                        total=r["commitments"]) for r in group.to_dict("records"))
        sentences.append(i18n.sentence("%(theme)s: %(parts)s.", theme=theme_label(number, _title), parts=parts))
    return i18n.sentence("Commitments whose latest report gives each part.") + " " + " ".join(sentences)


def table(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> DataTable:
    """Theme, part of the report, and how many commitments gave it."""
    body = [
        [f"{theme_label(r['theme_number'], r['theme'])}: {r['theme']}", r["part"],
         i18n.sentence("%(number)s of %(total)s", number=r["reported"], total=r["commitments"])]
        for r in rows.to_dict("records")
    ]
    return DataTable([i18n.sentence("Theme"), i18n.sentence("Part of the report"),
                      i18n.sentence("Commitments that gave it")], body, numeric={2})
