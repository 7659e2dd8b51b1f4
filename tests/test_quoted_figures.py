"""One figure, one value: a key fact quoting a figure its chart shows is checked against that figure."""

from __future__ import annotations

from build_charts.validate import validate_package
from build_charts.validate.report import as_text
from conftest import TODAY, append_row, set_cell


def _quoted_figure_problems(datasets):
    return [as_text(p) for p in validate_package(datasets, today=TODAY) if p.code == "figure-not-quoted"]


def test_the_shipped_key_facts_quote_their_charts_figures(make_package):
    assert _quoted_figure_problems(make_package()) == []


def test_a_correction_to_a_chart_figure_alone_names_the_key_fact_and_the_figure(make_package):
    def correct_the_chart_only(datasets):
        set_cell(datasets, "indicator_values.csv", 4, "value", "1694")
        append_row(datasets, "corrections.csv", {"chart_id": "opiate-crack-users", "corrected": "2026-11-30",
                                                 "what_changed": "The estimate was 1,649; the strategy gives 1,694.",
                                                 "source_id": "sds-2017"})

    assert _quoted_figure_problems(make_package(correct_the_chart_only)) == [
        'Error in datasets/key_facts.csv, row 3, column "statement"\n'
        '  Found:    "An estimated 1,649 people in Southampton use opiates and/or crack cocaine and 636 people '
        '…", which quotes none of the figures of "opiate-crack-users"\n'
        "  Expected: the figure its chart shows, from datasets/indicator_values.csv: 1,694 (row 4: Southampton, "
        "period not given)\n"
        "  Fix:      Correct both together: if the figure was corrected, write the new figure in this sentence too; "
        "if the sentence is right, correct the figure's row in datasets/indicator_values.csv (and add a row to "
        "corrections.csv saying what changed)."]


def test_a_key_fact_corrected_alone_is_caught(make_package):
    def sentence_only(datasets):
        set_cell(datasets, "key_facts.csv", 3, "statement", "An estimated 1,694 people in Southampton use opiates.")

    assert len(_quoted_figure_problems(make_package(sentence_only))) == 1


def test_a_key_fact_and_its_figure_corrected_together_pass(make_package):
    def both(datasets):
        set_cell(datasets, "key_facts.csv", 3, "statement", "An estimated 1,694 people in Southampton use opiates.")
        set_cell(datasets, "indicator_values.csv", 4, "value", "1694")

    assert _quoted_figure_problems(make_package(both)) == []


def test_a_figure_that_is_not_yet_a_number_is_left_to_its_own_message(make_package):
    def thousands_separator(datasets):  # "1,694" is refused as a number; the fact is compared once it is one
        set_cell(datasets, "indicator_values.csv", 4, "value", "1,694")

    problems = validate_package(make_package(thousands_separator), today=TODAY)
    assert [p.code for p in problems if p.file == "datasets/indicator_values.csv" and p.row == 4] == ["wrong-type"]
    assert [p for p in problems if p.code == "figure-not-quoted"] == []
