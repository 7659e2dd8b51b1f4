"""Give every built page a Content Security Policy that lets it load and run only the site's own files.

The theme writes a few small scripts into each page (one changes with the page's depth), so the policy is
made per page after the build: each inline script is allowed by its SHA-256 hash, never by
'unsafe-inline'. Only scripts known from their sources get a hash: those written in the theme's templates
and the site's own (theme overrides). Any other inline script, an inline event handler (onerror=, onload=…),
a javascript: address or a <meta> refresh on a page means text from the data reached the page as code: the
build stops with a message naming the page, and nothing is published. Scripts of a data type (the theme's
application/json config, the about page's application/ld+json metadata) are never run, so they need no hash;
the text inside them is escaped where it is written. Inline styles are allowed by hash too (style attributes
through 'unsafe-hashes').
Each page carries its policy in a <meta http-equiv> tag; hosts that read a `_headers` file (Netlify,
Cloudflare Pages) also send one site-wide policy that allows every hash used on any page. A browser
enforces both, so each page still gets only its own hashes.

`frame-ancestors` is left out on purpose: a <meta> policy ignores it, and chart embed pages must stay
embeddable on other sites.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from build_charts.config import site_config
from build_charts.processes import available_processors, worker_pool

# Script types that are data a browser never runs. Every other inline script, whatever its type, must be one of
# the site's own, so a type a browser might still run cannot slip through.
DATA_TYPES = {"application/json", "application/ld+json"}
# Attributes whose value a browser follows or loads as an address, where javascript: would run code.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
# In the theme's scripts, a {{ value }} the template fills in (the site's base address, e.g. "../..") may only
# be a relative address: letters, digits and . / ~ % _ - (no quote, no backslash, no "//" to another host).
_TEMPLATE_VALUE = r"(?!//)[\w./~%-]*"
_TEMPLATE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.DOTALL)

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
    # Code that no policy should allow: inline event handlers, javascript: addresses and <meta> refreshes,
    # each as the start of the tag that holds it.
    forbidden: list[str] = field(default_factory=list)


class UnsafePage(Exception):
    """A built page holds code that is not the site's own; the message names each page and what it holds."""


@dataclass(frozen=True)
class KnownScripts:
    """The inline scripts the theme and the site's own templates write, as exact texts or as templates."""

    exact: frozenset[str]
    templates: tuple[re.Pattern, ...]

    def allows(self, script: str) -> bool:
        """Whether this inline script's text is one the templates write."""
        return script in self.exact or any(template.fullmatch(script) for template in self.templates)


def theme_template_folders() -> list[Path]:
    """The template folders of the installed themes: mkdocs-material's and Zensical's (either may be missing)."""
    folders = []
    for package in ("material", "zensical"):
        spec = importlib.util.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            if (Path(location) / "templates" / "base.html").is_file():
                folders.append(Path(location) / "templates")
    return folders


def own_template_folder(config: Path) -> Path | None:
    """The site's own theme overrides (theme.custom_dir in the builder's configuration), if it has any."""
    return site_config(config).custom_dir


def known_scripts(theme_folders: list[Path], own_folder: Path | None) -> KnownScripts:
    """Every inline script the themes' page templates and the site's own templates can write.

    From a theme, only the page skeleton (base.html) and its script partials (partials/javascripts/) are read;
    from the site's own folder, every template. A script whose text holds a template statement ({% … %}) cannot
    be known in advance and is left out; one that holds a value ({{ … }}) becomes a pattern in which the value
    may only be a relative address.
    """
    files = [f for folder in theme_folders for f in [folder / "base.html", *sorted((folder / "partials" / "javascripts").glob("*.html"))]]
    if own_folder is not None and own_folder.is_dir():
        files += sorted(own_folder.rglob("*.html"))
    exact, templates = set(), []
    for file in files:
        if not file.is_file():
            continue
        for start, text in _TEMPLATE_SCRIPT.findall(_browser_newlines(file.read_text(encoding="utf-8"))):
            if _is_data_or_external(start) or "{%" in text or "{#" in text:
                continue
            if "{{" in text:
                pieces = _JINJA_VALUE.split(text)
                templates.append(re.compile(_TEMPLATE_VALUE.join(re.escape(piece) for piece in pieces), re.DOTALL))
            else:
                exact.add(text)
    return KnownScripts(exact=frozenset(exact), templates=tuple(dict.fromkeys(templates)))


