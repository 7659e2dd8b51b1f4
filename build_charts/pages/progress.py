"""Progress pages: an overview of every theme, one page per theme listing its commitments, and commitments by lead
agency and by national outcome.

Pages that list commitments from across the partnership stay light at any size. Up to AGENCY_ENTRIES_ON_ONE_PAGE
commitments sit on one page, progress/by-lead-agency/; a larger partnership's page lists each agency with its
counts by status, and each agency's commitments move to progress/by-lead-agency/<agency>/ (then page-2/ and so on,
COMMITMENTS_PER_AGENCY_PAGE at a time). Likewise, up to OUTCOME_ENTRIES_ON_ONE_PAGE commitments are listed on the
outcomes page; beyond that each outcome shows its counts by status there and links to
progress/by-outcome/<outcome>/, which lists the themes working towards it. Theme pages sit beside these at
progress/<theme>/, so a theme whose id is "by-lead-agency" or "by-outcome" would take their address.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pandas as pd
from markdown.extensions.toc import slugify
from markupsafe import Markup

from build_charts import i18n
from build_charts.agencies import Lead, commitment_leads, has_agencies, leads_by_words
from build_charts.commitments import latest_progress, newest_report, strategy_commitments
from build_charts.package import DataPackage
from build_charts.pages import status
from build_charts.pages.markdown import (
    NOT_REPORTED,
    front_matter,
    html_block,
    in_pages,
    inline,
    last_updated_note,
    list_pages_nav,
    long_date,
    not_reported,
    page_folder,
    text_html,
    text_parts,
)
from build_charts.pages.sources import cite, source_lookup
from build_charts.routes import path_for, url_for
from build_charts.templating import render
from build_charts.validate.checks.dates import earliest_day
from build_charts.vocab import Vocabularies

# Statuses that are a rating the report gives; "not assessed" and "not applicable" are not.
RATED = ("complete", "on-track", "with-challenges", "not-started")

# The outcomes of the National Combating Drugs Outcomes Framework (England), in the framework's order. The outcomes
# page shows them (build_charts/pages/outcomes.py); progress is grouped by them here.
BY_LEAD_AGENCY = "by-lead-agency"
BY_OUTCOME = "by-outcome"
# A commitment link with its theme's name is about 25 bytes compressed. The theme's own files are about 62 KB and
# its page chrome about 5 KB, so these keep every such page well under the 100 KB page-weight target.
AGENCY_ENTRIES_ON_ONE_PAGE = 300
COMMITMENTS_PER_AGENCY_PAGE = 500
OUTCOME_ENTRIES_ON_ONE_PAGE = 200
HERE = path_for("progress")


def progress_pages(package: DataPackage, today: date | None = None) -> dict[str, str]:
    """The progress overview, one page per theme, and the pages by lead agency and by outcome, keyed by path.

    `today` is the build's date, against which a progress report's due date has passed or not."""
    pages = {"progress/index.md": overview(package, today)}
    next_reports = {s["strategy_id"]: next_report_html(s, package, today) for s in package["strategies"].to_dict("records")}
    pages.update(lead_agency_pages(package))
    pages.update(outcome_progress_pages(package))
    reports = reports_by_commitment(package["progress"])
    sources = source_lookup(package["sources"])
    for theme in package["themes"].to_dict("records"):
        pages[f"progress/{theme['theme_id']}/index.md"] = theme_page(package, theme, reports,
                                                                      next_reports[theme["strategy_id"]])
    for commitment in package["commitments"].to_dict("records"):
        history = reports.get(commitment["commitment_id"], [])
        if len(history) > 1:
            path = f"progress/{commitment['theme_id']}/{commitment['commitment_id']}/index.md"
            pages[path] = history_page(commitment, history, sources, package.vocab)
    return pages


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


def current_strategy_answer(package: DataPackage, today: date | None) -> str:
    """How the current strategy's commitments are going, in plain words made from their latest reports, and when the
    next report is due (or that it is overdue), as HTML paragraphs."""
    strategy_id = package.partnership.get("current_strategy")
    ids = list(strategy_commitments(package, strategy_id)["commitment_id"])
    latest = latest_progress(package["progress"])
    latest = latest[latest["commitment_id"].isin(set(ids))].to_dict("records")
    whose = i18n.plural("the partnership's %(number)s current commitment",
                        "the partnership's %(number)s current commitments", len(ids), number=format(len(ids), ","))
    answer = progress_answer(ids, latest, whose=whose, vocab=package.vocab, current=True)
    strategies = package["strategies"]
    rows = strategies[strategies["strategy_id"] == strategy_id].to_dict("records")
    return html_block(render("paragraph.html", css="answer", text=answer),
                      next_report_html(rows[0], package, today) if rows else "")


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


def status_counts(commitment_ids: pd.Series, latest: pd.DataFrame, vocab: Vocabularies) -> str:
    """How many of the commitments are at each status by their latest report, and how many have none."""
    reported = [latest.loc[c, "status"] for c in commitment_ids if c in latest.index]
    parts = [i18n.sentence("%(number)s %(status)s", number=reported.count(s), status=vocab.status_label(s).lower())
             for s in vocab.statuses if reported.count(s)]
    missing = len(commitment_ids) - len(reported)
    if missing:
        parts.append(i18n.plural("%(number)s with no progress report", "%(number)s with no progress report", missing,
                                 number=missing))
    return ", ".join(parts) if parts else i18n.sentence("no progress reports")


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


def report_name(periods: list[str]) -> str:
    """'The 2024 progress report', or 'The latest progress reports (2023 to 2024)' when they cover several periods."""
    first, last = min(periods), max(periods)
    if first == last:
        return i18n.sentence("The %(period)s progress report", period=last)
    return i18n.sentence("The latest progress reports (%(first)s to %(last)s)", first=first, last=last)


def _commitments(count: int, current: bool) -> str:
    """'1 commitment', '2,000 current commitments'."""
    if current:
        return i18n.plural("%(number)s current commitment", "%(number)s current commitments", count,
                           number=format(count, ","))
    return i18n.plural("%(number)s commitment", "%(number)s commitments", count, number=format(count, ","))


def listed(items: list[str], conjunction: str = "and") -> str:
    """'a, b and c' (or 'a, b or c'): the items as one phrase; one item alone."""
    if len(items) == 1:
        return items[0]
    if conjunction == "or":
        return i18n.sentence("%(items)s or %(last)s", items=", ".join(items[:-1]), last=items[-1])
    return i18n.sentence("%(items)s and %(last)s", items=", ".join(items[:-1]), last=items[-1])


# The order a plain answer counts statuses in: the ratings, then no rating, then not applicable.
ANSWER_ORDER = (*RATED, "not-assessed", "not-applicable")


def status_phrases(statuses: list[str], total: int, unreported: int, vocab: Vocabularies, current: bool = False) -> str:
    """'4 of 5 commitments are not assessed and 1 does not apply in this area'; 'all 3 commitments are on track'."""
    counts = Counter(statuses)
    said = [(counts[code], _status_words(code, counts[code], vocab)) for code in ANSWER_ORDER if counts.get(code, 0)]
    if unreported:
        said.append((unreported, i18n.plural("has no progress report", "have no progress report", unreported)))
    if len(said) == 1:
        return i18n.sentence("%(whole)s %(words)s", whole=_all_of(total, current), words=said[0][1])
    phrases = [i18n.sentence("%(number)s of %(total)s %(words)s", number=format(said[0][0], ","),
                             total=_commitments(total, current), words=said[0][1])]
    phrases += [i18n.sentence("%(number)s %(words)s", number=format(count, ","), words=words) for count, words in said[1:]]
    return listed(phrases)


def _status_words(code: str, count: int, vocab: Vocabularies) -> str:
    """'are on track', 'does not apply in this area': what `count` commitments at status `code` do."""
    if code == "not-applicable":
        return i18n.plural("does not apply in this area", "do not apply in this area", count)
    label = vocab.status_label(code).lower().replace(",", "")
    return i18n.plural("is %(status)s", "are %(status)s", count, status=label)


def _all_of(total: int, current: bool) -> str:
    """'the one commitment', 'all 3 current commitments'."""
    if total == 1:
        return i18n.sentence("the one current commitment") if current else i18n.sentence("the one commitment")
    return i18n.sentence("all %(counted)s", counted=_commitments(total, current))


def parts_reported(reports: list[dict], vocab: Vocabularies, current: bool = False, several: bool = False) -> str:
    """'It reports what was achieved for 11 of the 13 commitments it applies to, gaps and challenges for 10, and
    next actions for 9.' (nothing when it applies to none); 'They report' for `several` reports' periods."""
    applicable = [r for r in reports if r["status"] != "not-applicable"]
    if not applicable:
        return ""
    counted = _commitments(len(applicable), current)
    which = (i18n.sentence("the %(counted)s it applies to", counted=counted) if len(applicable) < len(reports)
             else i18n.sentence("the %(counted)s", counted=counted))
    counts = [(part.heading.lower(), sum(1 for r in applicable if r.get(column)))
              for column, part in vocab.report_parts.items()]
    if len(applicable) == 1:
        return one_report_parts(counts, several)
    if all(count == len(applicable) for _, count in counts):
        headings = [heading for heading, _ in counts]
        values = {"parts": ", ".join(headings[:-1]), "last": headings[-1], "which": which}
        if several:
            return i18n.sentence("They report %(parts)s, and %(last)s for each of %(which)s.", **values)
        return i18n.sentence("It reports %(parts)s, and %(last)s for each of %(which)s.", **values)
    said = [(heading, format(count, ",") if count else i18n.sentence("none")) for heading, count in counts]
    (first, first_count), *rest = said
    others = [i18n.sentence("%(part)s for %(number)s", part=heading, number=count) for heading, count in rest]
    values = {"first": first, "number": first_count, "which": which, "others": ", ".join(others[:-1]),
              "last": others[-1]}
    if several:
        return i18n.sentence("They report %(first)s for %(number)s of %(which)s, %(others)s, and %(last)s.", **values)
    return i18n.sentence("It reports %(first)s for %(number)s of %(which)s, %(others)s, and %(last)s.", **values)


def one_report_parts(counts: list[tuple[str, int]], several: bool = False) -> str:
    """Which parts one report gives: 'It reports what was achieved, but not gaps and challenges or next actions.'"""
    given = [heading for heading, count in counts if count]
    missing = [heading for heading, count in counts if not count]
    if not given:
        if several:
            return i18n.sentence("They give nothing under %(parts)s.", parts=listed(missing, "or"))
        return i18n.sentence("It gives nothing under %(parts)s.", parts=listed(missing, "or"))
    if not missing:
        if several:
            return i18n.sentence("They report %(parts)s.", parts=listed(given))
        return i18n.sentence("It reports %(parts)s.", parts=listed(given))
    values = {"parts": listed(given), "missing": i18n.sentence(" or ").join(missing)}
    if several:
        return i18n.sentence("They report %(parts)s, but not %(missing)s.", **values)
    return i18n.sentence("It reports %(parts)s, but not %(missing)s.", **values)


def progress_answer(commitment_ids: list[str], latest: list[dict], whose: str, vocab: Vocabularies,
                    current: bool = False) -> str:
    """How the commitments are going by their latest reports, in one or two plain sentences made from the data;
    `whose` names the commitments when none has a report; `current` counts them as current commitments."""
    if not latest:
        return i18n.sentence("No progress report on %(whose)s has been published.", whose=whose)
    statuses = [r["status"] for r in latest]
    periods = [str(r["period"]) for r in latest]
    name = report_name(periods)
    counts = status_phrases(statuses, len(commitment_ids), len(commitment_ids) - len(latest), vocab, current)
    several = min(periods) != max(periods)
    rated = any(s in RATED for s in statuses)
    answer = _answer_sentence(name, counts, several, rated)
    more = parts_reported(latest, vocab, current, several)
    return f"{answer} {more}".strip()


def _answer_sentence(name: str, counts: str, several: bool, rated: bool) -> str:
    """'The 2024 progress report says all 3 commitments are on track.', or that it gives no rating."""
    if rated:
        if several:
            return i18n.sentence("%(reports)s say %(counts)s.", reports=name, counts=counts)
        return i18n.sentence("%(report)s says %(counts)s.", report=name, counts=counts)
    if several:
        return i18n.sentence("%(reports)s give no rating: %(counts)s.", reports=name, counts=counts)
    return i18n.sentence("%(report)s gives no rating: %(counts)s.", report=name, counts=counts)


def theme_answer(commitment_ids: list[str], latest: list[dict], update_periods: list[str], vocab: Vocabularies) -> str:
    """The plain answer at the top of a theme's page; where there is no progress report, the theme's own updates."""
    whose = i18n.plural("this theme's %(number)s commitment", "this theme's %(number)s commitments",
                        len(commitment_ids), number=format(len(commitment_ids), ","))
    answer = progress_answer(commitment_ids, latest, whose, vocab)
    if not latest and update_periods:
        answer += " " + i18n.plural("An update for %(latest)s reports on the theme as a whole, below.",
                                    "%(count)s updates, the latest for %(latest)s, report on the theme as a whole, "
                                    "below.", len(update_periods), latest=max(update_periods))
    return answer


def following_period(period: str) -> str | None:
    """The reporting period after `period`: 2024 → 2025, 2024/25 → 2025/26; None for any other form."""
    if re.fullmatch(r"\d{4}", period):
        return str(int(period) + 1)
    if re.fullmatch(r"\d{4}/\d{2}", period):
        start = int(period[:4]) + 1
        return f"{start}/{(start + 1) % 100:02d}"
    return None


def next_report_sentence(strategy: dict, latest: dict | None, current: bool, today: date | None) -> str:
    """When the strategy's next progress report is due, or that it is overdue; for the current strategy, that the
    date is not reported. `latest` is the strategy's newest report (its period and month), if any.

    A due date before the month the newest report is as at was the due date of that report: it says nothing of the
    next one, so it is treated as not reported rather than called overdue."""
    due = strategy.get("next_report_due")
    as_at = earliest_day(str(latest.get("reported_on") or "")) if latest else None
    if due is None or pd.isna(due) or (as_at is not None and as_at > due):
        return i18n.sentence("When the next progress report is due is not reported.") if current else ""
    following = following_period(str(latest["period"])) if latest else None
    name = (i18n.sentence("The %(period)s progress report", period=following) if following
            else i18n.sentence("The next progress report"))
    if today is not None and today > due:
        return i18n.sentence("%(report)s was due by %(date)s and has not been published on this site.", report=name,
                             date=long_date(due))
    return i18n.sentence("%(report)s is due by %(date)s.", report=name, date=long_date(due))


def next_report_html(strategy: dict, package: DataPackage, today: date | None) -> str:
    """The next-report sentence for a strategy as a paragraph; nothing when there is nothing to say."""
    ids = set(strategy_commitments(package, strategy["strategy_id"])["commitment_id"])
    latest = newest_report(package["progress"], ids)
    current = strategy["strategy_id"] == package.partnership.get("current_strategy")
    sentence = next_report_sentence(strategy, latest, current, today)
    return render("paragraph.html", css="next-report", text=sentence) if sentence else ""


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
        out.append(f"[{words}]({anchor}/index.md)\n")
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
        "progress/report.html", note=report.get("note"), missing=missing_parts(report, parts),
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


def missing_parts(report: dict, parts: list[tuple[str, list]]) -> str | None:
    """One line for the parts of a report it leaves empty: 'No update reported on next actions.'; for a report
    that gives none, 'No update reported.' (or 'Not applicable.'); None when it gives every part."""
    empty = [heading.lower() for heading, paragraphs in parts if not paragraphs]
    if not empty:
        return None
    if len(empty) == len(parts):
        if report["status"] == "not-applicable":
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


@dataclass
class AgencyGroup:
    """One heading of the list by lead agency: an agency (or, when the package does not describe its agencies, a
    lead as written) and its commitments, each with the words its report used for the lead."""

    key: str
    name: str
    entries: list[tuple[dict, Lead]] = field(default_factory=list)

    def teams(self) -> dict[str | None, list[tuple[dict, Lead]]]:
        """The entries by team, in the data's order; None (the agency as a whole) first."""
        teams: dict[str | None, list[tuple[dict, Lead]]] = {None: []}
        for commitment, lead in self.entries:
            teams.setdefault(lead.team, []).append((commitment, lead))
        return teams


