"""What a change does to the partnership's wording (locale/<language>/LC_MESSAGES/messages.po), sentence by sentence.

A reworded sentence can reach pages, but also only the share images (a chart's PNG: "Source: …"), which the summary
compares by their bytes alone: each rewording is therefore told in its own words, the kit's sentence and the new one.
"""

from __future__ import annotations

import io
from pathlib import Path

from build_charts.summary.datawords import Item, md

SECTION = "Wordings"


def wording_items(old_root: Path, new_root: Path) -> list[Item]:
    """Each sentence of each messages.po reworded, added or removed between two copies of the project."""
    items = []
    names = {p.relative_to(root).as_posix() for root in (old_root, new_root)
             for p in (root / "locale").glob("*/LC_MESSAGES/messages.po")}
    for name in sorted(names):
        old, new = _wordings(old_root / name), _wordings(new_root / name)
        for key in sorted(old.keys() | new.keys()):
            was, now = old.get(key, ""), new.get(key, "")
            if was == now:
                continue
            said = f"“{md(now)}”" if now else "the kit's own words again"
            line = f"- `{name}`: “{md(key)}” {'now reads' if now else 'reads'} {said}"
            if was:
                line += f" (it read “{md(was)}”)"
            items.append(Item(SECTION, (line,), words=frozenset(w for w in (was, now) if w)))
    return items


def _wordings(path: Path) -> dict[str, str]:
    """A catalogue's sentences as {the kit's sentence: the partnership's}, plural forms joined ({} if unreadable)."""
    from babel.messages.pofile import read_po

    try:
        catalogue = read_po(io.BytesIO(path.read_bytes()))
    except (OSError, ValueError, LookupError, SyntaxError):
        return {}
    found = {}
    for message in catalogue:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else " / ".join(message.id)
        text = message.string if isinstance(message.string, str) else " / ".join(s or "" for s in message.string)
        if text:
            found[key] = text
    return found
