"""Lead agencies as a vocabulary: agencies.csv names each agency once, agency_aliases.csv says which agency (and team)
each report's words name, validation holds every lead in commitments.csv to those words, and the list of commitments
by lead agency gives each agency one heading, with its teams under it."""

from __future__ import annotations

import csv
import json
import shutil

import frictionless
from test_excel_round_trip import save_as_excel_does
from test_validate import new_messages, run_cli

from build_charts.package import load_package
from build_charts.pages import by_agency
from build_charts.pages.by_agency import lead_agency_pages
from build_charts.settings import PROJECT_ROOT
from build_charts.summary.datawords import data_items, read_rows
from conftest import append_row, copy_project, page, set_cell

BY_AGENCY = "progress/by-lead-agency/"
COUNCIL = "Southampton City Council"
POLICE = "Hampshire and Isle of Wight Constabulary"
# The headings' anchors before agencies were described: links to them must keep working.
OLD_ANCHORS = [
    "crown-prosecution-service", "hampshire-constabulary",
    "integrated-commissioning-unit-southampton-city-council-and-southampton-clinical-commissioning-group", "police",
    "safe-city-partnership", "safe-city-partnership-home-office", "safe-city-partnership-southampton-city-council",
    "scc-childrens-with-no-limits", "scc-commissioning", "scc-commissioning-incl-links-police-probation",
    "scc-commissioning-incl-links-to-jcp", "southampton-city-council", "southampton-drug-and-alcohol-recovery-services",
    "not-reported",
]


def _commitments() -> list[dict]:
    return list(csv.DictReader((PROJECT_ROOT / "datasets" / "commitments.csv").open(encoding="utf-8")))


def _text(element) -> str:
    return " ".join(element.get_text().split())


def _section(soup, heading) -> list:
    """The elements after an h2 up to the next h2."""
    out = []
    for element in heading.find_next_siblings():
        if element.name == "h2":
            break
        out.append(element)
    return out


def _listed_ids(elements) -> set[str]:
    """The commitments linked from these elements (each link ends #<commitment_id>)."""
    return {a["href"].split("#")[1] for element in elements for a in element.select('a[href*="#"]')}


def _heading(soup, name: str):
    (heading,) = [h2 for h2 in soup.select("article h2") if _text(h2) == name]
    return heading


# The page


def test_the_council_is_listed_under_one_lead_agency_heading_with_every_commitment_it_leads(built_site):
    soup = page(built_site, BY_AGENCY)
    headings = [_text(h2) for h2 in soup.select("article h2")]
    assert [h for h in headings if "SCC" in h or "City Council" in h] == [COUNCIL]
    council = [c["commitment_id"] for c in _commitments()
               if "SCC" in c["lead_agency"] or COUNCIL in c["lead_agency"]]
    assert len(council) == 13
    assert _listed_ids(_section(soup, _heading(soup, COUNCIL))) == set(council)


def test_the_police_are_listed_under_one_lead_agency_heading(built_site):
    soup = page(built_site, BY_AGENCY)
    headings = [_text(h2) for h2 in soup.select("article h2")]
    assert [h for h in headings if "Police" in h or "Constabulary" in h] == [POLICE]
    police = [c["commitment_id"] for c in _commitments()
              if c["lead_agency"] == "Police" or "Hampshire Constabulary" in c["lead_agency"]]
    assert len(police) == 7
    section = _section(soup, _heading(soup, POLICE))
    assert _listed_ids(section) == set(police)
    assert _text(section[0]) == "Named in the reports as “Hampshire Constabulary” and “Police”."


def test_the_councils_teams_are_sub_headings_in_the_reports_words(built_site):
    soup = page(built_site, BY_AGENCY)
    section = _section(soup, _heading(soup, COUNCIL))
    assert [_text(h3) for h3 in section if h3.name == "h3"] == [
        "Integrated Commissioning Unit",
        "Safe City Partnership/ Southampton City Council",
        "SCC Commissioning",
        "SCC Commissioning (incl. links to JCP)",
        "SCC Commissioning (incl links Police/ Probation)",
        "SCC (Children’s) with No Limits",
    ]
    (jcp,) = [h3 for h3 in section if _text(h3) == "SCC Commissioning (incl. links to JCP)"]
    assert _listed_ids([jcp.find_next_sibling("ul")]) == {"rdhp-2025-2-5"}


def test_links_to_the_old_headings_still_land_on_the_page(built_site):
    soup = page(built_site, BY_AGENCY)
    ids = [element["id"] for element in soup.select("[id]")]
    assert [anchor for anchor in OLD_ANCHORS if anchor not in ids] == []
    assert len(ids) == len(set(ids))
    assert soup.find(id="police").find_next(["h2", "h3"]) == _heading(soup, POLICE)  # lands just above the heading
    (icu,) = [h3 for h3 in _section(soup, _heading(soup, COUNCIL)) if _text(h3) == "Integrated Commissioning Unit"]
    assert soup.find(id=OLD_ANCHORS[2]).find_next(["h2", "h3"]) == icu


