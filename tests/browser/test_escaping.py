"""Escaping: text cells holding <script>, <img onerror> and javascript: links build into pages where none of
it runs or links, checked in the browser. The validator refuses such cells, so the hostile package is
built without validation (generate + build_site), as a broken validator would let it through."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_charts import pipeline
from build_charts.site import build_site
from conftest import TODAY, copy_project, set_cell

from .pages import RECORD_CSP, site_pages

# Each payload, if it ran, would push its name into window.__xss.
SCRIPT = '<script>window.__xss.push("script")</script>'
IMG = "<img src=x onerror=\"window.__xss.push('img')\">"
MD_LINK = "[markdown link](javascript:window.__xss.push('md-link'))"
A_LINK = "<a href=\"javascript:window.__xss.push('a')\">html link</a>"
HOSTILE = f"{SCRIPT} {IMG} {MD_LINK} {A_LINK}"
JS_URL = "javascript:window.__xss.push('url')"

# (file, spreadsheet row, column, value, the page it shows on)
CELLS = [
    ("progress.csv", 2, "achievements", HOSTILE, "progress/rdhp-2025-supply/"),
    ("commitments.csv", 9, "title", f"Targeting {SCRIPT} {MD_LINK}", "progress/rdhp-2025-supply/"),
    ("key_facts.csv", 2, "statement", HOSTILE, "key-facts/"),
    ("help_services.csv", 3, "name", f"The Bridge {IMG} {A_LINK}", "get-help/"),
    ("glossary.csv", 2, "definition", HOSTILE, "glossary/"),
]
URL_CELLS = [("help_services.csv", 4, "url", JS_URL, "get-help/")]

START = "window.__xss = [];" + RECORD_CSP

# What ran, what links to javascript:, and what carries an event handler, on the loaded page.
INSPECT = """() => ({
  ran: window.__xss,
  jsLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
    .filter((el) => /^\\s*javascript:/i.test(el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || el.getAttribute('formaction') || ''))
    .map((el) => el.outerHTML.slice(0, 120)),
  handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
    .map((el) => el.outerHTML.slice(0, 120)),
  text: document.querySelector('article') ? document.querySelector('article').innerText : '',
  csp: window.__cspViolations,
})"""


def build_hostile_site(root: Path, cells) -> Path:
    paths = copy_project(root)
    for file, row, column, value, _ in cells:
        set_cell(paths.datasets, file, row, column, value)
    pipeline.generate(paths, today=TODAY)
    build_site(paths.config, paths.site, settings=pipeline.site_settings(paths))
    return paths.site


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, serve):
    return serve(build_hostile_site(tmp_path_factory.mktemp("hostile"), CELLS))


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, serve):
    return serve(build_hostile_site(tmp_path_factory.mktemp("hostile-url"), URL_CELLS))


@pytest.fixture(scope="module")
def inspect(chromium):
    context = chromium.new_context()
    context.add_init_script(START)
    page = context.new_page()

    def run(url: str) -> dict:
        page.goto(url, wait_until="load")  # after every image has loaded or failed, so onerror has run
        # Follow every link in the article too: a javascript: link would run now.
        for link in page.locator("article a[href]").all():
            href = link.get_attribute("href") or ""
            if href.lower().startswith("javascript:"):
                link.click()
                page.wait_for_timeout(50)  # a javascript: address runs in a later task
        return page.evaluate(INSPECT)

    yield run
    context.close()


def test_no_hostile_text_runs_or_links_on_any_page(hostile, inspect):
    found = {path: inspect(hostile.url(path)) for path in site_pages(hostile.folder)}
    assert {path: r["ran"] for path, r in found.items() if r["ran"]} == {}
    assert {path: r["handlers"] for path, r in found.items() if r["handlers"]} == {}
    assert {path: r["jsLinks"] for path, r in found.items() if r["jsLinks"]} == {}
    assert {path: r["csp"] for path, r in found.items() if r["csp"]} == {}


@pytest.mark.parametrize("cell", CELLS, ids=[f"{c[0]}:{c[2]}" for c in CELLS])
def test_hostile_text_is_shown_as_text(hostile, inspect, cell):
    file, row, column, value, path = cell
    result = inspect(hostile.url(path))
    # Markdown and HTML in a cell are shown exactly as typed.
    assert re.sub(r"\s+", " ", value) in re.sub(r"\s+", " ", result["text"])
    assert result["ran"] == [] and result["handlers"] == [] and result["jsLinks"] == []


def test_a_javascript_web_address_is_not_a_link(hostile_url, inspect):
    result = inspect(hostile_url.url("get-help/"))
    assert result["jsLinks"] == [] and result["ran"] == []


def test_the_check_catches_hostile_text_that_was_not_escaped(site, inspect):
    home = (site.folder / "index.html").read_text(encoding="utf-8")
    # Unescaped, and without the policy that would block the inline handler, as a page would be if both broke.
    broken = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", home)
    broken = broken.replace("</article>", f"<p>{HOSTILE}</p></article>", 1)
    result = inspect(site.add_page("broken-escaping.html", broken))
    assert set(result["ran"]) == {"script", "img", "a"}
    assert len(result["jsLinks"]) == 1 and len(result["handlers"]) == 1
