"""The table of page writers: each kind of generated page, and the function that writes its pages.

The pipeline writes every generated page from this table, in order. Each writer is given the same inputs and
returns its pages (Markdown text) and files (bytes), keyed by path under the docs folder, at the addresses of
build_charts/routes.py: a page at an address the route table does not know stops the build, so the navigation,
the sitemap and the reserved ids, all derived from that table, cannot miss a page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from build_charts.charts.figures import BuiltChart
from build_charts.package import DataPackage
from build_charts.pages import changes, glossary
from build_charts.pages.charts import SiteInfo, chart_pages
from build_charts.pages.generate import generate_pages
from build_charts.pages.kept import KeptPages, no_kept_pages
from build_charts.pages.outcomes import outcomes_page
from build_charts.pages.updates import Post, update_pages
from build_charts.routes import ROUTES, page_file, route_of


@dataclass(frozen=True)
class Inputs:
    """What every page writer may read: the data, the drawn charts, today's date, the news posts and the site; and
    the pages the last build kept, to take those made from the same inputs."""

    package: DataPackage
    charts: list[BuiltChart]
    today: date
    posts: list[Post]
    site: SiteInfo
    kept: KeptPages = field(default_factory=no_kept_pages)


Writer = Callable[[Inputs], dict[str, str | bytes]]


def _folder(page: str) -> str:
    """The folder a Markdown page is published at: 'a/index.md' and 'a.md' are both at 'a/'."""
    return page.removesuffix("index.md") if page.endswith("index.md") else page.removesuffix(".md") + "/"


def _is_page(name: str | None) -> bool:
    """Whether the route table has a page type of this name (the data/ folder holds only files)."""
    return name is not None and ROUTES[name].page


class UnknownAddress(Exception):
    """A writer made a page at an address the route table (build_charts/routes.py) does not have."""


def _core_pages(inputs: Inputs) -> dict[str, str | bytes]:
    """Progress, strategy, key facts and help pages."""
    return generate_pages(inputs.package, inputs.charts, inputs.today, site_url=inputs.site.url,
                          report_route=inputs.site.report_route, kept=inputs.kept)


def _chart_pages(inputs: Inputs) -> dict[str, str | bytes]:
    """Every chart's pages (Markdown) and files (bytes)."""
    pages, files = chart_pages(inputs.package, inputs.charts, inputs.site, inputs.today, inputs.kept)
    return {**pages, **files}


def _other_pages(inputs: Inputs) -> dict[str, str | bytes]:
    """News index and feed, the glossary, outcomes and the changes pages."""
    pages: dict[str, str | bytes] = dict(update_pages(inputs.posts, inputs.package.partnership["name"], inputs.site.url,
                                                      inputs.package["sources"]))
    pages[glossary.PAGE] = glossary.glossary_page(inputs.package)
    pages[page_file("outcomes")] = outcomes_page(inputs.package, inputs.today)
    pages.update(changes.changes_pages(inputs.package, inputs.kept))
    return pages


# Step name (as the build's timings report it) → writer, in the order the pages are written.
WRITERS: dict[str, Writer] = {
    "pages": _core_pages,
    "chart pages": _chart_pages,
    "other pages": _other_pages,
}


def write_pages(inputs: Inputs, step: Callable = lambda name, work: work()) -> tuple[dict[str, str], dict[str, bytes]]:
    """Every generated page (Markdown, by path) and file (bytes, by path), from every writer in WRITERS.

    `step(name, work)` runs each writer (the pipeline passes its clock, to time each one).
    """
    pages: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for name, writer in WRITERS.items():
        for path, content in step(name, lambda writer=writer: writer(inputs)).items():
            (files if isinstance(content, bytes) else pages)[path] = content
    unknown = sorted(path for path in pages if path.endswith(".md") and not _is_page(route_of(_folder(path))))
    if unknown:
        raise UnknownAddress(f"These generated pages are at no address of build_charts/routes.py: {', '.join(unknown)}. "
                             "Add a Route for their page type to ROUTES.")
    return pages, files
