"""Build every chart in the catalogue, as it is now and as at each reporting period, ready for pages to show."""

from __future__ import annotations

import inspect
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import cache, partial
from types import ModuleType

import pandas as pd

from build_charts import i18n
from build_charts.charts import benchmark, completeness, headline, narrow, status_by_theme, theme, trend
from build_charts.charts.ages import dating_sentence, source_ages
from build_charts.charts.catalogue import ChartSpec, chart_specs
from build_charts.charts.context import ChartContext, DataTable, chart_context, ordered_periods
from build_charts.charts.download import download_rows
from build_charts.charts.render import Drawing, Progress, Rendered, Renderer, content_key
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


@dataclass(frozen=True)
class BuiltChart:
    """One chart, drawn from its rows: its summary, table, rows as CSV, Vega-Lite spec, SVG and PNG (its share image,
    build_charts/charts/share.py; empty until that is added).

    `period` is None for the chart as it is now, or the reporting period of an as-at version; `drawing_key`
    names its drawing in the drawing cache. `narrow_svg` is the chart laid out for a phone's 288 px column
    (`narrow_key` names that drawing).
    """

    spec: ChartSpec
    period: str | None
    data_csv: bytes
    summary: str
    table: DataTable
    vega_lite: dict
    svg: str
    source_ids: list[str]
    periods: list[str]
    drawing_key: str
    png: bytes = b""
    narrow_svg: str = ""
    narrow_key: str = ""
    # (period, source_id) of each figure, for a page to say how old they are; empty for charts of commitments.
    figure_ages: list[tuple[str, str]] = field(default_factory=list)

    @property
    def html_id(self) -> str:
        """The id of the chart's figure on a page."""
        return f"chart-{self.spec.chart_id}"


@dataclass(frozen=True)
class _Version:
    """One version of a chart before it is drawn: its rows and setting, and the key its drawing is cached by."""

    spec: ChartSpec
    period: str | None
    rows: pd.DataFrame
    context: ChartContext
    source_ids: list[str]
    periods: list[str]
    download: pd.DataFrame  # the rows of the CSV download: not drawn, so not part of the key
    dating: str = ""  # what the summary adds on the age of the figures: their period and document

    @property
    def key(self) -> str:
        return self.key_for("wide")

    def key_for(self, layout: str) -> str:
        """The cache key of the drawing in `layout` ("wide" or "narrow"): the layout is part of it."""
        kind = CHART_TYPES[self.spec.type]
        return content_key(self.spec.type, layout, _source_of(kind), _source_of(theme), _source_of(narrow),
                           _drawn_fields(self.spec), self.context.drawn_fields(),
                           self.rows.to_json(orient="records", default_handler=str))

    def drawing(self, layout: str = "wide") -> Drawing:
        label = self.spec.chart_id if self.period is None else f"{self.spec.chart_id} as at {self.period}"
        label += " (phone layout)" if layout == "narrow" else ""
        return Drawing(self.key_for(layout), label,
                       partial(vega_lite_spec, self.spec.type, self.rows, self.spec, self.context, layout))


def build_all(package: DataPackage, renderer: Renderer, progress: Progress | None = None) -> list[BuiltChart]:
    """Every catalogued chart as it is now, then as at each of its reporting periods."""
    return in_build_order(build_each(package, chart_specs(package), renderer, progress))


def in_build_order(per_chart: list[list[BuiltChart]]) -> list[BuiltChart]:
    """Each chart's versions (its current one first), as the pages take them: every current chart, then every
    as-at version, chart by chart."""
    return [chart[0] for chart in per_chart] + [version for chart in per_chart for version in chart[1:]]


def build_each(package: DataPackage, specs: list[ChartSpec], renderer: Renderer, progress: Progress | None = None
               ) -> list[list[BuiltChart]]:
    """The versions of each chart of `specs` (its current one first), all drawn in one batch."""
    shared_rows: dict[tuple, pd.DataFrame] = {}  # charts of the same indicator or strategy draw from the same rows
    per_chart = [chart_versions(package, spec, shared_rows) for spec in specs]
    versions = [version for chart in per_chart for version in chart]
    drawings = [v.drawing() for v in versions]
    phones = [v.drawing("narrow") for v in versions]
    rendered = renderer.render_all(drawings + phones, progress)
    words: dict[int, tuple[str, DataTable, bytes]] = {}  # a version sharing another's rows shares its words
    built = iter([_built(version, drawing.key, drawn, words, phone.key, narrow_drawn)
                  for version, drawing, drawn, phone, narrow_drawn
                  in zip(versions, drawings, rendered[:len(drawings)], phones, rendered[len(drawings):], strict=True)])
    return [[next(built) for _ in chart] for chart in per_chart]


