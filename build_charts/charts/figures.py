"""Which charts the data supports, built and rendered into the HTML that pages embed."""

from __future__ import annotations

from build_charts.charts import benchmark, render
from build_charts.charts.numbers import format_number
from build_charts.package import DataPackage
from build_charts.pages.markdown import esc, html_block, table


def benchmark_figures(package: DataPackage) -> dict[str, str]:
    """A benchmark chart for each indicator with a value for the partnership's area and a comparator."""
    area = package.partnership["area"]
    comparators = package.partnership.get("comparator_areas", [])
    indicators = package["indicators"].set_index("indicator_id")
    values = package["indicator_values"]
    figures = {}
    for indicator_id, group in values.groupby("indicator_id", sort=False):
        rows = benchmark.benchmark_rows(group, area, comparators)
        if area not in set(rows["area"]) or len(rows) < 2:
            continue
        indicator = {"indicator_id": indicator_id, **indicators.loc[indicator_id].to_dict()}
        figures[indicator_id] = figure_html(indicator_id, rows, indicator, area)
    return figures


def figure_html(indicator_id: str, rows, indicator: dict, area: str) -> str:
    """The chart as inline SVG with its summary as caption, and the data table beside it."""
    summary = benchmark.summary(rows, indicator, area)
    chart_id = f"chart-{indicator_id}"
    svg = render.accessible_svg(render.svg(benchmark.chart(rows, indicator, area)), chart_id, indicator["title"], summary)
    data = table(
        ["Area", f"Value ({indicator['unit']})", "Period"],
        [[r["area"], format_number(r["value"]), r["period"] or "Not reported"] for r in rows.to_dict("records")],
        caption=f"{indicator['title']}: data for the chart",
        numeric={1},
    )
    return html_block(
        f'<figure class="chart" id="{chart_id}">',
        svg,
        f"<figcaption>{esc(summary)}</figcaption>",
        "</figure>",
    ) + "\n" + data
