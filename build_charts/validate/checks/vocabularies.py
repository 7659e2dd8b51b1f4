"""The words of each vocabulary (statuses, outcomes, topics, help groups, the parts of a report) in datapackage.json.

The site shows these words in place of the codes, so each code needs its words, words need a code the data may
hold, and the words are plain text like any cell: no HTML, no hidden characters, one line
(build_charts/vocab.py reads them).
"""

from __future__ import annotations

from collections.abc import Iterator

from build_charts import vocab
from build_charts.validate.checks.descriptor import text_problems
from build_charts.validate.problem import Problem

FILE = "datasets/datapackage.json"
# The longest words a label may have: a heading or a button, not a paragraph.
LABEL_LIMIT = 120
EXPLANATION_LIMIT = 300


def check(descriptor: dict) -> Iterator[Problem]:
    """A problem for each code without words, each label for a code the field does not allow, and each label that
    is not one line of plain text."""
    for found, expected, fix in vocab.problems(descriptor):
        yield Problem(code="vocabulary-words", file=FILE, found=found, expected=expected, fix=fix)
    for resource, name in vocab.VOCABULARIES.values():
        spec = vocab.field_of(descriptor, resource, name) or {}
        for number, category in enumerate(spec.get("categories") or []):
            if isinstance(category, dict):
                code = category.get("value")
                where = f"{resource}.{name}.categories[{number}]"
                yield from text_problems(f"{where}.label", category.get("label"), LABEL_LIMIT,
                                         f'the words the site shows for "{code}"')
                yield from text_problems(f"{where}.description", category.get("description"), EXPLANATION_LIMIT,
                                         f'one sentence on what "{code}" means')
    for column in vocab.REPORT_COLUMNS:
        spec = vocab.field_of(descriptor, "progress", column) or {}
        for key in ("title", "shortTitle", "reportedTitle"):
            yield from text_problems(f"progress.{column}.{key}", spec.get(key), LABEL_LIMIT,
                                     f"the words the site shows for this part of a report ({column})")
