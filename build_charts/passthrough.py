"""A Markdown extension that hands the pipeline's HTML blocks to the page as they are, without parsing them.

The pipeline writes most of a page's content (reports, tables, charts) as finished HTML between two marker
comments (see `pages.markdown.html_block`). Python-Markdown, which both site builders use, would otherwise
read every tag of that HTML with its own parser to find where the block ends: at the largest size that is
most of the build. With this extension listed under `markdown_extensions` in mkdocs.yml, each marked block
is set aside whole and put back unchanged after conversion.

It only saves time. A builder that does not load it reads the same blocks as ordinary raw HTML and writes
the same page (a test builds the site both ways and compares every page).
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

START = "<!-- html -->"
END = "<!-- /html -->"
# Runs after snippets are included (32) and after MkDocs has read every id on the page to check links to
# anchors (21), but before Python-Markdown looks for raw HTML blocks (20).
PRIORITY = 20.5


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
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # no end marker: leave the lines for the usual raw HTML handling
            out += block
        return out


class PassthroughExtension(Extension):
    """Set aside the HTML between START and END lines; put it back unchanged in the converted page."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Register the preprocessor with the Markdown instance."""
        md.preprocessors.register(_SetAsideHtml(md), "pipeline_html", PRIORITY)


def makeExtension(**kwargs) -> PassthroughExtension:  # noqa: N802 (the name Python-Markdown looks for)
    """The extension, as Python-Markdown loads it from its module name in mkdocs.yml."""
    return PassthroughExtension(**kwargs)
