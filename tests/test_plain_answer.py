"""The home page and every theme page open with a plain answer to "how is it going?", made from the data; what
applies to a whole page is said once at the top; and the site says when the next progress report is due or late."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

import pytest

from build_charts import pipeline
from build_charts.package import read_descriptor
from build_charts.pages.answers import next_report_sentence, progress_answer
from build_charts.settings import PROJECT_ROOT
from build_charts.validate import validate_package
from build_charts.validate.report import as_text
from build_charts.vocab import vocabularies
from conftest import FIXTURE, TODAY, fixture_project, page, set_cell

WORDS = vocabularies(read_descriptor(PROJECT_ROOT / "datasets"))

# The fixture package's (tests/fixtures/exampleton) answers.
HOME_ANSWER = ("The 2024/25 progress report says 1 of 6 current commitments is complete, 1 is on track, 1 is under way "
               "with challenges, 1 is not started, 1 does not apply in this area and 1 has no progress report. It "
               "reports what was achieved for 3 of the 4 current commitments it applies to, gaps and challenges for 1, "
               "and next actions for 1.")
THEME_ANSWERS = {
    "edap-prevent": "The 2024/25 progress report says the one commitment is complete. It reports what was achieved, "
                    "but not gaps and challenges or next actions.",
    "edap-treat": "The 2024/25 progress report says 1 of 2 commitments is under way with challenges and 1 is not "
                  "started. It reports what was achieved for 1 of the 2 commitments, gaps and challenges for 1, and "
                  "next actions for 1.",
    "edap-recover": "No progress report on this theme's 1 commitment has been published. An update for 2024/25 "
                    "reports on the theme as a whole, below.",
    "edap-enforce": "The 2024/25 progress report says 1 of 2 commitments is on track and 1 does not apply in this "
                    "area. It reports what was achieved, but not gaps and challenges or next actions.",
    "edap-old-safety": "The 2020/21 progress report gives no rating: 1 of 2 commitments is not assessed and 1 has no "
                       "progress report. It reports what was achieved, but not gaps and challenges or next actions.",
}
NO_RATING = "The report describes the work but gives no rating, so this site does not show one."
OVERDUE = "The 2025/26 progress report was due by 31 January 2026 and has not been published on this site."


def _text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _first_paragraph(soup) -> str:
    return _text(soup.select_one("article h1").find_next("p"))


def test_the_home_page_opens_with_a_plain_answer_made_from_the_data(fixture_site):
    soup = page(fixture_site, "")
    assert _first_paragraph(soup) == HOME_ANSWER
    assert _text(soup.select_one("article h1").find_next("p").find_next("p")) == (
        "When the next progress report is due is not reported.")


def test_the_progress_overview_opens_with_the_same_answer(fixture_site):
    assert _first_paragraph(page(fixture_site, "progress/")) == HOME_ANSWER


@pytest.mark.parametrize("theme_id", sorted(THEME_ANSWERS))
def test_every_theme_page_opens_with_a_plain_answer(fixture_site, theme_id):
    first = page(fixture_site, f"progress/{theme_id}/").select_one("article h1").find_next("p")
    assert first.get("class") == ["answer"]
    assert _text(first) == THEME_ANSWERS[theme_id]


def test_every_theme_of_the_fixture_has_its_answer_pinned():
    with (FIXTURE / "datasets" / "themes.csv").open(encoding="utf-8", newline="") as file:
        assert sorted(row["theme_id"] for row in csv.DictReader(file)) == sorted(THEME_ANSWERS)


@pytest.mark.parametrize("theme_id", sorted(THEME_ANSWERS))
def test_a_theme_page_names_each_source_at_most_twice(fixture_site, theme_id):
    article = page(fixture_site, f"progress/{theme_id}/").article
    named = Counter(_text(cite) for cite in article.find_all("cite"))
    assert named and max(named.values()) <= 2, named


def test_a_theme_page_names_its_report_once_at_the_top_and_not_beside_each_commitment(fixture_site):
    article = page(fixture_site, "progress/edap-treat/").article
    heading = [(_text(p), p.find_previous("h2") and _text(p.find_previous("h2"))) for p in article.select("p.source")]
    assert heading == [
        ("Source: Exampleton annual report 2024/25 , publisher not reported, date not reported; progress reported as "
         "at June 2025.", None),
        ("Source: Exampleton drug and alcohol plan , Exampleton Council, published May 2023.", "Our approach")]


def test_a_page_explains_no_rating_once_and_names_only_the_parts_a_report_leaves_empty(fixture_site):
    article = page(fixture_site, "progress/edap-old-safety/").article
    assert _text(article).count("gives no rating, so this site does not show one") == 1
    assert [_text(li) for li in article.select("ul.status-key li")] == [f"? Not assessed : {NO_RATING}"]
    assert article.select_one("ul.status-key").find_previous("h2") is None
    assert [_text(p) for p in article.select(".report p.not-reported")] == [
        "No update reported on gaps and challenges or next actions."]
    reports = page(fixture_site, "progress/edap-treat/").article.select(".report p.not-reported")
    assert [_text(p) for p in reports] == ["No update reported."]


def _site_with_due_date(tmp_path, due: str):
    """The fixture's site built with the current strategy's next report due on `due`."""
    paths = fixture_project(tmp_path, lambda datasets: set_cell(datasets, "strategies.csv", 2, "next_report_due", due))
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, [p for p in outcome.problems if p.is_error]
    return paths.site


def _next_report(site, url: str) -> str:
    return _text(page(site, url).select_one("article p.next-report"))


def test_a_report_past_its_due_date_is_said_to_be_overdue(tmp_path):
    site = _site_with_due_date(tmp_path, "2026-01-31")
    assert _next_report(site, "") == OVERDUE
    assert _next_report(site, "progress/edap-treat/") == OVERDUE
    assert _next_report(site, "progress/") == OVERDUE
    assert _first_paragraph(page(site, "")) == HOME_ANSWER


def test_a_report_not_yet_due_is_not_called_overdue(tmp_path):
    site = _site_with_due_date(tmp_path, "2027-01-31")
    assert _next_report(site, "") == "The 2025/26 progress report is due by 31 January 2027."
    assert _next_report(site, "progress/edap-treat/") == "The 2025/26 progress report is due by 31 January 2027."
    assert OVERDUE not in _text(page(site, "").article)


def _report(status: str, achievements: str | None = "Done.", gaps: str | None = "Some.", next_actions: str | None = "More.",
            period: str = "2024/25") -> dict:
    return {"status": status, "period": period, "achievements": achievements, "gaps_challenges": gaps,
            "next_actions": next_actions}


def test_a_report_that_rates_its_commitments_is_never_said_to_give_no_rating():
    reports = [_report("complete"), _report("with-challenges", gaps=None), _report("not-assessed", next_actions=None)]
    assert progress_answer(["a", "b", "c", "d"], reports, whose="these", vocab=WORDS) == (
        "The 2024/25 progress report says 1 of 4 commitments is complete, 1 is under way with challenges, 1 is not "
        "assessed and 1 has no progress report. It reports what was achieved for all 3 commitments, gaps and "
        "challenges for 2, and next actions for 2.")


def test_one_commitment_and_reports_of_several_periods_are_said_plainly():
    assert progress_answer(["a"], [_report("on-track", gaps=None, next_actions=None)], whose="this", vocab=WORDS) == (
        "The 2024/25 progress report says the one commitment is on track. It reports what was achieved, but not gaps "
        "and challenges or next actions.")
    assert progress_answer(["a", "b"], [_report("not-assessed", period="2023/24"), _report("not-assessed")],
                           whose="these", vocab=WORDS) == (
        "The latest progress reports (2023/24 to 2024/25) give no rating: both commitments are not assessed. They "
        "report what was achieved, gaps and challenges, and next actions for both commitments.")
    assert progress_answer(["a", "b"], [], whose="this theme's 2 commitments", vocab=WORDS) == (
        "No progress report on this theme's 2 commitments has been published.")


def test_every_one_of_the_commitments_is_said_as_all_or_both_never_n_of_the_n():
    reports = [_report("not-assessed", gaps=None), _report("not-assessed"), _report("not-applicable")]
    assert progress_answer(["a", "b", "c"], reports, whose="these", vocab=WORDS, current=True) == (
        "The 2024/25 progress report gives no rating: 2 of 3 current commitments are not assessed and 1 does not "
        "apply in this area. It reports what was achieved for both current commitments it applies to, gaps and "
        "challenges for 1, and next actions for 2.")
    reports = [_report("on-track"), _report("on-track", gaps=None), _report("on-track", next_actions=None)]
    assert progress_answer(["a", "b", "c"], reports, whose="these", vocab=WORDS) == (
        "The 2024/25 progress report says all 3 commitments are on track. It reports what was achieved for all 3 "
        "commitments, gaps and challenges for 2, and next actions for 2.")


def test_a_due_date_before_the_newest_report_is_not_called_overdue():
    strategy = {"next_report_due": date(2026, 1, 31)}
    late = {"period": "2025", "reported_on": "2026-03"}
    assert next_report_sentence(strategy, late, current=True, today=TODAY) == (
        "When the next progress report is due is not reported.")
    on_time = {"period": "2025", "reported_on": "2026-01"}
    assert next_report_sentence(strategy, on_time, current=True, today=TODAY) == (
        "The 2026 progress report was due by 31 January 2026 and has not been published on this site.")
    assert next_report_sentence({"next_report_due": None}, on_time, current=False, today=TODAY) == ""
    assert next_report_sentence({"next_report_due": date(2027, 4, 30)}, {"period": "2025/26", "reported_on": None},
                                current=False, today=TODAY) == "The 2026/27 progress report is due by 30 April 2027."


def test_a_due_date_before_the_newest_report_is_a_warning_that_says_to_update_it(make_fixture_package):
    datasets = make_fixture_package(lambda d: set_cell(d, "strategies.csv", 2, "next_report_due", "2024-12-31"))
    problems = [as_text(p) for p in validate_package(datasets, today=TODAY) if p.code == "next-report-past"]
    assert problems == [
        'Warning in datasets/strategies.csv, row 2, column "next_report_due"\n'
        '  Found:    "2024-12-31", before the newest progress report of this strategy (reported on 2025-06)\n'
        "  Expected: the date the next report, after the newest one, is due\n"
        "  Fix:      Put in the date the next report is due, if a document gives it; otherwise empty the cell, and "
        "the site says the date is not reported."]
    set_cell(datasets, "strategies.csv", 2, "next_report_due", "2026-01-31")
    assert not [p for p in validate_package(datasets, today=TODAY) if p.code == "next-report-past"]
