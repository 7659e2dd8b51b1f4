"""Numbers written the way people read them."""

from __future__ import annotations

import math

from build_charts import i18n


def format_number(value: float) -> str:
    """2.9 → '2.9', 17000 → '17,000', 2.5 → '2.5'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return i18n.sentence("not reported")
    if float(value).is_integer():
        return i18n.number(int(value))
    return i18n.number(value)


def with_unit(value: float, unit: str) -> str:
    """A value with its unit: '8.4%', '£960 million', '£2.50 saved per £1 spent', '1,649 people'."""
    if unit in {"percent", "percent change"}:
        return f"{format_number(value)}%"
    if unit.startswith("£"):
        money = format_number(value) if float(value).is_integer() else i18n.number(value, decimals="00")
        return f"£{money}{unit[1:]}"
    return f"{format_number(value)} {unit}"
