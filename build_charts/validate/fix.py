"""Safe, mechanical repairs a spreadsheet program makes necessary: byte-order marks, CRLF, blank rows at the end."""

from __future__ import annotations

import re
from pathlib import Path

from build_charts.package import display_path

BOM = b"\xef\xbb\xbf"
TRAILING_BLANK_ROWS = re.compile(rb"(\r?\n[ \t,]*)+\Z")


def fix_files(root: Path, descriptor: dict) -> list[str]:
    """Repair every CSV in place and return one sentence per change made."""
    changes = []
    for resource in descriptor.get("resources", []):
        path = root / resource["path"]
        if not path.exists():
            continue
        original = path.read_bytes()
        data, notes = repaired(original)
        if data != original:
            path.write_bytes(data)
            changes.extend(f"{display_path(root, resource['path'])}: {note}" for note in notes)
    return changes


def repaired(data: bytes) -> tuple[bytes, list[str]]:
    """The file's bytes with a BOM, Windows line endings and blank rows at the end removed."""
    notes = []
    if data.startswith(BOM):
        data = data[len(BOM):]
        notes.append("removed the byte-order mark")
    if b"\r\n" in data:
        data = data.replace(b"\r\n", b"\n")
        notes.append("changed Windows line endings to plain ones")
    trimmed = TRAILING_BLANK_ROWS.sub(b"", data) + b"\n"
    if trimmed.rstrip(b"\n") != data.rstrip(b"\n"):
        notes.append("removed empty rows at the end")
    return trimmed, notes
