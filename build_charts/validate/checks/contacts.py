"""Help contacts: every listed service can be reached, and each number can exist and sits in the right column.

Opening hours, including hours a spreadsheet turned into a date, are checked with the rest of the help page's
rules (checks/help_page.py).

Numbers are read by build_charts.contacts (Google's libphonenumber data), the same reading the help page uses to
show and dial them, so a number the check accepts is the number a reader's phone calls.
"""

from __future__ import annotations

import re

from build_charts.contacts import (
    CALL_SHORT,
    EMERGENCY,
    INVALID,
    MOBILE,
    TEXT_SHORT,
    in_scientific_notation,
    lost_leading_zero,
    read_number,
)
from build_charts.validate.problem import Problem, quoted

PHONE_COLUMNS = ("phone", "text_number")
CONTACT_COLUMNS = (*PHONE_COLUMNS, "url", "email")
PHONE_EXPECTED = "a phone number that exists, written as the source prints it (e.g. 023 8088 1400 or +44 23 8088 1400), or a short number such as 999 or 111"
TEXT_EXPECTED = "a number that can receive texts: a text short code (such as 82111) or a mobile number (07…)"


def check(tables, context):
    """Report services with no way to reach them, and numbers that cannot exist or sit in the wrong column."""
    table = tables.get("help_services")
    if table is None:
        return
    for row_number, row in table.rows():
        base = dict(file=table.file, row=row_number)
        if not any(row.get(c, "").strip() for c in CONTACT_COLUMNS if c in row):
            yield Problem(code="no-contact", column="phone", found="no phone, text number, web address or email",
                          expected="at least one way to contact the service",
                          fix="Add the contact details the source gives. If the source gives none, delete the row.",
                          **base)
        name = row.get("name", "").strip()
        for column, problem_of in (("phone", phone_problem), ("text_number", text_number_problem)):
            value = row.get(column, "").strip()
            problem = problem_of(value, name) if value else None
            if problem:
                code, found, fix = problem
                yield Problem(code=code, column=column, found=found, fix=fix,
                              expected=PHONE_EXPECTED if column == "phone" else TEXT_EXPECTED, **base)


def _service(value: str, name: str) -> str:
    return f"{quoted(value)} for {name}" if name else quoted(value)


def _mangled(value: str, name: str) -> tuple[str, str, str] | None:
    """What a spreadsheet did to a number typed as a number: scientific notation, or the leading 0 dropped."""
    if in_scientific_notation(value):
        return ("bad-phone", f"{_service(value, name)}, a number a spreadsheet turned into scientific notation",
                "Its last digits are lost. Format the column as Text in your spreadsheet, then copy the number "
                "again from the source, with its leading 0.")
    if lost_leading_zero(value):
        return ("bad-phone", f"{_service(value, name)}, which has lost its leading 0",
                f'Type it again as "0{value}" and format the column as Text so the 0 stays.')
    return None


def phone_problem(value: str, name: str = "") -> tuple[str, str, str] | None:
    """Why a number to call cannot be right, as (code, found, fix); None when a phone can dial it."""
    if mangled := _mangled(value, name):
        return mangled
    number = read_number(value)
    if number.kind == TEXT_SHORT:
        return ("number-in-wrong-column", f"{_service(value, name)}, a text short code, which cannot be called",
                "Move it to the text_number column, and put the number to call (if the source gives one) here.")
    if number.kind == INVALID:
        return ("bad-phone", f"{_service(value, name)}, which is not a number that can exist",
                _cannot_exist_fix(value))
    return None


def text_number_problem(value: str, name: str = "") -> tuple[str, str, str] | None:
    """Why a number to text cannot be right, as (code, found, fix); None when it can receive texts."""
    if mangled := _mangled(value, name):
        return mangled
    number = read_number(value)
    if number.kind == INVALID:
        return ("bad-phone", f"{_service(value, name)}, which is not a number that can exist",
                _cannot_exist_fix(value))
    if number.kind not in (TEXT_SHORT, MOBILE, EMERGENCY):
        what = "a short number to call" if number.kind == CALL_SHORT else "a number to call, which cannot receive texts"
        return ("number-in-wrong-column", f"{_service(value, name)}, {what}",
                "Move it to the phone column, and put the number to text (if the source gives one) here.")
    return None


def _cannot_exist_fix(value: str) -> str:
    if not re.fullmatch(r"\+?[\d\s().\-]+", value):
        return "Write the number with digits and spaces only; put words such as opening hours in their own column."
    return ("A digit is probably missing or extra. Copy the number again from the source, digit by digit; if the "
            "source prints it like this, ask the service for the right number before publishing it.")
