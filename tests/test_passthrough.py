"""The pipeline's HTML blocks are set aside unread by the builder's Markdown, and pages read the same without it."""

from __future__ import annotations

import subprocess
import sys

import markdown

from build_charts import passthrough, pipeline
from build_charts.pages.markdown import html_block
from conftest import TODAY, copy_project

PAGE = "# Title\n\n" + html_block('<div class="report" id="r-1">', "<p>Café *not emphasis*</p>", "</div>") + "\nAfter.\n"


def test_a_marked_block_is_set_aside_whole_and_put_back_unchanged():
    converter = markdown.Markdown(extensions=["md_in_html", passthrough.PassthroughExtension()])
    html = converter.convert(PAGE)
    assert converter.htmlStash.rawHtmlBlocks == [
        '<!-- html -->\n<div class="report" id="r-1">\n<p>Café *not emphasis*</p>\n</div>\n<!-- /html -->']
    assert '<div class="report" id="r-1">\n<p>Café *not emphasis*</p>\n</div>' in html
    assert "<p>After.</p>" in html


def _tiny_site(folder, anchor: str) -> subprocess.CompletedProcess:
    """Build a two-page MkDocs site, strictly, whose second page links to `anchor` inside the first's HTML block."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (docs / "other.md").write_text(f"# Other\n\n[The report](index.md#{anchor})\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: Anchors\nstrict: true\nvalidation:\n  anchors: warn\n"
                                       "markdown_extensions:\n  - build_charts.passthrough\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(folder / "mkdocs.yml")],
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})


def test_mkdocs_still_checks_links_to_ids_inside_a_block_it_did_not_read(tmp_path):
    found = _tiny_site(tmp_path / "found", "r-1")
    assert found.returncode == 0, found.stderr
    assert 'id="r-1"' in (tmp_path / "found" / "site" / "index.html").read_text(encoding="utf-8")
    missing = _tiny_site(tmp_path / "missing", "r-2")
    assert missing.returncode != 0
    assert "does not contain an anchor '#r-2'" in missing.stderr


def test_a_block_without_its_end_marker_is_left_to_the_usual_raw_html_handling():
    converter = markdown.Markdown(extensions=[passthrough.PassthroughExtension()])
    html = converter.convert(f"{passthrough.START}\n<div>\n<p>Open</p>\n</div>\n\nAfter.\n")
    assert "<p>Open</p>" in html and "<p>After.</p>" in html


def _lines(html: str) -> list[str]:
    return [line for line in html.splitlines() if line.strip()]


def test_every_page_reads_the_same_when_the_builder_does_not_load_the_extension(built_site, tmp_path):
    paths = copy_project(tmp_path / "project")
    config = paths.config.read_text(encoding="utf-8")
    assert "  - build_charts.passthrough\n" in config
    paths.config.write_text(config.replace("  - build_charts.passthrough\n", ""), encoding="utf-8")
    assert pipeline.build(paths, today=TODAY).ok

    with_extension = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    without = sorted(p.relative_to(paths.site) for p in paths.site.rglob("*.html"))
    assert with_extension == without and len(without) > 30
    for relative in without:
        assert _lines((built_site / relative).read_text(encoding="utf-8")) == _lines(
            (paths.site / relative).read_text(encoding="utf-8")), relative
