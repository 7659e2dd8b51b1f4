"""Images that travel: every chart version's PNG is a 1200 × 630 share image, and every page of every type carries
the link-preview tags (Open Graph and Twitter card) that point at it or at the site's own image, read both with
BeautifulSoup and with an independent Open Graph parser (extruct's, as link-preview crawlers read them)."""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urlsplit

import extruct

from build_charts.charts.share import SITE_IMAGE, chart_image_svg, shown_address
from build_charts.routes import route_of
from conftest import SUB_PATH_ADDRESS as ADDRESS
from conftest import page

# A page of each type a reader can reach (the first page of the site with that route), plus the home page.
TYPES = ("home", "get_help", "progress", "key_facts", "theme", "chart", "chart_as_at", "chart_embed",
         "charts", "updates", "update", "glossary", "about_data", "accessibility", "privacy", "changes")


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, read from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def pages_by_type(site: Path) -> dict[str, str]:
    """The first page (URL path from the site root) of each page type in TYPES."""
    found: dict[str, str] = {}
    for file in sorted(site.rglob("index.html")):
        folder = file.parent.relative_to(site).as_posix()
        folder = "" if folder == "." else folder + "/"
        kind = route_of(folder)
        if kind in TYPES and kind not in found:
            found[kind] = folder
    return found


def file_for(site: Path, address: str) -> Path:
    """The built file an absolute address of the site names."""
    assert address.startswith(ADDRESS), address
    return site / urlsplit(address).path.removeprefix(urlsplit(ADDRESS).path)


def test_every_chart_version_has_a_1200_by_630_share_image(sub_path_site):
    images = sorted(sub_path_site.glob("charts/**/chart.png"))
    as_at = [i for i in images if route_of(i.parent.relative_to(sub_path_site).as_posix() + "/") == "chart_as_at"]
    assert len(images) >= 16 and as_at
    assert {str(i.relative_to(sub_path_site)): png_size(i.read_bytes()) for i in images} == {
        str(i.relative_to(sub_path_site)): (1200, 630) for i in images}
    assert png_size((sub_path_site / SITE_IMAGE).read_bytes()) == (1200, 630)


def test_every_page_type_has_its_link_preview_tags(sub_path_site):
    found = pages_by_type(sub_path_site)
    assert set(found) == set(TYPES), set(TYPES) - set(found)
    for kind, folder in found.items():
        soup = page(sub_path_site, folder)
        tags = {m.get("property") or m.get("name"): m["content"] for m in soup.select("meta[property], meta[name]")}
        assert tags["og:url"] == ADDRESS + folder, kind
        assert tags["og:site_name"] == "Southampton Reducing Drug Harm Partnership", kind
        assert tags["og:type"] == ("article" if kind.startswith("chart_") or kind == "chart" else "website"), kind
        assert tags["og:title"] and tags["og:description"] and tags["og:image:alt"], kind
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630"), kind
        assert png_size(file_for(sub_path_site, tags["og:image"]).read_bytes()) == (1200, 630), kind
        expected = "chart.png" if kind in ("chart", "chart_as_at", "chart_embed") else SITE_IMAGE
        assert tags["og:image"].endswith(expected), kind
        assert tags["twitter:card"] == "summary_large_image", kind
        assert tags["twitter:image"] == tags["og:image"] and tags["twitter:title"] == tags["og:title"], kind


def test_an_independent_open_graph_parser_sees_title_description_image_and_site_on_every_page(sub_path_site):
    missing = {}
    for file in sorted(sub_path_site.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect left at an old address
        found = extruct.extract(html, syntaxes=["opengraph"], uniform=True).get("opengraph") or [{}]
        properties = found[0]
        wanted = ("og:title", "og:description", "og:image", "og:site_name")
        lacking = [p for p in wanted if not properties.get(p)]
        if lacking:
            missing[str(file.relative_to(sub_path_site))] = lacking
    assert missing == {}


def test_the_share_image_says_what_the_chart_is_where_it_came_from_and_whose_site_it_is():
    svg = chart_image_svg('<svg width="300" height="100" viewBox="0 0 300 100"><text>2.9</text></svg>',
                          "Drug offences <b>", "Southampton, 2024", "Strategy & plan", "Our site", "example.org/x")
    assert "Drug offences &lt;b&gt;" in svg and "Southampton, 2024" in svg
    assert "Source: Strategy &amp; plan" in svg and "Our site · example.org/x" in svg
    assert '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"' in svg
    assert shown_address("https://partnership.example.org/rdhp/") == "partnership.example.org/rdhp"
