"""What a built site shows, as text: each page's title and blocks of visible text, and each published file's
content in a form that ignores how it was written (row order kept, markup, scripts, styles and stamps left out).

Two sites that read the same give equal snapshots, whatever their markup, so comparing snapshots finds every
change a reader or a download can see.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup, NavigableString, Tag

# Elements whose text is one block: a paragraph, a list item, a heading, a table row, a definition.
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd", "caption", "figcaption", "summary",
          "blockquote", "pre", "div", "section", "article", "aside", "nav", "header", "footer", "table", "ul", "ol",
          "dl", "details", "figure", "form", "main", "body", "label", "svg", "title", "desc", "text"}
CELLS = {"td", "th"}
HIDDEN = {"script", "style", "noscript", "template", "head"}
# Parts of every page that are the site's frame, not the page: compared once for the whole site.
FRAME = (".md-banner", "header.md-header", ".md-sidebar--primary", ".md-tabs", "footer.md-footer", ".md-skip", ".md-dialog")
# Files the build makes from other published files: what they show is compared through their source. Every other file
# is compared by its content: the theme's styles and scripts (a stylesheet can hide the help bar without a word
# changing), the pictures of docs/, and each chart's PNG, a share image holding words no page shows ("Source: …").
DERIVED = re.compile(r"(^|/)(search/search_index\.json$|sitemap\.xml\.gz$|_headers$)|\.(vl\.json|map)$")
# Where a page says what it is to search engines and link previews (not shown on the page itself).
DESCRIBED = "Description for search engines and link previews: "


@dataclass(frozen=True)
class Page:
    """One page as a reader sees it: its title, the blocks of its own text, and the blocks of the site's frame;
    and where each link leads ((words, address) pairs, the page's own and the frame's): a link can change where it
    leads without a word of the page changing."""

    title: str
    blocks: tuple[str, ...]
    frame: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    frame_links: tuple[tuple[str, str], ...] = ()


@dataclass
class Snapshot:
    """A built site as text: pages by address, and every other published file's comparable content by path."""

    pages: dict[str, Page] = field(default_factory=dict)
    files: dict[str, object] = field(default_factory=dict)


def snapshot(site: Path) -> Snapshot:
    """Read a built site into a Snapshot."""
    shot = Snapshot()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if DERIVED.search(relative) or relative == "404.html":
            continue
        if relative.endswith(".html"):
            shot.pages[page_address(relative)] = read_page(path.read_text(encoding="utf-8", errors="replace"))
        else:
            shot.files[relative] = read_file(relative, path.read_bytes())
    return shot


def page_address(relative: str) -> str:
    """A page's address from its file: 'progress/index.html' → 'progress/', 'index.html' → ''."""
    return relative.removesuffix("index.html") if relative.endswith("index.html") else relative


def read_page(html: str) -> Page:
    """A page's title and its blocks of visible text, the site's frame apart."""
    soup = BeautifulSoup(html, "html.parser")
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    description = soup.find("meta", attrs={"name": "description"})
    described = " ".join(str(description.get("content") or "").split()) if description else ""
    for hidden in [*soup.find_all(HIDDEN), *soup.find_all(attrs={"hidden": True})]:
        hidden.decompose()
    frame: list[str] = []
    frame_links: list[tuple[str, str]] = []
    for selector in FRAME:
        for part in soup.select(selector):
            frame += text_blocks(part)
            frame_links += links_of(part)
            part.decompose()
    body = soup.body or soup
    blocks = ([DESCRIBED + described] if described else []) + text_blocks(body)
    return Page(title=title, blocks=tuple(blocks), frame=tuple(frame), links=tuple(links_of(body)),
                frame_links=tuple(frame_links))


