"""Search lives on its own page: the theme's script downloads the whole search index as soon as a page holds
the search form, so every other page has a plain link to the search page instead."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

SEARCH_PAGE = "/search/"


@pytest.fixture(params=["mkdocs", "zensical"])
def any_site(request) -> Path:
    """The real site, built by each builder."""
    return request.getfixturevalue("built_site" if request.param == "mkdocs" else "zensical_site")


def address(site: Path, file: Path) -> str:
    """The URL path a built HTML file is served at ('/x/' for x/index.html)."""
    relative = "/" + file.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("/index.html") else relative


def has_search_form(soup: BeautifulSoup) -> bool:
    """True when the theme's script would download the search index for this page.

    mkdocs-material fetches it when the page has a <form name="search">; Zensical when it has an .md-search.
    """
    return soup.find("form", attrs={"name": "search"}) is not None or soup.select_one(".md-search") is not None


def pages_with_search_form(site: Path) -> list[str]:
    """The addresses of the built pages that make the browser download the search index."""
    found = []
    for file in sorted(site.rglob("*.html")):
        if has_search_form(BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")):
            found.append(address(site, file))
    return found


def test_only_the_search_page_has_the_search_form_that_downloads_the_index(any_site):
    assert pages_with_search_form(any_site) == [SEARCH_PAGE]


def test_the_check_finds_a_search_form_on_any_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<form class="md-search__form" name="search"></form>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<div class="md-search" data-md-component="search"></div>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="search/">Search</a>', encoding="utf-8")
    assert pages_with_search_form(tmp_path) == ["/a/", "/b.html"]


def test_every_page_header_links_to_the_search_page(any_site):
    checked = 0
    for file in sorted(any_site.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        header = soup.find("header", class_="md-header")
        here = address(any_site, file)
        if header is None or here == SEARCH_PAGE:  # chart embed pages have no header
            continue
        links = [a for a in header.find_all("a", href=True) if urljoin(here, a["href"]) == SEARCH_PAGE]
        assert [a.get("aria-label") for a in links] == ["Search"], here
        assert links[0].find("svg") is not None, f"{here}: the search link has no magnifier icon"
        checked += 1
    assert checked > 10


def test_the_search_page_has_the_theme_search_box_and_says_where_to_browse_without_javascript(any_site):
    soup = BeautifulSoup((any_site / "search" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one('.md-header [data-md-component="search"]') is not None
    assert soup.select_one('.md-header label[for="__search"]') is not None
    article = soup.find("article")
    assert article.find("h1").get_text(strip=True) == "Search"
    assert "Search needs JavaScript." in " ".join(article.get_text().split())
    links = {a.get_text(strip=True): urljoin(SEARCH_PAGE, a["href"]) for a in article.find_all("a", href=True)}
    assert links == {"Get help with drugs": "/get-help/", "999": "tel:999", "Progress": "/progress/", "Key facts": "/key-facts/", "Charts": "/charts/", "Get help": "/get-help/",
                     "Report a problem with this page": "/accessibility/#report-a-problem"}


def test_the_search_page_is_outside_the_navigation_and_the_search_index(built_site):
    home = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "search/" not in [a["href"] for a in home.select("nav.md-nav--primary a[href]")]
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"search/"' not in index.replace(" ", "")


def search_locations(site: Path) -> list[str]:
    """The address of every entry in a built site's search index, whichever builder made it."""
    for name in ("search/search_index.json", "search.json"):  # MkDocs + material, then Zensical
        if (site / name).is_file():
            index = json.loads((site / name).read_text(encoding="utf-8"))
            return [entry["location"] for entry in index.get("docs") or index.get("items")]
    raise AssertionError(f"{site} has no search index")


def test_the_comms_team_guide_is_published_but_left_out_of_the_search_index(any_site):
    assert (any_site / "guide" / "index.html").is_file()  # its addresses keep working
    locations = search_locations(any_site)
    assert any(location.startswith("get-help/") for location in locations)
    assert [location for location in locations if location.startswith("guide/")] == []


def test_only_about_the_data_links_to_the_comms_team_guide(any_site):
    # The guide is for editors: no navigation entry, and one link from the page that says how the data is kept.
    linking = set()
    for file in sorted(any_site.rglob("*.html")):
        here = address(any_site, file)
        if here.startswith("/guide/"):
            continue
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if any(urljoin(here, a["href"]).startswith("/guide/") for a in soup.find_all("a", href=True)):
            linking.add(here)
    assert linking == {"/about-the-data/"}
