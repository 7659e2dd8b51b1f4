"""Links: the site builds with `mkdocs build --strict`, and a crawl from the home page over the built site
finds no broken internal link or anchor (every page in the sitemap is reached or checked too)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import yaml
from bs4 import BeautifulSoup

from build_charts.settings import PROJECT_ROOT

ORIGIN = "http://site.invalid/"
# Attributes that point at another page or file of the site.
REFERENCES = [("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
              ("iframe", "src"), ("area", "href"), ("use", "href"), ("image", "href"), ("object", "data")]


def _file_for(site: Path, url_path: str) -> Path | None:
    """The file a static host serves for a URL path, or None."""
    target = site / url_path.lstrip("/")
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


class Crawl:
    """Follows every internal reference from the home page; records what is missing."""

    def __init__(self, site: Path):
        self.site, self.broken, self.visited = site, [], set()
        self._ids: dict[Path, set[str]] = {}
        self._soups: dict[Path, BeautifulSoup] = {}

    def soup(self, file: Path) -> BeautifulSoup:
        if file not in self._soups:
            self._soups[file] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return self._soups[file]

    def ids(self, file: Path) -> set[str]:
        if file not in self._ids:
            soup = self.soup(file)
            self._ids[file] = {el["id"] for el in soup.find_all(id=True)} | {el["name"] for el in soup.find_all("a", attrs={"name": True})}
        return self._ids[file]

    def run(self, starts: list[str]) -> Crawl:
        queue = list(starts)
        while queue:
            url_path = queue.pop()
            file = _file_for(self.site, url_path)
            if file is None or file in self.visited:
                continue
            self.visited.add(file)
            queue += self._check_page(url_path, file)
        return self

    def _check_page(self, url_path: str, file: Path) -> list[str]:
        found = []
        for tag, attribute in REFERENCES:
            for element in self.soup(file).find_all(tag, attrs={attribute: True}):
                value = element[attribute].strip()
                parts = urlsplit(value)
                if parts.scheme or parts.netloc or value.startswith("//"):
                    continue  # another site, mailto:, tel:, data:
                path = unquote(urlsplit(urljoin(ORIGIN + url_path, value)).path).lstrip("/")
                target = _file_for(self.site, path) if parts.path else file
                if target is None:
                    self.broken.append(f"{url_path or '/'}: {tag} {attribute}={value!r} (no such file)")
                    continue
                if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in self.ids(target):
                    self.broken.append(f"{url_path or '/'}: {value!r} (no element with id {parts.fragment!r})")
                if target.suffix == ".html" and tag in ("a", "area", "iframe"):
                    found.append(path)
        return found


def sitemap_paths(site: Path) -> list[str]:
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    return [urlsplit((loc.text or "").strip()).path for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_the_site_is_built_with_strict_link_checking():
    config = yaml.safe_load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["strict"] is True
    assert config["validation"]["links"]["not_found"] == "warn"  # strict turns these warnings into errors
    assert config["validation"]["links"]["anchors"] == "warn"


def test_no_internal_link_or_anchor_is_broken(built_site: Path):
    every_page = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    crawl = Crawl(built_site).run([""])
    assert crawl.broken == []
    assert len(crawl.visited) > 10
    # Pages no link reaches (e.g. a page of a type still being added) are checked as well.
    assert Crawl(built_site).run(every_page).broken == []


def test_every_page_in_the_sitemap_exists(built_site: Path):
    assert [p for p in sitemap_paths(built_site) if _file_for(built_site, p) is None] == []


def test_the_crawl_reports_a_missing_page_and_a_missing_anchor(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<h1 id="top">x</h1><a href="a/">ok</a> <a href="#top">ok</a>'
                                         '<a href="nowhere/">broken</a> <a href="a/#missing">broken</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<a href="../#top">ok</a><img src="../x.png" alt="">', encoding="utf-8")
    crawl = Crawl(tmp_path).run([""])
    assert crawl.broken == [
        "/: a href='nowhere/' (no such file)",
        "/: 'a/#missing' (no element with id 'missing')",
        "a/: img src='../x.png' (no such file)",
    ]
