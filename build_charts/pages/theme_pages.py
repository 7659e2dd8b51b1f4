"""The progress overview, one page per theme listing its commitments, and each commitment's history page.

Theme pages sit at progress/<theme>/, beside progress/by-lead-agency/ and progress/by-outcome/, so a theme whose id
is "by-lead-agency" or "by-outcome" would take their address (validation refuses such an id)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import lru_cache

import pandas as pd
from markupsafe import Markup

from build_charts import i18n
from build_charts.commitments import latest_progress
from build_charts.package import DataPackage
from build_charts.pages import status
from build_charts.pages.answers import current_strategy_answer, listed, status_counts, theme_answer
from build_charts.pages.markdown import (
    front_matter,
    html_block,
    inline,
    last_updated_note,
    long_date,
    not_reported,
    text_html,
    text_parts,
)
from build_charts.pages.sources import cite, source_lookup
from build_charts.routes import path_for, url_for
from build_charts.templating import render
from build_charts.vocab import Vocabularies

HERE = path_for("progress")


def reports_by_commitment(progress: pd.DataFrame) -> dict[str, list[dict]]:
    """Each commitment's reports, newest period first."""
    reports: dict[str, list[dict]] = {}
    # One pass over plain records: a frame per commitment costs seconds for thousands of commitments.
    for report in progress.sort_values("period", ascending=False).to_dict("records"):
        reports.setdefault(report["commitment_id"], []).append(report)
    return reports


def strategies_in_order(package: DataPackage) -> list[dict]:
    """Strategies with the partnership's current one first, then newest first."""
    current = package.partnership.get("current_strategy")
    strategies = package["strategies"].to_dict("records")
    return sorted(strategies, key=lambda s: (s["strategy_id"] != current, -int(s["period_end"])))


def latest_reported_on(reports: list[dict]) -> str | None:
    """The latest month the reports give (reported_on), as people write it, e.g. January 2025; None if none."""
    months = [r["reported_on"] for r in reports if r.get("reported_on")]
    return long_date(max(months)) if months else None


def overview(package: DataPackage, today: date | None = None) -> str:
    """The plain answer for the current strategy, then every strategy's themes, with how many commitments each has
    at each status."""
    latest = latest_progress(package["progress"]).set_index("commitment_id")
    commitments = package["commitments"]
    updated = latest_reported_on(package["progress"].to_dict("records"))
    out = [
        front_matter(i18n.sentence("Progress"),
                     i18n.sentence("What each commitment has achieved, its gaps and challenges, and what comes next."),
                     sources=["strategies.csv", "themes.csv", "commitments.csv", "progress.csv"],
                     last_updated=updated),
        "# " + i18n.sentence_md("Progress") + "\n",
        current_strategy_answer(package, today),
        last_updated_note(updated),
        i18n.sentence_md("Each commitment's latest report: what was achieved, the gaps and challenges, and what comes "
                         "next. Choose a theme to read its commitments, or see %(link)s.",
                         link="[" + i18n.sentence_md("commitments by lead agency") + "]"
                         f"({url_for('by_lead_agency', HERE, source=True)})") + " "
        + i18n.sentence_md("Every commitment in one table, with its lead and latest status: %(link)s.",
                           link="[" + i18n.sentence_md("commitments at a glance") + "]"
                           f"({url_for('commitments_overview', HERE, source=True)})") + " "
        + i18n.sentence_md("See %(link)s.", link="[" + i18n.sentence_md("what changed in each reporting period") + "]"
                           f"({url_for('changes', HERE, source=True)})") + "\n",
    ]
    for strategy in strategies_in_order(package):
        out.append(f"## {inline(strategy['title'])}\n")
        themes = package["themes"][package["themes"]["strategy_id"] == strategy["strategy_id"]]
        for theme in themes.sort_values("number").to_dict("records"):
            ids = commitments.loc[commitments["theme_id"] == theme["theme_id"], "commitment_id"]
            out.append(theme_line(theme, ids, latest, here=HERE, vocab=package.vocab))
        out.append("")
    return "\n".join(out)


def theme_line(theme: dict, commitment_ids: pd.Series, latest: pd.DataFrame, here: str, vocab: Vocabularies) -> str:
    """A theme linked to its page from the page at `here`, with how many commitments it has at each status."""
    link = url_for("theme", here, source=True, theme_id=theme["theme_id"])
    name = i18n.sentence_md("Theme %(number)s: %(title)s", number=inline(theme["number"]), title=inline(theme["title"]))
    count = i18n.plural_md("%(number)s commitment", "%(number)s commitments", len(commitment_ids),
                           number=len(commitment_ids))
    return f"- [{name}]({link}) — {count}; {inline(status_counts(commitment_ids, latest, vocab))}\n"


