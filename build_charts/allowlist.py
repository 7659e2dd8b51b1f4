"""Check every published page and drawing against what the kit's templates and the theme may write.

A list of what is refused (scripts, handlers, javascript: addresses) misses whatever nobody thought of: a
<meta name="referrer">, a <link rel="preconnect"> to another host, a <style> that hides the help bar, an SVG
<set attributeName="href" to="javascript:…">. So after the build every HTML and SVG file in the site (those
taken from the previous build included) is parsed as a browser parses it (lexbor, an HTML5 parser, through
selectolax) and held to an allowlist:

- <meta>, <link>, <base> and <style> appear only in a page's head, and only the kinds the templates write
  (charset, viewport, description, generator, the policy and referrer tags, og:/twitter: share tags;
  stylesheet, icon, feed, canonical, next/prev links to the site's own files); never <base> or <style>;
- an attribute a browser loads (src, srcset, action, poster, a <link>'s href, style url(…)) names a file of
  the site itself; no address of any kind uses a script scheme; a link's href is a web, mail or phone address;
- no ping, no referrerpolicy other than no-referrer, and a style attribute only as the templates write one;
- a drawing holds only shapes and text: no SMIL animation (<set>, <animate…>), <foreignObject>, <script>,
  <use> or image from elsewhere.

Anything else stops the build with a message naming the page and, where it can, the input that put it there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from build_charts.processes import available_processors, worker_pool

# Head elements the templates write, by kind: (tag, attribute that names the kind) -> allowed kinds.
HEAD_META_NAMES = {"viewport", "description", "generator", "referrer"}
HEAD_META_PREFIXES = ("og:", "twitter:")
HEAD_META_HTTP_EQUIV = {"content-security-policy"}
HEAD_LINK_RELS = {"stylesheet", "icon", "alternate", "feed", "canonical", "next", "prev", "manifest", "preload", "modulepreload"}
# Elements no page of the kit holds anywhere (the theme's own scripts are checked by csp.py).
NEVER = {"base", "style", "object", "embed", "applet", "frame", "frameset", "portal", "template", "noscript",
         "math", "xmp", "plaintext", "listing", "noembed", "noframes", "isindex"}
# Elements that may sit only in a page's head.
HEAD_ONLY = {"meta", "link", "title"}
# Attributes whose value the browser loads at once (another host here is a request to it).
LOADS = {"src", "srcset", "action", "formaction", "poster", "data", "background", "imagesrcset", "manifest"}
# Attributes whose value the browser follows or loads as an address.
ADDRESS = LOADS | {"href", "xlink:href", "cite", "longdesc", "codebase"}
LINK_SCHEMES = {"", "http", "https", "mailto", "tel", "sms"}
# Style attribute values the templates and Markdown's table extension write.
TEMPLATE_STYLES = re.compile(r"text-align:\s*(left|right|center);?|border:\s*0;?")
# What a drawing may hold: the shapes and text Vega and the kit's icons use.
DRAWING_ELEMENTS = {"svg", "g", "path", "text", "tspan", "line", "rect", "circle", "ellipse", "polyline", "polygon",
                    "title", "desc", "defs", "clippath", "lineargradient", "radialgradient", "stop", "mask",
                    "pattern", "symbol", "image", "use", "metadata", "marker"}
_URL_IN_STYLE = re.compile(r"url\s*\(|@import|expression\s*\(", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20]")
# Below this many files, starting worker processes costs more than it saves.
FILES_PER_WORKER_START = 1000


class NotAllowed(Exception):
    """A published file holds something no template writes; the message names each file and what it holds."""


def site_host(site_url: str | None) -> str:
    """The host of the site's own address ('' when it has none): addresses on it are the site's own."""
    return (urlsplit(site_url).hostname or "") if site_url else ""


_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def _scheme(address: str) -> str:
    """The scheme a browser reads from an address ('' for a relative one), after dropping what it ignores."""
    cleaned = _CONTROL.sub("", address)
    found = _SCHEME.match(cleaned)
    return found.group(1).lower() if found else ""


def _is_own(address: str, host: str) -> bool:
    """Whether a loaded address is a file of the site itself: relative, or on the site's own host."""
    cleaned = _CONTROL.sub("", address).replace("\\", "/")
    if not cleaned:
        return True
    scheme = _scheme(cleaned)
    if scheme == "" and not cleaned.startswith("//"):
        return True
    if scheme in ("http", "https", "") and host:
        try:
            return (urlsplit(cleaned).hostname or "") == host
        except ValueError:
            return False
    return False


