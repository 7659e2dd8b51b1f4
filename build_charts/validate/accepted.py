"""Warnings the partnership has seen and accepted, recorded in the data package with who accepted each and when.

An accepted warning is no longer listed, takes no annotation slot on a pull request and is not raised to an error
by --strict, so --strict fails only on what nobody has looked at. The record sits in the "partnership" block of
datasets/datapackage.json:

    "accepted_warnings": [
      {"file": "datasets/help_services.csv", "row": 3, "column": "last_verified",
       "by": "Sam Jones, comms officer", "on": "2026-12-01", "why": "The Bridge confirms by email only."}
    ]

`file`, `by` and `on` are required; `row` and `column` (as `validate` prints them) and the problem's `code` narrow
it to one warning. Errors cannot be accepted.
"""

from __future__ import annotations

import re
from dataclasses import replace

from build_charts.validate.problem import WARNING, Problem

SETTING = "accepted_warnings"
ACCEPTED = "accepted"
PACKAGE = "datasets/datapackage.json"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def accept(problems: list[Problem], partnership: dict) -> list[Problem]:
    """The problems with each warning the partnership accepted marked as accepted, plus any problem in the record."""
    entries = partnership.get(SETTING) if isinstance(partnership, dict) else None
    if entries is None:
        return problems
    if not isinstance(entries, list):
        return [*problems, _bad_record("a value that is not a list", None)]
    out, used, record_problems = list(problems), set(), []
    for number, entry in enumerate(entries, start=1):
        missing = _missing(entry)
        if missing:
            record_problems.append(_bad_record(missing, number))
            continue
        for index, problem in enumerate(out):
            if problem.severity == WARNING and matches(entry, problem):
                out[index] = replace(problem, severity=ACCEPTED)
                used.add(number)
        if number not in used:
            record_problems.append(_stale(entry, number))
    return out + record_problems


def matches(entry: dict, problem: Problem) -> bool:
    """True when an accepted-warning record names this warning (its file, and its row, column and code if given)."""
    return (entry["file"] == problem.file and entry.get("code") in (None, problem.code)
            and entry.get("row") in (None, problem.row) and entry.get("column") in (None, problem.column))


def is_accepted(problem: Problem) -> bool:
    """True for a warning the partnership has accepted."""
    return problem.severity == ACCEPTED


def _missing(entry) -> str | None:
    if not isinstance(entry, dict):
        return "an entry that is not a block of settings"
    absent = [key for key in ("file", "by", "on") if not isinstance(entry.get(key), str) or not entry[key].strip()]
    if absent:
        return "an entry without " + " and ".join(f'"{key}"' for key in absent)
    if not _DAY.fullmatch(entry["on"]):
        return f'"on": "{entry["on"][:20]}", not a date written as year-month-day'
    return None


def _bad_record(found: str, number: int | None) -> Problem:
    where = f"entry {number} of " if number else ""
    return Problem(code="bad-accepted-warning", file=PACKAGE, column=f"partnership.{SETTING}",
                   found=f"{where}{SETTING}: {found}",
                   expected='a list of entries, each with the warning\'s "file", "row" and "column" as the check prints '
                            'them, who accepted it ("by") and the day ("on", year-month-day)',
                   fix='Write each entry as {"file": "datasets/help_services.csv", "row": 3, "column": "last_verified", '
                       '"by": "Your name", "on": "2026-12-01"}.')


def _stale(entry: dict, number: int) -> Problem:
    return Problem(code="accepted-warning-gone", file=PACKAGE, column=f"partnership.{SETTING}", severity=WARNING,
                   found=f'entry {number} accepts a warning in {entry["file"]}'
                         f'{", row " + str(entry["row"]) if entry.get("row") else ""}'
                         f'{", column " + chr(34) + str(entry["column"]) + chr(34) if entry.get("column") else ""}, but '
                         "there is no such warning now",
                   expected="an entry for each warning that is still there",
                   fix=f"Remove entry {number}: the warning it accepted is fixed (or its row moved: give the new row).")
