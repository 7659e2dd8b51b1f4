"""Content Security Policy: every page allows only the site's own origin, inline scripts by hash, and the
browser reports no violation on any page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_charts import csp

from .pages import PAGE_TYPES, page_of_type, record_visit


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        if part.strip():
            name, *sources = part.split()
            parsed[name] = sources
    return parsed


def page_policy(file: Path) -> str:
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    tags = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(tags) == 1, f"{file}: {len(tags)} policy tags"
    # Before anything the policy governs: no script, style or stylesheet comes earlier in <head>.
    earlier = tags[0].find_all_previous(["script", "style", "link"])
    assert earlier == [], f"{file}: {earlier[0]} comes before the policy"
    return tags[0]["content"]


def test_every_page_carries_a_policy_that_allows_only_its_own_origin(built_site: Path):
    files = sorted(built_site.rglob("*.html"))
    assert len(files) > 10
    for file in files:
        policy = directives(page_policy(file))
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"][0] == "'self'"
        assert all(source.startswith("'sha256-") for source in policy["script-src"][1:]), file
        assert "'unsafe-inline'" not in policy["style-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert policy["object-src"] == ["'none'"]


def test_the_headers_file_sends_a_site_wide_policy(built_site: Path):
    lines = (built_site / "_headers").read_text(encoding="utf-8").splitlines()
    assert "/*" in lines
    header = next(line.strip() for line in lines if line.strip().startswith("Content-Security-Policy:"))
    policy = directives(header.split(":", 1)[1])
    assert policy["default-src"] == ["'self'"] and "'unsafe-inline'" not in policy["script-src"]
    # Each page's own hashes are among the site-wide ones, so a host that sends both still runs the page.
    for file in built_site.rglob("*.html"):
        assert set(directives(page_policy(file))["script-src"]) <= set(policy["script-src"]), file


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_policy_violations(visitor, pages, page_type):
    visit = visitor.visit(page_of_type(pages, page_type))
    assert visit.csp_violations == []
    assert visit.errors == []


def test_every_page_has_no_policy_violations(visitor, pages):
    found = {path: visit.csp_violations for path, visit in visitor.visit_all(pages).items()}
    assert {path: v for path, v in found.items() if v} == {}


def test_the_browser_blocks_and_reports_an_inline_script_the_policy_does_not_list(site, chromium):
    home = (site.folder / "index.html").read_text(encoding="utf-8")
    broken = home.replace("</article>", "<script>window.__ran = true</script></article>", 1)
    url = site.add_page("broken-csp.html", broken)
    context = chromium.new_context()
    page = None
    try:
        visit = record_visit(context, url, run_axe=False)
        page = context.new_page()
        page.goto(url)
        ran = page.evaluate("window.__ran === true")
    finally:
        context.close()
    assert [v["directive"] for v in visit.csp_violations] == ["script-src-elem"]
    assert ran is False


def test_the_browser_blocks_a_script_from_another_host(site, chromium):
    home = (site.folder / "index.html").read_text(encoding="utf-8")
    url = site.add_page("broken-csp-host.html", home.replace("</head>", '<script src="https://example.com/x.js"></script></head>', 1))
    context = chromium.new_context()
    try:
        visit = record_visit(context, url, run_axe=False)
    finally:
        context.close()
    assert [(v["directive"], v["blocked"]) for v in visit.csp_violations] == [("script-src-elem", "https://example.com/x.js")]
    # Chromium still reports the attempt as a request, so the privacy gate sees it too.
    assert visit.third_party_requests(site.origin) == ["https://example.com/x.js"]


def test_inline_scripts_are_hashed_as_the_browser_reads_them():
    html = ('<head><meta charset="utf-8"><script>a()\r\n</script><script type="application/json">{}</script>'
            '<script src="x.js"></script><style>p{}</style></head><p style="color: red">x</p>')
    code = csp.inline_code(html)
    assert code.scripts == ["a()\n"] and code.styles == ["p{}"] and code.style_attributes == ["color: red"]
    # echo -n 'a()' | openssl dgst -sha256 -binary | base64, with the newline added
    assert csp.source_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    page = csp.with_policy(html, csp.policy(code))
    assert page.index("Content-Security-Policy") < page.index("<script>")
    assert "'unsafe-hashes'" in directives(csp.policy(code))["style-src"]
