"""The glossary page, and abbreviations in every page explained on hover and linked to their entry."""

from __future__ import annotations

import re

from build_charts.package import DataPackage
from build_charts.pages.markdown import esc, front_matter, html_block
from build_charts.pages.sources import source_lookup

PAGE = "glossary/index.md"
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
# Parts of a page where an abbreviation must be left as it is.
SKIP = re.compile(r"(<svg\b.*?</svg>|<a\b.*?</a>|<abbr\b.*?</abbr>|<code\b.*?</code>|<script\b.*?</script>"
                  r"|<h[1-6]\b.*?</h[1-6]>|^#[^\n]*|\{[^}\n]*\}|\[[^\]\n]*\]\([^)\n]*\)|<[^>]+>)", re.DOTALL | re.MULTILINE)


def glossary_page(package: DataPackage) -> str:
    """Every term, alphabetically, with its abbreviation, plain-English meaning and where it is used."""
    sources = source_lookup(package["sources"])
    out = [
        front_matter("Glossary", "Plain-English meanings of the terms and abbreviations used on this site.",
                     sources=["glossary.csv"]),
        "# Glossary\n",
        "What the terms and abbreviations in the partnership's documents mean. The definitions are written in "
        "plain English; each says which document the term comes from.\n",
    ]
    for term in package["glossary"].sort_values("term", key=lambda s: s.str.lower()).to_dict("records"):
        name = f"{term['term']} ({term['abbreviation']})" if term.get("abbreviation") else term["term"]
        out.append(html_block(
            f'<h2 id="{esc(term["term_id"])}">{esc(name)}</h2>',
            f"<p>{esc(term['definition'])}</p>",
            f'<p class="source">Term from: <cite>{esc(sources[term["source_id"]]["title"])}</cite>.</p>',
        ))
    return "\n".join(out)


def abbreviations(package: DataPackage) -> dict[str, tuple[str, str]]:
    """Each abbreviation with its full term and its glossary anchor."""
    rows = package["glossary"].to_dict("records")
    return {r["abbreviation"]: (r["term"], r["term_id"]) for r in rows if r.get("abbreviation")}


def explain_abbreviations(markdown: str, terms: dict[str, tuple[str, str]], glossary_url: str) -> str:
    """Mark the first use of each abbreviation in a page's body as <abbr>, linked to its glossary entry."""
    match = FRONT_MATTER.match(markdown)
    head, body = (markdown[: match.end()], markdown[match.end():]) if match else ("", markdown)
    # Splitting a page at every tag is the slow part, so a page that holds none of the abbreviations is skipped.
    present = [t for t in terms if t in body]
    if not present:
        return markdown
    pattern = re.compile(r"(?<![\w&/#.-])(" + "|".join(re.escape(t) for t in sorted(present, key=len, reverse=True))
                         + r")(?![\w-])")
    seen: set[str] = set()

    def mark(found: re.Match) -> str:
        abbreviation = found.group(1)
        if abbreviation in seen:
            return abbreviation
        seen.add(abbreviation)
        term, anchor = terms[abbreviation]
        return (f'<a class="glossary-term" href="{glossary_url}#{anchor}">'
                f'<abbr title="{esc(term)}">{abbreviation}</abbr></a>')

    parts = SKIP.split(body)
    out = []
    for index, part in enumerate(parts):
        # split() with one capturing group alternates: text, skipped, text, skipped, ...
        out.append(part if index % 2 else pattern.sub(mark, part))
    return head + "".join(out)
