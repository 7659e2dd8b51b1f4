"""Validate ⇒ build: what validation accepts always builds, and what would stop the build is refused by validation in
plain words, never a traceback. Each case is a reproduction from an attack run on the Exampleton project."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_reuse import exampleton_project

from build_charts import pipeline
from build_charts.pages import glossary
from build_charts.validate.report import as_text
from conftest import TODAY, set_cell


@pytest.fixture
def project(tmp_path: Path):
    return exampleton_project(tmp_path)


def _build(project):
    """Validate and build; the outcome's errors as text (none when it built)."""
    outcome = pipeline.build(project, today=TODAY)
    return [as_text(p) for p in outcome.problems if p.is_error], outcome


def test_a_text_part_starting_with_a_bracket_beside_an_abbreviation_builds():
    terms = {"EDAP": ("Exampleton Drug and Alcohol Partnership", "edap")}
    page = "# A page\n\n[1] Figures from the annual report. The EDAP team met monthly.\n"
    explained = glossary.explain_abbreviations(page, terms, "../glossary/")
    assert "[1] Figures from the annual report." in explained and "EDAP" in explained


def test_a_note_starting_with_a_bracket_on_a_page_with_an_abbreviation_builds(project):
    set_cell(project.datasets, "progress.csv", 2, "achievements",
             "[1] Figures from the annual report. The EDAP team met monthly.")
    errors, outcome = _build(project)
    assert errors == [] and outcome.ok


@pytest.mark.parametrize(("file", "row", "column", "value"), [
    ("strategies.csv", 2, "next_report_due", "3025-03-31"),
    ("help_services.csv", 2, "last_verified", "1600-01-01"),
    ("help_services.csv", 2, "last_verified", "0001-01-01"),
])
def test_a_date_the_site_cannot_hold_is_refused_in_plain_words(project, file, row, column, value):
    set_cell(project.datasets, file, row, column, value)
    errors, _ = _build(project)
    assert errors == [f'Error in datasets/{file}, row {row}, column "{column}"\n'
                      f'  Found:    "{value}"\n'
                      "  Expected: a date between 1900 and 2100\n"
                      "  Fix:      Check the year, and that the day and month are the right way round."]


def test_a_correction_dated_in_year_one_is_refused(project):
    path = project.datasets / "corrections.csv"
    path.write_text(path.read_text(encoding="utf-8") + "plan-status,0001-01-01,A typo.,edap-plan-doc\n",
                    encoding="utf-8")
    errors, _ = _build(project)
    assert any('column "corrected"' in e and "a date between 1900 and 2100" in e for e in errors)


def test_two_notes_holding_a_line_of_three_backticks_build_as_text(project):
    set_cell(project.datasets, "progress.csv", 4, "note", "Waits fell.\n```\nMore to come.")
    set_cell(project.datasets, "progress.csv", 5, "note", "Started.\n```\nDone.")
    errors, outcome = _build(project)
    assert errors == [] and outcome.ok
    text = (project.site / "progress" / "edap-treat" / "index.html").read_text(encoding="utf-8")
    assert "More to come." in text and "Started." in text and "<pre" not in text


def test_a_published_address_longer_than_a_file_name_is_refused_in_plain_words(project):
    (project.datasets / "published_urls.txt").write_text("/" + "a" * 299 + "/\n", encoding="utf-8")
    errors, _ = _build(project)
    assert errors == ["Error in datasets/published_urls.txt\n"
                      f'  Found:    the line "/{"a" * 59}…" (301 characters)\n'
                      "  Expected: one address of the site per line, starting with /, of at most 200 characters: "
                      "letters, digits, and . _ - /\n"
                      "  Fix:      Correct the line: copy the address from the site, without the site's own address "
                      "in front (e.g. /charts/drug-deaths/)."]


def test_a_language_the_site_cannot_write_is_refused_in_plain_words(project):
    project.config.write_text(project.config.read_text(encoding="utf-8").replace("  language: en\n", "  language: zz\n"),
                              encoding="utf-8")
    errors, _ = _build(project)
    assert len(errors) == 1 and "theme: language: zz, a language the site cannot write" in errors[0]


def test_a_tilde_and_a_caret_show_without_a_backslash():
    import markdown

    from build_charts.pages.markdown import inline

    extensions = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc"]
    html = markdown.markdown(inline("~20% of 2^10 *people* [x](y) <b>"), extensions=extensions)
    assert html == "<p>~20% of 2^10 *people* [x](y) &lt;b&gt;</p>"
