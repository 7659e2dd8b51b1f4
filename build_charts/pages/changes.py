"""What changed: for each reporting period, how its progress reports differ from earlier ones; made from the data.

A partnership with few commitments gets one page, changes/, listing every change. When the lists would hold
more than ITEMS_PER_PAGE lines in all, changes/ keeps each period's heading (so its anchor still works) with
counts, and each period's lists move to changes/<period>/, split into pages of at most ITEMS_PER_PAGE lines
(changes/<period>/page-2/ and so on), so no page grows with the number of commitments.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import partial

import pandas as pd
from markdown.extensions.toc import slugify
from markupsafe import Markup

from build_charts import i18n
from build_charts.package import DataPackage
from build_charts.pages import status
from build_charts.pages.help import services_for_area
from build_charts.pages.kept import KeptPages, no_kept_pages
from build_charts.pages.markdown import (
    esc,
    front_matter,
    html_block,
    in_pages,
    inline,
    list_pages_nav,
    long_date,
)
from build_charts.periods import sorted_periods
from build_charts.routes import page_file, path_for, period_slug, url_for
from build_charts.templating import render
from build_charts.vocab import NEW_PERIOD_STATUS, REPORT_COLUMNS, Vocabularies

PAGE = page_file("changes")
FOLDER = path_for("changes")
# About 20 KB of compressed HTML at most, so a page stays well under 100 KB with the theme's 62 KB.
ITEMS_PER_PAGE = 250
TEXT_COLUMNS = REPORT_COLUMNS  # a report's text columns; their words come from the package's vocabularies


@dataclass(frozen=True)
class StatusChange:
    """A commitment whose status differs from its previous report."""

    commitment_id: str
    before: str
    before_period: str
    after: str


@dataclass(frozen=True)
class TextChange:
    """Which parts of a commitment's report are new, rewritten or no longer reported, by column."""

    commitment_id: str
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class PeriodChanges:
    """What one reporting period's progress reports changed, compared with the reports before them."""

    period: str
    previous: str | None
    reported: tuple[str, ...]  # commitments with a report, not those whose row still waits for one
    first_reported: tuple[tuple[str, str], ...] = ()  # (commitment_id, status)
    status_changes: tuple[StatusChange, ...] = ()
    text_changes: tuple[TextChange, ...] = ()
    not_reported_again: tuple[str, ...] = ()
    update_due: tuple[str, ...] = ()  # rows added for the period (new-period) and not filled in yet


def reporting_periods(progress: pd.DataFrame) -> list[str]:
    """Every period progress.csv reports on, oldest first (2024 sorts before 2024/25, before 2025)."""
    return sorted_periods(progress["period"])


def changes_by_period(progress: pd.DataFrame) -> list[PeriodChanges]:
    """Each period's changes, newest first."""
    periods = reporting_periods(progress)
    previous = [None, *periods][: len(periods)]
    by_period = reports_by_period(progress)
    history = report_history(by_period)
    return [_period_changes(by_period, history, period, before)
            for period, before in zip(periods, previous, strict=True)][::-1]


def period_changes(progress: pd.DataFrame, period: str, previous: str | None) -> PeriodChanges:
    """Compare each commitment's report for `period` with its latest earlier report."""
    by_period = reports_by_period(progress)
    return _period_changes(by_period, report_history(by_period), period, previous)


def reports_by_period(progress: pd.DataFrame) -> dict[str, dict[str, dict]]:
    """Each period's reports keyed by commitment, in the order progress.csv lists them (read once)."""
    by_period: dict[str, dict[str, dict]] = {}
    for row in progress[progress["period"].notna()].to_dict("records"):
        by_period.setdefault(row["period"], {})[row["commitment_id"]] = row
    return by_period


def report_history(by_period: dict[str, dict[str, dict]]) -> dict[str, list[dict]]:
    """Each commitment's reports, oldest first, so comparing periods stays fast at any size."""
    history: dict[str, list[dict]] = {}
    for period in sorted(by_period):
        for commitment_id, row in by_period[period].items():
            history.setdefault(commitment_id, []).append(row)
    return history


def latest_report_before(history: dict[str, list[dict]], commitment_id: str, period: str) -> dict | None:
    """The commitment's most recent report for a period before `period`, or None."""
    earlier = [r for r in history.get(commitment_id, []) if r["period"] < period]
    return earlier[-1] if earlier else None