def _tag(node: LexborNode) -> str:
    """The start of a node's tag as a reader would find it in the page."""
    text = node.html or f"<{node.tag}>"
    end = text.find(">")
    text = text[: end + 1] if end >= 0 else text
    return text if len(text) <= 100 else text[:100] + "…"


# Attributes the checks below read; any other (class, id, aria-…, d, transform…) is skipped at once.
_WATCHED = ADDRESS | {"ping", "referrerpolicy", "style", "srcset", "imagesrcset", "attributename", "srcdoc"}
_WATCHED_SELECTOR = ", ".join(f"[{name.replace(':', chr(92) + ':')}]" for name in sorted(_WATCHED))
_BODY_NEVER = ", ".join(sorted(NEVER | HEAD_ONLY))
# Where an event handler attribute (onclick=…) can start in a page's source: after a space, a / or a quote.
_HANDLER = re.compile(r"""(?<=[\s/"'\x00])[oO][nN][a-zA-Z]+\s*=""")


def _attribute_problems(node: LexborNode, host: str, drawing: bool) -> Iterator[str]:
    tag = node.tag
    for name, value in node.attributes.items():
        name = name.lower()
        if name not in _WATCHED and not name.startswith("on"):
            continue
        value = value or ""
        if name.startswith("on"):
            yield f"an event handler: {_tag(node)}"
        elif name == "ping":
            yield f"a ping address: {_tag(node)}"
        elif name == "srcdoc":
            yield f"a frame holding a page of its own: {_tag(node)}"
        elif name == "referrerpolicy" and value.strip().lower() != "no-referrer":
            yield f"a referrer policy: {_tag(node)}"
        elif name == "style" and not drawing and not TEMPLATE_STYLES.fullmatch(value.strip()):
            yield f"a style no template writes: {_tag(node)}"
        elif name == "style" and _URL_IN_STYLE.search(value):
            yield f"a style that loads an address: {_tag(node)}"
        elif name in ("srcset", "imagesrcset"):
            if any(not _is_own(candidate.split()[0], host) for candidate in value.split(",") if candidate.split()):
                yield f"an image from another website: {_tag(node)}"
        elif name in ADDRESS:
            scheme = _scheme(value)
            loads = name in LOADS or tag in ("link", "use", "image", "script", "iframe", "img") or drawing
            if scheme not in LINK_SCHEMES:
                yield f"an address that is not a web, mail or phone address: {_tag(node)}"
            elif loads and not _is_own(value, host):
                yield f"a file loaded from another website: {_tag(node)}"


def _head_problem(node: LexborNode, host: str) -> str | None:
    """Why a <meta> or <link> in the head is not one the templates write (None when it is)."""
    attributes = {k.lower(): (v or "") for k, v in node.attributes.items()}
    if node.tag == "meta":
        if set(attributes) == {"charset"}:
            return None
        equiv = attributes.get("http-equiv", "").strip().lower()
        name = (attributes.get("name") or attributes.get("property") or "").strip().lower()
        if equiv:
            return None if equiv in HEAD_META_HTTP_EQUIV else f"a <meta http-equiv> no template writes: {_tag(node)}"
        if name == "referrer" and attributes.get("content", "").strip().lower() != "no-referrer":
            return f"a referrer policy: {_tag(node)}"
        if name in HEAD_META_NAMES or name.startswith(HEAD_META_PREFIXES):
            return None
        return f"a <meta> no template writes: {_tag(node)}"
    if node.tag == "link":
        rels = set(attributes.get("rel", "").lower().split())
        if not rels or not rels <= HEAD_LINK_RELS:
            return f"a <link> no template writes: {_tag(node)}"
        if not _is_own(attributes.get("href", ""), host):
            return f"a file loaded from another website: {_tag(node)}"
    return None