def chart_versions(package: DataPackage, spec: ChartSpec, shared_rows: dict[tuple, pd.DataFrame] | None = None
                   ) -> list[_Version]:
    """A chart as it is now, then as at each of its reporting periods (from its own rows only, for speed).

    `shared_rows` keeps the rows each indicator or strategy's charts draw from, to reuse for the next chart.
    """
    own = package_for_chart(package, spec, shared_rows)
    periods = versioned_periods(ordered_periods(chart_rows_in_package(own, spec)["period"]),
                                package.partnership.get("first_published_period"))
    current = _version(own, spec, None, periods)
    if not periods:
        # Figures with no period: a version dated by each day they took values (their source's date, each
        # correction's day), so no dated address ever goes away; the latest is the one a citation gives.
        dates = figure_dates(package, spec, current.source_ids)
        if not dates:
            return [current]
        current = replace(current, periods=dates)
        return [current] + [replace(current, period=day) for day in dates]
    # As at its last period a chart has every row it has now: that version is the current one, dated.
    return [current] + [replace(current, period=p) if p == periods[-1] else _version(package_as_at(own, p), spec, p, periods)
                        for p in periods]


def figure_dates(package: DataPackage, spec: ChartSpec, source_ids: list[str]) -> list[str]:
    """The days a chart's figures with no period took their values, from the data (never the build date), earliest
    first: its sources' publication dates and its corrections' days (YYYY-MM-DD, or YYYY-MM when a source gives
    only its month); none when the data dates none of them."""
    sources = package["sources"]
    published = sources.loc[sources["source_id"].isin(source_ids), "published"]
    dates = [str(d) for d in published if isinstance(d, (str, date)) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(d))]
    corrections = package.frames.get("corrections")
    if corrections is not None:
        dates += [d.isoformat() for d in corrections.loc[corrections["chart_id"] == spec.chart_id, "corrected"]
                  if isinstance(d, date)]
    return sorted(set(dates))


def version_label(period: str) -> str:
    """A version's name as a reader reads it: the period ('2015/16'), or the day of a dated version ('4 May 2024')."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        return i18n.day_month_year(date.fromisoformat(period))
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return i18n.month_year(date.fromisoformat(period + "-01"))
    return period


def versioned_periods(periods: list[str], first_published: str | None) -> list[str]:
    """The periods that get an as-at version: all, or those since the site was first published.

    No committee paper can cite a chart as it was before the site existed, so a partnership that publishes
    years of history at once sets "first_published_period" and gets no version for each earlier year. The
    chart as the site first showed it is kept all the same: when the chart has no figures for that period,
    the version of its latest earlier period stands for it.
    """
    if not first_published:
        return periods
    since = [p for p in periods if p >= first_published]
    before = [p for p in periods if p < first_published]
    return ([before[-1]] if before and first_published not in periods else []) + since


def _version(package: DataPackage, spec: ChartSpec, period: str | None, periods: list[str]) -> _Version:
    context = chart_context(package, spec)
    rows = CHART_TYPES[spec.type].data(package, spec, context)
    dating = dating_sentence(rows, source_ages(package)) if spec.type in INDICATOR_TYPES else ""
    return _Version(spec, period, rows, context, chart_source_ids(package, spec), periods,
                    download_rows(package, spec, context, rows), dating)


def _built(version: _Version, key: str, rendered: Rendered, words: dict[int, tuple[str, DataTable, bytes]],
           narrow_key: str = "", narrow_drawn: Rendered | None = None) -> BuiltChart:
    """The version with its drawing, summary, table and CSV; `words` keeps those by rows, to reuse."""
    kind = CHART_TYPES[version.spec.type]
    if id(version.rows) not in words:
        words[id(version.rows)] = (with_dating(kind.summary(version.rows, version.spec, version.context), version.dating),
                                   kind.table(version.rows, version.spec, version.context),
                                   spreadsheet_safe_csv(version.download))
    summary, table, data_csv = words[id(version.rows)]
    return BuiltChart(
        spec=version.spec,
        period=version.period,
        data_csv=data_csv,
        summary=summary,
        table=table,
        vega_lite=rendered.vega_lite,
        svg=rendered.svg,
        source_ids=version.source_ids,
        periods=version.periods,
        drawing_key=key,
        narrow_svg=narrow_drawn.svg if narrow_drawn else "",
        narrow_key=narrow_key,
        figure_ages=_figure_ages(version),
    )


def _figure_ages(version: _Version) -> list[tuple[str, str]]:
    """(period, source_id) of each figure an indicator chart shows (none for a chart of commitments)."""
    if version.spec.type not in INDICATOR_TYPES or not {"period", "source_id"} <= set(version.rows.columns):
        return []
    ages = version.rows[["period", "source_id"]].fillna("").astype(str)
    return [(period, source) for period, source in ages.itertuples(index=False)]


def with_dating(summary: str, dating: str) -> str:
    """A chart's summary followed by the period and document of its figures, so no figure reads as current."""
    return f"{summary} {dating}" if dating else summary


