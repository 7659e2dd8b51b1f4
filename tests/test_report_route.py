"""Report a problem always leads somewhere: the partnership's email, a form it names, or, for a site published from
GitHub, a new issue on its repository prefilled with the page's address. Validation says which one is in use."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from test_content_checks import problems_with, set_partnership
from test_validate import run_cli

from build_charts import pipeline
from build_charts.report_route import PUBLISHED_FROM, ReportRoute, new_issue_url, published_repository, report_route
from build_charts.settings import Paths, read_settings
from conftest import TODAY, copy_project, fixture_project, page

REPOSITORY = "https://github.com/example-partnership/drug-harm-site"


def test_the_route_is_the_email_then_a_form_then_the_github_repository_then_none():
    assert report_route({"contact_email": "a@example.org", "repository_url": REPOSITORY}).kind == "email"
    assert report_route({"report_form_url": "https://forms.example.org/x", "repository_url": REPOSITORY}) == \
        ReportRoute("form", "https://forms.example.org/x")
    assert report_route({"repository_url": REPOSITORY + "/"}) == ReportRoute("github", REPOSITORY, "partnership")
    assert report_route({}, mkdocs_repo_url=REPOSITORY) == ReportRoute("github", REPOSITORY, "mkdocs")
    assert report_route({"repository_url": "https://gitlab.com/a/b"}).kind == "none"


def test_the_repository_the_site_is_published_from_is_the_last_route_before_none():
    published = "https://github.com/someone/published-site"
    assert report_route({}, published_from=published) == ReportRoute("github", published, "published")
    assert report_route({"repository_url": REPOSITORY}, published_from=published).address == REPOSITORY
    assert report_route({}, REPOSITORY, published).address == REPOSITORY
    assert report_route({"contact_email": "a@example.org"}, published_from=published).kind == "email"
    assert published_repository({PUBLISHED_FROM: published + "\n"}) == published
    assert published_repository({PUBLISHED_FROM: "https://gitlab.com/a/b"}) is None
    assert published_repository({}) is None


def test_the_build_settings_name_mkdocs_yml_repo_url_when_the_partnership_names_no_route(tmp_path):
    paths = copy_project(tmp_path / "project")
    config = paths.config.read_text(encoding="utf-8")
    paths.config.write_text(config + f"repo_url: {REPOSITORY}\n", encoding="utf-8")
    assert read_settings(paths).repo_url == REPOSITORY


def test_a_new_issue_is_prefilled_with_the_pages_title_and_address():
    query = parse_qs(urlsplit(new_issue_url(REPOSITORY, "Get help", "https://example.org/get-help/")).query)
    assert query["title"] == ["Problem with the page: Get help"]
    assert query["body"][0].startswith("Page: https://example.org/get-help/\n")


def test_validate_says_which_route_report_a_problem_takes(tmp_path):
    paths = copy_project(tmp_path / "project")
    assert run_cli(paths.root, "validate").stdout.startswith(
        '"Report a problem" has nowhere to go in this build: set partnership.contact_email, report_form_url or '
        "repository_url in datasets/datapackage.json. The site the Publish workflow builds on GitHub opens a new "
        "issue on the repository it is published from (SITE_REPOSITORY) instead.")
    published = "https://github.com/someone/published-site"
    assert run_cli(paths.root, "validate", SITE_REPOSITORY=published).stdout.startswith(
        f'"Report a problem" on every page: a new issue on {published} (the repository this site is published '
        "from, SITE_REPOSITORY), prefilled with the page's address (no contact_email or report_form_url is set).")
    set_partnership(paths.datasets, repository_url=REPOSITORY)
    assert run_cli(paths.root, "validate", SITE_REPOSITORY=published).stdout.startswith(
        f'"Report a problem" on every page: a new issue on {REPOSITORY} (partnership.repository_url), prefilled '
        "with the page's address (no contact_email or report_form_url is set).")


def test_validate_refuses_a_repository_not_on_github_a_form_not_on_https_and_help_words_not_in_a_list(make_package):
    datasets = make_package(lambda d: set_partnership(d, repository_url="https://example.org/repo",
                                                      report_form_url="http://forms.example.org/x",
                                                      help_search_words="overdose"))
    assert [m.splitlines()[:2] for m in problems_with(datasets, "bad-setting")] == [
        ['Error in datasets/datapackage.json, column "partnership.help_search_words"',
         '  Found:    "overdose" instead of a list'],
        ['Error in datasets/datapackage.json, column "partnership.report_form_url"',
         '  Found:    "http://forms.example.org/x"'],
        ['Error in datasets/datapackage.json, column "partnership.repository_url"',
         '  Found:    "https://example.org/repo"']]


def test_with_a_github_repository_every_page_opens_a_new_issue_with_its_address_and_asks_github_for_nothing(tmp_path):
    paths = copy_project(tmp_path / "project")
    descriptor = json.loads((paths.datasets / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["partnership"]["repository_url"] = REPOSITORY
    (paths.datasets / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    paths = Paths(paths.root, given_site_url="https://example.org/drugs/")
    assert pipeline.build(paths, today=TODAY).ok
    for path in ("", "get-help/", "progress/rdhp-2025-supply/"):
        soup = page(paths.site, path)
        link = soup.find("a", string="Report a problem with this page")
        address = urlsplit(link["href"])
        assert f"{address.scheme}://{address.netloc}{address.path}" == REPOSITORY + "/issues/new", path
        assert parse_qs(address.query)["body"][0].startswith(f"Page: https://example.org/drugs/{path}\n"), path
        # The theme's repository box would ask GitHub's API for the repository's stars: it is not on the page.
        assert soup.select(".md-header__source, .md-nav__source") == [], path
    wrong_number = page(paths.site, "get-help/").find(id="report-heading").find_parent("section")
    assert wrong_number.find("a")["href"].startswith(REPOSITORY + "/issues/new?title=Problem+with+the+page")


@pytest.mark.parametrize("named_by", ["SITE_REPOSITORY", "mkdocs.yml"])
def test_a_site_whose_repository_is_named_outside_the_partnership_block_opens_new_issues_there_from_every_page(
        tmp_path, monkeypatch, named_by):
    """The Publish workflow sets SITE_REPOSITORY, and a fork may name its repository only in mkdocs.yml: a partnership
    that names no email, form or repository still gets a "Report a problem", an "Is a number wrong?" and an
    accessibility statement that all lead to the same place."""
    published = "https://github.com/exampleton/drug-harm-site"
    paths = fixture_project(tmp_path / "project", lambda datasets: set_partnership(datasets, contact_email=None))
    if named_by == "SITE_REPOSITORY":
        monkeypatch.setenv(PUBLISHED_FROM, published)
    else:
        monkeypatch.delenv(PUBLISHED_FROM, raising=False)
        with paths.config.open("a", encoding="utf-8") as config:
            config.write(f"repo_url: {published}\n")
    paths = Paths(paths.root, given_site_url="https://example.org/edap/")
    assert pipeline.build(paths, today=TODAY).ok
    for path in ("", "get-help/", "accessibility/"):
        link = page(paths.site, path).find("a", string="Report a problem with this page")
        address = urlsplit(link["href"])
        assert f"{address.scheme}://{address.netloc}{address.path}" == published + "/issues/new", path
        assert parse_qs(address.query)["body"][0].startswith(f"Page: https://example.org/edap/{path}\n"), path
    wrong_number = page(paths.site, "get-help/").find(id="report-heading").find_parent("section")
    issue = urlsplit(wrong_number.find("a")["href"])
    assert f"{issue.scheme}://{issue.netloc}{issue.path}" == published + "/issues/new"
    assert parse_qs(issue.query)["body"][0].startswith("Page: https://example.org/edap/get-help/\n")
    # The statements' paragraph on how to contact the partnership (a snippet the accessibility statement and the
    # privacy notice include) names the same place.
    contact = (paths.snippets / "partnership-contact.md").read_text(encoding="utf-8")
    assert f"(<{published}/issues/new>)" in contact
