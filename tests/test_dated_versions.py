"""Addresses that keep their promise: a chart whose figures have no period gets a dated version, keyed by the day
its figures took their values in the data (its source's date or its latest correction's, never the build's), which
its latest page cites and offers to embed beside the latest figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_charts import pipeline
from build_charts.charts.catalogue import chart_specs
from build_charts.charts.figures import figure_dates, version_label
from build_charts.package import load_package
from conftest import TODAY, copy_project, page, set_cell

CHART = "charts/drug-offences-rate/"
CORRECTED = "2026-11-20"
EARLIER = "2026-10-01"


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory) -> Path:
    """The real site after a correction to the drug offences figures, which have no period."""
    paths = copy_project(tmp_path_factory.mktemp("corrected"))
    corrections = paths.datasets / "corrections.csv"
    corrections.write_text(corrections.read_text(encoding="utf-8")
                           + f"drug-offences-rate,{EARLIER},Corrected the England figure.,sds-2017\n"
                           + f"drug-offences-rate,{CORRECTED},Corrected the Hampshire figure.,sds-2017\n",
                           encoding="utf-8")
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, outcome.problems
    return paths.site


def test_a_corrected_chart_without_periods_gets_a_version_dated_by_its_correction(corrected_site):
    version = page(corrected_site, CHART + CORRECTED + "/")
    assert _text(version.h1) == "Police recorded drug offences, as at 20 November 2026"
    assert "3.1" in _text(version.select_one("figure.chart .chart-wide svg"))
    assert (corrected_site / CHART / CORRECTED / "chart.png").is_file()
    latest = page(corrected_site, CHART)
    assert _text(latest.select_one("p.citation")).startswith(
        "Southampton Reducing Drug Harm Partnership. Police recorded drug offences, as at 20 November 2026 [chart]. "
        f"/{CHART}{CORRECTED}/. Accessed [date you read it].")
    link = [_text(p) for p in latest.find(id="link-to-this-chart").find_next_siblings("p", limit=2)]
    assert link[1] == ("To link to the figures shown now, use the version dated 20 November 2026, which later "
                       f"changes will not alter: /{CHART}{CORRECTED}/")


def test_an_earlier_dated_version_keeps_its_address_after_a_later_correction(corrected_site):
    earlier = page(corrected_site, CHART + EARLIER + "/")
    assert _text(earlier.h1) == "Police recorded drug offences, as at 1 October 2026"
    versions = [_text(li) for li in page(corrected_site, CHART).select("ul.chart-versions li")]
    assert versions == ["Latest (this page)", "As at 1 October 2026", "As at 20 November 2026"]


def test_the_embed_dialog_offers_this_version_and_always_the_latest(corrected_site):
    for address in (CHART, CHART + CORRECTED + "/"):
        codes = [BeautifulSoup(pre.get_text(), "html.parser").iframe["src"]
                 for pre in page(corrected_site, address).select("pre.embed-code")]
        assert codes == [f"/{CHART}{CORRECTED}/embed/", f"/{CHART}embed/"], address
    embedded = page(corrected_site, CHART + CORRECTED + "/embed/")
    assert _text(embedded.h1) == "Police recorded drug offences, as at 20 November 2026"
    assert embedded.find("a", target="_top")["href"] == "../"


def test_a_chart_whose_figures_the_data_does_not_date_has_no_dated_version(built_site):
    assert [p.name for p in (built_site / CHART).iterdir() if p.is_dir()] == ["embed"]
    versions = page(built_site, CHART).find(id="versions").find_next("p")
    assert _text(versions) == "The figures in this chart have no reporting period, so it has no as-at versions."


def test_the_date_of_figures_without_periods_comes_from_their_source_or_their_latest_correction(make_package):
    def dated(datasets: Path) -> None:
        set_cell(datasets, "sources.csv", 2, "published", "2017-03")

    package = load_package(make_package(dated))
    spec = next(s for s in chart_specs(package) if s.chart_id == "drug-offences-rate")
    assert figure_dates(package, spec, ["sds-2017"]) == ["2017-03"]
    assert version_label("2017-03") == "March 2017" and version_label("2026-11-20") == "20 November 2026"
    assert version_label("2015/16") == "2015/16"
