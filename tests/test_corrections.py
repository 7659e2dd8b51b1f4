"""Corrections to a chart's figures: corrections.csv records each one, the chart's pages list them newest first
with their date and source, a chart's address promises its current figures with every correction listed, and
What changed names a new correction."""

from __future__ import annotations

import csv
import json

import frictionless
import pytest
from test_excel_round_trip import save_as_excel_does
from test_validate import new_messages

from build_charts import pipeline
from build_charts.package import read_descriptor
from build_charts.settings import PROJECT_ROOT
from build_charts.summary.datawords import data_items, read_rows
from build_charts.validate.fix import fix_files
from conftest import TODAY, copy_project, page

DATASETS = PROJECT_ROOT / "datasets"
CATALOGUE = [row["chart_id"] for row in csv.DictReader((DATASETS / "charts.csv").open(encoding="utf-8"))]
NONE_YET = "No corrections have been made to this chart's figures on this site."
# Corrections as a comms officer would type them; sds-2017 is the strategy the drug offences figures come from.
OFFENCES_FIXED = {"chart_id": "drug-offences-rate", "corrected": "2026-11-20",
                  "what_changed": "Southampton: 2.9 per 1,000 people, was 3.9 (a typing slip).", "source_id": "sds-2017"}
OFFENCES_FIXED_AGAIN = {"chart_id": "drug-offences-rate", "corrected": "2026-11-28",
                        "what_changed": "England: 2.6 per 1,000 people, was 2.5.", "source_id": "sds-2017"}
ADULTS_FIXED = {"chart_id": "adults-taking-illicit-drugs", "corrected": "2026-10-02",
                "what_changed": "2015/16: about 17,000 adults, was 71,000.", "source_id": "sds-2017"}


def add_corrections(datasets, *rows: dict) -> None:
    """Add rows to corrections.csv, as a comms officer adds them in a spreadsheet."""
    with (datasets / "corrections.csv").open("a", encoding="utf-8", newline="") as file:
        csv.DictWriter(file, fieldnames=["chart_id", "corrected", "what_changed", "source_id"],
                       lineterminator="\n").writerows(rows)


def _text(element) -> str:
    return " ".join(element.get_text().split())


def _section(soup, heading_id: str) -> list:
    """The elements between a heading and the next one of its level."""
    found = []
    for element in soup.find(id=heading_id).find_next_siblings():
        if element.name == "h2":
            break
        found.append(element)
    return found


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory):
    """The real site built with three corrections recorded."""
    paths = copy_project(tmp_path_factory.mktemp("corrected"))
    add_corrections(paths.datasets, OFFENCES_FIXED, ADULTS_FIXED, OFFENCES_FIXED_AGAIN)
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, [p for p in outcome.problems if p.is_error]
    return paths.site


# The chart's pages.

def test_a_chart_page_lists_its_corrections_newest_first_with_their_dates_and_source(corrected_site):
    soup = page(corrected_site, "charts/drug-offences-rate/")
    items = soup.select("#corrections ~ ul.chart-corrections > li")
    assert [_text(item) for item in items] == [
        "28 November 2026: England: 2.6 per 1,000 people, was 2.5. Corrected figure from: Southampton Drugs "
        "Strategy 2017-2020, Safe City Partnership, Southampton, date not reported.",
        "20 November 2026: Southampton: 2.9 per 1,000 people, was 3.9 (a typing slip). Corrected figure from: "
        "Southampton Drugs Strategy 2017-2020, Safe City Partnership, Southampton, date not reported.",
    ]
    assert [item.time["datetime"] for item in items] == ["2026-11-28", "2026-11-20"]
    assert [item.cite.get_text() for item in items] == ["Southampton Drugs Strategy 2017-2020"] * 2
    assert NONE_YET not in soup.get_text()


