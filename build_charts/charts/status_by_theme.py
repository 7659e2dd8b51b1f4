"""Commitments by theme and status: a stacked bar per theme, each segment labelled with its symbol and count."""

from __future__ import annotations

import altair as alt
import pandas as pd

from build_charts.charts import theme
from build_charts.charts.catalogue import ChartSpec
from build_charts.charts.context import ChartContext, DataTable
from build_charts.charts.reports import latest_reports, theme_label
from build_charts.package import DataPackage
from build_charts.pages import status

NO_REPORT = ("no-report", "No progress report", "·")


def data(package: DataPackage, spec: ChartSpec, context: ChartContext) -> pd.DataFrame:
    """How many commitments of each theme are at each status in their latest report."""
    reports = latest_reports(package, spec.strategy_id)
    reports["status"] = reports["status"].fillna(NO_REPORT[0])
    counts = reports.groupby(["theme_number", "theme", "status"], as_index=False).size()
    counts = counts.rename(columns={"size": "commitments"})
    counts["status_label"] = counts["status"].map(_label)
    counts["rank"] = counts["status"].map(list(_order()).index)
    counts = counts.sort_values(["theme_number", "rank"]).drop(columns="rank")
    return counts[["theme_number", "theme", "status", "status_label", "commitments"]].reset_index(drop=True)


def chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """Stacked horizontal bars; every segment shows its status symbol and count, so colour is not the only cue."""
    present = [s for s in _order() if s in set(rows["status"])]
    frame = rows.assign(
        theme_label=[theme_label(n, t) for n, t in zip(rows["theme_number"], rows["theme"], strict=True)],
        legend=[f"{_symbol(s)} {_label(s)}" for s in rows["status"]],
        segment=[f"{_symbol(s)} {n}" for s, n in zip(rows["status"], rows["commitments"], strict=True)],
        rank=[present.index(s) for s in rows["status"]],
    )
    legend_domain = [f"{_symbol(s)} {_label(s)}" for s in present]
    base = alt.Chart(frame).encode(
        y=alt.Y("theme_label:N", title=None, sort=list(dict.fromkeys(frame["theme_label"]))),
        x=alt.X("commitments:Q", stack="zero", title="Commitments",
                axis=alt.Axis(values=theme.count_ticks(frame.groupby("theme_label")["commitments"].sum().max()), format="d")),
        order=alt.Order("rank:Q"),
    )
    bars = base.mark_bar(stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "legend:N",
            scale=alt.Scale(domain=legend_domain, range=[theme.STATUS_COLOURS[s] for s in present]),
            legend=alt.Legend(title=None, orient="bottom", direction="vertical"),
        )
    )
    labels = base.mark_text(color="white", fontWeight="bold", align="right", dx=-4).encode(
        text="segment:N", x=alt.X("commitments:Q", stack="zero")
    )
    height = theme.BAR_HEIGHT * frame["theme_label"].nunique()
    return alt.layer(bars, labels).properties(width=theme.WIDTH, height=height)


def summary(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> str:
    """'14 commitments: 13 not assessed and 1 not applicable.' then the same per theme."""
    total = int(rows["commitments"].sum())
    if total == 0:
        return "No commitments are listed for this strategy."
    overall = rows.groupby("status", sort=False)["commitments"].sum()
    parts = [_count_words(int(overall[s]), s) for s in _order() if s in overall]
    sentence = f"{total} commitments in their latest reports: {'; '.join(parts)}."
    for (number, title), group in rows.groupby(["theme_number", "theme"], sort=True):
        counts = "; ".join(_count_words(int(r["commitments"]), r["status"]) for r in group.to_dict("records"))
        sentence += f" {theme_label(number, title)}, {title}: {counts}."
    return sentence


def _count_words(count: int, code: str) -> str:
    """'4 not assessed', '2 with no progress report'."""
    words = _label(code).lower()
    return f"{count} with {words}" if code == NO_REPORT[0] else f"{count} {words}"


def table(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> DataTable:
    """Theme, status and number of commitments."""
    body = [
        [f"{theme_label(r['theme_number'], r['theme'])}: {r['theme']}", r["status_label"], str(int(r["commitments"]))]
        for r in rows.to_dict("records")
    ]
    return DataTable(["Theme", "Status", "Commitments"], body, numeric={2})


def _order() -> list[str]:
    return [*status.STATUSES, NO_REPORT[0]]


def _label(code: str) -> str:
    return NO_REPORT[1] if code == NO_REPORT[0] else status.label(code)


def _symbol(code: str) -> str:
    return NO_REPORT[2] if code == NO_REPORT[0] else status.STATUSES[code][1]
