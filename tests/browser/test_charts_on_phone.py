"""Charts on a 320 × 568 phone tell the truth: every chart page and every as-at page of a site shows each chart
whole inside the 288 px text column (nothing scrolls sideways, no bar or number runs off the edge), no text of the
drawing is cut by its edges, and every figure of the chart's data table is printed in the drawing.

Sites: the real one, the reuse fixture (Exampleton: a trend, ranges, longer names) and, when
CHART_PHONE_BENCH=medium (or another size of tests/bench/synthetic.py) is set, a benchmark package of that size.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
from bench.synthetic import SIZES, write_package
from test_reuse import exampleton_project

from build_charts import pipeline
from build_charts.routes import route_of
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


@pytest.mark.skipif(not os.environ.get("CHART_PHONE_BENCH"), reason="set CHART_PHONE_BENCH=medium to run")
def test_every_chart_of_a_benchmark_package_fits_a_phone_whole(chromium, serve, tmp_path_factory):
    size = next(s for s in SIZES if s.name == os.environ["CHART_PHONE_BENCH"])
    root = tmp_path_factory.mktemp(f"bench-{size.name}")
    paths = copy_project(root / "project", write_package(root / "synthetic", size))
    shutil.rmtree(paths.docs / "updates")  # the real news posts cite the real package's sources
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, outcome.problems
    assert problems_on_phone(chromium, serve(paths.site), chart_pages(paths.site)) == {}
