"""What a change does to the published site, in words, for the reviewer of a pull request.

Complete by construction: the site is built from the base version and from the change, each by its own process
into its own folder, and the two sites are compared as text (build_charts.summary). Each difference is then told
in the data's words where a changed row explains it, and otherwise by the page's title and the sentence before
and after. "Nothing changes" is said only when both sites show the same text and publish the same files.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from build_charts.package import read_descriptor, read_text_tables
from build_charts.settings import Paths, site_url
from build_charts.summary.builds import NoBase, build_both, project_at, working_copy
from build_charts.summary.code import code_changes
from build_charts.summary.datawords import Item, data_items, md, read_rows
from build_charts.summary.sitediff import Change, site_changes
from build_charts.summary.sitediff import sentences as sentences_of
from build_charts.summary.sitetext import snapshot
from build_charts.summary.wordings import wording_items
from build_charts.validate import Problem
from build_charts.validate.checks import lost_characters
from build_charts.validate.problem import visible
from build_charts.validate.report import as_text

__all__ = ["NoBase", "report_against", "summary"]

TITLE = "## What this changes on the published site"
NOTHING = "Nothing changes on the published site: every page shows the same text and every published file is the same."
FIRST = "Check these before approving"
CODE = "a code change: ask a developer to review"
CANNOT_COMPARE_ERRORS = "The change cannot be compared until the errors below are fixed."
# The address both copies are built for, when the project sets none: only the two sites' difference matters.
COMPARE_ADDRESS = "https://example.org/"
# Sentences quoted per page; the rest are counted (the preview shows them all).
PER_PAGE = 6
# New pages whose titles begin alike are counted on one line from this many.
GROUP_PAGES = 4
SECTIONS = ("Progress reports", "Figures", "Key facts", "Charts and indicators", "Help contacts", "Corrections",
            "Other data", "Wordings")


def report_against(paths: Paths, base: str, preview_url: str | None = None) -> str:
    """The Markdown summary of the project at `paths` compared with the git version `base`.

    Both versions are built (each in a temporary folder, by its own process). Data with errors is not built:
    the report then lists the errors.
    """
    from build_charts import pipeline  # the pipeline imports the pages; imported here to keep this module light

    problems = pipeline.validate(paths).problems
    with tempfile.TemporaryDirectory(prefix="what-changed-") as folder:
        old_project = project_at(paths.root, base, Path(folder) / "base")
        problems = [*problems, *_characters_lost(old_project / "datasets", paths.datasets)]
        if any(p.is_error for p in problems):
            return _cannot_compare(base, CANNOT_COMPARE_ERRORS, problems)
        new_project = working_copy(paths.root, Path(folder) / "change")
        old_built, new_built = build_both(old_project, new_project, _address(paths), paths.cache)
        if not new_built.ok:
            return _cannot_compare(base, "The change does not build:\n\n" + _last_paragraph(new_built.output), problems)
        old_rows, new_rows = read_rows(old_project / "datasets"), read_rows(new_project / "datasets")
        old_site = snapshot(old_built.site) if old_built.ok else None
        changes = site_changes(old_site, snapshot(new_built.site)) if old_site is not None else None
        items = data_items(old_rows, new_rows) + wording_items(old_project, new_project)
        return summary(items, changes, code_changes(old_project, new_project), problems, base, preview_url,
                       hand_written(new_project / "docs"))


def hand_written(docs: Path) -> frozenset[str]:
    """The address of each hand-written page (docs/*.md, theme overrides apart), as the site publishes it."""
    found = set()
    for path in docs.rglob("*.md") if docs.is_dir() else []:
        relative = path.relative_to(docs).with_suffix("").as_posix()
        if relative.split("/", 1)[0] == "overrides":
            continue
        stem = relative.removesuffix("index").rstrip("/")
        found.add(f"{stem}/" if stem else "")
    return frozenset(found)


def _characters_lost(old_root: Path, new_root: Path) -> list[Problem]:
    """Cells where a `?` replaced a character the base version had (a save in Windows-1252 loses them)."""
    try:
        old = read_text_tables(old_root, read_descriptor(old_root))
        new = read_text_tables(new_root, read_descriptor(new_root))
    except (OSError, ValueError):
        return []  # a base or package that cannot be read: its own problems say why
    return sorted(lost_characters.check(old, new), key=Problem.sort_key)


def summary(items: list[Item], changes: list[Change] | None, code: list[str], problems: Iterable[Problem] = (),
            base: str = "the base", preview_url: str | None = None, written: frozenset[str] = frozenset()) -> str:
    """The whole summary: what to check first, the data's changes by kind, the other changes to pages and
    files, then the data's problems. `changes` is None when the base could not be built; `written` holds the
    addresses of hand-written pages (docs/), whose words are quoted when the page is new."""
    out = [TITLE, "", f"Compared with `{md(base)}`, by building the site from each.", ""]
    if changes == []:
        out += [NOTHING, ""]
    elif changes is None:
        out += ["The site could not be built from the base, so the change is told from the data only.", ""]
    first = [line for item in items if item.first for line in item.lines]
    if code:
        first.append(f"- {CODE}: {', '.join(code)}")
    if first:
        out += [f"### {FIRST}", "", *first, ""]
    for section in SECTIONS:
        lines = [line for item in items if item.section == section and not item.first for line in item.lines]
        if lines:
            out += [f"### {section}", "", *lines, ""]
    out += page_lines(changes or [], items, preview_url, written)
    out += file_lines(changes or [])
    out += problem_lines(list(problems))
    return "\n".join(out).rstrip() + "\n"


# Kept first when a comment must be shortened: what a data row does not explain is what a flood of rows would hide.
COMMENT_FIRST = (FIRST, "Other changes on the pages", "Published files", "Checks")
# Room kept for the line that says what a shortened comment leaves out.
NOTE_ROOM = 800


def for_comment(text: str, limit: int, whole_at: str) -> str:
    """The summary shortened to at most `limit` characters for a pull request's comment, never silently.

    Whole lines only, and no <details> or fence left open (which would fold away what follows). The sections a
    data row does not explain (what to check first, the pages' other changes, published files, the checks) are
    kept before the data's rows, and a line under the title names each section cut and where the whole list is.
    """
    if len(text) <= limit:
        return text
    head, *parts = re.split(r"(?m)^(?=### )", text)
    title, _, head = head.partition("\n") if head.startswith("## ") else ("", "", head)
    sections = [("the summary", head), *((part.split("\n", 1)[0].removeprefix("### ").strip(), part) for part in parts)]
    order = sorted(range(len(sections)), key=lambda i: (i > 0 and sections[i][0] not in COMMENT_FIRST, i))
    room = limit - len(title) - NOTE_ROOM
    kept: dict[int, str] = {}
    cut: list[str] = []
    for index in order:
        name, part = sections[index]
        shown, left = (part, 0) if len(part) <= room else _cut(part, room)
        if shown.strip() not in ("", f"### {name}"):
            kept[index] = shown if shown.endswith("\n\n") else shown.rstrip("\n") + "\n\n"
            room -= len(kept[index])
        if left:
            cut.append(f"{left} line{'s' if left != 1 else ''} of “{md(name)}”")
    note = (f"**This comment is shortened**: it leaves out {', '.join(cut)}. The whole list is on the "
            f"[preview run]({whole_at}).")
    body = "".join(kept[i] for i in sorted(kept))
    return (f"{title}\n\n" if title else "") + note[: NOTE_ROOM - 10] + "\n\n" + body.lstrip("\n")


def _cut(part: str, room: int) -> tuple[str, int]:
    """A section's first whole lines within `room` characters, any fence or <details> it opened closed, and how many
    non-empty lines were left out."""
    lines = part.rstrip("\n").split("\n")
    shown: list[str] = []
    fence, details, size = "", 0, 0
    for number, line in enumerate(lines):
        closing = (f"\n{fence}" if fence else "") + "\n</details>" * details
        if size + len(line) + 1 + len(closing) > room:
            shown += [closing.strip("\n")] if closing else []
            return "\n".join(shown) + "\n", sum(1 for rest in lines[number:] if rest.strip())
        shown.append(line)
        size += len(line) + 1
        opener = re.match(r"\s*(`{3,})", line)
        if opener and not fence:
            fence = opener.group(1)
        elif fence and line.strip() == fence:
            fence = ""
        elif not fence:
            details += line.count("<details>") - line.count("</details>")
    return part, 0


def page_lines(changes: list[Change], items: list[Item], preview_url: str | None,
               written: frozenset[str] = frozenset()) -> list[str]:
    """Pages added or removed, and each page's changed sentences that no change in the data explains; a new
    hand-written page's own words, which no data row holds."""
    words = {w for item in items for w in item.words if len(w) > 1}
    by_page: dict[str, list[Change]] = defaultdict(list)
    added, removed, frame = [], [], []
    for change in changes:
        if change.kind == "page added":
            added.append(change)
            if change.where in written:
                by_page[change.where] += [Change("page", change.where, change.title, "", sentence)
                                          for block in change.after.split("\n") for sentence in sentences_of(block)]
        elif change.kind == "page removed":
            removed.append(f"- Page removed: {md(_short_title(change.title))} (links to it will find nothing)")
        elif change.kind == "page" and not explained(change, words):
            by_page[change.where].append(change)
        elif change.kind == "link":
            by_page[change.where].append(change)
        elif change.kind == "frame link" or (change.kind == "frame" and not explained(change, words)):
            pages = "1 page" if change.where == "1" else f"{change.where} pages"
            frame.append(f"- The menu, header or footer on {pages}: {_before_after(change)}")
    lines, told, pages = [], {}, []
    for page_changes in by_page.values():
        name = _page_name(page_changes[0], preview_url)
        sentences = []
        for change in page_changes:
            said = _before_after(change)
            if said in told:  # the same sentence on another page (a chart's own page, its version as at a period)
                if name not in told[said] and said not in sentences:
                    told[said].append(name)
            elif said not in sentences:
                told[said] = []
                sentences.append(said)
        pages.append((name, sentences))
    for name, sentences in pages:
        sentences = [said + _also_on(told[said]) for said in sentences]
        shown = sentences[:PER_PAGE]
        more = len(sentences) - len(shown)
        if more:
            shown.append(f"and {more} more sentence{'s' if more != 1 else ''} on this page")
        if len(shown) == 1:
            lines.append(f"- {name}: {shown[0]}")
        elif shown:
            lines += [f"- {name}:", *[f"  - {s}" for s in shown]]
    body = _new_pages(added, preview_url) + removed + frame + lines
    return ["### Other changes on the pages", "", *body, ""] if body else []


def _also_on(names: list[str]) -> str:
    """Where else a changed sentence is, so no page that shows it goes untold: one page by its name, more counted
    (a chart's own page, its versions and embeds show the same sentence)."""
    if not names:
        return ""
    return f" (also on {names[0]})" if len(names) == 1 else f" (also on {len(names)} other pages)"


def _new_pages(added: list[Change], preview_url: str | None) -> list[str]:
    """New pages one line each, except that GROUP_PAGES or more whose titles begin alike ("History: …") are counted
    on one line naming the first."""
    groups: dict[str, list[Change]] = defaultdict(list)
    for change in added:
        title = _short_title(change.title)
        groups[title.split(": ", 1)[0] if ": " in title else title].append(change)
    out = []
    for start, members in groups.items():
        if len(members) < GROUP_PAGES:
            out += [f"- New page: {_page_name(change, preview_url)}" for change in members]
        else:
            out.append(f"- {len(members)} new pages whose titles begin “{md(start)}:”, such as "
                       f"{_page_name(members[0], preview_url)}")
    return out


def explained(change: Change, words: set[str]) -> bool:
    """True when all that differs in a changed sentence is words of a change in the data (a figure, a title, a
    quoted text): with those words taken out, the sentence reads the same before and after. A sentence that merely
    holds such a word, beside words of its own that changed, is told."""
    return _without(change.before, words) == _without(change.after, words)


def _without(text: str, words: set[str]) -> str:
    """A sentence with each of the data's words in it taken out, the longest words first."""
    for word in sorted((w for w in words if w in text), key=len, reverse=True):
        text = text.replace(word, " ")
    return " ".join(text.split())


def file_lines(changes: list[Change]) -> list[str]:
    """Published files added, removed or changed, one line per file (a chart's files together)."""
    lines, charts = [], defaultdict(set)
    for change in changes:
        if not change.kind.startswith("file"):
            continue
        verb = {"file": "changed", "file added": "added", "file removed": "removed"}[change.kind]
        chart = re.match(r"charts/([^/]+)/", change.where)
        if chart:
            charts[chart.group(1)].add(verb)
        elif change.where.endswith("feed.xml"):
            lines.append(f"- The updates feed: {verb}")
        elif change.where.endswith("sitemap.xml"):
            lines.append(f"- The list of pages for search engines (sitemap): {verb}")
        elif change.where.startswith("assets/") and change.where.endswith((".css", ".js")):
            lines.append(f"- The site's {'style' if change.where.endswith('.css') else 'script'} "
                         f"{_code(change.where)}: {verb} (it can change how every page looks or works)")
        elif not change.where.endswith((".csv", ".zip", ".json", ".xml")):
            lines.append(f"- File {_code(change.where)}: {verb}")
        else:
            lines.append(f"- Download {_code(change.where.rsplit('/', 1)[-1])}: {verb}")
    lines += [f"- Chart {_code(chart)}: its image or data download {' and '.join(sorted(verbs))}"
              for chart, verbs in sorted(charts.items())]
    return ["### Published files", "", *lines, ""] if lines else []


def problem_lines(problems: list[Problem]) -> list[str]:
    """The data's errors and warnings, as `validate` prints them, in a block that keeps their layout."""
    if not problems:
        return ["### Checks", "", "The data passes every check.", ""]
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    counts = " and ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((errors, "error"), (warnings, "warning")) if n)
    text = "\n\n".join(as_text(p) for p in problems)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    verdict = "The site will not be built until the errors are fixed." if errors else "The site will still be built."
    return ["### Checks", "", f"The data has {counts}. {verdict}", "", f"{fence}text", text, fence, ""]


def _code(name: str) -> str:
    """A file name or address in a code span (where Markdown escapes do not work), with no backtick to end it early
    and hidden characters shown by their code."""
    return f"`{visible(name.replace('`', ''))}`"


def _before_after(change: Change) -> str:
    if change.kind in ("link", "frame link"):
        words = f"the link “{md(change.words)}”"
        if not change.before:
            return f"{words} added, leading to {_code(change.after)}"
        if not change.after:
            return f"{words} removed (it led to {_code(change.before)})"
        return f"{words} now leads to {_code(change.after)} (it led to {_code(change.before)})"
    if not change.before:
        return f"added “{md(change.after)}”"
    if not change.after:
        return f"removed “{md(change.before)}”"
    return f"“{md(change.before)}” → “{md(change.after)}”"


def _page_name(change: Change, preview_url: str | None) -> str:
    title = md(_short_title(change.title) or change.where or "Home")
    if preview_url:
        return f"[{title}]({preview_url.rstrip('/')}/{quote(change.where, safe='/%')})"
    return f"**{title}**"


def _short_title(title: str) -> str:
    """A page's title without the site's name after it."""
    return title.rsplit(" - ", 1)[0] if " - " in title else title


def _address(paths: Paths) -> str:
    try:
        return site_url(paths) or COMPARE_ADDRESS
    except ValueError:
        return COMPARE_ADDRESS


def _last_paragraph(output: str) -> str:
    """What a failed build said last, in a fence: the plain paragraph that says what to fix."""
    text = output.strip().split("\n\n")[-1] if output.strip() else "The build stopped without saying why."
    return f"```text\n{text}\n```"


def _cannot_compare(base: str, reason: str, problems: list[Problem]) -> str:
    return "\n".join([TITLE, "", f"Compared with `{md(base)}`.", "", reason, "", *problem_lines(problems)]).rstrip() + "\n"
