"""As-at versions of charts: every period, or only those since the site was first published."""

from __future__ import annotations

import json
from pathlib import Path

from build_charts import pipeline
from build_charts.charts.figures import versioned_periods
from build_charts.charts.render import Renderer
from build_charts.validate import validate_package
from build_charts.validate.report import as_text
from conftest import TODAY, append_row, copy_project, set_cell

CHART = "charts/drug-related-violence-change/"


def test_every_period_gets_a_version_when_the_first_published_period_is_not_set():
    assert versioned_periods(["2015/16", "2016/17"], None) == ["2015/16", "2016/17"]


def test_periods_before_the_first_published_one_get_no_version():
    assert versioned_periods(["2015/16", "2016/17", "2017/18"], "2016/17") == ["2016/17", "2017/18"]


def test_a_chart_with_no_figures_for_the_first_published_period_keeps_the_version_the_site_first_showed():
    assert versioned_periods(["2015/16", "2016/17", "2018/19"], "2017/18") == ["2016/17", "2018/19"]
    assert versioned_periods(["2015/16"], "2024") == ["2015/16"]


def _trend_over_three_periods(datasets: Path, first_published: str | None) -> None:
    for period, value in (("2016/17", "4"), ("2017/18", "6")):
        append_row(datasets, "indicator_values.csv", {"indicator_id": "drug-related-violence-change", "area": "Southampton",
                                                      "period": period, "value": value, "source_id": "sds-2017"})
    set_cell(datasets, "charts.csv", 9, "type", "trend")
    descriptor = json.loads((datasets / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["partnership"]["first_published_period"] = first_published
    (datasets / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def test_a_site_first_published_in_2016_17_has_chart_versions_from_then_on_only(tmp_path):
    paths = copy_project(tmp_path / "project")
    _trend_over_three_periods(paths.datasets, "2016/17")
    renderer = Renderer(paths.cache)
    pages = pipeline.generate(paths, today=TODAY, renderer=renderer)
    versions = sorted(p for p in pages if p.startswith(CHART) and p.count("/") == 3)
    assert versions == [CHART + "2016-17/index.md", CHART + "2017-18/index.md"]
    chart_page = (paths.staging / CHART / "index.md").read_text(encoding="utf-8")
    assert "As at 2016/17" in chart_page and "As at 2017/18" in chart_page and "As at 2015/16" not in chart_page


def test_without_the_setting_the_same_chart_has_a_version_for_every_period(tmp_path):
    paths = copy_project(tmp_path / "project")
    _trend_over_three_periods(paths.datasets, None)
    pages = pipeline.generate(paths, today=TODAY, renderer=Renderer(paths.cache))
    versions = sorted(p for p in pages if p.startswith(CHART) and p.count("/") == 3)
    assert versions == [CHART + f"{p}/index.md" for p in ("2015-16", "2016-17", "2017-18")]


def test_a_first_published_period_written_as_a_number_is_reported(make_package):
    def set_number(datasets: Path) -> None:
        descriptor = json.loads((datasets / "datapackage.json").read_text(encoding="utf-8"))
        descriptor["partnership"]["first_published_period"] = 2024
        (datasets / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")

    problems = [p for p in validate_package(make_package(set_number), today=TODAY) if p.code == "bad-setting"]
    assert [as_text(p) for p in problems] == [
        'Error in datasets/datapackage.json, column "first_published_period"\n'
        "  Found:    2024\n"
        '  Expected: the first reporting period this site published, in quotes as the data writes it, such as "2024/25"\n'
        '  Fix:      Correct "first_published_period" in the "partnership" block, or remove it to keep an as-at '
        "version of every period."
    ]


def test_an_as_at_version_stays_out_of_the_search_index_and_its_chart_page_stays_in(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "charts/commitments-by-status/" in indexed
    assert not {loc for loc in indexed if loc.startswith("charts/commitments-by-status/2024")}
