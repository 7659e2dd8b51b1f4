"""Hostile text in the inputs the site accepts (CSV text columns, the descriptor's name and descriptions, a news
post's title and description) stays inert in the browser: on every page, no dialog opens, the page does not
leave for another address, nothing is requested from another host and the policy reports no violation.

The site is built with validation skipped (tests/test_escape_theme.py), so the escaping holds on its own."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from test_escape_theme import build_injected_site

from conftest import built_once

from .pages import RECORD_CSP, is_local, site_pages


@dataclass
class Outcome:
    """What one page did after it loaded."""

    dialogs: list[str] = field(default_factory=list)
    left_for: list[str] = field(default_factory=list)
    other_hosts: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)

    def clean(self) -> bool:
        return not (self.dialogs or self.left_for or self.other_hosts or self.csp)


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory, serve):
    """The injected site tests/test_escape_theme.py reads too, built once per test run."""
    return serve(built_once(tmp_path_factory, "injected-mkdocs", build_injected_site))


def open_pages(context, origin: str, urls: list[str], settle_ms: int = 300) -> list[Outcome]:
    """Load each of `urls` in its own tab, wait for a refresh or a late script to act, and record what happened.

    Eight tabs are open at once: each is loaded, then all wait together, so every tab has waited at least
    `settle_ms` since its own load before it is read."""
    outcomes = []
    for start in range(0, len(urls), 8):
        opened = []
        try:
            for url in urls[start:start + 8]:
                opened.append(_open_tab(context, origin, url))
            opened[0][0].wait_for_timeout(settle_ms)  # a 0-second refresh happens after load
            outcomes += [_read_tab(page, url, outcome) for page, url, outcome in opened]
        finally:
            for page, _, _ in opened:
                page.close()
    return outcomes


def open_page(context, origin: str, url: str, settle_ms: int = 300) -> Outcome:
    """Load `url`, wait for a refresh or a late script to act, and record what happened."""
    return open_pages(context, origin, [url], settle_ms)[0]


def _open_tab(context, origin: str, url: str):
    """A new tab that records dialogs, navigations, requests to other hosts and policy reports, loaded."""
    outcome = Outcome()
    page = context.new_page()
    page.on("dialog", lambda dialog: (outcome.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("framenavigated", lambda frame: frame == page.main_frame and frame.url != url
            and outcome.left_for.append(frame.url))
    page.on("request", lambda request: not is_local(request.url, origin) and outcome.other_hosts.append(request.url))
    page.on("console", lambda message: "Content Security Policy" in message.text and outcome.csp.append(message.text))
    page.add_init_script(RECORD_CSP)
    try:
        page.goto(url, wait_until="load")
    except BaseException:
        page.close()
        raise
    return page, url, outcome


def _read_tab(page, url: str, outcome: Outcome) -> Outcome:
    if page.url == url:
        outcome.csp += [f"{v['directive']}: {v['sample']}" for v in page.evaluate("window.__cspViolations || []")]
    return outcome


@pytest.fixture(scope="module")
def outcomes(chromium, injected_site) -> dict[str, Outcome]:
    context = chromium.new_context()
    try:
        paths = site_pages(injected_site.folder)
        return dict(zip(paths, open_pages(context, injected_site.origin, [injected_site.url(p) for p in paths]),
                        strict=True))
    finally:
        context.close()


def test_the_pages_holding_hostile_text_are_all_visited(outcomes):
    for path in ["", "404.html", "strategy/sds-2017/", "updates/hostile-post/", "about-the-data/"]:
        assert path in outcomes


@pytest.mark.parametrize("what", ["dialogs", "left_for", "other_hosts", "csp"])
def test_no_page_runs_leaves_or_reaches_out(outcomes, what):
    assert {path: getattr(o, what) for path, o in outcomes.items() if getattr(o, what)} == {}


def test_the_check_sees_a_page_where_the_text_was_not_escaped(injected_site, chromium):
    """The gate can fail: the strategy page with its title printed unescaped, and its policy allowing the
    injected script as it did when hashes were taken from whatever the built page held."""
    html = (injected_site.folder / "strategy" / "sds-2017" / "index.html").read_text(encoding="utf-8")
    broken = html.replace('<meta name="referrer" content="no-referrer">',
                          '<meta name="description" content="0;url=https://evil.test/phish" http-equiv="refresh" x="">'
                          "</title><script>alert(1)</script>", 1)
    broken = re.sub(r"script-src 'self'", "script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='", broken)
    url = injected_site.add_page("strategy/broken-injection.html", broken)
    context = chromium.new_context()
    try:
        outcome = open_page(context, injected_site.origin, url, settle_ms=1000)
    finally:
        context.close()
    assert outcome.dialogs == ["1"]
    # The refresh leaves for evil.test (whose name never resolves here, so Chromium shows its error page).
    assert outcome.other_hosts[:1] == ["https://evil.test/phish"] and outcome.left_for != []
