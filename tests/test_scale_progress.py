"""Lists of commitments stay light as a partnership grows: a large partnership's outcomes page gives each outcome its
counts by status and links to the themes working towards it, and its commitments by lead agency move to a page per
agency, split into pages; the real site keeps every commitment on one page."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from bench.synthetic import Size, write_package

from build_charts import pipeline
from build_charts.package import load_package, read_descriptor
from build_charts.pages import by_agency, by_outcome
from build_charts.pages.by_agency import agency_folders, lead_agency_pages
from build_charts.pages.by_outcome import outcome_progress_pages
from build_charts.pages.outcomes import outcomes_page
from build_charts.settings import PROJECT_ROOT
from build_charts.validate.report import as_text
from build_charts.vocab import vocabularies
from conftest import TODAY, copy_project, page

# The words of the kit's own data package, which the packages below are made from.
WORDS = vocabularies(read_descriptor(PROJECT_ROOT / "datasets"))
OUTCOMES = WORDS.outcomes

# 4 themes of 14 commitments, 2 reporting periods, 12 areas with 2 periods of figures (24 values per indicator).
LISTS = Size("lists", areas=12, indicators=6, value_periods=2, commitments=56, progress_periods=2, charts=2)
# Lower limits than a real site's, so a small package shows what a large one does.
LIMITS = {"AGENCY_ENTRIES_ON_ONE_PAGE": 20, "COMMITMENTS_PER_AGENCY_PAGE": 6, "OUTCOME_ENTRIES_ON_ONE_PAGE": 30}
EDITORS = "Classified by this site's editors."
STRATEGY = "Named in the strategy."
THEME_OUTCOMES = [("t-000", "reduce-drug-use", EDITORS), ("t-001", "reduce-drug-use", STRATEGY),
                  ("t-000", "reduce-drug-supply", EDITORS), ("t-002", "reduce-drug-related-crime", EDITORS)]
LEADS = {"c-0000": "", "c-0001": "Safe City Partnership; Police", "c-0002": "Children’s Services (SCC)"}


def _rows(datasets: Path, file: str) -> list[dict]:
    return list(csv.DictReader((datasets / file).open(encoding="utf-8")))


def _write_rows(datasets: Path, file: str, rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (datasets / file).write_text(out.getvalue(), encoding="utf-8")


def _link_themes_and_leads(datasets: Path) -> None:
    """Link some themes to outcomes (the synthetic package links none) and give a few commitments unusual leads."""
    _write_rows(datasets, "theme_outcomes.csv",
                [{"theme_id": t, "outcome": o, "basis": b} for t, o, b in THEME_OUTCOMES])
    commitments = _rows(datasets, "commitments.csv")
    for row in commitments:
        row["lead_agency"] = LEADS.get(row["commitment_id"], row["lead_agency"])
    _write_rows(datasets, "commitments.csv", commitments)


def _text(element) -> str:
    return " ".join(element.get_text().split())


def _expected_counts(ids: list[str], latest: dict[str, str]) -> str:
    """The counts by status as the site words them, worked out here from the CSV rows."""
    statuses = [latest[c] for c in ids if c in latest]
    parts = [f"{statuses.count(s)} {WORDS.status_label(s).lower()}" for s in WORDS.statuses if statuses.count(s)]
    if len(ids) > len(statuses):
        parts.append(f"{len(ids) - len(statuses)} with no progress report")
    return ", ".join(parts)


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> SimpleNamespace:
    """A synthetic partnership built with lower limits, so its lists are split as a large partnership's are."""
    root = tmp_path_factory.mktemp("lists")
    datasets = write_package(root / "synthetic", LISTS)
    _link_themes_and_leads(datasets)
    paths = copy_project(root / "project", datasets)
    shutil.rmtree(paths.docs / "updates")  # the real news posts cite the real package's sources
    with pytest.MonkeyPatch.context() as patch:
        for name, value in LIMITS.items():
            patch.setattr(by_outcome if name.startswith("OUTCOME") else by_agency, name, value)
        outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, [as_text(p) for p in outcome.problems if p.is_error]
    commitments = _rows(paths.datasets, "commitments.csv")
    reports = sorted(_rows(paths.datasets, "progress.csv"), key=lambda r: r["period"])
    return SimpleNamespace(site=paths.site, commitments=commitments, themes=_rows(paths.datasets, "themes.csv"),
                           latest={r["commitment_id"]: r["status"] for r in reports},
                           values=_rows(paths.datasets, "indicator_values.csv"),
                           indicators=_rows(paths.datasets, "indicators.csv"))


def _agencies(commitments: list[dict]) -> dict[str, list[dict]]:
    """Each lead agency's commitments in the data's order, worked out here from the CSV rows."""
    groups: dict[str, list[dict]] = {}
    for row in commitments:
        for agency in [a.strip() for a in row["lead_agency"].split(";") if a.strip()] or ["Not reported"]:
            groups.setdefault(agency, []).append(row)
    return groups


