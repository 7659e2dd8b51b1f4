"""The difference between two built sites, read as text (build_charts.summary.sitetext): pages added, removed or
showing other sentences, the site's frame (menu, header, footer) once, and published files whose content differs."""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urljoin

from build_charts.summary.sitetext import Page, Snapshot

# Where one sentence ends and the next begins.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[^\s.!?…])")


@dataclass(frozen=True)
class Change:
    """One difference a reader or a download would see.

    `kind` is page, page added, page removed, frame, link, frame link, file, file added or file removed; `where`
    the page's address, the file's path, or for the frame how many pages show it; `title` the page's title;
    `before` and `after` the text that differs, or where a link led and leads ('' when there is none); `words` a
    link's words.
    """

    kind: str
    where: str
    title: str = ""
    before: str = ""
    after: str = ""
    words: str = ""


def site_changes(old: Snapshot, new: Snapshot) -> list[Change]:
    """Every difference between two built sites, in the order of their addresses."""
    changes: list[Change] = []
    for address in sorted(old.pages.keys() | new.pages.keys()):
        was, now = old.pages.get(address), new.pages.get(address)
        if was is None:
            changes.append(Change("page added", address, now.title, after="\n".join(now.blocks)))
        elif now is None:
            changes.append(Change("page removed", address, was.title))
        else:
            changes += page_changes(address, was, now)
    changes += frame_changes(old, new)
    for path in sorted(old.files.keys() | new.files.keys()):
        if path not in new.files:
            changes.append(Change("file removed", path))
        elif path not in old.files:
            changes.append(Change("file added", path))
        elif old.files[path] != new.files[path]:
            changes.append(Change("file", path, before=_shown(old.files[path]), after=_shown(new.files[path])))
    return changes


def page_changes(address: str, was: Page, now: Page) -> list[Change]:
    """The sentences of one page that differ, each with the sentence before and after ('' when added or removed)."""
    changes = []
    if was.title != now.title:
        changes.append(Change("page", address, now.title, f"Title: {was.title}", f"Title: {now.title}"))
    for before, after in block_differences(was.blocks, now.blocks):
        for old_text, new_text in sentence_differences(before, after):
            changes.append(Change("page", address, now.title, old_text, new_text))
    for words, old_target, new_target in link_differences(resolved(address, was.links), resolved(address, now.links)):
        changes.append(Change("link", address, now.title, old_target, new_target, words))
    return changes


def frame_changes(old: Snapshot, new: Snapshot) -> list[Change]:
    """Differences in the site's frame (menu, header, footer), each once, with how many pages show it."""
    seen: Counter = Counter()
    for address in sorted(old.pages.keys() & new.pages.keys()):
        for pair in block_differences(old.pages[address].frame, new.pages[address].frame):
            seen[pair] += 1
    links: Counter = Counter()
    for address in sorted(old.pages.keys() & new.pages.keys()):
        for difference in link_differences(resolved(address, old.pages[address].frame_links),
                                           resolved(address, new.pages[address].frame_links)):
            links[difference] += 1
    return [*(Change("frame", str(count), "", before, after) for (before, after), count in seen.items()),
            *(Change("frame link", str(count), "", before, after, words)
              for (words, before, after), count in links.items())]


def link_differences(before: tuple[tuple[str, str], ...], after: tuple[tuple[str, str], ...]) -> list[tuple[str, str, str]]:
    """Links that lead elsewhere: (words, where it led, where it leads). A link whose words stay and whose address
    changes is always told; a link added or removed with its words only when it leads off the site (another website,
    a phone number, an email address), since its words are told as a changed sentence."""
    gone, came = Counter(before) - Counter(after), Counter(after) - Counter(before)
    led: dict[str, list[str]] = defaultdict(list)
    for (words, target), count in gone.items():
        led[words] += [target] * count
    found = []
    for (words, target), count in came.items():
        for _ in range(count):
            old = led[words].pop(0) if led[words] else ""
            if old or off_site(target):
                found.append((words, old, target))
    found += [(words, target, "") for words, targets in led.items() for target in targets if off_site(target)]
    return found


def resolved(address: str, links: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Links with each address on the site written from the site's root ('../get-help/' on 'progress/' is
    '/get-help/'), so the same link reads the same on every page."""
    return tuple((words, target if off_site(target) else urljoin(_ROOT + address, target).removeprefix(_ROOT[:-1]))
                 for words, target in links)


_ROOT = "https://site.invalid/"


def off_site(address: str) -> bool:
    """Whether an address leaves the site: another website, a phone number, a text message or an email."""
    return address.startswith("//") or bool(re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", address))


def block_differences(before: tuple[str, ...], after: tuple[str, ...]) -> list[tuple[str, str]]:
    """Blocks that differ, paired where one replaces another: (old block, new block), '' for none."""
    pairs = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            continue
        old, new = list(before[i1:i2]), list(after[j1:j2])
        while old or new:
            pairs.append((old.pop(0) if old else "", new.pop(0) if new else ""))
    return pairs


def sentence_differences(before: str, after: str) -> list[tuple[str, str]]:
    """Within two versions of a block, the runs of sentences that differ, each run whole."""
    if not before or not after:
        return [(before, after)]
    old, new = sentences(before), sentences(after)
    runs = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if operation != "equal":
            runs.append((" ".join(old[i1:i2]), " ".join(new[j1:j2])))
    return runs


def sentences(text: str) -> list[str]:
    """A block's sentences."""
    return [s for s in _SENTENCE_END.split(text) if s]


def _shown(content: object) -> str:
    """A file's compared content as text, for matching it with the data's changes."""
    if isinstance(content, dict):
        return "\n".join(f"{key}: {value}" for key, value in sorted(content.items()))
    if isinstance(content, tuple | frozenset):
        return "\n".join(sorted(" · ".join(x) if isinstance(x, tuple) else str(x) for x in content))
    return str(content)
