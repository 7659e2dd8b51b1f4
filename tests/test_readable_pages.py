"""Readable on a phone, in the built HTML: charts and wide tables scroll in named boxes the keyboard reaches."""

from __future__ import annotations

from conftest import page

from build_charts.pages.charts import scroll_hint


def test_every_chart_and_table_scrolls_in_a_named_box_the_keyboard_reaches(built_site):
    for url in ("key-facts/", "charts/report-completeness/", "charts/report-completeness/embed/"):
        soup = page(built_site, url)
        charts, tables = soup.select("figure.chart svg"), soup.select("table")
        assert charts and tables, url
        for inner in charts + tables:
            box = inner.find_parent("div")
            assert box["class"] in (["chart-scroll"], ["table-scroll"]), url
            assert (box["tabindex"], box["role"]) == ("0", "region"), url
            assert box["aria-label"].strip(), url


def test_only_a_chart_wider_than_a_phone_says_it_scrolls_sideways():
    assert scroll_hint(288) == ""
    assert scroll_hint(310) == '<p class="scroll-hint phone-320">Scroll sideways to see the whole chart.</p>'
    assert scroll_hint(435) == '<p class="scroll-hint phone">Scroll sideways to see the whole chart.</p>'


def test_a_wide_chart_has_its_scroll_hint_after_its_box(built_site):
    figure = page(built_site, "charts/report-completeness/").select_one("figure.chart")
    assert figure.select_one(".chart-scroll")["aria-label"] == "How complete the progress reports are: chart"
    assert figure.select_one(".chart-scroll + p.scroll-hint.phone") is not None
