"""Commitments by theme and status: a stacked bar per theme, each segment labelled with its symbol and count."""

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

NO_REPORT = ("no-report", i18n.N_("No progress report"), "·")


def data(package: DataPackage, spec: ChartSpec, context: ChartContext) -> pd.DataFrame:
    """How many commitments of each theme are at each status in their latest report."""
    reports = latest_reports(package, spec.strategy_id)
    reports["status"] = reports["status"].fillna(NO_REPORT[0])
    counts = reports.groupby(["theme_number", "theme", "status"], as_index=False).size()
    counts = counts.rename(columns={"size": "commitments"})
    counts["status_label"] = counts["status"].map(lambda code: _label(code, package.vocab))
    counts["rank"] = counts["status"].map(list(_order(package.vocab)).index)
    counts = counts.sort_values(["theme_number", "rank"]).drop(columns="rank")
    return counts[["theme_number", "theme", "status", "status_label", "commitments"]].reset_index(drop=True)


def chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """Stacked horizontal bars; every segment shows its status symbol and count, so colour is not the only cue."""
    vocab = context.vocab
    present = [s for s in _order(vocab) if s in set(rows["status"])]
    values = [
        {"theme_label": theme_label(number, title), "legend": f"{_symbol(code, vocab)} {_label(code, vocab)}",
         "segment": f"{_symbol(code, vocab)} {count}", "commitments": int(count), "rank": present.index(code)}
        for number, title, code, count in zip(rows["theme_number"], rows["theme"], rows["status"], rows["commitments"],
                                              strict=True)
    ]
    themes = list(dict.fromkeys(v["theme_label"] for v in values))
    largest = max((sum(v["commitments"] for v in values if v["theme_label"] == t) for t in themes), default=0)
    bars = alt.Chart().mark_bar(stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "legend:N",
            scale=alt.Scale(domain=[f"{_symbol(s, vocab)} {_label(s, vocab)}" for s in present],
                            range=[_colour(s, vocab) for s in present]),
            legend=alt.Legend(title=None, orient="bottom", direction="vertical"),
        ),
    )
    labels = alt.Chart().mark_text(color="white", fontWeight="bold", align="right", dx=-4).encode(
        text=alt.Text("segment:N"))
    layered = alt.layer(bars, labels).encode(
        y=alt.Y("theme_label:N", title=None, sort=themes),
        x=alt.X("commitments:Q", stack="zero", title=i18n.sentence("Commitments"),
                axis=alt.Axis(values=theme.count_ticks(largest), format="d")),
        order=alt.Order("rank:Q"),
    )
    return with_values(layered, values, width=theme.WIDTH, height=theme.BAR_HEIGHT * len(themes))


