"""Spreadsheet error values: a cell that holds #NAME?, #VALUE!, #REF!, #N/A or #DIV/0! holds what Excel showed
when it ran the cell as a formula, not what was typed; the words are lost from the saved file.

Every column of every file is checked, numbers included, and the problem replaces any other on the same cell
(see run.folded): the cell's format does not matter until the value is typed again.
"""

from __future__ import annotations

from build_charts.validate.problem import Problem

KEEP_TEXT = ("Type the value again from the source. To stop it happening again, format the column as Text before "
             "typing, or start the cell with an apostrophe (') so Excel keeps what you type.")
WHAT_EXCEL_DID = {
    "#NAME?": "Excel ran the cell as a formula because it started with =, +, - or @ (a bullet such as \"- Next "
              "step\" does this), and could not read the words as one",
    "#VALUE!": "Excel ran the cell as a formula because it started with =, + or -, and the formula met words "
               "where it needed a number",
    "#REF!": "the cell held a formula pointing to a cell that has since been deleted",
    "#N/A": "the cell held a look-up formula that found nothing",
    "#DIV/0!": "the cell held a formula that divided by zero or by an empty cell",
    "#NUM!": "the cell held a formula whose result is not a number Excel can show",
    "#NULL!": "the cell held a formula with a mistyped range of cells",
    "#SPILL!": "the cell held a formula whose results had no room to spill into",
    "#CALC!": "the cell held a formula Excel could not calculate",
}


def check(tables, context):
    """Report every cell holding a spreadsheet error value instead of the text that was typed."""
    for table in tables.values():
        for row_number, row in table.rows():
            for column, value in row.items():
                found = error_value(value)
                if found:
                    yield Problem(code="spreadsheet-error", file=table.file, row=row_number, column=column,
                                  found=f'"{found}", a spreadsheet error value: {WHAT_EXCEL_DID[found]}. '
                                  "What was typed is lost",
                                  expected="the value itself, as the source gives it",
                                  fix=KEEP_TEXT + (" If the source gives no value, leave the cell empty."
                                                   if found == "#N/A" else ""))


def error_value(value) -> str | None:
    """The spreadsheet error value a cell holds (#NAME? and the others), or None."""
    if not isinstance(value, str) or not value.startswith("#"):
        return None
    value = value.strip().upper()
    return value if value in WHAT_EXCEL_DID else None
