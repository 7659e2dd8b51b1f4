"""News posts (docs/updates/*.md): the block at the top, and a body of plain Markdown.

The block between the --- lines holds exactly the lines a post needs (REQUIRED): the title, the date, a
one-sentence description and the source_id. Any other line is refused, because the site builder would act on it
(a "template" line, for example, changes how the page is made). A value with a colon in it must be in quotes;
a block YAML cannot read gives one message that says where and how to fix it.

The body is Markdown with no HTML (no tag, comment or character reference), no script links, no image from
another website (the site loads nothing from other websites), and the same hidden-character rules as a cell
that holds paragraphs. Code blocks and `inline code` are left out: they are shown as they are, never run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import yaml
from mkdocs.utils.meta import YAML_RE

from build_charts.validate.checks import limits
from build_charts.validate.checks.characters import character_problem
from build_charts.validate.checks.language import without_code_blocks
from build_charts.validate.checks.text import HTML
from build_charts.validate.problem import Problem, shorten

# The same block the pages read (pages/updates.py); a test keeps the two the same.
# MkDocs' own pattern, so the block ends exactly where MkDocs ends it (at --- or ...).
FRONT_MATTER = YAML_RE
REQUIRED = ("title", "date", "description", "source_id")
TEXT_LIMITS = {"title": 150, "description": 300}
SLUG = re.compile(r"(?=.{1,80}\Z)[a-z0-9]+(-[a-z0-9]+)*")
AUTOLINK = re.compile(r"<(?:https://|mailto:)[^<>\s]*>")
INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
REMOTE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
GUIDE = "See the guide to posting a news update."


def check(docs: Path, source_ids: set[str], today: date) -> Iterator[Problem]:
    """Every problem with every news post, located by file, line and key."""
    for path in post_files(docs):
        yield from post_problems(path, f"{docs.name}/updates/{path.name}", source_ids, today)


def post_files(docs: Path) -> list[Path]:
    """The Markdown files of every post (the generated index is not one)."""
    folder = docs / "updates"
    return sorted(p for p in folder.glob("*.md") if p.name != "index.md") if folder.exists() else []


def post_problems(path: Path, file: str, source_ids: set[str], today: date) -> Iterator[Problem]:
    """The problems of one post file."""
    if not SLUG.fullmatch(path.stem):
        yield Problem(code="post-bad-name", file=file, found=f'the file name "{shorten(path.name)}"',
                      expected="a name of at most 80 lower-case letters, digits and hyphens, ending in .md, such as "
                      "naloxone-in-pharmacies.md (it becomes the post's web address)",
                      fix="Rename the file: lower case, with hyphens instead of spaces and no other punctuation.")
    size = path.stat().st_size
    if size > limits.MAX_POST_BYTES:
        yield limits.file_too_large(file, size, limits.MAX_POST_BYTES)
        return
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        yield Problem(code="not-utf8", file=file, found="characters saved in an encoding other than UTF-8",
                      expected="a post saved as UTF-8", fix="Save the file again as UTF-8 (GitHub's editor does).")
        return
    text = text.replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if not match:
        yield Problem(code="post-no-settings", file=file, line=1, found="no block of settings at the top",
                      expected="the post to start with a line of three hyphens (---), the title, date, description "
                      "and source_id lines, and another line of three hyphens",
                      fix=f"Copy the block from the top of another post and change its values. {GUIDE}")
        return
    meta = yield from _front_matter(match.group(1), file)
    if meta is not None:
        yield from meta_problems(meta, match.group(1), file, source_ids, today)
    body_start = match.group(0).count("\n") + 1
    yield from body_problems(text[match.end():], file, body_start)


def _front_matter(block: str, file: str):
    """The block read as YAML, or None after yielding the one problem that says why it cannot be read."""
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        yield yaml_problem(exc, block, file)
        return None
    if not isinstance(meta, dict):
        yield Problem(code="post-settings-unreadable", file=file, line=2,
                      found="a block at the top that is not a list of 'name: value' lines",
                      expected="one 'name: value' line for each of title, date, description and source_id",
                      fix=f"Copy the block from the top of another post and change its values. {GUIDE}")
        return None
    return meta


def yaml_problem(exc: yaml.YAMLError, block: str, file: str) -> Problem:
    """One problem for a block YAML cannot read: a colon in a value gets its own advice (put it in quotes)."""
    mark = getattr(exc, "problem_mark", None)
    index = mark.line if mark is not None else 0
    lines = block.split("\n")
    text = lines[index] if index < len(lines) else ""
    key, _, value = text.partition(":")
    key, value = key.strip(), value.strip()
    line = index + 2  # the block starts on the line after the first ---
    if "mapping values are not allowed" in str(getattr(exc, "problem", "")) and key in REQUIRED:
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return Problem(code="post-colon-in-value", file=file, line=line, column=key,
                       found=f'a colon (:) inside the {key}: "{shorten(value)}"',
                       expected=f"a {key} in double quotes when it contains a colon",
                       fix=f'Put the {key} in quotes: {key}: "{shorten(quoted, 200)}"')
    return Problem(code="post-settings-unreadable", file=file, line=line, column=key or None,
                   found=f'a line that cannot be read: "{shorten(text)}"',
                   expected="one 'name: value' line for each of title, date, description and source_id",
                   fix="Compare the line with the same line in another post. Put any value that contains a colon, "
                   "or starts with a quote mark, [ or {, in double quotes.")


def meta_problems(meta: dict, block: str, file: str, source_ids: set[str], today: date) -> Iterator[Problem]:
    """Problems with the values of the block: missing, extra, wrongly typed, unsafe or unknown."""
    lines = {str(key): _line_of(block, str(key)) for key in meta}
    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            yield Problem(code="post-missing-field", file=file, column=key, found=f"no {key}",
                          expected=f"a '{key}:' line in the block between the --- lines at the top",
                          fix=f"Add '{key}: ...' to the top block, as in the other posts.")
    for key in meta:
        if key not in REQUIRED:
            yield Problem(code="post-unknown-field", file=file, line=lines[str(key)], column=str(key),
                          found=f"a '{shorten(str(key))}:' line, which posts do not use",
                          expected="only the lines title, date, description and source_id",
                          fix="Delete the line. The site builder would act on it, and posts need no other lines.")
    for key, limit in TEXT_LIMITS.items():
        if meta.get(key) not in (None, ""):
            yield from _text_problems(key, meta[key], limit, file, lines.get(key))
    yield from _date_problems(meta.get("date"), file, lines.get("date"), today)
    source = meta.get("source_id")
    if source not in (None, "") and (not isinstance(source, str) or source not in source_ids):
        yield Problem(code="unknown-reference", file=file, line=lines.get("source_id"), column="source_id",
                      found=f"{_quoted(source)}, which is not in sources.csv",
                      expected="an id that exists in sources.csv",
                      fix="Correct the id, or add the source to datasets/sources.csv first.")


def _text_problems(key: str, value, limit: int, file: str, line: int | None) -> Iterator[Problem]:
    where = dict(file=file, line=line, column=key)
    if not isinstance(value, str):
        yield Problem(code="post-not-text", found=f"{_kind(value)} instead of words",
                      expected=f"the {key} as text", fix=f'Put the {key} in double quotes: {key}: "..."', **where)
        return
    problem = character_problem(value)
    if problem:
        code, found, expected, fix = problem
        yield Problem(code=code, found=found, expected=expected, fix=fix, **where)
    elif HTML.search(value):
        yield Problem(code="html-in-text", found=f'text containing HTML or a script: "{shorten(value)}"',
                      expected="plain text with no HTML tags, scripts or javascript: links",
                      fix="Remove the tags. Write the words only; the site adds its own formatting.", **where)
    elif len(value) > limit:
        yield Problem(code="text-too-long", found=f'{len(value):,} characters: "{shorten(value)}"',
                      expected=f"at most {limit:,} characters", fix=f"Shorten the {key}.", **where)


def _date_problems(value, file: str, line: int | None, today: date) -> Iterator[Problem]:
    if value in (None, ""):
        return
    if isinstance(value, datetime) or not isinstance(value, date):
        yield Problem(code="post-bad-date", file=file, line=line, column="date", found=_quoted(value),
                      expected="a date written as YYYY-MM-DD", fix="Write the date as e.g. 2026-11-25.")
    elif value > today:
        yield Problem(code="future-date", file=file, line=line, column="date",
                      found=f'"{value}", which is in the future', expected="the date the post is published",
                      fix="Use today's date or earlier.")


ABBREVIATION_LINE = re.compile(r"(?m)^[ ]{0,3}\*\[")


def body_problems(body: str, file: str, first_line: int) -> Iterator[Problem]:
    """HTML, script links, images from other websites and hidden characters in the post's Markdown, by line."""
    found = list(ABBREVIATION_LINE.finditer(body))
    count = len(found)
    if count > limits.MAX_ABBREVIATION_LINES:
        yield limits.too_many("too-many-abbreviations", file, count, limits.MAX_ABBREVIATION_LINES,
                              "abbreviation lines (*[ABC]: …)",
                              "Keep the abbreviations the post uses; the glossary explains the partnership's own.",
                              line=first_line + body.count("\n", 0, found[0].start()))
        return
    for offset, line in enumerate(without_code_blocks(body).split("\n")):
        where = dict(file=file, line=first_line + offset)
        words = INLINE_CODE.sub("", AUTOLINK.sub("", line))
        problem = character_problem(line.replace("\t", " "))
        if problem:
            code, found, expected, fix = problem
            yield Problem(code=code, found=found, expected=expected, fix=fix, **where)
        elif HTML.search(words):
            yield Problem(code="html-in-post", found=f'HTML or a script in the post: "{shorten(line)}"',
                          expected="Markdown with no HTML tags, comments, scripts or javascript: links",
                          fix="Remove the tag and write Markdown instead: **bold**, [link text](https://...), a "
                          "line starting with * for a bullet point. The site adds its own formatting.", **where)
        elif REMOTE_IMAGE.search(words):
            yield Problem(code="remote-image", found=f'an image from another website: "{shorten(line)}"',
                          expected="images saved in the docs/assets folder",
                          fix="Save the image in docs/assets and link to it there, e.g. ![What it shows](../assets/"
                          "photo.jpg). The site loads nothing from other websites, to keep visitors private.",
                          **where)


def _line_of(block: str, key: str) -> int | None:
    """The file line of a key in the block (the block starts on line 2)."""
    for index, text in enumerate(block.split("\n")):
        if text.split(":", 1)[0].strip() == key:
            return index + 2
    return None


def _quoted(value) -> str:
    """A value from the block, quoted; a list is named rather than written out (a YAML alias can make it huge)."""
    return "a list" if isinstance(value, (list, dict)) else f'"{shorten(str(value))}"'


def _kind(value) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (list, dict)):
        return "a list"
    return "a date" if isinstance(value, date) else f'"{shorten(str(value))}"'
