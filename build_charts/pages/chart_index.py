"""The charts index: every current chart's title linked to its own page, grouped by topic, each with a thumbnail.

A thumbnail is the chart's own SVG, so a page of them grows with the catalogue. Up to CHARTS_PER_PAGE charts
sit on one page, charts/, with their thumbnails and summaries. A larger catalogue is split: charts/ lists every
title by topic, and the thumbnails move to pages of their topic, charts/topics/<topic>/ then
charts/topics/<topic>/page-2/ and so on. Topic ids come from a fixed list and no chart id may be "topics" (the
validator reports it), so these addresses never collide with a chart's own page at charts/<chart_id>/.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from dataclasses import dataclass

from build_charts import i18n
from build_charts.charts.figures import BuiltChart
from build_charts.pages.markdown import front_matter, html_block, inline
from build_charts.routes import page_file, path_for, url_for
from build_charts.templating import render

CHARTS_PER_PAGE = 12
# Compressed bytes of thumbnails one page may load. The theme's own files are about 62 KB, so a page of
# thumbnails stays under the 100 KB page-weight target even when its charts are large (progress charts with
# many themes are the heaviest).
THUMBNAIL_BYTES_PER_PAGE = 30_000
TOPICS_FOLDER = "topics"
HERE = path_for("charts")
INDEX_PAGE = page_file("charts")


@dataclass(frozen=True, eq=False)
class ThumbnailPage:
    """One page of a topic's charts with their thumbnails: page `number` of `of`; `topic_words` name the topic."""

    topic: str
    number: int
    of: int
    charts: tuple[BuiltChart, ...]
    topic_words: str

    @property
    def folder(self) -> str:
        """The page's folder under charts/, e.g. 'topics/use/' or 'topics/use/page-2/'."""
        return self.here[len(HERE):]

    @property
    def here(self) -> str:
        """The page's folder from the site root, e.g. 'charts/topics/use/page-2/'."""
        return path_for("chart_topic", number=self.number, topic=self.topic)

    @property
    def heading(self) -> str:
        """The page's title, e.g. 'Charts: Drug use, page 2 of 3'."""
        name = i18n.sentence("Charts: %(topic)s", topic=self.topic_words)
        if self.of == 1:
            return name
        return i18n.sentence("%(title)s, page %(number)s of %(of)s", title=name, number=self.number, of=self.of)


def chart_index_pages(charts: list[BuiltChart], topics: Mapping[str, str]) -> dict[str, str]:
    """The index page(s) of the current charts (as they are now, not as-at versions), keyed by path; `topics` are
    the words of each topic, in the order the index lists them."""
    listed = [c for c in charts if not c.spec.retired and c.spec.topic in topics]
    if len(listed) <= CHARTS_PER_PAGE:
        return {INDEX_PAGE: charts_index(listed, topics)}
    pages = thumbnail_pages(listed, topics)
    out = {INDEX_PAGE: titles_index(listed, pages, topics)}
    out.update({page_file("chart_topic", p.number, topic=p.topic): thumbnail_page(p, pages, topics) for p in pages})
    return out


def charts_index(charts: list[BuiltChart], topics: Mapping[str, str]) -> str:
    """Every chart on one page, grouped by topic, each with a thumbnail, its title and its summary."""
    out = [_index_front_matter(), _index_heading(), _intro()]
    for topic, heading in topics.items():
        group = [c for c in charts if c.spec.topic == topic]
        if group:
            out += [f"## {heading}\n", chart_cards(group, here=HERE)]
    return "\n".join(out)


def titles_index(charts: list[BuiltChart], pages: list[ThumbnailPage], topics: Mapping[str, str]) -> str:
    """Every chart's title linked to its page, grouped by topic, with links to the pages of thumbnails."""
    out = [_index_front_matter(), _index_heading(), _intro(),
           i18n.plural_md("There is %(number)s chart.", "There are %(number)s charts.", len(charts),
                          number=i18n.number(len(charts))) + " "
           + i18n.sentence_md("This page lists them by title. To see each with a small picture and a summary, choose "
                              "a topic:") + "\n",
           pages_nav(pages, current=None, here=HERE, topics=topics)]
    for topic, heading in topics.items():
        group = [c for c in charts if c.spec.topic == topic]
        if group:
            titles = [{"href": url_for("chart", HERE, chart_id=c.spec.chart_id), "title": c.spec.title} for c in group]
            out += [f"## {heading}\n", html_block(render("chart/titles.html", charts=titles))]
    return "\n".join(out)


