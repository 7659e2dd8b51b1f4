"""Charts stay cheap to draw without losing anything a reader sees: plain data attached once, no facets, and
every label drawn in full. Tested on the real data package and on small frames; no site build needed."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import vl_convert

from build_charts.charts import benchmark, completeness, theme
from build_charts.charts.catalogue import ChartSpec, chart_specs
from build_charts.charts.context import ChartContext, chart_context
from build_charts.charts.figures import CHART_TYPES
from build_charts.package import load_package
from build_charts.settings import PROJECT_ROOT
from build_charts.vocab import vocabularies

WORDS = vocabularies(load_package(PROJECT_ROOT / "datasets").descriptor)


@pytest.fixture(scope="module")
def package():
    return load_package(PROJECT_ROOT / "datasets")


def _spec(package, chart_id: str) -> tuple[ChartSpec, dict]:
    spec = next(s for s in chart_specs(package) if s.chart_id == chart_id)
    context = chart_context(package, spec)
    kind = CHART_TYPES[spec.type]
    return spec, kind.chart(kind.data(package, spec, context), spec, context).configure(**theme.config()).to_dict()


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_every_chart_carries_its_data_once_as_plain_json(package):
    for spec in chart_specs(package):
        _, vega_lite = _spec(package, spec.chart_id)
        assert json.loads(json.dumps(vega_lite, allow_nan=False)) == vega_lite, spec.chart_id
        assert "data" in vega_lite, spec.chart_id
        # Only the completeness chart's theme headings have rows of their own.
        with_own_data = [layer for layer in vega_lite["layer"] if "data" in layer]
        assert len(with_own_data) == (spec.type == "completeness-by-theme"), spec.chart_id


def test_the_completeness_chart_is_one_layered_chart_that_still_names_every_theme_part_and_count(package):
    _, vega_lite = _spec(package, "report-completeness")
    assert "facet" not in vega_lite and "layer" in vega_lite
    texts = _texts(vl_convert.vegalite_to_svg(vega_lite))
    assert [t for t in texts if t.startswith("Theme ")] == ["Theme 1", "Theme 2", "Theme 3"]
    assert texts.count("Progress") == texts.count("Gaps and challenges") == texts.count("Next actions") == 3
    assert [t for t in texts if " of " in t] == ["4 of 4", "4 of 4", "4 of 4", "4 of 6", "3 of 6", "2 of 6",
                                                 "3 of 3", "3 of 3", "3 of 3"]
    assert "Commitments" in texts


def test_the_completeness_chart_keeps_each_part_under_its_theme_heading():
    rows = pd.DataFrame([
        {"theme_number": n, "theme": f"T{n}", "part": part, "reported": 1, "commitments": 2}
        for n in (1, 2) for part in completeness.report_parts(WORDS).values()
    ])
    spec = ChartSpec(chart_id="x", order=1, type="completeness-by-theme", title="X", topic="progress", strategy_id="s")
    vega_lite = completeness.chart(rows, spec, ChartContext("Here", [], vocab=WORDS)).to_dict()
    domain = vega_lite["encoding"]["y"]["scale"]["domain"]
    assert [band.split(completeness.SEPARATOR)[-1] for band in domain] == [
        "Theme 1", "Progress", "Gaps and challenges", "Next actions",
        "Theme 2", "Progress", "Gaps and challenges", "Next actions",
    ]


def test_a_long_area_name_is_drawn_in_full_not_cut_short():
    area = "Bournemouth, Christchurch and Poole"
    rows = pd.DataFrame([{"area": area, "period": "2024", "value": 2.9, "lower": None, "upper": None},
                         {"area": "England", "period": "2024", "value": 2.5, "lower": None, "upper": None}]).astype(object)
    spec = ChartSpec(chart_id="x", order=1, type="benchmark", title="X", topic="crime", indicator_id="x")
    context = ChartContext(area, ["England"], {"title": "X", "unit": "per 1,000 population"}, vocab=WORDS)
    svg = vl_convert.vegalite_to_svg(benchmark.chart(rows, spec, context).configure(**theme.config()).to_dict())
    assert area in _texts(svg)
