"""Hand-written pages (docs/*.md): HTML that the build would refuse, and hidden characters, found before a build.

A page is Markdown, and Markdown lets HTML through as it is: a <style> that hides the help bar, a <link> or an
image that loads a file from another website, an attribute list such as {: onclick="…" }, a frame holding a page
of its own. The build holds every published page to an allowlist (build_charts.allowlist); this check makes each
page's Markdown into HTML with the site's own Markdown extensions and holds it to the same allowlist, so
`validate` and the build refuse the same HTML, and the message names the file and line. News posts are checked
here too, for what their own check (posts.py) does not already report on a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import markdown
from mkdocs.utils.meta import YAML_RE

from build_charts import allowlist
from build_charts.validate.checks.characters import character_problem
from build_charts.validate.checks.language import without_code_blocks
from build_charts.validate.checks.posts import AUTOLINK, INLINE_CODE, REMOTE_IMAGE, post_files
from build_charts.validate.checks.text import HTML
from build_charts.validate.problem import Problem, shorten

# The Markdown extensions the site may use that change which HTML a page holds (site_config.ALLOWED_EXTENSIONS,
# less the ones that only include generated files or set finished HTML aside).
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "def_list", "footnotes"]
EXPECTED = ("Markdown, with HTML only of the kinds the site's own pages hold: no <style>, <meta>, <link> or "
            "<base>, no script, event handler (onclick=…) or javascript: address, no image, frame or style that "
            "loads a file from another website")
FIX = ("Remove the HTML and write Markdown instead: **bold**, [link text](https://...), ![what it shows](assets/"
       "photo.jpg) for an image saved in docs/assets. The site loads nothing from other websites and runs no code a "
       "page brings; the build refuses the same HTML.")
# The character problems that hold in Markdown (a cell's rules on quotes and spaces do not).
HIDDEN_CHARACTERS = {"invisible-character", "control-character", "line-break"}
_TAG = re.compile(r"<([a-zA-Z][\w:-]*)")
_VALUE = re.compile(r"""=["']([^"']{3,})["']""")


# Files a web host reads as its own settings or runs as code when they are published (Netlify, Cloudflare Pages,
# Vercel, Azure): a redirect of the help page, looser headers, a worker that answers every request.
HOST_FILES = {"_redirects", "_headers", "_worker.js", "_routes.json", "netlify.toml", "vercel.json",
              "staticwebapp.config.json", "CNAME"}


def check(docs: Path, exclude: Path | None = None, host: str | None = None) -> Iterator[Problem]:
    """Every hand-written page's HTML that the build's allowlist refuses, and hidden characters, by file and line;
    and any file the web host would read as its settings."""
    for path in sorted(p for p in docs.rglob("*") if p.name in HOST_FILES):
        yield Problem(code="host-file", file=f"{docs.name}/{path.relative_to(docs).as_posix()}",
                      found=f'"{path.name}", a file the web host reads as its own settings or runs as code',
                      expected="pages, pictures and documents only in docs/",
                      fix="Delete the file. Redirects, headers and the site's address are set by the kit and the "
                      "host's settings: ask a developer.")
    posts = set(post_files(docs))
    for path in sorted(docs.rglob("*.md")):
        if exclude is not None and path.is_relative_to(exclude):
            continue
        try:
            text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            continue  # a post's own check says so; a page the builder cannot read stops the build with a message
        file = f"{docs.name}/{path.relative_to(docs).as_posix()}"
        yield from page_problems(text, file, host or "", is_post=path in posts)


def page_problems(text: str, file: str, host: str = "", is_post: bool = False) -> Iterator[Problem]:
    """The problems of one hand-written page's text (front matter included)."""
    front = YAML_RE.match(text)
    body_start = front.group(0).count("\n") if front else 0
    body = text[front.end():] if front else text
    lines = body.split("\n")
    reported = set()
    if is_post:  # the post check reports its own lines: HTML, remote images and hidden characters
        reported = {n for n, line in enumerate(without_code_blocks(body).split("\n"))
                    if _post_check_reports(line)}
    else:  # the settings at the top too: a page's title is shown in the menu
        for number, line in enumerate(without_code_blocks(text).split("\n")):
            problem = character_problem(line.replace("\t", " "))
            if problem and problem[0] in HIDDEN_CHARACTERS:
                code, found, expected, fix = problem
                yield Problem(code=code, file=file, line=number + 1, found=found, expected=expected, fix=fix)
    html = markdown.markdown(body, extensions=EXTENSIONS)
    for finding in dict.fromkeys(allowlist.fragment_problems(html, host)):
        number = _line_of(lines, finding)
        if number is not None and number in reported:
            continue
        yield Problem(code="html-in-page", file=file, line=body_start + number + 1 if number is not None else None,
                      found=f"HTML the site's pages may not hold: {shorten(finding, 160)}", expected=EXPECTED, fix=FIX)


def _post_check_reports(line: str) -> bool:
    words = INLINE_CODE.sub("", AUTOLINK.sub("", line))
    return bool(character_problem(line.replace("\t", " ")) or HTML.search(words) or REMOTE_IMAGE.search(words))


def _line_of(lines: list[str], finding: str) -> int | None:
    """The index of the line a finding most likely comes from: an attribute list ({: … }) holding one of its
    attribute values, a line naming its tag and that value, one holding the value, or one naming the tag."""
    tag_text = finding[finding.find("<"):] if "<" in finding else ""
    name = _TAG.match(tag_text)
    opening = f"<{name.group(1).lower()}" if name else None
    values = _VALUE.findall(tag_text)
    folded = [line.lower() for line in lines]
    value = values[:1]
    for wanted in (("{", *value) if value else (), (opening, *value) if value else (), tuple(value), (opening,)):
        if wanted and all(wanted):
            for number, line in enumerate(folded):
                if all(w.lower() in line for w in wanted):
                    return number
    return None
