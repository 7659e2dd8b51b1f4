"""Pages stay light as the data grows: the key facts page shows one chart per fact and the local figures, and a
large chart catalogue's index is split into pages of thumbnails; the real site keeps every figure on one page."""

from __future__ import annotations

import csv
import gzip
import random
import shutil
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from bench.synthetic import Size, write_package

from build_charts import pipeline
from build_charts.charts.catalogue import ChartSpec
from build_charts.package import read_descriptor
from build_charts.pages.chart_index import CHARTS_PER_PAGE, THUMBNAIL_BYTES_PER_PAGE, thumbnail_pages
from build_charts.settings import PROJECT_ROOT
from build_charts.validate.report import as_text
from build_charts.vocab import vocabularies
from conftest import TODAY, copy_project, page

# 35 charts: 10 progress, 13 drug use (more than a page holds) and 12 treatment; 12 areas x 2 periods = 24 values
# per indicator, more than the key facts page lists.
LARGE = Size("paged", areas=12, indicators=2, value_periods=2, commitments=14, progress_periods=1, charts=35)
LOCAL_AREAS = ["Benchtown", "Area 001", "Area 002"]


def _rows(datasets: Path, file: str) -> list[dict]:
    return list(csv.DictReader((datasets / file).open(encoding="utf-8")))


def _text(element) -> str:
    return " ".join(element.get_text().split())


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> SimpleNamespace:
    """A synthetic partnership with more charts and values than one page shows, built once for this module."""
    root = tmp_path_factory.mktemp("large")
    paths = copy_project(root / "project", write_package(root / "synthetic", LARGE))
    shutil.rmtree(paths.docs / "updates")  # the real news posts cite the real package's sources
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, [as_text(p) for p in outcome.problems if p.is_error]
    return SimpleNamespace(site=paths.site, catalogue=_rows(paths.datasets, "charts.csv"),
                           values=_rows(paths.datasets, "indicator_values.csv"), facts=_rows(paths.datasets, "key_facts.csv"))


def _fact_sections(soup) -> dict[str, list]:
    """Each fact's elements on the key facts page: its quote and everything up to the next fact or heading."""
    sections = {}
    for quote in soup.select("blockquote.fact"):
        elements = [quote]
        for sibling in quote.find_next_siblings():
            if sibling.name == "h2" or (sibling.name == "blockquote" and "fact" in sibling.get("class", [])):
                break
            elements.append(sibling)
        sections[quote["id"].removeprefix("fact-")] = elements
    return sections


def _select(elements: list, selector: str) -> list:
    return [found for element in elements for found in ([element] if element.css.match(selector) else [])
            + element.select(selector)]


def _index_pages(site: Path) -> dict[str, object]:
    """Every page of the charts index, by URL path, found by following the links from charts/."""
    index = page(site, "charts/")
    urls = ["/charts/"] + [urljoin("/charts/", a["href"]) for a in index.select("nav.chart-index-pages a")]
    return {url: page(site, url.lstrip("/")) for url in urls}


def _linked(url: str, soup, selector: str) -> list[str]:
    return [urljoin(url, a["href"]) for a in soup.select(selector)]


# The key facts page


def test_key_facts_show_one_chart_per_fact_and_link_the_others(large):
    sections = _fact_sections(page(large.site, "key-facts/"))
    assert set(sections) == {fact["fact_id"] for fact in large.facts}
    for fact in large.facts:
        charts = [row["chart_id"] for row in large.catalogue if row["indicator_id"] == fact["indicator_id"]]
        elements = sections[fact["fact_id"]]
        figures = _select(elements, "figure.chart")
        assert [f["id"] for f in figures] == [f"chart-{charts[0]}"]
        assert len(_select(elements, ".chart-wide svg")) == len(_select(elements, ".chart-narrow svg")) == 1
        links = [a["href"] for a in _select(elements, "div.fact-more-charts a")]
        assert links == [f"../charts/{chart_id}/" for chart_id in charts[1:]]
        assert all((large.site / "charts" / chart_id / "index.html").is_file() for chart_id in charts)


def test_key_facts_list_local_and_comparator_figures_and_say_how_many_more_are_in_the_data(large):
    sections = _fact_sections(page(large.site, "key-facts/"))
    for fact in large.facts:
        indicator = fact["indicator_id"]
        values = [v for v in large.values if v["indicator_id"] == indicator]
        local = [(v["area"], v["period"]) for v in values if v["area"] in LOCAL_AREAS]
        (table,) = [t for t in _select(sections[fact["fact_id"]], "table")
                    if "figures for Benchtown, Area 001 and Area 002" in t.caption.get_text()]
        assert [(row.th.get_text(), row.td.get_text()) for row in table.select("tbody tr")] == local
        (note,) = _select(sections[fact["fact_id"]], "p.fact-more-figures")
        others = len(values) - len(local)
        assert others == 18
        assert _text(note) == (f"{others} more figures for 9 other areas are not listed here. They are in the full data "
                               f"(indicator_values.csv), in the rows whose indicator_id is {indicator}.")
        assert urljoin("/key-facts/", note.a["href"]) == "/data/indicator_values.csv"
        assert (large.site / "data" / "indicator_values.csv").is_file()


