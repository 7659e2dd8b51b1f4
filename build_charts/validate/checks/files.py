"""Whole-file checks: how a spreadsheet program saved the CSV (encoding, byte-order mark, separator)."""

from __future__ import annotations

from pathlib import Path

from build_charts.package import display_path
from build_charts.validate.problem import WARNING, Problem

BOM = b"\xef\xbb\xbf"
SAVE_AS = "In your spreadsheet choose Save As, then 'CSV UTF-8 (Comma delimited)'."


def check(root: Path, descriptor: dict):
    """Report files missing, not saved as comma-separated UTF-8, or starting with a byte-order mark."""
    for resource in descriptor.get("resources", []):
        path = root / resource["path"]
        file = display_path(root, resource["path"])
        if not path.exists():
            yield Problem(code="missing-file", file=file, found="no such file",
                          expected=f"the file {resource['path']} in the datasets folder",
                          fix="Put the file back, or undo the change that renamed or deleted it.")
            continue
        data = path.read_bytes()
        first_line = data.split(b"\n", 1)[0]
        if data.startswith(BOM):
            yield Problem(code="byte-order-mark", file=file, row=1, severity=WARNING,
                          found="a hidden byte-order mark at the start (Excel adds it)",
                          expected="a plain UTF-8 file",
                          fix="Run 'python -m build_charts validate --fix' to remove it safely.")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Problem(code="not-utf8", file=file, found=f"characters saved in another encoding (byte {exc.start})",
                          expected="a file saved as CSV UTF-8", fix=SAVE_AS)
        if b";" in first_line and b"," not in first_line:
            yield Problem(code="semicolon-separated", file=file, row=1,
                          found="values separated by semicolons (;)", expected="values separated by commas (,)",
                          fix=SAVE_AS)