def test_the_agency_files_are_listed_on_about_the_data_and_published(built_site):
    links = {a["href"] for a in page(built_site, "about-the-data/").select("article table a")}
    assert {"../data/agencies.csv", "../data/agency_aliases.csv"} <= links
    for name in ("agencies.csv", "agency_aliases.csv"):
        assert (built_site / "data" / name).read_bytes() == (PROJECT_ROOT / "datasets" / name).read_bytes()


def test_a_large_partnership_gives_each_agency_a_folder_named_by_its_id_with_its_teams_as_headings(monkeypatch):
    monkeypatch.setattr(by_agency, "AGENCY_ENTRIES_ON_ONE_PAGE", 5)
    monkeypatch.setattr(by_agency, "COMMITMENTS_PER_AGENCY_PAGE", 4)
    pages = lead_agency_pages(load_package(PROJECT_ROOT / "datasets"))
    council = [path for path in pages if path.startswith(f"{BY_AGENCY}southampton-city-council/")]
    assert len(council) == 4  # 13 commitments, 4 to a page
    assert f"- [{COUNCIL}](southampton-city-council/index.md) — 13 commitments;" in pages[f"{BY_AGENCY}index.md"]
    headings = [line.replace("\\", "") for path in council for line in pages[path].splitlines() if line.startswith("## ")]
    assert headings == [  # a team continued on the next page is named again there
        "## Integrated Commissioning Unit", "## Safe City Partnership/ Southampton City Council",
        "## SCC Commissioning", "## SCC Commissioning", "## SCC Commissioning (incl. links to JCP)",
        "## SCC Commissioning (incl links Police/ Probation)", "## SCC (Children’s) with No Limits",
        "## SCC (Children’s) with No Limits"]


# Validation


def test_validate_names_a_lead_agency_written_in_a_way_no_alias_lists(make_package):
    datasets = make_package(lambda d: set_cell(d, "commitments.csv", 9, "lead_agency", "Polise; Probation"))
    assert new_messages(datasets) == [
        'Error in datasets/commitments.csv, row 9, column "lead_agency"\n'
        '  Found:    "Polise", which is not a lead agency listed in datasets/agency_aliases.csv\n'
        '  Expected: a lead written exactly as in the alias column of datasets/agency_aliases.csv: "Police", '
        '"Crown Prosecution Service", "Hampshire Constabulary", "Integrated Commissioning Unit (Southamp…", '
        '"Safe City Partnership", "Safe City Partnership/ Home Office", "Safe City Partnership/ Southampton City…", '
        '"Southampton City Council" and 5 more, or an agency_id from datasets/agencies.csv\n'
        '  Fix:      If it is a typing slip, write it as "Police". Otherwise, add a row to datasets/agency_aliases.csv '
        'with "Polise" in the alias column and, in agency_id, the agency it names (add the agency to '
        "datasets/agencies.csv first if it is new); fill in team if the words name a team of the agency.",
        'Error in datasets/commitments.csv, row 9, column "lead_agency"\n'
        '  Found:    "Probation", which is not a lead agency listed in datasets/agency_aliases.csv\n'
        '  Expected: a lead written exactly as in the alias column of datasets/agency_aliases.csv: '
        '"Crown Prosecution Service", "Hampshire Constabulary", "Police", "Integrated Commissioning Unit (Southamp…", '
        '"Safe City Partnership", "Safe City Partnership/ Home Office", "Safe City Partnership/ Southampton City…", '
        '"Southampton City Council" and 5 more, or an agency_id from datasets/agencies.csv\n'
        '  Fix:      Add a row to datasets/agency_aliases.csv with "Probation" in the alias column and, in agency_id, '
        "the agency it names (add the agency to datasets/agencies.csv first if it is new); fill in team if the words "
        "name a team of the agency.",
    ]


def test_a_new_alias_makes_a_new_way_of_writing_a_lead_valid_and_an_agency_id_is_accepted(make_package):
    def edit(datasets):
        append_row(datasets, "agency_aliases.csv", {"alias": "Probation Service", "agency_id": "home-office",
                                                    "source_id": "sds-2017"})
        set_cell(datasets, "commitments.csv", 9, "lead_agency", "Probation Service; southampton-city-council")

    assert new_messages(make_package(edit)) == []


def test_validate_names_an_alias_of_an_agency_that_agencies_csv_does_not_list(make_package):
    datasets = make_package(lambda d: set_cell(d, "agency_aliases.csv", 4, "agency_id", "hampshire-police"))
    assert new_messages(datasets) == [
        'Error in datasets/agency_aliases.csv, row 4, column "agency_id"\n'
        '  Found:    "hampshire-police", which is not in agencies.csv\n'
        "  Expected: an id that exists in agencies.csv\n"
        "  Fix:      Correct the spelling to match an id in agencies.csv, or add that row to agencies.csv first.",
    ]


