"""Safe building blocks for generated Markdown: every dataset value passes through here escaped."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import NamedTuple

from markupsafe import Markup

from build_charts import i18n, passthrough
from build_charts.html import esc  # noqa: F401  (page modules import it from here)
from build_charts.routes import relative
from build_charts.templating import render
from build_charts.vocab import NOT_REPORTED  # noqa: F401  (page modules import it from here)

# The characters the builder's Markdown reads as syntax and lets a backslash escape (Python-Markdown's ESCAPED_CHARS
# with the tables extension's |). ~ and ^ are not among them: a backslash before one would be shown.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|])")
BULLET = "* "


def inline(text: str | None) -> str:
    """Dataset text made safe for a Markdown heading or list item: no HTML, no Markdown syntax."""
    if not text:
        return ""
    escaped = html.escape(" ".join(str(text).split()), quote=False)
    return MARKDOWN_SPECIALS.sub(r"\\\1", escaped)


def not_reported() -> str:
    """'Not reported', as the partnership words it: what a page shows where a source says nothing."""
    return i18n.gettext("Not reported")


def text_html(text: str | None, empty: str | None = None) -> str:
    """Multi-line dataset text as HTML paragraphs and bullet lists, escaped; `empty` (else 'Not reported') when blank."""
    return render("text.html", parts=text_parts(text), empty=not_reported() if empty is None else empty)


class TextPart(NamedTuple):
    """A paragraph (`text`) or a bullet list (`bullets`) of multi-line text."""

    text: str | None = None
    bullets: list[str] | None = None


def text_parts(text: str | None) -> list[TextPart]:
    """Multi-line text as a list of paragraphs and bullet lists."""
    parts: list[TextPart] = []
    for line in str(text or "").splitlines():
        line = line.strip()
        if line.startswith(BULLET):
            if not parts or parts[-1].bullets is None:
                parts.append(TextPart(bullets=[]))
            parts[-1].bullets.append(line[len(BULLET):])
        elif line:
            parts.append(TextPart(text=line))
    return parts


def web_link(url: str, text: str | Markup) -> Markup:
    """A link to an http(s) address; any other scheme (javascript:, data:, …) is shown as text, never linked.

    `text` is escaped unless it is HTML a template made (Markup).
    """
    linked = bool(re.match(r"https?://", str(url).strip(), re.IGNORECASE))
    return render("web_link.html", url=str(url).strip(), text=text, linked=linked)


def html_block(*lines: str) -> str:
    """Raw HTML for Markdown: one block with no blank lines inside, so Markdown leaves it alone.

    The block sits between the marker lines of `build_charts.passthrough`, which lets the builder's Markdown
    set it aside unread; without that extension it is ordinary raw HTML and reads the same.
    """
    joined = "\n".join(line for line in lines if line)
    html = [_no_fence(line) for line in joined.splitlines() if line.strip()]
    return "\n".join([passthrough.START, *html, passthrough.END]) + "\n"


# A line starting with ``` or ~~~ opens a code block in the builder's Markdown, even inside a block of HTML.
_FENCE = re.compile(r"^(\s*)([`~]{3,})")


def _no_fence(line: str) -> str:
    """The line with a leading run of backticks or tildes written as character references (shown the same)."""
    return _FENCE.sub(lambda found: found.group(1) + "".join(f"&#{ord(c)};" for c in found.group(2)), line)


def front_matter(
    title: str,
    description: str,
    sources: list[str] = (),
    last_updated: str | None = None,
    light: bool = False,
    preview_image: str | None = None,
    preview_alt: str | None = None,
    searchable: bool = True,
    search_boost: float | None = None,
    exit_url: str | None = None,
) -> str:
    """YAML front matter: title, meta description, the data files the page is made from, and its last update.

    A `light` page loads no theme JavaScript: for people who need it to load fast (its header still links to
    the search page, like every page's).
    A `preview_image` (a path from the site root) gives the page link-preview tags with that image.
    A page that is not `searchable` stays out of the search index, which the search page downloads whole:
    pages that repeat what another page holds are left out, so the index stays small at any size.
    A `search_boost` ranks the page higher in search results (the theme's `search.boost`).
    An `exit_url` gives the page an "Exit this page" link to that address in its top bar.
    """
    lines = ["---", f"title: {_yaml_string(title)}", f"description: {_yaml_string(description)}"]
    if light:
        lines.append("light: true")
    if not searchable:
        lines += ["search:", "  exclude: true"]
    elif search_boost:
        lines += ["search:", f"  boost: {search_boost:g}"]
    if exit_url:
        lines.append(f"exit_url: {_yaml_string(exit_url)}")
    if preview_image:
        lines.append(f"preview_image: {_yaml_string(preview_image)}")
        lines.append(f"preview_alt: {_yaml_string(preview_alt or title)}")
    if sources:
        lines.append("source_files:")
        lines += [f"  - {_yaml_string('datasets/' + name)}" for name in sources]
    if last_updated:
        lines.append(f"last_updated: {_yaml_string(last_updated)}")
    return "\n".join([*lines, "---", "", ""])


def _yaml_string(text: str) -> str:
    return '"' + " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def long_date(value: date | str | None) -> str:
    """A date as people write it (25 November 2026); YYYY-MM as a month; None as not reported."""
    if value is None or value == "":
        return not_reported().lower()
    if isinstance(value, date):
        return i18n.day_month_year(value)
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return long_date(date.fromisoformat(text))
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return i18n.month_year(date.fromisoformat(text + "-01"))
    return text


def last_updated_note(when: str | None) -> str:
    """'Last updated: January 2025.' for the top of a page, from the data; nothing when the data gives no date."""
    return html_block(render("last_updated.html", when=when)) if when else ""


def table(headers: list[str], rows: list[list[str]], caption: str, numeric: set[int] = frozenset()) -> str:
    """An accessible HTML data table (caption, column headers, row headers), all cells escaped."""
    body = [(row[0], [(cell, index in numeric) for index, cell in enumerate(row[1:], start=1)]) for row in rows]
    return html_block(render("table.html", headers=headers, body=body, caption=caption))


def in_pages(items: list, size: int) -> list[list]:
    """`items` split into consecutive pages of at most `size`, in order; none when there are no items."""
    return [items[start:start + size] for start in range(0, len(items), size)]


def page_folder(number: int) -> str:
    """Where page `number` of a list sits under the list's folder: '' for the first, then 'page-2/' and so on."""
    return "" if number == 1 else f"page-{number}/"


def list_pages_nav(current: int, of: int) -> str:
    """Links to every page of a list split into pages; the page being read is named, not linked. Nothing for one."""
    if of == 1:
        return ""
    pages = [{"number": number, "current": number == current, "href": relative(page_folder(current), page_folder(number))}
             for number in range(1, of + 1)]
    return html_block(render("list_pages.html", pages=pages))