def theme_page(package: DataPackage, theme: dict, reports: dict[str, list[dict]], next_report: str = "") -> str:
    """One theme: a plain answer to how it is going, when its strategy's next report is due (`next_report`, HTML),
    its source named once, its approach, then each commitment with lead, status, progress, gaps and next actions."""
    sources = source_lookup(package["sources"])
    strategy = package["strategies"].set_index("strategy_id").loc[theme["strategy_id"]]
    commitments = package["commitments"]
    commitments = commitments[commitments["theme_id"] == theme["theme_id"]].sort_values("number")
    ids = list(commitments["commitment_id"])
    latest = [reports[c][0] for c in ids if reports.get(c)]
    title = i18n.sentence("Theme %(number)s: %(title)s", number=theme["number"], title=theme["title"])
    updated = latest_reported_on([r for c in ids for r in reports.get(c, [])])
    page_source = main_source(latest, theme["source_id"])
    updates = package["theme_updates"]
    answer = theme_answer(ids, latest, list(updates.loc[updates["theme_id"] == theme["theme_id"], "period"]),
                          package.vocab)
    out = [
        front_matter(title, i18n.sentence("Progress on %(title)s: each commitment's lead, status and latest report.",
                                          title=theme["title"]),
                     sources=["themes.csv", "commitments.csv", "progress.csv", "theme_updates.csv", "measures.csv"],
                     last_updated=updated),
        f"# {inline(title)}\n",
        html_block(render("paragraph.html", css="answer", text=answer)),
        last_updated_note(updated),
        html_block(next_report,
                   render("paragraph.html", css="part-of",
                          text=i18n.sentence("Part of %(strategy)s.", strategy=strategy["title"])),
                   cite(sources[page_source[0]], page_source[1]), status_key([r["status"] for r in latest], package.vocab)),
        "## " + i18n.sentence_md("Our approach") + "\n",
        html_block(text_html(theme["summary"])),
    ]
    if theme.get("already_doing"):
        out += ["## " + i18n.sentence_md("What partners were already doing") + "\n",
                html_block(text_html(theme["already_doing"]))]
    if theme["source_id"] != page_source[0]:
        out.append(html_block(cite(sources[theme["source_id"]])))
    out.append("## " + i18n.sentence_md("Commitments") + "\n")
    for commitment in commitments.to_dict("records"):
        out.append(commitment_section(commitment, reports.get(commitment["commitment_id"], []), sources, package.vocab,
                                      page_source))
    out.append(measures_section(package, theme))
    out.append(theme_updates_section(package, theme, sources, page_source[0]))
    return "\n".join(part for part in out if part)


def main_source(reports: list[dict], fallback: str) -> tuple[str, str | None]:
    """The source (and the month progress is reported as at) most of the reports share, named once at the top of a
    page; the theme's own source when there are no reports."""
    keys = Counter((r["source_id"], r.get("reported_on") or None) for r in reports)
    return keys.most_common(1)[0][0] if keys else (fallback, None)


def status_key(statuses: list[str], vocab: Vocabularies) -> str:
    """What each status on a page means, said once at the top rather than beside every commitment."""
    present = [status.context(code, vocab) for code in vocab.statuses if code in statuses]
    return render("progress/status_key.html", statuses=present) if present else ""


def commitment_section(commitment: dict, reports: list[dict], sources: dict, vocab: Vocabularies,
                       page_source: tuple[str, str | None] | None = None) -> str:
    """One commitment: its own anchor, lead agency, status and latest report, linking to earlier ones. Its source is
    named only where it differs from `page_source`, the one the page names at the top."""
    anchor = commitment["commitment_id"]
    current = reports[0]["status"] if reports else None
    facts = render("progress/commitment_facts.html", lead=commitment.get("lead_agency"), not_reported=not_reported(),
                   status=status.context(current, vocab) if current else None)
    out = [
        f"### {commitment['number']}. {inline(commitment['title'])} {{#{anchor}}}\n",
        html_block(facts),
    ]
    if commitment.get("note"):
        out.append(html_block(render("paragraph.html", css="note", text=commitment["note"])))
    if commitment.get("actions"):
        out += ["#### " + i18n.sentence_md("What the strategy says will be done") + "\n",
                html_block(text_html(commitment["actions"]))]
    if not reports:
        out.append(html_block(render("paragraph.html", css="not-reported",
                                     text=i18n.sentence("No progress report for this commitment has been published."))))
    if reports:
        out.append(report_section(reports[0], sources, vocab, earlier=False, page_source=page_source))
    if len(reports) > 1:
        words = i18n.sentence_md("Earlier reports for this commitment (%(number)s)", number=len(reports) - 1)
        here = path_for("theme", theme_id=commitment["theme_id"])  # the page this section is written on
        history = url_for("history", here, source=True, theme_id=commitment["theme_id"], commitment_id=anchor)
        out.append(f"[{words}]({history})\n")
    return "\n".join(out)


