"""Progress pages: an overview of every theme, and one page per theme listing its commitments."""

from __future__ import annotations

import pandas as pd

from build_charts.commitments import latest_progress
from build_charts.package import DataPackage
from build_charts.pages import status
from build_charts.pages.markdown import (
    NOT_REPORTED,
    esc,
    front_matter,
    html_block,
    inline,
    last_updated_note,
    long_date,
    text_html,
)
from build_charts.pages.sources import cite, source_lookup

NO_UPDATE = "No update reported."


def progress_pages(package: DataPackage) -> dict[str, str]:
    """The progress overview and one page per theme, keyed by path under the docs folder."""
    pages = {"progress/index.md": overview(package), "progress/by-lead-agency/index.md": by_lead_agency(package)}
    reports = reports_by_commitment(package["progress"])
    sources = source_lookup(package["sources"])
    for theme in package["themes"].to_dict("records"):
        pages[f"progress/{theme['theme_id']}/index.md"] = theme_page(package, theme, reports)
    for commitment in package["commitments"].to_dict("records"):
        history = reports.get(commitment["commitment_id"], [])
        if len(history) > 1:
            path = f"progress/{commitment['theme_id']}/{commitment['commitment_id']}/index.md"
            pages[path] = history_page(commitment, history, sources)
    return pages


def reports_by_commitment(progress: pd.DataFrame) -> dict[str, list[dict]]:
    """Each commitment's reports, newest period first."""
    ordered = progress.sort_values("period", ascending=False)
    return {cid: group.to_dict("records") for cid, group in ordered.groupby("commitment_id", sort=False)}


def strategies_in_order(package: DataPackage) -> list[dict]:
    """Strategies with the partnership's current one first, then newest first."""
    current = package.partnership.get("current_strategy")
    strategies = package["strategies"].to_dict("records")
    return sorted(strategies, key=lambda s: (s["strategy_id"] != current, -int(s["period_end"])))


def latest_reported_on(reports: list[dict]) -> str | None:
    """The latest month the reports give (reported_on), as people write it, e.g. January 2025; None if none."""
    months = [r["reported_on"] for r in reports if r.get("reported_on")]
    return long_date(max(months)) if months else None


def overview(package: DataPackage) -> str:
    """Every strategy's themes, with how many commitments each has at each status."""
    latest = latest_progress(package["progress"]).set_index("commitment_id")
    commitments = package["commitments"]
    updated = latest_reported_on(package["progress"].to_dict("records"))
    out = [
        front_matter("Progress", "What each commitment has achieved, its gaps and challenges, and what comes next.",
                     sources=["strategies.csv", "themes.csv", "commitments.csv", "progress.csv"],
                     last_updated=updated),
        "# Progress\n",
        last_updated_note(updated),
        "Each commitment's latest report: what was achieved, the gaps and challenges, and what comes next. "
        "Choose a theme to read its commitments, or see [commitments by lead agency](by-lead-agency/index.md). "
        "See [what changed in each reporting period](../changes/index.md).\n",
    ]
    for strategy in strategies_in_order(package):
        out.append(f"## {inline(strategy['title'])}\n")
        themes = package["themes"][package["themes"]["strategy_id"] == strategy["strategy_id"]]
        for theme in themes.sort_values("number").to_dict("records"):
            ids = commitments.loc[commitments["theme_id"] == theme["theme_id"], "commitment_id"]
            counts = _status_counts(ids, latest)
            out.append(
                f"- [Theme {theme['number']}: {inline(theme['title'])}]({theme['theme_id']}/index.md) "
                f"— {len(ids)} commitments; {counts}\n"
            )
        out.append("")
    return "\n".join(out)


def _status_counts(commitment_ids: pd.Series, latest: pd.DataFrame) -> str:
    reported = [latest.loc[c, "status"] for c in commitment_ids if c in latest.index]
    parts = [f"{reported.count(s)} {status.label(s).lower()}" for s in status.STATUSES if reported.count(s)]
    missing = len(commitment_ids) - len(reported)
    if missing:
        parts.append(f"{missing} with no progress report")
    return ", ".join(parts) if parts else "no progress reports"


