"""Another partnership publishes its own site by replacing datasets/ and its hand-written pages: no Python change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_charts.package import load_package
from build_charts.validate import validate_package
from build_charts.validate.report import as_text
from conftest import TODAY, fixture_project

# The name other tests import: the fixture package's project.
exampleton_project = fixture_project


@pytest.fixture(scope="module")
def exampleton_site(fixture_site) -> Path:
    return fixture_site


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_no_page_of_another_partnership_mentions_southampton(exampleton_site):
    mentions = [str(p.relative_to(exampleton_site)) for p in exampleton_site.rglob("*")
                if p.suffix in {".html", ".xml", ".json", ".csv", ".svg"} and "Southampton" in p.read_text(encoding="utf-8")]
    assert mentions == []
    assert _page(exampleton_site, "").title.get_text() == "Home - Exampleton Drug and Alcohol Partnership"


def test_its_statuses_periods_and_gaps_show_as_its_data_says(exampleton_site):
    soup = _page(exampleton_site, "progress/edap-prevent")
    assert soup.select_one("#edap-1-1").find_next(class_="status").get_text(" ", strip=True) == "✔ Complete"
    assert soup.select("article h4")[0].get_text() == "Report for 2024/25"
    history = _page(exampleton_site, "progress/edap-prevent/edap-1-1")
    assert [h.get_text() for h in history.select("article h4")] == ["Report for 2024/25", "Earlier report: 2023/24"]
    treat = _page(exampleton_site, "progress/edap-treat")
    assert "Lead agency Not reported" in " ".join(treat.select_one("#edap-2-2").find_next("dl").get_text(" ").split())
    recover = _page(exampleton_site, "progress/edap-recover")
    assert "No progress report for this commitment has been published." in recover.get_text()


def test_its_help_page_lists_its_own_area_and_national_lines_only(exampleton_site):
    soup = _page(exampleton_site, "get-help")
    assert [s["id"] for s in soup.select("section.service")] == [
        "edap-999", "edap-drug-service", "edap-families", "edap-youth", "edap-national"]
    assert "more than 12 months ago" in soup.find(id="edap-youth").get_text()
    assert soup.find(id="edap-youth").find("a", href="sms:60000") is not None


def test_its_chart_compares_with_its_own_comparator_areas(exampleton_site):
    soup = _page(exampleton_site, "key-facts")
    descriptions = [d.get_text() for d in soup.select("figure svg desc")]
    assert ("Deaths from drug misuse (per 100,000 population): Exampleton 9.1 in 2024/25, higher than North West "
            "(7.4), higher than England (5.5) and higher than Similar areas (6.8). Figures from Exampleton annual "
            "report 2024/25 (date not given).") in descriptions


def test_commitment_histories_stay_out_of_the_search_index_that_the_search_page_downloads(exampleton_site):
    histories = {p.parent.relative_to(exampleton_site).as_posix() + "/"
                 for p in exampleton_site.glob("progress/*/*/index.html")}
    index = json.loads((exampleton_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert histories, "the fixture has commitments with more than one report, so history pages"
    assert not histories & indexed
    assert {p.split("/")[0] for p in indexed} >= {"progress"}  # the theme pages, with each latest report, stay


def test_the_tests_own_package_is_valid_and_holds_every_status_and_help_group(tmp_path):
    datasets = fixture_project(tmp_path / "project").datasets
    assert [as_text(p) for p in validate_package(datasets, today=TODAY) if p.is_error] == []
    package = load_package(datasets)
    assert set(package["progress"]["status"]) == set(package.vocab.statuses)
    assert set(package["help_services"]["category"]) == set(package.vocab.help_categories)
    assert len(package["strategies"]) == 2 and package["progress"]["period"].nunique() >= 2
