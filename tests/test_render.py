"""Rendering charts: the same drawings in worker processes as in one, a cache that keeps one build's charts, and
a drawing that fails or kills its process reported as a plain message naming the chart, never a crashed build."""

from __future__ import annotations

import os
import signal
from functools import partial

import pytest

from build_charts import pipeline
from build_charts.__main__ import main
from build_charts.charts.render import POOL_THRESHOLD, STOPPED, Drawing, DrawingFailed, Renderer
from build_charts.processes import ChildStopped, run_in_children
from conftest import TODAY, copy_project, set_cell


def _bar_chart(value: int) -> dict:
    return {"data": {"values": [{"a": value}]}, "mark": "bar", "encoding": {"x": {"field": "a", "type": "quantitative"}}}


def _drawings(count: int) -> list[Drawing]:
    # partial(dict, ...) pickles, so a worker process can build the spec.
    return [Drawing(f"key-{n}", f"chart {n}", partial(dict, _bar_chart(n))) for n in range(count)]


def test_worker_processes_draw_the_same_charts_as_one_process_in_the_same_order():
    drawings = _drawings(POOL_THRESHOLD + 2)
    alone, shared = Renderer(workers=1), Renderer(workers=2)
    assert [r.svg for r in shared.render_all(drawings)] == [r.svg for r in alone.render_all(drawings)]
    assert (shared.rendered, shared.reused) == (len(drawings), 0)


def test_a_key_asked_for_twice_is_drawn_once_and_progress_counts_drawings():
    told = []
    renderer = Renderer(workers=1)
    drawings = _drawings(2)
    renderer.render_all([*drawings, drawings[0]], progress=lambda n, total, label: told.append((n, total, label)))
    assert (renderer.rendered, renderer.reused) == (2, 1)
    assert told == [(1, 2, "chart 0"), (2, 2, "chart 1")]


def test_the_cache_forgets_drawings_a_build_no_longer_uses(tmp_path):
    Renderer(tmp_path, workers=1).render_all(_drawings(3))
    later = Renderer(tmp_path, workers=1)
    later.render_all(_drawings(2))
    assert later.reused == 2
    assert later.forget_unused() == 1
    assert sorted(f.name for f in tmp_path.iterdir()) == sorted(
        f"key-{n}{suffix}" for n in range(2) for suffix in (".vl.json", ".svg", ".sha256.json"))


def _with_text(text: str) -> dict:
    return {"data": {"values": [{"a": 1, "b": text}]}, "mark": "bar",
            "encoding": {"x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "nominal"}}}


def test_a_drawing_that_kills_its_process_is_reported_by_its_label_and_the_build_process_lives_on():
    renderer = Renderer(workers=1)
    # vl-convert panics on a control character in a text, which aborts the process it runs in
    panics = Drawing("bad", "area-rates as at 2024/25", partial(dict, _with_text("South\x01ampton")))
    with pytest.raises(DrawingFailed) as failure:
        renderer.render_all([*_drawings(2), panics])
    assert (failure.value.label, failure.value.reason) == ("area-rates as at 2024/25", STOPPED)


def test_a_child_process_that_aborts_is_reported_with_the_task_it_was_running():
    tasks = [partial(sum, [1, 2]), os.abort, partial(sum, [3])]
    finished = []
    with pytest.raises(ChildStopped) as stopped:
        for index, result in run_in_children(tasks, workers=1):
            finished.append((index, result))
    assert (stopped.value.index, stopped.value.exit_code) == (1, -signal.SIGABRT)
    assert finished == [(0, 3)]


def test_a_drawing_the_library_rejects_is_reported_by_its_label_with_the_library_error():
    spec = {**_bar_chart(1), "transform": [{"calculate": "'per 1,000\npopulation'", "as": "unit"}]}
    with pytest.raises(DrawingFailed) as failure:
        Renderer(workers=1).render_all([Drawing("bad", "area-rates", partial(dict, spec))])
    assert failure.value.label == "area-rates"
    assert failure.value.reason == "the drawing library reported: Error: Unexpected token ILLEGAL"


def test_many_drawings_shared_among_processes_still_name_the_one_that_failed():
    drawings = _drawings(POOL_THRESHOLD + 2)
    drawings[30] = Drawing("bad", "chart 30", partial(dict, _with_text("\x1b[0m")))
    with pytest.raises(DrawingFailed, match="Could not draw chart chart 30: the drawing library stopped suddenly"):
        Renderer(workers=2).render_all(drawings)


@pytest.mark.parametrize(("file", "row", "column", "value", "message"), [
    ("indicators.csv", 6, "unit", "per 1,000\npopulation",
     'Could not draw the chart "drug-offences-rate" (datasets/charts.csv, row 8). datasets/indicators.csv, row 6, '
     'column "unit" holds a line break, which a chart cannot show. Write it on one line, then build again. '
     "Nothing was published."),
    ("indicator_values.csv", 4, "area", "South\x01ampton",
     'Could not draw the chart "opiate-crack-users" (datasets/charts.csv, row 6). datasets/indicator_values.csv, '
     'row 4, column "area" holds an invisible control character (U+0001), which a chart cannot show. Delete it '
     "(retype the text around it if you cannot see it), then build again. Nothing was published."),
], ids=["line break in a unit", "control character in an area"])
def test_a_chart_that_cannot_be_drawn_stops_the_build_with_its_chart_row_and_cell(
        tmp_path, file, row, column, value, message):
    paths = copy_project(tmp_path / "project")
    set_cell(paths.datasets, file, row, column, value)  # text validation may reject; the drawing must not crash
    with pytest.raises(pipeline.BuildStopped) as stopped:
        pipeline.generate(paths, today=TODAY)
    assert str(stopped.value) == message
    assert not paths.staging.exists()  # nothing half-built


def test_the_build_command_prints_a_drawing_failure_plainly_and_exits_with_an_error(tmp_path, monkeypatch, capsys):
    paths = copy_project(tmp_path / "project")
    set_cell(paths.datasets, "indicator_values.csv", 4, "area", "South\x01ampton")
    monkeypatch.setattr(pipeline, "validate", lambda *_args, **_kwargs: pipeline.Outcome())  # as if it passed
    assert main(["--project", str(paths.root), "build"]) == 1
    printed = capsys.readouterr()
    assert printed.out.splitlines()[-1].startswith(
        'Could not draw the chart "opiate-crack-users" (datasets/charts.csv, row 6).')
    assert "Traceback" not in printed.out + printed.err
    assert not paths.site.exists()


def test_a_drawing_library_stopped_for_memory_is_not_blamed_on_a_cell_that_draws_fine():
    """The real package's strategy sections hold line breaks, which draw fine: the system stopping the library (as
    for lack of memory) is said as it is, and no cell is blamed."""
    from build_charts.charts.failures import drawing_failed_message
    from build_charts.package import load_package
    from build_charts.settings import PROJECT_ROOT

    package = load_package(PROJECT_ROOT / "datasets")
    message = drawing_failed_message(package, DrawingFailed("commitments-by-status", STOPPED, exit_code=-9))
    assert message == (
        'Could not draw the chart "commitments-by-status" (datasets/charts.csv, row 2). The drawing library was '
        "stopped by the system (signal 9), most often because the computer ran out of memory. Build again when fewer "
        "programs are running; if it stops again, the chart may have too many rows to draw: ask a developer. "
        "Nothing was published.")