def narrow_chart(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> alt.LayerChart:
    """Per theme for a phone: its name, one stacked bar (the longest theme's the full width) and, under it, each
    status in the bar's order as a square of its colour and its count in words, so no count has to fit inside a
    narrow segment and each colour is named beside it."""
    vocab = context.vocab
    present = [s for s in _order(vocab) if s in set(rows["status"])]
    groups = list(rows.groupby(["theme_number", "theme"], sort=True))
    largest = max((int(group["commitments"].sum()) for _, group in groups), default=0) or 1
    drawn = narrow.Rows()
    for (number, title), group in groups:
        drawn.text(f"{theme_label(number, title)}: {title}", bold=True)
        pieces, start = [], 0
        ordered = sorted(group.to_dict("records"), key=lambda r: present.index(r["status"]))
        for r in ordered:
            count = int(r["commitments"])
            pieces.append({"x": start, "x2": start + count, "colour": _colour(r["status"], vocab),
                           "stroke": "white"})
            start += count
        drawn.bar(pieces)
        drawn.space(2)
        _key(drawn, [(_colour(r["status"], vocab), _count_words(int(r["commitments"]), r["status"], vocab))
                     for r in ordered], largest)
        drawn.space()
    return narrow.drawing(drawn, (0, largest))


SWATCH = 10  # px: the side of the square of a status's colour before its count


def _key(drawn: narrow.Rows, entries: list[tuple[str, str]], largest: int) -> None:
    """Under a theme's bar, each status in the bar's order as a square of its colour and its count in words
    ("4 not assessed"), side by side while they fit the width; the drawing's bar scale runs 0 to `largest`."""
    per_pixel = largest / narrow.PLOT
    room = narrow.PLOT - SWATCH - 4
    line: list[tuple[str, list[str], float]] = []
    x = 0.0
    for colour, words in entries:
        lines = narrow.wrap(words, room)
        width = SWATCH + 4 + narrow.text_width(lines[0])
        if line and (x + width > narrow.PLOT or len(lines) > 1):
            _key_line(drawn, line, per_pixel)
            line, x = [], 0.0
        line.append((colour, lines, x))
        x += width + 12
        if len(lines) > 1:
            _key_line(drawn, line, per_pixel)
            line, x = [], 0.0
    if line:
        _key_line(drawn, line, per_pixel)


def _key_line(drawn: narrow.Rows, line: list[tuple[str, list[str], float]], per_pixel: float) -> None:
    inset = (narrow.BAR - SWATCH) / 2
    drawn.bar([{"x": x * per_pixel, "x2": (x + SWATCH) * per_pixel, "colour": colour, "inset": inset}
               for colour, _, x in line],
              [{"text": lines[0], "x": x + SWATCH + 4} for _, lines, x in line])
    for _, lines, x in line:  # a count too long for one line (alone on its line) goes on under its first line
        for more in lines[1:]:
            drawn.text(more, x=x + SWATCH + 4, width=narrow.PLOT - x - SWATCH - 4)


def summary(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> str:
    """'14 commitments: 13 not assessed and 1 not applicable.' then the same per theme."""
    total = int(rows["commitments"].sum())
    if total == 0:
        return i18n.sentence("No commitments are listed for this strategy.")
    overall = rows.groupby("status", sort=False)["commitments"].sum()
    parts = [_count_words(int(overall[s]), s, context.vocab) for s in _order(context.vocab) if s in overall]
    sentence = i18n.plural("%(count)s commitment in its latest report: %(parts)s.",
                           "%(count)s commitments in their latest reports: %(parts)s.", total, parts="; ".join(parts))
    for (number, title), group in rows.groupby(["theme_number", "theme"], sort=True):
        counts = "; ".join(_count_words(int(r["commitments"]), r["status"], context.vocab)
                           for r in group.to_dict("records"))
        sentence += f" {theme_label(number, title)}, {title}: {counts}."
    return sentence


def _count_words(count: int, code: str, vocab: Vocabularies) -> str:
    """'4 not assessed', '2 with no progress report'."""
    words = _label(code, vocab).lower()
    if code == NO_REPORT[0]:
        return i18n.sentence("%(number)s with %(status)s", number=count, status=words)
    return i18n.sentence("%(number)s %(status)s", number=count, status=words)


def table(rows: pd.DataFrame, spec: ChartSpec, context: ChartContext) -> DataTable:
    """Theme, status and number of commitments."""
    body = [
        [f"{theme_label(r['theme_number'], r['theme'])}: {r['theme']}", r["status_label"], str(int(r["commitments"]))]
        for r in rows.to_dict("records")
    ]
    return DataTable([i18n.sentence("Theme"), i18n.sentence("Status"), i18n.sentence("Commitments")], body,
                     numeric={2})


def _order(vocab: Vocabularies) -> list[str]:
    return [*vocab.statuses, NO_REPORT[0]]


def _label(code: str, vocab: Vocabularies) -> str:
    return i18n.gettext(NO_REPORT[1]) if code == NO_REPORT[0] else vocab.statuses[code].label


def _symbol(code: str, vocab: Vocabularies) -> str:
    return NO_REPORT[2] if code == NO_REPORT[0] else vocab.statuses[code].symbol


def _colour(code: str, vocab: Vocabularies) -> str:
    return theme.NO_REPORT_COLOUR if code == NO_REPORT[0] else vocab.statuses[code].colour
