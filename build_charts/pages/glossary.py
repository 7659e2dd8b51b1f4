"""The glossary page, and abbreviations in every page spelt out at their first use and linked to their entry."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from build_charts import i18n
from build_charts.package import DataPackage
from build_charts.pages.markdown import front_matter, html_block
from build_charts.pages.sources import source_lookup
from build_charts.routes import page_file
from build_charts.templating import render

PAGE = page_file("glossary")
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
# Parts of a page where an abbreviation must be left as it is.
SKIP = re.compile(r"(<svg\b.*?</svg>|<a\b.*?</a>|<abbr\b.*?</abbr>|<code\b.*?</code>|<script\b.*?</script>"
                  r"|<h[1-6]\b.*?</h[1-6]>|^#[^\n]*|\{[^}\n]*\}|\[[^\]\n]*\]\([^)\n]*\)|<[^>]+>)", re.DOTALL | re.MULTILINE)


def glossary_page(package: DataPackage) -> str:
    """Every term, alphabetically, with its abbreviation, plain-English meaning and where it is used."""
    sources = source_lookup(package["sources"])
    out = [
        front_matter(i18n.sentence("Glossary"),
                     i18n.sentence("Plain-English meanings of the terms and abbreviations used on this site."),
                     sources=["glossary.csv"]),
        "# " + i18n.sentence_md("Glossary") + "\n",
        i18n.sentence_md("What the terms and abbreviations in the partnership's documents mean. The definitions are "
                         "written in plain English; each says which document the term comes from.") + "\n",
    ]
    for term in package["glossary"].sort_values("term", key=lambda s: s.str.lower()).to_dict("records"):
        name = f"{term['term']} ({term['abbreviation']})" if term.get("abbreviation") else term["term"]
        out.append(html_block(render("glossary/term.html", id=term["term_id"], name=name, definition=term["definition"],
                                     source=sources[term["source_id"]]["title"])))
    return "\n".join(out)


def abbreviations(package: DataPackage) -> dict[str, tuple[str, str]]:
    """Each abbreviation with its full term and its glossary anchor."""
    rows = package["glossary"].to_dict("records")
    return {r["abbreviation"]: (r["term"], r["term_id"]) for r in rows if r.get("abbreviation")}


def explain_abbreviations(markdown: str, terms: dict[str, tuple[str, str]], glossary_url: str) -> str:
    """Spell out each abbreviation at its first use in a page's text, and link it to its glossary entry.

    A hover tooltip never shows on a touch screen, so the words are written out. The page's text is quoted
    from the partnership's documents, so nothing is put in front of the quoted words: the full term follows
    the abbreviation in square brackets, the usual mark of words added to a quotation (in a span of class
    "expansion", so the quoted words can still be told apart), unless the text already spells it out there in
    the glossary's words ("Office for Health Improvement and Disparities (OHID)"). An abbreviation first used
    in a heading or a link, where words cannot be added, is spelt out in a line under the page's title.
    """
    match = FRONT_MATTER.match(markdown)
    head, body = (markdown[: match.end()], markdown[match.end():]) if match else ("", markdown)
    # Splitting a page at every tag is the slow part, so a page that holds none of the abbreviations is skipped.
    present = [t for t in terms if t in body]
    if not present:
        return markdown
    pattern = re.compile(r"(?<![\w&/#.-])(" + "|".join(re.escape(t) for t in sorted(present, key=len, reverse=True))
                         + r")(?![\w-])")
    parts = SKIP.split(body)
    # split() with one capturing group alternates: text, skipped, text, skipped, ...
    noted = _first_used_where_words_cannot_be_added(parts, pattern)
    seen: set[str] = set()

    def mark(found: re.Match) -> str:
        abbreviation = found.group(1)
        if abbreviation in seen:
            return abbreviation
        seen.add(abbreviation)
        term, anchor = terms[abbreviation]
        # The abbreviation is text of the page, already escaped as the page is.
        spell_out = not (abbreviation in noted or spelt_out_beside(found.string, found.start(), found.end(), term))
        return str(render("glossary/abbreviation.html", href=f"{glossary_url}#{anchor}", term=term,
                          abbreviation=Markup(abbreviation), spell_out=spell_out))

    out = [part if index % 2 else pattern.sub(mark, part) for index, part in enumerate(parts)]
    return head + _under_title("".join(out), abbreviations_note(noted, terms, glossary_url))


def spelt_out_beside(text: str, start: int, end: int, term: str) -> bool:
    """True when the text spells the abbreviation out where it stands: 'Term (ABBR)' or 'ABBR (Term)'."""
    after = html.unescape(text[end:end + len(term) + 20]).lstrip()
    if after.startswith(("(", "[")) and _plain(after[1:]).startswith(_plain(term)):
        return True
    before = html.unescape(text[max(0, start - len(term) - 20):start]).rstrip()
    return before.endswith(("(", "[")) and _plain(before[:-1]).endswith(_plain(term))


def _plain(text: str) -> str:
    """Text compared without case, quotes, '&' for 'and', or the small words a document may write differently from
    the glossary ("Office of Health Improvement & Disparities" for "Office for Health Improvement and Disparities")."""
    text = text.replace("&", "and")
    words = re.sub(r"['\"‘’“”]", "", text).lower().split()
    return " ".join(word for word in words if word not in SMALL_WORDS)


SMALL_WORDS = {"of", "for", "and", "the", "in", "on"}


# Skipped parts of a page whose words a reader sees: headings and links.
SEEN_SKIPPED = re.compile(r"\A(<h[1-6]\b|#|<a\b|\[)")


def _first_used_where_words_cannot_be_added(parts: list[str], pattern: re.Pattern) -> list[str]:
    """The abbreviations whose first use on the page is in a heading or a link, in page order."""
    first: list[str] = []
    used: set[str] = set()
    for index, part in enumerate(parts):
        visible = not index % 2 or SEEN_SKIPPED.match(part)
        if not visible:
            continue
        # A Markdown link's text, not its address (a text part may start with "[" too: "[1] Figures from…")
        words = part[1:part.index("](")] if index % 2 and part.startswith("[") and "](" in part else part
        for found in pattern.finditer(re.sub(r"<[^>]+>", " ", words)):
            abbreviation = found.group(1)
            if abbreviation not in used:
                used.add(abbreviation)
                if index % 2:
                    first.append(abbreviation)
    return first


def abbreviations_note(abbreviations: list[str], terms: dict[str, tuple[str, str]], glossary_url: str) -> str:
    """'On this page, SCC means Southampton City Council.' for abbreviations first used in headings or links."""
    if not abbreviations:
        return ""
    items = [{"href": f"{glossary_url}#{terms[a][1]}", "term": terms[a][0], "abbreviation": Markup(a)}
             for a in abbreviations]
    return html_block(render("glossary/note.html", items=items))


def _under_title(body: str, note: str) -> str:
    """The page with `note` just after its first-level heading (at the top when it has none)."""
    if not note:
        return body
    title = re.search(r"^# [^\n]*\n|</h1>[^\n]*\n", body, re.MULTILINE)
    at = title.end() if title else 0
    return body[:at] + "\n" + note + "\n" + body[at:]
