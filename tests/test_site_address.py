"""A site that knows its address: everything that leaves the site is absolute under it, and the site works
under a sub-path (GitHub project pages serve https://OWNER.github.io/REPO/), served or opened from disk."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from build_charts import __main__ as cli
from build_charts import pipeline
from build_charts.for_files import file_link
from build_charts.settings import MISSING_SITE_URL, BadSiteUrl, Paths, normalise_site_url, site_url
from build_charts.site import BuildResult
from conftest import SUB_PATH_ADDRESS as ADDRESS
from conftest import TODAY, copy_project, page

CHART = "charts/drug-offences-rate/"


# Where the address comes from.

def test_the_option_wins_over_the_environment_which_wins_over_mkdocs_yml(tmp_path, monkeypatch):
    paths = copy_project(tmp_path / "project")
    paths.config.write_text("site_url: https://from-config.example.org/\n" + paths.config.read_text(encoding="utf-8"),
                            encoding="utf-8")
    monkeypatch.setenv("SITE_URL", "https://from-env.example.org/x")

    def address(*argv: str) -> str | None:
        args = cli._parser().parse_args(["--project", str(paths.root), "build", *argv])
        return site_url(Paths(paths.root, given_site_url=cli._given_site_url(args)))

    assert address("--site-url", "https://from-option.example.org/y/") == "https://from-option.example.org/y/"
    assert address() == "https://from-env.example.org/x/"
    monkeypatch.delenv("SITE_URL")
    assert address() == "https://from-config.example.org/"
    paths.config.write_text(paths.config.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    assert address() is None


def test_an_address_that_is_not_a_web_address_is_refused_in_plain_english():
    assert normalise_site_url(" https://OWNER.github.io/REPO ") == "https://OWNER.github.io/REPO/"
    for bad in ("example.org", "https://example.org/a b/", 'https://example.org/"onload=x', "ftp://example.org/",
                "https://example.org/?page=1"):
        with pytest.raises(BadSiteUrl) as refusal:
            normalise_site_url(bad)
        assert str(refusal.value) == (
            f'The site address "{bad}" is not a web address the site can be published under. Give the full '
            "address, starting with https:// and without spaces, quotes, ? or #, for example "
            "https://OWNER.github.io/REPO/ .")


def _fake_build(calls: list):
    def build(paths, **_):
        calls.append(paths)
        return pipeline.Outcome(built=BuildResult(site=paths.site, output=""))
    return build


def test_a_build_without_an_address_prints_one_warning_saying_what_will_not_work(tmp_path, monkeypatch, capsys):
    paths = copy_project(tmp_path / "project")
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(pipeline, "build", _fake_build(calls := []))
    assert cli.main(["--project", str(paths.root), "build"]) == 0
    output = capsys.readouterr().out
    assert output.count("Warning") == 1
    assert output.splitlines()[0] == MISSING_SITE_URL
    for words in ("Link previews", "updates feed", "sitemap.xml", "link, embed code, citation", "--site-url",
                  "SITE_URL", "site_url in mkdocs.yml"):
        assert words in MISSING_SITE_URL
    assert calls[0].given_site_url is None

    assert cli.main(["--project", str(paths.root), "build", "--site-url", ADDRESS]) == 0
    assert "Warning" not in capsys.readouterr().out
    assert calls[1].given_site_url == ADDRESS


def test_a_bad_address_stops_the_build_before_anything_is_built(tmp_path, monkeypatch, capsys):
    paths = copy_project(tmp_path / "project")
    monkeypatch.setattr(pipeline, "build", _fake_build(calls := []))
    assert cli.main(["--project", str(paths.root), "build", "--site-url", "example.org"]) == 1
    assert capsys.readouterr().out.startswith('Nothing was built. The site address "example.org" is not a web address')
    assert calls == []


# What leaves the site is absolute under the address.

def test_link_previews_canonical_links_and_the_sitemap_are_absolute_under_a_sub_path(sub_path_site):
    soup = page(sub_path_site, CHART)
    assert soup.find("link", rel="canonical")["href"] == ADDRESS + CHART
    assert soup.find("meta", property="og:url")["content"] == ADDRESS + CHART
    assert soup.find("meta", property="og:image")["content"] == ADDRESS + CHART + "chart.png"
    assert soup.find("meta", attrs={"name": "twitter:image"})["content"] == ADDRESS + CHART + "chart.png"
    locations = re.findall(r"<loc>([^<]*)</loc>", (sub_path_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert ADDRESS in locations and ADDRESS + CHART in locations
    assert all(location.startswith(ADDRESS) for location in locations)


def test_link_embed_code_and_citation_on_a_chart_page_are_absolute_under_a_sub_path(sub_path_site):
    soup = page(sub_path_site, CHART)
    link = soup.find(id="link-to-this-chart").find_next("p")
    assert link.get_text() == ("This address will always show this chart with its current figures, with every "
                               f"correction listed on this page: {ADDRESS}{CHART}")
    embed = BeautifulSoup(soup.select_one("pre.embed-code").get_text(), "html.parser").iframe
    assert embed["src"] == ADDRESS + CHART + "embed/"
    assert f"[chart]. {ADDRESS}{CHART}. Accessed " in soup.select_one("p.citation").get_text()


def test_the_feed_and_the_data_description_are_absolute_under_a_sub_path(sub_path_site):
    feed = feedparser.parse((sub_path_site / "updates" / "feed.xml").read_text(encoding="utf-8"))
    addresses = [link["href"] for link in feed.feed.links] + [entry.link for entry in feed.entries]
    assert ADDRESS + "updates/feed.xml" in addresses
    assert len(addresses) > 2 and all(a.startswith(ADDRESS + "updates/") for a in addresses)
    jsonld = page(sub_path_site, "about-the-data/").find("script", type="application/ld+json").get_text()
    downloads = [d["contentUrl"] for d in json.loads(jsonld)["distribution"]]
    assert ADDRESS + "data/progress.csv" in downloads
    assert all(d.startswith(ADDRESS + "data/") for d in downloads)


# The whole site works under the sub-path.

class _UnderPrefix(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under its address's path only, as GitHub project pages do; every other path is not
    found."""

    prefix = urlsplit(ADDRESS).path.rstrip("/")

    def translate_path(self, path: str) -> str:
        if path != self.prefix and not path.startswith(self.prefix + "/"):
            return str(Path(self.directory) / "no-such-file-outside-the-prefix")
        return super().translate_path(path[len(self.prefix):] or "/")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def served_under_sub(sub_path_site) -> Iterator[str]:
    handler = functools.partial(_UnderPrefix, directory=str(sub_path_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{_UnderPrefix.prefix}/"
    finally:
        server.shutdown()
        server.server_close()


def _references(url: str, body: bytes, content_type: str) -> list[str]:
    """Every address a page or style sheet refers to, made absolute."""
    if "text/html" in content_type:
        soup = BeautifulSoup(body, "html.parser")
        found = [element.get(attribute) for attribute in ("href", "src")
                 for element in soup.find_all(attrs={attribute: True})]
    elif "text/css" in content_type:
        found = [u.strip("'\"") for u in re.findall(r"url\(([^)]+)\)", body.decode("utf-8", "replace"))]
    else:
        return []
    return [urljoin(url, link) for link in found if link and not link.startswith("data:")]


def crawl(start: str, published: str, more: tuple[str, ...] = ()) -> tuple[set[str], list[tuple[str, str, int]]]:
    """Follow every local link and asset from `start` (and the `more` addresses under it); a link to the published
    address counts as local.

    Returns the addresses visited and each broken one as (page it was on, address, HTTP status).
    """
    to_visit = [(start, start)] + [(start, start + path) for path in more]
    seen, broken = {url for _, url in to_visit}, []
    while to_visit:
        referrer, url = to_visit.pop()
        try:
            with urllib.request.urlopen(url) as response:
                body, content_type = response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            broken.append((referrer, url, error.code))
            continue
        for link in _references(url, body, content_type):
            link = urlsplit(link)._replace(fragment="").geturl()
            if link.startswith(published):
                link = start + link[len(published):]
            if urlsplit(link).netloc == urlsplit(start).netloc and link not in seen:
                seen.add(link)
                to_visit.append((url, link))
    return seen, broken


def _page_addresses(site: Path) -> set[str]:
    """The address of every built page under the site root, e.g. 'charts/drug-offences-rate/' ('' is the home page)."""
    return {"" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}


def test_every_link_and_asset_works_when_the_site_is_served_under_a_sub_path(served_under_sub, sub_path_site):
    # Embed pages are linked from nowhere: their addresses are in the code to copy, so they are starting points too,
    # like the page shown for an address that does not exist (its links are rooted at the sub-path).
    embeds = tuple(sorted(a for a in _page_addresses(sub_path_site) if a.endswith("/embed/")))
    visited, broken = crawl(served_under_sub, ADDRESS, more=(*embeds, "404.html"))
    assert broken == []
    assert {served_under_sub + a for a in _page_addresses(sub_path_site)} - visited == set()
    assert served_under_sub + CHART + "chart.png" in visited and served_under_sub + "data/progress.csv" in visited
    assert len(embeds) > 5


def test_the_crawl_finds_a_link_that_leaves_the_sub_path(tmp_path, served_under_sub, sub_path_site):
    index = sub_path_site / "privacy" / "index.html"
    original = index.read_text(encoding="utf-8")
    index.write_text(original.replace("</main>", '<a href="/charts/">site-rooted</a></main>', 1), encoding="utf-8")
    try:
        _, broken = crawl(served_under_sub, ADDRESS)
    finally:
        index.write_text(original, encoding="utf-8")
    assert broken == [(served_under_sub + "privacy/", served_under_sub.replace(_UnderPrefix.prefix + "/", "/charts/"), 404)]


# The preview opens from disk.

def test_a_folder_link_names_its_index_page_and_other_links_are_left_alone():
    assert file_link("../charts/") == "../charts/index.html"
    assert file_link("./") == "./index.html"
    assert file_link("..") == "../index.html"
    assert file_link("../glossary/#nhs") == "../glossary/index.html#nhs"
    assert file_link("chart.png") == "chart.png"
    assert file_link("#content") == "#content"
    for untouched in ("https://example.org/", "/charts/", "mailto:a@example.org", "tel:999", ""):
        assert file_link(untouched) == untouched


def test_a_site_built_for_files_has_no_link_to_a_folder(tmp_path, monkeypatch, capsys):
    paths = copy_project(tmp_path / "project")
    real_build = pipeline.build
    monkeypatch.setattr(pipeline, "build", lambda p, **kw: real_build(p, **{**kw, "today": TODAY}))
    assert cli.main(["--project", str(paths.root), "build", "--for-files"]) == 0
    folders, missing = [], []
    for html in paths.site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(attrs={"href": True}) + soup.find_all(attrs={"src": True}):
            link = urlsplit(element.get("href") or element.get("src"))
            if link.scheme or link.netloc or link.path.startswith("/") or not link.path:
                continue
            target = (html.parent / link.path).resolve()
            if target.is_dir():
                folders.append((html.relative_to(paths.site), link.path))
            elif not target.is_file():
                missing.append((html.relative_to(paths.site), link.path))
    assert folders == []
    assert missing == []
    assert page(paths.site, "").select_one(".md-tabs, .md-nav") is not None