def links_of(element: Tag) -> list[tuple[str, str]]:
    """Each link in an element as (its words, where it leads), in reading order."""
    found = []
    for link in element.find_all(["a", "area"], href=True):
        words = " ".join(link.get_text(" ").split()) or link.get("aria-label") or link.get("title") or ""
        if not words:
            words = " ".join(str(img.get("alt") or "") for img in link.find_all("img")).strip()
        found.append((words, str(link["href"]).strip()))
    return found


def text_blocks(element: Tag) -> list[str]:
    """The visible text of an element, one string per block (paragraph, list item, heading, table row...)."""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(text)
        current.clear()

    def walk(node) -> None:
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a comment, doctype or CDATA
                current.append(str(node))
            return
        if not isinstance(node, Tag) or node.name in HIDDEN or node.has_attr("hidden"):
            return
        if node.name == "img" and node.get("alt"):
            current.append(f"[{node['alt']}]")
        if node.name == "input" and node.get("type", "text").lower() != "hidden":  # words shown in a box or button
            current.extend(f"[{node[key]}]" for key in ("value", "placeholder") if node.get(key))
        if node.name == "br":
            current.append(" ")
        block = node.name in BLOCKS
        if block:
            flush()
        previous = None
        for child in node.children:
            if isinstance(previous, Tag) and isinstance(child, Tag) and _laid_out_apart(current, child):
                flush()
            walk(child)
            previous = child
        if node.name in CELLS:
            current.append(" · ")
        if block:
            flush()

    walk(element)
    flush()
    return [block.strip(" ·") for block in blocks if block.strip(" ·")]


def _laid_out_apart(current: list[str], node: Tag) -> bool:
    """Whether an element's words start right against the words of the element before it, with no space: pieces the
    page lays out apart (a chart card's title link, then its summary), which would otherwise read as one run of words
    ("Commitments by status14 commitments…"). Words meant to flow on are written with a space or punctuation between
    (an abbreviation's " [meaning]", a link's ".")."""
    before = next((text for text in reversed(current) if text), "")
    after = node.get_text()
    return bool(before) and not before[-1].isspace() and bool(after) and after[0].isalnum()


def read_file(relative: str, content: bytes) -> object:
    """A published file's content in a comparable form: CSV rows, a zip's members, a feed's entries, a sitemap's
    addresses, an SVG's words, or else a hash of its bytes."""
    suffix = relative.rsplit(".", 1)[-1].lower()
    try:
        if suffix == "csv":
            return tuple(tuple(row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        if suffix == "zip":
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return {name: _digest(archive.read(name)) for name in archive.namelist()}
        if relative.endswith("feed.xml"):
            return feed_entries(content)
        if relative.endswith("sitemap.xml"):
            return frozenset(e.text or "" for e in ElementTree.fromstring(content).iter() if e.tag.endswith("loc"))
        if suffix == "svg":
            return svg_words(content)
    except (ValueError, zipfile.BadZipFile, ElementTree.ParseError, UnicodeDecodeError):
        pass
    return _digest(content)


def feed_entries(content: bytes) -> dict[str, tuple[str, ...]]:
    """The feed's title and entries, by entry id: each entry's title, dates, link and summary."""
    root = ElementTree.fromstring(content)
    entries = {}
    for entry in [root, *[e for e in root if e.tag.endswith("entry")]]:
        key = next((c.text or "" for c in entry if c.tag.endswith("id")), "")
        parts = [f"{c.tag.split('}')[-1]}: {' '.join((c.text or c.get('href') or '').split())}"
                 for c in entry if not c.tag.endswith("entry")]
        entries["" if entry is root else key] = tuple(parts)
    return entries


def svg_words(content: bytes) -> tuple[str, ...]:
    """The words a chart image shows or reads out: its text and its marks' labels."""
    root = ElementTree.fromstring(content)
    words = []
    for element in root.iter():
        text = " ".join("".join(element.itertext()).split()) if element.tag.endswith("text") else ""
        label = element.get("aria-label") or ""
        words += [w for w in (text, label) if w]
    return tuple(words)


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