def test_an_as_at_page_lists_the_chart_s_corrections_too(corrected_site):
    for address in ("charts/adults-taking-illicit-drugs/", "charts/adults-taking-illicit-drugs/2015-16/"):
        items = page(corrected_site, address).select("#corrections ~ ul.chart-corrections > li")
        assert [(item.time["datetime"], _text(item.p)) for item in items] == [
            ("2026-10-02", "2 October 2026: 2015/16: about 17,000 adults, was 71,000.")], address


def test_an_as_at_page_says_a_corrected_figure_changes_it_and_is_listed(built_site):
    soup = page(built_site, "charts/adults-taking-illicit-drugs/2015-16/")
    notice = soup.select_one("p.chart-notice")
    assert _text(notice) == (
        "This is the chart as at 2015/16, made from the figures reported up to then. Later periods will not change "
        "it. If one of its figures is corrected, the correction is listed under Corrections. See the latest version.")
    assert [a["href"] for a in notice.select("a")] == ["#corrections", "../"]
    link = _section(page(built_site, "charts/adults-taking-illicit-drugs/"), "link-to-this-chart")[1]
    assert _text(link) == ("To link to the figures shown now, use the version as at 2015/16, which later periods will "
                           "not change: /charts/adults-taking-illicit-drugs/2015-16/")


def test_a_chart_without_corrections_says_so_on_a_site_with_some(corrected_site):
    section = _section(page(corrected_site, "charts/commitments-by-status/"), "corrections")
    assert [_text(element) for element in section] == [NONE_YET]


def test_every_chart_page_of_the_real_site_says_it_has_no_corrections(built_site):
    addresses = [f"charts/{chart_id}/" for chart_id in CATALOGUE]
    addresses += [str(p.parent.relative_to(built_site)) + "/" for p in built_site.glob("charts/*/*/index.html")
                  if p.parent.name != "embed"]
    assert len(addresses) == 17  # 11 charts, 5 as-at versions and one dated version (national-strategy-investment)
    for address in addresses:
        soup = page(built_site, address)
        assert soup.find(id="corrections").get_text() == "Corrections", address
        assert [_text(element) for element in _section(soup, "corrections")] == [NONE_YET], address
        assert not soup.select("time[datetime]"), address


def test_a_chart_without_periods_promises_its_current_figures_with_every_correction_listed(built_site):
    soup = page(built_site, "charts/drug-offences-rate/")
    assert [_text(element) for element in _section(soup, "link-to-this-chart")] == [
        "This address will always show this chart with its current figures, with every correction listed on this "
        "page: /charts/drug-offences-rate/",
        "If a figure is corrected, the chart at this address changes with it and the correction is listed under "
        "Corrections, with its date. The citation below gives the date the chart was read.",
    ]
    link = _section(soup, "link-to-this-chart")[1].a
    assert link["href"] == "#corrections" and soup.find(id="corrections") is not None


# Validation.

def test_validate_refuses_a_correction_dated_in_the_future(make_package):
    datasets = make_package(lambda d: add_corrections(d, {**OFFENCES_FIXED, "corrected": "2027-11-20"}))
    assert new_messages(datasets) == [
        'Error in datasets/corrections.csv, row 2, column "corrected"\n'
        '  Found:    "2027-11-20", which is in the future\n'
        "  Expected: a date or period that has started by today (2026-12-01)\n"
        "  Fix:      Check the year, and that the day and month are the right way round.",
    ]


def test_validate_refuses_a_correction_to_a_chart_the_catalogue_does_not_list(make_package):
    datasets = make_package(lambda d: add_corrections(d, {**OFFENCES_FIXED, "chart_id": "drug-ofences-rate"}))
    assert new_messages(datasets) == [
        'Error in datasets/corrections.csv, row 2, column "chart_id"\n'
        '  Found:    "drug-ofences-rate", which is not in charts.csv\n'
        "  Expected: an id that exists in charts.csv\n"
        "  Fix:      Correct the spelling to match an id in charts.csv, or add that row to charts.csv first.",
    ]


