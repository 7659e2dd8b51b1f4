"""The chart cache is checked, never trusted: a kept chart or a cached drawing that does not match what was
stored when it was written is made again with one line for the build log, never published, never a failed build."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from build_charts import pipeline, staging
from build_charts.__main__ import main
from build_charts.charts import kept
from build_charts.charts.render import Renderer
from build_charts.staging import folder_files
from conftest import TODAY, copy_project


def _generate(paths) -> Renderer:
    renderer = Renderer(paths.cache)
    pipeline.generate(paths, today=TODAY, renderer=renderer)
    return renderer


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """A project generated once: its staging files and cache, to copy for each test."""
    paths = copy_project(tmp_path_factory.mktemp("cache") / "project")
    _generate(paths)
    return paths, folder_files(paths.staging), folder_files(paths.cache)


@pytest.fixture
def generated(first_build, tmp_path):
    """A fresh copy of the project generated once, and the files a fresh build writes."""
    paths, staged, cached = first_build
    copy = copy_project(tmp_path / "project")
    for relative, content in cached.items():
        (copy.cache / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy.cache / relative).write_bytes(content)
    return copy, staged


def _drawing_of(paths, chart_id: str) -> str:
    """The cache key of a chart's current drawing, from the kept charts."""
    text = (paths.cache / kept.FILE_NAME).read_text(encoding="utf-8")
    start = text.index(f'"chart_id": "{chart_id}"')
    key_at = text.index('"drawing_key": "', start) + len('"drawing_key": "')
    return text[key_at:text.index('"', key_at)]


def _redrew(*labels: str) -> list[str]:
    return [f"Redrew chart {label}: its cached drawing did not match what was stored." for label in labels]


def test_kept_charts_edited_with_their_fingerprint_kept_are_made_again_and_never_published(generated):
    paths, fresh = generated
    file = paths.cache / kept.FILE_NAME
    text = file.read_text(encoding="utf-8")
    assert "1,649 people" in text
    file.write_text(text.replace("1,649 people", "99,999 people"), encoding="utf-8")

    again = _generate(paths)

    assert not [name for name, content in folder_files(paths.staging).items() if b"99,999" in content]
    assert folder_files(paths.staging) == fresh
    assert again.rendered == 0
    assert again.notes == ["Made the charts again: the charts kept from the last build did not match what was stored."]


@pytest.mark.parametrize("damage", ["cut short", "charts of another shape with a matching hash"])
def test_kept_charts_cut_short_or_of_another_shape_are_made_again(generated, damage):
    paths, fresh = generated
    file = paths.cache / kept.FILE_NAME
    header, body = file.read_bytes().split(b"\n", 1)
    if damage == "cut short":
        file.write_bytes(header + b"\n" + body[: len(body) // 2])
    else:
        body = json.dumps([{"spec": "not a chart"}]).encode("utf-8")
        header = json.dumps({**json.loads(header), "sha256": hashlib.sha256(body).hexdigest()}).encode("ascii")
        file.write_bytes(header + b"\n" + body)

    again = _generate(paths)

    assert folder_files(paths.staging) == fresh
    assert again.notes == ["Made the charts again: the charts kept from the last build did not match what was stored."]


def test_swapped_drawings_are_drawn_again_and_the_log_names_each_chart(generated):
    paths, fresh = generated
    offences, users = _drawing_of(paths, "drug-offences-rate"), _drawing_of(paths, "opiate-crack-users")
    a, b = paths.cache / f"{offences}.svg", paths.cache / f"{users}.svg"
    a_svg, b_svg = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_svg)
    b.write_bytes(a_svg)

    again = _generate(paths)

    assert folder_files(paths.staging) == fresh
    assert again.rendered == 2
    assert sorted(again.notes) == sorted(_redrew("drug-offences-rate", "opiate-crack-users"))


@pytest.mark.parametrize("damage", ["cut-short svg", "empty svg", "cut-short spec", "spec of another shape"])
def test_a_damaged_drawing_is_drawn_again_never_published_never_a_failed_build(generated, damage):
    paths, fresh = generated
    key = _drawing_of(paths, "drug-offences-rate")
    svg, spec = (paths.cache / f"{key}{suffix}" for suffix in (".svg", ".vl.json"))
    if damage == "cut-short svg":
        svg.write_bytes(svg.read_bytes()[: svg.stat().st_size // 2])
    elif damage == "empty svg":
        svg.write_bytes(b"")
    elif damage == "cut-short spec":
        spec.write_bytes(spec.read_bytes()[:100])
    else:
        spec.write_text("[1, 2, 3]", encoding="utf-8")

    again = _generate(paths)

    assert folder_files(paths.staging) == fresh
    assert again.rendered == 1
    assert again.notes == _redrew("drug-offences-rate")
    assert _generate(paths).notes == []  # drawn again and cached again, so the next build finds it whole


def test_an_interrupted_cache_write_leaves_the_old_file_whole_and_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "drawing.svg"
    target.write_bytes(b"<svg>old</svg>")

    def crash(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        staging.write_atomically(target, b"<svg>new</svg>")
    assert [p.name for p in tmp_path.iterdir()] == ["drawing.svg"]
    assert target.read_bytes() == b"<svg>old</svg>"


def test_the_build_log_says_which_chart_was_drawn_again(generated, capsys):
    paths, _ = generated
    key = _drawing_of(paths, "drug-offences-rate")
    (paths.cache / f"{key}.svg").write_bytes(b"")
    assert main(["--project", str(paths.root), "build"]) == 0
    log = capsys.readouterr().out.splitlines()
    assert "Redrew chart drug-offences-rate: its cached drawing did not match what was stored." in log
    assert "Charts: 1 rendered, 33 unchanged since the last build." in log


@pytest.mark.parametrize("damage", [lambda png: b"", lambda png: png[: len(png) // 2], lambda png: b"<svg/>" + png])
def test_a_damaged_share_image_is_drawn_again_never_published(generated, damage):
    paths, fresh = generated
    images = sorted((paths.cache / "share").glob("*.png"))
    assert images
    for image in images:
        image.write_bytes(damage(image.read_bytes()))

    _generate(paths)

    assert folder_files(paths.staging) == fresh
