"""Content Security Policies: the same whether one process or several write them (large sites use several), and
the quick reader of a page's inline code finds what a parser reading every tag finds."""

from __future__ import annotations

import shutil

import pytest

from build_charts import csp

PAGE = ('<!doctype html><html><head><meta charset="utf-8"></head><body><p style="color: red">{n}</p>'
        "<script>var n = {n};</script></body></html>")


def _site(folder, pages: int):
    for n in range(pages):
        (folder / f"p{n}").mkdir(parents=True)
        (folder / f"p{n}" / "index.html").write_text(PAGE.format(n=n), encoding="utf-8")
    return folder


def test_worker_processes_write_the_same_policies_as_one_process(tmp_path, monkeypatch):
    alone = _site(tmp_path / "alone", 3)
    shared = tmp_path / "shared"
    shutil.copytree(alone, shared)
    # Each page's script is one the site's templates write.
    known = csp.KnownScripts(exact=frozenset(f"var n = {n};" for n in range(3)), templates=())
    site_wide = csp.add_content_security_policy(alone, known=known)
    monkeypatch.setattr(csp, "PAGES_PER_WORKER_START", 1)
    assert csp.add_content_security_policy(shared, known=known) == site_wide
    for n in range(3):
        page = f"p{n}/index.html"
        assert (shared / page).read_text(encoding="utf-8") == (alone / page).read_text(encoding="utf-8")
    assert site_wide.count("'sha256-") == 3 + 1  # each page's own script; the style attribute they share


AWKWARD_PAGES = [
    # A commented-out script is not run, so it is not allowed.
    '<head><!-- <script>old()</script> --><script>now()</script></head>',
    # ">" inside a quoted value does not end the tag; upper-case names and single quotes count the same.
    """<P TITLE="a > b" STYLE='color: red'>x</P><div data-x='>' style="margin: 0">y</div>""",
    # The word style in text, and in another attribute's value, is not a style attribute.
    '<p>Set style = plain.</p><p title=" style=x">z</p>',
    # A script's text may hold what looks like a tag; data scripts and external scripts are not inline code.
    '<script>if (a <b) { document.write("<p style=x>") }</script><script type="application/json">{"a": 1}</script>'
    '<script src="x.js"></script>',
    # A <style> element whose text looks like markup, a self-closing tag with a style, an unclosed script.
    '<style>p::after { content: "</p>" }</style><img style="width: 1px" src="a.png"/><script>unfinished(',
    "<p>No inline code at all.</p>",
]


@pytest.mark.parametrize("html", AWKWARD_PAGES)
def test_the_quick_reader_finds_what_reading_every_tag_finds(html):
    assert csp.inline_code(html) == csp.inline_code_of_whole_page(html)


def test_the_quick_reader_agrees_on_every_page_of_the_real_site(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert csp.inline_code(html) == csp.inline_code_of_whole_page(html), page