def spreadsheet_safe_csv(rows: pd.DataFrame) -> bytes:
    """A chart's rows as UTF-8 CSV; text a spreadsheet would run as a formula is quoted with a leading '."""
    rows = rows.copy()
    for column in rows.columns:
        rows[column] = rows[column].map(_defuse)
    return rows.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _defuse(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def vega_lite_spec(chart_type: str, rows: pd.DataFrame, spec: ChartSpec, context: ChartContext,
                   layout: str = "wide") -> dict:
    """The chart's Vega-Lite spec in `layout` ("wide", or "narrow" for a phone), themed (module-level so a worker
    process can build it). A chart type without a narrow layout is drawn wide."""
    kind = CHART_TYPES[chart_type]
    draw = getattr(kind, "narrow_chart", kind.chart) if layout == "narrow" else kind.chart
    return draw(rows, spec, context).configure(**theme.config()).to_dict(validate=False)


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


def chart_source_ids(package: DataPackage, spec: ChartSpec) -> list[str]:
    """The source documents of the rows a chart draws from, in first-seen order."""
    return [s for s in pd.unique(chart_rows_in_package(package, spec)["source_id"]) if s]


# The frames a chart draws its figures from: an indicator chart's first, a chart of commitments' second. A chart is
# given only its own rows of the one and none of the other (package_for_chart); every other frame whole.
DRAWN_FRAMES = ("indicator_values", "progress")


def package_for_chart(package: DataPackage, spec: ChartSpec, shared_rows: dict[tuple, pd.DataFrame] | None = None
                      ) -> DataPackage:
    """The package with only the values or progress reports this chart draws from, and none of the other kind.

    Every version of a chart is then made from a few rows instead of the whole package. `shared_rows`, when
    given, keeps those rows by indicator or strategy for other charts of the same package to reuse.
    """
    drawn, other = DRAWN_FRAMES if spec.type in INDICATOR_TYPES else DRAWN_FRAMES[::-1]
    shared = {} if shared_rows is None else shared_rows
    source = source_of_rows(spec)
    if source not in shared:
        shared[source] = chart_source(package, spec)[1]
    package = _with_frame(package, drawn, shared[source])
    return _with_frame(package, other, package[other].iloc[0:0])


def chart_source(package: DataPackage, spec: ChartSpec) -> tuple[tuple[str, str], pd.DataFrame]:
    """What a chart draws from, named (its indicator or its strategy), and those rows: all a chart reads of the
    frames in DRAWN_FRAMES (package_for_chart leaves the rest of them out)."""
    return source_of_rows(spec), chart_rows_in_package(package, spec).reset_index(drop=True)


def source_of_rows(spec: ChartSpec) -> tuple[str, str]:
    """What a chart draws from: ("indicator", its indicator's id) or ("strategy", its strategy's id)."""
    return ("indicator", spec.indicator_id) if spec.type in INDICATOR_TYPES else ("strategy", spec.strategy_id)


def package_as_at(package: DataPackage, period: str) -> DataPackage:
    """The package as it stood at a reporting period: values and reports of later periods left out.

    Values with no period cannot be placed in time and are kept.
    """
    for name in ("indicator_values", "progress"):
        frame = package[name]
        # An empty period becomes "", which sorts before every period, so it is always kept.
        package = _with_frame(package, name, frame[frame["period"].fillna("") <= period].reset_index(drop=True))
    return package


def _with_frame(package: DataPackage, name: str, frame: pd.DataFrame) -> DataPackage:
    return DataPackage(root=package.root, descriptor=package.descriptor, frames={**package.frames, name: frame})
