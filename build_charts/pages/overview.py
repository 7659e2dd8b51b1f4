"""Every commitment at a glance, for a reader with ten minutes (a journalist, a councillor): one table per strategy.

The current strategy comes first: each commitment with its theme, its lead, its latest status and the period that
status is for, a one-line extract of what was achieved, and a link to the full report. Earlier strategies follow
under their own heading. At 320 px each row becomes a card (pages.css); where JavaScript runs,
docs/assets/sort-table.js lets the reader sort by status, lead or theme. Without it the table is in the
strategies' own order.
"""

from __future__ import annotations

import re

import pandas as pd

from build_charts import i18n
from build_charts.commitments import latest_progress
from build_charts.package import DataPackage
from build_charts.pages import status
from build_charts.pages.answers import current_strategy_answer
from build_charts.pages.markdown import NOT_REPORTED, front_matter, html_block, not_reported
from build_charts.pages.theme_pages import strategies_in_order
from build_charts.routes import path_for, url_for
from build_charts.templating import render

HERE = path_for("commitments_overview")
SORT_SCRIPT = "assets/sort-table.js"
# A one-line extract of what was achieved: its first sentence, cut at about this many characters.
ONE_LINE = 160


def overview_page(package: DataPackage, today=None) -> str:
    """The commitments overview: how the current strategy's commitments stand, then one table per strategy."""
    latest = latest_progress(package["progress"]).set_index("commitment_id").to_dict("index")
    themes = package["themes"].set_index("theme_id").to_dict("index")
    current = package.partnership.get("current_strategy")
    out = [
        front_matter(i18n.sentence("Commitments at a glance"),
                     i18n.sentence("Every commitment in one table: its lead, its latest status and the period it is "
                                   "for, and what was achieved."),
                     sources=["strategies.csv", "themes.csv", "commitments.csv", "progress.csv"]),
        "# " + i18n.sentence_md("Commitments at a glance") + "\n",
        current_strategy_answer(package, today),
        html_block(render("progress/overview_intro.html", progress=url_for("progress", HERE))),
    ]
    earlier_heading = False
    for strategy in strategies_in_order(package):
        is_current = strategy["strategy_id"] == current
        if not is_current and not earlier_heading:
            out.append("## " + i18n.sentence_md("Earlier strategies") + "\n")
            earlier_heading = True
        rows = overview_rows(package, strategy["strategy_id"], themes, latest)
        out.append(html_block(render("progress/overview_table.html", title=strategy["title"], rows=rows,
                                     current=is_current, id=strategy["strategy_id"])))
    out.append(html_block(render("progress/sort_script.html", src=url_for("home", HERE, file=SORT_SCRIPT))))
    return "\n".join(out)


def overview_rows(package: DataPackage, strategy_id: str, themes: dict, latest: dict) -> list[dict]:
    """One row per commitment of a strategy, in the strategy's order (theme, then number)."""
    commitments = package["commitments"]
    theme_ids = [t for t, theme in themes.items() if theme["strategy_id"] == strategy_id]
    mine = commitments[commitments["theme_id"].isin(theme_ids)].copy()
    mine["theme_number"] = mine["theme_id"].map(lambda t: themes[t]["number"])
    order = package.vocab.answer_order()
    rows = []
    for commitment in mine.sort_values(["theme_number", "number"]).to_dict("records"):
        report = latest.get(commitment["commitment_id"])
        code = report["status"] if report else None
        rows.append({
            "id": commitment["commitment_id"],
            "title": commitment["title"],
            "theme": themes[commitment["theme_id"]]["title"],
            "lead": commitment.get("lead_agency") or NOT_REPORTED,
            "status": status.context(code, package.vocab) if code else None,
            "status_order": order.index(code) if code in order else len(order),
            "period": report["period"] if report else None,
            "achieved": one_line(report.get("achievements") if report else None),
            "link": url_for("theme", HERE, anchor=commitment["commitment_id"], theme_id=commitment["theme_id"]),
        })
    return rows


def one_line(text: str | None, limit: int = ONE_LINE) -> str:
    """The first sentence of a report's text (without a bullet mark), cut at a word near `limit` characters with
    '…'; 'Not reported' when there is none."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or not str(text).strip():
        return not_reported()
    first_line = next(line for line in str(text).splitlines() if line.strip()).strip().lstrip("*• ").strip()
    sentence = re.split(r"(?<=[.!?])\s+", first_line, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
