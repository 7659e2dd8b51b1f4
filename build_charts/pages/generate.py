"""Every generated page, from the loaded package and the rendered figures."""

from __future__ import annotations

from datetime import date

from build_charts.charts.figures import BuiltChart
from build_charts.package import DataPackage
from build_charts.pages.charts import figure_html
from build_charts.pages.help import help_page
from build_charts.pages.kept import KeptPages
from build_charts.pages.key_facts import key_facts_page
from build_charts.pages.overview import overview_page
from build_charts.pages.progress import progress_pages
from build_charts.pages.strategy import strategy_pages
from build_charts.report_route import ReportRoute
from build_charts.routes import page_file, path_for, url_for


def generate_pages(package: DataPackage, charts: list[BuiltChart], today: date, site_url: str | None = None,
                   report_route: ReportRoute | None = None, kept: KeptPages | None = None) -> dict[str, str]:
    """Map each generated page's path (under the docs folder) to its Markdown (`site_url`: the site's address, if
    known, which a report of a problem on Get help quotes; `report_route`: where that report goes, from the build's
    settings; `kept`: the pages the last build kept)."""
    figures = figures_by_indicator(charts, here=path_for("key_facts"))
    pages: dict[str, str] = {}
    pages.update(progress_pages(package, today, kept))
    pages[page_file("commitments_overview")] = overview_page(package, today)
    pages.update(strategy_pages(package))
    pages[page_file("key_facts")] = key_facts_page(package, figures, today)
    pages[page_file("get_help")] = help_page(package, today, site_url=site_url, route=report_route)
    return pages


def figures_by_indicator(charts: list[BuiltChart], here: str) -> dict[str, list[str]]:
    """Each indicator's current charts as ready-made HTML, each linked to its own page from the page at `here`."""
    figures: dict[str, list[str]] = {}
    for chart in charts:
        if chart.period is None and chart.spec.indicator_id and not chart.spec.retired:
            link = url_for("chart", here, chart_id=chart.spec.chart_id)
            figures.setdefault(chart.spec.indicator_id, []).append(figure_html(chart, link))
    return figures
