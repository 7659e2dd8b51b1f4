"""Help contacts: numbers read with Google's libphonenumber data, shown in their standard grouping and dialled in
full; each mistake a person makes with a contact gives an exact message, and --fix repairs what has one meaning."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from test_validate import new_messages, run_cli

from build_charts.contacts import call_href, read_number, shown_number, text_href
from build_charts.package import load_package
from build_charts.pages.help import help_page, reach_links
from build_charts.settings import PROJECT_ROOT
from conftest import TODAY, copy_project, set_cell

PHONE_EXPECTED = ("  Expected: a phone number that exists, written as the source prints it (e.g. 023 8088 1400 or +44 23 "
                  "8088 1400), or a short number such as 999 or 111\n")
TEXT_EXPECTED = ("  Expected: a number that can receive texts: a text short code (such as 82111) or a mobile number "
                 "(07…)\n")


@pytest.mark.parametrize(("typed", "shown", "call"), [
    ("02380 881400", "023 8088 1400", "tel:+442380881400"),  # The Bridge
    ("02380 39 9764", "023 8039 9764", "tel:+442380399764"),  # Parent Support Link
    ("0300 123 6600", "0300 123 6600", "tel:+443001236600"),  # FRANK
    ("+44 (0)23 8022 4224", "023 8022 4224", "tel:+442380224224"),
    ("0800 77 66 00", "0800 776600", "tel:+44800776600"),
    ("999", "999", "tel:999"),
    ("111", "111", "tel:111"),
    ("116123", "116 123", "tel:116123"),
])
def test_a_number_is_shown_in_its_standard_grouping_and_dialled_in_full(typed, shown, call):
    assert (shown_number(typed), call_href(typed)) == (shown, call)


def test_a_text_short_code_is_texted_as_it_is():
    assert (read_number("82111").kind, shown_number("82111"), text_href("82111")) == ("text-short", "82111", "sms:82111")


def test_the_help_page_dials_none_of_the_seed_numbers_wrong():
    soup = BeautifulSoup(help_page(load_package(PROJECT_ROOT / "datasets"), TODAY), "html.parser")
    links = {(a.get_text(" ", strip=True), a["href"]) for a in soup.select("a[href^='tel:'], a[href^='sms:']")}
    assert links == {
        ("Call 999", "tel:999"),
        ("Call 023 8088 1400", "tel:+442380881400"),  # The Bridge
        ("Call 023 8039 9764", "tel:+442380399764"),  # Parent Support Link
        ("Call 0300 123 6600", "tel:+443001236600"),  # FRANK
        ("Text 82111", "sms:82111"),  # FRANK
        ("Call 111", "tel:111"),
    }


def test_an_email_is_linked_once_with_mailto_even_if_the_cell_has_it():
    service = {"name": "FRANK", "email": "mailto:frank@talktofrank.com"}
    (link,) = [BeautifulSoup(str(html), "html.parser").a for html in reach_links(service)]
    assert (link["href"], link.get_text()) == ("mailto:frank@talktofrank.com", "frank@talktofrank.com")


@pytest.mark.parametrize(("row", "column", "typed", "found", "expected", "fix"), [
    (5, "phone", "0300 123 660", '"0300 123 660" for FRANK, which is not a number that can exist', PHONE_EXPECTED,
     "A digit is probably missing or extra. Copy the number again from the source, digit by digit; if the source "
     "prints it like this, ask the service for the right number before publishing it."),
    (5, "phone", "82111", '"82111" for FRANK, a text short code, which cannot be called', PHONE_EXPECTED,
     "Move it to the text_number column, and put the number to call (if the source gives one) here."),
    (5, "text_number", "0300 123 6600", '"0300 123 6600" for FRANK, a number to call, which cannot receive texts',
     TEXT_EXPECTED, "Move it to the phone column, and put the number to text (if the source gives one) here."),
    (3, "text_number", "111", '"111" for The Bridge, a short number to call', TEXT_EXPECTED,
     "Move it to the phone column, and put the number to text (if the source gives one) here."),
    (3, "phone", "02380 881400 9am-5pm", '"02380 881400 9am-5pm" for The Bridge, which is not a number that can exist',
     PHONE_EXPECTED,
     "Write the number with digits and spaces only; put words such as opening hours in their own column."),
], ids=["digit-missing", "text-code-in-phone", "landline-in-text", "short-call-in-text", "hours-in-phone"])
def test_a_number_that_cannot_be_right_is_an_error_naming_row_and_service(make_package, row, column, typed, found,
                                                                          expected, fix):
    datasets = make_package(lambda d: set_cell(d, "help_services.csv", row, column, typed))
    assert new_messages(datasets) == [f'Error in datasets/help_services.csv, row {row}, column "{column}"\n'
                                      f"  Found:    {found}\n" + expected + f"  Fix:      {fix}"]


@pytest.mark.parametrize("typed", ["+44 (0)23 8022 4224", "023 8088 1400", "+44 23 8088 1400", "0800 77 66 00",
                                   "999", "111", "116 123"])
def test_a_number_that_exists_is_accepted_in_the_phone_column(make_package, typed):
    assert new_messages(make_package(lambda d: set_cell(d, "help_services.csv", 3, "phone", typed))) == []


def test_a_swap_of_phone_and_text_number_is_reported_on_both(make_package):
    def edit(datasets):
        set_cell(datasets, "help_services.csv", 5, "phone", "82111")
        set_cell(datasets, "help_services.csv", 5, "text_number", "0300 123 6600")

    assert [m.splitlines()[0] for m in new_messages(make_package(edit))] == [
        'Error in datasets/help_services.csv, row 5, column "phone"',
        'Error in datasets/help_services.csv, row 5, column "text_number"',
    ]


def test_hours_excel_turned_into_a_date_are_an_error_that_says_what_excel_did(make_package):
    datasets = make_package(lambda d: set_cell(d, "help_services.csv", 3, "hours", "09-May"))
    assert new_messages(datasets) == [
        'Error in datasets/help_services.csv, row 3, column "hours"\n'
        '  Found:    "09-May", which is how a spreadsheet shows a date: it read hours such as "9-5" as 9 May\n'
        '  Expected: opening hours: "24 hours", or days and times such as "Mon-Fri 09:00-17:00; Sat 10:00-14:00"\n'
        '  Fix:      Type the hours again from the source as days and 24-hour times ("Mon-Fri 09:00-17:00"). Format '
        "the hours column as Text before typing, so the spreadsheet does not turn them into a date."
    ]


def test_mailto_in_an_email_cell_is_an_error_that_validate_fix_repairs(tmp_path):
    paths = copy_project(tmp_path / "project")
    set_cell(paths.datasets, "help_services.csv", 5, "email", "mailto:frank@talktofrank.com")
    assert new_messages(paths.datasets) == [
        'Error in datasets/help_services.csv, row 5, column "email"\n'
        '  Found:    "mailto:frank@talktofrank.com", which starts with "mailto:"\n'
        "  Expected: an email address such as name@example.org.uk\n"
        '  Fix:      Delete "mailto:" so the cell reads "frank@talktofrank.com": the site makes the link itself. On a '
        "pull request the Autofix check does this for you; on your computer, 'python -m build_charts validate "
        "--fix' does."
    ]
    fixed = run_cli(paths.root, "validate", "--fix")
    assert [line for line in fixed.stdout.splitlines() if line.startswith("Fixed")] == [
        'Fixed datasets/help_services.csv: deleted "mailto:" from 1 email address: row 5 email '
        "mailto:frank@talktofrank.com → frank@talktofrank.com"]
    assert fixed.returncode == 0 and new_messages(paths.datasets) == []


def test_an_email_address_that_cannot_be_right_is_checked_offline(make_package):
    datasets = make_package(lambda d: set_cell(d, "help_services.csv", 5, "email", "frank@talktofrank"))
    assert new_messages(datasets) == [
        'Error in datasets/help_services.csv, row 5, column "email"\n'
        '  Found:    "frank@talktofrank": the part after the @-sign is not valid. It should have a period\n'
        "  Expected: an email address such as name@example.org.uk\n"
        "  Fix:      Write the address only, as the source prints it, without 'mailto:' or spaces."
    ]
