"""Benchmark comparison: the partnership's area against comparator areas, for one indicator."""

from __future__ import annotations

import altair as alt
import pandas as pd

from build_charts.charts import theme
from build_charts.charts.numbers import format_number


def benchmark_rows(values: pd.DataFrame, local_area: str, comparators: list[str]) -> pd.DataFrame:
    """The local value first, then comparators in the order the partnership lists them."""
    order = [local_area, *comparators]
    rows = values[values["area"].isin(order)].copy()
    rows["rank"] = rows["area"].map(order.index)
    return rows.sort_values("rank").drop(columns="rank").reset_index(drop=True)


def chart(rows: pd.DataFrame, indicator: dict, local_area: str) -> alt.LayerChart:
    """Horizontal bars, one per area, each labelled with its value; the local area in its own colour."""
    data = pd.DataFrame(
        {
            "area": rows["area"],
            "value": rows["value"].astype(float),
            "label": [format_number(v) for v in rows["value"]],
            "role": ["local" if a == local_area else "comparator" for a in rows["area"]],
        }
    )
    base = alt.Chart(data).encode(
        y=alt.Y("area:N", sort=list(data["area"]), title=None),
        x=alt.X("value:Q", title=indicator["unit"], axis=alt.Axis(tickCount=4)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "role:N",
            scale=alt.Scale(domain=["local", "comparator"], range=[theme.LOCAL, theme.COMPARATOR]),
            legend=None,
        )
    )
    labels = base.mark_text(align="left", dx=4).encode(text="label:N")
    return (bars + labels).properties(
        width=theme.WIDTH, height=theme.BAR_HEIGHT * len(data)
    ).configure(**theme.config())


def summary(rows: pd.DataFrame, indicator: dict, local_area: str) -> str:
    """One sentence comparing the local value with each comparator, with the period only if given."""
    local = rows[rows["area"] == local_area]
    if local.empty:
        return f"{indicator['title']}: no value for {local_area} is reported."
    local_value = float(local["value"].iloc[0])
    comparisons = []
    for _, row in rows[rows["area"] != local_area].iterrows():
        value = float(row["value"])
        word = "higher than" if local_value > value else "lower than" if local_value < value else "the same as"
        comparisons.append(f"{word} {row['area']} ({format_number(value)})")
    period = local["period"].iloc[0]
    when = f" in {period}" if period else ""
    sentence = f"{indicator['title']} ({indicator['unit']}): {local_area} {format_number(local_value)}{when}"
    if comparisons:
        sentence += ", " + _join(comparisons)
    return sentence + "."


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
