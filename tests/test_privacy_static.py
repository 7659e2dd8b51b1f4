"""No built page or stylesheet refers to a script, stylesheet, font or image on another host."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

# Attributes that make the browser fetch something when the page loads (links people click are fine).
LOADING = [("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"),
           ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
           ("object", "data"), ("image", "href"), ("use", "href"), ("image", "xlink:href")]
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""")


def is_other_host(url: str) -> bool:
    """True for an address that reaches another host (absolute or protocol-relative)."""
    return bool(re.match(r"^(https?:)?//", url.strip(), re.IGNORECASE))


def third_party_loads(html: str) -> list[str]:
    """Every resource a page would load from another host."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attribute in LOADING:
        for element in soup.find_all(tag):
            if tag == "link" and not set(element.get("rel", [])) & {"stylesheet", "preload", "icon", "modulepreload",
                                                                    "prefetch", "manifest", "apple-touch-icon"}:
                continue
            value = element.get(attribute) or ""
            found += [part for part in re.split(r"[\s,]+", value) if is_other_host(part)]
    for style in soup.find_all("style"):
        found += [u for u in CSS_URL.findall(style.get_text()) + IMPORT.findall(style.get_text()) if is_other_host(u)]
    return found


def test_no_page_loads_anything_from_another_host(built_site: Path):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 10
    offenders = {str(p.relative_to(built_site)): third_party_loads(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: urls for page, urls in offenders.items() if urls} == {}


def test_no_stylesheet_loads_anything_from_another_host(built_site: Path):
    offenders = {}
    for sheet in built_site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        urls = [u for u in CSS_URL.findall(text) + IMPORT.findall(text) if is_other_host(u)]
        if urls:
            offenders[str(sheet.relative_to(built_site))] = urls
    assert offenders == {}


def test_the_check_catches_a_font_a_script_and_an_image_from_other_hosts():
    html = """<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
    <script src="//cdn.example.net/a.js"></script><style>@import "https://x.example/y.css";</style></head>
    <body><img src="https://tracker.example/p.gif" alt=""><a href="https://www.gov.uk/">a link is fine</a></body></html>"""
    assert third_party_loads(html) == [
        "//cdn.example.net/a.js",
        "https://fonts.googleapis.com/css?family=Roboto",
        "https://tracker.example/p.gif",
        "https://x.example/y.css",
    ]