def _agency_pages(site: Path, first_url: str) -> dict[str, object]:
    """Every page of one agency's list, by URL path, found by following the links between its pages."""
    first = page(site, first_url.lstrip("/"))
    urls = [first_url] + [urljoin(first_url, a["href"]) for a in first.select("nav.list-pages a")]
    return {url: page(site, url.lstrip("/")) for url in urls}


# Commitments by lead agency


def test_a_large_partnership_lists_each_lead_agency_with_its_counts_by_status(large):
    index = page(large.site, "progress/by-lead-agency/")
    groups = _agencies(large.commitments)
    expected_order = sorted(groups, key=lambda a: (a == "Not reported", a.lower()))
    items = index.select("article li")
    assert [li.a.get_text() for li in items] == expected_order
    for li, agency in zip(items, expected_order, strict=True):
        ids = [c["commitment_id"] for c in groups[agency]]
        count = "1 commitment" if len(ids) == 1 else f"{len(ids)} commitments"
        assert _text(li) == f"{agency} — {count}; {_expected_counts(ids, large.latest)}"
    assert index.select('article a[href*="#c-"]') == []  # the commitments are on the agencies' own pages


def test_each_agency_lists_every_commitment_it_leads_across_its_pages_in_order(large):
    index = page(large.site, "progress/by-lead-agency/")
    for agency, commitments in _agencies(large.commitments).items():
        (link,) = [a for a in index.select("article li a") if a.get_text() == agency]
        pages = _agency_pages(large.site, urljoin("/progress/by-lead-agency/", link["href"]))
        assert len(pages) == -(-len(commitments) // LIMITS["COMMITMENTS_PER_AGENCY_PAGE"]), agency
        listed = []
        for number, (url, soup) in enumerate(pages.items(), start=1):
            title = ("Commitments with no lead agency reported" if agency == "Not reported"
                     else f"Commitments led by {agency}") + (f", page {number} of {len(pages)}" if len(pages) > 1 else "")
            assert _text(soup.h1) == title
            links = soup.select('article li a[href*="#c-"]')
            assert 0 < len(links) <= LIMITS["COMMITMENTS_PER_AGENCY_PAGE"]
            listed += [(urljoin(url, a["href"]), _text(a)) for a in links]
            if len(pages) > 1:
                assert _text(soup.select_one("nav.list-pages [aria-current=page]")) == f"Page {number} (this page)"
                assert {urljoin(url, a["href"]) for a in soup.select("nav.list-pages a")} == set(pages) - {url}
        assert listed == [(f"/progress/{c['theme_id']}/#{c['commitment_id']}", c["title"]) for c in commitments]


def test_every_commitment_link_by_agency_lands_on_its_report(large):
    for folder in (large.site / "progress" / "by-lead-agency").glob("**/index.html"):
        url = "/" + folder.parent.relative_to(large.site).as_posix() + "/"
        for a in page(large.site, url.lstrip("/")).select('article li a[href*="#c-"]'):
            target, anchor = urljoin(url, a["href"]).split("#")
            assert page(large.site, target.lstrip("/")).find(id=anchor) is not None, a["href"]


def test_agency_folders_are_made_from_their_names_and_never_share_an_address():
    names = ["Children’s Services (SCC)", "Children's Services", "Police", "police", "Safe City Partnership/ Home Office",
             "—"]
    assert agency_folders(names) == {
        "Children’s Services (SCC)": "childrens-services-scc", "Children's Services": "childrens-services",
        "Police": "police", "police": "police-2",
        "Safe City Partnership/ Home Office": "safe-city-partnership-home-office", "—": "agency"}


# Outcomes


def test_a_large_outcomes_page_gives_each_outcome_its_counts_by_status_and_links_its_themes(large):
    soup = page(large.site, "outcomes/")
    assert soup.select('article a[href*="#c-"]') == []
    for outcome, title in OUTCOMES.items():
        heading = soup.find(id=outcome)
        assert _text(heading) == title
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            section.append(sibling)
        text = " ".join(_text(e) for e in section)
        links = [(t, b) for t, o, b in THEME_OUTCOMES if o == outcome]
        if not links:
            assert "No commitment is linked to this outcome yet." in text
            continue
        ids = [c["commitment_id"] for c in large.commitments if c["theme_id"] in {t for t, _ in links}]
        themes = "1 theme" if len(links) == 1 else f"{len(links)} themes"
        assert (f"{len(ids)} commitments in {themes} work towards this outcome: "
                f"{_expected_counts(ids, large.latest)}.") in text
        (link,) = [a for e in section for a in e.select("a[href*=by-outcome]")]
        assert urljoin("/outcomes/", link["href"]) == f"/progress/by-outcome/{outcome}/"
        notes = [_text(e) for e in section if e.name == "p" and "note" in e.get("class", [])]
        assert notes == list(dict.fromkeys(basis for _, basis in links))


def test_each_outcome_s_progress_page_lists_the_themes_working_towards_it_with_counts_by_status(large):
    for outcome, title in OUTCOMES.items():
        themes = [t for t, o, _ in THEME_OUTCOMES if o == outcome]
        folder = large.site / "progress" / "by-outcome" / outcome
        if not themes:
            assert not folder.exists()
            continue
        url = f"/progress/by-outcome/{outcome}/"
        soup = page(large.site, url.lstrip("/"))
        assert _text(soup.h1) == f"Progress towards: {title}"
        items = soup.select("article li")
        expected = []
        for theme in (t for t in large.themes if t["theme_id"] in themes):
            ids = [c["commitment_id"] for c in large.commitments if c["theme_id"] == theme["theme_id"]]
            expected.append((f"/progress/{theme['theme_id']}/",
                             f"Theme {theme['number']}: {theme['title']} — {len(ids)} commitments; "
                             f"{_expected_counts(ids, large.latest)}"))
        assert [(urljoin(url, li.a["href"]), _text(li)) for li in items] == expected
        back = soup.find("a", string="all six outcomes")
        assert urljoin(url, back["href"]) == f"/outcomes/#{outcome}"


def test_the_outcomes_page_lists_local_and_comparator_figures_and_says_where_the_others_are(large):
    soup = page(large.site, "outcomes/")
    for indicator in large.indicators:
        (item,) = [li for li in soup.select("article li") if li.strong and _text(li.strong) == indicator["title"]]
        values = [v for v in large.values if v["indicator_id"] == indicator["indicator_id"]]
        local = [v for v in values if v["area"] in ("Benchtown", "Area 001", "Area 002")]
        for value in local:
            assert f"{float(value['value']):g} per 1,000 population ({value['area']}, {value['period']})" in _text(item)
        assert "Area 003" not in _text(item)
        (note,) = item.select("p.fact-more-figures")
        assert _text(note) == (f"{len(values) - len(local)} more figures for 9 other areas are not listed here. They are "
                               f"in the full data (indicator_values.csv), in the rows whose indicator_id is "
                               f"{indicator['indicator_id']}.")
        assert urljoin("/outcomes/", note.a["href"]) == "/data/indicator_values.csv"
    assert (large.site / "data" / "indicator_values.csv").is_file()


def test_the_new_list_pages_stay_out_of_the_navigation_and_the_search_index(large):
    index = json.loads((large.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    searchable = {doc["location"].split("#")[0] for doc in index["docs"]}
    nav = {a["href"] for a in page(large.site, "").select("nav.md-nav--primary a")}
    assert "progress/by-lead-agency/" in searchable  # the list of agencies can be found
    for folder in [*(large.site / "progress" / "by-outcome").iterdir(),
                   *(p for p in (large.site / "progress" / "by-lead-agency").iterdir() if p.is_dir())]:
        location = folder.relative_to(large.site).as_posix() + "/"
        assert location not in searchable
        assert not any(href.rstrip("/").endswith(location.rstrip("/")) for href in nav)


# Weight at the whole-country size, with the real limits


def test_lists_of_commitments_stay_light_at_the_whole_country_size(tmp_path):
    country = Size("country", areas=150, indicators=30, value_periods=10, commitments=2000, progress_periods=1, charts=1)
    datasets = write_package(tmp_path, country)
    themes = [row["theme_id"] for row in _rows(datasets, "themes.csv")]
    _write_rows(datasets, "theme_outcomes.csv",  # the heaviest case: every theme works towards every outcome
                [{"theme_id": t, "outcome": o, "basis": EDITORS} for t in themes for o in OUTCOMES])
    package = load_package(datasets)
    pages = {"outcomes/index.md": outcomes_page(package), **lead_agency_pages(package),
             **outcome_progress_pages(package)}
    assert len([p for p in pages if p.startswith("progress/by-lead-agency/")]) == 1 + 4 + 1  # Police leads more than a page holds
    assert len([p for p in pages if p.startswith("progress/by-outcome/")]) == 6
    # The theme's own files are about 62 KB and a page's chrome about 5 KB: 25 KB of Markdown keeps a page under 100 KB.
    weights = {path: len(gzip.compress(markdown.encode("utf-8"), 6)) for path, markdown in pages.items()}
    assert max(weights.values()) < 25_000, weights


# The real site


def test_the_real_site_keeps_every_commitment_on_its_outcomes_and_lead_agency_pages(built_site):
    links = _rows(PROJECT_ROOT / "datasets", "theme_outcomes.csv")
    commitments = _rows(PROJECT_ROOT / "datasets", "commitments.csv")
    expected = sum(1 for link in links for c in commitments if c["theme_id"] == link["theme_id"])
    assert len(page(built_site, "outcomes/").select('article ul a[href*="#"]')) == expected
    assert not (built_site / "progress" / "by-outcome").exists()
    assert [p for p in (built_site / "progress" / "by-lead-agency").iterdir() if p.is_dir()] == []
    agencies = page(built_site, "progress/by-lead-agency/")
    listed = {a["href"].split("#")[1] for a in agencies.select('article li a[href*="#"]')}
    assert listed == {c["commitment_id"] for c in commitments}
