"""Updates: hand-written news posts in docs/updates/, listed newest first, with an Atom feed."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from build_charts.pages.markdown import front_matter, inline, long_date
from build_charts.routes import absolute_url, path_for, url_for

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
REQUIRED = ("title", "date", "description", "source_id")


@dataclass(frozen=True)
class Post:
    """One news post: its address, front matter and the file it came from."""

    slug: str
    title: str
    date: date
    description: str
    source_id: str


def post_files(docs: Path) -> list[Path]:
    """The Markdown files of every post (the generated index is not one)."""
    folder = docs / "updates"
    return sorted(p for p in folder.glob("*.md") if p.name != "index.md") if folder.exists() else []


def read_meta(path: Path) -> dict:
    """A post's front matter as a dict; empty when it has none or it cannot be read."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        return {}
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def read_posts(docs: Path) -> list[Post]:
    """Every post, newest first (validated beforehand by validate/checks/posts.py)."""
    posts = []
    for path in post_files(docs):
        meta = read_meta(path)
        posts.append(Post(slug=path.stem, title=str(meta["title"]), date=meta["date"],
                          description=str(meta["description"]), source_id=str(meta["source_id"])))
    return sorted(posts, key=lambda p: (p.date, p.title), reverse=True)


def updates_index(posts: list[Post]) -> str:
    """The updates page: every post, newest first, with a link to the feed."""
    out = [
        front_matter("Updates", "News and updates from the partnership, newest first."),
        "# Updates\n",
        "News from the partnership, newest first. Follow new posts in a feed reader with the "
        f"[Atom feed]({url_for('updates', HERE, file=FEED)}).\n",
    ]
    if not posts:
        out.append("No updates have been posted yet.\n")
    for post in posts:
        out.append(f"## [{inline(post.title)}]({url_for('update', HERE, source=True, slug=post.slug)})\n")
        out.append(f"Posted {long_date(post.date)}. {inline(post.description)}\n")
    return "\n".join(out)


ATOM = "http://www.w3.org/2005/Atom"
HERE = path_for("updates")
FEED = "feed.xml"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# Characters XML 1.0 cannot hold at all, even escaped (control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def atom_feed(posts: list[Post], site_name: str, site_url: str | None) -> str:
    """An Atom 1.0 feed of the posts; links are relative to the feed when the site's address is not set.

    Written by an XML serialiser, so any text in a title or description stays text.
    """
    base = absolute_url("updates", site_url) if site_url else ""
    updated = posts[0].date if posts else date(1970, 1, 1)
    feed = ET.Element("feed", {"xmlns": ATOM, **({XML_BASE: base} if base else {})})
    _add(feed, "title", f"{site_name}: updates")
    _add(feed, "link", rel="alternate", type="text/html", href=base or "./")
    _add(feed, "link", rel="self", type="application/atom+xml", href=base + FEED if base else FEED)
    _add(feed, "id", _urn(site_name, "updates"))
    _add(feed, "updated", f"{updated.isoformat()}T00:00:00Z")
    _add(_add(feed, "author"), "name", site_name)
    for post in posts:
        entry = _add(feed, "entry")
        _add(entry, "title", post.title)
        _add(entry, "link", rel="alternate", type="text/html", href=base + url_for("update", HERE, slug=post.slug))
        _add(entry, "id", _urn(site_name, post.slug))
        _add(entry, "updated", f"{post.date.isoformat()}T00:00:00Z")
        _add(entry, "summary", post.description)
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element (in the feed's namespace, Atom); characters XML cannot hold are left out of its text and attributes."""
    child = ET.SubElement(parent, name, {key: _NOT_XML.sub("", value) for key, value in attributes.items()})
    if text is not None:
        child.text = _NOT_XML.sub("", text)
    return child


def _urn(site_name: str, slug: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site_name}/{slug}')}"


def update_pages(posts: list[Post], site_name: str, site_url: str | None) -> dict[str, str]:
    """The updates index and the Atom feed, keyed by path under the docs folder."""
    return {HERE + "index.md": updates_index(posts), HERE + FEED: atom_feed(posts, site_name, site_url)}
