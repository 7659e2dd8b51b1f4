"""Theme ids become addresses (progress/<theme_id>/), so none may take the address of another progress page."""

from __future__ import annotations

from collections.abc import Iterator

from build_charts.validate.problem import Problem

# Folders under progress/ that hold other pages (see pages/progress.py).
RESERVED_THEME_IDS = {
    "by-lead-agency": "the list of commitments by lead agency (progress/by-lead-agency/)",
    "by-outcome": "the lists of themes working towards each outcome (progress/by-outcome/)",
}


def check(tables, context) -> Iterator[Problem]:
    """Report theme ids the site keeps for its lists of commitments."""
    themes = tables.get("themes")
    if themes is None:
        return
    for row_number, row in themes.rows():
        theme_id = row.get("theme_id")
        if theme_id in RESERVED_THEME_IDS:
            yield Problem(code="theme-id-reserved", file=themes.file, row=row_number, column="theme_id",
                          found=f'"{theme_id}", the address the site keeps for {RESERVED_THEME_IDS[theme_id]}',
                          expected=f'a theme_id other than "{theme_id}"',
                          fix=f'Choose another theme_id, such as "{theme_id}-theme", and use it in every file that '
                              "names this theme (commitments.csv, measures.csv and the others).")
