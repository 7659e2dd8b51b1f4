"""Pages made by the last build, kept for the next one, each while nothing it is made from changes.

Most of a large partnership's pages are each made from a few rows: a commitment's history page from its own
progress reports, a period's "What changed" pages from that period's changes. An editor's change to one report
changes a handful of them, yet making all of them again costs seconds at national scale. So a page writer may ask
for a page by a key of what it is made from: the page's own inputs (plain data, passed whole), and a `salt`
naming everything else a page may read (the code, the wording and language, the descriptor and the package's
frames other than the figures and progress reports: build_charts.charts.kept.common_fingerprint). A page whose
key is kept is taken as kept; any other is made, and kept for the next build.

Kept as JSON, never pickle, in the two-line form of the kept charts: a header naming the salt and the sha256 of
the second line, which holds the pages by key. Pages that do not match that hash or shape are made again (the
cache is checked, never trusted).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from build_charts.staging import write_atomically

FILE_NAME = "pages.kept.jsonl"
CODE = Path(__file__).resolve().parents[1]  # the build_charts package: its code, templates and wording


class KeptPages:
    """The pages kept in `file` under `salt` (none when `file` is None), and those this build made or took."""

    def __init__(self, file: Path | None, salt: str):
        self.file = file
        self.salt = salt
        self._kept = _read(file, salt) if file is not None else {}
        self._used: dict[str, str | dict[str, str]] = {}
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
        found = self._used.get(key, self._kept.get(key))
        if not is_shape(found):
            found = make()
            self.made += 1
        self._used[key] = found
        return found

    def save(self) -> None:
        """Keep the pages this build made or took (and no others) for the next build."""
        if self.file is None:
            return
        body = json.dumps(self._used, ensure_ascii=False, sort_keys=True).encode("utf-8")
        header = json.dumps({"salt": self.salt, "sha256": hashlib.sha256(body).hexdigest()}).encode("ascii")
        write_atomically(self.file, header + b"\n" + body)


def page_salt(common: str) -> str:
    """The salt of a build's kept pages: `common` (what every page may read of the package, the code and the
    wording) and every file of build_charts (its page templates too)."""
    return hashlib.sha256(f"{common}|{_package_files()}".encode()).hexdigest()


@cache
def _package_files() -> str:
    digest = hashlib.sha256()
    for path in sorted(CODE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(CODE).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


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


def _read(file: Path, salt: str) -> dict[str, str]:
    """The pages kept in `file` under `salt`; none when it is missing, made under another salt, or damaged."""
    try:
        header, body = file.read_bytes().split(b"\n", 1)
        header = json.loads(header)
        if not isinstance(header, dict) or header.get("salt") != salt:
            return {}
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            return {}
        pages = json.loads(body)
    except (OSError, ValueError):
        return {}
    if not isinstance(pages, dict):
        return {}
    return pages


def _is_page(value: object) -> bool:
    return isinstance(value, str)


def _are_pages(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
