"""Reporting completeness by theme: how many commitments' latest reports give progress, gaps and next actions."""

from __future__ import annotations

import altair as alt
import pandas as pd

from build_charts.charts import theme
from build_charts.charts.catalogue import ChartSpec
from build_charts.charts.context import ChartContext, DataTable
from build_charts.charts.reports import latest_reports, theme_label
from build_charts.package import DataPackage

REPORT_PARTS = {
    "achievements": "Progress",
    "gaps_challenges": "Gaps and challenges",
    "next_actions": "Next actions",
}


def data(package: DataPackage, spec: ChartSpec, context: ChartContext) -> pd.DataFrame:
    """Per theme and part of the report: commitments that filled it in, out of those the report applies to."""
    reports = latest_reports(package, spec.strategy_id)
    applicable = reports[reports["status"] != "not-applicable"]
    rows = []
    for (number, title), group in applicable.groupby(["theme_number", "theme"], sort=True):
        for column, part in REPORT_PARTS.items():
            rows.append({"theme_number": number, "theme": title, "part": part,
                         "reported": int(group[column].notna().sum()), "commitments": len(group)})
    return pd.DataFrame(rows, columns=["theme_number", "theme", "part", "reported", "commitments"])


def chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.FacetChart:
    """For each theme, a bar per part of the report: filled-in count over a pale bar of the total, labelled 'n of m'."""
    frame = rows.assign(
        theme_label=[theme_label(n, t) for n, t in zip(rows["theme_number"], rows["theme"], strict=True)],
        label=[f"{r} of {c}" for r, c in zip(rows["reported"], rows["commitments"], strict=True)],
    )
    parts = list(REPORT_PARTS.values())
    y = alt.Y("part:N", sort=parts, title=None)
    base = alt.Chart().encode(y=y)
    total = base.mark_bar(color="#E6E6E6", stroke=theme.COMPARATOR, strokeWidth=1).encode(
        x=alt.X("commitments:Q", title="Commitments",
                axis=alt.Axis(values=theme.count_ticks(frame["commitments"].max()), format="d"))
    )
    done = base.mark_bar(color=theme.LOCAL).encode(x="reported:Q")
    labels = base.mark_text(align="left", dx=4).encode(x="commitments:Q", text="label:N")
    layered = alt.layer(total, done, labels, data=frame).properties(width=theme.WIDTH - 60, height=theme.BAR_HEIGHT * 3 - 20)
    return layered.facet(
        row=alt.Row("theme_label:N", title=None, sort=list(dict.fromkeys(frame["theme_label"])),
                    header=alt.Header(labelAngle=0, labelAlign="left", labelOrient="top", labelFontSize=13)),
    )


def summary(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> str:
    """Per theme: 'Theme 1: progress 4 of 4, gaps and challenges 4 of 4, next actions 3 of 4.'"""
    if rows.empty:
        return "No commitment has a report that applies to it."
    sentences = []
    for (number, _title), group in rows.groupby(["theme_number", "theme"], sort=True):
        parts = ", ".join(f"{r['part'].lower()} {r['reported']} of {r['commitments']}" for r in group.to_dict("records"))
        sentences.append(f"{theme_label(number, _title)}: {parts}.")
    return "Commitments whose latest report gives each part. " + " ".join(sentences)


def table(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> DataTable:
    """Theme, part of the report, and how many commitments gave it."""
    body = [
        [f"{theme_label(r['theme_number'], r['theme'])}: {r['theme']}", r["part"], f"{r['reported']} of {r['commitments']}"]
        for r in rows.to_dict("records")
    ]
    return DataTable(["Theme", "Part of the report", "Commitments that gave it"], body, numeric={2})
