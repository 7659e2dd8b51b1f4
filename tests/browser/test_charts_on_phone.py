"""Charts on a 320 × 568 phone tell the truth: every chart page and every as-at page of a site shows each chart
whole inside the 288 px text column (nothing scrolls sideways, no bar or number runs off the edge), no text of the
drawing is cut by its edges, and every figure of the chart's data table is printed in the drawing.

Sites: the real one, the reuse fixture (Exampleton: a trend, ranges, longer names) and the hardest charts of the
largest benchmark package (tests/bench/extremes.py: the most rows, the longest names and title, the largest and
smallest numbers of each chart type). Every chart of the largest package is checked on request (`nox -s phone`,
marker `phone_sweep`; CHART_PHONE_BENCH=medium sweeps another size of tests/bench/synthetic.py).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bench.extremes import extreme_charts, only_charts, with_extremes
from bench.synthetic import SIZES, write_package
from test_reuse import exampleton_project

from build_charts import pipeline
from build_charts.charts.figures import CHART_TYPES
from build_charts.routes import route_of
from build_charts.settings import Paths
from conftest import TODAY, copy_project

from .pages import site_pages

PHONE = {"width": 320, "height": 568}

# For each chart on the page, what a reader of a phone sees: how far the page and the chart's boxes scroll
# sideways, the visible drawing's box against the text column, each text element that sticks out of the drawing,
# and each number of the chart's data table that the drawing does not print.
MEASURE = """() => {
  const root = document.scrollingElement;
  const visible = (el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const words = (text) => text.replace(/\\s+/g, ' ').trim();
  const tables = [...document.querySelectorAll('table')];
  return {
    page: root.scrollWidth - root.clientWidth,
    charts: [...document.querySelectorAll('figure.chart')].map((figure) => {
      const svgs = [...figure.querySelectorAll('svg')].filter(visible);
      const svg = svgs[0];
      const column = figure.parentElement.getBoundingClientRect();
      const box = svg ? svg.getBoundingClientRect() : null;
      const scrolls = [...figure.querySelectorAll('*')].filter((el) => el.scrollWidth > el.clientWidth + 1
        && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)).length;
      const clipped = svg ? [...svg.querySelectorAll('text')].filter((t) => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
          || r.bottom > box.bottom + 1);
      }).map((t) => words(t.textContent)) : [];
      const drawn = svg ? ' ' + [...svg.querySelectorAll('text')].filter((t) => !t.closest('title, desc'))
        .map((t) => [...t.childNodes].length ? [...t.querySelectorAll('tspan')].length
          ? [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ') : t.textContent : '')
        .map(words).join(' ') + ' ' : '';
      const table = tables.find((t) => figure.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
      const numbers = table ? [...table.querySelectorAll('td.num')].map((td) => words(td.textContent)) : [];
      return {
        id: figure.id, shown: svgs.length, width: box ? box.width : 0, left: box ? box.left - column.left : 0,
        right: box ? box.right - column.right : 0, column: column.width, scrolls, clipped,
        missing: numbers.filter((n) => !drawn.includes(' ' + n + ' ') && !drawn.includes(n)),
      };
    }),
  };
}"""


def chart_pages(site_folder) -> list[str]:
    """Every chart page and every as-at page of a built site."""
    return [path for path in site_pages(site_folder) if route_of(path) in ("chart", "chart_as_at")]


def problems_on_phone(chromium, server, paths: list[str]) -> dict[str, object]:
    """What is wrong with each chart of each page at 320 × 568, keyed by page and chart; empty when nothing is."""
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1)
    page = context.new_page()
    found: dict[str, object] = {}
    try:
        for path in paths:
            page.goto(server.url(path))
            measured = page.evaluate(MEASURE)
            if measured["page"] > 0:
                found[path] = f"the page scrolls sideways by {measured['page']} px"
            if not measured["charts"]:
                found[path] = "no chart"
            for chart in measured["charts"]:
                wrong = []
                if chart["shown"] != 1:
                    wrong.append(f"{chart['shown']} drawings shown")
                if chart["left"] < -0.5 or chart["right"] > 0.5 or chart["scrolls"]:
                    wrong.append(f"drawing {chart['width']:.0f} px wide in a {chart['column']:.0f} px column")
                if chart["clipped"]:
                    wrong.append(f"text cut at the drawing's edge: {chart['clipped']}")
                if chart["missing"]:
                    wrong.append(f"figures of the table not in the drawing: {chart['missing']}")
                if wrong:
                    found[f"{path}#{chart['id']}"] = wrong
    finally:
        context.close()
    return found


def test_every_chart_of_the_real_site_fits_a_phone_whole(chromium, site, built_site):
    paths = chart_pages(built_site)
    assert any(route_of(p) == "chart_as_at" for p in paths)
    assert problems_on_phone(chromium, site, paths) == {}


@pytest.fixture(scope="module")
def exampleton_served(tmp_path_factory, serve):
    paths = exampleton_project(tmp_path_factory.mktemp("exampleton-phone"))
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, outcome.problems
    return paths.site, serve(paths.site)


def test_every_chart_of_the_reuse_fixture_fits_a_phone_whole(chromium, exampleton_served):
    folder, server = exampleton_served
    paths = chart_pages(folder)
    assert {re.sub(r"/.*", "", p.removeprefix("charts/")) for p in paths} >= {"adults-in-treatment", "death-rate"}
    assert problems_on_phone(chromium, server, paths) == {}


def benchmark_site(root: Path, size_name: str = "largest", edit: Callable[[Path], None] | None = None) -> Paths:
    """A benchmark package of tests/bench/synthetic.py built as a site in `root`; `edit(datasets)` changes its data
    first."""
    size = next(s for s in SIZES if s.name == size_name)
    paths = copy_project(root / "project", write_package(root / "synthetic", size))
    shutil.rmtree(paths.docs / "updates")  # the real news posts cite the real package's sources
    if edit is not None:
        edit(paths.datasets)
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, [p for p in outcome.problems if p.is_error]
    return paths


def test_the_hardest_charts_of_the_largest_benchmark_package_fit_a_phone_whole(chromium, serve, tmp_path_factory):
    """The largest package with the longest names and the largest, smallest and negative numbers; of each chart
    type the charts with the most rows, the widest text, the longest title and the extreme numbers, on a site of
    those charts alone (every chart of the package: `nox -s phone`)."""
    picked: dict[str, list[str]] = {}

    def hardest_only(datasets: Path) -> None:
        with_extremes(datasets)
        picked.update(extreme_charts(datasets))
        only_charts(datasets, {chart for charts in picked.values() for chart in charts})

    paths = benchmark_site(tmp_path_factory.mktemp("bench-hardest"), "largest", hardest_only)
    assert set(picked) == set(CHART_TYPES)
    pages = chart_pages(paths.site)
    assert {re.sub(r"/.*", "", p.removeprefix("charts/")) for p in pages} == {c for v in picked.values() for c in v}
    assert problems_on_phone(chromium, serve(paths.site), pages) == {}


@pytest.mark.phone_sweep
def test_every_chart_of_the_largest_benchmark_package_fits_a_phone_whole(chromium, serve, tmp_path_factory):
    """Every chart page and as-at page of the largest benchmark package (CHART_PHONE_BENCH names another size):
    `nox -s phone`, or `pytest -m phone_sweep`. Prints how many pages it checked and how long it took."""
    size = os.environ.get("CHART_PHONE_BENCH", "largest")
    started = time.perf_counter()
    paths = benchmark_site(tmp_path_factory.mktemp(f"bench-{size}"), size)
    built = time.perf_counter()
    pages = chart_pages(paths.site)
    found = problems_on_phone(chromium, serve(paths.site), pages)
    checked = time.perf_counter()
    print(f"\n{size}: {len(pages)} pages ({sum(route_of(p) == 'chart_as_at' for p in pages)} as-at) checked at 320 px,"
          f" {len(found)} with a problem; build {built - started:.0f} s, checks {checked - built:.0f} s")
    assert found == {}
