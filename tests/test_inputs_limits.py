"""Work stays bounded: the language check reads a long cell once, and oversized files are refused before parsing."""

from __future__ import annotations

import re
import time

from build_charts.validate.checks import language


def _seconds(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def test_the_language_check_reads_a_long_cell_of_flagged_words_in_well_under_a_second():
    text = "addicts " * 50_000  # 400,000 characters, 50,000 findings
    assert _seconds(lambda: language.findings(text, [])) < 1.0
    assert len(language.findings(text, [])) == language.MAX_FINDINGS


def test_the_language_check_reads_a_ten_megabyte_cell_of_flagged_words_in_well_under_a_second():
    text = "Drug users and junkies. " * 420_000  # 10 MB
    assert _seconds(lambda: language.findings(text, [])) < 1.0


def test_the_language_check_reads_two_megabytes_of_quoted_phrases_in_seconds():
    text = "heroin users growing older " * 74_000  # 2 MB, every term inside an exception phrase
    allowed = [re.compile("heroin users growing older", re.IGNORECASE)]
    assert _seconds(lambda: language.findings(text, allowed)) < 4.0
    assert language.findings(text, allowed) == []


def test_the_language_check_still_prefers_the_longer_term_at_the_same_place():
    found = language.findings("A former addict and an addict.", [])
    assert [(term.avoid, match.group(0)) for term, match in found] == [("ex-addict", "former addict"),
                                                                       ("addict", "addict")]


def _messages(datasets):
    from test_validate import new_messages
    return new_messages(datasets)


def test_a_file_over_fifty_megabytes_is_refused_without_being_read(make_package):
    def edit(datasets):
        with (datasets / "glossary.csv").open("r+b") as handle:
            handle.truncate(60_000_000)  # a sparse file: its size is known without writing it
    datasets = make_package(edit)
    start = time.perf_counter()
    messages = _messages(datasets)
    assert time.perf_counter() - start < 30
    assert messages == [
        "Error in datasets/glossary.csv\n"
        "  Found:    a file of 60 MB\n"
        "  Expected: a file of at most 50 MB\n"
        "  Fix:      Check this is the right file: it may hold rows pasted many times. Undo the last change, or ask "
        "a developer if the data really is this large."
    ]


def _lines(file: str) -> int:
    """How many lines a file of the real package has: the next line appended to it has this number plus one."""
    from build_charts.settings import PROJECT_ROOT

    return len((PROJECT_ROOT / "datasets" / file).read_text(encoding="utf-8").splitlines())


def test_a_line_of_two_megabytes_of_commas_is_refused_before_parsing(make_package):
    def edit(datasets):
        with (datasets / "glossary.csv").open("a", encoding="utf-8") as handle:
            handle.write("," * 2_000_000 + "\n")
    messages = _messages(make_package(edit))
    assert messages == [
        f"Error in datasets/glossary.csv, line {_lines('glossary.csv') + 1}\n"
        "  Found:    a line longer than 1 MB\n"
        "  Expected: rows of at most 1 MB each\n"
        "  Fix:      Open the file and look at that line: it may hold text pasted many times or thousands of commas. "
        "Delete what does not belong, or undo the last change."
    ]


def test_a_cell_over_the_limit_is_refused_with_its_row_and_column(make_package):
    from conftest import set_cell
    messages = _messages(make_package(lambda d: set_cell(d, "glossary.csv", 3, "definition", "word " * 30_000)))
    assert messages == [
        'Error in datasets/glossary.csv, row 3, column "definition"\n'
        "  Found:    a cell of 150,000 characters\n"
        "  Expected: a cell of at most 100,000 characters\n"
        '  Fix:      Shorten the text, or check whether a missing closing quote (") has joined many rows into this '
        "one cell."
    ]


def test_the_report_lists_fifty_problems_of_a_file_and_counts_the_rest():
    from build_charts.validate import Problem
    from build_charts.validate.report import as_github_annotations, as_report
    problems = [Problem(code="extra-column", file="datasets/glossary.csv", row=1, column=f"c{n}", found="x",
                        expected="y", fix="z") for n in range(200_000)]
    report = as_report(problems)
    assert report.count("Error in datasets/glossary.csv") == 50
    assert report.endswith(
        "datasets/glossary.csv: 199950 more problems not listed. The first 50 problems of each file are listed "
        "above; fix them and run the check again to see the rest.\n\n"
        "The data has 200000 errors and 0 warnings. Fix the errors above; nothing was published.")
    assert len(report) < 20_000
    assert as_github_annotations(problems).count("::error") == 50


def test_the_validate_command_refuses_a_hundred_megabyte_line_in_seconds(tmp_path):
    from test_validate import run_cli

    from conftest import copy_project
    paths = copy_project(tmp_path)
    with (paths.datasets / "indicator_values.csv").open("a", encoding="utf-8") as handle:
        handle.write("," * 100_000_000 + "\n")
    start = time.perf_counter()
    result = run_cli(paths.root, "validate")
    assert time.perf_counter() - start < 60
    assert result.returncode == 1
    assert "Error in datasets/indicator_values.csv\n  Found:    a file of 100 MB\n" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