def test_validate_refuses_a_correction_without_its_source_or_with_a_line_break(make_package):
    datasets = make_package(lambda d: add_corrections(
        d, {**OFFENCES_FIXED, "source_id": "", "what_changed": "Southampton: 2.9\nwas 3.9"}))
    assert new_messages(datasets) == [
        'Error in datasets/corrections.csv, row 2, column "source_id"\n'
        "  Found:    an empty cell\n"
        "  Expected: a value: this column must not be empty\n"
        '  Fix:      Fill in the "source_id" cell with an id from sources.csv, spelled exactly as it is there.',
        'Error in datasets/corrections.csv, row 2, column "what_changed"\n'
        '  Found:    a line break in "Southampton: 2.9 was 3.9"\n'
        "  Expected: one line of text: it is shown on one line, as a title, label or id\n"
        "  Fix:      Join the lines into one: delete the line break (made with Alt+Enter in a spreadsheet), or the "
        "empty line at the end of the cell.",
    ]


def test_validate_accepts_corrections_typed_as_the_guide_says(make_package):
    assert new_messages(make_package(lambda d: add_corrections(d, OFFENCES_FIXED, ADULTS_FIXED))) == []


def test_a_correction_saved_from_excel_is_put_back_as_it_was_typed(make_package):
    datasets = make_package(lambda d: add_corrections(d, OFFENCES_FIXED))
    typed = (datasets / "corrections.csv").read_bytes()
    save_as_excel_does(datasets / "corrections.csv")
    assert fix_files(datasets, read_descriptor(datasets)) == [
        "datasets/corrections.csv: removed the byte-order mark",
        "datasets/corrections.csv: changed Windows line endings to plain ones",
        "datasets/corrections.csv: changed 1 date written day first to year-month-day, reading them in UK order "
        "(day/month/year): row 2 corrected 20/11/2026 → 2026-11-20",
    ]
    assert (datasets / "corrections.csv").read_bytes() == typed


# The data package.

def test_the_data_package_with_its_corrections_validates_with_frictionless(tmp_path):
    report = frictionless.validate(DATASETS / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    corrections = frictionless.Package(DATASETS / "datapackage.json").get_resource("corrections")
    assert corrections.schema.primary_key == ["chart_id", "corrected"]
    assert [key["reference"]["resource"] for key in corrections.schema.foreign_keys] == ["charts", "sources"]
    assert (DATASETS / "corrections.csv").read_text(encoding="utf-8") == "chart_id,corrected,what_changed,source_id\n"
    paths = copy_project(tmp_path / "project")
    add_corrections(paths.datasets, OFFENCES_FIXED)
    report = frictionless.validate(paths.datasets / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_corrections_file_is_published_and_its_address_listed(built_site):
    published = (DATASETS / "published_urls.txt").read_text(encoding="utf-8").splitlines()
    assert "/data/corrections.csv" in published
    assert (built_site / "data" / "corrections.csv").read_text(encoding="utf-8") == (
        "chart_id,corrected,what_changed,source_id\n")
    descriptor = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert "corrections.csv" in [resource["path"] for resource in descriptor["resources"]]


def test_another_partnership_s_package_holds_the_empty_corrections_file():
    fixture = PROJECT_ROOT / "tests" / "fixtures" / "exampleton" / "datasets" / "corrections.csv"
    assert fixture.read_text(encoding="utf-8") == "chart_id,corrected,what_changed,source_id\n"


# What changed.

def test_what_changed_names_a_new_correction(tmp_path):
    before = copy_project(tmp_path / "before").datasets
    after = copy_project(tmp_path / "after").datasets
    add_corrections(after, OFFENCES_FIXED)
    told = [line for item in data_items(read_rows(before), read_rows(after)) for line in item.lines]
    assert "- Correction added on **Police recorded drug offences** (2026-11-20): “Southampton: 2.9 per 1,000 people, " \
           "was 3.9 (a typing slip).”" in told
    assert data_items(read_rows(before), read_rows(before)) == []
