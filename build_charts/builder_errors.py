"""When the site builder stops after the data passed every check: one plain paragraph saying what to fix, in place
of the builder's log (its strict-mode warnings name staged files and its own terms)."""

from __future__ import annotations

import re
from pathlib import Path

# MkDocs' warnings that stop a strict build, with what they name.
_MISSING = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target '[^']*' is not "
                      r"found among documentation files")
_ANCHOR = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc '[^']*' does not "
                     r"contain an anchor '#(?P<anchor>[^']+)'")
_OTHER_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains an? (?:absolute|unrecognized relative) link "
                         r"'(?P<link>[^']+)'")
_NAV = re.compile(r"A reference to '(?P<link>[^']+)' is included in the 'nav' configuration")
KEPT = "Nothing was published: the site stays as it was until this is fixed."


def plain_failure(output: str, docs: Path) -> str:
    """What to fix, in one paragraph, for the first problem the builder reported; its log only when it is not known."""
    for pattern, say in ((_MISSING, _missing), (_ANCHOR, _anchor), (_OTHER_LINK, _unusable), (_NAV, _menu)):
        match = pattern.search(output)
        if match:
            return say(match, docs)
    last = [line.strip() for line in output.splitlines() if line.strip()][-3:]
    return ("The site builder stopped after the data passed every check, and this kit does not know its message "
            f"yet. {KEPT} Ask a developer; the builder said: " + " / ".join(last))


def _missing(match: re.Match, docs: Path) -> str:
    page, link = match["page"], match["link"]
    return (f"{_page_words(page)} links to “{link}”{_line(docs, page, link)}, but this site has no page there. "
            "Correct the address (a page of this site is written as its file, for example ../get-help/index.md, or "
            f"give a full address starting with https://), or remove the link. {KEPT}")


def _anchor(match: re.Match, docs: Path) -> str:
    page, link = match["page"], match["link"]
    return (f"{_page_words(page)} links to “{link}”{_line(docs, page, link)}, but the page it points to has no "
            f"heading “#{match['anchor']}”. Link to the page without the part after #, or to a heading it has. {KEPT}")


def _unusable(match: re.Match, docs: Path) -> str:
    page, link = match["page"], match["link"]
    return (f"{_page_words(page)} links to “{link}”{_line(docs, page, link)}, an address the site cannot follow. "
            f"Write a full address starting with https://, or a page of this site as its file (../get-help/index.md). "
            f"{KEPT}")


def _menu(match: re.Match, docs: Path) -> str:
    return (f"The menu in mkdocs.yml (under nav:) lists “{match['link']}”, but there is no such page in docs/. "
            f"Correct the line, or remove it. {KEPT}")


def _page_words(page: str) -> str:
    """The page a warning names, as the file the comms team edits."""
    if page.startswith("updates/") and page.endswith(".md") and page != "updates/index.md":
        return f"The news post docs/{page}"
    return f"The page docs/{page}"


def _line(docs: Path, page: str, link: str) -> str:
    """' on line N' of the hand-written file where the link is written, when it can be found."""
    try:
        lines = (docs / page).read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    for number, text in enumerate(lines, start=1):
        if f"({link}" in text or f"]: {link}" in text or f'"{link}"' in text or link in text:
            return f" on line {number}"
    return ""
