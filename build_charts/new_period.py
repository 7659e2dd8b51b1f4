"""Scaffold the next reporting period: one not-assessed row per current commitment, added to progress.csv."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from build_charts.package import Table, display_path, read_descriptor, read_text_tables
from build_charts.pages.markdown import long_date
from build_charts.periods import FINANCIAL_YEAR, KINDS, Period, kind_of
from build_charts.validate.fix import TRAILING_BLANK_ROWS
from build_charts.vocab import NEW_PERIOD_STATUS, NOT_APPLICABLE

PROGRESS = "progress"
FILLED = ("commitment_id", "period", "status")
ALL_QUOTED = re.compile(r'"[^"]*"(,"[^"]*")*')


class PeriodRefused(Exception):
    """The period cannot be added; the message says why, in plain English."""


@dataclass(frozen=True)
class NewPeriod:
    """What new-period added: the file, the period, the strategy and one row per commitment."""

    file: str
    period: str
    strategy: str
    commitment_ids: list[str]
    required_empty: list[str]
    not_applicable: list[str] = field(default_factory=list)  # kept from their latest report


def add_period(root: Path, period: str, today: date) -> NewPeriod:
    """Append a not-assessed row for `period` to progress.csv for every commitment of the current strategy."""
    descriptor = _descriptor(root)
    resource = _progress_resource(descriptor)
    tables = read_text_tables(root, descriptor)
    progress = tables.get(PROGRESS)
    file = display_path(root, resource["path"])
    if progress is None or "period" not in progress.frame:
        raise PeriodRefused(f"{file} cannot be read. Run 'python -m build_charts validate' to see why.")
    refusal = period_problem(period, existing_periods(progress), _period_pattern(resource), today)
    if refusal:
        raise PeriodRefused(refusal)
    strategy_id = descriptor.get("partnership", {}).get("current_strategy")
    ids = current_commitments(tables, strategy_id)
    if not ids:
        raise PeriodRefused(f'The current strategy "{strategy_id}" has no commitments in commitments.csv, '
                            "so there is nothing to report on. Check current_strategy in datapackage.json.")
    fieldnames = header(root / resource["path"])
    kept = not_applicable(progress, ids)
    append_rows(root / resource["path"], new_rows(fieldnames, ids, period, kept))
    return NewPeriod(file=file, period=period, strategy=strategy_title(tables, strategy_id), commitment_ids=ids,
                     required_empty=required_left_empty(resource.get("schema", {}), fieldnames),
                     not_applicable=[i for i in ids if i in kept])


def period_problem(period: str, existing: set[str], pattern: str, today: date) -> str | None:
    """Why `period` cannot be added, in plain English; None when it can."""
    if not re.fullmatch(pattern, period):
        return (f'"{period}" is not a reporting period. Write a year, such as {today.year}, '
                f"or a financial year, such as {today.year}/{(today.year + 1) % 100:02d}.")
    parsed = Period.parse(period)
    if parsed is None and "/" in period:
        following = Period(FINANCIAL_YEAR, int(period[:4]))
        return f'"{period}" is not a financial year: the one that starts in {period[:4]} is {following}.'
    if period in existing:
        return (f"The period {period} is already in progress.csv. Edit its rows there, "
                "or give the next period.")
    start = parsed.first_day if parsed else None
    if start and start > today:
        return (f"The period {period} has not started yet: it starts on {long_date(start)}. "
                "Add it once it has been reported on.")
    return kind_problem(period, existing)


def kind_problem(period: str, existing: set[str]) -> str | None:
    """Why a period of another kind than the file's cannot be added (the reports would not compare); None if it can."""
    kinds = {kind_of(p) for p in existing} - {None}
    if len(kinds) != 1 or kind_of(period) in kinds or kind_of(period) is None:
        return None
    (kind,) = kinds
    latest = max((Period.parse(p) for p in existing if kind_of(p) == kind), key=Period.sort_key)
    plural = KINDS[kind][0]
    return (f'The periods in progress.csv are {plural}, such as {latest}, but "{period}" is a {kind_of(period)}. '
            f"Give the next {kind}, {latest.following()}, instead: every period in the file is the same kind, so "
            "that each report compares with the one before.")


def existing_periods(progress: Table) -> set[str]:
    """The reporting periods progress.csv already holds."""
    return {value.strip() for value in progress.frame["period"] if value.strip()}


def current_commitments(tables: dict[str, Table], strategy_id: str | None) -> list[str]:
    """The ids of the strategy's commitments, in the order commitments.csv lists them."""
    themes = tables.get("themes")
    commitments = tables.get("commitments")
    if not strategy_id or themes is None or commitments is None:
        return []
    theme_ids = {row["theme_id"] for _, row in themes.rows() if row.get("strategy_id") == strategy_id}
    return [row["commitment_id"] for _, row in commitments.rows() if row.get("theme_id") in theme_ids]


