"""One table of addresses: every link is made from it, and the pages, not_in_nav and reserved ids follow it."""

from __future__ import annotations

import dataclasses
import posixpath
import re

import pytest
import yaml

from build_charts import pipeline, routes
from build_charts.pages import registry
from build_charts.routes import ROUTES, Route, absolute_url, nav_entries, not_in_nav, reserved_ids, route_of, url_for
from build_charts.settings import PROJECT_ROOT, Paths
from build_charts.validate import validate_package
from build_charts.validate.report import as_text
from tests.conftest import TODAY, copy_project, fixture_project, page, set_cell

PAGE_MODULES = sorted((PROJECT_ROOT / "build_charts" / "pages").glob("*.py")) + sorted(
    (PROJECT_ROOT / "build_charts" / "charts").glob("*.py"))


def test_a_link_goes_only_as_far_up_as_the_two_pages_share():
    assert url_for("chart", "key-facts/", chart_id="drug-offences-rate") == "../charts/drug-offences-rate/"
    assert url_for("chart", "charts/drug-offences-rate/2024/", chart_id="drug-offences-rate") == "../"
    assert url_for("chart", "charts/drug-offences-rate/", chart_id="drug-offences-rate") == "./"
    assert url_for("home", "charts/x/embed/", file="assets/embed.css") == "../../../assets/embed.css"
    assert url_for("charts", "charts/topics/use/page-2/") == "../../../"


def test_a_link_to_a_markdown_source_names_its_file_and_anchor():
    assert url_for("theme", "progress/", source=True, anchor="c1", theme_id="t1") == "t1/index.md#c1"
    assert url_for("update", "updates/", source=True, slug="news") == "news.md"
    assert url_for("outcomes", "progress/by-outcome/o/", source=True, anchor="o") == "../../../outcomes/index.md#o"


def test_a_page_of_a_list_has_its_own_folder_inside_the_list():
    assert url_for("lead_agency", "progress/by-lead-agency/", number=2, agency="police") == "police/page-2/"
    assert url_for("lead_agency", "progress/by-lead-agency/police/page-2/", agency="police") == "../"


def test_a_full_address_keeps_the_site_address_and_its_sub_path():
    assert absolute_url("chart_embed", "https://owner.github.io/repo/", chart_id="x") == \
        "https://owner.github.io/repo/charts/x/embed/"
    assert absolute_url("data", "https://example.org", file="charts.csv") == "https://example.org/data/charts.csv"
    assert absolute_url("chart", None, chart_id="x") == "/charts/x/"


def test_no_page_or_chart_module_writes_a_relative_address_by_hand():
    written = {path.name: len(re.findall(r"\.\./", path.read_text(encoding="utf-8"))) for path in PAGE_MODULES}
    assert {name: count for name, count in written.items() if count} == {}


LINK = re.compile(r"\]\(([^)\s]+)\)|(?:href|src)=\"([^\"]+)\"")


def _broken_links(staging, written: list[str]) -> list[tuple[str, str]]:
    """Every relative link in the generated pages that lands on no page or file of the site, as (page, link)."""
    broken = []
    for path in written:
        if not path.endswith("index.md"):
            continue
        folder = posixpath.dirname(path)
        for markdown, html in LINK.findall((staging / path).read_text(encoding="utf-8")):
            link = (markdown or html).split("#", 1)[0].split("?", 1)[0]
            if not link or re.match(r"[a-z]+:|//", link):
                continue
            target = posixpath.normpath(posixpath.join(folder, link))
            if target.startswith(".."):
                broken.append((path, markdown or html))
                continue
            target = "" if target == "." else target
            candidates = ([f"{target}/index.md", f"{target}/index.html", f"{target}.md"] if link.endswith("/")
                          else [target])
            if not any((staging / c).is_file() for c in candidates):
                broken.append((path, markdown or html))
    return broken


def test_every_link_a_generated_page_makes_lands_on_a_page_or_file_of_the_site(tmp_path):
    paths = fixture_project(tmp_path / "project")
    written = pipeline.generate(paths, today=TODAY)
    depths = {path.count("/") for path in written}
    assert {1, 2, 3} <= depths  # pages at several depths: a link written for one depth breaks at another
    assert _broken_links(paths.staging, written) == []


