"""Pages made by the last build, kept for the next one, each while nothing it is made from changes.

Most of a large partnership's pages are each made from a few rows: a commitment's history page from its own
progress reports, a period's "What changed" pages from that period's changes. An editor's change to one report
changes a handful of them, yet making all of them again costs seconds at national scale. So a page writer may ask
for a page by a key of what it is made from: the page's own inputs (plain data, passed whole), and a `salt`
naming everything else a page may read (every file of build_charts, templates included, the wording and language,
the descriptor and the package's frames other than the figures and progress reports:
build_charts.charts.kept.common_fingerprint, which the chart step has already made). A page whose
key is kept is taken as kept; any other is made, and kept for the next build.

Each kept page is a file of its own in build/cache/pages/, named by its key and the sha256 of its content, so only
the pages a build takes are read (never one file holding them all) and only new ones are written. A file whose
content does not match the sha256 in its name (edited, cut short) is made again: the cache is checked, never
trusted. Files are JSON (a page's text, or a period's pages by path), never pickle: read as data, never run.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from build_charts.staging import write_atomically

FOLDER = "pages"  # in the build's cache folder
SUFFIX = ".json"


class KeptPages:
    """The pages kept in `folder` (none when it is None), and those this build made or took, by key."""

    def __init__(self, folder: Path | None, salt: str):
        self.folder = folder
        self.salt = salt
        self._files = _kept_files(folder) if folder is not None else {}
        self._used: dict[str, str] = {}  # key → the name of its file
        self._new: dict[str, bytes] = {}  # key → the content of a page made by this build
        self.made = 0

    def page(self, kind: str, inputs: object, make: Callable[[], str]) -> str:
        """The page of `kind` made from `inputs` (plain data: everything the page is made from besides the salt):
        the kept one when there is one, else `make()`."""
        return self._made_from(kind, inputs, make, _is_page)

    def pages(self, kind: str, inputs: object, make: Callable[[], dict[str, str]]) -> dict[str, str]:
        """The pages (by path) of `kind` made from `inputs`, as `page` gives one."""
        return self._made_from(kind, inputs, make, _are_pages)

    def _made_from(self, kind: str, inputs: object, make: Callable, is_shape: Callable[[object], bool]):
        key = _key(self.salt, kind, inputs)
        found = self._read(key)
        if not is_shape(found):
            found = make()
            self.made += 1
            content = json.dumps(found, ensure_ascii=False).encode("utf-8")
            self._new[key] = content
            self._used[key] = f"{key}.{hashlib.sha256(content).hexdigest()}{SUFFIX}"
        return found

    def _read(self, key: str) -> object:
        """The kept content of `key`, when its file is whole (matches the sha256 in its name); else None."""
        name = self._files.get(key)
        if name is None:
            return None
        try:
            content = (self.folder / name).read_bytes()
            if hashlib.sha256(content).hexdigest() != name.removesuffix(SUFFIX).split(".", 1)[1]:
                return None
            found = json.loads(content)
        except (OSError, ValueError):
            return None
        self._used[key] = name
        return found

    def save(self) -> None:
        """Keep the pages this build made or took, and no others, for the next build."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for key, content in self._new.items():
            write_atomically(self.folder / self._used[key], content)
        keep = set(self._used.values())
        for name in os.listdir(self.folder):
            if name not in keep:
                (self.folder / name).unlink(missing_ok=True)


def no_kept_pages() -> KeptPages:
    """A store that keeps nothing: every page is made."""
    return KeptPages(None, "")


def _key(salt: str, kind: str, inputs: object) -> str:
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=_typed)
    return hashlib.sha256(f"{salt}|{kind}|{text}".encode()).hexdigest()


def _typed(value: object) -> list[str]:
    """A value JSON has no type for (a date, a number from pandas) as its type's name and its text, so two values
    of different types never share a key."""
    return [type(value).__name__, str(value)]


def _kept_files(folder: Path) -> dict[str, str]:
    """Each kept file's name, by the key it starts with."""
    try:
        names = os.listdir(folder)
    except OSError:
        return {}
    return {name.split(".", 1)[0]: name for name in names if name.endswith(SUFFIX) and name.count(".") == 2}


def _is_page(value: object) -> bool:
    return isinstance(value, str)


def _are_pages(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
