"""Where "Report a problem" leads: a route that exists, decided once from the partnership's settings.

In order: the partnership's email (`contact_email`), a form it names (`report_form_url`), or, for a site published
from GitHub, a new-issue form on its repository prefilled with the page's address: the repository the partnership
names (`repository_url`), else mkdocs.yml's `repo_url`, else the one the site is being published from (the
SITE_REPOSITORY environment variable, which the Publish and Preview workflows set to the repository they run in).
With none of these there is no route, and validation says so.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

GITHUB_REPOSITORY = re.compile(r"^https://github\.com/[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}/?$")
# The repository the site is being published from, as the workflows give it: ${{ github.server_url }}/${{ github.repository }}.
PUBLISHED_FROM = "SITE_REPOSITORY"
# Where each kind of repository setting comes from, as validation names it.
_SETTING = {"partnership": "partnership.repository_url", "mkdocs": "repo_url in mkdocs.yml",
            "published": f"the repository this site is published from, {PUBLISHED_FROM}"}


@dataclass(frozen=True)
class ReportRoute:
    """How a reader reports a problem: kind is 'email', 'form', 'github' or 'none'; `address` is where it goes."""

    kind: str
    address: str | None = None
    setting: str | None = None  # for 'github': which setting named the repository ('partnership', 'mkdocs', 'published')

    def describe(self) -> str:
        """One sentence for the validation report: which route "Report a problem" uses."""
        if self.kind == "email":
            return f'"Report a problem" on every page: an email to {self.address} (partnership.contact_email).'
        if self.kind == "form":
            return f'"Report a problem" on every page: the form at {self.address} (partnership.report_form_url).'
        if self.kind == "github":
            return (f'"Report a problem" on every page: a new issue on {self.address} '
                    f"({_SETTING.get(self.setting or 'partnership')}), prefilled with the page's address "
                    "(no contact_email or report_form_url is set).")
        return ('"Report a problem" has nowhere to go in this build: set partnership.contact_email, report_form_url or '
                "repository_url in datasets/datapackage.json. The site the Publish workflow builds on GitHub opens "
                f"a new issue on the repository it is published from ({PUBLISHED_FROM}) instead.")


def report_route(partnership: Mapping, mkdocs_repo_url: object = None, published_from: str | None = None
                 ) -> ReportRoute:
    """The route "Report a problem" takes for this partnership (validation checks each setting's form).

    `mkdocs_repo_url` is mkdocs.yml's `repo_url`; `published_from` the repository the site is being published from
    (`published_repository()`). A repository that is not on GitHub is no route: only GitHub's new-issue form is known.
    """
    if partnership.get("contact_email"):
        return ReportRoute("email", partnership["contact_email"])
    if partnership.get("report_form_url"):
        return ReportRoute("form", partnership["report_form_url"])
    for setting, repository in (("partnership", partnership.get("repository_url")), ("mkdocs", mkdocs_repo_url),
                                ("published", published_from)):
        if isinstance(repository, str) and GITHUB_REPOSITORY.match(repository):
            return ReportRoute("github", repository.rstrip("/"), setting)
    return ReportRoute("none")


def published_repository(environ: Mapping[str, str] = os.environ) -> str | None:
    """The GitHub repository this site is being published from (SITE_REPOSITORY), when it is one; else None."""
    repository = environ.get(PUBLISHED_FROM, "").strip()
    return repository if GITHUB_REPOSITORY.match(repository) else None


def new_issue_url(repository: str, page_title: str, page_address: str) -> str:
    """A new-issue form on a GitHub repository, prefilled with the page's title and address."""
    query = urlencode({"title": f"Problem with the page: {page_title}",
                       "body": f"Page: {page_address}\n\nWhat is wrong (for a phone number, which service):\n"})
    return f"{repository}/issues/new?{query}"
