"""Small numbers of people in a local area, flagged before publication (statistical disclosure control).

A count of people below the threshold (the partnership setting "small_number_threshold" in
datasets/datapackage.json, 10 when not set) for a small area can identify someone: in a city, "3 deaths" or
"4 young people referred" may point to people a reader knows. Each such value is a warning: publish it only
when the source has already published that exact number.

- Counts of people: an indicator whose `unit` in indicators.csv is one of PEOPLE_UNITS, or starts with one of
  them followed by a space ("people in treatment"). Rates, percentages and money are never flagged.
- Small areas: every area except the countries, the nation as a whole and the English regions in
  LARGE_AREAS, each home to millions of people. The partnership's own area, its neighbours and an empty
  area are all treated as small.
- Zero is not flagged: it says nobody, so it identifies nobody (the rule NHS statistics follow too).
"""

from __future__ import annotations

from collections.abc import Iterator

from build_charts.validate.problem import WARNING, Problem

SETTING = "small_number_threshold"
DEFAULT_THRESHOLD = 10
PACKAGE = "datasets/datapackage.json"
PEOPLE_UNITS = {
    "people", "persons", "adults", "children", "young people", "individuals", "clients", "patients",
    "deaths", "referrals", "admissions", "arrests", "victims",
}
LARGE_AREAS = {
    "national", "england", "wales", "scotland", "northern ireland", "england and wales", "great britain",
    "united kingdom", "uk",
    "north east", "north west", "yorkshire and the humber", "east midlands", "west midlands", "east of england",
    "london", "south east", "south west",
}


def check(tables, context) -> Iterator[Problem]:
    """Warn about counts of people below the threshold in a small area."""
    values, indicators = tables.get("indicator_values"), tables.get("indicators")
    if values is None or indicators is None:
        return
    threshold = threshold_setting(context.partnership)
    if threshold is None:
        yield _setting_problem(context.partnership.get(SETTING))
        threshold = DEFAULT_THRESHOLD
    units = {row.get("indicator_id", ""): row.get("unit", "") for _, row in indicators.rows()}
    people_units = {indicator: unit for indicator, unit in units.items() if is_count_of_people(unit)}
    for row_number, row in values.rows():
        unit = people_units.get(row.get("indicator_id", ""))
        if unit is not None and not is_large_area(row.get("area", "")) and _is_small(row, threshold):
            yield _small_number(row, unit, threshold, file=values.file, row_number=row_number)


def threshold_setting(partnership: dict) -> int | None:
    """The partnership's threshold, the default when unset, or None when it is not a whole number above 0."""
    value = partnership.get(SETTING, DEFAULT_THRESHOLD)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value


def is_count_of_people(unit: str) -> bool:
    """True when an indicator's unit counts people (or events that happen to one person each, such as deaths)."""
    unit = " ".join(unit.lower().split())
    return any(unit == u or unit.startswith(u + " ") for u in PEOPLE_UNITS)


def is_large_area(area: str) -> bool:
    """True for a country, the nation or an English region; every other area counts as small."""
    return " ".join(area.lower().split()) in LARGE_AREAS


def _is_small(row: dict, threshold: int) -> bool:
    """True when the value is a number above zero and below the threshold."""
    try:
        count = float(row.get("value", ""))
    except ValueError:
        return False  # frictionless reports a value that is not a number
    return 0 < count < threshold


def _small_number(row: dict, unit: str, threshold: int, file: str, row_number: int) -> Problem:
    """The warning for one small count, explaining the disclosure rule."""
    area = row.get("area", "").strip() or "an area the row does not name"
    period = f" ({row['period']})" if row.get("period", "").strip() else ""
    return Problem(
        code="small-number", file=file, row=row_number, column="value", severity=WARNING,
        found=f"{row['value']} {unit} in {area}{period}, fewer than {threshold}",
        expected=f"counts of people in a local area of {threshold} or more, unless the source has already "
        "published the number",
        fix=f"Small counts of people in a local area can identify individuals, so statistics are not published "
        f"below {threshold} (statistical disclosure control). Keep the row only if the source published this exact "
        "number; otherwise give a rounded or combined figure, or leave the row out.",
    )


def _setting_problem(value) -> Problem:
    return Problem(
        code="bad-setting", file=PACKAGE, column=SETTING, found=f"{value!r}",
        expected=f"a whole number above 0, such as {DEFAULT_THRESHOLD}",
        fix=f'Correct "{SETTING}" in the "partnership" block, or remove it to use {DEFAULT_THRESHOLD}.',
    )
