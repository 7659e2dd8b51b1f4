"""Checks on what the words and numbers say: stigmatising language, and small numbers of people."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from build_charts import pipeline
from build_charts.package import Table
from build_charts.settings import PROJECT_ROOT
from build_charts.validate import validate_package
from build_charts.validate.checks import CheckContext, language, small_numbers
from build_charts.validate.report import as_text
from conftest import TODAY, append_row, copy_project, set_cell


def one_cell(text: str, partnership: dict | None = None) -> list:
    """The language problems in a single free-text cell (datasets/notes.csv, row 2, column "note")."""
    frame = pd.DataFrame({"note": [text]})
    table = Table(name="notes", file="datasets/notes.csv", frame=frame,
                  schema={"fields": [{"name": "note", "type": "string"}]}, records=frame.to_dict("records"))
    return list(language.check({"notes": table}, CheckContext(today=TODAY, partnership=partnership or {})))


def set_partnership(datasets: Path, **settings) -> None:
    """Change settings in the partnership block of a test copy's datapackage.json."""
    path = datasets / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["partnership"].update(settings)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def problems_with(datasets: Path, code: str, strict: bool = False) -> list[str]:
    return [as_text(p) for p in validate_package(datasets, today=TODAY, strict=strict) if p.code == code]


def _first_name(table_row: str) -> str:
    """The first term a row of the documented table names ("clean (meaning …)" → "clean")."""
    return table_row.split("|")[1].split(",")[0].split(" (")[0].strip()


# Stigmatising language


@pytest.mark.parametrize("term", language.TERMS, ids=lambda t: t.avoid)
def test_every_term_to_avoid_gives_a_warning_naming_the_preferred_wording(term):
    [problem] = one_cell(term.example)
    assert problem.severity == "warning"
    assert (problem.file, problem.row, problem.column) == ("datasets/notes.csv", 2, "note")
    for wording in term.preferred:
        assert f'"{wording}"' in problem.fix


@pytest.mark.parametrize("term", language.TERMS, ids=lambda t: t.avoid)
def test_every_term_and_its_preferred_wording_is_in_the_documented_table(term):
    rows = [line for line in language.__doc__.splitlines() if line.startswith("| ") and _first_name(line) == term.avoid]
    assert len(rows) == 1
    assert all(wording in rows[0] for wording in term.preferred)


@pytest.mark.parametrize("term", language.TERMS, ids=lambda t: t.avoid)
def test_every_term_to_avoid_is_found_in_capitals_too(term):
    [problem] = one_cell(term.example.upper())
    assert problem.fix.startswith(f'Write "{term.preferred[0]}"')


@pytest.mark.parametrize("text", [
    "Addıcts can get help.",  # dotless i
    "ADDİCTS can get help.",  # capital I with a dot
    "Support for drug abuſers.",  # long s
    "Residents complained about smacKheads.",  # the Kelvin sign
])
def test_letters_a_case_insensitive_match_takes_for_plain_letters_do_not_hide_a_term(text):
    assert len(one_cell(text)) == 1


@pytest.mark.parametrize("text", [
    "People who use drugs can get help.",
    "Engage more people with substance misuse services.",
    "Deaths related to drug misuse",
    "Those who beg do so to support drug addiction.",
    "Needle exchanges give out clean needles.",
    "Volunteers keep the streets clean.",
    "Screen reader users can skip to the content.",
    "Service users are consulted every year.",
    "Children who live with domestic abuse",
    "Do not share dirty needles.",
])
def test_words_the_sector_uses_are_not_flagged(text):
    assert one_cell(text) == []


@pytest.mark.parametrize(("text", "fix_starts"), [
    ("Crack users were offered support.", 'Write "person who uses drugs" or "people who use crack" instead.'),
    ("Injecting users can use the needle exchange.",
     'Write "person who uses drugs" or "people who inject drugs" instead.'),
    ("Drug users were referred.", 'Write "person who uses drugs" instead.'),
])
def test_a_drug_named_before_users_gets_wording_that_names_the_drug(text, fix_starts):
    [problem] = one_cell(text)
    assert problem.fix.startswith(fix_starts)


