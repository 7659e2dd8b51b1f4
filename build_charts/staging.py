"""Bring the folder the site builder reads up to date: write what is new or changed, delete what is not made now.

A rebuild after a small data change leaves most of the thousands of pages and chart files as they were, so
rewriting only what differs saves deleting and writing the whole folder (hundreds of megabytes at scale).
Anything the build no longer makes is deleted, so a retired page can never be published by mistake.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

# The end of the name of a file being written (see write_atomically); one left behind is a crashed write.
PARTIAL = ".partial"


def sync_folder(folder: Path, files: dict[str, bytes | str]) -> None:
    """Make `folder` hold exactly `files` (keyed by path relative to it): no more, no less, nothing stale.

    Text is written as UTF-8, one file at a time, so thousands of pages are never held twice in memory.
    """
    folder.mkdir(parents=True, exist_ok=True)
    _delete_unwanted(folder, files)
    for relative, value in files.items():
        content = value.encode("utf-8") if isinstance(value, str) else value
        target = folder / relative
        if _holds(target, content):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def folder_files(folder: Path, skip: Path | None = None) -> dict[str, bytes]:
    """Every file under `folder`, keyed by path relative to it; `skip` leaves out one sub-folder.

    A link (symlink) is never followed, nor a file that resolves outside `folder`: validation names each one.
    """
    skipped = skip.resolve() if skip else None
    inside = folder.resolve()
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not _linked(path, folder) and path.resolve().is_relative_to(inside)
        and not (skipped and path.resolve().is_relative_to(skipped))
    }


def folder_digest(folder: Path) -> str:
    """A sha256 of every file under `folder` (its path relative to the folder and its content; Python's own
    __pycache__ left out): what changes when any file of a code or theme folder does, wherever the folder is."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _linked(path: Path, folder: Path) -> bool:
    """Whether the path, or any folder between it and `folder`, is a link."""
    relative = path.relative_to(folder)
    return path.is_symlink() or any((folder / parent).is_symlink() for parent in relative.parents if parent != Path("."))


def _delete_unwanted(folder: Path, files: dict[str, bytes | str]) -> None:
    """Delete files not in `files`, then folders left empty (deepest first, so a folder's children go first)."""
    wanted_folders = {parent.as_posix() for relative in files for parent in Path(relative).parents}
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        relative = path.relative_to(folder).as_posix()
        if path.is_dir() and not path.is_symlink():
            if relative not in wanted_folders and not any(path.iterdir()):
                path.rmdir()
        elif relative not in files:
            path.unlink()


def _holds(target: Path, content: bytes) -> bool:
    """Whether `target` is a file with exactly this content (its size is checked before it is read)."""
    return target.is_file() and target.stat().st_size == len(content) and target.read_bytes() == content


def write_atomically(target: Path, content: bytes) -> None:
    """Write `target` so that a reader finds its old content or the new, never part of it, even after a crash.

    The content goes to a temporary file in the same folder, which then replaces `target` in one step.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_partial_files(folder: Path) -> int:
    """Delete the temporary files of writes a crash cut short (call only while no other build runs); return how many."""
    if not folder.is_dir():
        return 0
    partial = [f for f in folder.iterdir() if f.name.endswith(PARTIAL) and f.is_file()]
    for file in partial:
        file.unlink(missing_ok=True)
    return len(partial)
