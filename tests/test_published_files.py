"""Nothing published is lost by accident, and no file in datasets/ is silently ignored: validate says so in words."""

from __future__ import annotations

from test_validate import new_messages, rewrite_rows, run_cli

from build_charts.validate import validate_package
from build_charts.validate.checks.published import published_addresses
from build_charts.validate.report import as_text
from conftest import TODAY, copy_project

# What validate says when the package's name changes: its zip would move from the address the site published.
ZIP_ADDRESS_LOST = (
    'Error in datasets/datapackage.json, column "name"\n'
    '  Found:    no zip of the whole data package "southampton-reducing-drug-harm.zip", which the site published '
    "at /data/southampton-reducing-drug-harm.zip\n"
    "  Expected: every address in datasets/published_urls.txt to keep working: people link to them\n"
    '  Fix:      The zip is named after the package\'s "name" in datapackage.json. If this site is a new '
    "partnership's, start its own list of published addresses: run python -m build_charts new-partnership. If "
    'not, put the name "southampton-reducing-drug-harm" back, so the zip keeps its address (the list\'s '
    "other addresses are checked once this is fixed)."
)


def _delete_row(datasets, file: str, first_cell: str) -> None:
    rewrite_rows(datasets, file, lambda rows: rows.remove(next(r for r in rows if r[0] == first_cell)))


def test_the_list_of_published_addresses_lives_beside_the_data_and_lists_every_chart_page(make_package):
    addresses = published_addresses(make_package())
    assert "/charts/people-who-inject-drugs/" in addresses and "/updates/operation-fortress-referrals/" in addresses


def test_deleting_a_published_chart_row_is_an_error_that_says_how_to_retire_it(make_package):
    datasets = make_package(lambda d: _delete_row(d, "charts.csv", "people-who-inject-drugs"))
    assert new_messages(datasets) == [
        'Error in datasets/charts.csv, column "chart_id"\n'
        '  Found:    no row for the chart "people-who-inject-drugs", which the site published at '
        "/charts/people-who-inject-drugs/\n"
        "  Expected: every address in datasets/published_urls.txt to keep working: people link to them\n"
        "  Fix:      Put the row back. To retire a chart, keep its row and name the chart that takes its place in "
        "replaced_by: its page then stays and points readers there."
    ]


def test_a_chart_retired_with_replaced_by_is_not_lost(make_package):
    datasets = make_package(lambda d: rewrite_rows(d, "charts.csv", lambda rows: _replace(rows, "people-who-inject-drugs",
                                                                                          "opiate-crack-users")))
    assert new_messages(datasets) == []


def _replace(rows: list[list[str]], chart_id: str, successor: str) -> None:
    column = rows[0].index("replaced_by")
    next(r for r in rows if r[0] == chart_id)[column] = successor


def test_deleting_a_published_theme_is_an_error(make_package):
    def edit(datasets):
        _delete_row(datasets, "theme_outcomes.csv", "sds-2017-engagement")
        _delete_row(datasets, "themes.csv", "sds-2017-engagement")

    messages = [m for m in new_messages(make_package(edit)) if "published" in m]
    assert messages[0] == (
        'Error in datasets/themes.csv, column "theme_id"\n'
        '  Found:    no row for the theme "sds-2017-engagement", which the site published at '
        "/progress/sds-2017-engagement/\n"
        "  Expected: every address in datasets/published_urls.txt to keep working: people link to them\n"
        "  Fix:      Put the row back. A theme that is finished keeps its row, so its page stays.")


def test_deleting_a_published_news_post_or_page_is_an_error(tmp_path):
    paths = copy_project(tmp_path / "project")
    (paths.docs / "updates" / "operation-fortress-referrals.md").unlink()
    (paths.docs / "privacy.md").unlink()
    problems = validate_package(paths.datasets, today=TODAY, docs=paths.docs, exclude=paths.overrides)
    assert [as_text(p) for p in problems if p.code == "published-address-lost"] == [
        "Error in docs/privacy.md\n"
        "  Found:    no page, which the site published at /privacy/\n"
        "  Expected: every address in datasets/published_urls.txt to keep working: people link to them\n"
        "  Fix:      Put the page back. To move its content elsewhere, keep a short page that links to the new one.",
        "Error in docs/updates/operation-fortress-referrals.md\n"
        "  Found:    no news post, which the site published at /updates/operation-fortress-referrals/\n"
        "  Expected: every address in datasets/published_urls.txt to keep working: people link to them\n"
        "  Fix:      Put the post back. To correct a post, edit it and say what changed at its end.",
    ]


