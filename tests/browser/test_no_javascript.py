"""No JavaScript: with scripts off, every chart's SVG, summary and data table, and all progress text, are
on the page and visible."""

from __future__ import annotations

import pytest

from .pages import page_of_type

# Returns one line per problem. A chart is a <figure class="chart"> holding an <svg> and a <figcaption>
# (its summary); its data table is inside the figure or in the element right after it.
FIND_HIDDEN = """() => {
  const shown = (el) => !!el && el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const problems = [];
  const charts = [...document.querySelectorAll('figure.chart')];
  charts.forEach((figure, i) => {
    const name = figure.id || `chart ${i + 1}`;
    // A chart is drawn twice (for a phone and wide); the stylesheet shows one of them.
    if (![...figure.querySelectorAll('svg')].some(shown)) problems.push(`${name}: its SVG is missing or hidden`);
    const summary = figure.querySelector('figcaption');
    if (!summary || !summary.textContent.trim() || !shown(summary)) problems.push(`${name}: its summary is missing or hidden`);
    let table = figure.querySelector('table');
    const next = figure.nextElementSibling;
    if (!table && next) table = next.matches('table') ? next : next.querySelector('table');
    if (!table) problems.push(`${name}: it has no data table`);
    else if (!shown(table) || table.tBodies.length === 0 || !table.tBodies[0].rows.length) problems.push(`${name}: its data table is empty or hidden`);
  });
  const progress = [...document.querySelectorAll('.report, .status, .commitment-facts')];
  progress.forEach((el) => {
    if (!el.textContent.trim() || !shown(el)) problems.push(`progress text hidden: ${el.outerHTML.slice(0, 80)}`);
  });
  return {charts: charts.length, progress: progress.length, problems};
}"""


@pytest.fixture(scope="module")
def no_script_page(chromium):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def check(page, url: str) -> dict:
    page.goto(url)
    assert page.evaluate("document.documentElement.classList.contains('no-js')"), "JavaScript ran"
    return page.evaluate(FIND_HIDDEN)


def test_every_chart_and_all_progress_text_show_without_javascript(site, pages, no_script_page):
    found = {path: check(no_script_page, site.url(path)) for path in pages}
    assert {path: result["problems"] for path, result in found.items() if result["problems"]} == {}
    assert sum(result["charts"] for result in found.values()) >= 1


@pytest.mark.parametrize("page_type", ["theme progress", "key facts", "chart permalink", "chart embed"])
def test_page_type_shows_its_content_without_javascript(site, pages, no_script_page, page_type):
    result = check(no_script_page, site.url(page_of_type(pages, page_type)))
    assert result["problems"] == []
    assert result["charts" if page_type != "theme progress" else "progress"] >= 1


def test_the_check_reports_a_hidden_summary_a_folded_table_and_hidden_progress(site, pages, no_script_page):
    key_facts = (site.folder / "key-facts" / "index.html").read_text(encoding="utf-8")
    assert key_facts.count("<figcaption>") >= 1
    broken = key_facts.replace("<figcaption>", "<figcaption hidden>", 1)
    broken = broken.replace('<div class="table-scroll"', '<details><summary>Data</summary><div class="table-scroll"')
    broken = broken.replace("</table>\n</div>", "</table>\n</div></details>")
    broken = broken.replace("</article>", '<div class="report" hidden>Next actions</div></article>', 1)
    result = check(no_script_page, site.add_page("key-facts/broken-no-js.html", broken))
    assert any("its summary is missing or hidden" in p for p in result["problems"]), result
    assert any("its data table is empty or hidden" in p for p in result["problems"]), result
    assert any("progress text hidden" in p for p in result["problems"]), result