def page_problems(html: str, host: str = "") -> list[str]:
    """What a published page holds that the kit's templates and the theme never write."""
    tree = LexborHTMLParser(html)
    problems: list[str] = []
    head = tree.head
    for node in head.traverse(include_text=False) if head is not None else []:
        if node.tag in ("meta", "link"):
            problem = _head_problem(node, host)
            if problem:
                problems.append(problem)
        elif node.tag in NEVER:
            problems.append(f"a <{node.tag}> element: {_tag(node)}")
        if node.tag not in ("meta", "link"):
            problems += _attribute_problems(node, host, drawing=False)
    referrers = [n for n in head.css('meta[name="referrer" i]')] if head is not None else []
    if len(referrers) != 1:
        problems.append(f"{len(referrers)} referrer policies in the head, where the site writes one")
    body = tree.body
    if body is None:
        return problems
    drawn = set()
    for node in body.css("svg, svg *"):
        drawn.add(node.mem_id)
        if node.tag not in DRAWING_ELEMENTS:
            problems.append(f"an element no drawing holds: {_tag(node)}")
        problems += _attribute_problems(node, host, drawing=node.tag != "svg")
    for node in body.css(_BODY_NEVER):
        if node.mem_id not in drawn:
            problems.append(f"a <{node.tag}> element outside the page's head: {_tag(node)}")
    for node in body.css(_WATCHED_SELECTOR):
        if node.mem_id not in drawn:
            problems += _attribute_problems(node, host, drawing=False)
    if _HANDLER.search(html):  # only then can a tag hold an event handler: look at every tag
        for node in body.traverse(include_text=False):
            if node.mem_id not in drawn and any(name.lower().startswith("on") for name in node.attributes):
                problems += [p for p in _attribute_problems(node, host, drawing=False) if "handler" in p]
    return problems


# A page around a fragment of HTML: the head the templates write, so only the fragment's own HTML is judged.
_AROUND = '<!doctype html><html><head><meta name="referrer" content="no-referrer"></head><body>{}</body></html>'


def fragment_problems(html: str, host: str = "") -> list[str]:
    """What a piece of a page's body (a hand-written page's Markdown, made HTML) holds that no template writes:
    the rules `page_problems` holds a whole page to, so `validate` and the build agree."""
    return page_problems(_AROUND.format(html), host)


def drawing_problems(svg: str, host: str = "") -> list[str]:
    """What a published drawing (an .svg file) holds besides shapes and text."""
    tree = LexborHTMLParser(svg)
    problems: list[str] = []
    roots = tree.css("svg")
    if not roots:
        return ["no drawing"]
    drawn = {n.mem_id for n in tree.css("svg, svg *")}
    for node in tree.root.traverse(include_text=False):
        if node.tag in ("-comment", "-text", "html", "head", "body"):
            continue
        if node.mem_id not in drawn:
            problems.append(f"an element outside the drawing: {_tag(node)}")
        elif node.tag not in DRAWING_ELEMENTS:
            problems.append(f"an element no drawing holds: {_tag(node)}")
        problems += _attribute_problems(node, host, drawing=True)
    return problems


def file_problems(path: Path, host: str = "") -> list[str]:
    """What one published HTML or SVG file holds that no template writes."""
    if path.is_symlink():
        return ["a link to another file, where the site holds only files"]
    text = path.read_text(encoding="utf-8", errors="replace")
    return drawing_problems(text, host) if path.suffix.lower() == ".svg" else page_problems(text, host)