def strategy_title(tables: dict[str, Table], strategy_id: str) -> str:
    """The strategy's title from strategies.csv, or its id when the title cannot be found."""
    strategies = tables.get("strategies")
    rows = [row for _, row in strategies.rows() if row.get("strategy_id") == strategy_id] if strategies else []
    return (rows[0].get("title") if rows else None) or strategy_id


def new_rows(fieldnames: list[str], commitment_ids: list[str], period: str,
             kept: set[str] | frozenset[str] = frozenset()) -> list[dict[str, str]]:
    """One row per commitment: its id, the period and not-assessed (not-applicable for those in `kept`); every
    other cell empty for the team."""
    rows = []
    for commitment_id in commitment_ids:
        row = dict.fromkeys(fieldnames, "")
        status = NOT_APPLICABLE if commitment_id in kept else NEW_PERIOD_STATUS
        row.update(commitment_id=commitment_id, period=period, status=status)
        rows.append(row)
    return rows


def not_applicable(progress: Table, commitment_ids: list[str]) -> set[str]:
    """The commitments whose latest report says not-applicable: a new period keeps that rather than not-assessed."""
    latest: dict[str, tuple[str, str]] = {}
    for _, row in progress.rows():
        commitment_id, period = row.get("commitment_id", ""), row.get("period", "").strip()
        if commitment_id in commitment_ids and period >= latest.get(commitment_id, ("", ""))[0]:
            latest[commitment_id] = (period, row.get("status", "").strip())
    return {c for c, (_, status) in latest.items() if status == NOT_APPLICABLE}


def required_left_empty(schema: dict, fieldnames: list[str]) -> list[str]:
    """Required columns new-period leaves empty: validation reports them until the team fills them in."""
    return [f["name"] for f in schema.get("fields", [])
            if f.get("constraints", {}).get("required") and f["name"] not in FILLED and f["name"] in fieldnames]


def header(path: Path) -> list[str]:
    """The CSV file's column headings, as written in its first line."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def append_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """Add rows at the end, keeping the file's line endings and quoting; blank rows at the end are dropped."""
    data = path.read_bytes()
    newline = "\r\n" if b"\r\n" in data else "\n"
    first_line = data.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8-sig")
    quoting = csv.QUOTE_ALL if ALL_QUOTED.fullmatch(first_line) else csv.QUOTE_MINIMAL
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header(path), lineterminator=newline, quoting=quoting)
    writer.writerows(rows)
    kept = TRAILING_BLANK_ROWS.sub(b"", data)
    path.write_bytes(kept + newline.encode() + out.getvalue().encode("utf-8"))


def next_steps(added: NewPeriod) -> str:
    """What new-period did and what the team does next, in plain English."""
    steps = ["Add the progress report to datasets/sources.csv, if it is not there yet."]
    steps += [f"Fill in {column} on every new row. It is required and new-period cannot know it, so validation "
              f"reports each empty {column} as an error until you fill it in." for column in added.required_empty]
    steps += [
        "Copy the report's text into each row. Leave a cell empty when the report says nothing about it.",
        f"Change the status from {NEW_PERIOD_STATUS} only when the report itself gives a rating.",
        *([f"{len(added.not_applicable)} of the rows kept the status {NOT_APPLICABLE} from the last "
           "report. Change it if the new report says otherwise."] if added.not_applicable else []),
        "Run 'python -m build_charts validate' and fix what it reports.",
    ]
    return "\n".join([
        f"Added {len(added.commitment_ids)} rows to {added.file} for the period {added.period}: "
        f"one for each commitment in {added.strategy}.",
        f"Each new row has the status {NEW_PERIOD_STATUS} and empty text. Next:",
        *(f"{number}. {step}" for number, step in enumerate(steps, start=1)),
    ])


def _descriptor(root: Path) -> dict:
    try:
        return read_descriptor(root)
    except (OSError, json.JSONDecodeError) as exc:
        raise PeriodRefused(f"datapackage.json cannot be read ({exc}). Run 'python -m build_charts validate'.") from exc


def _progress_resource(descriptor: dict) -> dict:
    for resource in descriptor.get("resources", []):
        if resource.get("name") == PROGRESS:
            return resource
    raise PeriodRefused("datapackage.json lists no progress resource, so there is nowhere to add a period.")


def _period_pattern(resource: dict) -> str:
    for spec in resource.get("schema", {}).get("fields", []):
        if spec["name"] == "period":
            return spec.get("constraints", {}).get("pattern", r"\d{4}(/\d{2})?")
    return r"\d{4}(/\d{2})?"
