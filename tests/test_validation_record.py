"""A build of inputs validated before takes what that validation found from its record, and only then: any change to
a file validation reads, a damaged record or a CI server means a full validation."""

from __future__ import annotations

import json

import pytest

from build_charts import incremental, pipeline
from build_charts.config import site_config
from conftest import TODAY, fixture_project, set_cell


class Validated(Exception):
    """Raised by the stand-in for validation: the build validated in full."""


def _refuse_to_validate(*args, **kwargs):
    raise Validated


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    paths = fixture_project(tmp_path / "project")
    set_cell(paths.datasets, "help_services.csv", 2, "phone", "0300 123 660")  # a number no phone line has
    return paths


def _validate(paths, strict=False):
    return pipeline.validate_once(paths, TODAY, strict, site_config(paths.config)).result()


def test_the_same_inputs_are_not_validated_again_and_give_the_same_problems(project, monkeypatch):
    first = _validate(project)
    assert first.problems  # the number is reported
    monkeypatch.setattr(pipeline, "validate", _refuse_to_validate)
    again = _validate(project)
    assert again.problems == first.problems and again.accepted == first.accepted


@pytest.mark.parametrize("change", [
    lambda paths: set_cell(paths.datasets, "progress.csv", 2, "achievements", "Met every week."),
    lambda paths: (paths.docs / "extra.md").write_text("# Extra\n", encoding="utf-8"),
    lambda paths: (paths.root / "locale").mkdir(),
    lambda paths: (paths.datasets / "notes.txt").symlink_to(paths.config),
    lambda paths: paths.config.write_text(paths.config.read_text(encoding="utf-8") + "\nextra: {}\n", encoding="utf-8"),
])
def test_any_change_to_what_validation_reads_validates_in_full(project, monkeypatch, change):
    _validate(project)
    change(project)
    monkeypatch.setattr(pipeline, "validate", _refuse_to_validate)
    with pytest.raises(Validated):
        _validate(project)


def test_another_day_or_strictness_validates_in_full(project, monkeypatch):
    _validate(project)
    monkeypatch.setattr(pipeline, "validate", _refuse_to_validate)
    with pytest.raises(Validated):
        _validate(project, strict=True)
    with pytest.raises(Validated):
        pipeline.validate_once(project, TODAY.replace(day=2), False, site_config(project.config)).result()


@pytest.mark.parametrize("damage", [
    lambda text: text.replace("0300", "0400"),  # edited: no longer matches its hash
    lambda text: text[: len(text) // 2],  # cut short
    lambda text: "not a record",
])
def test_a_damaged_record_means_a_full_validation(project, monkeypatch, damage):
    _validate(project)
    record = project.build / pipeline.VALIDATION_RECORD
    record.write_text(damage(record.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(pipeline, "validate", _refuse_to_validate)
    with pytest.raises(Validated):
        _validate(project)


def test_a_record_that_matches_its_hash_but_holds_no_problems_is_not_used(project, monkeypatch):
    _validate(project)
    record = project.build / pipeline.VALIDATION_RECORD
    key = json.loads(record.read_text(encoding="utf-8").split("\n", 1)[0])["key"]
    incremental.write_validation(record, key, {"problems": [{"code": ["not", "text"]}], "accepted": []})
    monkeypatch.setattr(pipeline, "validate", _refuse_to_validate)
    with pytest.raises(Validated):
        _validate(project)


def test_a_ci_server_always_validates_in_full(project, monkeypatch):
    _validate(project)
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(pipeline, "validate", _refuse_to_validate)
    with pytest.raises(Validated):
        _validate(project)