@pytest.mark.parametrize(("name", "pattern"), [
    ("chart_as_at", "charts/{chart_id}/as-at/{period}/"),
    ("chart", "charts/one/{chart_id}/"),
    ("theme", "progress/themes/{theme_id}/"),
    ("history", "progress/{theme_id}/commitments/{commitment_id}/"),
    ("strategy", "strategies/{strategy_id}/"),
])
def test_a_page_type_moved_in_the_table_moves_its_pages_and_every_link_to_them(name, pattern, tmp_path, monkeypatch):
    monkeypatch.setitem(routes.ROUTES, name, dataclasses.replace(routes.ROUTES[name], pattern=pattern))
    paths = fixture_project(tmp_path / "project")

    written = pipeline.generate(paths, today=TODAY)

    moved = [path for path in written if route_of(posixpath.dirname(path) + "/") == name]
    assert moved and all(re.fullmatch(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(pattern)) + "index.md", path)
                         for path in moved), moved
    assert _broken_links(paths.staging, written) == []


def test_the_builder_config_leaves_out_of_the_navigation_exactly_the_pages_the_table_says():
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"(?m)^not_in_nav: \|\n((?:  .*\n)+)", text).group(0)
    assert yaml.safe_load(block)["not_in_nav"].split() == not_in_nav()


def test_the_validator_refuses_the_ids_the_table_keeps():
    assert reserved_ids("theme") == {
        "at-a-glance": "every commitment at a glance (progress/at-a-glance/)",
        "by-lead-agency": "the list of commitments by lead agency (progress/by-lead-agency/)",
        "by-outcome": "the lists of themes working towards each outcome (progress/by-outcome/)",
    }
    assert reserved_ids("chart") == {"topics": "the pages that show the charts of each topic (charts/topics/)"}


def test_a_new_page_type_is_written_left_out_of_the_navigation_and_kept_from_theme_ids(tmp_path, monkeypatch):
    monkeypatch.setitem(routes.ROUTES, "leaflets", Route("progress/leaflets/{leaflet}/", "the leaflets", in_nav=False))
    monkeypatch.setitem(registry.WRITERS, "leaflets", lambda inputs: {
        routes.path_for("leaflets", leaflet="naloxone") + "index.md": "# Naloxone\n"})
    paths = copy_project(tmp_path / "project")

    written = pipeline.generate(paths, today=TODAY)

    assert "progress/leaflets/naloxone/index.md" in written
    assert (paths.staging / "progress/leaflets/naloxone/index.md").read_text(encoding="utf-8") == "# Naloxone\n"
    assert reserved_ids("theme")["leaflets"] == "the leaflets (progress/leaflets/)"
    set_cell(paths.datasets, "themes.csv", 2, "theme_id", "leaflets")
    problems = [p for p in validate_package(paths.datasets, today=TODAY) if p.code == "theme-id-reserved"]
    assert [p.found for p in problems] == ['"leaflets", the address the site keeps for the leaflets (progress/leaflets/)']


def test_a_new_page_type_outside_the_navigation_is_in_not_in_nav(monkeypatch):
    monkeypatch.setitem(routes.ROUTES, "leaflets", Route("leaflets/{leaflet}/", "the leaflets", in_nav=False))
    assert "/leaflets/*/" in not_in_nav()


def test_the_builder_config_lists_in_its_navigation_exactly_the_pages_the_table_says():
    config = yaml.safe_load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["nav"] == nav_entries()


def test_every_page_type_in_the_navigation_has_a_title_for_it():
    assert [name for name, route in ROUTES.items() if route.page and route.in_nav and not route.nav_title] == []


def test_each_folder_belongs_to_its_most_fixed_page_type():
    assert route_of("progress/by-lead-agency/") == "by_lead_agency"
    assert route_of("progress/by-lead-agency/police/page-2/") == "lead_agency"
    assert route_of("charts/x/embed/") == "chart_embed"
    assert route_of("charts/x/2024-25/") == "chart_as_at"
    assert route_of("guide/adding-a-chart/") == "guide"
    assert route_of("contact-us/") is None


