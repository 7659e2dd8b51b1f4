"""Theme ids become addresses (progress/<theme_id>/), so none may take the address of another progress page."""

from __future__ import annotations

from collections.abc import Iterator

from build_charts.routes import reserved_ids
from build_charts.validate.problem import Problem

# Folders under progress/ that hold other pages (the site's table of addresses).
RESERVED_THEME_IDS = reserved_ids("theme")


def check(tables, context) -> Iterator[Problem]:
    """Report theme ids the site keeps for its lists of commitments."""
    themes = tables.get("themes")
    if themes is None:
        return
    for row_number, row in themes.rows():
        theme_id = row.get("theme_id")
        if theme_id in reserved_ids("theme"):
            yield Problem(code="theme-id-reserved", file=themes.file, row=row_number, column="theme_id",
                          found=f'"{theme_id}", the address the site keeps for {reserved_ids("theme")[theme_id]}',
                          expected=f'a theme_id other than "{theme_id}"',
                          fix=f'Choose another theme_id, such as "{theme_id}-theme", and use it in every file that '
                              "names this theme (commitments.csv, measures.csv and the others).")
