"""Project checks that frictionless's schemas cannot express; one module per check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from build_charts.package import Table
from build_charts.validate.checks import (
    characters,
    chart_catalogue,
    contacts,
    dates,
    figure_age,
    files,
    headers,
    help_age,
    help_page,
    language,
    lead_agencies,
    links,
    measures,
    next_report,
    patterns,
    quoted_figures,
    small_numbers,
    spreadsheet_errors,
    text,
    theme_ids,
    versions,
)
from build_charts.validate.problem import Problem
from build_charts.vocab import HELP_MAX_AGE_DAYS


@dataclass(frozen=True)
class CheckContext:
    """What checks need besides the tables: today's date and the partnership's settings."""

    today: date
    partnership: dict
    help_max_age_days: int = HELP_MAX_AGE_DAYS


Check = Callable[[dict[str, Table], CheckContext], Iterable[Problem]]

CHECKS: list[Check] = [
    spreadsheet_errors.check,
    text.check,
    characters.check,
    patterns.check,
    theme_ids.check,
    versions.check,
    links.check,
    contacts.check,
    dates.check,
    help_age.check,
    help_page.check,
    measures.check,
    lead_agencies.check,
    chart_catalogue.check,
    language.check,
    small_numbers.check,
    figure_age.check,
    next_report.check,
    quoted_figures.check,
]
FILE_CHECKS = [files.check, headers.check]

__all__ = ["CHECKS", "FILE_CHECKS", "CheckContext"]
