"""Privacy: every request a page makes in the browser goes to the site's own server (and finds what it asks
for: a request that fails costs a reader on a slow phone for nothing)."""

from __future__ import annotations

import re

import pytest

from .pages import PAGE_TYPES, page_of_type, record_visit


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_requests_only_the_sites_own_server(visitor, pages, page_type):
    visit = visitor.visit(page_of_type(pages, page_type))
    assert visit.requests, "no request was recorded"
    assert visit.third_party_requests(visitor.origin) == []


def test_every_page_requests_only_the_sites_own_server(visitor, pages):
    found = {path: visit.third_party_requests(visitor.origin) for path, visit in visitor.visit_all(pages).items()}
    assert {path: urls for path, urls in found.items() if urls} == {}


def test_every_request_of_every_page_finds_what_it_asks_for(visitor, pages):
    found = {path: visit.failed_requests for path, visit in visitor.visit_all(pages).items()}
    assert {path: failed for path, failed in found.items() if failed} == {}


def test_the_check_records_a_script_and_an_image_from_another_host(site, chromium):
    home = (site.folder / "index.html").read_text(encoding="utf-8")
    # Without the page's Content Security Policy (which would block them), as a page would be if it lost it.
    broken = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", home)
    broken = broken.replace("</head>", '<script src="https://example.com/x.js"></script></head>', 1)
    broken = broken.replace("</article>", '<img src="https://tracker.example.net/p.gif" alt=""></article>', 1)
    url = site.add_page("broken-privacy.html", broken)
    context = chromium.new_context()
    try:
        visit = record_visit(context, url, run_axe=False)
    finally:
        context.close()
    assert visit.third_party_requests(site.origin) == ["https://example.com/x.js", "https://tracker.example.net/p.gif"]