def test_former_addict_is_reported_once_with_the_recovery_wording():
    [problem] = one_cell("A former addict now runs the group.")
    assert problem.found == '"former addict" in "A former addict now runs the group."'
    assert problem.fix.startswith('Write "person in recovery" instead.')


def test_validate_warns_about_stigmatising_language_in_a_data_cell(make_package):
    datasets = make_package(lambda d: set_cell(d, "glossary.csv", 3, "definition",
                                               "The team that helps addicts leaving prison into treatment."))
    assert problems_with(datasets, "stigmatising-language")[0] == (
        'Warning in datasets/glossary.csv, row 3, column "definition"\n'
        '  Found:    "addicts" in "The team that helps addicts leaving prison into treatment."\n'
        "  Expected: wording drug-harm services prefer, which does not label or blame people who use drugs\n"
        '  Fix:      Write "person who uses drugs" or "person with a drug dependency" instead. If this is the exact '
        'title of a source or the official name of a statistic, add the phrase to "language_exceptions" in '
        "datasets/datapackage.json."
    )


def test_source_titles_and_listed_official_names_are_not_flagged_in_the_real_data_or_pages(tmp_path):
    paths = copy_project(tmp_path / "project")
    flagged = [p for p in pipeline.validate(paths, today=TODAY).problems if p.code == "stigmatising-language"]
    files = {p.file for p in flagged}
    # sources.csv titles ("... Drug Users Battle Addictions"), the pages quoting them, and the OCU glossary term.
    assert not files & {"datasets/sources.csv", "datasets/glossary.csv"}
    assert not [f for f in files if f.startswith("docs/")]


def test_a_phrase_in_language_exceptions_is_allowed_but_the_same_words_elsewhere_are_not(make_package):
    def edit(datasets):
        set_partnership(datasets, language_exceptions=[
            {"text": "Opiate and crack cocaine users", "reason": "What OCU stands for"},
            "partly due to heroin users growing older"])
        set_cell(datasets, "glossary.csv", 3, "definition", "Support for heroin users leaving prison.")

    found = [p for p in validate_package(make_package(edit), today=TODAY) if p.code == "stigmatising-language"]
    assert [(p.file, p.row) for p in found] == [("datasets/glossary.csv", 3)]


def test_a_language_exceptions_setting_that_is_not_a_list_of_phrases_is_reported(make_package):
    datasets = make_package(lambda d: set_partnership(d, language_exceptions=["drug users", {"phrase": "x"}]))
    assert problems_with(datasets, "bad-setting") == [
        'Error in datasets/datapackage.json, column "language_exceptions"\n'
        "  Found:    the entry {'phrase': 'x'}\n"
        '  Expected: a phrase in quotes, or {"text": "the phrase", "reason": "why it is quoted"}\n'
        '  Fix:      Correct the entry in the "language_exceptions" list of the "partnership" block.'
    ]


def test_hand_written_pages_are_checked_by_line_but_code_blocks_and_theme_overrides_are_not(tmp_path):
    paths = copy_project(tmp_path / "project")
    (paths.docs / "news.md").write_text(
        "---\ntitle: News\n---\n\n# News\n\nThe project helped\nformer addicts find work.\n\n"
        "```\njunkie\n```\n", encoding="utf-8")
    (paths.overrides / "notes.md").write_text("Addicts\n", encoding="utf-8")
    flagged = [p for p in pipeline.validate(paths, today=TODAY).problems if p.code == "stigmatising-language"]
    assert [as_text(p) for p in flagged if p.file.startswith("docs/")] == [
        "Warning in docs/news.md, line 8\n"
        '  Found:    "former addicts" in "…# News The project helped former addicts find work."\n'
        "  Expected: wording drug-harm services prefer, which does not label or blame people who use drugs\n"
        '  Fix:      Write "person in recovery" instead. If this is the exact title of a source or the official '
        'name of a statistic, add the phrase to "language_exceptions" in datasets/datapackage.json.'
    ]


