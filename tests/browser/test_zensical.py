"""The browser gates on the Zensical build: mkdocs-material reaches end of life on 5 May 2027, so the site
its successor builds must be just as accessible, private, readable without JavaScript and CSP-clean."""

from __future__ import annotations

import pytest

from .pages import PageVisitor, axe_summary, page_of_type, site_pages
from .test_no_javascript import check as check_without_javascript

PAGE_TYPES = ["home", "theme progress", "chart permalink", "get help", "search"]


@pytest.fixture(scope="module")
def zensical_server(zensical_site, serve):
    return serve(zensical_site)


@pytest.fixture(scope="module")
def zensical_pages(zensical_site) -> list[str]:
    return site_pages(zensical_site)


@pytest.fixture(scope="module")
def zensical_visitor(chromium, zensical_server):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield PageVisitor(context, zensical_server.origin)
    context.close()


@pytest.fixture(scope="module")
def no_script_page(chromium):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_zensical_page_has_no_accessibility_violation(zensical_visitor, zensical_pages, page_type):
    visit = zensical_visitor.visit(page_of_type(zensical_pages, page_type))
    assert axe_summary(visit.axe_violations) == []


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_zensical_page_requests_only_the_sites_own_server_and_breaks_no_policy(zensical_visitor, zensical_pages, page_type):
    visit = zensical_visitor.visit(page_of_type(zensical_pages, page_type))
    assert visit.requests, "no request was recorded"
    assert visit.third_party_requests(zensical_visitor.origin) == []
    assert visit.csp_violations == []


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_zensical_page_reads_without_javascript(zensical_server, zensical_pages, no_script_page, page_type):
    result = check_without_javascript(no_script_page, zensical_server.url(page_of_type(zensical_pages, page_type)))
    assert result["problems"] == []
