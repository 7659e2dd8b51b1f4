"""Text from the data package and the posts stays text wherever the theme prints it: in <title>, in
<meta name="description">, in the header and navigation, in the feed and in the dataset metadata.

The site is built from hostile values with validation skipped (generate + build_site), as if a check had been
missed: the escaping must hold on its own."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup

from build_charts import pipeline
from build_charts.pages.updates import Post, atom_feed
from build_charts.site import build_site
from conftest import TODAY, built_once, copy_project, set_cell

REFRESH = '0;url=https://evil.test/phish" http-equiv="refresh" x="'
TITLE = "</title><script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SCRIPT = "</script><script>alert(1)</script>"

# (file, spreadsheet row, column, value)
CELLS = [
    ("strategies.csv", 2, "title", REFRESH),
    ("strategies.csv", 2, "vision", SCRIPT),
    ("commitments.csv", 2, "title", TITLE),
    ("indicators.csv", 2, "title", IMG),
]
# The descriptor's fields; U+2028 and U+2029 would end a line inside the dataset metadata if left as they are.
DESCRIPTOR = {
    ("partnership", "name"): TITLE,
    ("partnership", "site_description"): REFRESH,
    ("description",): f"{SCRIPT} \u2028 \u2029 {IMG}",
}
POST_SLUG = "hostile-post"
POST = {"title": f"{TITLE} {IMG}", "description": REFRESH}


def inject(paths) -> None:
    """Put every payload into its input."""
    for file, row, column, value in CELLS:
        set_cell(paths.datasets, file, row, column, value)
    descriptor_file = paths.datasets / "datapackage.json"
    descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    for keys, value in DESCRIPTOR.items():
        target = descriptor
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    descriptor_file.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    front = "\n".join(f"{key}: {json.dumps(value)}" for key, value in POST.items())
    (paths.docs / "updates" / f"{POST_SLUG}.md").write_text(
        f"---\n{front}\ndate: 2026-11-20\nsource_id: op-fortress-news\n---\n\nA post with a hostile title.\n",
        encoding="utf-8")


def build_injected_site(root: Path, builder: str = "mkdocs") -> Path:
    """The real project with every payload in place, built without validation; the built site folder."""
    paths = copy_project(root)
    inject(paths)
    pipeline.generate(paths, today=TODAY)
    build_site(paths.config, paths.site, builder=builder, settings=pipeline.site_settings(paths))
    return paths.site


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def injected(tmp_path_factory, request) -> Path:
    """The injected site, built by each builder: both read the same theme overrides."""
    return built_once(tmp_path_factory, f"injected-{request.param}",
                      lambda folder: build_injected_site(folder, builder=request.param))


def soup_of(site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site / relative).read_text(encoding="utf-8"), "html.parser")


def description(soup: BeautifulSoup) -> str:
    return soup.find("meta", attrs={"name": "description"})["content"]


def test_no_page_refreshes_and_each_head_holds_only_its_own_tags(injected):
    for page in sorted(injected.rglob("*.html")):
        head = soup_of(injected, str(page.relative_to(injected))).head
        assert head.find("meta", attrs={"http-equiv": "refresh"}) is None, page
        assert head.find("img") is None, page
        assert len(head.find_all("meta", attrs={"name": "description"})) <= 1, page
        assert len(head.find_all("title")) == 1, page


def test_the_site_name_is_text_in_every_title_header_and_menu(injected):
    for page in sorted(injected.rglob("*.html")):
        soup = soup_of(injected, str(page.relative_to(injected)))
        assert TITLE in soup.title.string, page
        if "/embed/" in page.as_posix():
            continue  # a chart alone, for other sites to show: no header or menu
        assert soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == TITLE, page
        assert soup.select_one("label.md-nav__title").get_text(strip=True) == TITLE, page
        assert soup.select_one("a.md-header__button.md-logo")["aria-label"] == TITLE, page


def test_a_strategy_title_stays_inside_the_description(injected):
    soup = soup_of(injected, "strategy/sds-2017/index.html")
    assert REFRESH in description(soup)
    assert soup.title.string == f"{REFRESH} - {TITLE}"


def test_the_site_description_stays_inside_the_not_found_pages_description(injected):
    assert description(soup_of(injected, "404.html")) == REFRESH


def test_a_posts_title_and_description_stay_text_on_its_page(injected):
    soup = soup_of(injected, f"updates/{POST_SLUG}/index.html")
    assert soup.title.string == f"{POST['title']} - {TITLE}"
    assert description(soup) == REFRESH
    header = soup.select(".md-header__topic .md-ellipsis")[1].get_text(strip=True)
    assert header == POST["title"]
    # The post has no heading of its own, so the theme adds one from its title.
    assert soup.find("article").h1.get_text() == POST["title"]
    assert soup.find("article").find("img") is None


def test_the_dataset_metadata_is_valid_json_holding_the_text(injected):
    soup = soup_of(injected, "about-the-data/index.html")
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    metadata = json.loads(blocks[0].string)
    assert metadata["description"] == DESCRIPTOR[("description",)]
    assert metadata["creator"]["name"] == TITLE
    raw = blocks[0].string
    assert "<" not in raw and ">" not in raw and "\u2028" not in raw and "\u2029" not in raw


def test_the_feed_is_valid_atom_holding_the_text(injected):
    feed = feedparser.parse((injected / "updates" / "feed.xml").read_text(encoding="utf-8"))
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.title == f"{TITLE}: updates"
    assert POST["title"] in [entry.title for entry in feed.entries]
    assert REFRESH in [entry.summary for entry in feed.entries]


def test_the_feed_leaves_out_characters_xml_cannot_hold():
    posts = [Post(slug="a", title="Bell\x07 & <b>bold</b> ]]>", date=date(2026, 11, 20),
                  description="Tab\tform feed\x0c end", source_id="s")]
    text = atom_feed(posts, "Site\x0b name", "https://example.org/")
    root = ElementTree.fromstring(text.encode("utf-8"))  # well-formed XML
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{atom}title").text == "Site name: updates"
    entry = root.find(f"{atom}entry")
    assert entry.find(f"{atom}title").text == "Bell & <b>bold</b> ]]>"
    assert entry.find(f"{atom}summary").text == "Tab\tform feed end"
    assert entry.find(f"{atom}link").get("href") == "https://example.org/updates/a/"
