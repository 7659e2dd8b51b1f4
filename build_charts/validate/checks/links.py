"""Web addresses and email addresses are safe and complete."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from build_charts.contacts import email_address, email_problem, has_mailto
from build_charts.validate.problem import Problem, quoted, shorten

URL_COLUMNS = {"url"}
EMAIL_COLUMNS = {"email", "contact_email"}
SCRIPT = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.IGNORECASE)
WEB_ADDRESS = "a full web address starting with https:// (or http://)"


def check(tables, context):
    """Report web addresses without http(s):// or that run a script, and malformed email addresses."""
    for table in tables.values():
        url_columns = sorted(URL_COLUMNS & set(table.frame.columns))
        email_columns = sorted(EMAIL_COLUMNS & set(table.frame.columns))
        if not url_columns and not email_columns:
            continue
        for row_number, row in table.rows():
            for column in url_columns:
                problem = url_problem(row[column].strip())
                if problem:
                    found, fix = problem
                    yield Problem(code="bad-url", file=table.file, row=row_number, column=column,
                                  found=found, expected=WEB_ADDRESS, fix=fix)
            for column in email_columns:
                problem = email_cell_problem(row[column].strip())
                if problem:
                    code, found, fix = problem
                    yield Problem(code=code, file=table.file, row=row_number, column=column, found=found,
                                  expected="an email address such as name@example.org.uk", fix=fix)


def email_cell_problem(value: str) -> tuple[str, str, str] | None:
    """Why an email cell cannot be linked to, as (code, found, fix); None when it is empty or a good address.

    A `mailto:` before a good address is its own problem: --fix deletes it, and the site never links to
    mailto:mailto:.
    """
    if not value:
        return None
    reason = email_problem(value)
    if has_mailto(value) and reason is None:
        return ("mailto-in-email", f'{quoted(value)}, which starts with "mailto:"',
                f'Delete "mailto:" so the cell reads "{email_address(value)}": the site makes the link itself. '
                "On a pull request the Autofix check does this for you; on your computer, "
                "'python -m build_charts validate --fix' does.")
    if reason:
        return ("bad-email", f"{quoted(value)}: {reason[0].lower()}{reason[1:]}",
                "Write the address only, as the source prints it, without 'mailto:' or spaces.")
    return None


def url_problem(value: str) -> tuple[str, str] | None:
    """Why a cell is not a safe, complete web address, as (found, fix); None when it is fine or empty."""
    if not value or _is_web_address(value):
        return None
    if SCRIPT.match(value):
        return (f'"{shorten(value)}", a script rather than a web address',
                "Replace it with the service's real web address starting https://.")
    if not urlparse(value).scheme or value.lower().startswith("www."):
        return (f'"{value}", which has no https:// at the start',
                f'Copy the address from the browser\'s address bar, e.g. "https://{_bare(value)}".')
    return (f'"{shorten(value)}"', "Copy the address from the browser's address bar; it starts with https://.")


def _is_web_address(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in {"http", "https"} and bool(parsed.netloc) and " " not in value


def _bare(value: str) -> str:
    return re.sub(r"^[a-zA-Z]+:/*", "", value)
