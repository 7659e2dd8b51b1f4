"""Every fix hint that names a value is tried against its column: the value it suggests for the cell that
triggered it validates there, with no error (a hint that makes a figure ten times too big, or a year a century out, fails here)."""

from __future__ import annotations

import re

import pytest
from test_validate import new_messages

from conftest import set_cell

SUGGESTED = re.compile(r'(?:as|mean) "([^"]+)"')


@pytest.mark.parametrize(("file", "row", "column", "typed", "meant"), [
    ("indicator_values.csv", 3, "value", "2,9", "2.9"),  # a decimal comma: not "29"
    ("indicator_values.csv", 3, "value", "8,4", "8.4"),
    ("indicator_values.csv", 3, "value", "17,000", "17000"),
    ("indicator_values.csv", 3, "value", "£1,200", "1200"),
    ("help_services.csv", 3, "last_verified", "03/11/2026", "2026-11-03"),
    ("help_services.csv", 3, "last_verified", "25/11/98", "1998-11-25"),  # as Excel reads a two-digit year
    ("help_services.csv", 3, "last_verified", "46000", "2025-12-09"),
    ("progress.csv", 3, "reported_on", "Jan 2025", "2025-01"),
    ("progress.csv", 3, "reported_on", "01/01/2025", "2025-01"),
    ("sources.csv", 2, "published", "March 2024", "2024-03"),
    ("progress.csv", 2, "status", "Complete", "complete"),
    ("progress.csv", 2, "status", "on track", "on-track"),
    ("progress.csv", 2, "status", "with challenge", "with-challenges"),
])
def test_the_value_a_hint_suggests_validates_in_the_column_that_triggered_it(make_package, file, row, column, typed,
                                                                             meant):
    datasets = make_package(lambda d: set_cell(d, file, row, column, typed))
    (message,) = [m for m in new_messages(datasets) if m.startswith(f'Error in datasets/{file}, row {row}, column '
                                                                    f'"{column}"')]
    fix = message.split("  Fix:      ", 1)[1]
    assert SUGGESTED.search(fix)[1] == meant, fix
    set_cell(datasets, file, row, column, meant)
    assert [m for m in new_messages(datasets) if m.startswith(f'Error in datasets/{file}, row {row}, column "{column}"')] == []
