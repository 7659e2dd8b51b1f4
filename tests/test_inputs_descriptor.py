"""The partnership block and the licences in datapackage.json are checked like any cell, with the field's path."""

from __future__ import annotations

import json

import pytest
from test_validate import new_messages

from build_charts.validate import Problem
from build_charts.validate.checks.descriptor import exit_url_problems
from build_charts.validate.report import as_report, as_text

ASK = "Ask a developer if you are not sure how to edit datapackage.json."
EXIT_EXPECTED = "a full web address on another website, starting with https://"
COPY_FIX = ("Copy the address from the browser's address bar, e.g. \"https://www.bbc.co.uk/weather\". The button must "
            "take the person straight to another website.")


def _edit_descriptor(change):
    def edit(datasets):
        path = datasets / "datapackage.json"
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        change(descriptor)
        path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return edit


def _set_partnership(key, value):
    return _edit_descriptor(lambda descriptor: descriptor["partnership"].__setitem__(key, value))


def _message(field: str, found: str, expected: str, fix: str) -> str:
    return (f'Error in datasets/datapackage.json, column "{field}"\n  Found:    {found}\n'
            f"  Expected: {expected}\n  Fix:      {fix}")


EXIT_URLS = {
    "javascript:alert(1)": ('"javascript:alert(1)", a script rather than a web address',
                            "Replace it with the address of an everyday website, such as https://www.bbc.co.uk/weather."),
    "www.bbc.co.uk/weather": ('"www.bbc.co.uk/weather", which has no https:// at the start, so it would lead to a '
                              "page of this site", COPY_FIX),
    "/help/": ('"/help/", a page of this site rather than another website', COPY_FIX),
    "http://www.bbc.co.uk/weather": ('"http://www.bbc.co.uk/weather", which starts with http:// rather than https://',
                                     COPY_FIX),
    "https://": ('"https://"', "Copy the address from the browser's address bar, e.g. \"https://www.bbc.co.uk/weather\". "
                 "The button must take the person straight to another website."),
}


@pytest.mark.parametrize("value", EXIT_URLS)
def test_validate_reports_an_exit_address_that_does_not_leave_the_site(make_package, value):
    found, fix = EXIT_URLS[value]
    assert new_messages(make_package(_set_partnership("exit_url", value))) == [
        _message("partnership.exit_url", found, EXIT_EXPECTED, fix)]


def test_validate_reports_a_missing_exit_address(make_package):
    assert new_messages(make_package(_set_partnership("exit_url", None))) == [_message(
        "partnership.exit_url", 'no exit address: the help page would have no "Exit this page" button', EXIT_EXPECTED,
        'Add "exit_url": "https://www.bbc.co.uk/weather" (or another everyday website) to the partnership block. '
        + ASK)]


def test_an_exit_address_on_the_site_itself_is_refused():
    (problem,) = exit_url_problems("https://drugs.example.org/weather/", site_host="drugs.example.org")
    assert as_text(problem) == _message(
        "partnership.exit_url", '"https://drugs.example.org/weather/", an address on this site', EXIT_EXPECTED,
        'Use the address of an everyday website, such as "https://www.bbc.co.uk/weather": the button must take the '
        "person away from this site.")


def test_validate_reports_a_script_in_the_partnership_name(make_package):
    edit = _set_partnership("name", "</title><script>alert(201)</script>")
    assert new_messages(make_package(edit)) == [_message(
        "partnership.name", 'text containing HTML or a script: "</title><script>alert(201)</script>"',
        "plain text with no HTML tags, scripts or javascript: links",
        "Remove the tags. Write the words only; the site adds its own formatting.")]


def test_validate_reports_a_missing_partnership_name(make_package):
    assert new_messages(make_package(_set_partnership("name", None))) == [_message(
        "partnership.name", "no value", "the partnership's name, shown at the top of every page, in quotes",
        'Add "name": "..." to the block. ' + ASK)]


def test_validate_reports_a_line_separator_in_the_site_description(make_package):
    assert new_messages(make_package(_set_partnership("site_description", "Help\u2028now"))) == [_message(
        "partnership.site_description", 'a line separator (U+2028) in "Help now"',
        "one line of text: it is shown on one line, as a title, label or id",
        "Join the lines into one: delete the line break (made with Alt+Enter in a spreadsheet), or the empty line at "
        "the end of the cell.")]


def test_validate_reports_a_number_where_the_area_should_be_text(make_package):
    messages = new_messages(make_package(_set_partnership("area", 42)))
    assert _message("partnership.area", "the number 42 instead of text",
                    "the area the partnership covers, such as a city or county, in quotes",
                    "Put the value in double quotes.") in messages


def test_validate_reports_an_over_long_short_name(make_package):
    assert new_messages(make_package(_set_partnership("short_name", "R" * 31))) == [_message(
        "partnership.short_name", f'31 characters: "{"R" * 31}"', "at most 30 characters", "Shorten the text.")]


@pytest.mark.parametrize("value", ["mailto:x", "help@example.org?subject=Hi&bcc=collector@example.net",
                                   "help?bcc=collector%40example.net@example.org",
                                   "help@example.org)[Call](https://example.net/?.uk", "help@example.org, b@example.org",
                                   "help@localhost", "help@example.org.evil.test"])
def test_validate_reports_a_contact_email_that_is_not_one_address(make_package, value):
    assert new_messages(make_package(_set_partnership("contact_email", value))) == [_message(
        "partnership.contact_email", f'"{value}"', "an email address such as name@example.org.uk, or null",
        "Write the address only, in quotes, without 'mailto:' or spaces.")]