def theme_page(package: DataPackage, theme: dict, reports: dict[str, list[dict]]) -> str:
    """One theme: its approach, then each commitment with lead, status, progress, gaps and next actions."""
    sources = source_lookup(package["sources"])
    strategy = package["strategies"].set_index("strategy_id").loc[theme["strategy_id"]]
    commitments = package["commitments"]
    commitments = commitments[commitments["theme_id"] == theme["theme_id"]].sort_values("number")
    title = f"Theme {theme['number']}: {theme['title']}"
    updated = latest_reported_on([r for c in commitments["commitment_id"] for r in reports.get(c, [])])
    out = [
        front_matter(title, f"Progress on {theme['title']}: each commitment's lead, status and latest report.",
                     sources=["themes.csv", "commitments.csv", "progress.csv", "theme_updates.csv", "measures.csv"],
                     last_updated=updated),
        f"# {inline(title)}\n",
        html_block(f'<p class="part-of">Part of {esc(strategy["title"])}.</p>'),
        last_updated_note(updated),
        "## Our approach\n",
        html_block(text_html(theme["summary"])),
    ]
    if theme.get("already_doing"):
        out += ["## What partners were already doing\n", html_block(text_html(theme["already_doing"]))]
    out.append(html_block(cite(sources[theme["source_id"]])))
    out.append("## Commitments\n")
    for commitment in commitments.to_dict("records"):
        out.append(commitment_section(commitment, reports.get(commitment["commitment_id"], []), sources))
    out.append(measures_section(package, theme))
    out.append(theme_updates_section(package, theme, sources))
    return "\n".join(part for part in out if part)


def commitment_section(commitment: dict, reports: list[dict], sources: dict) -> str:
    """One commitment: its own anchor, lead agency, status and latest report, linking to earlier ones."""
    anchor = commitment["commitment_id"]
    lead = esc(commitment["lead_agency"]) if commitment.get("lead_agency") else NOT_REPORTED
    current = reports[0]["status"] if reports else None
    facts = [
        '<dl class="commitment-facts">',
        f"<dt>Lead agency</dt><dd>{lead}</dd>",
    ]
    if current:
        facts.append(f"<dt>Status</dt><dd>{status.badge(current)} <span>{esc(status.explanation(current))}</span></dd>")
    else:
        facts.append("<dt>Status</dt><dd>No progress report published.</dd>")
    facts.append("</dl>")
    out = [
        f"### {commitment['number']}. {inline(commitment['title'])} {{#{anchor}}}\n",
        html_block(*facts),
    ]
    if commitment.get("note"):
        out.append(html_block(f'<p class="note">{esc(commitment["note"])}</p>'))
    if commitment.get("actions"):
        out += ["#### What the strategy says will be done\n", html_block(text_html(commitment["actions"]))]
    if not reports:
        out.append(html_block('<p class="not-reported">No progress report for this commitment has been published.</p>'))
    if reports:
        out.append(report_section(reports[0], sources, earlier=False))
    if len(reports) > 1:
        out.append(f"[Earlier reports for this commitment ({len(reports) - 1})]({anchor}/index.md)\n")
    return "\n".join(out)


def history_page(commitment: dict, reports: list[dict], sources: dict) -> str:
    """Every report for one commitment, newest first, so its history stays on the site."""
    title = f"{commitment['number']}. {commitment['title']}"
    out = [
        # Out of search: the theme page holds each commitment and its latest report.
        front_matter(f"History: {commitment['title']}", f"Every progress report for: {commitment['title']}",
                     sources=["commitments.csv", "progress.csv"], searchable=False),
        f"# {inline(title)}\n",
        f"[Back to the theme](../index.md#{commitment['commitment_id']})\n",
    ]
    out += [report_section(report, sources, earlier=index > 0) for index, report in enumerate(reports)]
    return "\n".join(out)


