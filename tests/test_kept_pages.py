"""A rebuild takes each page made from the same inputs as last time from the pages it kept, makes the rest, and
writes exactly the files a fresh build writes; a kept page that does not match what was stored is made again, and a
chart's share image is laid out again when anything it shows changes."""

from __future__ import annotations

import hashlib
import json

import pytest

from build_charts import pipeline
from build_charts.charts.render import Renderer
from build_charts.pages import charts, kept, progress
from build_charts.settings import Paths
from build_charts.staging import folder_files
from conftest import TODAY, fixture_project, set_cell


def _generate(paths) -> None:
    pipeline.generate(paths, today=TODAY, renderer=Renderer(paths.cache))


@pytest.fixture
def made(monkeypatch) -> list[str]:
    """The commitments whose history page the next builds make (rather than take as kept)."""
    ids: list[str] = []
    history_page = progress.history_page

    def recording(commitment, *args, **kwargs):
        ids.append(commitment["commitment_id"])
        return history_page(commitment, *args, **kwargs)

    monkeypatch.setattr(progress, "history_page", recording)
    return ids


def _with_an_earlier_report(datasets) -> None:
    """A second commitment with two reports, so two history pages."""
    with (datasets / "progress.csv").open("a", encoding="utf-8") as file:
        file.write("edap-2-1,2023/24,2024-05,on-track,Waits held.,,,,edap-report-24\n")


def _project(target):
    return fixture_project(target, _with_an_earlier_report)


def _fresh(tmp_path, edit):
    fresh = _project(tmp_path / "fresh")
    edit(fresh)
    _generate(fresh)
    return folder_files(fresh.staging)


def _first_build_then_edit(tmp_path, made: list[str], edit) -> list[str]:
    """Build, then edit and build again: return what the first build made (`made` then holds what the second made),
    after checking that the second wrote the files of a fresh build of the edited data."""
    paths = _project(tmp_path / "project")
    _generate(paths)
    first = list(made)
    made.clear()
    edit(paths)
    _generate(paths)
    second = list(made)
    assert folder_files(paths.staging) == _fresh(tmp_path, edit)
    made[:] = second  # not what the fresh build made
    return first


def _edit_one_report(paths) -> None:
    set_cell(paths.datasets, "progress.csv", 2, "achievements", "Sessions ran in 9 schools.")


def test_an_edited_report_makes_only_its_commitments_history_page_again(tmp_path, made):
    every = _first_build_then_edit(tmp_path, made, _edit_one_report)
    assert sorted(every) == ["edap-1-1", "edap-2-1"] and made == ["edap-1-1"]


def _rename_a_source(paths) -> None:
    sources = (paths.datasets / "sources.csv").read_text(encoding="utf-8")
    (paths.datasets / "sources.csv").write_text(sources.replace("Exampleton", "Exampletown", 1), encoding="utf-8")


def test_a_change_to_what_every_page_reads_makes_every_page_again(tmp_path, made):
    every = _first_build_then_edit(tmp_path, made, _rename_a_source)
    assert made == every


def _another_shape_with_a_matching_name(file) -> None:
    content = b"[1, 2]"
    file.rename(file.with_name(f"{file.name.split('.')[0]}.{hashlib.sha256(content).hexdigest()}.json"))
    file.with_name(f"{file.name.split('.')[0]}.{hashlib.sha256(content).hexdigest()}.json").write_bytes(content)


@pytest.mark.parametrize("damage", [
    lambda file: file.write_bytes(file.read_bytes() + b" "),  # edited, still JSON: no longer matches its name
    lambda file: file.write_bytes(file.read_bytes()[: file.stat().st_size // 2]),  # cut short
    _another_shape_with_a_matching_name,
])
def test_kept_pages_that_do_not_match_what_was_stored_are_made_again(tmp_path, made, damage):
    paths = _project(tmp_path / "project")
    _generate(paths)
    fresh = folder_files(paths.staging)
    every = list(made)
    made.clear()
    files = sorted((paths.cache / kept.FOLDER).iterdir())
    assert any(b"Sessions ran" in file.read_bytes() for file in files)
    for file in files:
        damage(file)
    _generate(paths)
    assert made == every
    assert folder_files(paths.staging) == fresh


def test_pages_are_kept_by_what_they_are_made_from_and_under_their_salt(tmp_path):
    folder = tmp_path / kept.FOLDER
    first = kept.KeptPages(folder, "salt")
    assert first.pages("period", {"period": "2024"}, lambda: {"a/index.md": "# A"}) == {"a/index.md": "# A"}
    assert first.page("history", ["c-1", [{"period": TODAY}]], lambda: "# C") == "# C"
    first.save()

    again = kept.KeptPages(folder, "salt")
    assert again.pages("period", {"period": "2024"}, lambda: {"a/index.md": "made again"}) == {"a/index.md": "# A"}
    assert again.page("history", ["c-1", [{"period": TODAY}]], lambda: "made again") == "# C"
    assert again.page("history", ["c-1", [{"period": str(TODAY)}]], lambda: "made again") == "made again"
    assert again.made == 1
    again.save()
    assert len(list(folder.iterdir())) == 3  # the pages this build took or made, and no others
    assert kept.KeptPages(folder, "another salt").page("history", ["c-1", [{"period": TODAY}]], lambda: "new") == "new"


def _rename_the_partnership(paths) -> None:
    descriptor = paths.datasets / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["partnership"]["name"] = "Exampletown Drug Partnership"
    descriptor.write_text(json.dumps(data, indent=2), encoding="utf-8")


def test_a_renamed_site_lays_out_and_draws_every_share_image_again(tmp_path):
    paths = _project(tmp_path / "project")
    _generate(paths)
    before = folder_files(paths.staging)
    _rename_the_partnership(paths)
    _generate(paths)
    after = folder_files(paths.staging)
    images = [name for name in after if name.endswith("/chart.png")]
    assert images and all(after[name] != before[name] for name in images)
    assert after == _fresh(tmp_path, _rename_the_partnership)


@pytest.fixture
def chart_pages_made(monkeypatch) -> list[str]:
    """The chart versions whose own page the next builds make (rather than take as kept)."""
    versions: list[str] = []
    permalink_page = charts.permalink_page

    def recording(chart, *args, **kwargs):
        versions.append(f"{chart.spec.chart_id} {chart.period or 'now'}")
        return permalink_page(chart, *args, **kwargs)

    monkeypatch.setattr(charts, "permalink_page", recording)
    return versions


def _edit_one_figure(paths) -> None:
    set_cell(paths.datasets, "indicator_values.csv", 2, "value", "1234")


def test_an_edited_figure_makes_only_its_charts_pages_again(tmp_path, chart_pages_made):
    every = _first_build_then_edit(tmp_path, chart_pages_made, _edit_one_figure)
    edited = {version.split()[0] for version in chart_pages_made}
    assert edited == {"adults-in-treatment", "treatment-latest"}  # the indicator's two charts
    assert any(version.startswith("death-rate") for version in every)


def test_a_new_site_address_makes_every_chart_page_again(tmp_path):
    paths = _project(tmp_path / "project")
    _generate(Paths(paths.root, "https://old.example.org/rdhp/"))
    _generate(Paths(paths.root, "https://new.example.org/rdhp/"))
    pages = {name: text for name, text in folder_files(paths.staging).items() if name.startswith("charts/")}
    assert any(b"new.example.org/rdhp/charts/" in text for text in pages.values())
    assert not any(b"old.example.org" in text for text in pages.values())