def history_page(commitment: dict, reports: list[dict], sources: dict, vocab: Vocabularies) -> str:
    """Every report for one commitment, newest first, so its history stays on the site."""
    title = f"{commitment['number']}. {commitment['title']}"
    here = path_for("history", theme_id=commitment["theme_id"], commitment_id=commitment["commitment_id"])
    back = url_for("theme", here, source=True, anchor=commitment["commitment_id"], theme_id=commitment["theme_id"])
    out = [
        # Out of search: the theme page holds each commitment and its latest report.
        front_matter(i18n.sentence("History: %(title)s", title=commitment["title"]),
                     i18n.sentence("Every progress report for: %(title)s", title=commitment["title"]),
                     sources=["commitments.csv", "progress.csv"], searchable=False),
        f"# {inline(title)}\n",
        "[" + i18n.sentence_md("Back to the theme") + f"]({back})\n",
    ]
    out += [report_section(report, sources, vocab, earlier=index > 0) for index, report in enumerate(reports)]
    return "\n".join(out)


def report_section(report: dict, sources: dict, vocab: Vocabularies, earlier: bool,
                   page_source: tuple[str, str | None] | None = None) -> str:
    """One period's report: for an earlier one its status then; achievements, gaps and challenges, next actions
    (the parts it leaves empty named in one line), then its source unless it is `page_source`, named at the top."""
    period = inline(report["period"])
    heading = "#### " + (i18n.sentence_md("Earlier report: %(period)s", period=period) if earlier
                         else i18n.sentence_md("Report for %(period)s", period=period))
    parts = [(part.heading, text_parts(report[column])) for column, part in vocab.report_parts.items()]
    same_source = page_source == (report["source_id"], report.get("reported_on") or None)
    return "\n".join([f"{heading}\n", html_block(render(
        "progress/report.html", note=report.get("note"), missing=missing_parts(report, parts, vocab),
        status_then=status.context(report["status"], vocab) if earlier else None,
        parts=[(heading, paragraphs) for heading, paragraphs in parts if paragraphs],
        source=None if same_source else report_source(sources[report["source_id"]], report.get("reported_on"))))])


def report_source(source: dict, reported_on: str | None) -> Markup:
    """The source line of a report ('Source: <title>, <publisher>, published <date>; progress reported as at …').

    Thousands of reports share a few sources, so each line is written once per source, month and wording."""
    return _source_line(tuple(source.items()), reported_on, i18n.current())


@lru_cache(maxsize=1024)
def _source_line(source: tuple, reported_on: str | None, wording: object) -> Markup:
    return cite(dict(source), reported_on)


def missing_parts(report: dict, parts: list[tuple[str, list]], vocab: Vocabularies) -> str | None:
    """One line for the parts of a report it leaves empty: 'No update reported on next actions.'; for a report
    that gives none, 'No update reported.' (or 'Not applicable.'); None when it gives every part."""
    empty = [heading.lower() for heading, paragraphs in parts if not paragraphs]
    if not empty:
        return None
    if len(empty) == len(parts):
        if not vocab.applies(report["status"]):
            return i18n.sentence("Not applicable.")
        return i18n.sentence("No update reported.")
    return i18n.sentence("No update reported on %(parts)s.", parts=listed(empty, "or"))


def measures_section(package: DataPackage, theme: dict) -> str:
    """How the strategy said it would measure success for this theme, and whether data is published."""
    measures = package["measures"]
    ids = set(package["commitments"].loc[package["commitments"]["theme_id"] == theme["theme_id"], "commitment_id"])
    rows = measures[(measures["theme_id"] == theme["theme_id"]) | measures["commitment_id"].isin(ids)]
    if rows.empty:
        return ""
    measures = [{"title": m["title"], "published": bool(m.get("indicator_id"))} for m in rows.to_dict("records")]
    return "## " + i18n.sentence_md("How success will be measured") + "\n\n" + html_block(render("progress/measures.html", measures=measures))


def theme_updates_section(package: DataPackage, theme: dict, sources: dict, page_source: str | None = None) -> str:
    """Updates reported for the whole theme rather than one commitment, each with its source unless that is
    `page_source`, named at the top of the page."""
    updates = package["theme_updates"]
    rows = updates[updates["theme_id"] == theme["theme_id"]].sort_values("period", ascending=False)
    if rows.empty:
        return ""
    out = ["## " + i18n.sentence_md("Updates on this theme") + "\n"]
    for update in rows.to_dict("records"):
        out.append("### " + i18n.sentence_md("Update for %(period)s", period=inline(update["period"])) + "\n")
        named = update["source_id"] != page_source
        out.append(html_block(text_html(update["update"]),
                              cite(sources[update["source_id"]], update.get("reported_on")) if named else ""))
    return "\n".join(out)