def _leaflets(monkeypatch):
    """Two new page types: the leaflets list in the navigation, and each leaflet outside it."""
    monkeypatch.setitem(routes.ROUTES, "leaflets", Route("progress/leaflets/", "the leaflets", nav_title="Leaflets"))
    monkeypatch.setitem(routes.ROUTES, "leaflet", Route("leaflets/{leaflet}/", "a leaflet", in_nav=False))
    monkeypatch.setitem(registry.WRITERS, "leaflets", lambda inputs: {
        routes.path_for("leaflets") + "index.md": "# Leaflets\n",
        routes.path_for("leaflet", leaflet="naloxone") + "index.md": "# Naloxone\n"})


def test_the_config_check_says_which_lines_a_new_page_type_needs(tmp_path, monkeypatch):
    _leaflets(monkeypatch)
    paths = copy_project(tmp_path / "project")

    lines = paths.config.read_text(encoding="utf-8").splitlines()
    nav, hidden = lines.index("nav:") + 1, lines.index("not_in_nav: |") + 1

    problems = [p for p in pipeline.validate(paths, today=TODAY).problems if p.file == "mkdocs.yml"]

    assert [as_text(p) for p in problems] == [
        f"Error in mkdocs.yml, line {nav}\n"
        '  Found:    "nav:" has no line for progress/leaflets/index.md\n'
        "  Expected: every page the site makes either in the menu (under nav:) or left out of it (under not_in_nav:)\n"
        f'  Fix:      Add the line "  - Leaflets: progress/leaflets/index.md" under "nav:" (line {nav}), where the page '
        "should appear in the menu.",
        f"Error in mkdocs.yml, line {hidden}\n"
        '  Found:    "not_in_nav:" has no line for /leaflets/*/\n'
        "  Expected: every page the site makes either in the menu (under nav:) or left out of it (under not_in_nav:)\n"
        f'  Fix:      Add the line "  /leaflets/*/" under "not_in_nav: |" (line {hidden}).',
    ]
    assert not pipeline.build(paths, today=TODAY).ok
    assert not paths.site.exists()


def test_a_new_page_type_is_in_the_pages_the_navigation_the_sitemap_and_the_reserved_ids(tmp_path, monkeypatch):
    _leaflets(monkeypatch)
    paths = copy_project(tmp_path / "project")
    config = paths.config.read_text(encoding="utf-8")
    config = config.replace("  - Privacy: privacy.md\n", "  - Privacy: privacy.md\n  - Leaflets: progress/leaflets/index.md\n")
    paths.config.write_text(config.replace("  /guide/\n", "  /guide/\n  /leaflets/*/\n"), encoding="utf-8")

    outcome = pipeline.build(Paths(paths.root, given_site_url="https://example.org/site/"), today=TODAY)

    assert outcome.ok, [p for p in outcome.problems if p.is_error]
    assert {"progress/leaflets/index.md", "leaflets/naloxone/index.md"} <= set(outcome.pages)
    menu = [a.get_text(" ", strip=True) for a in page(paths.site, "").select("nav.md-nav--primary a.md-nav__link")]
    assert "Leaflets" in menu and "Naloxone" not in menu
    assert "/leaflets/*/" in not_in_nav()
    locations = re.findall(r"<loc>([^<]*)</loc>", (paths.site / "sitemap.xml").read_text(encoding="utf-8"))
    assert {"https://example.org/site/progress/leaflets/", "https://example.org/site/leaflets/naloxone/"} <= set(locations)
    assert reserved_ids("theme")["leaflets"] == "the leaflets (progress/leaflets/)"


def test_the_sitemap_lists_the_pages_for_the_public_and_not_the_guide_or_a_chart_to_embed(tmp_path):
    paths = copy_project(tmp_path / "project")

    assert pipeline.build(Paths(paths.root, given_site_url="https://example.org/"), today=TODAY).ok

    locations = re.findall(r"<loc>([^<]*)</loc>", (paths.site / "sitemap.xml").read_text(encoding="utf-8"))
    folders = [location.removeprefix("https://example.org/") for location in locations]
    assert {"", "get-help/", "privacy/", "charts/drug-offences-rate/", "updates/"} <= set(folders)
    assert [f for f in folders if f.startswith(("guide/", "search/")) or f.endswith("/embed/")] == []
    assert folders == sorted(folders) and len(folders) == len(set(folders))
