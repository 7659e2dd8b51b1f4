"""A Markdown extension that hands the pipeline's HTML blocks to the page as they are, without parsing them.

The pipeline writes most of a page's content (reports, tables, charts) as finished HTML between two marker
comments (see `pages.markdown.html_block`). Python-Markdown, which both site builders use, would otherwise
read every tag of that HTML with its own parser to find where the block ends: at the largest size that is
most of the build. With this extension listed under `markdown_extensions` in mkdocs.yml, each marked block
is set aside whole and put back unchanged after conversion.

MkDocs reads every id on a page, just before raw HTML blocks are looked for, to check links to anchors.
So that it still sees the ids of a set-aside block without reading the block, a line listing only those ids
stands in for the block until that check is done, then is dropped.

It only saves time. A builder that does not load it reads the same blocks as ordinary raw HTML and writes
the same page (a test builds the site both ways and compares every page).
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

START = "<!-- html -->"
END = "<!-- /html -->"
IDS = "<!-- ids of a block set aside -->"
# Setting aside runs after snippets are included (32); the lists of ids stay for MkDocs's reading of ids
# (21) and are dropped before Python-Markdown looks for raw HTML blocks (20).
SET_ASIDE_PRIORITY = 25
DROP_IDS_PRIORITY = 20.5
_ID = re.compile(r"""<[^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def id_list(html: str) -> str:
    """A line holding one empty element per id in `html`, for MkDocs to read; '' when there is none."""
    ids = ["".join(found) for found in _ID.findall(html)]
    return IDS + "".join(f'<i id="{value}"></i>' for value in ids) if ids else ""


class _SetAsideHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == START:
                    block = [line]
                else:
                    out.append(line)
            elif line == END:
                block.append(line)
                html = "\n".join(block)
                out += ["", self.md.htmlStash.store(html), id_list(html), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # no end marker: leave the lines for the usual raw HTML handling
            out += block
        return out


class _DropIdLists(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [line for line in lines if not line.startswith(IDS)]


class PassthroughExtension(Extension):
    """Set aside the HTML between START and END lines; put it back unchanged in the converted page."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Register both preprocessors with the Markdown instance."""
        md.preprocessors.register(_SetAsideHtml(md), "pipeline_html", SET_ASIDE_PRIORITY)
        md.preprocessors.register(_DropIdLists(md), "pipeline_html_ids", DROP_IDS_PRIORITY)


def makeExtension(**kwargs) -> PassthroughExtension:  # noqa: N802 (the name Python-Markdown looks for)
    """The extension, as Python-Markdown loads it from its module name in mkdocs.yml."""
    return PassthroughExtension(**kwargs)
