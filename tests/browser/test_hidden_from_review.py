"""Changes a pull request could make that a visitor meets and a reviewer reading the summary once did not.

Each test shows the harm in Chromium (what a visitor sees), then that the kit now tells or refuses it: the build's
allowlist refuses a frame holding a page of its own; the summary tells a stylesheet that hides the help bar.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from build_charts import allowlist
from build_charts.summary.code import code_changes
from build_charts.summary.sitediff import site_changes
from build_charts.summary.sitetext import read_page, snapshot
from build_charts.what_changed import NOTHING, summary

FRAME = ('<iframe title="Help" srcdoc="&lt;p&gt;Call 0900 000 000 for help&lt;/p&gt;&lt;a href=javascript:alert(1) '
         'target=_top&gt;Get help&lt;/a&gt;"></iframe>')


def test_a_frame_holding_a_page_of_its_own_shows_words_no_reader_of_the_text_sees_and_is_refused(
        fixture_site: Path, serve, new_page):
    html = (fixture_site / "accessibility" / "index.html").read_text(encoding="utf-8")
    framed = html.replace("</article>", FRAME + "</article>", 1)
    assert framed != html
    server = serve(fixture_site)
    page = new_page()
    page.goto(server.add_page("accessibility/framed.html", framed), wait_until="load")
    frame = page.frames[1]
    assert "Call 0900 000 000 for help" in frame.inner_text("body")  # what a visitor reads
    assert "0900" not in " ".join(read_page(framed).blocks)  # what the summary read: nothing
    assert any("a frame holding a page of its own" in p for p in allowlist.page_problems(framed))


def test_a_stylesheet_that_hides_the_help_bar_is_told_in_the_summary(fixture_site: Path, serve, new_page, tmp_path):
    changed = tmp_path / "site"
    shutil.copytree(fixture_site, changed)
    with (changed / "assets" / "site.css").open("a", encoding="utf-8") as stylesheet:
        stylesheet.write("\n.get-help-banner{display:none!important}\n")
    server = serve(changed)
    page = new_page()
    page.goto(server.url("accessibility/"), wait_until="load")
    assert page.locator(".get-help-banner").count() == 1 and not page.locator(".get-help-banner").is_visible()

    text = summary([], site_changes(snapshot(fixture_site), snapshot(changed)), [], [], "main")
    assert NOTHING not in text
    assert "- The site's style `assets/site.css`: changed (it can change how every page looks or works)" in text
    project = {version: tmp_path / version / "docs" / "assets" for version in ("old", "new")}
    for version, source in (("old", fixture_site), ("new", changed)):
        project[version].mkdir(parents=True)
        shutil.copy2(source / "assets" / "site.css", project[version] / "site.css")
    assert code_changes(tmp_path / "old", tmp_path / "new") == ["`docs/assets/site.css`"]
