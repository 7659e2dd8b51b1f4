"""Rendering charts: the same drawings in worker processes as in one, and a cache that keeps one build's charts."""

from __future__ import annotations

from functools import partial

from build_charts.charts.render import POOL_THRESHOLD, Drawing, Renderer


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
        f"key-{n}{suffix}" for n in range(2) for suffix in (".vl.json", ".svg", ".png", ".sha256.json"))