def test_deleting_a_published_chart_fails_validate_on_the_command_line(tmp_path):
    paths = copy_project(tmp_path / "project")
    _delete_row(paths.datasets, "charts.csv", "people-who-inject-drugs")
    result = run_cli(paths.root, "validate")
    assert result.returncode == 1
    assert 'no row for the chart "people-who-inject-drugs"' in result.stdout


def test_a_copy_saved_beside_the_real_file_is_an_error_naming_both(make_package):
    datasets = make_package(lambda d: (d / "progress (1).csv").write_bytes((d / "progress.csv").read_bytes()))
    assert new_messages(datasets) == [
        "Error in datasets/progress (1).csv\n"
        "  Found:    a file that datapackage.json does not list, so the site ignores it\n"
        "  Expected: only the files datapackage.json lists\n"
        "  Fix:      It looks like a copy of progress.csv. Put your changes into progress.csv itself (upload it with "
        'exactly that name, replacing the old one), then delete "progress (1).csv".'
    ]


def test_an_unknown_file_in_datasets_is_an_error_and_hidden_files_are_not(make_package):
    def edit(datasets):
        (datasets / "budget.xlsx").write_bytes(b"PK\x03\x04")
        (datasets / ".DS_Store").write_bytes(b"\0")

    assert new_messages(make_package(edit)) == [
        "Error in datasets/budget.xlsx\n"
        "  Found:    a file that datapackage.json does not list, so the site ignores it\n"
        "  Expected: only the files datapackage.json lists\n"
        '  Fix:      Delete "budget.xlsx", or, if it is a new table of data, ask a developer to add it to '
        "datapackage.json. To change an existing table, edit the file with that table's own name."
    ]


def test_an_excel_workbook_saved_with_a_csv_name_says_so(make_package):
    def edit(datasets):
        (datasets / "themes.csv").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xa0\xe3\xff junk")
        (datasets / "sources.csv").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00 old junk")

    messages = new_messages(make_package(edit))
    workbook = ("  Found:    an Excel workbook, not a CSV file\n"
                "  Expected: a CSV file saved as CSV UTF-8\n"
                "  Fix:      This is an Excel workbook saved with a .csv name: in Excel choose File → Save As → CSV "
                "UTF-8 (Comma delimited). Renaming a workbook does not change what is inside it.")
    assert messages == [f"Error in datasets/sources.csv\n{workbook}", f"Error in datasets/themes.csv\n{workbook}"]


def test_a_new_chart_is_a_reminder_to_add_its_address_to_the_list(make_package):
    def edit(datasets):
        path = datasets / "charts.csv"
        line = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("treatment-savings,"))
        with path.open("a", encoding="utf-8") as handle:
            handle.write(line.replace("treatment-savings,10,", "treatment-savings-again,12,", 1) + "\n")

    assert new_messages(make_package(edit)) == [
        'Warning in datasets/charts.csv, row 13, column "chart_id"\n'
        '  Found:    "treatment-savings-again", a chart whose address is not in datasets/published_urls.txt yet\n'
        "  Expected: every chart's address in datasets/published_urls.txt, so that it is never lost\n"
        "  Fix:      Add the line /charts/treatment-savings-again/ to datasets/published_urls.txt in the same pull "
        "request as the chart."
    ]


def test_renaming_the_package_is_an_error_that_keeps_the_zip_address(tmp_path):
    paths = copy_project(tmp_path / "project")
    descriptor = paths.datasets / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(text.replace('"name": "southampton-reducing-drug-harm"', '"name": "southampton-drugs"', 1),
                          encoding="utf-8")
    problems = validate_package(paths.datasets, today=TODAY, docs=paths.docs, exclude=paths.overrides)
    assert [as_text(p) for p in problems if p.code == "published-address-lost"] == [ZIP_ADDRESS_LOST]
