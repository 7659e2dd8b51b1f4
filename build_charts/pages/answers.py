"""The plain answers the progress pages open with: sentences made from the latest reports (how many commitments
are at each status, which parts the reports give, when the next report is due)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd

from build_charts import i18n
from build_charts.commitments import latest_progress, newest_report, strategy_commitments
from build_charts.package import DataPackage
from build_charts.pages.markdown import (
    html_block,
    long_date,
)
from build_charts.periods import MONTH, Period
from build_charts.templating import render
from build_charts.validate.checks.dates import earliest_day
from build_charts.vocab import Vocabularies


def current_strategy_answer(package: DataPackage, today: date | None) -> str:
    """How the current strategy's commitments are going, in plain words made from their latest reports, and when the
    next report is due (or that it is overdue), as HTML paragraphs."""
    strategy_id = package.partnership.get("current_strategy")
    ids = list(strategy_commitments(package, strategy_id)["commitment_id"])
    latest = latest_progress(package["progress"])
    latest = latest[latest["commitment_id"].isin(set(ids))].to_dict("records")
    whose = i18n.plural("the partnership's %(number)s current commitment",
                        "the partnership's %(number)s current commitments", len(ids), number=i18n.number(len(ids)))
    answer = progress_answer(ids, latest, whose=whose, vocab=package.vocab, current=True)
    strategies = package["strategies"]
    rows = strategies[strategies["strategy_id"] == strategy_id].to_dict("records")
    return html_block(render("paragraph.html", css="answer", text=answer),
                      next_report_html(rows[0], package, today) if rows else "")


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
                           number=i18n.number(count))
    return i18n.plural("%(number)s commitment", "%(number)s commitments", count, number=i18n.number(count))


def listed(items: list[str], conjunction: str = "and") -> str:
    """'a, b and c' (or 'a, b or c'): the items as one phrase; one item alone."""
    return i18n.list_of(items, conjunction)


def status_phrases(statuses: list[str], total: int, unreported: int, vocab: Vocabularies, current: bool = False) -> str:
    """'4 of 5 commitments are not assessed and 1 does not apply in this area'; 'all 3 commitments are on track'."""
    counts = Counter(statuses)
    said = [(counts[code], _status_words(code, counts[code], vocab)) for code in vocab.answer_order()
            if counts.get(code, 0)]
    if unreported:
        said.append((unreported, i18n.plural("has no progress report", "have no progress report", unreported)))
    if len(said) == 1:
        return i18n.sentence("%(whole)s %(words)s", whole=_all_of(total, current), words=said[0][1])
    phrases = [i18n.sentence("%(number)s of %(total)s %(words)s", number=i18n.number(said[0][0]),
                             total=_commitments(total, current), words=said[0][1])]
    phrases += [i18n.sentence("%(number)s %(words)s", number=i18n.number(count), words=words) for count, words in said[1:]]
    return listed(phrases)


def _status_words(code: str, count: int, vocab: Vocabularies) -> str:
    """'are on track', 'does not apply in this area': what `count` commitments at status `code` do."""
    if not vocab.applies(code):
        return i18n.plural("does not apply in this area", "do not apply in this area", count)
    label = vocab.status_label(code).lower().replace(",", "")
    return i18n.plural("is %(status)s", "are %(status)s", count, status=label)


def _all_of(total: int, current: bool) -> str:
    """'the one commitment', 'both commitments', 'all 3 current commitments'."""
    if total == 1:
        return i18n.sentence("the one current commitment") if current else i18n.sentence("the one commitment")
    return _every(total, current)


def _every(total: int, current: bool) -> str:
    """'both commitments', 'all 3 current commitments': every one of several commitments, as English says it."""
    if total == 2:
        return i18n.sentence("both current commitments") if current else i18n.sentence("both commitments")
    return i18n.sentence("all %(counted)s", counted=_commitments(total, current))


def parts_reported(reports: list[dict], vocab: Vocabularies, current: bool = False, several: bool = False) -> str:
    """'It reports what was achieved for 11 of the 13 commitments it applies to, gaps and challenges for 10, and
    next actions for 9.' (nothing when it applies to none); 'They report' for `several` reports' periods."""
    applicable = [r for r in reports if vocab.applies(r["status"])]
    if not applicable:
        return ""
    counted = _commitments(len(applicable), current)
    every = _every(len(applicable), current)
    if len(applicable) < len(reports):
        which = i18n.sentence("the %(counted)s it applies to", counted=counted)
        every = i18n.sentence("%(commitments)s it applies to", commitments=every)
    else:
        which = i18n.sentence("the %(counted)s", counted=counted)
    counts = [(part.heading.lower(), sum(1 for r in applicable if r.get(column)))
              for column, part in vocab.report_parts.items()]
    if len(applicable) == 1:
        return one_report_parts(counts, several)
    if all(count == len(applicable) for _, count in counts):
        headings = [heading for heading, _ in counts]
        values = {"parts": ", ".join(headings[:-1]), "last": headings[-1], "which": which, "every": every}
        if len(applicable) == 2:
            if several:
                return i18n.sentence("They report %(parts)s, and %(last)s for %(every)s.", **values)
            return i18n.sentence("It reports %(parts)s, and %(last)s for %(every)s.", **values)
        if several:
            return i18n.sentence("They report %(parts)s, and %(last)s for each of %(which)s.", **values)
        return i18n.sentence("It reports %(parts)s, and %(last)s for each of %(which)s.", **values)
    said = [(heading, i18n.number(count) if count else i18n.sentence("none")) for heading, count in counts]
    (first, first_count), *rest = said
    others = [i18n.sentence("%(part)s for %(number)s", part=heading, number=count) for heading, count in rest]
    values = {"first": first, "number": first_count, "which": which, "others": ", ".join(others[:-1]),
              "last": others[-1], "every": every}
    if counts[0][1] == len(applicable):
        if several:
            return i18n.sentence("They report %(first)s for %(every)s, %(others)s, and %(last)s.", **values)
        return i18n.sentence("It reports %(first)s for %(every)s, %(others)s, and %(last)s.", **values)
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
    values = {"parts": listed(given), "missing": listed(missing, "or")}
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
    rated = any(vocab.rated(s) for s in statuses)
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
                        len(commitment_ids), number=i18n.number(len(commitment_ids)))
    answer = progress_answer(commitment_ids, latest, whose, vocab)
    if not latest and update_periods:
        answer += " " + i18n.plural("An update for %(latest)s reports on the theme as a whole, below.",
                                    "%(count)s updates, the latest for %(latest)s, report on the theme as a whole, "
                                    "below.", len(update_periods), latest=max(update_periods))
    return answer


def following_period(period: str) -> str | None:
    """The reporting period after `period`: 2024 → 2025, 2024/25 → 2025/26; None for any other form."""
    found = Period.parse(period)
    return str(found.following()) if found and found.kind != MONTH else None


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
