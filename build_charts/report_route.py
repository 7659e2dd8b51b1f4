"""Where "Report a problem" leads: a route that exists, decided once from the partnership's settings.

In order: the partnership's email (`contact_email`), a form it names (`report_form_url`), or, for a site published
from GitHub, a new-issue form on its repository (`repository_url` in the partnership block, or `repo_url` in
mkdocs.yml) prefilled with the page's address. With none of these there is no route, and validation says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

GITHUB_REPOSITORY = re.compile(r"^https://github\.com/[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}/?$")


@dataclass(frozen=True)
class ReportRoute:
    """How a reader reports a problem: kind is 'email', 'form', 'github' or 'none'; `address` is where it goes."""

    kind: str
    address: str | None = None

    def describe(self) -> str:
        """One sentence for the validation report: which route "Report a problem" uses."""
        if self.kind == "email":
            return f'"Report a problem" on every page: an email to {self.address} (partnership.contact_email).'
        if self.kind == "form":
            return f'"Report a problem" on every page: the form at {self.address} (partnership.report_form_url).'
        if self.kind == "github":
            return (f'"Report a problem" on every page: a new issue on {self.address}, prefilled with the page\'s '
                    "address (no contact_email or report_form_url is set).")
        return ('"Report a problem" has nowhere to go: set partnership.contact_email, report_form_url or '
                "repository_url in datasets/datapackage.json.")


def report_route(partnership: dict, mkdocs_repo_url: str | None = None) -> ReportRoute:
    """The route "Report a problem" takes for this partnership (validation checks each setting's form)."""
    if partnership.get("contact_email"):
        return ReportRoute("email", partnership["contact_email"])
    if partnership.get("report_form_url"):
        return ReportRoute("form", partnership["report_form_url"])
    repository = partnership.get("repository_url") or mkdocs_repo_url
    if isinstance(repository, str) and GITHUB_REPOSITORY.match(repository):
        return ReportRoute("github", repository.rstrip("/"))
    return ReportRoute("none")


def new_issue_url(repository: str, page_title: str, page_address: str) -> str:
    """A new-issue form on a GitHub repository, prefilled with the page's title and address."""
    query = urlencode({"title": f"Problem with the page: {page_title}",
                       "body": f"Page: {page_address}\n\nWhat is wrong (for a phone number, which service):\n"})
    return f"{repository}/issues/new?{query}"
