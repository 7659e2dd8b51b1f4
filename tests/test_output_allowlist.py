"""Every published page and drawing is held to what the templates write: anything else stops the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_charts import allowlist
from build_charts.site import BuildFailed, build_site
from conftest import tiny_site_project

HEAD = '<meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>t</title>'


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{HEAD}{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("body", [
    '<h1><meta name="referrer" content="unsafe-url">News</h1>',
    '<link rel="preconnect" href="http://evil.test/">',
    "<style>.get-help-banner{display:none}</style>",
    '<base href="https://evil.test/">',
    '<img src="https://evil.test/pixel.png" alt="">',
    '<img srcset="a.png 1x, https://evil.test/p.png 2x" alt="">',
    '<form action="https://evil.test/"><button>Go</button></form>',
    '<p style="background:url(https://evil.test/p.png)">x</p>',
    '<p style="display:none">x</p>',
    '<a href="https://example.org/" ping="https://evil.test/">x</a>',
    '<a href="https://example.org/" referrerpolicy="unsafe-url">x</a>',
    '<a href="JaVa&#x09;script:alert(1)">x</a>',
    '<a href="vbscript:x">x</a>',
    '<img src="a.png" alt="" onerror="alert(1)">',
    '<p/onclick="alert(1)">x</p>',
    '<p title="a"ONMOUSEOVER=alert(1)>x</p>',
    '<iframe src="https://evil.test/"></iframe>',
    # A frame holding a page of its own: its words, links and scripts are in an attribute no reader of the page's text
    # (the pull request's summary) sees.
    '<iframe srcdoc="&lt;p&gt;Call 0900&lt;/p&gt;&lt;a href=javascript:alert(1) target=_top&gt;Help&lt;/a&gt;"></iframe>',
    '<object data="x.swf"></object>',
    '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
    '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
    '<svg><foreignObject><iframe src="https://evil.test/"></iframe></foreignObject></svg>',
    '<svg><use href="https://evil.test/s.svg#x"/></svg>',
])
def test_a_page_holding_what_no_template_writes_is_refused(body):
    assert allowlist.page_problems(_page(body)) != []


@pytest.mark.parametrize("head", [
    '<meta name="referrer" content="unsafe-url">',
    '<link rel="preconnect" href="http://evil.test/">',
    '<link rel="stylesheet" href="https://evil.test/a.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.test/">',
    "<style>.md-header{display:none}</style>",
])
def test_a_head_holding_what_no_template_writes_is_refused(head):
    assert allowlist.page_problems(_page("<p>x</p>", head)) != []


def test_what_the_templates_write_is_allowed():
    head = ('<meta name="viewport" content="width=device-width"><meta name="description" content="d">'
            '<meta property="og:title" content="t"><meta name="twitter:card" content="summary">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
            '<link rel="stylesheet" href="../assets/site.css"><link rel="icon" href="assets/i.png">'
            '<link rel="alternate feed" type="application/rss+xml" href="feed.xml">')
    body = ('<a href="https://www.nhs.uk/">NHS</a> <a href="tel:0800776600">Call</a> <a href="sms:82111">Text</a> '
            '<a href="mailto:help@example.org">Email</a> <td style="text-align: right;">1</td>'
            '<img src="../assets/photo.jpg" alt="x"><svg viewBox="0 0 1 1"><g><path d="M0 0"/><text>x</text></g></svg>')
    assert allowlist.page_problems(_page(body, head)) == []


def test_a_file_on_the_sites_own_address_is_its_own():
    assert allowlist.page_problems(_page('<img src="https://example.org/a/b.png" alt="">'), host="example.org") == []


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="#"><set attributeName="href" to="javascript:alert(1)"/>'
    "<text>Click</text></a></svg>",
    '<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe srcdoc="x"></iframe></foreignObject></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.test/p.png"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.test/a.css);</style></svg>',
])
def test_a_drawing_holding_animation_or_another_document_is_refused(svg):
    assert allowlist.drawing_problems(svg) != []


def test_a_chart_drawing_is_allowed(built_site):
    drawings = sorted(built_site.rglob("*.svg"))
    assert drawings and all(allowlist.file_problems(d) == [] for d in drawings)


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    """A one-page site for the builder, with no data package: what reaches the page is what the page holds."""
    return tiny_site_project(tmp_path)


def test_a_built_page_holding_a_stylesheet_is_not_published_and_the_message_names_it(tiny_project):
    (tiny_project / "docs" / "news.md").write_text(
        "# News\n\n<style>.get-help-banner{display:none}</style>\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_site(tiny_project / "mkdocs.yml", tiny_project / "site")
    assert "- /news/ (from docs/news.md): a <style> element outside the page's head" in str(failure.value)
    assert not (tiny_project / "site").exists()


def test_a_drawing_that_turns_into_script_is_not_published(tiny_project):
    (tiny_project / "docs" / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="#"><set attributeName="href" to="javascript:alert(1)"/>'
        "<text>Logo</text></a></svg>", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_site(tiny_project / "mkdocs.yml", tiny_project / "site")
    assert ('- /assets/logo.svg: an element no drawing holds: <a href="#">; an element no drawing holds: '
            '<set attributeName="href" to="javascript:alert(1)">') in str(failure.value)
