"""Web addresses and email addresses are safe and complete."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from build_charts.validate.problem import Problem

URL_COLUMNS = {"url"}
EMAIL_COLUMNS = {"email", "contact_email"}
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[a-zA-Z]{2,}$")


def check(tables, context):
    """Report web addresses without http(s):// and malformed email addresses."""
    for table in tables.values():
        for row_number, row in table.rows():
            for column in URL_COLUMNS & set(table.frame.columns):
                value = row[column].strip()
                if value and not _is_web_address(value):
                    yield Problem(
                        code="bad-url",
                        file=table.file,
                        row=row_number,
                        column=column,
                        found=f'"{value}"',
                        expected="a full web address starting with https:// (or http://)",
                        fix=f'Copy the address from the browser\'s address bar, e.g. "https://{_bare(value)}".'
                        if not value.lower().startswith("javascript:")
                        else "Replace it with the service's real web address starting https://.",
                    )
            for column in EMAIL_COLUMNS & set(table.frame.columns):
                value = row[column].strip()
                if value and not EMAIL.match(value):
                    yield Problem(
                        code="bad-email",
                        file=table.file,
                        row=row_number,
                        column=column,
                        found=f'"{value}"',
                        expected="an email address such as name@example.org.uk",
                        fix="Write the address only, without 'mailto:' or spaces.",
                    )


def _is_web_address(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in {"http", "https"} and bool(parsed.netloc) and " " not in value


def _bare(value: str) -> str:
    return re.sub(r"^[a-zA-Z]+:/*", "", value)