def agency_groups(package: DataPackage) -> list[AgencyGroup]:
    """Each lead agency with its commitments in the data's order, once each, by name; 'Not reported' last."""
    leads = leads_by_words(package)
    unnamed = Lead(NOT_REPORTED, NOT_REPORTED, None, NOT_REPORTED)
    groups: dict[str | None, AgencyGroup] = {}
    for commitment in package["commitments"].to_dict("records"):
        for lead in commitment_leads(commitment, leads) or [unnamed]:
            key = lead.agency_id if lead is not unnamed else None
            groups.setdefault(key, AgencyGroup(lead.agency_id, lead.name)).entries.append((commitment, lead))
    return sorted(groups.values(), key=lambda group: (group.name == NOT_REPORTED, group.name.lower()))


def lead_agency_pages(package: DataPackage) -> dict[str, str]:
    """Commitments by lead agency: one page when few, else a list of agencies and each agency's own pages."""
    groups = agency_groups(package)
    described = has_agencies(package)
    if sum(len(group.entries) for group in groups) <= AGENCY_ENTRIES_ON_ONE_PAGE:
        return {f"progress/{BY_LEAD_AGENCY}/index.md": by_lead_agency(package, groups, described)}
    folders = group_folders(groups, described)
    latest = latest_progress(package["progress"]).set_index("commitment_id")
    pages = {f"progress/{BY_LEAD_AGENCY}/index.md": agencies_index(groups, folders, latest, package.vocab)}
    themes = package["themes"].set_index("theme_id")
    facts = commitment_facts(package)
    for group in groups:
        entries = [entry for team in group.teams().values() for entry in team]
        chunks = in_pages(entries, COMMITMENTS_PER_AGENCY_PAGE)
        for number, chunk in enumerate(chunks, start=1):
            path = f"progress/{BY_LEAD_AGENCY}/{folders[group.key]}/{page_folder(number)}index.md"
            pages[path] = agency_page(group.name, folders[group.key], chunk, themes, number, len(chunks),
                                      len(entries), facts)
    return pages


