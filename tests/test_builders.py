"""One site, two builders: MkDocs + mkdocs-material and Zensical give the same pages with the same content."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def page_urls(site: Path) -> set[str]:
    """The URL path of every HTML page in a built site."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def content(html: str) -> dict:
    """What a reader gets from a page's main content: headings, text, charts, tables and links."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup.body
    for permalink in article.select("a.headerlink"):
        permalink.decompose()
    return {
        "headings": [(h.name, h.get("id"), " ".join(h.get_text().split())) for h in article.find_all(["h1", "h2", "h3", "h4"])],
        "text": " ".join(article.get_text().split()),
        "svgs": [str(svg) for svg in article.find_all("svg", attrs={"role": "img"})],
        "tables": [str(t) for t in article.find_all("table")],
        "links": [(same_address(a.get("href")), " ".join(a.get_text().split())) for a in article.find_all("a", href=True)],
        "help_contacts": [str(s) for s in article.select("section.service")],
    }


def same_address(href: str) -> str:
    """A relative link written the way both builders agree on: Zensical's `./accessibility/` is MkDocs's
    `accessibility/` (both open the same page)."""
    if "://" in href or href.startswith(("#", "mailto:", "tel:", "sms:", "/")):
        return href
    path, hash_, fragment = href.partition("#")
    normal = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
    return ("" if normal == "./" else normal) + hash_ + fragment


@pytest.fixture(scope="module")
def both_builds(built_site, zensical_site) -> tuple[Path, Path]:
    """The real site built once with each builder (tests/conftest.py)."""
    return built_site, zensical_site


def test_both_builders_make_the_same_pages(both_builds):
    mkdocs_site, zensical_site = both_builds
    assert page_urls(zensical_site) == page_urls(mkdocs_site)


def test_every_page_has_the_same_content_with_both_builders(both_builds):
    mkdocs_site, zensical_site = both_builds
    differences = {}
    for url in sorted(page_urls(mkdocs_site)):
        ours = content((mkdocs_site / url).read_text(encoding="utf-8"))
        theirs = content((zensical_site / url).read_text(encoding="utf-8"))
        different = [key for key in ours if ours[key] != theirs[key]]
        if different:
            differences[url] = different
    assert differences == {}


def test_the_comparison_notices_a_difference():
    same = content("<article><h1 id='a'>Title</h1><p>Text</p></article>")
    changed = content("<article><h1 id='a'>Title</h1><p>Other text</p></article>")
    assert [key for key in same if same[key] != changed[key]] == ["text"]
