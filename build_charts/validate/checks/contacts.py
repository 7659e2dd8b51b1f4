"""Help contacts: every listed service can be reached, and phone numbers have a UK shape."""

from __future__ import annotations

import re

from build_charts.validate.problem import Problem

PHONE_COLUMNS = ("phone", "text_number")
CONTACT_COLUMNS = ("phone", "text_number", "url", "email")
SHORT_CODES = re.compile(r"^(999|111|112|101|116\d{3}|118\d{3}|\d{5})$")


def check(tables, context):
    """Report services with no way to reach them and phone numbers a spreadsheet has mangled."""
    table = tables.get("help_services")
    if table is None:
        return
    for row_number, row in table.rows():
        if not any(row.get(c, "").strip() for c in CONTACT_COLUMNS if c in row):
            yield Problem(
                code="no-contact",
                file=table.file,
                row=row_number,
                column="phone",
                found="no phone, text number, web address or email",
                expected="at least one way to contact the service",
                fix="Add the contact details the source gives. If the source gives none, delete the row.",
            )
        for column in PHONE_COLUMNS:
            value = row.get(column, "").strip()
            if value:
                problem = phone_problem(value)
                if problem:
                    found, fix = problem
                    yield Problem(
                        code="bad-phone",
                        file=table.file,
                        row=row_number,
                        column=column,
                        found=found,
                        expected="a UK number starting with 0 (e.g. 02380 881400), +44, or a short number such as 999",
                        fix=fix,
                    )


def phone_problem(value: str) -> tuple[str, str] | None:
    """Why a phone number is not a usable UK number, as (found, fix); None when it is fine."""
    if re.fullmatch(r"[\d.]+[eE]\+?\d+", value):
        return (
            f'"{value}", a number a spreadsheet turned into scientific notation',
            "Its last digits are lost. Format the phone column as Text in your spreadsheet, then copy the number "
            "again from the source, with its leading 0.",
        )
    digits = re.sub(r"[\s()\-]", "", value)
    if not re.fullmatch(r"\+?\d+", digits):
        return (f'"{value}"', "Write the number with digits and spaces only.")
    if SHORT_CODES.match(digits):
        return None
    if digits.startswith("+44"):
        return None if len(digits) in (12, 13) else (f'"{value}"', "Check the number has all its digits.")
    if not digits.startswith("0"):
        return (
            f'"{value}", which has lost its leading 0',
            f'Type it again as "0{value}" and format the phone column as Text so the 0 stays.',
        )
    if len(digits) not in (10, 11):
        return (f'"{value}", which has {len(digits)} digits', "UK numbers have 10 or 11 digits: check the source.")
    return None