def test_strict_makes_language_warnings_errors_for_data_and_pages(tmp_path):
    paths = copy_project(tmp_path / "project")
    (paths.docs / "news.md").write_text("# News\n\nAddicts were helped.\n", encoding="utf-8")
    flagged = [p for p in pipeline.validate(paths, today=TODAY, strict=True).problems
               if p.code == "stigmatising-language"]
    assert flagged and all(p.is_error for p in flagged)
    assert "docs/news.md" in {p.file for p in flagged}


# Small numbers


def test_validate_warns_about_a_small_count_of_people_in_a_local_area(make_package):
    rows = []

    def edit(datasets):
        rows.append(append_row(datasets, "indicator_values.csv", {
            "indicator_id": "people-who-inject-drugs", "area": "Southampton", "period": "2024/25", "value": "4",
            "source_id": "sds-2017"}))

    assert problems_with(make_package(edit), "small-number") == [
        f'Warning in datasets/indicator_values.csv, row {rows[0]}, column "value"\n'
        "  Found:    4 people in Southampton (2024/25), fewer than 10\n"
        "  Expected: counts of people in a local area of 10 or more, unless the source has already published the "
        "number\n"
        "  Fix:      Small counts of people in a local area can identify individuals, so statistics are not "
        "published below 10 (statistical disclosure control). Keep the row only if the source published this exact "
        "number; otherwise give a rounded or combined figure, or leave the row out."
    ]


@pytest.mark.parametrize(("indicator", "area", "value"), [
    ("people-who-inject-drugs", "England", "4"),           # a country is not a small area
    ("people-who-inject-drugs", "South East", "4"),        # nor an English region
    ("people-who-inject-drugs", "Southampton", "0"),       # zero identifies nobody
    ("people-who-inject-drugs", "Southampton", "10"),      # at the threshold
    ("drug-offences-rate", "Southampton", "4"),            # a rate, not a count of people
])
def test_small_numbers_leaves_large_areas_zero_the_threshold_and_rates_alone(make_package, indicator, area, value):
    def edit(datasets):
        append_row(datasets, "indicator_values.csv", {"indicator_id": indicator, "area": area, "period": "2024/25",
                                                      "value": value, "source_id": "sds-2017"})

    assert problems_with(make_package(edit), "small-number") == []


def test_the_small_number_threshold_is_a_partnership_setting(make_package):
    def edit(datasets):
        set_partnership(datasets, small_number_threshold=5)
        for area, value in (("Southampton", "4"), ("Portsmouth", "6")):
            append_row(datasets, "indicator_values.csv", {"indicator_id": "opiate-crack-users", "area": area,
                                                          "period": "2024/25", "value": value, "source_id": "sds-2017"})

    problems = [p for p in validate_package(make_package(edit), today=TODAY) if p.code == "small-number"]
    assert [p.found for p in problems] == ["4 people in Southampton (2024/25), fewer than 5"]


def test_a_small_number_threshold_that_is_not_a_whole_number_is_reported(make_package):
    datasets = make_package(lambda d: set_partnership(d, small_number_threshold="ten"))
    assert problems_with(datasets, "bad-setting") == [
        'Error in datasets/datapackage.json, column "small_number_threshold"\n'
        "  Found:    'ten'\n"
        "  Expected: a whole number above 0, such as 10\n"
        '  Fix:      Correct "small_number_threshold" in the "partnership" block, or remove it to use 10.'
    ]


@pytest.mark.parametrize(("unit", "counts_people"), [
    ("people", True), ("deaths", True), ("referrals", True), ("people in treatment", True), ("Adults", True),
    ("percent", False), ("per 1,000 population", False), ("£ million", False), ("places", False),
])
def test_which_units_count_people(unit, counts_people):
    assert small_numbers.is_count_of_people(unit) is counts_people


def test_the_real_data_and_the_shipped_settings_give_no_small_number_or_setting_problems():
    problems = validate_package(PROJECT_ROOT / "datasets", today=TODAY)
    assert [p for p in problems if p.code in {"small-number", "bad-setting"}] == []
    descriptor = json.loads((PROJECT_ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    assert small_numbers.threshold_setting(descriptor["partnership"]) == 10
