"""Readable on a phone, in the built HTML: abbreviations spelt out, not only in a hover tooltip; charts and wide
tables scroll in named boxes the keyboard reaches."""

from __future__ import annotations

import csv
import re

from bs4 import BeautifulSoup

from build_charts.pages.charts import scroll_hint
from build_charts.pages.glossary import explain_abbreviations
from build_charts.settings import PROJECT_ROOT
from conftest import page


def test_every_chart_and_table_scrolls_in_a_named_box_the_keyboard_reaches(built_site):
    for url in ("key-facts/", "charts/report-completeness/", "charts/report-completeness/embed/"):
        soup = page(built_site, url)
        charts, tables = soup.select("figure.chart .chart-wide svg"), soup.select("table")
        assert charts and tables, url
        for inner in charts + tables:
            box = inner.find_parent("div")
            assert box["class"][0] in ("chart-scroll", "table-scroll"), url
            assert (box["tabindex"], box["role"]) == ("0", "region"), url
            assert box["aria-label"].strip(), url


def test_only_a_chart_too_wide_to_shrink_readably_says_it_scrolls_sideways():
    # A 320 px phone's text column is 288 px and a 375 px one's 343 px; chart text is drawn at 13 px and may
    # shrink to 11 px, so a chart up to 340 px wide fits the first and one up to 405 px the second.
    assert scroll_hint(340) == ""
    assert scroll_hint(341) == '<p class="scroll-hint phone-320">Scroll sideways to see the whole chart.</p>'
    assert scroll_hint(405) == '<p class="scroll-hint phone-320">Scroll sideways to see the whole chart.</p>'
    assert scroll_hint(406) == '<p class="scroll-hint phone">Scroll sideways to see the whole chart.</p>'


def test_a_chart_that_can_shrink_readably_is_marked_for_the_phones_it_fits(built_site):
    boxes = {url: page(built_site, url).select_one("figure.chart .chart-scroll")["class"]
             for url in ("charts/adults-taking-illicit-drugs/", "charts/drug-offences-rate/", "charts/report-completeness/")}
    assert boxes == {"charts/adults-taking-illicit-drugs/": ["chart-scroll", "fits-320"],  # drawn 310 px wide
                     "charts/drug-offences-rate/": ["chart-scroll", "fits-375"],  # 405 px
                     "charts/report-completeness/": ["chart-scroll"]}  # 435 px


def test_a_wide_chart_has_its_scroll_hint_after_its_box(built_site):
    figure = page(built_site, "charts/report-completeness/").select_one("figure.chart")
    assert figure.select_one(".chart-scroll")["aria-label"] == "How complete the progress reports are: chart"
    assert figure.select_one(".chart-scroll + p.scroll-hint.phone") is not None


GLOSSARY = {"NRM": ("National Referral Mechanism", "nrm"), "UHS": ("University Hospital Southampton", "uhs"),
            "SCC": ("Southampton City Council", "scc")}


def explained(markdown: str) -> str:
    """A page body after abbreviations are explained, as the reader sees its text."""
    out = explain_abbreviations("---\ntitle: T\n---\n" + markdown, GLOSSARY, "../glossary/")
    return " ".join(BeautifulSoup(out.split("---\n", 2)[2], "html.parser").get_text().split())


def test_an_abbreviation_is_spelt_out_in_brackets_after_its_first_use_in_quoted_text():
    assert explained("<p>Workers liaise with the local hospital, UHS. UHS agreed.</p>\n") == (
        "Workers liaise with the local hospital, UHS [University Hospital Southampton]. UHS agreed.")


def test_an_abbreviation_the_text_already_spells_out_is_left_as_it_is():
    assert explained("<p>the NRM (National Referral Mechanism) and the NRM.</p>\n") == (
        "the NRM (National Referral Mechanism) and the NRM.")
    assert explained("<p>Southampton &#x27;University Hospital Southampton&#x27; (UHS) works.</p>\n") == (
        "Southampton 'University Hospital Southampton' (UHS) works.")


def test_an_abbreviation_first_used_in_a_heading_is_spelt_out_under_the_title():
    text = explained("# Lead agencies\n\n## SCC Commissioning\n\n<p>SCC leads.</p>\n")
    assert text == ("# Lead agencies On this page, SCC means Southampton City Council. ## SCC Commissioning "
                    "SCC leads.")


def first_use_spelt_out(text: str, abbreviation: str, term: str) -> bool:
    """True when the text gives the full term before an abbreviation's first use, or right after it ("X means Term")."""
    first = re.search(r"(?<![\w&/#.-])" + re.escape(abbreviation) + r"(?![\w-])", text)
    if first is None:
        return True
    # A document may spell the term out in other small words ("Office of …" for "Office for …"): compare without them.
    return _without_small_words(term) in _without_small_words(text[: first.end() + len(" means ") + len(term)])


def _without_small_words(text: str) -> str:
    return " ".join(word for word in text.lower().split() if word not in {"of", "for", "and", "the", "in", "on"})


def test_no_abbreviation_on_any_page_is_explained_only_by_hover(built_site):
    terms = dict(csv_rows("glossary.csv", "abbreviation", "term"))
    unexplained = []
    for file in sorted(built_site.rglob("*.html")):
        article = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find("article")
        if article is None or file.parent.name == "glossary":  # the glossary page defines every term
            continue
        text = " ".join(article.get_text(" ").replace("&", "and").split())
        unexplained += [f"{file.relative_to(built_site)}: {abbreviation}" for abbreviation, term in terms.items()
                        if not first_use_spelt_out(text, abbreviation, term.replace("&", "and"))]
    assert unexplained == []


def csv_rows(name: str, *columns: str) -> list[tuple[str, ...]]:
    """The given columns of each row of a dataset file that fills them all."""
    with (PROJECT_ROOT / "datasets" / name).open(encoding="utf-8", newline="") as file:
        rows = [tuple(row[c] for c in columns) for row in csv.DictReader(file)]
    return [row for row in rows if all(row)]
