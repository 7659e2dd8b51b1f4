"""The site builder's configuration (mkdocs.yml) places every kind of page the site makes.

mkdocs.yml stays a plain file that both site builders read as it is; the page types come from the route table
(build_charts/routes.py). Every page type the navigation lists needs its line under `nav:`, and every other one
its pattern under `not_in_nav:`, or the builder stops on the first unplaced page with a message for developers.
This check says instead, before anything is built, which line to add and where. Lines a partnership adds for
its own pages are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_charts.config import SiteConfig
from build_charts.routes import ROUTES, Route, nav_entries, not_in_nav
from build_charts.validate.problem import Problem

FILE = "mkdocs.yml"
PLACED = "every page the site makes either in the menu (under nav:) or left out of it (under not_in_nav:)"


def check(site: SiteConfig, routes: dict[str, Route] | None = None) -> Iterator[Problem]:
    """A problem for each page type of the route table that mkdocs.yml (`site`, as read) neither lists in nav nor
    leaves out."""
    routes = routes or ROUTES
    try:
        text = site.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""  # the lines are only named, to help; the file was read when its settings were
    listed = set(_files(list(site.nav)))
    nav_line = _line_of(text, "nav")
    for entry in nav_entries(routes):
        (title, source), = entry.items()
        if source not in listed:
            yield _missing("nav-missing-page", nav_line, f'"nav:" has no line for {source}',
                           f'Add the line "  - {title}: {source}" under "nav:"{_at(nav_line)}, where the page '
                           "should appear in the menu.")
    left_out = site.not_in_nav
    hidden_line = _line_of(text, "not_in_nav")
    for pattern in not_in_nav(routes):
        if pattern not in left_out:
            yield _missing("not-in-nav-missing", hidden_line, f'"not_in_nav:" has no line for {pattern}',
                           f'Add the line "  {pattern}" under "not_in_nav: |"{_at(hidden_line)}.')


def _missing(code: str, line: int | None, found: str, fix: str) -> Problem:
    return Problem(code=code, file=FILE, line=line, found=found, expected=PLACED, fix=fix)


def _files(nav) -> Iterator[str]:
    """Every file a nav section names, at any depth."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _files(value)


def _line_of(text: str, key: str) -> int | None:
    """The line a top-level key starts on (1 for the first line), or None when the file has no such key."""
    found = re.search(rf"(?m)^{re.escape(key)}:", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _at(line: int | None) -> str:
    return f" (line {line})" if line else ""