def report_section(report: dict, sources: dict, earlier: bool) -> str:
    """One period's report: achievements, gaps and challenges, next actions, then its source."""
    period = inline(report["period"])
    heading = f"#### Earlier report: {period}" if earlier else f"#### Report for {period}"
    blocks = [f"{heading}\n"]
    if earlier:
        blocks.append(html_block(f"<p>Status then: {status.badge(report['status'])}</p>"))
    na = report["status"] == "not-applicable"
    empty = "Not applicable." if na else NO_UPDATE
    blocks += [
        html_block(
            '<div class="report">',
            "<h5>What was achieved</h5>",
            text_html(report["achievements"], empty),
            "<h5>Gaps and challenges</h5>",
            text_html(report["gaps_challenges"], empty),
            "<h5>Next actions</h5>",
            text_html(report["next_actions"], empty),
            f'<p class="note">{esc(report["note"])}</p>' if report.get("note") else "",
            cite(sources[report["source_id"]], report.get("reported_on")),
            "</div>",
        )
    ]
    return "\n".join(blocks)


def measures_section(package: DataPackage, theme: dict) -> str:
    """How the strategy said it would measure success for this theme, and whether data is published."""
    measures = package["measures"]
    ids = set(package["commitments"].loc[package["commitments"]["theme_id"] == theme["theme_id"], "commitment_id"])
    rows = measures[(measures["theme_id"] == theme["theme_id"]) | measures["commitment_id"].isin(ids)]
    if rows.empty:
        return ""
    items = []
    for measure in rows.to_dict("records"):
        published = "Data published" if measure.get("indicator_id") else "No data published yet"
        items.append(f"<li>{esc(measure['title'])} — <strong>{published}</strong></li>")
    return "## How success will be measured\n\n" + html_block("<ul>", *items, "</ul>")


def theme_updates_section(package: DataPackage, theme: dict, sources: dict) -> str:
    """Updates reported for the whole theme rather than one commitment."""
    updates = package["theme_updates"]
    rows = updates[updates["theme_id"] == theme["theme_id"]].sort_values("period", ascending=False)
    if rows.empty:
        return ""
    out = ["## Updates on this theme\n"]
    for update in rows.to_dict("records"):
        out.append(f"### Update for {inline(update['period'])}\n")
        out.append(html_block(text_html(update["update"]), cite(sources[update["source_id"]], update.get("reported_on"))))
    return "\n".join(out)


def lead_agencies(lead: str | None) -> list[str]:
    """The agencies named in a lead_agency cell (separated by '; ')."""
    return [part.strip() for part in (lead or "").split(";") if part.strip()]


def by_lead_agency(package: DataPackage) -> str:
    """Every commitment grouped by the agency that leads it, so a reader can follow one agency's work."""
    themes = package["themes"].set_index("theme_id")
    groups: dict[str, list[dict]] = {}
    for commitment in package["commitments"].to_dict("records"):
        for agency in lead_agencies(commitment["lead_agency"]) or [NOT_REPORTED]:
            groups.setdefault(agency, []).append(commitment)
    out = [
        front_matter("Commitments by lead agency", "Every commitment, grouped by the agency that leads it."),
        "# Commitments by lead agency\n",
        "Each agency's commitments, as the strategies name the lead. Some commitments have more than one lead.\n",
    ]
    for agency in sorted(groups, key=lambda a: (a == NOT_REPORTED, a.lower())):
        out.append(f"## {inline(agency)}\n")
        for commitment in groups[agency]:
            theme = themes.loc[commitment["theme_id"]]
            out.append(
                f"- [{inline(commitment['title'])}](../{commitment['theme_id']}/index.md#{commitment['commitment_id']}) "
                f"— {inline(theme['title'])}"
            )
        out.append("")
    return "\n".join(out)
