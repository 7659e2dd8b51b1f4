"""Column headings match the data package by name: none missing, renamed, added, repeated or blank.

Frictionless is run with its schema matched to the headings by name, so a moved column is fine and a missing
or added column does not shift every cell after it; this check reports the headings themselves, once each.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from build_charts.package import display_path
from build_charts.validate.checks.files import csv_text
from build_charts.validate.problem import Problem

PACKAGE = "datasets/datapackage.json"


def check(root: Path, descriptor: dict):
    """Report every heading that differs from the column names datapackage.json lists."""
    for resource in descriptor.get("resources", []):
        path = root / resource["path"]
        text = csv_text(path.read_bytes()) if path.exists() else None
        if text is None:
            continue  # the files check reports why it cannot be read
        labels = next(csv.reader(io.StringIO(text, newline="")), [])
        names = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
        yield from heading_problems(labels, names, display_path(root, resource["path"]))


def heading_problems(labels: list[str], names: list[str], file: str):
    """Problems with one file's headings (labels) against the column names its schema lists (names)."""
    yield from _blank_and_repeated(labels, file)
    missing = [n for n in names if n not in labels]
    extra = [label for label in dict.fromkeys(labels) if label.strip() and label not in names]
    for name, label in _renamed(missing, extra, labels, names):
        missing.remove(name)
        extra.remove(label)
        yield Problem(code="renamed-column", file=file, row=1, column=name,
                      found=f'the column heading "{label}"', expected=f'the column heading "{name}"',
                      fix=f'Rename the column "{label}" back to "{name}". Headings must be spelled exactly as '
                      f"in {PACKAGE}, in lower case.")
    for name in missing:
        yield Problem(code="missing-column", file=file, row=1, column=name,
                      found=f'no column headed "{name}"', expected=f'a column headed "{name}"',
                      fix=f'Add the "{name}" column back, with the heading spelled exactly "{name}". If it was '
                      "deleted by mistake, undo the change.")
    for label in extra:
        yield Problem(code="extra-column", file=file, row=1, column=label,
                      found=f'a column headed "{label}", which the data package does not list',
                      expected=f"only the columns listed in {PACKAGE}",
                      fix=f'Delete the column "{label}", or ask a developer to add it to the data package.')


def _blank_and_repeated(labels: list[str], file: str):
    """Headings left empty or used twice, named by their spreadsheet column letter."""
    seen = set()
    for index, label in enumerate(labels):
        letter = column_letter(index)
        if not label.strip():
            yield Problem(code="blank-column", file=file, row=1, column=letter,
                          found=f"a column with no heading (spreadsheet column {letter})",
                          expected="a heading for every column",
                          fix="Delete the empty column, or type its heading if it holds data.")
        elif label in seen:
            yield Problem(code="duplicate-column", file=file, row=1, column=label,
                          found=f'the column heading "{label}" a second time (spreadsheet column {letter})',
                          expected="each column heading once",
                          fix=f'Delete the second "{label}" column, or rename it to the column it should be.')
        seen.add(label)


def _renamed(missing: list[str], extra: list[str], labels: list[str], names: list[str]) -> list[tuple[str, str]]:
    """Pairs (name, label) where a heading is a changed spelling of a missing name, or took its place."""
    pairs = []
    left_names = list(missing)
    for label in extra:
        match = next((n for n in left_names if _plain(n) == _plain(label)), None)
        if match:
            pairs.append((match, label))
            left_names.remove(match)
    left_labels = [label for label in extra if label not in {p[1] for p in pairs}]
    if len(left_names) == 1 and len(left_labels) == 1 and labels.index(left_labels[0]) == names.index(left_names[0]):
        pairs.append((left_names[0], left_labels[0]))
    return pairs


def _plain(label: str) -> str:
    """A heading with case, spaces and hyphens ignored ("Gaps Challenges" → "gaps_challenges")."""
    return "_".join(label.strip().lower().replace("-", " ").split())


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
