"""Updates: hand-written news posts in docs/updates/, listed newest story first, with an Atom feed.

A post's own date (its `date:` line) is the day it was added to this site. The story's date is the date its
source was published (sources.csv `published`); a source with no date says "date not given", never the day the
post was added. A source about another area (sources.csv `area`) marks the post as practice elsewhere.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import yaml
from mkdocs.utils.meta import YAML_RE

from build_charts import i18n
from build_charts.pages.markdown import front_matter, html_block, inline, long_date
from build_charts.pages.sources import cite, source_lookup
from build_charts.routes import absolute_url, page_file, path_for, source_for, url_for
from build_charts.templating import render

# MkDocs' own pattern, so the block ends exactly where MkDocs ends it (at --- or ...).
FRONT_MATTER = YAML_RE
REQUIRED = ("title", "date", "description", "source_id")


@dataclass(frozen=True)
class Post:
    """One news post: its address and front matter (`date` is the day it was added to this site), the date of its
    story (its source's publication date, as precise as the source gives it, or None) and the other area it is
    about (None when it is about the partnership's own area)."""

    slug: str
    title: str
    date: date
    description: str
    source_id: str
    story_date: str | None = None
    area: str | None = None
    text: str = ""  # the post's Markdown as written, front matter and all


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


def read_posts(docs: Path, sources: pd.DataFrame | None = None) -> list[Post]:
    """Every post, newest story first, with its story's date and area from its row in `sources` (validated
    beforehand by validate/checks/posts.py)."""
    rows = {} if sources is None else {row["source_id"]: row for row in sources.to_dict("records")}
    posts = []
    for path in post_files(docs):
        meta = read_meta(path)
        source = rows.get(str(meta["source_id"]), {})
        posts.append(Post(slug=path.stem, title=str(meta["title"]), date=meta["date"],
                          description=str(meta["description"]), source_id=str(meta["source_id"]),
                          story_date=_text(source.get("published")), area=_text(source.get("area")),
                          text=path.read_text(encoding="utf-8")))
    return newest_story_first(posts)


def _text(value) -> str | None:
    """A cell as text; None when it is empty."""
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value).strip()


def newest_story_first(posts: list[Post]) -> list[Post]:
    """Posts by their story's date, newest first; posts whose story is undated come last, latest added first."""
    dated = sorted((p for p in posts if p.story_date), key=lambda p: (p.story_date, p.date, p.title), reverse=True)
    undated = sorted((p for p in posts if not p.story_date), key=lambda p: (p.date, p.title), reverse=True)
    return dated + undated


def story_line(post: Post) -> str:
    """One post's label and dates as HTML: practice elsewhere, the story's date (or "date not given") and the day
    it was added to this site."""
    return render("updates/dates.html", area=post.area, story=time_element(post.story_date),
                  added=time_element(post.date.isoformat()))


def time_element(value: str | None) -> dict | None:
    """A date, month or year for a <time> element: its machine form and its words; None when there is none."""
    return {"iso": value, "words": long_date(value)} if value else None


def updates_intro(posts: list[Post]) -> str:
    """What the updates page lists, said from the posts it holds."""
    what = (i18n.sentence_md("News about the partnership's work, and practice from other areas that may interest "
                             "partners.") if any(post.area for post in posts)
            else i18n.sentence_md("News about the partnership's work."))
    feed = "[" + i18n.sentence_md("Atom feed") + f"]({url_for('updates', HERE, file=FEED)})"
    return (what + " " + i18n.sentence_md("Newest story first; stories whose date is not given come last.") + " "
            + i18n.sentence_md("Follow new posts in a feed reader with the %(feed)s.", feed=feed) + "\n")


def updates_index(posts: list[Post]) -> str:
    """The updates page: every post, newest story first, each with its story's date, and a link to the feed."""
    out = [
        front_matter(i18n.sentence("Updates"), i18n.sentence("News about the partnership's work, newest story first.")),
        "# " + i18n.sentence_md("Updates") + "\n",
        updates_intro(posts),
    ]
    if not posts:
        out.append(i18n.sentence_md("No updates have been posted yet.") + "\n")
    for post in posts:
        out.append(f"## [{inline(post.title)}]({url_for('update', HERE, source=True, slug=post.slug)})\n")
        out.append(html_block(story_line(post), render("paragraph.html", css=None, text=post.description)))
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
    updated = max(post.date for post in posts) if posts else date(1970, 1, 1)
    feed = ET.Element("feed", {"xmlns": ATOM, **({XML_BASE: base} if base else {})})
    _add(feed, "title", i18n.sentence("%(site)s: updates", site=site_name))
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
        if post.story_date:
            _add(entry, "published", atom_date(post.story_date))
        _add(entry, "updated", atom_date(post.story_date or post.date.isoformat()))
        _add(entry, "summary", post.description)
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def atom_date(value: str) -> str:
    """An Atom date-time for a date, month or year: the first day it covers (Atom needs a whole date and time).

    An undated story's entry is dated by the day it was added to this site, which is when that entry changed.
    """
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    return f"{year}-{month}-{day}T00:00:00Z"


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element (in the feed's namespace, Atom); characters XML cannot hold are left out of its text and attributes."""
    child = ET.SubElement(parent, name, {key: _NOT_XML.sub("", value) for key, value in attributes.items()})
    if text is not None:
        child.text = _NOT_XML.sub("", text)
    return child


def _urn(site_name: str, slug: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site_name}/{slug}')}"


def update_pages(posts: list[Post], site_name: str, site_url: str | None,
                 sources: pd.DataFrame | None = None) -> dict[str, str]:
    """The updates index, the Atom feed and each post's own page with its dates and source, keyed by path under
    the docs folder."""
    pages = {page_file("updates"): updates_index(posts), HERE + FEED: atom_feed(posts, site_name, site_url)}
    if sources is not None:
        cited = source_lookup(sources)
        for post in posts:
            if post.text and post.source_id in cited:
                pages[source_for("update", slug=post.slug)] = post_page(post, cited[post.source_id])
    return pages


def post_page(post: Post, source: dict) -> str:
    """A post as written, with its story's date (a <time> element), the day it was added and its source just under
    its title, as the updates list gives them."""
    line = html_block(story_line(post), cite(source))
    title = re.search(r"^# [^\n]*\n", post.text, re.MULTILINE)
    at = title.end() if title else (FRONT_MATTER.match(post.text).end() if FRONT_MATTER.match(post.text) else 0)
    return post.text[:at] + "\n" + line + "\n" + post.text[at:]
