"""Markup comes from autoescaping templates: a value is escaped unless it is HTML the pipeline vouches for."""

from __future__ import annotations

import io
import re
import tokenize

from bench.synthetic import Size, write_package
from markupsafe import Markup

from build_charts.html import esc
from build_charts.package import load_package
from build_charts.pages.outcomes import outcomes_page
from build_charts.passthrough import END, START
from build_charts.settings import PROJECT_ROOT
from build_charts.templating import render

HOSTILE = """<script>alert("x")</script> & 'quoted' <img src=x onerror=alert(1)>"""
# 12 areas, so an indicator has more figures than the outcomes page lists and it adds a note to the item.
MANY_AREAS = Size("many-areas", areas=12, indicators=2, value_periods=2, commitments=4, progress_periods=1, charts=4)


def test_a_value_is_escaped_as_every_other_value_on_the_site():
    assert render("paragraph.html", css="note", text=HOSTILE) == f'<p class="note">{esc(HOSTILE)}</p>'


def test_an_attribute_value_cannot_end_its_quotes():
    html = render("chart/own_page_link.html", href='" onclick="alert(1)', title="t")
    assert 'href="&#34; onclick=&#34;alert(1)"' in html


def test_html_a_template_made_is_not_escaped_twice_and_nothing_is_written_for_none():
    inner = render("chart/notes.html", notes="A & B")
    assert render("paragraph.html", css=None, text=inner) == '<p><p class="chart-notes"><strong>Note:</strong> A &amp; B</p></p>'
    assert render("paragraph.html", css=None, text=None) == "<p></p>"


def test_only_markup_is_trusted_and_a_plain_string_added_to_it_is_escaped():
    assert Markup("<b>") + "<i>" == "<b>&lt;i&gt;"


def test_no_page_or_chart_module_writes_html_in_an_f_string():
    found = {}
    for folder in ("pages", "charts"):
        for path in (PROJECT_ROOT / "build_charts" / folder).glob("*.py"):
            tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
            html = [t.string for t in tokens if t.type == tokenize.STRING
                    and "f" in re.match(r"[A-Za-z]*", t.string).group(0).lower() and re.search(r"<[A-Za-z/!]", t.string)]
            if html:
                found[path.name] = html
    assert found == {}




def test_no_marker_comment_sits_inside_a_list_item_on_the_outcomes_page(tmp_path):
    package = load_package(write_package(tmp_path, MANY_AREAS))
    page = outcomes_page(package)
    items = re.findall(r"<li>.*?</li>", page, re.DOTALL)
    assert any("fact-more-figures" in item for item in items)
    assert [item for item in items if START in item or END in item] == []
