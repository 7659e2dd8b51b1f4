"""Only files inside the project: no link (symlink) in the folders the build reads, and no file that resolves outside.

A link committed in docs/assets/ would publish the file it points to (on a build server, say, the checkout's
.git/config, which holds the job's token). Git stores a link as a link, so a pull request can add one; the
build reads only plain files, and validation names every link so the build is never asked to follow one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from build_charts.validate.problem import Problem

# The project folders whose files the build reads or publishes.
FOLDERS = ("datasets", "docs", "locale")


def links(folder: Path) -> Iterator[Path]:
    """Every link (to a file or a folder) under `folder`, and every file that resolves outside it, not following links."""
    if not folder.is_dir():
        return
    if folder.is_symlink():
        yield folder
        return
    outside = folder.resolve()
    for top, folders, names in os.walk(folder, followlinks=False):
        for name in sorted([*folders, *names]):
            path = Path(top) / name
            if path.is_symlink() or not path.resolve().is_relative_to(outside):
                yield path
        folders[:] = sorted(f for f in folders if not (Path(top) / f).is_symlink())


def check(project: Path, folders: tuple[str, ...] = FOLDERS) -> Iterator[Problem]:
    """A problem for each link in the project's datasets, docs and locale folders."""
    for name in folders:
        for path in links(project / name):
            yield Problem(code="link-not-file", file=path.relative_to(project).as_posix(),
                          found="a link to another file or folder (a symlink), not a file",
                          expected="files and folders only: the site publishes nothing from outside the project",
                          fix="Delete the link and put a copy of the file itself in its place, if the site needs it.")
