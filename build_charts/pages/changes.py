"""What changed: for each reporting period, how its progress reports differ from earlier ones; made from the data."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from build_charts.package import DataPackage
from build_charts.pages import status
from build_charts.pages.help import services_for_area
from build_charts.pages.markdown import front_matter, inline, long_date

PAGE = "changes/index.md"
TEXT_COLUMNS = {
    "achievements": "What was achieved",
    "gaps_challenges": "Gaps and challenges",
    "next_actions": "Next actions",
}


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
    reported: tuple[str, ...]
    first_reported: tuple[tuple[str, str], ...] = ()  # (commitment_id, status)
    status_changes: tuple[StatusChange, ...] = ()
    text_changes: tuple[TextChange, ...] = ()
    not_reported_again: tuple[str, ...] = ()


def reporting_periods(progress: pd.DataFrame) -> list[str]:
    """Every period progress.csv reports on, oldest first (2024 sorts before 2024/25, before 2025)."""
    return sorted({p for p in progress["period"] if p})


def changes_by_period(progress: pd.DataFrame) -> list[PeriodChanges]:
    """Each period's changes, newest first."""
    periods = reporting_periods(progress)
    previous = [None, *periods][: len(periods)]
    history = report_history(progress)
    return [_period_changes(progress, history, period, before)
            for period, before in zip(periods, previous, strict=True)][::-1]


def period_changes(progress: pd.DataFrame, period: str, previous: str | None) -> PeriodChanges:
    """Compare each commitment's report for `period` with its latest earlier report."""
    return _period_changes(progress, report_history(progress), period, previous)


def report_history(progress: pd.DataFrame) -> dict[str, list[dict]]:
    """Each commitment's reports, oldest first (read once, so comparing periods stays fast at any size)."""
    history: dict[str, list[dict]] = {}
    for row in progress[progress["period"].notna()].sort_values("period").to_dict("records"):
        history.setdefault(row["commitment_id"], []).append(row)
    return history


def latest_report_before(history: dict[str, list[dict]], commitment_id: str, period: str) -> dict | None:
    """The commitment's most recent report for a period before `period`, or None."""
    earlier = [r for r in history.get(commitment_id, []) if r["period"] < period]
    return earlier[-1] if earlier else None


def _period_changes(progress: pd.DataFrame, history: dict[str, list[dict]], period: str,
                    previous: str | None) -> PeriodChanges:
    now = _reports(progress, period)
    first, statuses, texts = [], [], []
    for commitment_id, report in now.items():
        earlier = latest_report_before(history, commitment_id, period)
        if earlier is None:
            first.append((commitment_id, report["status"]))
            continue
        if earlier["status"] != report["status"]:
            statuses.append(StatusChange(commitment_id, earlier["status"], earlier["period"], report["status"]))
        change = text_change(commitment_id, earlier, report)
        if change.added or change.updated or change.removed:
            texts.append(change)
    gone = [c for c in _reports(progress, previous) if c not in now] if previous else []
    return PeriodChanges(period, previous, tuple(now), tuple(first), tuple(statuses), tuple(texts), tuple(gone))


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


def changes_page(package: DataPackage) -> str:
    """The "What changed" page: every reporting period, newest first, then when help contacts were checked."""
    commitments = {c["commitment_id"]: c for c in package["commitments"].to_dict("records")}
    out = [
        front_matter("What changed", "What changed in each reporting period: new reports, status changes and "
                     "when help contacts were last checked.",
                     sources=["progress.csv", "commitments.csv", "help_services.csv"]),
        "# What changed\n",
        "Each reporting period compared with the reports before it. This page is made from the open data "
        "each time the site is built; nobody writes it by hand.\n",
    ]
    periods = changes_by_period(package["progress"])
    if not periods:
        out.append("No progress report has been published yet.\n")
    out += [period_section(changes, commitments) for changes in periods]
    out.append(help_checks_section(package))
    return "\n".join(out)


def period_section(changes: PeriodChanges, commitments: dict[str, dict]) -> str:
    """One period: its first reports, status changes, text changes and commitments not reported again."""
    out = [f"## {inline(changes.period)}\n"]
    if changes.previous is None:
        out.append(f"This is the first report in the data. It reports on {_count(changes.reported)}, "
                   "so there is nothing earlier to compare it with.\n")
        return "\n".join(out)
    out.append(f"Reports on {_count(changes.reported)}.\n")
    out += _listing("Reported for the first time", [
        f"{_link(commitments[c])} — {status.label(state)}" for c, state in changes.first_reported])
    out += _listing("Status changed", [
        f"{_link(commitments[s.commitment_id])} — {status.label(s.before)} in {inline(s.before_period)}, "
        f"now {status.label(s.after)}" for s in changes.status_changes])
    out += _listing("Report text changed", [
        f"{_link(commitments[t.commitment_id])} — {describe_text_change(t)}" for t in changes.text_changes])
    out += _listing(f"Reported in {inline(changes.previous)} but not in {inline(changes.period)}", [
        f"{_link(commitments[c])} — no report for {inline(changes.period)}" for c in changes.not_reported_again])
    if not (changes.first_reported or changes.status_changes or changes.text_changes or changes.not_reported_again):
        out.append(f"No status or report text changed since {inline(changes.previous)}.\n")
    return "\n".join(out)


def describe_text_change(change: TextChange) -> str:
    """e.g. 'new: What was achieved; rewritten: Next actions; no longer reported: Gaps and challenges'."""
    parts = [(label, columns) for label, columns in
             (("new", change.added), ("rewritten", change.updated), ("no longer reported", change.removed)) if columns]
    return "; ".join(f"{label}: {', '.join(TEXT_COLUMNS[c] for c in columns)}" for label, columns in parts)


def help_checks_section(package: DataPackage) -> str:
    """When each help contact on the help page was last checked, newest first; those never checked last."""
    services = services_for_area(package["help_services"], package.partnership["area"]).to_dict("records")
    checked = sorted((s for s in services if s.get("last_verified")), key=lambda s: s["last_verified"], reverse=True)
    unchecked = [s for s in services if not s.get("last_verified")]
    out = [
        "## Help contacts checked\n",
        "The data keeps only the latest date each contact's details were checked, not earlier checks.\n",
    ]
    out += [f"- {_help_link(s)} — checked {long_date(s['last_verified'])}" for s in checked]
    out += [f"- {_help_link(s)} — no check recorded" for s in unchecked]
    if not services:
        out.append("No help contacts are listed.")
    return "\n".join(out) + "\n"


def _listing(heading: str, items: list[str]) -> list[str]:
    return [f"### {heading}\n", *(f"- {item}" for item in items), ""] if items else []


def _link(commitment: dict) -> str:
    target = f"../progress/{commitment['theme_id']}/index.md#{commitment['commitment_id']}"
    return f"[{inline(commitment['title'])}]({target})"


def _help_link(service: dict) -> str:
    return f"[{inline(service['name'])}](../get-help/index.md#{service['service_id']})"


def _reports(progress: pd.DataFrame, period: str | None) -> dict[str, dict]:
    rows = progress[progress["period"] == period]
    return {row["commitment_id"]: row for row in rows.to_dict("records")}


def _words(text: str | None) -> str:
    return " ".join(str(text).split()) if text else ""


def _count(commitment_ids: tuple[str, ...]) -> str:
    return "1 commitment" if len(commitment_ids) == 1 else f"{len(commitment_ids)} commitments"
