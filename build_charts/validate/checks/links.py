"""Web addresses and email addresses are safe and complete."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from build_charts.validate.problem import Problem, shorten

URL_COLUMNS = {"url"}
EMAIL_COLUMNS = {"email", "contact_email"}
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[a-zA-Z]{2,}$")
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
                value = row[column].strip()
                if value and not EMAIL.match(value):
                    yield Problem(code="bad-email", file=table.file, row=row_number, column=column,
                                  found=f'"{value}"', expected="an email address such as name@example.org.uk",
                                  fix="Write the address only, without 'mailto:' or spaces.")


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