def group_folders(groups: list[AgencyGroup], described: bool) -> dict[str, str]:
    """Each group's folder: its agency_id when the package describes its agencies, else made from its name."""
    if not described:
        return agency_folders([group.key for group in groups])
    folders = {group.key: group.key for group in groups if group.name != NOT_REPORTED}
    for group in groups:
        if group.name == NOT_REPORTED:
            folders[group.key] = unique_id("not-reported", set(folders.values()))
    return folders


def unique_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`… if it is taken; the result is added to `taken`."""
    chosen, number = wanted, 1
    while chosen in taken:
        number += 1
        chosen = f"{wanted}-{number}"
    taken.add(chosen)
    return chosen


def by_agency_intro(described: bool) -> str:
    """The first paragraph of the list by lead agency: how agencies, teams and joint leads are listed."""
    if described:
        return i18n.sentence_md("Each agency is listed once. Under it, a team or a joint lead is named as the report "
                                "writes it. Some commitments have more than one lead.") + "\n"
    return i18n.sentence_md("Each agency's commitments, as the strategies name the lead. Some commitments have more "
                            "than one lead.") + "\n"


def by_lead_agency(package: DataPackage, groups: list[AgencyGroup], described: bool) -> str:
    """Every commitment grouped by the agency that leads it, each agency once and its teams under it, so a reader can
    follow one agency's work; every heading the page had before keeps its anchor."""
    themes = package["themes"].set_index("theme_id")
    here = path_for("by_lead_agency")
    ids = {"commitments-by-lead-agency"}
    out = [
        front_matter(i18n.sentence("Commitments by lead agency"),
                     i18n.sentence("Every commitment, grouped by the agency that leads it."),
                     sources=["commitments.csv", *(["agencies.csv", "agency_aliases.csv"] if described else [])]),
        "# " + i18n.sentence_md("Commitments by lead agency") + "\n",
        by_agency_intro(described),
    ]
    anchors = [unique_id(group_anchor(group, described), ids) for group in groups]  # before any team takes one
    facts = commitment_facts(package)
    for group, anchor in zip(groups, anchors, strict=True):
        teams = group.teams()
        whole = teams.pop(None)
        # An old link lands just above the heading, so the reader sees which agency the list belongs to.
        out += [old_anchors([lead.words for _, lead in whole], ids), f"## {inline(group.name)} {{#{anchor}}}\n"]
        if described:
            out.append(also_written(group.name, [lead.words for _, lead in whole]))
        out += [commitment_line(commitment, themes, here=here, facts=facts) for commitment, _ in whole] + [""]
        for team, entries in teams.items():
            team_id = unique_id(team_anchor(group, team, ids), ids)
            out += [old_anchors([lead.words for _, lead in entries], ids), f"### {inline(team)} {{#{team_id}}}\n"]
            out += [commitment_line(commitment, themes, here=here, facts=facts) for commitment, _ in entries] + [""]
    return "\n".join(part for part in out if part is not None)


def group_anchor(group: AgencyGroup, described: bool) -> str:
    """An agency's anchor: its agency_id; made from its name when it is 'Not reported' or agencies are not described."""
    return group.key if described and group.name != NOT_REPORTED else heading_slug(group.name) or "agency"


def team_anchor(group: AgencyGroup, team: str, taken: set[str]) -> str:
    """A team's anchor: made from its words, as its heading's was when the page listed it on its own; under a second
    agency, prefixed with that agency's."""
    slug = heading_slug(team) or "team"
    return slug if slug not in taken else f"{heading_slug(group.key) or 'agency'}-{slug}"


def also_written(name: str, words: list[str]) -> str:
    """'Named in the reports as "Police".': how the reports wrote the agency itself, where that is not its name."""
    other = list(dict.fromkeys(w for w in words if w != name and w != NOT_REPORTED))
    if not other:
        return ""
    return html_block(render("progress/also_written.html", words=other))


def old_anchors(words: list[str], taken: set[str]) -> str:
    """Empty targets for the anchors headings made from these words had on this page before, so links keep working."""
    anchors = [heading_slug(w) for w in dict.fromkeys(words)]
    new = [unique_id(anchor, taken) for anchor in dict.fromkeys(anchors) if anchor and anchor not in taken]
    return html_block(render("progress/anchors.html", anchors=new)) if new else ""


def commitment_line(commitment: dict, themes: pd.DataFrame, here: str, facts: dict | None = None) -> str:
    """A commitment linked (from the page at `here`) to its entry on its theme's page, then the theme's name, and,
    from `facts` (commitment_facts), its latest status with its period and the strategy it belongs to."""
    theme = themes.loc[commitment["theme_id"]]
    link = url_for("theme", here, source=True, anchor=commitment["commitment_id"], theme_id=commitment["theme_id"])
    line = f"- [{inline(commitment['title'])}]({link}) — {inline(theme['title'])}"
    fact = (facts or {}).get(commitment["commitment_id"])
    return f"{line}. {fact}" if fact else line


def commitment_facts(package: DataPackage) -> dict[str, str]:
    """Each commitment's latest status and its period, and its strategy (marked when it is the current one), as a
    few words of Markdown for a list of commitments: 'Status: Not assessed (2024). Strategy: … (current).'"""
    latest = latest_progress(package["progress"]).set_index("commitment_id").to_dict("index")
    strategies = package["strategies"].set_index("strategy_id").to_dict("index")
    strategy_of = package["themes"].set_index("theme_id")["strategy_id"].to_dict()
    current = package.partnership.get("current_strategy")
    facts = {}
    for commitment in package["commitments"].to_dict("records"):
        report = latest.get(commitment["commitment_id"])
        state = (i18n.sentence_md("Status: %(status)s (%(period)s).", status=inline(status.label(report["status"], package.vocab)),
                                  period=inline(report["period"])) if report
                 else i18n.sentence_md("Status: no report yet."))
        strategy_id = strategy_of.get(commitment["theme_id"])
        title = inline(strategies[strategy_id]["title"]) if strategy_id in strategies else not_reported()
        which = (i18n.sentence_md("Strategy: %(title)s (current).", title=title) if strategy_id == current
                 else i18n.sentence_md("Strategy: %(title)s.", title=title))
        facts[commitment["commitment_id"]] = f"{state} {which}"
    return facts


def heading_slug(text: str) -> str:
    """The anchor the builder's table of contents makes from a heading ("SCC (Children's) with No Limits" →
    scc-childrens-with-no-limits), so an old link to a heading keeps working when the heading changes."""
    return slugify(text, "-")


def agency_folders(agencies: list[str]) -> dict[str, str]:
    """Each agency's folder name, made from its name ('Children's Services' → childrens-services), unique."""
    folders: dict[str, str] = {}
    taken: set[str] = set()
    for agency in agencies:
        ascii_name = unicodedata.normalize("NFKD", re.sub("['’]", "", agency)).encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "agency"
        folders[agency] = unique_id(base, taken)
    return folders


def agencies_index(groups: list[AgencyGroup], folders: dict[str, str], latest: pd.DataFrame, vocab: Vocabularies) -> str:
    """Every lead agency linked to its list of commitments, with how many it leads at each status."""
    out = [
        front_matter(i18n.sentence("Commitments by lead agency"),
                     i18n.sentence("Every lead agency, each with the commitments it leads.")),
        "# " + i18n.sentence_md("Commitments by lead agency") + "\n",
        i18n.sentence_md("Each agency's commitments, as the strategies name the lead. Some commitments have more than "
                         "one lead. Choose an agency to see the commitments it leads.") + "\n",
    ]
    for group in groups:
        ids = pd.Series([commitment["commitment_id"] for commitment, _ in group.entries])
        link = url_for("lead_agency", path_for("by_lead_agency"), source=True, agency=folders[group.key])
        count = i18n.plural_md("%(number)s commitment", "%(number)s commitments", len(ids), number=format(len(ids), ","))
        out.append(f"- [{inline(group.name)}]({link}) — {count}; {inline(status_counts(ids, latest, vocab))}")
    return "\n".join(out) + "\n"


def agency_page(agency: str, folder: str, entries: list[tuple[dict, Lead]], themes: pd.DataFrame, number: int,
                of: int, total: int, facts: dict | None = None) -> str:
    """Page `number` of `of` of the commitments one agency leads (whose folder is `folder`), each linked to its entry
    on its theme's page, under its team's words where a report names one."""
    unnamed = agency == NOT_REPORTED
    title = agency_page_title(agency, unnamed, number, of)
    here = path_for("lead_agency", number=number, agency=folder)
    first = (number - 1) * COMMITMENTS_PER_AGENCY_PAGE + 1
    which = (i18n.sentence_md("The commitment") if total == 1
             else i18n.sentence_md("All %(number)s commitments", number=format(total, ",")) if of == 1
             else i18n.sentence_md("Commitments %(first)s to %(last)s of %(total)s", first=format(first, ","),
                                   last=format(first + len(entries) - 1, ","), total=format(total, ",")))
    whose = (i18n.sentence_md("for which the strategies name no lead agency") if unnamed
             else i18n.sentence_md("that %(agency)s leads, as the strategies name the lead", agency=inline(agency)))
    links = i18n.plural_md("It links to its latest report on its theme's page.",
                           "Each links to its latest report on its theme's page.", len(entries))
    every = "[" + i18n.sentence_md("every lead agency") + f"]({url_for('by_lead_agency', here, source=True)})"
    out = [
        # Out of search: each commitment is on its theme's page, which search finds.
        front_matter(title, i18n.sentence("%(title)s, each linked to its latest report.", title=title),
                     sources=["commitments.csv"], searchable=False),
        f"# {inline(title)}\n",
        i18n.sentence_md("%(which)s %(whose)s.", which=which, whose=whose) + f" {links} "
        + i18n.sentence_md("See %(link)s.", link=every) + "\n",
        list_pages_nav(number, of),
    ]
    team = None
    for commitment, lead in entries:
        if lead.team != team and lead.team is not None:
            out.append(f"\n## {inline(lead.team)}\n")
        team = lead.team
        out.append(commitment_line(commitment, themes, here=here, facts=facts))
    return "\n".join(part for part in out if part) + "\n"


def agency_page_title(agency: str, unnamed: bool, number: int, of: int) -> str:
    """'Commitments led by Police', with ', page 2 of 3' when the list takes several pages."""
    title = (i18n.sentence("Commitments with no lead agency reported") if unnamed
             else i18n.sentence("Commitments led by %(agency)s", agency=agency))
    if of > 1:
        return i18n.sentence("%(title)s, page %(number)s of %(of)s", title=title, number=number, of=of)
    return title


def outcome_themes(package: DataPackage, outcome: str) -> pd.DataFrame:
    """The links of themes to one national outcome (theme_outcomes.csv rows), in the data's order."""
    links = package["theme_outcomes"]
    return links[links["outcome"] == outcome]


def outcome_commitment_ids(package: DataPackage, outcome: str) -> pd.Series:
    """The commitments of the themes working towards one outcome."""
    commitments = package["commitments"]
    return commitments.loc[commitments["theme_id"].isin(outcome_themes(package, outcome)["theme_id"]), "commitment_id"]


def outcomes_list_commitments(package: DataPackage) -> bool:
    """Whether the outcomes page lists every commitment under each outcome (else progress/by-outcome/ pages do)."""
    return sum(len(outcome_commitment_ids(package, outcome)) for outcome in package.vocab.outcomes) <= OUTCOME_ENTRIES_ON_ONE_PAGE


def outcome_progress_pages(package: DataPackage) -> dict[str, str]:
    """For a partnership too large to list its commitments on the outcomes page: each outcome's themes, by status."""
    if outcomes_list_commitments(package):
        return {}
    latest = latest_progress(package["progress"]).set_index("commitment_id")
    return {f"progress/{BY_OUTCOME}/{outcome}/index.md": outcome_progress_page(package, outcome, latest)
            for outcome in package.vocab.outcomes if not outcome_themes(package, outcome).empty}


def outcome_progress_page(package: DataPackage, outcome: str, latest: pd.DataFrame) -> str:
    """The themes working towards one outcome, by strategy, each with how many commitments it has at each status."""
    title = i18n.sentence("Progress towards: %(outcome)s", outcome=package.vocab.outcomes[outcome])
    here = path_for("by_outcome", outcome=outcome)
    links = outcome_themes(package, outcome)
    ids = outcome_commitment_ids(package, outcome)
    commitments = package["commitments"]
    out = [
        # Out of search: each theme and commitment is on its own page, which search finds.
        front_matter(title, i18n.sentence("The themes whose commitments work towards the national outcome: "
                                          "%(outcome)s.", outcome=package.vocab.outcomes[outcome]),
                     sources=["theme_outcomes.csv", "themes.csv", "commitments.csv", "progress.csv"],
                     searchable=False),
        f"# {inline(title)}\n",
        inline(outcome_summary(ids, len(links), latest, package.vocab)) + " "
        + i18n.sentence_md("Choose a theme to read its commitments and their latest reports.") + " "
        + i18n.sentence_md("See %(link)s.", link="[" + i18n.sentence_md("all six outcomes") + "]"
                           f"({url_for('outcomes', here, source=True, anchor=outcome)})") + "\n",
    ]
    for strategy in strategies_in_order(package):
        themes = package["themes"]
        themes = themes[(themes["strategy_id"] == strategy["strategy_id"]) & themes["theme_id"].isin(links["theme_id"])]
        if themes.empty:
            continue
        out.append(f"## {inline(strategy['title'])}\n")
        for theme in themes.sort_values("number").to_dict("records"):
            theme_ids = commitments.loc[commitments["theme_id"] == theme["theme_id"], "commitment_id"]
            out.append(theme_line(theme, theme_ids, latest, here=here, vocab=package.vocab))
        out.append("")
    out.append(html_block(*[render("paragraph.html", css="note", text=basis) for basis in links["basis"].unique()]))
    return "\n".join(out)


def outcome_summary(commitment_ids: pd.Series, themes: int, latest: pd.DataFrame, vocab: Vocabularies) -> str:
    """'120 commitments in 9 themes work towards this outcome: 30 complete, 80 on track, 10 with no progress report.'"""
    themes_words = i18n.plural("%(number)s theme", "%(number)s themes", themes, number=format(themes, ","))
    return i18n.plural("%(number)s commitment in %(themes)s works towards this outcome: %(counts)s.",
                       "%(number)s commitments in %(themes)s work towards this outcome: %(counts)s.",
                       len(commitment_ids), number=format(len(commitment_ids), ","), themes=themes_words,
                       counts=status_counts(commitment_ids, latest, vocab))