def test_validate_refuses_an_alias_holding_the_separator_between_leads(make_package):
    datasets = make_package(lambda d: set_cell(d, "agency_aliases.csv", 4, "alias", "Police; Probation"))
    messages = new_messages(datasets)
    assert messages[0] == (
        'Error in datasets/agency_aliases.csv, row 4, column "alias"\n'
        "  Found:    \"Police; Probation\", which holds ';'\n"
        "  Expected: one lead's words, without ';' (commitments.csv uses it between two leads)\n"
        "  Fix:      Write each lead on its own row, without the ';'."
    )
    assert len(messages) == 1 + 5  # and the five commitments that write "Police" now name no alias


def test_the_data_package_with_its_agencies_validates_with_frictionless():
    report = frictionless.validate(PROJECT_ROOT / "datasets" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = frictionless.Package(PROJECT_ROOT / "datasets" / "datapackage.json")
    assert package.get_resource("agencies").schema.primary_key == ["agency_id"]
    assert package.get_resource("agency_aliases").schema.primary_key == ["alias", "agency_id"]


def test_validate_fix_undoes_an_excel_round_trip_of_the_agency_files(tmp_path):
    paths = copy_project(tmp_path / "project")
    save_as_excel_does(paths.datasets / "agencies.csv", delimiter=";")
    aliases = paths.datasets / "agency_aliases.csv"
    save_as_excel_does(aliases)  # then as plain "CSV (Comma delimited)" saves it: Windows-1252, so ’ is one byte
    aliases.write_bytes(aliases.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8").encode("cp1252"))
    assert run_cli(paths.root, "validate").returncode == 1

    fixed = run_cli(paths.root, "validate", "--fix")
    assert fixed.returncode == 0, fixed.stdout
    assert "Fixed datasets/agency_aliases.csv: changed the encoding from Windows-1252 to UTF-8" in fixed.stdout
    for name in ("agencies.csv", "agency_aliases.csv"):
        assert (paths.datasets / name).read_bytes() == (PROJECT_ROOT / "datasets" / name).read_bytes(), name


# A package that does not describe its agencies


def _without_agency_files(datasets) -> None:
    """The package as it was before it described its agencies."""
    descriptor = datasets / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"] = [r for r in data["resources"] if r["name"] not in ("agencies", "agency_aliases")]
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    (datasets / "agencies.csv").unlink()
    (datasets / "agency_aliases.csv").unlink()


def test_without_agency_files_each_lead_is_listed_as_written(make_package):
    datasets = make_package(_without_agency_files)
    assert [m for m in new_messages(datasets) if "lead_agency" in m] == []  # leads are not held to aliases
    markdown = lead_agency_pages(load_package(datasets))[f"{BY_AGENCY}index.md"]
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert "## SCC Commissioning {#scc-commissioning}" in headings
    assert "## Police {#police}" in headings


def test_what_changed_compares_with_a_version_from_before_the_agency_files(tmp_path):
    before = tmp_path / "datasets"
    shutil.copytree(PROJECT_ROOT / "datasets", before)
    _without_agency_files(before)
    told = [line for item in data_items(read_rows(before), read_rows(PROJECT_ROOT / "datasets")) for line in item.lines]
    assert "- `agencies.csv`, **Southampton City Council**: added" in told
    assert not [line for line in told if "by-lead-agency" in line]  # the page keeps its address


def test_what_changed_says_which_agencies_and_ways_of_writing_a_lead_change(tmp_path):
    after = tmp_path / "datasets"
    shutil.copytree(PROJECT_ROOT / "datasets", after)
    set_cell(after, "agencies.csv", 5, "name", "No Limits (South)")
    append_row(after, "agency_aliases.csv", {"alias": "SCC Housing", "agency_id": "southampton-city-council",
                                             "team": "SCC Housing", "source_id": "rdhp-2025"})
    told = [line for item in data_items(read_rows(PROJECT_ROOT / "datasets"), read_rows(after)) for line in item.lines]
    assert told == ["- `agencies.csv`, **No Limits (South)**, name: “No Limits” → “No Limits (South)”",
                    "- `agency_aliases.csv`, **SCC Housing / southampton-city-council**: added"]


def test_the_guide_to_errors_explains_the_lead_agency_messages():
    errors = (PROJECT_ROOT / "docs" / "guide" / "errors.md").read_text(encoding="utf-8").replace("\n", " ")
    for found in ('"Polise", which is not a lead agency listed in datasets/agency_aliases.csv',
                  "\"Police; Probation\", which holds ';'", '"hampshire-police", which is not in agencies.csv'):
        assert found in errors