def thumbnail_pages(charts: list[BuiltChart], topics: Mapping[str, str]) -> list[ThumbnailPage]:
    """The charts of each topic in catalogue order, split into pages by count and by the weight of thumbnails."""
    pages = []
    for topic, words in topics.items():
        groups = _split([c for c in charts if c.spec.topic == topic])
        pages += [ThumbnailPage(topic, number, len(groups), tuple(group), words)
                  for number, group in enumerate(groups, start=1)]
    return pages


def thumbnail_page(page: ThumbnailPage, pages: list[ThumbnailPage], topics: Mapping[str, str]) -> str:
    """One page of a topic's charts with thumbnails and summaries, and links to every other index page."""
    here = page.here
    return "\n".join([
        front_matter(page.heading, i18n.sentence("%(topic)s: charts on this site, each with a small picture and a "
                                                 "summary, linked to its own page.", topic=page.topic_words),
                     sources=["charts.csv"]),
        f"# {inline(page.heading)}\n",
        html_block(render("chart/topic_intro.html", position=_position(page, pages), topic=page.topic_words.lower(),
                          all_charts=url_for("charts", here))),
        chart_cards(list(page.charts), here=here),
        "## " + i18n.sentence_md("More charts") + "\n",
        pages_nav(pages, current=page, here=here, topics=topics),
    ])


def chart_cards(charts: list[BuiltChart], here: str) -> str:
    """A list of chart cards: thumbnail, title linked to the chart's page, summary; linked from the page at `here`."""
    cards = [{"thumbnail": url_for("chart", here, file="chart.svg", chart_id=c.spec.chart_id),
              "href": url_for("chart", here, chart_id=c.spec.chart_id), "title": c.spec.title, "summary": c.summary}
             for c in charts]
    return html_block(render("chart/cards.html", cards=cards))


def pages_nav(pages: list[ThumbnailPage], current: ThumbnailPage | None, here: str, topics: Mapping[str, str]) -> str:
    """Links to the index and every page of thumbnails, by topic; the page being read is named, not linked."""
    listed = []
    for topic, heading in topics.items():
        own = [{"number": p.number, "current": p is current,
                "href": url_for("chart_topic", here, number=p.number, topic=p.topic)} for p in pages if p.topic == topic]
        if own:
            total = sum(len(p.charts) for p in pages if p.topic == topic)
            count = i18n.plural("%(number)s chart", "%(number)s charts", total, number=i18n.number(total))
            listed.append({"heading": heading, "count": count, "pages": own})
    all_charts = None if current is None else url_for("charts", here)
    return html_block(render("chart/index_pages.html", topics=listed, all_charts=all_charts))


def thumbnail_bytes(chart: BuiltChart) -> int:
    """What a browser downloads for the chart's thumbnail: its SVG, compressed as a web server sends it."""
    return len(gzip.compress(chart.svg.encode("utf-8"), 6))


def _split(charts: list[BuiltChart]) -> list[list[BuiltChart]]:
    """Consecutive groups of at most CHARTS_PER_PAGE charts whose thumbnails fit THUMBNAIL_BYTES_PER_PAGE."""
    groups: list[list[BuiltChart]] = []
    weight = 0
    for chart in charts:
        size = thumbnail_bytes(chart)
        if not groups or len(groups[-1]) == CHARTS_PER_PAGE or weight + size > THUMBNAIL_BYTES_PER_PAGE:
            groups.append([])
            weight = 0
        groups[-1].append(chart)
        weight += size
    return groups


def _position(page: ThumbnailPage, pages: list[ThumbnailPage]) -> str:
    """Which of its topic's charts a page shows: 'All 3 charts', 'Charts 13 to 24 of 30' or 'Chart 25 of 25'."""
    topic = [p for p in pages if p.topic == page.topic]
    total = sum(len(p.charts) for p in topic)
    first = sum(len(p.charts) for p in topic if p.number < page.number) + 1
    last = first + len(page.charts) - 1
    numbers = {"first": i18n.number(first), "last": i18n.number(last), "total": i18n.number(total)}
    if page.of == 1:
        return i18n.plural("%(total)s chart", "All %(total)s charts", total, **numbers)
    if first == last:
        return i18n.sentence("Chart %(first)s of %(total)s", **numbers)
    return i18n.sentence("Charts %(first)s to %(last)s of %(total)s", **numbers)


def _index_front_matter() -> str:
    return front_matter(i18n.sentence("Charts"),
                        i18n.sentence("Every chart on this site, each with its own page, data and downloads."),
                        sources=["charts.csv"])


def _index_heading() -> str:
    return "# " + i18n.sentence_md("Charts") + "\n"


def _intro() -> str:
    """What the charts index holds, said under its heading."""
    return i18n.sentence_md("Every chart on this site. Each has its own page with a permanent address, the data behind "
                            "it, downloads, and as-at versions for each reporting period.") + "\n"
