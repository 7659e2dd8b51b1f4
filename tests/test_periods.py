"""Scaffolding the next reporting period: `python -m build_charts new-period 2025` on a copy of the data."""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest

from build_charts.__main__ import main
from build_charts.new_period import PeriodRefused, add_period, period_problem
from build_charts.validate import validate_package
from conftest import TODAY

PATTERN = r"^[0-9]{4}(/[0-9]{2})?$"


def _rows(datasets, file="progress.csv") -> list[dict]:
    return list(csv.DictReader((datasets / file).open(encoding="utf-8", newline="")))


def _current_commitments(datasets) -> list[str]:
    themes = {t["theme_id"] for t in _rows(datasets, "themes.csv") if t["strategy_id"] == "rdhp-2025"}
    return [c["commitment_id"] for c in _rows(datasets, "commitments.csv") if c["theme_id"] in themes]


def test_new_period_adds_a_not_assessed_row_for_each_current_commitment(make_package):
    datasets = make_package()
    before = (datasets / "progress.csv").read_bytes()
    added = add_period(datasets, "2025", TODAY)
    new = [row for row in _rows(datasets) if row["period"] == "2025"]
    assert [row["commitment_id"] for row in new] == _current_commitments(datasets) == added.commitment_ids
    assert len(new) == 14
    # Not applicable in the last report stays not applicable; every other commitment is not assessed until rated.
    assert [row["commitment_id"] for row in new if row["status"] != "not-assessed"] == ["rdhp-2025-1-5"]
    assert added.not_applicable == ["rdhp-2025-1-5"]
    assert {row["status"] for row in new} == {"not-assessed", "not-applicable"}
    for row in new:
        assert {k: v for k, v in row.items() if k not in ("commitment_id", "period", "status")} == dict.fromkeys(
            ["reported_on", "achievements", "gaps_challenges", "next_actions", "note", "source_id"], "")
    assert (datasets / "progress.csv").read_bytes().startswith(before)


def test_new_period_leaves_the_required_source_empty_so_validation_asks_for_it(make_package):
    datasets = make_package()
    first_new_row = len(_rows(datasets)) + 2  # the header is row 1
    add_period(datasets, "2025", TODAY)
    errors = [p for p in validate_package(datasets, today=TODAY) if p.is_error and p.file == "datasets/progress.csv"]
    assert {(p.code, p.column) for p in errors} == {("required-empty", "source_id")}
    assert [p.row for p in errors] == list(range(first_new_row, first_new_row + 14))
    assert errors[0].fix == 'Fill in the "source_id" cell with an id from sources.csv, spelled exactly as it is there.'


