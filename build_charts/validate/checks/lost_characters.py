"""Characters a save lost: a `?` where the base version of the same cell had another character.

Saving as "CSV (Comma delimited)" writes Windows-1252, which has no ≤, ≥, → or most letters outside Western
Europe; Excel writes `?` in their place, and the file reads as valid. Only a comparison with the version before the
save can tell "fell to ≤ 3 days" from "fell to ? 3 days", so this check runs where a base version exists (the
what-changed report a pull request shows), not in `validate` alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from build_charts.package import Table
from build_charts.validate.problem import Problem, shorten


def replaced_by_question_marks(old: str, new: str) -> list[str]:
    """The characters of `old` that `new` has as `?` in the same place and that Windows-1252 cannot hold (so a
    save, not a person, put the `?` there); empty when none."""
    if "?" not in new or old == new:
        return []
    if len(old) == len(new):  # a save puts one ? for each character it cannot hold, so compare place by place
        differing = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
        if all(b == "?" for _, b in differing):
            return [a for a, _ in differing if not _in_windows_1252(a)]
    lost = []
    for operation, a_start, a_end, b_start, b_end in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        replaced, written = old[a_start:a_end], new[b_start:b_end]
        if operation == "replace" and len(replaced) == len(written) and set(written) == {"?"}:
            lost.extend(c for c in replaced if not _in_windows_1252(c))
    return lost


def _in_windows_1252(character: str) -> bool:
    """True when Windows-1252 can hold the character (then a `?` in its place was typed, not left by a save)."""
    try:
        character.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def check(base: dict[str, Table], tables: dict[str, Table]) -> Iterator[Problem]:
    """Report each cell where a `?` took the place of a character the base version of that cell had.

    Rows are matched by their primary key (by position in a file without one), cells by column.
    """
    for name, table in tables.items():
        old_table = base.get(name)
        if old_table is None:
            continue
        old_rows = _by_key(old_table)
        for key, (row_number, row) in _by_key(table).items():
            old_row = old_rows.get(key, (None, None))[1]
            if old_row is None:
                continue
            for column, value in row.items():
                old = old_row.get(column)
                lost = replaced_by_question_marks(old, value) if isinstance(old, str) and isinstance(value, str) else []
                if lost:
                    yield Problem(
                        code="character-lost", file=table.file, row=row_number, column=column,
                        found=f'"{shorten(value)}", where the earlier version had "{shorten(old)}": '
                        f"{_listed(lost)} became ?",
                        expected="every character kept as it was",
                        fix="Put the character back (copy it from the earlier version). The file was saved as 'CSV "
                        "(Comma delimited)', which cannot hold it: save it as 'CSV UTF-8 (Comma delimited)'.")


def _by_key(table: Table) -> dict[tuple, tuple[int, dict]]:
    key = table.schema.get("primaryKey") or []
    key = [key] if isinstance(key, str) else key
    return {(tuple(row.get(k) for k in key) if key else (number,)): (number, row) for number, row in table.rows()}


def _listed(characters: list[str]) -> str:
    unique = list(dict.fromkeys(characters))
    return ", ".join(f'"{c}"' for c in unique)
