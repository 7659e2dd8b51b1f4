"""What the browser gates look at: the site's pages, its page types, and one recorded visit per page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

# Every kind of page the gates must cover, as a pattern over URL paths ('' is home). The first page
# (in sorted order) that matches stands for its type.
PAGE_TYPES: dict[str, str] = {
    "home": r"",
    "theme progress": r"progress/(?!by-lead-agency/)[^/]+/",
    "key facts": r"key-facts/",
    "chart permalink": r"charts/[^/]+/",
    "chart embed": r"charts/[^/]+/embed/",
    "get help": r"get-help/",
    "updates": r"updates/",
    "about the data": r"about-the-data/",
    "glossary": r"glossary/",
    "search": r"search/",
}
# Page types still being built on other branches: while one is missing from the site its tests skip
# (every page that does exist is still checked). Empty this set to make every type required.
PENDING_PAGE_TYPES: set[str] = set()

# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# Collects Content Security Policy violations from the first moment of the page.
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push({
  directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, line: e.lineNumber,
}));
"""


def site_pages(site: Path) -> list[str]:
    """URL path of every HTML page in a built site: 'x/' for x/index.html, else the file's path."""
    paths = []
    for file in site.rglob("*.html"):
        relative = file.relative_to(site).as_posix()
        paths.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return sorted(paths)


def page_of_type(pages: list[str], page_type: str) -> str:
    """The page that stands for a page type; skips (or fails, once the type is required) if there is none."""
    pattern = re.compile(PAGE_TYPES[page_type] + r"\Z")
    matches = [p for p in pages if pattern.match(p)]
    if not matches:
        message = f"the site has no {page_type} page yet (pattern {PAGE_TYPES[page_type]!r})"
        if page_type in PENDING_PAGE_TYPES:
            pytest.skip(message)
        pytest.fail(message)
    return matches[0]


def is_local(url: str, origin: str) -> bool:
    """True for a request that stays on the site's own server (data: and blob: never leave the page)."""
    return url.startswith(origin + "/") or url == origin or url.startswith(("data:", "blob:"))


@dataclass
class Visit:
    """What one page did in the browser."""

    url: str
    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    csp_violations: list[dict] = field(default_factory=list)
    axe_violations: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def third_party_requests(self, origin: str) -> list[str]:
        return [url for url in self.requests if not is_local(url, origin)]


def axe_summary(violations: list[dict]) -> list[str]:
    """One line per failing element: rule, impact, target and axe's explanation."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation.get('impact')}): {node['target']} - {node.get('failureSummary', '')}")
    return lines


_axe = Axe()


def record_visit(context, url: str, run_axe: bool = True) -> Visit:
    """Open `url` in a new tab, wait until the network is quiet, and record requests, CSP violations and axe."""
    return record_visits(context, [url], run_axe)[0]


# How many tabs are open at once while a gate visits many pages: each still waits for its own network to be quiet,
# but the tabs wait at the same time rather than one after another.
TABS_AT_ONCE = 8


def record_visits(context, urls: list[str], run_axe: bool = True) -> list[Visit]:
    """record_visit for each of `urls`, TABS_AT_ONCE tabs at a time: every tab is loaded, then each in turn waits
    until its network is quiet and is recorded (and checked by axe) exactly as record_visit does alone."""
    visits = []
    for start in range(0, len(urls), TABS_AT_ONCE):
        opened: list[tuple[object, Visit]] = []
        try:
            for url in urls[start:start + TABS_AT_ONCE]:
                opened.append(_open_tab(context, url))
            visits += [_finish_visit(page, visit, run_axe) for page, visit in opened]
        finally:
            for page, _ in opened:
                if not page.is_closed():
                    page.close()
    return visits


def _open_tab(context, url: str) -> tuple[object, Visit]:
    """A new tab that records what `url` requests and reports, loaded (its `load` event has fired)."""
    visit = Visit(url)
    page = context.new_page()
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("requestfinished", lambda request: _record_failure(visit, request))
    page.on("requestfailed", lambda request: visit.failed_requests.append(f"failed {request.url}"))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.add_init_script(RECORD_CSP)
    try:
        page.goto(url, wait_until="load")
    except BaseException:
        page.close()
        raise
    return page, visit


def _finish_visit(page, visit: Visit, run_axe: bool) -> Visit:
    """Wait until the tab's network is quiet, record its CSP violations (and axe's findings), and close it."""
    try:
        page.wait_for_load_state("networkidle")
        visit.csp_violations = page.evaluate("window.__cspViolations || []")
        if run_axe:
            visit.axe_violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        page.close()
    return visit


def _record_failure(visit: Visit, request) -> None:
    response = request.response()
    if response is not None and response.status >= 400:
        visit.failed_requests.append(f"{response.status} {request.url}")


class PageVisitor:
    """Visits each page of one served site once and keeps the record, so every gate shares the visit."""

    def __init__(self, context, origin: str):
        self.context, self.origin, self._visits = context, origin, {}

    def visit(self, path: str) -> Visit:
        if path not in self._visits:
            self._visits[path] = record_visit(self.context, f"{self.origin}/{path}")
        return self._visits[path]

    def visit_all(self, paths: list[str]) -> dict[str, Visit]:
        """The visit of each of `paths`, those not yet visited visited together (record_visits)."""
        new = [path for path in dict.fromkeys(paths) if path not in self._visits]
        for path, visit in zip(new, record_visits(self.context, [f"{self.origin}/{p}" for p in new]), strict=True):
            self._visits[path] = visit
        return {path: self._visits[path] for path in paths}
