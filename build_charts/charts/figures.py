"""Build every chart in the catalogue, as it is now and as at each reporting period, ready for pages to show."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from types import ModuleType

import pandas as pd

from build_charts.charts import benchmark, completeness, headline, status_by_theme, theme, trend
from build_charts.charts.catalogue import ChartSpec, chart_specs
from build_charts.charts.context import DataTable, chart_context, ordered_periods
from build_charts.charts.render import Renderer, content_key
from build_charts.commitments import strategy_commitments
from build_charts.package import DataPackage

# Each chart type is a module with data(), chart(), summary() and table(); add a type with one line here.
CHART_TYPES: dict[str, ModuleType] = {
    "headline": headline,
    "benchmark": benchmark,
    "trend": trend,
    "status-by-theme": status_by_theme,
    "completeness-by-theme": completeness,
}
INDICATOR_TYPES = {"headline", "benchmark", "trend"}

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BuiltChart:
    """One chart, drawn from its rows: its summary, table, Vega-Lite spec, SVG and PNG.

    `period` is None for the chart as it is now, or the reporting period of an as-at version.
    """

    spec: ChartSpec
    period: str | None
    rows: pd.DataFrame
    summary: str
    table: DataTable
    vega_lite: dict
    svg: str
    png: bytes
    source_ids: list[str]
    periods: list[str]

    @property
    def html_id(self) -> str:
        """The id of the chart's figure on a page."""
        return f"chart-{self.spec.chart_id}"


def build_all(package: DataPackage, renderer: Renderer, progress: Progress | None = None) -> list[BuiltChart]:
    """Every catalogued chart as it is now, then as at each of its reporting periods."""
    specs = chart_specs(package)
    periods = {spec.chart_id: chart_periods(package, spec) for spec in specs}
    jobs = [(spec, None) for spec in specs] + [(spec, p) for spec in specs for p in periods[spec.chart_id]]
    built = []
    for number, (spec, period) in enumerate(jobs, start=1):
        built.append(build_chart(package, spec, renderer, period, periods[spec.chart_id]))
        if progress:
            progress(number, len(jobs), spec.chart_id if period is None else f"{spec.chart_id} as at {period}")
    return built


def build_chart(
    package: DataPackage, spec: ChartSpec, renderer: Renderer, period: str | None, periods: list[str]
) -> BuiltChart:
    """One chart, from the rows up to `period` when given; `periods` are all its reporting periods."""
    data_package = package_as_at(package, period) if period else package
    kind = CHART_TYPES[spec.type]
    context = chart_context(data_package, spec)
    rows = kind.data(data_package, spec, context)
    key = content_key(spec.type, _source_of(kind), _source_of(theme), _drawn_fields(spec), asdict(context),
                      rows.to_json(orient="records", default_handler=str))
    rendered = renderer.render(key, lambda: kind.chart(rows, spec, context).configure(**theme.config()).to_dict(validate=False))
    return BuiltChart(
        spec=spec,
        period=period,
        rows=rows,
        summary=kind.summary(rows, spec, context),
        table=kind.table(rows, spec, context),
        vega_lite=rendered.vega_lite,
        svg=rendered.svg,
        png=rendered.png,
        source_ids=chart_source_ids(data_package, spec),
        periods=periods,
    )


@cache
def _source_of(module: ModuleType) -> str:
    """A module's code, so a change to how a chart type draws renders its charts again."""
    return inspect.getsource(module)


def _drawn_fields(spec: ChartSpec) -> dict:
    """The catalogue fields a drawing can depend on (not its id, order, notes or successor)."""
    skip = {"chart_id", "order", "notes", "replaced_by", "topic"}
    return {name: value for name, value in asdict(spec).items() if name not in skip}


def chart_rows_in_package(package: DataPackage, spec: ChartSpec) -> pd.DataFrame:
    """The package rows a chart draws from: its indicator's values, or its strategy's progress reports."""
    if spec.type in INDICATOR_TYPES:
        values = package["indicator_values"]
        return values[values["indicator_id"] == spec.indicator_id]
    ids = set(strategy_commitments(package, spec.strategy_id)["commitment_id"])
    progress = package["progress"]
    return progress[progress["commitment_id"].isin(ids)]


def chart_periods(package: DataPackage, spec: ChartSpec) -> list[str]:
    """The reporting periods a chart has data for, earliest first: each gets an as-at version."""
    return ordered_periods(chart_rows_in_package(package, spec)["period"])


def chart_source_ids(package: DataPackage, spec: ChartSpec) -> list[str]:
    """The source documents of the rows a chart draws from, in first-seen order."""
    return list(dict.fromkeys(s for s in chart_rows_in_package(package, spec)["source_id"] if s))


def package_as_at(package: DataPackage, period: str) -> DataPackage:
    """The package as it stood at a reporting period: values and reports of later periods left out.

    Values with no period cannot be placed in time and are kept.
    """
    frames = dict(package.frames)
    for name in ("indicator_values", "progress"):
        frame = frames[name]
        keep = frame["period"].map(lambda p: p is None or p <= period)
        frames[name] = frame[keep].reset_index(drop=True)
    return DataPackage(root=package.root, descriptor=package.descriptor, frames=frames)
