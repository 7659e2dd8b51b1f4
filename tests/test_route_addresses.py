"""The route table (build_charts/routes.py) gives every address: page writers ask it where to write, and the check
of published addresses reads each address through it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_reuse import exampleton_project

from build_charts import routes
from build_charts.package import load_package, read_descriptor, read_text_tables
from build_charts.pages.generate import generate_pages
from build_charts.validate.checks import published
from conftest import TODAY

# The page types of generate_pages' writers (progress, strategies, key facts, help), each moved under moved/.
MOVED = ("progress", "theme", "history", "by_lead_agency", "lead_agency", "by_outcome", "strategies", "strategy",
         "key_facts", "get_help", "commitments_overview")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return exampleton_project(tmp_path_factory.mktemp("routes"))


def test_page_writers_write_where_the_route_table_says(project, monkeypatch):
    package = load_package(project.datasets)
    for name in MOVED:
        monkeypatch.setitem(routes.ROUTES, name, replace(routes.ROUTES[name],
                                                         pattern="moved/" + routes.ROUTES[name].pattern))
    pages = generate_pages(package, [], TODAY)
    assert sorted(path for path in pages if not path.startswith("moved/")) == []
    written = {routes.route_of(path.removesuffix("index.md")) for path in pages}
    assert {"progress", "theme", "history", "by_lead_agency", "strategy", "key_facts", "get_help"} <= written <= set(MOVED)


@pytest.mark.parametrize(("address", "name", "ids", "file"), [
    ("/", "home", {}, ""),
    ("/charts/adults-in-treatment/", "chart", {"chart_id": "adults-in-treatment"}, ""),
    ("/charts/adults-in-treatment/2024-25/", "chart_as_at", {"chart_id": "adults-in-treatment", "period": "2024-25"}, ""),
    ("/charts/adults-in-treatment/data.csv", "chart", {"chart_id": "adults-in-treatment"}, "data.csv"),
    ("/charts/page-2/", "charts", {}, ""),
    ("/progress/edap-treat/edap-2-1/", "history", {"theme_id": "edap-treat", "commitment_id": "edap-2-1"}, ""),
    ("/progress/by-lead-agency/", "by_lead_agency", {}, ""),
    ("/data/sub/progress.csv", "data", {}, "progress.csv"),
    ("/updates/news", "update", {"slug": "news"}, ""),
    ("/our-team/", None, {}, ""),
])
def test_an_address_is_read_as_its_page_type_and_ids(address, name, ids, file):
    found = routes.address_of(address)
    assert (found.name, found.ids, found.file) == (name, ids, file)


def _published(project, *addresses: str) -> list[str]:
    """The messages of the published-address check for a list holding `addresses`."""
    (project.datasets / published.PUBLISHED_URLS).write_text("\n".join(addresses) + "\n", encoding="utf-8")
    descriptor = read_descriptor(project.datasets)
    problems = published.check(project.datasets, descriptor, read_text_tables(project.datasets, descriptor),
                               project.root / "docs")
    return [problem.found for problem in problems if problem.severity != "warning"]


def test_a_page_of_a_split_list_is_not_read_as_a_chart_or_a_commitment(project):
    assert _published(project, "/charts/page-2/", "/progress/edap-treat/page-2/", "/updates/page-2/") == []


def test_a_lost_row_is_found_through_the_route_table(project):
    assert _published(project, "/charts/gone/embed/", "/progress/edap-treat/gone-1/", "/strategy/gone/") == [
        'no row for the chart "gone", which the site published at /charts/gone/embed/',
        'no row for the commitment "gone-1", which the site published at /progress/edap-treat/gone-1/',
        'no row for the strategy "gone", which the site published at /strategy/gone/',
    ]


def test_a_chart_moved_in_the_route_table_is_checked_at_its_new_address(project, monkeypatch):
    monkeypatch.setitem(routes.ROUTES, "chart", replace(routes.ROUTES["chart"], pattern="figures/{chart_id}/"))
    assert _published(project, "/figures/gone/") == ['no row for the chart "gone", which the site published at /figures/gone/']
