"""Specific advice for values a spreadsheet user commonly types: the fix sentence when we can guess what was meant.

Each function takes the value found and returns a sentence for Problem.fix, or None when there is no better
advice than the general one.
"""

from __future__ import annotations

import calendar
import difflib
import re
from datetime import date, timedelta

NO_VALUE = {"n/a", "na", "n.a.", "-", "–", "none", "null", "nil", "tbc", "tbd", "unknown", "not known",
            "not available", "not reported", "..", ".", "x", "*"}
COLOURS = {"red", "amber", "green", "blue", "grey", "gray", "rag"}
EXCEL_EPOCH = date(1899, 12, 30)

DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")
YEAR_MONTH_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?,?\s+(\d{4})")
EXCEL_DAY_NUMBER = re.compile(r"[1-9]\d{4}")
# 2,9 or 8,45: a comma followed by fewer or more than three digits is a decimal comma, not a thousands separator.
DECIMAL_COMMA = re.compile(r"([-+]?\d+),(\d{1,2}|\d{4,})")


def number_fix(value: str, required: bool) -> str | None:
    """Advice for a number typed with words, commas, units or signs."""
    if value.strip().lower() in NO_VALUE:
        if required:
            return "This column needs a number. If the source gives no number, delete the row."
        return "Leave the cell empty when the source gives no number."
    if match := DECIMAL_COMMA.fullmatch(value.strip()):
        meant = f"{match[1]}.{match[2]}"
        return (f'Did you mean {meant}? Write it as "{meant}", with a decimal point: a comma is read as a thousands '
                "separator, and some language settings make a spreadsheet write a decimal comma.")
    cleaned = re.sub(r"[,£$€%\s]", "", value)
    try:
        float(cleaned)
    except ValueError:
        return None
    return f'Write it as "{cleaned}": the number only, without commas, £ or % signs.'


def date_fix(value: str, kind: str) -> str | None:
    """Advice for a date (kind "date") or month (kind "yearmonth") written another way."""
    value = value.strip()
    if match := DAY_MONTH_YEAR.fullmatch(value):
        day, month, year = match.groups()
        fix = _numeric_date_fix(int(day), int(month), _full_year(year), kind)
        if len(year) == 2:
            fix += f" The year {year} is read as {_full_year(year)}, as Excel reads a two-digit year: check it."
        return fix
    if match := YEAR_MONTH_DAY.fullmatch(value):
        year, month, day = (int(part) for part in match.groups())
        return _numeric_date_fix(day, month, year, kind)
    if match := MONTH_YEAR.fullmatch(value):
        return _month_name_fix(match.group(1), int(match.group(2)), kind)
    if kind == "date" and EXCEL_DAY_NUMBER.fullmatch(value):
        day = EXCEL_EPOCH + timedelta(days=int(value))
        return (f"A spreadsheet turned the date into a day number; it stands for {_spoken(day)}. Write it as "
                f'"{day.isoformat()}" and format the column as Text.')
    return None


def allowed_value_fix(value: str, allowed: list[str]) -> str | None:
    """Advice for a value outside a fixed list: the allowed value it is probably a spelling of."""
    plain = "-".join(value.strip().lower().replace("_", " ").split())
    if plain in allowed:
        return f'Write it as "{plain}": lower case, with hyphens instead of spaces.'
    close = difflib.get_close_matches(plain, allowed, n=1, cutoff=0.75)
    if close:
        return f'Did you mean "{close[0]}"? Write it exactly like that.'
    if plain in COLOURS:
        return ("Colour ratings are not used. Choose the value that matches the words in the source, or "
                '"not-assessed" if the source gives no rating.')
    return None


def _numeric_date_fix(day: int, month: int, year: int, kind: str) -> str:
    try:
        written = date(year, month, day)
    except ValueError:
        if 1 <= month <= 12:
            return (f"There is no {day} {calendar.month_name[month]} {year}: check the date in the source, then "
                    "write it as year-month-day, e.g. 2025-01-31.")
        return f"There is no month {month}: check the date in the source, then write it as year-month-day."
    if kind == "yearmonth":
        return f'Write the month only, as "{written:%Y-%m}".'
    return f'Write it as "{written.isoformat()}" (year-month-day), which reads as {_spoken(written)}.'


def _month_name_fix(name: str, year: int, kind: str) -> str | None:
    month = _month_number(name)
    if month is None:
        return None
    if kind == "yearmonth":
        return f'Write it as "{year}-{month:02d}".'
    return (f"This column needs the day as well. Write it as year-month-day, e.g. \"{year}-{month:02d}-15\" for "
            f"15 {calendar.month_name[month]} {year}.")


def _month_number(name: str) -> int | None:
    name = name.lower()[:3]
    abbreviations = [m.lower() for m in calendar.month_abbr]
    return abbreviations.index(name) if name in abbreviations[1:] else None


def _full_year(year: str) -> int:
    """A year as Excel reads it: two digits 00 to 29 are 2000 to 2029, 30 to 99 are 1930 to 1999."""
    if len(year) != 2:
        return int(year)
    return (2000 if int(year) < 30 else 1900) + int(year)


def _spoken(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
PERIOD_PATTERN = "^[0-9]{4}(/[0-9]{2})?$"
PARTIAL_DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
FINANCIAL_YEAR = re.compile(r"(\d{4})\s*[-/–]\s*(\d{2}|\d{4})")


def pattern_fix(value: str, pattern: str) -> str | None:
    """Advice for a value that does not match one of the data package's patterns (ids, periods, partial dates)."""
    value = value.strip()
    if pattern == ID_PATTERN:
        slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        return f'Write it as "{slug}": lower-case letters, digits and hyphens only.' if slug else None
    if pattern == PERIOD_PATTERN and (match := FINANCIAL_YEAR.fullmatch(value)):
        start, end = match.groups()
        if int(end[-2:]) == (int(start) + 1) % 100:
            return f'Write a financial year as "{start}/{end[-2:]}".'
    if pattern == PARTIAL_DATE_PATTERN:
        return date_fix(value, "yearmonth" if MONTH_YEAR.fullmatch(value) else "date")
    return None
