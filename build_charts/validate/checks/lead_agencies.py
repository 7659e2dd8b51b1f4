"""Every lead a commitment names is written as agency_aliases.csv lists it, so the site can say which agency it is."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from build_charts.agencies import AGENCIES, ALIASES, SEPARATOR, known_words, split_leads
from build_charts.validate.problem import Problem, quoted, shorten

LISTED = 8  # known ways of writing a lead named in one message; the rest are counted


def check(tables, context) -> Iterator[Problem]:
    """Report a lead in commitments.csv that no row of agency_aliases.csv (or id in agencies.csv) names, and an
    alias that could never match one because it holds the separator between leads."""
    commitments, aliases, agencies = tables.get("commitments"), tables.get(ALIASES), tables.get(AGENCIES)
    if commitments is None or aliases is None or agencies is None:
        return  # a package without agencies lists leads as written; an unreadable file has its own problem
    if "alias" not in aliases.frame or "agency_id" not in agencies.frame or agencies.frame.empty:
        return  # a missing column is reported by the headers check; with no agencies, leads are listed as written
    yield from _aliases_with_separator(aliases)
    known = known_words(aliases.frame, agencies.frame)
    alias_column = list(dict.fromkeys(a for a in aliases.frame["alias"] if a))
    for row_number, row in commitments.rows():
        for words in split_leads(row.get("lead_agency")):
            if words not in known:
                yield unknown_lead(commitments.file, row_number, words, known, alias_column, aliases.file,
                                   agencies.file)


def unknown_lead(file: str, row: int, words: str, known: list[str], aliases: list[str], aliases_file: str,
                 agencies_file: str) -> Problem:
    """The problem for a lead written in a way agency_aliases.csv does not list (`known`: every accepted way,
    `aliases`: the alias column)."""
    close = difflib.get_close_matches(words, known, n=1, cutoff=0.75)
    slip = f'If it is a typing slip, write it as "{close[0]}". Otherwise, a' if close else "A"
    two = f" If the cell names two leads, separate them with '{SEPARATOR} '." if "," in words else ""
    return Problem(
        code="unknown-lead-agency",
        file=file,
        row=row,
        column="lead_agency",
        found=f"{quoted(words)}, which is not a lead agency listed in {aliases_file}",
        expected=f"a lead written exactly as in the alias column of {aliases_file}: {_some_of(aliases, close)}, "
                 f"or an agency_id from {agencies_file}",
        fix=f'{slip}dd a row to {aliases_file} with "{shorten(words)}" in the alias column and, in agency_id, the '
            f"agency it names (add the agency to {agencies_file} first if it is new); fill in team if the words name "
            f"a team of the agency.{two}",
    )


def _some_of(aliases: list[str], first: list[str]) -> str:
    """Up to LISTED aliases, the likeliest first, and how many more there are."""
    ordered = [words for words in first if words in aliases] + [words for words in aliases if words not in first]
    listed = ", ".join(f'"{shorten(words, 40)}"' for words in ordered[:LISTED])
    more = len(ordered) - LISTED
    return f"{listed} and {more} more" if more > 0 else listed


def _aliases_with_separator(aliases) -> Iterator[Problem]:
    """An alias holding ';' can never match: commitments.csv splits its lead_agency cell there."""
    for row_number, row in aliases.rows():
        if SEPARATOR in (row.get("alias") or ""):
            yield Problem(
                code="alias-with-separator",
                file=aliases.file,
                row=row_number,
                column="alias",
                found=f"{quoted(row['alias'])}, which holds '{SEPARATOR}'",
                expected=f"one lead's words, without '{SEPARATOR}' (commitments.csv uses it between two leads)",
                fix=f"Write each lead on its own row, without the '{SEPARATOR}'.",
            )