def _period_changes(by_period: dict[str, dict[str, dict]], history: dict[str, list[dict]], period: str,
                    previous: str | None) -> PeriodChanges:
    now = by_period.get(period, {})
    first, statuses, texts, due = [], [], [], []
    for commitment_id, report in now.items():
        if awaiting_report(report):
            due.append(commitment_id)  # a row waiting for its report (new-period): neither a report nor text taken away
            continue
        earlier = latest_report_before(history, commitment_id, period)
        if earlier is None:
            first.append((commitment_id, report["status"]))
            continue
        if earlier["status"] != report["status"]:
            statuses.append(StatusChange(commitment_id, earlier["status"], earlier["period"], report["status"]))
        change = text_change(commitment_id, earlier, report)
        if change.added or change.updated or change.removed:
            texts.append(change)
    gone = [c for c in by_period.get(previous, {}) if c not in now] if previous else []
    # Compared with an earlier period, a row still waiting for its report is not counted as a report. The first
    # period in the data compares with nothing and lists nothing: every row the data holds for it counts.
    reported = tuple(c for c in now if c not in due) if previous else tuple(now)
    return PeriodChanges(period, previous, reported, tuple(first), tuple(statuses), tuple(texts), tuple(gone),
                         tuple(due))


def awaiting_report(report: dict) -> bool:
    """Whether a row is one new-period added and nobody has filled in yet: not assessed, with no report text.

    Such a row is not a report, whether or not the commitment was reported on before.
    """
    return report["status"] == NEW_PERIOD_STATUS and not any(_words(report.get(c)) for c in TEXT_COLUMNS)


def text_change(commitment_id: str, before: dict, after: dict) -> TextChange:
    """Which report columns were filled in, rewritten or emptied between two reports."""
    added, updated, removed = [], [], []
    for column in TEXT_COLUMNS:
        old, new = _words(before.get(column)), _words(after.get(column))
        if new and not old:
            added.append(column)
        elif old and not new:
            removed.append(column)
        elif old != new:
            updated.append(column)
    return TextChange(commitment_id, tuple(added), tuple(updated), tuple(removed))


def changes_pages(package: DataPackage, kept: KeptPages | None = None) -> dict[str, str]:
    """The "What changed" page(s), keyed by path: one page while the lists are short, else a page per period (made
    from that period's changes alone: those `kept` from the last build are taken as they are)."""
    kept = kept or no_kept_pages()
    commitments = {c["commitment_id"]: c for c in package["commitments"].to_dict("records")}
    periods = changes_by_period(package["progress"])
    if sum(line_count(c) for c in periods) <= ITEMS_PER_PAGE:
        return {PAGE: _single_page(package, periods, commitments)}
    out = {PAGE: summary_page(package, periods)}
    for changes in periods:
        out.update(kept.pages("period changes", asdict(changes), partial(period_pages, changes, commitments,
                                                                            package.vocab)))
    return out


def _single_page(package: DataPackage, periods: list[PeriodChanges], commitments: dict[str, dict]) -> str:
    """Every reporting period's changes, newest first, then when help contacts were checked."""
    out = [_front_matter(), *_title_and_intro()]
    if not periods:
        out.append(i18n.sentence_md("No progress report has been published yet.") + "\n")
    out += [period_section(changes, commitments, package.vocab) for changes in periods]
    out.append(help_checks_section(package))
    return "\n".join(out)


def summary_page(package: DataPackage, periods: list[PeriodChanges]) -> str:
    """changes/ for a large partnership: each period's counts, linked to its own lists."""
    out = [_front_matter(), *_title_and_intro()]
    for changes in periods:
        out.append(f"## {inline(changes.period)}\n")
        if changes.previous is None:
            out.append(_first_period_text(changes))
            continue
        out.append(i18n.sentence_md("Reports on %(reported)s, compared with %(previous)s:", reported=_reported(changes),
                                    previous=inline(changes.previous)) + "\n")
        out += [f"- {heading}: {i18n.number(count)}" for heading, count in section_counts(changes) if count]
        if line_count(changes):
            link = url_for("period_changes", FOLDER, source=True, period=period_slug(changes.period))
            words = i18n.sentence_md("Every change in %(period)s", period=inline(changes.period))
            out.append(f"\n[{words}]({link})\n")
        else:
            out.append("\n" + _nothing_changed(changes))
    out.append(help_checks_section(package))
    return "\n".join(out)


def period_pages(changes: PeriodChanges, commitments: dict[str, dict], vocab: Vocabularies) -> dict[str, str]:
    """One period's lists under changes/<period>/, in pages of at most ITEMS_PER_PAGE lines; none if it has none."""
    chunks = in_pages(listed_items(changes, vocab), ITEMS_PER_PAGE)
    slug = period_slug(changes.period)
    return {page_file("period_changes", number, period=slug): period_page(changes, chunk, number, len(chunks), commitments)
            for number, chunk in enumerate(chunks, start=1)}