@pytest.mark.parametrize("value", ["help@example.org.uk", "first_last@nhs.net", "o'brien+drugs@example.org"])
def test_an_ordinary_address_is_one_address(value):
    from build_charts.contacts import email_problem

    assert email_problem(value) is None


def test_validate_warns_when_the_partnership_publishes_no_contact():
    from build_charts.settings import PROJECT_ROOT
    from build_charts.validate import validate_package
    from conftest import TODAY

    warnings = [as_text(p) for p in validate_package(PROJECT_ROOT / "datasets", today=TODAY) if p.code == "no-contact"]
    assert warnings == [
        'Warning in datasets/datapackage.json, column "partnership.contact_email"\n'
        "  Found:    no contact address\n"
        "  Expected: the partnership's email address, which the help page gives readers who find a wrong number\n"
        '  Fix:      Add "contact_email": "name@example.org.uk" to the partnership block. Until then readers report '
        "a wrong number on the site's GitHub repository when it is published from one (the first line of this report "
        "says where), and otherwise read that no contact has been published yet."]


def test_validate_reports_a_licence_without_a_web_address_and_with_html(make_package):
    def change(descriptor):
        descriptor["licenses"][0]["path"] = "javascript:x"
        descriptor["licenses"][0]["title"] = "<b>Open</b>"
    assert new_messages(make_package(_edit_descriptor(change))) == [
        _message("licenses[0].path", '"javascript:x"', "the full address of the licence's text, starting with https://",
                 "Copy the address of the licence from the browser's address bar."),
        _message("licenses[0].title", 'text containing HTML or a script: "<b>Open</b>"',
                 "plain text with no HTML tags, scripts or javascript: links",
                 "Remove the tags. Write the words only; the site adds its own formatting."),
    ]


def test_validate_reports_a_package_with_no_licence(make_package):
    assert new_messages(make_package(_edit_descriptor(lambda d: d.__setitem__("licenses", [])))) == [_message(
        "licenses", "no licence",
        'a list of licences, such as [{"name": "OGL-UK-3.0", "title": "...", "path": "https://..."}]',
        "Add the licence the data is published under, so people know they may reuse it. " + ASK)]


def test_a_control_character_never_reaches_the_terminal_from_a_report():
    problem = Problem(code="x", file="datasets/a.csv", row=2, column="title\x1b[2J", found="\x1b[31mred\u202e",
                      expected="e", fix="f")
    assert as_report([problem]).splitlines()[:2] == [
        'Error in datasets/a.csv, row 2, column "title[U+001B][2J"', "  Found:    [U+001B][31mred[U+202E]"]


def test_validate_reports_comparator_areas_that_are_not_a_list(make_package):
    messages = new_messages(make_package(_set_partnership("comparator_areas", "England")))
    assert _message("partnership.comparator_areas", '"England" instead of a list',
                    'a list of area names in square brackets, such as ["England", "Hampshire"]',
                    "Write the areas as a list: each name in quotes, separated by commas, inside [ and ].") in messages
    assert not any("(E, a, d, g, l, n)" in message for message in messages)


def test_the_build_command_refuses_a_script_exit_address_and_publishes_nothing(tmp_path):
    from test_validate import run_cli

    from conftest import copy_project
    paths = copy_project(tmp_path)
    _set_partnership("exit_url", "javascript:void(0)")(paths.datasets)
    result = run_cli(paths.root, "build")
    assert result.returncode == 1
    assert 'Error in datasets/datapackage.json, column "partnership.exit_url"\n' in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not paths.site.exists()


@pytest.mark.parametrize("change, found", [
    (lambda d: d["resources"][0].__setitem__("path", "../../etc/passwd"),
     "a datapackage.json whose list of files is damaged: each needs a name and a file in the datasets folder"),
    (lambda d: d["resources"][0].pop("path"),
     "a datapackage.json whose list of files is damaged: each needs a name and a file in the datasets folder"),
    (lambda d: d.__setitem__("resources", "all"), "a datapackage.json without its list of files"),
])
def test_validate_refuses_a_damaged_list_of_files_with_one_message(make_package, change, found):
    assert new_messages(make_package(_edit_descriptor(change))) == [
        "Error in datasets/datapackage.json\n"
        f"  Found:    {found}\n"
        "  Expected: a readable datapackage.json\n"
        "  Fix:      Undo the last change to datapackage.json; it must be valid JSON."]


def test_validate_refuses_json_nested_too_deeply(make_package):
    def edit(datasets):
        (datasets / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert new_messages(make_package(edit)) == [
        "Error in datasets/datapackage.json\n"
        "  Found:    JSON nested too deeply to read\n"
        "  Expected: a readable datapackage.json\n"
        "  Fix:      Undo the last change to datapackage.json; it must be valid JSON."]


def test_validate_reports_a_help_contact_email_that_copies_in_another_address(make_package):
    from conftest import set_cell

    value = "help?bcc=collector%40example.net@example.org"
    messages = new_messages(make_package(lambda d: set_cell(d, "help_services.csv", 2, "email", value)))
    assert messages == [
        'Error in datasets/help_services.csv, row 2, column "email"\n'
        f'  Found:    "{value}": characters before the @ that an address the site links to may not hold (such as ? & '
        "% ( ) [ ])\n"
        "  Expected: an email address such as name@example.org.uk\n"
        "  Fix:      Write the address only, as the source prints it, without 'mailto:' or spaces."]
