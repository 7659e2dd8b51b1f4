"""Opening hours as data: "24 hours", or days and times such as "Mon-Fri 09:00-17:00; Sat 10:00-14:00".

The written form is a small part of OpenStreetMap's `opening_hours` syntax (day ranges, 24-hour times, `;` between
rules, `24/7`), with English day names allowed as well as OpenStreetMap's two letters. One parser serves the
validator (which names the part it cannot read) and the help page (which lists the hours, and gives the weekly
times to the "open now" script as data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Each day's accepted spellings, lower case: OpenStreetMap's "mo", the usual "mon", and the full name.
_DAY_NAMES = {name: index for index, day in enumerate(DAYS) for name in (day[:2].lower(), day[:3].lower(), day.lower())}
_DAY_NAMES.update({"tues": 1, "thur": 3, "thurs": 3})
ALWAYS = re.compile(r"^(24/7|24 hours( a day)?(, 7 days a week)?)$", re.IGNORECASE)
TIME = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")
EXAMPLE = '"24 hours", or days and times such as "Mon-Fri 09:00-17:00; Sat 10:00-14:00"'
MAX_LENGTH = 300
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
# How a spreadsheet shows what it took for a date: 09-May, May-09, 9-May-26, 09/05/2026.
SPREADSHEET_DATE = re.compile(
    rf"(\d{{1,2}}-({_MONTHS})(-\d{{2,4}})?|({_MONTHS})-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})", re.IGNORECASE)


class HoursError(ValueError):
    """Hours that cannot be read; `part` is the piece that was not understood."""

    def __init__(self, part: str, reason: str):
        super().__init__(reason)
        self.part = part
        self.reason = reason


class HoursMadeADate(HoursError):
    """Hours a spreadsheet turned into a date (it reads "9-5" as 9 May): what was typed is lost, not misspelt."""

    def __init__(self, text: str):
        super().__init__(text, 'how a spreadsheet shows a date: it read hours such as "9-5" as 9 May')


@dataclass(frozen=True)
class Opening:
    """One opening: a day (0 is Monday) and minutes after midnight; `end` may pass midnight (up to 48 hours)."""

    day: int
    start: int
    end: int


@dataclass(frozen=True)
class Hours:
    """A service's weekly hours: always open, or a list of openings in the order they were written."""

    always: bool
    rules: tuple[tuple[tuple[int, ...], tuple[tuple[int, int], ...]], ...] = ()

    @property
    def openings(self) -> list[Opening]:
        """Every opening of the week, one per day and time range."""
        return [Opening(day, start, end) for days, spans in self.rules for day in days for start, end in spans]


def parse_hours(text: str) -> Hours:
    """Read opening hours, or raise HoursError naming the part that is not understood (HoursMadeADate when a
    spreadsheet turned them into a date)."""
    text = " ".join(text.split())
    if len(text) > MAX_LENGTH:
        raise HoursError(text[:40], f"more than {MAX_LENGTH} characters")
    if SPREADSHEET_DATE.fullmatch(text):
        raise HoursMadeADate(text)
    if ALWAYS.match(text):
        return Hours(always=True)
    rules = tuple(_rule(part.strip()) for part in text.split(";") if part.strip())
    if not rules:
        raise HoursError(text, "no days or times")
    return Hours(always=False, rules=rules)


def _rule(part: str) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    match = re.match(r"^(?P<days>[A-Za-z][A-Za-z ,\-]*?)\s+(?P<times>\d.*)$", part)
    if not match:
        raise HoursError(part, "days followed by times were expected")
    return _days(match["days"]), tuple(_span(span.strip()) for span in match["times"].split(","))


def _days(words: str) -> tuple[int, ...]:
    days: list[int] = []
    for piece in (piece.strip() for piece in words.split(",")):
        ends = [end.strip().lower() for end in piece.split("-")]
        if len(ends) > 2 or not all(end in _DAY_NAMES for end in ends):
            raise HoursError(piece, "a day such as Mon, or a range of days such as Mon-Fri, was expected")
        first, last = _DAY_NAMES[ends[0]], _DAY_NAMES[ends[-1]]
        days.extend((first + step) % 7 for step in range((last - first) % 7 + 1))
    return tuple(days)


def _span(span: str) -> tuple[int, int]:
    ends = [end.strip() for end in span.split("-")]
    if len(ends) != 2 or not all(TIME.match(end) for end in ends):
        raise HoursError(span, "a time range in 24-hour clock, such as 09:00-17:00, was expected")
    start, end = (_minutes(end) for end in ends)
    if start >= 24 * 60:
        raise HoursError(span, "a start time before 24:00 was expected")
    if end <= start:
        end += 24 * 60  # closes after midnight, e.g. 22:00-02:00
    if end == start:
        raise HoursError(span, "a range that is not empty was expected")
    return start, end


def _minutes(time: str) -> int:
    hours, minutes = time.split(":")
    value = int(hours) * 60 + int(minutes)
    if value > 24 * 60:
        raise HoursError(time, "a time no later than 24:00 was expected")
    return value


def clock(minutes: int) -> str:
    """Minutes after midnight as a 24-hour time, e.g. 540 -> '09:00' (a time past midnight wraps round)."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def weekly_data(hours: Hours) -> str:
    """The hours as the "open now" script reads them: 'always', or 'day start end' triples separated by ';'."""
    if hours.always:
        return "always"
    return ";".join(f"{o.day} {o.start} {o.end}" for o in hours.openings)