def period_page(changes: PeriodChanges, items: list[tuple[str, str, str]], number: int, of: int,
                commitments: dict[str, dict]) -> str:
    """Page `number` of `of` of one period's changes: its lines under their headings, and links between pages."""
    title = (i18n.sentence("What changed in %(period)s", period=changes.period) if of == 1 else
             i18n.sentence("What changed in %(period)s, page %(number)s of %(of)s", period=changes.period,
                           number=number, of=of))
    here = path_for("period_changes", number=number, period=period_slug(changes.period))
    first = (number - 1) * ITEMS_PER_PAGE + 1
    every_period = url_for("changes", here, source=True, anchor=heading_id(changes.period))
    out = [
        # Out of search: each commitment is on its theme's page, which search finds.
        front_matter(title, i18n.sentence("Progress reports for %(period)s compared with %(previous)s.",
                                          period=changes.period, previous=changes.previous),
                     sources=["progress.csv", "commitments.csv"], searchable=False),
        f"# {inline(title)}\n",
        i18n.sentence_md("Reports on %(reported)s, compared with %(previous)s.", reported=_reported(changes),
                         previous=inline(changes.previous))
        + " [" + i18n.sentence_md("What changed in every period") + "](" + every_period + ")\n",
    ]
    if of > 1:
        out.append(i18n.sentence_md("Changes %(first)s to %(last)s of %(total)s.", first=i18n.number(first),
                                    last=i18n.number(first + len(items) - 1), total=i18n.number(line_count(changes))) + "\n")
        out.append(list_pages_nav(number, of))
    for heading in dict.fromkeys(heading for heading, _, _ in items):
        lines = [(commitment_id, what) for h, commitment_id, what in items if h == heading]
        out += [f"## {heading}\n", _html_list(lines, commitments, here=here)]
    return "\n".join(out)


def section_headings(changes: PeriodChanges) -> tuple[str, ...]:
    """The headings of a period's lists: first reports, status changes, text changes, not reported again, update due."""
    return (i18n.sentence_md("Reported for the first time"), i18n.sentence_md("Status changed"),
            i18n.sentence_md("Report text changed"),
            i18n.sentence_md("Reported in %(previous)s but not in %(period)s", previous=inline(changes.previous),
                             period=inline(changes.period)),
            i18n.sentence_md("Update due"))


def sections(changes: PeriodChanges, vocab: Vocabularies) -> list[tuple[str, list[tuple[str, str]]]]:
    """A period's lists, each as (heading, lines); a line is (commitment id, what changed as HTML), in the words of
    `vocab`.

    The commitment's link is added where the line is written, since it depends on the page's depth.
    """
    lines = (
        [(c, esc(status.label(state, vocab))) for c, state in changes.first_reported],
        [(s.commitment_id, i18n.sentence_html("%(before)s in %(period)s, now %(after)s",
                                              before=status.label(s.before, vocab), period=s.before_period,
                                              after=status.label(s.after, vocab)))
         for s in changes.status_changes],
        [(t.commitment_id, esc(describe_text_change(t, vocab))) for t in changes.text_changes],
        [(c, i18n.sentence_html("no report for %(period)s", period=changes.period)) for c in changes.not_reported_again],
        [(c, i18n.sentence_html("update due")) for c in changes.update_due],
    )
    return list(zip(section_headings(changes), lines, strict=True))


def section_counts(changes: PeriodChanges) -> list[tuple[str, int]]:
    """How many lines each of a period's lists holds, as (heading, count)."""
    counts = (len(changes.first_reported), len(changes.status_changes), len(changes.text_changes),
              len(changes.not_reported_again), len(changes.update_due))
    return list(zip(section_headings(changes), counts, strict=True))


def line_count(changes: PeriodChanges) -> int:
    """How many lines a period's lists hold in all; a first period, with nothing to compare, lists none."""
    return 0 if changes.previous is None else sum(count for _, count in section_counts(changes))


def listed_items(changes: PeriodChanges, vocab: Vocabularies) -> list[tuple[str, str, str]]:
    """Every line a period's lists hold, as (heading, commitment id, what changed); a first period lists nothing."""
    if changes.previous is None:
        return []
    return [(heading, commitment_id, what) for heading, lines in sections(changes, vocab)
            for commitment_id, what in lines]


