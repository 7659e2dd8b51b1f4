"""One figure, one value: a key fact that names an indicator must quote one of the figures its chart shows.

A key fact (key_facts.csv) is shown beside the chart of its indicator (indicator_id), on the home page and on
Key facts. When a correction changes the figure in indicator_values.csv and not the sentence, or the sentence and
not the figure, the page would print two values for one thing. This check names both rows so both are corrected
together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_charts.validate.problem import Problem, shorten

FACTS, VALUES = "datasets/key_facts.csv", "datasets/indicator_values.csv"
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")


def check(tables, context) -> Iterator[Problem]:
    """Report each key fact that quotes figures, none of which is a figure of its indicator."""
    if "key_facts" not in tables or "indicator_values" not in tables:
        return
    values: dict[str, list[tuple[int, dict]]] = {}
    for row_number, row in tables["indicator_values"].rows():
        if (row.get("value") or "").strip():
            values.setdefault((row.get("indicator_id") or "").strip(), []).append((row_number, row))
    for row_number, fact in tables["key_facts"].rows():
        indicator = (fact.get("indicator_id") or "").strip()
        quoted = numbers_in(fact.get("statement") or "")
        figures = values.get(indicator, [])
        numbers = [_number(row["value"]) for _, row in figures]
        if not quoted or not figures or None in numbers:
            continue  # a value that is not a number has its own message; compare once it is one
        if not any(number in quoted for number in numbers):
            yield mismatch(row_number, fact, indicator, figures)


def numbers_in(text: str) -> set[float]:
    """The numbers a sentence quotes, as numbers (1,649 → 1649.0; 8.4% → 8.4)."""
    return {float(match.replace(",", "")) for match in _NUMBER.findall(text)}


def mismatch(row_number: int, fact: dict, indicator: str, figures: list[tuple[int, dict]]) -> Problem:
    """The error naming the key fact's row and the rows of the figures its chart shows."""
    shown = "; ".join(f"{_plain(row['value'])} (row {number}: {row.get('area') or 'no area'}, "
                      f"{row.get('period') or 'period not given'})" for number, row in figures[:4])
    more = f" and {len(figures) - 4} more" if len(figures) > 4 else ""
    return Problem(
        code="figure-not-quoted", file=FACTS, row=row_number, column="statement",
        found=f'"{shorten(fact.get("statement") or "", 90)}", which quotes none of the figures of "{indicator}"',
        expected=f"the figure its chart shows, from {VALUES}: {shown}{more}",
        fix=f"Correct both together: if the figure was corrected, write the new figure in this sentence too; if the "
            f"sentence is right, correct the figure's row in {VALUES} (and add a row to corrections.csv saying what "
            "changed).",
    )


def _number(text: str) -> float | None:
    """A value cell's number as the package writes it (no thousands separator, a point for decimals); None if it is
    not one."""
    try:
        return float(str(text).strip())
    except ValueError:
        return None


def _plain(text: str) -> str:
    value = _number(text)
    return f"{value:,.10g}" if value is not None else str(text)