def _checked(path: Path, host: str) -> tuple[Path, list[str]]:
    return path, file_problems(path, host)


def site_problems(site: Path, site_url: str | None = None, checked: frozenset[str] = frozenset(),
                  candidates: list[Path] | None = None) -> dict[Path, list[str]]:
    """Every HTML and SVG file under `site` that holds what no template writes, with what it holds; files named in
    `checked` (paths relative to `site`, taken unchanged from a site checked before) are not read again, and when
    `candidates` are given, only those of the site's files may need reading (the caller knows the others are
    `checked`)."""
    host = site_host(site_url)
    files = sorted(p for p in (site.rglob("*") if candidates is None else candidates)
                   if p.suffix.lower() in (".html", ".htm", ".svg", ".xhtml")
                   and (not checked or p.relative_to(site).as_posix() not in checked))
    workers = available_processors()
    if workers < 2 or len(files) < FILES_PER_WORKER_START:
        results = [_checked(path, host) for path in files]
    else:
        with worker_pool(workers) as pool:
            results = list(pool.map(_checked, files, [host] * len(files), chunksize=64))
    return {path: found for path, found in results if found}


# How many files, and how many findings in each, a message names before it counts the rest.
MESSAGE_FILES, MESSAGE_ITEMS = 10, 3


def message(site: Path, found: dict[Path, list[str]], sources: dict[str, str] | None = None) -> str:
    """Plain English: which published files hold what, the input that put it there where known, and what to do."""
    from build_charts.csp import page_address  # the one way a file is named as an address

    sources = sources or {}
    lines = ["The site was not published: these pages hold HTML that none of the site's templates writes, which "
             "could hide parts of the page, load files from other websites or run code in a visitor's browser."]
    for path, items in list(found.items())[:MESSAGE_FILES]:
        shown = "; ".join(items[:MESSAGE_ITEMS]) + (f"; and {len(items) - MESSAGE_ITEMS} more" if len(items) > MESSAGE_ITEMS else "")
        address = page_address(site, path)
        source = sources.get(address)
        lines.append(f"- {address}{f' (from {source})' if source else ''}: {shown}")
    if len(found) > MESSAGE_FILES:
        lines.append(f"- and {len(found) - MESSAGE_FILES} more files")
    if len(found) > 1 and len(found) >= _page_count(site) // 2:
        lines.append("Most pages hold it, so it most likely comes from text every page shows: a menu title or "
                     "copyright in mkdocs.yml, or a wording in locale/messages.po.")
    lines.append("Find the text on the page that holds <, > or a web address, remove it from the file it comes "
                 "from (write Markdown instead of HTML), and build again.")
    return "\n".join(lines)


def _page_count(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def sources_of_pages(site: Path, docs: Path, staged: Path) -> dict[str, str]:
    """For each page address, the project file it was made from: a hand-written page in `docs`, or the data."""
    from build_charts.csp import page_address

    sources = {}
    for page in site.rglob("*.html"):
        address = page_address(site, page)
        stem = address.strip("/")
        for candidate in (f"{stem}.md", f"{stem}/index.md", "index.md" if not stem else ""):
            if candidate and (docs / candidate).is_file():
                sources[address] = f"{docs.name}/{candidate}"
                break
            if candidate and (staged / candidate).is_file():
                sources[address] = "the data package (datasets/)"
                break
    return sources


def check_site(site: Path, site_url: str | None = None, docs: Path | None = None, staged: Path | None = None,
               checked: frozenset[str] = frozenset(), files: list[Path] | None = None) -> None:
    """Raise NotAllowed, naming every file and what it holds, when any published file is outside the allowlist
    (`checked`: files taken unchanged from a site that passed this check, not read again; `files`: when given, every
    file of the site that is not `checked`, so the site's folders need not be searched)."""
    found = site_problems(site, site_url, checked, files)
    if found:
        sources = sources_of_pages(site, docs, staged) if docs is not None and staged is not None else {}
        raise NotAllowed(message(site, found, sources))