def _is_data_or_external(start_tag_attributes: str) -> bool:
    """Whether a template's <script …> start tag loads a file or holds data (its type is a data type)."""
    attributes = start_tag_attributes or ""
    if re.search(r"\ssrc\s*=", attributes, re.IGNORECASE):
        return True
    kind = re.search(r"""\stype\s*=\s*["']?([^"'\s>]*)""", attributes, re.IGNORECASE)
    return bool(kind) and kind.group(1).strip().lower() in DATA_TYPES


class _InlineCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = InlineCode()
        self._open: str | None = None  # "script" or "style" while inside an inline one
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = self._attributes(tag, attrs)
        if tag == "script" and "src" not in values and (values.get("type") or "").strip().lower() not in DATA_TYPES:
            self._open, self._text = "script", []
        elif tag == "style":
            self._open, self._text = "style", []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> dict[str, str | None]:
        """The tag's attributes; records its style attribute and anything in it that no policy should allow."""
        values = dict(attrs)
        if values.get("style"):
            self.found.style_attributes.append(values["style"] or "")
        for name, value in attrs:
            if name.startswith("on") or (name in URL_ATTRIBUTES and _runs_as_script(value or "")):
                self.found.forbidden.append(f'<{tag} {name}="{(value or "")[:60]}"')
        if tag == "meta" and (values.get("http-equiv") or "").strip().lower() == "refresh":
            self.found.forbidden.append(f'<meta http-equiv="refresh" content="{(values.get("content") or "")[:60]}"')
        return values

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open:
            target = self.found.scripts if tag == "script" else self.found.styles
            target.append("".join(self._text))
            self._open = None


def _runs_as_script(address: str) -> bool:
    """Whether a browser would run this address as code: javascript:, however a browser still reads it."""
    # A browser drops leading and trailing spaces and control characters, and tabs and line breaks anywhere.
    cleaned = re.sub(r"[\t\n\r]", "", address).strip("".join(map(chr, range(0x21))))
    return cleaned.lower().startswith("javascript:")


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


# Where inline code may start: a comment (skipped whole, as a browser does), a <script> or <style> element, or
# in a tag: a style attribute, an event handler (on…=), a <meta http-equiv> (a refresh), or an address that starts with
# "j" or a character reference (javascript:, perhaps written &#106;avascript:).
_URL_ATTRIBUTE = "|".join(sorted(URL_ATTRIBUTES))
# One "<" branch and one space branch (a "/" separates attributes too: <img/onerror=…>), and a look for a name
# starting with one of the names' letters and followed by "=" before trying the names: most of a page is text,
# and this keeps a scan as fast as one that looked for style attributes alone.
_CANDIDATE = re.compile(
    r"""<(?:!--|(script|style)(?=[\s/>])|meta(?=[\s/])(?=(?:[^>"']|"[^"]*"|'[^']*')*?http-equiv))"""
    rf"""|[\s/](?=[sodhfxpb][\w:-]*\s*=)(?:style\s*=|on\w+\s*=|(?:{_URL_ATTRIBUTE})\s*=\s*["']?[\x00-\x20]*[jJ&])""",
    re.IGNORECASE,
)
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
        # An attribute in a tag, or a <meta> (or the same words in text, where the enclosing slice adds nothing)
        start = found.start() if found.group(0).startswith("<") else html.rfind("<", 0, found.start())
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


# No referrer: a person following a link from this site (say, from Get help to a treatment service, or from a
# page about drug use to any other site) does not tell that site which page they came from, which could say that
# they were reading about getting help with drugs. strict-origin would still name this site; no-referrer names
# nothing, and no page here needs a referrer (the site makes no request to another host). GitHub Pages cannot
# send a Referrer-Policy header, so every page says it itself, the generated embed pages included.
REFERRER_TAG = '<meta name="referrer" content="no-referrer">'


def meta_tag(content: str) -> str:
    """The <meta> tags that carry a page's policy and its referrer policy."""
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">\n    {REFERRER_TAG}'


_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)


def with_policy(html: str, content: str) -> str:
    """The page with its policy and referrer tags right after <meta charset> (or <head>), before any script,
    style or link."""
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise ValueError("the page has no <head> to put its Content Security Policy in")
    return f"{html[:anchor.end()]}\n    {meta_tag(content)}{html[anchor.end():]}"


