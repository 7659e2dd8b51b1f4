"""The Content Security Policy allows only the scripts the site's templates write: any other inline script, an
inline event handler, a javascript: address or a <meta> refresh stops the build with a message naming the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_charts import csp, pipeline
from build_charts.settings import PROJECT_ROOT
from build_charts.site import BuildFailed, build_site
from conftest import TODAY, copy_project

# The scripts the installed themes and the site's own templates write.
THEME = csp.known_scripts(csp.theme_template_folders(), csp.own_template_folder(PROJECT_ROOT / "mkdocs.yml"))


def _page(body: str, head: str = "") -> str:
    return f'<!doctype html><html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for relative, html in pages.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(html, encoding="utf-8")
    return folder


@pytest.mark.parametrize("depth", [".", "..", "../..", "../../..", "/"])
def test_the_themes_depth_dependent_script_is_known_at_every_depth(depth):
    built = ('__md_scope=new URL("' + depth + '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
             '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
             '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
    assert THEME.allows(built)


@pytest.mark.parametrize("value", ['",alert(1),"', "//evil.test/", "https://evil.test/", '\\"'])
def test_a_theme_script_with_another_value_filled_in_is_not_known(value):
    built = ('__md_scope=new URL("' + value + '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
             '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
             '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
    assert not THEME.allows(built)


def test_the_sites_own_script_is_known_from_its_template_and_others_are_not():
    override = (PROJECT_ROOT / "docs" / "overrides" / "main.html").read_text(encoding="utf-8")
    own = override.split("<script>", 1)[1].split("</script>", 1)[0]
    assert THEME.allows(own)
    assert not THEME.allows("alert(1)") and not THEME.allows(own + "alert(1)")


FORBIDDEN = [
    ("an unknown script", _page("<p>Hi</p><script>alert(1)</script>"), "<script>alert(1)"),
    ("a script of another type", _page('<script type="text/javascript; x">alert(2)</script>'), "<script>alert(2)"),
    ("an event handler", _page('<p>x</p><img src=x onerror="alert(1)">'), '<img onerror="alert(1)"'),
    ("a handler after a slash", _page('<img/src="x"/onerror=alert(1)>'), '<img onerror="alert(1)"'),
    ("a link after a slash", _page("<a/href=javascript:alert(1)>x</a>"), '<a href="javascript:alert(1)"'),
    ("a handler in SVG", _page('<svg><g ONLOAD="alert(1)"></g></svg>'), '<g onload="alert(1)"'),
    ("a javascript: link", _page('<a href="javascript:alert(1)">x</a>'), '<a href="javascript:alert(1)"'),
    ("one written with references", _page('<a href="&#106;ava&#x09;script:alert(1)">x</a>'), "<a href=\"java\tscript:alert(1)\""),
    ("one after spaces", _page("<iframe src=' \tJAVASCRIPT:alert(1)'></iframe>"), "<iframe src=\" \tJAVASCRIPT:alert(1)\""),
    ("a refresh", _page("", '<meta name="description" content="0;url=https://evil.test/phish" http-equiv="refresh" x="">'),
     '<meta http-equiv="refresh" content="0;url=https://evil.test/phish"'),
    ("a refresh after a quoted >", _page("", """<meta content='5;url=/x' title="a>b" HTTP-EQUIV=Refresh>"""),
     '<meta http-equiv="refresh" content="5;url=/x"'),
]


@pytest.mark.parametrize(("what", "html", "shown"), FORBIDDEN, ids=[f[0] for f in FORBIDDEN])
def test_code_that_is_not_the_sites_own_stops_the_build_naming_the_page(tmp_path, what, html, shown):
    site = _site(tmp_path, {"index.html": _page("<p>Fine</p>"), "strategy/x/index.html": html})
    with pytest.raises(csp.UnsafePage) as failure:
        csp.add_content_security_policy(site, known=THEME)
    message = str(failure.value)
    assert message.startswith("The site was not published: these pages hold code that is not the site's own")
    assert f"- page /strategy/x/: {shown}" in message.splitlines()
    assert "/: " not in message.replace("/strategy/x/: ", "")  # the safe page is not named
    assert not (site / csp.HEADERS_FILE).exists()


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg"><script type="text/ecmascript">alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="alert(1)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
])
def test_a_drawing_that_holds_code_stops_the_build(tmp_path, svg):
    site = _site(tmp_path, {"index.html": _page("<p>Fine</p>"), "charts/x/chart.svg": svg})
    with pytest.raises(csp.UnsafePage) as failure:
        csp.add_content_security_policy(site, known=THEME)
    assert str(failure.value).splitlines()[1].startswith("- file /charts/x/chart.svg: ")
    assert str(failure.value).splitlines()[-1] == (
        "A drawing (.svg) comes from the chart cache: delete the folder build/cache and build again.")


def test_text_that_only_looks_like_code_is_not_stopped(tmp_path):
    html = _page("<p>Set onclick = x; see javascript:void and href=javascript:x in the text.</p>"
                 '<p title="onerror=alert(1) javascript:x">&lt;script&gt;alert(1)&lt;/script&gt;</p>'
                 '<a href="journeys/">Journeys</a><a href="&amp;x">amp</a>'
                 '<script type="application/ld+json">{"name": "\\u003cscript\\u003e"}</script>'
                 '<script type="application/json">{"base": "."}</script><!-- <script>old()</script> -->')
    site = _site(tmp_path, {"index.html": html})
    csp.add_content_security_policy(site, known=THEME)
    assert "sha256" not in (site / "index.html").read_text(encoding="utf-8").split('content="')[1].split("style-src")[0]


def test_the_quick_reader_finds_forbidden_code_as_reading_every_tag_does():
    for _, html, _ in FORBIDDEN:
        assert csp.inline_code(html) == csp.inline_code_of_whole_page(html)


def test_many_unsafe_pages_are_named_ten_at_a_time(tmp_path):
    site = _site(tmp_path, {f"p{n:02}/index.html": _page('<img src=x onerror="a()">' * 5) for n in range(12)})
    with pytest.raises(csp.UnsafePage) as failure:
        csp.add_content_security_policy(site, known=THEME)
    lines = str(failure.value).splitlines()
    assert lines[1] == '- page /p00/: <img onerror="a()"; <img onerror="a()"; <img onerror="a()"; and 2 more'
    assert "- and 2 more pages" in lines


def test_a_script_in_a_hand_written_page_stops_the_build_and_publishes_nothing(tmp_path):
    paths = copy_project(tmp_path)
    page = paths.docs / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    pipeline.generate(paths, today=TODAY)
    with pytest.raises(BuildFailed) as failure:
        build_site(paths.config, paths.site, settings=pipeline.site_settings(paths))
    assert "- page /privacy/: <script>alert(1)" in str(failure.value).splitlines()
    assert not paths.site.exists()
    assert [p.name for p in paths.site.parent.iterdir() if p.name.startswith(".site-new")] == []


def test_every_page_asks_the_browser_to_send_no_referrer(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert any("/embed/" in page.as_posix() for page in pages)  # the generated chart-only pages too
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        tags = head.find_all("meta", attrs={"name": "referrer"})
        assert [tag["content"] for tag in tags] == ["no-referrer"], page
        # Before any link or resource the page loads, so it governs every request.
        assert tags[0].find_all_previous(["link", "script", "style", "img"]) == [], page
