"""Numbers written the way people read them."""

from __future__ import annotations

import math


def format_number(value: float) -> str:
    """2.9 → '2.9', 17000 → '17,000', 2.5 → '2.5'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not reported"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def with_unit(value: float, unit: str) -> str:
    """A value with its unit: '8.4%', '£960 million', '2.9 per 1,000 population', '1,649 people'."""
    number = format_number(value)
    if unit in {"percent", "percent change"}:
        return f"{number}%"
    if unit.startswith("£ million"):
        return f"£{number} million"
    if unit.startswith("£"):
        return f"£{number}"
    return f"{number} {unit}"
