"""Updates: hand-written news posts in docs/updates/, listed newest first, with an Atom feed."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import yaml

from build_charts.pages.markdown import front_matter, inline, long_date
from build_charts.validate.problem import Problem

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


def post_problems(docs: Path, source_ids: set[str], today: date) -> list[Problem]:
    """Every problem with the posts' front matter, located by file and key."""
    problems = []
    for path in post_files(docs):
        file = f"docs/updates/{path.name}"
        meta = read_meta(path)
        for key in REQUIRED:
            if not meta.get(key):
                problems.append(Problem(code="post-missing-field", file=file, column=key, found=f"no {key}",
                                        expected=f"a '{key}:' line in the block between the --- lines at the top",
                                        fix=f"Add '{key}: ...' to the top block, as in the other posts."))
        value = meta.get("date")
        if value and not isinstance(value, date):
            problems.append(Problem(code="post-bad-date", file=file, column="date", found=f'"{value}"',
                                    expected="a date written as YYYY-MM-DD", fix="Write the date as e.g. 2026-11-25."))
        elif isinstance(value, date) and value > today:
            problems.append(Problem(code="future-date", file=file, column="date", found=f'"{value}", which is in the future',
                                    expected="the date the post is published", fix="Use today's date or earlier."))
        source = meta.get("source_id")
        if source and source not in source_ids:
            problems.append(Problem(code="unknown-reference", file=file, column="source_id",
                                    found=f'"{source}", which is not in sources.csv',
                                    expected="an id that exists in sources.csv",
                                    fix="Correct the id, or add the source to datasets/sources.csv first."))
    return problems


def read_posts(docs: Path) -> list[Post]:
    """Every post, newest first (validated beforehand by post_problems)."""
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
        "[Atom feed](feed.xml).\n",
    ]
    if not posts:
        out.append("No updates have been posted yet.\n")
    for post in posts:
        out.append(f"## [{inline(post.title)}]({post.slug}.md)\n")
        out.append(f"Posted {long_date(post.date)}. {inline(post.description)}\n")
    return "\n".join(out)


def atom_feed(posts: list[Post], site_name: str, site_url: str | None) -> str:
    """An Atom 1.0 feed of the posts; links are relative to the feed when the site's address is not set."""
    base = (site_url.rstrip("/") + "/updates/") if site_url else ""
    updated = posts[0].date if posts else date(1970, 1, 1)
    entries = []
    for post in posts:
        link = f"{base}{post.slug}/"
        entries.append(
            "  <entry>\n"
            f"    <title>{xml_escape(post.title)}</title>\n"
            f'    <link rel="alternate" type="text/html" href="{xml_escape(link)}"/>\n'
            f"    <id>{_urn(site_name, post.slug)}</id>\n"
            f"    <updated>{post.date.isoformat()}T00:00:00Z</updated>\n"
            f"    <summary>{xml_escape(post.description)}</summary>\n"
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{f" xml:base={_attr(base)}" if base else ""}>\n'
        f"  <title>{xml_escape(site_name)}: updates</title>\n"
        f'  <link rel="alternate" type="text/html" href="{xml_escape(base or "./")}"/>\n'
        f'  <link rel="self" type="application/atom+xml" href="{xml_escape(base + "feed.xml" if base else "feed.xml")}"/>\n'
        f"  <id>{_urn(site_name, 'updates')}</id>\n"
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>\n"
        f"  <author><name>{xml_escape(site_name)}</name></author>\n"
        + "".join(entries)
        + "</feed>\n"
    )


def _urn(site_name: str, slug: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site_name}/{slug}')}"


def _attr(value: str) -> str:
    return '"' + xml_escape(value, {'"': "&quot;"}) + '"'


def update_pages(posts: list[Post], site_name: str, site_url: str | None) -> dict[str, str]:
    """The updates index and the Atom feed, keyed by path under the docs folder."""
    return {"updates/index.md": updates_index(posts), "updates/feed.xml": atom_feed(posts, site_name, site_url)}
