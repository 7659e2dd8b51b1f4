"""A rebuild with nothing changed takes the finished charts it kept, and makes exactly the files a fresh build
makes; any change to the data, the code or a cached drawing makes the charts again."""

from __future__ import annotations

import json
import shutil

import pytest

from build_charts import pipeline
from build_charts.charts import kept
from build_charts.charts.render import Renderer
from build_charts.package import DataPackage, load_package
from build_charts.settings import PROJECT_ROOT
from build_charts.staging import folder_files
from conftest import TODAY, copy_project, fixture_project, set_cell


def _generate(paths) -> Renderer:
    renderer = Renderer(paths.cache)
    pipeline.generate(paths, today=TODAY, renderer=renderer)
    return renderer


def _kept_file(paths) -> tuple[dict, list[dict]]:
    """The kept charts file's two lines: its header and the charts."""
    header, body = (paths.cache / kept.FILE_NAME).read_text(encoding="utf-8").split("\n", 1)
    return json.loads(header), json.loads(body)


def _charts_must_not_be_made(monkeypatch) -> None:
    build_each = kept.build_each

    def refuse(package, specs, *args, **kwargs):
        if specs:
            raise AssertionError("the charts were made again although nothing changed")
        return build_each(package, specs, *args, **kwargs)

    monkeypatch.setattr(kept, "build_each", refuse)


@pytest.fixture
def generated_once(tmp_path):
    paths = copy_project(tmp_path / "project")
    first = _generate(paths)
    return paths, first, folder_files(paths.staging)


def test_a_rebuild_with_nothing_changed_writes_the_same_files_from_the_kept_charts(generated_once, monkeypatch):
    paths, first, fresh = generated_once
    _charts_must_not_be_made(monkeypatch)
    second = _generate(paths)
    assert (second.rendered, second.reused) == (0, first.rendered + first.reused)
    assert folder_files(paths.staging) == fresh


def test_the_kept_charts_are_json_and_survive_forgetting_unused_drawings(generated_once):
    paths, _, _ = generated_once
    second = _generate(paths)
    assert second.forget_unused() == 0
    _, kept_charts = _kept_file(paths)
    ids = {chart["spec"]["chart_id"] for versions in kept_charts.values() for chart in versions}
    assert "drug-offences-rate" in ids


def test_a_changed_figure_makes_the_charts_again_and_the_download_shows_it(generated_once):
    paths, _, fresh = generated_once
    download = "charts/drug-offences-rate/drug-offences-rate.csv"
    assert b"Southampton,period not given,2.9," in fresh[download]
    set_cell(paths.datasets, "indicator_values.csv", 6, "value", "2.6")
    again = _generate(paths)
    assert again.rendered == 2  # the chart's wide and phone layouts
    written = (paths.staging / download).read_bytes()
    assert b"Southampton,period not given,2.6," in written and b"Southampton,period not given,2.9," not in written


def _charts_made(monkeypatch) -> list[str]:
    """The ids of the charts made again (not kept) by the next builds, in order."""
    made: list[str] = []
    build_each = kept.build_each

    def recording(package, specs, *args, **kwargs):
        made.extend(spec.chart_id for spec in specs)
        return build_each(package, specs, *args, **kwargs)

    monkeypatch.setattr(kept, "build_each", recording)
    return made


def test_a_changed_progress_report_makes_only_its_strategys_charts_again_and_the_same_files_as_a_fresh_build(
        tmp_path, monkeypatch):
    paths = fixture_project(tmp_path / "project")
    _generate(paths)
    made = _charts_made(monkeypatch)
    set_cell(paths.datasets, "progress.csv", 2, "status", "with-challenges")
    _generate(paths)
    assert made == ["plan-status", "plan-reports"]  # the trend, headline and benchmark charts were kept

    fresh = fixture_project(tmp_path / "fresh")
    set_cell(fresh.datasets, "progress.csv", 2, "status", "with-challenges")
    _generate(fresh)
    assert folder_files(paths.staging) == folder_files(fresh.staging)


def test_a_change_every_chart_reads_makes_every_chart_again(tmp_path, monkeypatch):
    paths = fixture_project(tmp_path / "project")
    _generate(paths)
    made = _charts_made(monkeypatch)
    sources = (paths.datasets / "sources.csv").read_text(encoding="utf-8")
    (paths.datasets / "sources.csv").write_text(sources.replace("Exampleton", "Exampletown", 1), encoding="utf-8")
    _generate(paths)
    assert len(made) == 5


def test_a_missing_drawing_makes_the_charts_again_and_draws_only_that_one(generated_once):
    paths, _, fresh = generated_once
    next(paths.cache.glob("*.svg")).unlink()
    again = _generate(paths)
    assert again.rendered == 1
    assert folder_files(paths.staging) == fresh


@pytest.mark.parametrize("changed", ["charts/theme.py", "templates/progress/report.html"])
def test_a_change_to_the_code_or_a_template_changes_the_fingerprint(tmp_path, changed):
    code = shutil.copytree(kept.CODE, tmp_path / "build_charts", ignore=shutil.ignore_patterns("__pycache__"))
    before = kept.code_fingerprint(code)
    assert kept.code_fingerprint(code) == before
    file = code / changed
    file.write_text(file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert kept.code_fingerprint(code) != before


def test_unreadable_or_foreign_kept_charts_are_ignored(generated_once, monkeypatch):
    paths, _, fresh = generated_once
    (paths.cache / kept.FILE_NAME).write_text("{not json", encoding="utf-8")
    again = _generate(paths)
    assert again.reused > 0 and folder_files(paths.staging) == fresh
    header, kept_charts = _kept_file(paths)
    header["fingerprint"] = "made from other data"
    (paths.cache / kept.FILE_NAME).write_text(json.dumps(header) + "\n" + json.dumps(kept_charts), encoding="utf-8")
    _charts_must_not_be_made(monkeypatch)
    with pytest.raises(AssertionError, match="made again"):
        _generate(paths)


def test_a_package_that_cannot_be_fingerprinted_is_never_kept():
    package = load_package(PROJECT_ROOT / "datasets")
    assert kept.package_fingerprint(package) == kept.package_fingerprint(package)
    frames = {**package.frames, "sources": package["sources"].assign(tags=[["a"]] * len(package["sources"]))}
    assert kept.package_fingerprint(DataPackage(package.root, package.descriptor, frames)) is None