def test_the_real_key_facts_show_every_figure_of_their_indicators(built_site):
    datasets = PROJECT_ROOT / "datasets"
    titles = {row["indicator_id"]: row["title"] for row in _rows(datasets, "indicators.csv")}
    values = _rows(datasets, "indicator_values.csv")
    soup = page(built_site, "key-facts/")
    tables = {t.caption.get_text().split(", from ")[0]: t for t in soup.select("table")
              if ": figures" in t.caption.get_text()}
    facts = [fact for fact in _rows(datasets, "key_facts.csv") if fact["indicator_id"]]
    assert facts
    for fact in facts:
        expected = [(v["area"] or "Not reported", v["period"] or "period not given", v["note"])
                    for v in values if v["indicator_id"] == fact["indicator_id"]]
        shown = tables[f"{titles[fact['indicator_id']]}: figures"].select("tbody tr")
        assert [(row.th.get_text(), row.select("td")[0].get_text(), row.select("td")[2].get_text()) for row in shown] == expected
    assert soup.select("p.fact-more-figures") == [] and soup.select("div.fact-more-charts") == []


# The charts index


def test_a_large_charts_index_lists_every_chart_by_title_and_moves_thumbnails_to_topic_pages(large):
    index = page(large.site, "charts/")
    assert [a["href"] for a in index.select("ul.chart-titles a")] == [f"{row['chart_id']}/" for row in
                                                                       sorted(large.catalogue, key=_topic_order)]
    assert [_text(a) for a in index.select("ul.chart-titles a")] == [row["title"] for row in
                                                                      sorted(large.catalogue, key=_topic_order)]
    assert index.select("img") == []
    assert [_text(li) for li in index.select("nav.chart-index-pages li")] == [
        "Progress (10 charts)", "Drug use (13 charts): page 1, page 2", "Treatment and health (12 charts)"]


def _topic_order(row: dict) -> int:
    return ["progress", "use", "treatment", "crime", "costs-and-savings"].index(row["topic"])


def test_every_chart_has_a_thumbnail_on_one_index_page_and_every_index_page_links_to_the_others(large):
    pages = _index_pages(large.site)
    assert sorted(pages) == ["/charts/", "/charts/topics/progress/", "/charts/topics/treatment/",
                             "/charts/topics/use/", "/charts/topics/use/page-2/"]
    cards = [(url, card) for url, soup in pages.items() for card in soup.select("li.chart-card")]
    assert sorted(urljoin(url, card.a["href"]) for url, card in cards) == sorted(
        f"/charts/{row['chart_id']}/" for row in large.catalogue)
    for url, card in cards:
        assert urljoin(url, card.img["src"]) == urljoin(url, card.a["href"]) + "chart.svg"
        assert card.img["alt"] == "" and (large.site / urljoin(url, card.img["src"]).lstrip("/")).is_file()
    for url, soup in pages.items():
        assert set(_linked(url, soup, "a")) >= set(pages) - {url}, url
        thumbnails = [(large.site / urljoin(url, img["src"]).lstrip("/")).read_bytes() for img in soup.select("img")]
        assert len(thumbnails) <= CHARTS_PER_PAGE, url
        assert sum(len(gzip.compress(svg, 6)) for svg in thumbnails) <= THUMBNAIL_BYTES_PER_PAGE, url


def test_a_topic_with_more_charts_than_a_page_holds_is_numbered_in_catalogue_order(large):
    use = [row["chart_id"] for row in large.catalogue if row["topic"] == "use"]
    first, second = page(large.site, "charts/topics/use/"), page(large.site, "charts/topics/use/page-2/")
    assert [first.h1.get_text(), second.h1.get_text()] == ["Charts: Drug use, page 1 of 2", "Charts: Drug use, page 2 of 2"]
    assert [a["href"] for a in first.select("li.chart-card a")] == [f"../../{i}/" for i in use[:CHARTS_PER_PAGE]]
    assert [a["href"] for a in second.select("li.chart-card a")] == [f"../../../{i}/" for i in use[CHARTS_PER_PAGE:]]
    assert _text(second.select_one("nav.chart-index-pages span[aria-current=page]")) == "page 2 (this page)"
    assert "Chart 13 of 13 about drug use. Each title links to the chart's own page." in _text(second)
    assert second.find("title").get_text().startswith("Charts: Drug use, page 2 of 2")


def test_the_real_charts_index_keeps_every_thumbnail_on_one_page(built_site):
    index = page(built_site, "charts/")
    assert len(index.select("li.chart-card img")) == len(_rows(PROJECT_ROOT / "datasets", "charts.csv"))
    assert index.select("nav.chart-index-pages") == [] and not (built_site / "charts" / "topics").exists()


def test_a_page_of_thumbnails_holds_no_more_than_its_weight_allows_and_never_drops_a_chart():
    noise = random.Random(1)

    def chart(number: int, size: int) -> SimpleNamespace:
        svg = "<svg>" + "".join(noise.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(size)) + "</svg>"
        spec = ChartSpec(chart_id=f"c-{number}", order=number, type="headline", title=f"Chart {number}", topic="use")
        return SimpleNamespace(spec=spec, svg=svg, summary="")

    charts = [chart(n, 12_000) for n in range(7)] + [chart(7, 60_000)] + [chart(n, 500) for n in range(8, 30)]
    pages = thumbnail_pages(charts, vocabularies(read_descriptor(PROJECT_ROOT / "datasets")).topics)
    assert [c.spec.chart_id for p in pages for c in p.charts] == [c.spec.chart_id for c in charts]
    weights = [sum(len(gzip.compress(c.svg.encode(), 6)) for c in p.charts) for p in pages]
    assert all(len(p.charts) <= CHARTS_PER_PAGE for p in pages)
    assert all(w <= THUMBNAIL_BYTES_PER_PAGE for p, w in zip(pages, weights, strict=True) if len(p.charts) > 1)
    (heavy,) = [p for p in pages if "c-7" in [c.spec.chart_id for c in p.charts]]
    assert len(heavy.charts) == 1  # heavier than a page allows: on a page of its own, not left out
    assert [p.folder for p in pages][:2] == ["topics/use/", "topics/use/page-2/"]
