"""Bounded work from one budget: each limit is accepted, and each limit plus one is refused in plain words.

(The wording limits, nplurals and sentence counts are fed in tests/test_wording_limits.py; the benchmark's largest
size builds 300 charts, the chart limit exactly.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_reuse import exampleton_project

from build_charts import pipeline
from build_charts.validate.checks import limits
from build_charts.validate.report import as_text
from conftest import TODAY

POST = """---
title: "A post"
date: 2026-11-25
description: A post with many abbreviations.
source_id: edap-plan-doc
---

# A post

Text.

"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return exampleton_project(tmp_path_factory.mktemp("budget"))


def _codes(project, code: str) -> list[str]:
    return [as_text(p) for p in pipeline.validate(project, today=TODAY).problems if p.code == code]


def _with_charts(project, count: int) -> None:
    path = project.datasets / "charts.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    template = rows[0].split(",")
    extra = [",".join([f"extra-{n}", str(100 + n), *template[2:]]) for n in range(count - len(rows))]
    path.write_text("\n".join([header, *rows, *extra]) + "\n", encoding="utf-8")


@pytest.mark.parametrize("count", [limits.MAX_CHARTS, limits.MAX_CHARTS + 1])
def test_charts_beyond_the_budget_are_refused(project, count):
    original = (project.datasets / "charts.csv").read_text(encoding="utf-8")
    try:
        _with_charts(project, count)
        found = _codes(project, "too-many-charts")
    finally:
        (project.datasets / "charts.csv").write_text(original, encoding="utf-8")
    if count <= limits.MAX_CHARTS:
        assert found == []
    else:
        assert found == [
            "Error in datasets/charts.csv\n"
            "  Found:    301 charts\n"
            "  Expected: at most 300 charts, so the site builds within the kit's budget (10 minutes, 2 GB)\n"
            "  Fix:      Keep the charts people need: retire the others by deleting their rows (an address already "
            "published must keep its row: give it replaced_by instead)."]


@pytest.mark.parametrize("count", [limits.MAX_ABBREVIATION_LINES, limits.MAX_ABBREVIATION_LINES + 1])
def test_abbreviation_lines_beyond_the_budget_are_refused(project, count):
    post = Path(project.docs / "updates" / "many-abbreviations.md")
    post.parent.mkdir(exist_ok=True)
    post.write_text(POST + "".join(f"*[A{n}]: x\n" for n in range(count)), encoding="utf-8")
    try:
        found = _codes(project, "too-many-abbreviations")
    finally:
        post.unlink()
    if count <= limits.MAX_ABBREVIATION_LINES:
        assert found == []
    else:
        assert found == [
            "Error in docs/updates/many-abbreviations.md, line 12\n"
            "  Found:    101 abbreviation lines (*[ABC]: …)\n"
            "  Expected: at most 100 abbreviation lines (*[ABC]: …), so the site builds within the kit's budget "
            "(10 minutes, 2 GB)\n"
            "  Fix:      Keep the abbreviations the post uses; the glossary explains the partnership's own."]
