"""A cached drawing is used only while every input it reads is the same: its data, the wording and the language."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_messages import HEADER, with_catalogue
from test_reuse import exampleton_project

from build_charts import pipeline
from build_charts.charts.render import Renderer
from conftest import TODAY

WORDING = HEADER + 'msgid "Theme %(number)s"\nmsgstr "Part %(number)s"\n'


def _drawings(paths) -> dict[str, str]:
    """Every chart drawing the pipeline writes, drawing from (and into) the project's cache."""
    renderer = Renderer(paths.cache)
    pipeline.generate(paths, today=TODAY, renderer=renderer)
    return {p.relative_to(paths.staging).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(paths.staging.rglob("chart.svg"))}


@pytest.fixture
def project(tmp_path: Path):
    return exampleton_project(tmp_path)


def test_a_wording_added_then_removed_reaches_the_drawings_and_leaves_them(project):
    before = _drawings(project)
    assert any("Theme 1" in svg for svg in before.values())
    po = with_catalogue(project, WORDING)
    reworded = _drawings(project)
    assert any("Part 1" in svg for svg in reworded.values())
    assert not any("Theme 1" in svg for svg in reworded.values())
    po.unlink()
    after = _drawings(project)
    assert after == before


def test_a_change_of_language_draws_every_chart_again(project):
    first = Renderer(project.cache)
    pipeline.generate(project, today=TODAY, renderer=first)
    project.config.write_text(project.config.read_text(encoding="utf-8").replace("  language: en\n", "  language: cy\n"),
                              encoding="utf-8")
    second = Renderer(project.cache)
    pipeline.generate(project, today=TODAY, renderer=second)
    assert first.rendered > 0 and second.rendered == first.rendered
