"""The partnership setting "figures_old_after_years": after how many years a figure is labelled as old.

Pages mark a figure older than this ("Figures from 2015/16"), so a reader does not take it for today's. The
setting sits in the "partnership" block of datasets/datapackage.json; 5 is used when it is left out. It must be
a whole number from 1 to 50.
"""

from __future__ import annotations

from collections.abc import Iterator

from build_charts.charts.ages import DEFAULT_OLD_AFTER_YEARS, SETTING
from build_charts.validate.problem import Problem

PACKAGE = "datasets/datapackage.json"
FEWEST, MOST = 1, 50


def check(tables, context) -> Iterator[Problem]:
    """Report an old-figures setting that is not a whole number of years from 1 to 50."""
    if SETTING not in context.partnership:
        return
    value = context.partnership[SETTING]
    if not is_whole_number_of_years(value):
        yield setting_problem(value)


def is_whole_number_of_years(value) -> bool:
    """True for a whole number from FEWEST to MOST (not true/false, not text, not a fraction)."""
    return not isinstance(value, bool) and isinstance(value, int) and FEWEST <= value <= MOST


def setting_problem(value) -> Problem:
    """The error for a setting of the wrong kind, saying what to write instead."""
    return Problem(
        code="bad-setting", file=PACKAGE, column=SETTING, found=_found(value),
        expected=f"a whole number of years from {FEWEST} to {MOST}, such as {DEFAULT_OLD_AFTER_YEARS}: figures older "
        "than this are marked as old on the site",
        fix=f'In the "partnership" block, write "{SETTING}": {DEFAULT_OLD_AFTER_YEARS} (a number with no quotes '
        f"around it), or remove the line to use {DEFAULT_OLD_AFTER_YEARS}.",
    )


def _found(value) -> str:
    """The setting as the comms team wrote it, in words they recognise."""
    if isinstance(value, str):
        return f'the text "{value[:40]}" (in quotes)'
    if value is None:
        return "null (no number)"
    if isinstance(value, bool):
        return f"{str(value).lower()} instead of a number"
    if isinstance(value, (int, float)):
        return f"{value}"
    return "a list" if isinstance(value, list) else "a block of settings"
