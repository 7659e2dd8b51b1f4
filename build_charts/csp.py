"""Give every built page a Content Security Policy that lets it load and run only the site's own files.

The theme writes a few small scripts into each page (one changes with the page's depth), so the policy is
made per page after the build: each inline script is allowed by its SHA-256 hash, never by
'unsafe-inline'. Inline styles are allowed the same way (style attributes through 'unsafe-hashes').
Each page carries its policy in a <meta http-equiv> tag; hosts that read a `_headers` file (Netlify,
Cloudflare Pages) also send one site-wide policy that allows every hash used on any page. A browser
enforces both, so each page still gets only its own hashes.

`frame-ancestors` is left out on purpose: a <meta> policy ignores it, and chart embed pages must stay
embeddable on other sites.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from build_charts.processes import available_processors, worker_pool

# Script types a browser runs; anything else (e.g. the theme's application/json config) is data.
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
                    "application/ecmascript", "text/jscript", "text/livescript"}

# Directives that do not depend on the page. Images may be data: URIs (the theme's icons are CSS masks).
FIXED_DIRECTIVES = [
    ("default-src", ["'self'"]),
    ("img-src", ["'self'", "data:"]),
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),
    ("worker-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
]

HEADERS_FILE = "_headers"
# Below this many pages, starting worker processes costs more than it saves.
PAGES_PER_WORKER_START = 1000


@dataclass
class InlineCode:
    """The inline scripts and styles one page holds, as the browser hashes them."""

    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)


class _InlineCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = InlineCode()
        self._open: str | None = None  # "script" or "style" while inside an inline one
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("style"):
            self.found.style_attributes.append(values["style"] or "")
        if tag == "script" and "src" not in values and (values.get("type") or "").strip().lower() in EXECUTABLE_TYPES:
            self._open, self._text = "script", []
        elif tag == "style":
            self._open, self._text = "style", []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("style"):
            self.found.style_attributes.append(values["style"] or "")

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open:
            target = self.found.scripts if tag == "script" else self.found.styles
            target.append("".join(self._text))
            self._open = None


def inline_code(html: str) -> InlineCode:
    """Every inline executable script, <style> element and style attribute on a page.

    Only the parts of the page that can hold one are parsed: each <script> or <style> element whole, and each
    tag in which the word "style" is followed by "=". The rest of the page, mostly text and plain tags, is
    skipped, which makes this several times faster than parsing it all; `inline_code_of_whole_page` is the
    reference it is tested against.
    """
    collector = _InlineCollector()
    for piece in _pieces_with_inline_code(_browser_newlines(html)):
        collector.feed(piece)
    collector.close()
    return collector.found


def inline_code_of_whole_page(html: str) -> InlineCode:
    """What `inline_code` finds, by parsing every tag of the page (slower; the reference for tests)."""
    collector = _InlineCollector()
    collector.feed(_browser_newlines(html))
    collector.close()
    return collector.found


def _browser_newlines(html: str) -> str:
    # A browser turns CR LF and lone CR into LF before it hashes anything.
    return html.replace("\r\n", "\n").replace("\r", "\n")


# Where inline code may start: a comment (skipped whole, as a browser does), a <script> or <style> element,
# or a style attribute somewhere in a tag.
_CANDIDATE = re.compile(r"<!--|<(script|style)(?=[\s/>])|\sstyle\s*=", re.IGNORECASE)
# The rest of a tag after its name: anything up to the first ">" that is not inside a quoted value.
_REST_OF_TAG = re.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
_CLOSE_TAG = {name: re.compile(rf"</{name}(?=[\s/>])[^>]*>", re.IGNORECASE) for name in ("script", "style")}


def _pieces_with_inline_code(html: str):
    """The slices of a page a parser must read to find its inline code, in page order, each whole."""
    position = 0
    while found := _CANDIDATE.search(html, position):
        if found.group(0) == "<!--":
            end = html.find("-->", found.end())
            position = len(html) if end < 0 else end + 3
            continue
        if found.group(1):  # a <script> or <style> element: its start tag, its text and its end tag
            tag = _REST_OF_TAG.match(html, found.end())
            close = _CLOSE_TAG[found.group(1).lower()].search(html, tag.end()) if tag else None
            end = close.end() if close else len(html)
            yield html[found.start():end]
            position = end
            continue
        # "style=" in a tag (or in text, where the enclosing slice holds no attribute and adds nothing)
        start = html.rfind("<", 0, found.start())
        tag = _REST_OF_TAG.match(html, start + 1) if start >= 0 else None
        if tag is None or tag.end() <= found.start():
            position = found.end()
            continue
        yield html[start:tag.end()]
        position = tag.end()


def source_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(code: InlineCode) -> str:
    """The page's policy: its own origin, plus the hashes of its own inline scripts and styles."""
    scripts = ["'self'", *_unique(source_hash(s) for s in code.scripts)]
    styles = ["'self'", *_unique(source_hash(s) for s in code.styles)]
    if code.style_attributes:
        styles += ["'unsafe-hashes'", *_unique(source_hash(s) for s in code.style_attributes)]
    directives = [FIXED_DIRECTIVES[0], ("script-src", scripts), ("style-src", styles), *FIXED_DIRECTIVES[1:]]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def meta_tag(content: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)


def with_policy(html: str, content: str) -> str:
    """The page with its policy tag right after <meta charset> (or <head>), before any script or style."""
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise ValueError("the page has no <head> to put its Content Security Policy in")
    return f"{html[:anchor.end()]}\n    {meta_tag(content)}{html[anchor.end():]}"


def add_content_security_policy(site: Path, script_styles: list[str] = ()) -> str:
    """Put a policy into every HTML page under `site` and write `_headers`; return the site-wide policy.

    `script_styles` are <style> texts the theme's own script adds to a page at run time; they are allowed
    by hash on every page, like the page's own inline styles.
    """
    pages = sorted(site.rglob("*.html"))
    everything = InlineCode()
    for code in _each_page(pages, list(script_styles)):
        everything.scripts += code.scripts
        everything.styles += code.styles
        everything.style_attributes += code.style_attributes
    site_wide = policy(everything)
    (site / HEADERS_FILE).write_text(
        "# Sent by hosts that read this file (Netlify, Cloudflare Pages). Each page also carries its own policy.\n"
        f"/*\n  Content-Security-Policy: {site_wide}\n  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: no-referrer\n",
        encoding="utf-8",
    )
    return site_wide


def secure_page(page: Path, script_styles: list[str]) -> InlineCode:
    """Give one page its policy; return the inline code it holds."""
    html = page.read_text(encoding="utf-8")
    code = inline_code(html)
    code.styles += script_styles
    page.write_text(with_policy(html, policy(code)), encoding="utf-8")
    return code


def _each_page(pages: list[Path], script_styles: list[str]):
    """Each page's inline code, in page order; in worker processes when there are thousands of pages."""
    workers = available_processors()
    if workers < 2 or len(pages) < PAGES_PER_WORKER_START:
        return (secure_page(page, script_styles) for page in pages)
    # Reading every page again costs about 6 ms a page; processes share it out.
    with worker_pool(workers) as pool:
        return list(pool.map(secure_page, pages, [script_styles] * len(pages), chunksize=64))


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
