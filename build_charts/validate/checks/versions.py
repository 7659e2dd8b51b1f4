"""The partnership setting "first_published_period": from which reporting period charts keep as-at versions."""

from __future__ import annotations

from collections.abc import Iterator

from build_charts.validate.problem import Problem

SETTING = "first_published_period"
PACKAGE = "datasets/datapackage.json"


def check(tables, context) -> Iterator[Problem]:
    """Report a first published period that is not a period written as text, such as "2024/25"."""
    value = context.partnership.get(SETTING)
    if value is None or (isinstance(value, str) and value.strip()):
        return
    yield Problem(
        code="bad-setting", file=PACKAGE, column=SETTING, found=f"{value!r}",
        expected='the first reporting period this site published, in quotes as the data writes it, such as "2024/25"',
        fix=f'Correct "{SETTING}" in the "partnership" block, or remove it to keep an as-at version of every period.',
    )