def test_the_command_says_what_it_added_and_what_to_fill_in(make_package, capsys):
    datasets = make_package()
    assert main(["--project", str(datasets.parent), "new-period", "2025"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Added 14 rows to datasets/progress.csv for the period 2025: one for each commitment in "
                          "Reducing Drug Harm Partnership 2024 Progress Report and 2025 Action Plan.\n")
    assert ("2. Fill in source_id on every new row. It is required and new-period cannot know it, so validation "
            "reports each empty source_id as an error until you fill it in.") in out


def test_the_command_refuses_a_period_that_already_exists_and_changes_nothing(make_package, capsys):
    datasets = make_package()
    before = (datasets / "progress.csv").read_bytes()
    assert main(["--project", str(datasets.parent), "new-period", "2024"]) == 1
    assert capsys.readouterr().out == (
        "Nothing was changed. The period 2024 is already in progress.csv. Edit its rows there, "
        "or give the next period.\n")
    assert (datasets / "progress.csv").read_bytes() == before


@pytest.mark.parametrize("period, message", [
    ("2025-26", '"2025-26" is not a reporting period. Write a year, such as 2026, or a financial year, such as 2026/27.'),
    ("25", '"25" is not a reporting period. Write a year, such as 2026, or a financial year, such as 2026/27.'),
    ("", '"" is not a reporting period. Write a year, such as 2026, or a financial year, such as 2026/27.'),
    ("2024/26", '"2024/26" is not a financial year: the one that starts in 2024 is 2024/25.'),
    ("2030/31", "The period 2030/31 has not started yet: it starts on 1 April 2030. Add it once it has been reported on."),
    ("2027", "The period 2027 has not started yet: it starts on 1 January 2027. Add it once it has been reported on."),
])
def test_malformed_or_future_periods_are_refused_in_plain_english(period, message):
    assert period_problem(period, {"2024"}, PATTERN, TODAY) == message


def test_a_started_year_or_financial_year_is_accepted():
    assert period_problem("2026", {"2024"}, PATTERN, TODAY) is None
    assert period_problem("2026/27", {"2025/26"}, PATTERN, date(2026, 4, 1)) is None


@pytest.mark.parametrize("period, existing, message", [
    ("2025/26", {"2023", "2024"}, 'The periods in progress.csv are years, such as 2024, but "2025/26" is a financial '
     "year. Give the next year, 2025, instead: every period in the file is the same kind, so that each report "
     "compares with the one before."),
    ("2025", {"2023/24", "2024/25"}, 'The periods in progress.csv are financial years, such as 2024/25, but "2025" is '
     "a year. Give the next financial year, 2025/26, instead: every period in the file is the same kind, so that "
     "each report compares with the one before."),
    ("2025", {"2025-11", "2025-12"}, 'The periods in progress.csv are months, such as 2025-12, but "2025" is a year. '
     "Give the next month, 2026-01, instead: every period in the file is the same kind, so that each report compares "
     "with the one before."),
], ids=["financial-year-in-years", "year-in-financial-years", "year-in-months"])
def test_a_period_of_another_kind_than_the_files_is_refused(period, existing, message):
    assert period_problem(period, existing, r"^[0-9]{4}([/-][0-9]{2})?$", TODAY) == message


def test_the_command_refuses_a_financial_year_in_a_file_of_years_and_changes_nothing(make_package, capsys):
    datasets = make_package()
    before = (datasets / "progress.csv").read_bytes()
    assert main(["--project", str(datasets.parent), "new-period", "2025/26"]) == 1
    assert capsys.readouterr().out == (
        'Nothing was changed. The periods in progress.csv are years, such as 2024, but "2025/26" is a financial year. '
        "Give the next year, 2025, instead: every period in the file is the same kind, so that each report compares "
        "with the one before.\n")
    assert (datasets / "progress.csv").read_bytes() == before


def test_the_command_refuses_a_malformed_period_and_changes_nothing(make_package, capsys):
    datasets = make_package()
    before = (datasets / "progress.csv").read_bytes()
    assert main(["--project", str(datasets.parent), "new-period", "FY25"]) == 1
    assert capsys.readouterr().out.startswith('Nothing was changed. "FY25" is not a reporting period.')
    assert (datasets / "progress.csv").read_bytes() == before


def test_windows_line_endings_and_quoted_cells_are_kept(make_package):
    def excel_style(datasets):
        rows = list(csv.reader((datasets / "progress.csv").open(encoding="utf-8", newline="")))
        with (datasets / "progress.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)

    datasets = make_package(excel_style)
    before = (datasets / "progress.csv").read_bytes()
    add_period(datasets, "2025", TODAY)
    after = (datasets / "progress.csv").read_bytes()
    assert after.startswith(before)
    added = after[len(before):].decode("utf-8")
    assert added.startswith('"rdhp-2025-1-1","2025","","not-assessed","","","","",""\r\n')
    assert re.fullmatch(r'("[^"]*"(,"[^"]*")*\r\n)+', added)


def test_blank_rows_a_spreadsheet_left_at_the_end_are_dropped(make_package):
    datasets = make_package(lambda d: (d / "progress.csv").write_text(
        (d / "progress.csv").read_text(encoding="utf-8") + ",,,,,,,,\n\n", encoding="utf-8"))
    add_period(datasets, "2025", TODAY)
    assert not [p for p in validate_package(datasets, today=TODAY) if p.code == "blank-row"]
    assert (datasets / "progress.csv").read_text(encoding="utf-8").endswith("rdhp-2025-3-3,2025,,not-assessed,,,,,\n")


def test_a_current_strategy_with_no_commitments_is_refused(make_package):
    def no_strategy(datasets):
        text = (datasets / "datapackage.json").read_text(encoding="utf-8")
        (datasets / "datapackage.json").write_text(text.replace('"current_strategy": "rdhp-2025"',
                                                                '"current_strategy": "rdhp-2099"'), encoding="utf-8")

    datasets = make_package(no_strategy)
    with pytest.raises(PeriodRefused, match='The current strategy "rdhp-2099" has no commitments'):
        add_period(datasets, "2025", TODAY)
