"""What every chart type shares: the setting a chart is drawn in, and the table it publishes beside it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import altair as alt
import pandas as pd

from build_charts import i18n
from build_charts.charts.catalogue import ChartSpec
from build_charts.package import DataPackage
from build_charts.periods import sorted_periods
from build_charts.vocab import Vocabularies


@dataclass(frozen=True)
class ChartContext:
    """The setting a chart is drawn in: the partnership's area, its comparators and the indicator drawn, and the
    words of the package's codes (`vocab`, e.g. a status's label)."""

    local_area: str
    comparators: list[str]
    indicator: dict | None = None
    vocab: Vocabularies = field(kw_only=True, repr=False, compare=False)

    def drawn_fields(self) -> dict:
        """The setting as a key of the drawing: the words of codes are left out, since the chart's rows hold the
        ones it draws."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "vocab"}

    @property
    def unit(self) -> str:
        """The indicator's unit, or '' for charts that count commitments."""
        return (self.indicator or {}).get("unit") or ""


@dataclass(frozen=True)
class DataTable:
    """A chart's data as people read it: column headings, rows of text, and which columns are numbers."""

    headers: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)


def chart_context(package: DataPackage, spec: ChartSpec) -> ChartContext:
    """The context of one chart, read from the data package."""
    indicator = None
    if spec.indicator_id:
        indicators = package["indicators"]
        row = indicators[indicators["indicator_id"] == spec.indicator_id]
        indicator = row.iloc[0].to_dict() if not row.empty else None
    return ChartContext(
        local_area=package.partnership.get("area", ""),
        comparators=list(package.partnership.get("comparator_areas", [])),
        indicator=indicator,
        vocab=package.vocab,
    )


def indicator_values(package: DataPackage, indicator_id: str) -> pd.DataFrame:
    """The values of one indicator, as the data package holds them."""
    values = package["indicator_values"]
    return values[values["indicator_id"] == indicator_id].reset_index(drop=True)


def ordered_periods(periods) -> list[str]:
    """Distinct non-empty periods, earliest first."""
    return sorted_periods(periods)


def number_or_none(value) -> float | None:
    """A cell as a plain float for a chart's data, or None for an empty cell (a chart's values must be JSON)."""
    return None if value is None or pd.isna(value) else float(value)


def with_values(chart: alt.TopLevelMixin, values: list[dict], **properties) -> alt.TopLevelMixin:
    """The chart drawing `values` (plain JSON records), with the given properties such as width and height.

    Set this way, Altair neither checks each record against the Vega-Lite schema nor hashes a DataFrame's text
    while building the chart, which took most of the time to make a spec (the tests validate whole specs). Each
    field then needs its type in the shorthand ("value:Q"): Altair cannot infer it from plain values.
    """
    return chart.properties(data={"values": values}, **properties)


def join_words(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return i18n.list_of(parts)
