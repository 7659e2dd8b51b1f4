"""Files in the datasets folder that the data package does not list: the site ignores them, so say so.

An upload saved as "progress (1).csv" would otherwise pass every check while nothing on the site changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from build_charts.package import DESCRIPTOR, display_path
from build_charts.validate.checks.published import PUBLISHED_URLS
from build_charts.validate.problem import Problem

# "Copy of progress.csv", "progress - Copy.csv", "progress (1).csv", "progress(2).csv", "progress copy.csv"
COPY_NAME = re.compile(r"(?:copy of )?(?P<stem>.+?)(?: - copy| copy)?(?: ?\(\d+\))?(?P<suffix>\.[^.]+)", re.IGNORECASE)


def check(root: Path, descriptor: dict) -> Iterator[Problem]:
    """One error for each file in the datasets folder that is neither listed in datapackage.json nor expected there."""
    listed = {Path(resource["path"]).as_posix() for resource in descriptor.get("resources", [])}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or relative in listed | {DESCRIPTOR, PUBLISHED_URLS} or _hidden(path, root):
            continue
        yield Problem(code="file-not-in-package", file=display_path(root, relative),
                      found="a file that datapackage.json does not list, so the site ignores it",
                      expected="only the files datapackage.json lists",
                      fix=_fix(relative, listed))


def copy_of(name: str, listed: set[str]) -> str | None:
    """The listed file that `name` is a copy of, judged by the names spreadsheets and downloads give copies."""
    match = COPY_NAME.fullmatch(name)
    if not match:
        return None
    original = f"{match['stem']}{match['suffix']}".lower()
    return next((file for file in sorted(listed) if file.lower() == original and file != name), None)


def _fix(name: str, listed: set[str]) -> str:
    original = copy_of(name, listed)
    if original:
        return (f'It looks like a copy of {original}. Put your changes into {original} itself (upload it with '
                f'exactly that name, replacing the old one), then delete "{name}".')
    return (f'Delete "{name}", or, if it is a new table of data, ask a developer to add it to datapackage.json. '
            "To change an existing table, edit the file with that table's own name.")


def _hidden(path: Path, root: Path) -> bool:
    """True for files a computer keeps for itself (.DS_Store, .gitkeep, files in hidden folders)."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)