def period_section(changes: PeriodChanges, commitments: dict[str, dict], vocab: Vocabularies) -> str:
    """One period: its first reports, status changes, text changes and commitments not reported again."""
    out = [f"## {inline(changes.period)}\n"]
    if changes.previous is None:
        out.append(_first_period_text(changes))
        return "\n".join(out)
    out.append(i18n.sentence_md("Reports on %(reported)s.", reported=_reported(changes)) + "\n")
    for heading, lines in sections(changes, vocab):
        if lines:
            out += [f"### {heading}\n", _html_list(lines, commitments, here=FOLDER)]
    if not line_count(changes):
        out.append(_nothing_changed(changes))
    return "\n".join(out)


def describe_text_change(change: TextChange, vocab: Vocabularies) -> str:
    """e.g. 'new: What was achieved; rewritten: Next actions; no longer reported: Gaps and challenges'."""
    parts = [(label, columns) for label, columns in ((i18n.gettext("new"), change.added),
             (i18n.gettext("rewritten"), change.updated), (i18n.gettext("no longer reported"), change.removed))
             if columns]
    headings = {column: part.heading for column, part in vocab.report_parts.items()}
    return "; ".join(f"{label}: {', '.join(headings[c] for c in columns)}" for label, columns in parts)


def help_checks_section(package: DataPackage) -> str:
    """When each help contact on the help page was last checked, newest first; those never checked last."""
    services = services_for_area(package["help_services"], package.partnership["area"]).to_dict("records")
    checked = sorted((s for s in services if s.get("last_verified")), key=lambda s: s["last_verified"], reverse=True)
    unchecked = [s for s in services if not s.get("last_verified")]
    out = [
        "## " + i18n.sentence_md("Help contacts checked") + "\n",
        i18n.sentence_md("The data keeps only the latest date each contact's details were checked, not earlier "
                         "checks.") + "\n",
    ]
    out += [f"- {_help_link(s)} — " + i18n.sentence_md("checked %(date)s", date=inline(long_date(s["last_verified"])))
            for s in checked]
    out += [f"- {_help_link(s)} — " + i18n.sentence_md("no check recorded") for s in unchecked]
    if not services:
        out.append(i18n.sentence_md("No help contacts are listed."))
    return "\n".join(out) + "\n"


def _html_list(lines: list[tuple[str, str]], commitments: dict[str, dict], here: str) -> str:
    """Lines as an HTML list, each commitment linked to its entry on its theme's page from the page at `here`."""
    return html_block(render("changes/list.html", lines=[_line(commitments[c], what, here) for c, what in lines]))


def heading_id(period: str) -> str:
    """The anchor the site builder gives a period's heading on changes/, e.g. '2024/25' → '202425'."""
    return slugify(period, "-")


def _front_matter() -> str:
    return front_matter(i18n.sentence("What changed"),
                        i18n.sentence("What changed in each reporting period: new reports, status changes and when "
                                      "help contacts were last checked."),
                        sources=["progress.csv", "commitments.csv", "help_services.csv"])


def _title_and_intro() -> list[str]:
    """The page's heading and the line under it that says how it is made."""
    return ["# " + i18n.sentence_md("What changed") + "\n",
            i18n.sentence_md("Each reporting period compared with the reports before it. This page is made from the "
                             "open data each time the site is built; nobody writes it by hand.") + "\n"]


def _nothing_changed(changes: PeriodChanges) -> str:
    return i18n.sentence_md("No status or report text changed since %(previous)s.",
                            previous=inline(changes.previous)) + "\n"


def _first_period_text(changes: PeriodChanges) -> str:
    return i18n.sentence_md("This is the first report in the data. It reports on %(reported)s, so there is nothing "
                            "earlier to compare it with.", reported=_reported(changes)) + "\n"


def _line(commitment: dict, what: str, here: str) -> dict:
    """One line of a list: the commitment's title and link, and what changed (HTML `sections` escaped)."""
    href = url_for("theme", here, anchor=commitment["commitment_id"], theme_id=commitment["theme_id"])
    return {"href": href, "title": commitment["title"], "what": Markup(what)}


def _help_link(service: dict) -> str:
    return f"[{inline(service['name'])}]({url_for('get_help', FOLDER, source=True, anchor=service['service_id'])})"


def _words(text: str | None) -> str:
    return " ".join(str(text).split()) if text else ""


def _reported(changes: PeriodChanges) -> str:
    """How many commitments the period reports on, e.g. '2,000 commitments'."""
    count = len(changes.reported)
    return i18n.plural_md("%(number)s commitment", "%(number)s commitments", count, number=i18n.number(count))
