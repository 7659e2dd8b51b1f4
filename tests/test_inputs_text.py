"""Text that validates is text the site can show: no hidden characters, one line where a page shows one line,
ids that match their pattern in full and fit a folder name, and the same reading of every CSV file."""

from __future__ import annotations

import csv

import pytest
from frictionless import Package
from test_validate import new_messages

from build_charts.package import read_descriptor, read_text_tables
from build_charts.validate.frictionless import _read_as_the_build_does
from conftest import set_cell

INVISIBLE_FIX = ("Retype the text around it, or copy it again from the source as plain text. Invisible characters "
                 "can make text show in a misleading order, and stop people finding it by search.")
CONTROL_FIX = ("Retype the text, or copy it again from the source as plain text. These characters usually come from "
               "copying text out of a PDF or another program.")


def _message(file: str, row: int, column: str, found: str, expected: str, fix: str) -> str:
    return (f'Error in datasets/{file}, row {row}, column "{column}"\n  Found:    {found}\n'
            f"  Expected: {expected}\n  Fix:      {fix}")


CASES = {
    "line break in a unit": (
        ("indicators.csv", 2, "unit", "people\nper 1,000"),
        ('a line break in "people per 1,000"',
         "one line of text: it is shown on one line, as a title, label or id",
         "Join the lines into one: delete the line break (made with Alt+Enter in a spreadsheet), or the empty line "
         "at the end of the cell.")),
    "line break at the end of a title": (
        ("charts.csv", 2, "title", "Drug deaths\n"),
        ('a line break in "Drug deaths"',
         "one line of text: it is shown on one line, as a title, label or id",
         "Join the lines into one: delete the line break (made with Alt+Enter in a spreadsheet), or the empty line "
         "at the end of the cell.")),
    "line separator in a paragraph": (
        ("progress.csv", 2, "achievements", "Done.\u2028More."),
        ('a line separator (U+2028) in "Done. More."', "ordinary line breaks between lines and paragraphs",
         "Replace it with an ordinary line break (press Enter, or Alt+Enter in a spreadsheet cell). It comes from "
         "copying text out of some programs.")),
    "escape character in a title": (
        ("indicators.csv", 2, "title", "Deaths\x1b[31m"),
        ('a hidden control character (U+001B) in "Deaths[U+001B][31m"', "text with no hidden control characters",
         CONTROL_FIX)),
    "tab inside a unit": (
        ("indicators.csv", 2, "unit", "people\tper 1,000"),
        ('a hidden control character (a tab) in "people per 1,000"', "text with no hidden control characters",
         CONTROL_FIX + " Use spaces instead of tabs.")),
    "right-to-left override": (
        ("glossary.csv", 2, "term", "Naloxone\u202eenoxolaN"),
        ('an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE) in "Naloxone[U+202E]enoxolaN"',
         "text with no invisible formatting characters", INVISIBLE_FIX)),
    "zero-width space": (
        ("glossary.csv", 2, "term", "Nal\u200boxone"),
        ('an invisible character (U+200B ZERO WIDTH SPACE) in "Nal[U+200B]oxone"',
         "text with no invisible formatting characters", INVISIBLE_FIX)),
    "id with a line break at the end": (
        ("charts.csv", 2, "chart_id", "drug-deaths\n"),
        ('"drug-deaths" followed by a line break', "Short permanent id; the chart's address is charts/<chart_id>/.",
         "Delete the line break at the end of the cell (in a spreadsheet, click the cell and press Backspace at the "
         "end of the text).")),
    "id over 80 characters": (
        ("glossary.csv", 2, "term_id", "a" * 81),
        (f'81 characters: "{"a" * 59}…"', "at most 80 characters",
         "Use a shorter id: ids become part of web addresses and folder names.")),
    "term over 300 characters": (
        ("glossary.csv", 2, "term", "word " * 70),
        ('350 characters: "word word word word word word word word word word word word…"', "at most 300 characters",
         "Shorten the text, keeping what a reader needs on this page. If the source says more, link to it from "
         "sources.csv rather than copying it all.")),
    "NUL character": (
        ("indicators.csv", 3, "title", "Deaths\x00 from drugs"),
        ('a hidden NUL character (U+0000) in "Deaths from drugs"', "text with no hidden control characters",
         "Retype the cell, or copy it again from the source as plain text. Until then the file cannot be read: the "
         "character ends the text for some programs.")),
}


@pytest.mark.parametrize("edit, message", CASES.values(), ids=CASES.keys())
def test_validate_reports_a_hidden_character_or_a_long_value_where_it_is(make_package, edit, message):
    file, row, column, value = edit
    datasets = make_package(lambda d: set_cell(d, file, row, column, value))
    assert new_messages(datasets) == [_message(file, row, column, *message)]


def test_a_line_break_inside_a_paragraph_column_is_fine(make_package):
    datasets = make_package(lambda d: set_cell(d, "progress.csv", 2, "achievements", "* Trained staff\n* Met twice"))
    assert new_messages(datasets) == []


def _space_before_quote(datasets):
    path = datasets / "glossary.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    term_id, rest = lines[1].split(",", 1)
    term = rest.split(",", 1)[1] if rest.startswith('"') is False else None
    assert term is not None
    lines[1] = f'{term_id}, "Naloxone",{term}'
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_space_before_an_opening_quote_is_reported_as_the_build_would_read_it(make_package):
    datasets = make_package(_space_before_quote)
    assert new_messages(datasets) == [_message(
        "glossary.csv", 2, "term", 'a space before the opening quote of "Naloxone"',
        "a cell that starts with its text, or with the quote mark itself",
        'Delete the space after the comma, so the cell starts with " (otherwise the quote marks, and any comma '
        "inside them, become part of the text).")]


def _space_before_every_quote(datasets):
    """Every text cell of glossary.csv written `, "text"`, which makes a reader that guesses skip the spaces."""
    path = datasets / "glossary.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    lines = [",".join(rows[0])]
    for term_id, term, abbreviation, definition, source_id in rows[1:]:
        term, definition = term.replace(",", ""), definition.replace(",", "")
        lines.append(f'{term_id}, "{term}",{abbreviation}, "{definition}",{source_id}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_validation_and_the_build_read_every_file_the_same_way(make_package):
    datasets = make_package(_space_before_every_quote)
    descriptor = read_descriptor(datasets)
    built = {name: table.records for name, table in read_text_tables(datasets, descriptor).items()}
    package = Package(str(datasets / "datapackage.json"))
    for resource in package.resources:
        _read_as_the_build_does(resource)
        with resource:
            checked = [[("" if cell is None else cell) for cell in row] for row in resource.cell_stream]
        assert checked[1:] == [list(record.values()) for record in built[resource.name]], resource.name
    assert built["glossary"][0]["term"] == ' "County lines"'


@pytest.mark.parametrize("character, name", [("\v", "a vertical tab (U+000B)"), ("\f", "a form feed (U+000C)"),
                                             ("\x85", "a next-line character (U+0085)"),
                                             ("\u2029", "a paragraph separator (U+2029)")])
def test_only_ordinary_line_breaks_are_allowed_in_a_paragraph(character, name):
    from build_charts.validate.checks.characters import character_problem
    code, found, _, _ = character_problem(f"One.{character}Two.", multi_line=True)
    assert (code, found) == ("line-break", f'{name} in "One. Two."')
    assert character_problem("One.\r\nTwo.\n\n* Three.", multi_line=True) is None
