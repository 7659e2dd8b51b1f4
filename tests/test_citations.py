"""Citations that stay true: a chart page cites the address that keeps its figures, with the date it was read; its
CSV is named after it and says what each number is; the whole data package is one zip that validates."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_charts.settings import PROJECT_ROOT
from conftest import page

DATASETS = PROJECT_ROOT / "datasets"
CATALOGUE = [row["chart_id"] for row in csv.DictReader((DATASETS / "charts.csv").open(encoding="utf-8"))]
PUBLISHED = (DATASETS / "published_urls.txt").read_text(encoding="utf-8").splitlines()
PARTNERSHIP = "Southampton Reducing Drug Harm Partnership"
ZIP = "southampton-reducing-drug-harm.zip"


def _text(element) -> str:
    return " ".join(element.get_text().split())


def _link_section(soup: BeautifulSoup) -> list[str]:
    """The paragraphs under 'Link to this chart', as text."""
    heading = soup.find(id="link-to-this-chart")
    found = []
    for element in heading.find_next_siblings():
        if element.name == "h2":
            break
        found.append(_text(element))
    return found


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


# Citing a chart.

def test_the_latest_page_of_a_chart_with_versions_cites_the_version_of_its_latest_period(built_site):
    citation = page(built_site, "charts/commitments-by-status/").select_one("p.citation")
    assert _text(citation) == (
        f"{PARTNERSHIP}. Commitments by status, as at 2024 [chart]. /charts/commitments-by-status/2024/. "
        "Accessed [date you read it]. Data from: Southampton Reducing Drug Harm Partnership Progress Report and "
        "Action Plan: 2024 Progress Report and 2025 Action Plan, January 2025."
    )


def test_an_as_at_page_cites_itself_in_the_same_words_as_the_latest_page(built_site):
    latest = page(built_site, "charts/commitments-by-status/").select_one("p.citation")
    as_at = page(built_site, "charts/commitments-by-status/2024/").select_one("p.citation")
    assert _text(as_at) == _text(latest)


def test_a_citation_names_the_partnership_once_and_the_source_by_its_title(built_site):
    for chart_id in CATALOGUE:
        text = _text(page(built_site, f"charts/{chart_id}/").select_one("p.citation"))
        assert text.startswith(f"{PARTNERSHIP}. "), chart_id
        author_and_site = text.split(" Data from: ")[0]
        assert author_and_site.count(PARTNERSHIP) == 1, chart_id
        assert "sds-2017" not in text and "rdhp-2025" not in text
        assert "Accessed [date you read it]." in text  # the reader's day, never the build's


def test_a_chart_without_periods_says_what_its_address_promises_without_contradiction(built_site):
    soup = page(built_site, "charts/drug-offences-rate/")
    assert _link_section(soup) == [
        "This address will always show this chart with its current figures, with every correction listed on this "
        "page: /charts/drug-offences-rate/",
        "If a figure is corrected, the chart at this address changes with it and the correction is listed under "
        "Corrections, with its date. The citation below gives the date the chart was read.",
    ]
    assert _text(soup.select_one("p.citation")) == (
        f"{PARTNERSHIP}. Police recorded drug offences [chart]. /charts/drug-offences-rate/. Accessed [date you "
        "read it]. Data from: Southampton Drugs Strategy 2017-2020, Safe City Partnership, Southampton."
    )
    versions = soup.find(id="versions").find_next("p")
    assert _text(versions) == "The figures in this chart have no reporting period, so it has no as-at versions."


def test_the_latest_page_says_its_figures_change_and_links_to_the_version_that_keeps_them(built_site):
    soup = page(built_site, "charts/adults-taking-illicit-drugs/")
    assert _link_section(soup) == [
        "This address always shows the latest figures, which change when a new period is reported: "
        "/charts/adults-taking-illicit-drugs/",
        "To link to the figures shown now, use the version as at 2015/16, which later periods will not change: "
        "/charts/adults-taking-illicit-drugs/2015-16/",
    ]
    link = soup.find(id="link-to-this-chart").find_next("p").find_next("p").a
    assert link["href"] == "2015-16/"
    assert (built_site / "charts" / "adults-taking-illicit-drugs" / link["href"] / "index.html").is_file()
    as_at = page(built_site, "charts/adults-taking-illicit-drugs/2015-16/")
    assert _link_section(as_at) == [
        "This address will always show this chart as at 2015/16: /charts/adults-taking-illicit-drugs/2015-16/"]


def test_the_citation_and_embed_code_are_marked_for_a_copy_button_and_the_page_loads_its_script(built_site):
    soup = page(built_site, "charts/drug-offences-rate/")
    assert soup.select_one("p.citation")["data-copy-label"] == "Copy the citation"
    assert soup.select_one("pre.embed-code")["data-copy-label"] == "Copy the embed code for the latest figures"
    assert [s["src"] for s in soup.select("article script[src]")] == ["../../assets/copy-text.js"]
    assert (built_site / "assets" / "copy-text.js").is_file()


# Chart CSVs.

@pytest.mark.parametrize("chart_id", CATALOGUE)
def test_a_chart_csv_is_named_after_the_chart_and_says_unit_period_area_and_source(built_site, chart_id):
    soup = page(built_site, f"charts/{chart_id}/")
    assert soup.select_one("ul.chart-downloads a")["href"] == f"{chart_id}.csv"
    rows = _rows(built_site / "charts" / chart_id / f"{chart_id}.csv")
    assert rows, chart_id
    assert {"unit", "period", "area", "source_title"} <= set(rows[0])
    for row in rows:
        assert row["unit"] and row["period"] and row["area"] and row["source_title"], row


def test_the_offences_csv_spells_out_what_each_figure_is(built_site):
    rows = _rows(built_site / "charts" / "drug-offences-rate" / "drug-offences-rate.csv")
    assert [(r["area"], r["period"], r["value"], r["unit"], r["source_title"]) for r in rows] == [
        ("Southampton", "period not given", "2.9", "per 1,000 population", "Southampton Drugs Strategy 2017-2020"),
        ("England", "period not given", "2.5", "per 1,000 population", "Southampton Drugs Strategy 2017-2020"),
        ("Hampshire", "period not given", "3.1", "per 1,000 population", "Southampton Drugs Strategy 2017-2020"),
    ]
    assert rows[0]["indicator"] == "Police recorded drug offences"


def test_an_as_at_csv_is_named_after_the_chart_and_its_period(built_site):
    folder = built_site / "charts" / "commitments-by-status" / "2024"
    soup = page(built_site, "charts/commitments-by-status/2024/")
    assert soup.select_one("ul.chart-downloads a")["href"] == "commitments-by-status-2024.csv"
    rows = _rows(folder / "commitments-by-status-2024.csv")
    assert {(r["area"], r["period"], r["unit"]) for r in rows} == {("Southampton", "2024", "commitments")}
    assert {r["source_title"] for r in rows} == {
        "Southampton Reducing Drug Harm Partnership Progress Report and Action Plan: 2024 Progress Report and 2025 "
        "Action Plan"}


def test_every_published_data_csv_address_still_serves_the_chart_csv(built_site):
    old = [line for line in PUBLISHED if line.endswith("/data.csv")]
    assert len(old) >= len(CATALOGUE)
    for address in old:
        folder = built_site / address.strip("/").rsplit("/", 1)[0]
        named = [f for f in folder.glob("*.csv") if f.name != "data.csv"]
        assert len(named) == 1, address
        assert (folder / "data.csv").read_bytes() == named[0].read_bytes(), address


# The whole data package in one zip.

def test_about_the_data_offers_the_zip_beside_datapackage_json(built_site):
    soup = page(built_site, "about-the-data/")
    links = [a["href"] for a in soup.select("article table a")]
    assert links[:2] == ["../data/datapackage.json", f"../data/{ZIP}"]
    row = soup.find("a", href=f"../data/{ZIP}").find_parent("tr")
    size = round((built_site / "data" / ZIP).stat().st_size / 1000)
    assert f"The whole data package in one download ({size} KB)" in _text(row)
    metadata = json.loads(soup.find("script", type="application/ld+json").string)
    assert {"@type": "DataDownload", "encodingFormat": "application/zip", "name": "The whole data package",
            "contentUrl": f"../data/{ZIP}"} in metadata["distribution"]


def test_the_package_zip_holds_every_file_and_validates_with_frictionless_after_unzipping(built_site, tmp_path):
    from frictionless import Package

    descriptor = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(built_site / "data" / ZIP) as archive:
        assert archive.namelist() == ["datapackage.json", *(r["path"] for r in descriptor["resources"])]
        archive.extractall(tmp_path)
    for name in ["datapackage.json", *(r["path"] for r in descriptor["resources"])]:
        assert (tmp_path / name).read_bytes() == (built_site / "data" / name).read_bytes()
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    assert len(report.tasks) == len(descriptor["resources"])


def test_the_same_files_give_the_same_zip_bytes(tmp_path):
    from build_charts.pages.about_data import ZIP_DATE, published_data

    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(DATASETS, first)
    shutil.copytree(DATASETS, second, copy_function=shutil.copyfile)  # new modification times
    made = [published_data(folder)[f"data/{ZIP}"] for folder in (first, second)]
    assert made[0] == made[1]
    with zipfile.ZipFile(io.BytesIO(made[0])) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {ZIP_DATE}


def test_a_package_name_that_is_not_a_plain_file_name_gives_a_plain_zip_name():
    from build_charts.pages.about_data import zip_name

    assert zip_name({"name": "exampleton-drugs"}) == "exampleton-drugs.zip"
    for name in ("../../index", "a/b", "Name With Spaces", "", None, "x" * 81):
        assert zip_name({"name": name}) == "data-package.zip", name