def add_content_security_policy(
    site: Path, script_styles: list[str] = (), known: KnownScripts | None = None, own_templates: Path | None = None,
) -> str:
    """Put a policy into every HTML page under `site` and write `_headers`; return the site-wide policy.

    `script_styles` are <style> texts the theme's own script adds to a page at run time; they are allowed
    by hash on every page, like the page's own inline styles. `known` are the scripts a page may hold (by
    default those of the installed themes and of the site's own theme overrides, `own_templates`).
    Raises UnsafePage, naming every page that holds any other code.
    """
    if known is None:
        known = known_scripts(theme_template_folders(), own_templates)
    pages = sorted(site.rglob("*.html"))
    everything, unsafe = InlineCode(), {}
    for page, code in zip(pages, _each_page(pages, list(script_styles), known), strict=True):
        everything.scripts += code.scripts
        everything.styles += code.styles
        everything.style_attributes += code.style_attributes
        if code.forbidden:
            unsafe[page] = code.forbidden
    unsafe.update(unsafe_drawings(site))
    if unsafe:
        raise UnsafePage(unsafe_pages_message(site, unsafe))
    site_wide = policy(everything)
    (site / HEADERS_FILE).write_text(
        "# Sent by hosts that read this file (Netlify, Cloudflare Pages). Each page also carries its own policy.\n"
        f"/*\n  Content-Security-Policy: {site_wide}\n  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: no-referrer\n",
        encoding="utf-8",
    )
    return site_wide


# How many pages, and how many pieces of code on each, a message names before it counts the rest.
MESSAGE_PAGES, MESSAGE_ITEMS = 10, 3


def unsafe_pages_message(site: Path, unsafe: dict[Path, list[str]]) -> str:
    """Plain English: which pages hold code that is not the site's own, what it is, and what to do."""
    lines = ["The site was not published: these pages hold code that is not the site's own, which would run "
             "in a visitor's browser."]
    for page, found in list(unsafe.items())[:MESSAGE_PAGES]:
        shown = "; ".join(found[:MESSAGE_ITEMS]) + (f"; and {len(found) - MESSAGE_ITEMS} more" if len(found) > MESSAGE_ITEMS else "")
        kind = "page" if page.suffix == ".html" else "file"
        lines.append(f"- {kind} {page_address(site, page)}: {shown}")
    if len(unsafe) > MESSAGE_PAGES:
        lines.append(f"- and {len(unsafe) - MESSAGE_PAGES} more pages")
    lines.append("Text from the data package, a news post or a hand-written page has reached these pages as code. "
                 "Find the text on the page that holds <, > or a web address starting javascript:, "
                 "remove it from the file it comes from, and build again.")
    if any(page.suffix == ".svg" for page in unsafe):
        lines.append("A drawing (.svg) comes from the chart cache: delete the folder build/cache and build again.")
    return "\n".join(lines)


def unsafe_drawings(site: Path) -> dict[Path, list[str]]:
    """Every SVG file under `site` that holds code, with what it holds.

    An SVG opened on its own (a chart's download, say) runs its scripts on the site's address, and a host
    like GitHub Pages sends it with no policy; the site's drawings hold no code at all, so any is refused.
    """
    unsafe = {}
    for drawing in sorted(site.rglob("*.svg")):
        code = inline_code(drawing.read_text(encoding="utf-8", errors="replace"))
        found = [f"<script>{_start(script)}" for script in code.scripts] + code.forbidden
        if found:
            unsafe[drawing] = found
    return unsafe


def page_address(site: Path, page: Path) -> str:
    """A built page as a visitor's address ends: 'strategy/x/' for strategy/x/index.html, '404.html' as it is."""
    relative = page.relative_to(site).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def secure_page(page: Path, script_styles: list[str], known: KnownScripts) -> InlineCode:
    """Give one page its policy; return the inline code it holds, with any script `known` does not hold as forbidden."""
    html = page.read_text(encoding="utf-8")
    code = inline_code(html)
    code.forbidden += [f"<script>{_start(script)}" for script in code.scripts if not known.allows(script)]
    code.styles += script_styles
    page.write_text(with_policy(html, policy(code)), encoding="utf-8")
    return code


def _start(text: str, length: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length] + "…"


def _each_page(pages: list[Path], script_styles: list[str], known: KnownScripts):
    """Each page's inline code, in page order; in worker processes when there are thousands of pages."""
    workers = available_processors()
    if workers < 2 or len(pages) < PAGES_PER_WORKER_START:
        return (secure_page(page, script_styles, known) for page in pages)
    # Reading every page again costs about 6 ms a page; processes share it out.
    with worker_pool(workers) as pool:
        return list(pool.map(secure_page, pages, [script_styles] * len(pages), [known] * len(pages), chunksize=64))


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
