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
from conftest import TODAY, copy_project, page, set_cell

WORDS = vocabularies(read_descriptor(PROJECT_ROOT / "datasets"))

HOME_ANSWER = ("The 2024 progress report gives no rating: 13 of 14 current commitments are not assessed and 1 does "
               "not apply in this area. It reports what was achieved for 11 of the 13 current commitments it applies "
               "to, gaps and challenges for 10, and next actions for 9.")
THEME_ANSWERS = {
    "rdhp-2025-supply": "The 2024 progress report gives no rating: 4 of 5 commitments are not assessed and 1 does not "
                        "apply in this area. It reports what was achieved, gaps and challenges, and next actions for "
                        "each of the 4 commitments it applies to.",
    "rdhp-2025-treatment": "The 2024 progress report gives no rating: all 6 commitments are not assessed. It reports "
                           "what was achieved for 4 of the 6 commitments, gaps and challenges for 3, and next actions "
                           "for 2.",
    "rdhp-2025-demand": "The 2024 progress report gives no rating: all 3 commitments are not assessed. It reports what "
                        "was achieved, gaps and challenges, and next actions for each of the 3 commitments.",
    "sds-2017-crime-asb": "No progress report on this theme's 3 commitments has been published. An update for 2017 "
                          "reports on the theme as a whole, below.",
}
NO_RATING = "The report describes the work but gives no rating, so this site does not show one."
OVERDUE = "The 2025 progress report was due by 31 January 2026 and has not been published on this site."


def _text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _first_paragraph(soup) -> str:
    return _text(soup.select_one("article h1").find_next("p"))


def _theme_ids() -> list[str]:
    with (PROJECT_ROOT / "datasets" / "themes.csv").open(encoding="utf-8", newline="") as file:
        return [row["theme_id"] for row in csv.DictReader(file)]


def test_the_home_page_opens_with_a_plain_answer_made_from_the_data(built_site):
    soup = page(built_site, "")
    assert _first_paragraph(soup) == HOME_ANSWER
    assert _text(soup.select_one("article h1").find_next("p").find_next("p")) == (
        "When the next progress report is due is not reported.")


def test_the_progress_overview_opens_with_the_same_answer(built_site):
    assert _first_paragraph(page(built_site, "progress/")) == HOME_ANSWER


@pytest.mark.parametrize("theme_id", _theme_ids())
def test_every_theme_page_opens_with_a_plain_answer(built_site, theme_id):
    first = page(built_site, f"progress/{theme_id}/").select_one("article h1").find_next("p")
    assert first.get("class") == ["answer"]
    assert _text(first).startswith(("The 2024 progress report gives no rating: ", "No progress report on this theme's "))
    if theme_id in THEME_ANSWERS:
        assert _text(first) == THEME_ANSWERS[theme_id]


@pytest.mark.parametrize("theme_id", _theme_ids())
def test_a_theme_page_names_each_source_at_most_twice(built_site, theme_id):
    article = page(built_site, f"progress/{theme_id}/").article
    named = Counter(_text(cite) for cite in article.find_all("cite"))
    assert named and max(named.values()) <= 2, named


def test_a_theme_page_names_its_source_once_at_the_top_and_not_beside_each_commitment(built_site):
    article = page(built_site, "progress/rdhp-2025-treatment/").article
    assert [_text(p) for p in article.select("p.source")] == [
        "Source: Southampton Reducing Drug Harm Partnership Progress Report and Action Plan: 2024 Progress Report and "
        "2025 Action Plan , Southampton Reducing Drug Harm Partnership, published January 2025; progress reported as "
        "at January 2025."]
    assert article.select_one("p.source").find_previous("h2") is None


def test_a_page_explains_no_rating_once_and_names_only_the_parts_a_report_leaves_empty(built_site):
    article = page(built_site, "progress/rdhp-2025-treatment/").article
    assert _text(article).count("gives no rating, so this site does not show one") == 1
    assert [_text(li) for li in article.select("ul.status-key li")] == [f"? Not assessed : {NO_RATING}"]
    assert article.select_one("ul.status-key").find_previous("h2") is None
    assert [_text(p) for p in article.select(".report p.not-reported")] == [
        "No update reported on gaps and challenges or next actions.",
        "No update reported on gaps and challenges.",
        "No update reported.",
        "No update reported on next actions.",
        "No update reported on what was achieved or next actions.",
    ]


def _site_with_due_date(tmp_path, due: str):
    """The real site built with the current strategy's next report due on `due`."""
    paths = copy_project(tmp_path)
    with (paths.datasets / "strategies.csv").open(encoding="utf-8", newline="") as file:
        row = next(n for n, r in enumerate(csv.DictReader(file), start=2) if r["strategy_id"] == "rdhp-2025")
    set_cell(paths.datasets, "strategies.csv", row, "next_report_due", due)
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, [p for p in outcome.problems if p.is_error]
    return paths.site


def _next_report(site, url: str) -> str:
    return _text(page(site, url).select_one("article p.next-report"))


def test_a_report_past_its_due_date_is_said_to_be_overdue(tmp_path):
    site = _site_with_due_date(tmp_path, "2026-01-31")
    assert _next_report(site, "") == OVERDUE
    assert _next_report(site, "progress/rdhp-2025-supply/") == OVERDUE
    assert _next_report(site, "progress/") == OVERDUE
    assert _first_paragraph(page(site, "")) == HOME_ANSWER


def test_a_report_not_yet_due_is_not_called_overdue(tmp_path):
    site = _site_with_due_date(tmp_path, "2027-01-31")
    assert _next_report(site, "") == "The 2025 progress report is due by 31 January 2027."
    assert _next_report(site, "progress/rdhp-2025-supply/") == "The 2025 progress report is due by 31 January 2027."
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


def test_a_due_date_before_the_newest_report_is_a_warning_that_says_to_update_it(tmp_path):
    paths = copy_project(tmp_path)
    with (paths.datasets / "strategies.csv").open(encoding="utf-8", newline="") as file:
        row = next(n for n, r in enumerate(csv.DictReader(file), start=2) if r["strategy_id"] == "rdhp-2025")
    set_cell(paths.datasets, "strategies.csv", row, "next_report_due", "2024-12-31")
    problems = [as_text(p) for p in validate_package(paths.datasets, today=TODAY) if p.code == "next-report-past"]
    assert problems == [
        f'Warning in datasets/strategies.csv, row {row}, column "next_report_due"\n'
        '  Found:    "2024-12-31", before the newest progress report of this strategy (reported on 2025-01)\n'
        "  Expected: the date the next report, after the newest one, is due\n"
        "  Fix:      Put in the date the next report is due, if a document gives it; otherwise empty the cell, and "
        "the site says the date is not reported."]
    set_cell(paths.datasets, "strategies.csv", row, "next_report_due", "2026-01-31")
    assert not [p for p in validate_package(paths.datasets, today=TODAY) if p.code == "next-report-past"]
