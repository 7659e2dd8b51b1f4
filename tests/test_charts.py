"""Charts are first-class, linkable objects: a catalogue in the data, a page, embed page and four downloads
per chart, link previews, as-at versions, a cache that renders nothing when nothing changed, and addresses
that never disappear."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from build_charts import pipeline
from build_charts.charts import benchmark, completeness, headline, status_by_theme, trend
from build_charts.charts.catalogue import ChartSpec
from build_charts.charts.context import ChartContext
from build_charts.charts.render import Renderer
from build_charts.package import read_descriptor
from build_charts.pages.chart_index import TOPICS_FOLDER
from build_charts.settings import PROJECT_ROOT
from build_charts.validate import validate_package
from build_charts.validate.checks.chart_catalogue import RESERVED_CHART_IDS
from build_charts.validate.report import as_text
from build_charts.vocab import vocabularies
from conftest import TODAY, append_row, copy_project, page, set_cell

CATALOGUE = [row for row in csv.DictReader((PROJECT_ROOT / "datasets" / "charts.csv").open(encoding="utf-8"))]
DOWNLOADS = ["chart.svg", "chart.png", "chart.vl.json"]


def _text(soup) -> str:
    return " ".join(soup.get_text().split())


@pytest.mark.parametrize("chart_id", [row["chart_id"] for row in CATALOGUE])
def test_every_catalogued_chart_has_its_page_embed_page_and_four_downloads(built_site, chart_id):
    soup = page(built_site, f"charts/{chart_id}/")
    figure = soup.select_one(f"figure#chart-{chart_id}")
    assert figure.select_one("svg[role=img] title").get_text() == next(r["title"] for r in CATALOGUE if r["chart_id"] == chart_id)
    assert figure.figcaption.get_text() == figure.select_one("svg desc").get_text()
    assert soup.select_one("div.table-scroll table caption") is not None
    assert [a["href"] for a in soup.select("ul.chart-downloads a")] == [f"{chart_id}.csv", *DOWNLOADS]
    for name in [f"{chart_id}.csv", *DOWNLOADS]:
        assert (built_site / "charts" / chart_id / name).stat().st_size > 0
    assert soup.find("meta", property="og:image")["content"].endswith("chart.png")
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert soup.find("meta", property="og:description")["content"] == figure.figcaption.get_text()
    embed = page(built_site, f"charts/{chart_id}/embed/")
    assert embed.select_one("svg[role=img]") is not None and embed.find("table") is not None
    assert embed.select_one('a[target="_top"]')["href"] == "../"


def test_the_offences_chart_page_names_its_source_offers_embed_code_and_a_citation(built_site):
    soup = page(built_site, "charts/drug-offences-rate/")
    text = _text(soup)
    assert "Source: Southampton Drugs Strategy 2017-2020, Safe City Partnership, Southampton, date not reported." in text
    assert "The strategy gives no period for these figures." in text
    code = soup.select_one("pre.embed-code code").get_text()
    assert code.startswith('<iframe src="/charts/drug-offences-rate/embed/" title="Police recorded drug offences"')
    assert soup.select_one("p.citation").get_text() == (
        "Southampton Reducing Drug Harm Partnership. Police recorded drug offences [chart]. "
        "/charts/drug-offences-rate/. Accessed [date you read it]. "
        "Data from: Southampton Drugs Strategy 2017-2020, Safe City Partnership, Southampton."
    )
    assert "no reporting period, so it has no as-at versions" in text


def test_the_files_of_one_chart_hold_its_data_spec_and_images(built_site):
    folder = built_site / "charts" / "drug-offences-rate"
    rows = list(csv.DictReader(io.StringIO((folder / "data.csv").read_text(encoding="utf-8"))))
    assert [(r["area"], r["value"]) for r in rows] == [("Southampton", "2.9"), ("England", "2.5"), ("Hampshire", "3.1")]
    assert {r["source_id"] for r in rows} == {"sds-2017"}
    spec = json.loads((folder / "chart.vl.json").read_text(encoding="utf-8"))
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert (folder / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (folder / "chart.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_key_facts_show_each_chart_linked_to_its_own_page(built_site):
    soup = page(built_site, "key-facts/")
    links = [a["href"] for a in soup.select("p.chart-link a")]
    assert "../charts/drug-offences-rate/" in links
    assert len(soup.select("figure.chart .chart-wide svg[role=img]")) == len(links)


def test_the_charts_index_lists_every_chart_with_a_thumbnail(built_site):
    soup = page(built_site, "charts/")
    cards = soup.select("li.chart-card")
    assert [card.a["href"] for card in cards] == [f"{row['chart_id']}/" for row in CATALOGUE]
    assert all(card.img["src"] == card.a["href"] + "chart.svg" and card.img["alt"] == "" for card in cards)


def test_progress_charts_have_an_as_at_version_for_each_reporting_period(fixture_site):
    soup = page(fixture_site, "charts/plan-status/2023-24/")
    assert soup.h1.get_text() == "Where the plan stands, as at 2023/24"
    assert "This is the chart as at 2023/24" in _text(soup)
    assert soup.select_one("figure svg desc").get_text().startswith(
        "6 commitments in their latest reports: 1 on track; 5 with no progress report.")
    latest = page(fixture_site, "charts/plan-status/")
    assert [li.get_text() for li in latest.select("ul.chart-versions li")] == [
        "Latest (this page)", "As at 2023/24", "As at 2024/25"]
    assert [a["href"] for a in latest.select("ul.chart-versions a")] == ["2023-24/", "2024-25/"]
    assert latest.select_one("figure svg desc").get_text().startswith(
        "6 commitments in their latest reports: 1 complete; 1 on track; 1 under way, with challenges; 1 not started; "
        "1 not applicable; 1 with no progress report.")


def test_an_as_at_version_leaves_out_later_periods(tmp_path):
    def add_later_period(datasets: Path) -> None:
        append_row(datasets, "indicator_values.csv", {"indicator_id": "drug-related-violence-change", "area": "Southampton",
                                                      "period": "2016/17", "value": "4", "source_id": "sds-2017"})
        set_cell(datasets, "charts.csv", 9, "type", "trend")

    paths = copy_project(tmp_path / "project")
    add_later_period(paths.datasets)
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, [as_text(p) for p in outcome.problems if p.is_error]
    latest = page(paths.site, "charts/drug-related-violence-change/").select_one("figure svg desc").get_text()
    earlier = page(paths.site, "charts/drug-related-violence-change/2015-16/").select_one("figure svg desc").get_text()
    assert latest == ("Change in drug-related violence (percent change): in Southampton it fell from 13 in 2015/16 to 4 in "
                      "2016/17. Figures from the 2017–2020 strategy.")
    assert earlier == ("Change in drug-related violence (percent change): Southampton 13 in 2015/16, the only period "
                       "reported. Figures from the 2017–2020 strategy.")


def test_a_rebuild_with_no_data_change_renders_no_chart(tmp_path):
    paths = copy_project(tmp_path / "project")
    first, second = Renderer(paths.cache), Renderer(paths.cache)
    pipeline.generate(paths, today=TODAY, renderer=first)
    pipeline.generate(paths, today=TODAY, renderer=second)
    assert first.rendered > 0
    assert (second.rendered, second.reused) == (0, first.rendered + first.reused)
    set_cell(paths.datasets, "indicator_values.csv", 6, "value", "2.6")
    third = Renderer(paths.cache)
    pipeline.generate(paths, today=TODAY, renderer=third)
    assert third.rendered == 2  # the chart's wide and phone layouts


def test_every_published_address_still_exists(built_site):
    listed = (PROJECT_ROOT / "datasets" / "published_urls.txt").read_text(encoding="utf-8").splitlines()
    missing = []
    for url in (line for line in listed if line and not line.startswith("#")):
        path = built_site / url.lstrip("/")
        if url.endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            missing.append(url)
    assert missing == [], "published addresses that no longer exist (retire a chart with replaced_by instead)"


def test_a_retired_chart_keeps_its_page_and_points_to_its_successor(tmp_path):
    paths = copy_project(tmp_path / "project")
    set_cell(paths.datasets, "charts.csv", 7, "replaced_by", "opiate-crack-users")
    assert pipeline.build(paths, today=TODAY).ok
    notice = page(paths.site, "charts/people-who-inject-drugs/").select_one("p.chart-notice")
    assert notice.get_text() == "This chart has been replaced by People who use opiates and/or crack cocaine."
    assert notice.a["href"] == "../opiate-crack-users/"  # charts/opiate-crack-users/
    assert "people-who-inject-drugs/" not in [a["href"] for a in page(paths.site, "charts/").select("li.chart-card a")]


def test_link_previews_use_absolute_addresses_when_the_site_address_is_set(tmp_path):
    paths = copy_project(tmp_path / "project")
    config = paths.config.read_text(encoding="utf-8")
    paths.config.write_text("site_url: https://drugs.example.org/\n" + config, encoding="utf-8")
    assert pipeline.build(paths, today=TODAY).ok
    soup = page(paths.site, "charts/drug-offences-rate/")
    assert soup.find("meta", property="og:image")["content"] == "https://drugs.example.org/charts/drug-offences-rate/chart.png"
    assert soup.select_one("ul.chart-downloads") is not None
    assert "https://drugs.example.org/charts/drug-offences-rate/embed/" in soup.select_one("pre.embed-code").get_text()


# The catalogue is validated like every other file, with messages a comms officer can act on.

def _messages(make_package, edit) -> list[str]:
    return [as_text(p) for p in validate_package(make_package(edit), today=TODAY) if p.file.endswith("charts.csv")]


def test_a_chart_type_outside_the_list_is_reported(make_package):
    messages = _messages(make_package, lambda d: set_cell(d, "charts.csv", 3, "type", "pie"))
    assert len(messages) == 1
    assert messages[0].startswith('Error in datasets/charts.csv, row 3, column "type"\n  Found:    "pie"')
    assert "headline, benchmark, trend, status-by-theme, completeness-by-theme" in messages[0]


def test_a_chart_of_an_unknown_indicator_is_reported(make_package):
    messages = _messages(make_package, lambda d: set_cell(d, "charts.csv", 9, "indicator_id", "drug-deaths"))
    assert len(messages) == 1
    assert 'row 9, column "indicator_id"' in messages[0] and '"drug-deaths"' in messages[0]


def test_a_benchmark_without_comparator_values_is_reported(make_package):
    messages = _messages(make_package, lambda d: set_cell(d, "charts.csv", 5, "type", "benchmark"))
    assert messages == [
        'Error in datasets/charts.csv, row 5, column "indicator_id"\n'
        '  Found:    "adults-using-illicit-drugs", which has values for Southampton\n'
        "  Expected: a value for Southampton and for at least one comparator area (England, Hampshire)\n"
        "  Fix:      Add the missing values to indicator_values.csv, or make this a headline chart."
    ]


def test_a_trend_with_one_period_and_a_chart_missing_its_indicator_are_reported(make_package):
    def edit(datasets):
        set_cell(datasets, "charts.csv", 10, "type", "trend")
        set_cell(datasets, "charts.csv", 11, "indicator_id", "")

    messages = _messages(make_package, edit)
    assert [m.splitlines()[0] for m in messages] == [
        'Error in datasets/charts.csv, row 10, column "indicator_id"',
        'Error in datasets/charts.csv, row 11, column "indicator_id"',
    ]
    assert "values for Southampton in at least two periods" in messages[0]
    assert "Found:    an empty cell for a headline chart" in messages[1]


def test_a_headline_for_an_area_with_no_value_is_reported(make_package):
    messages = _messages(make_package, lambda d: set_cell(d, "charts.csv", 4, "area", "Hampshire"))
    assert messages == [
        'Error in datasets/charts.csv, row 4, column "area"\n'
        '  Found:    "Hampshire", which has no value of "adult-illicit-drug-use"\n'
        "  Expected: one of England and Wales\n"
        "  Fix:      Type the area exactly as indicator_values.csv spells it."
    ]


def test_a_chart_replaced_by_an_unknown_chart_is_reported(make_package):
    messages = _messages(make_package, lambda d: set_cell(d, "charts.csv", 4, "replaced_by", "no-such-chart"))
    assert messages == [
        'Error in datasets/charts.csv, row 4, column "replaced_by"\n'
        '  Found:    "no-such-chart", which is not a chart_id in this file\n'
        "  Expected: the chart_id of another chart in charts.csv\n"
        "  Fix:      Name the chart that takes this one's place, or leave replaced_by empty."
    ]


def test_a_chart_id_the_site_keeps_for_its_pages_of_charts_by_topic_is_reported(make_package):
    def edit(datasets):
        append_row(datasets, "charts.csv", {"chart_id": "topics", "order": "12", "type": "headline", "title": "Topics",
                                            "topic": "crime", "indicator_id": "drug-offences-rate", "area": "Southampton"})

    assert _messages(make_package, edit) == [
        'Error in datasets/charts.csv, row 13, column "chart_id"\n'
        '  Found:    "topics", the address the site keeps for the pages that show the charts of each topic (charts/topics/)\n'
        '  Expected: a chart_id other than "topics"\n'
        '  Fix:      Choose another chart_id, such as "topics-chart". It becomes the chart\'s permanent web address, '
        "so pick one you will not need to change."
    ]


def test_every_folder_the_charts_index_uses_is_a_chart_id_the_validator_refuses():
    assert TOPICS_FOLDER in RESERVED_CHART_IDS


# Summaries are generated from the data: tested on small frames, no disk needed.

WORDS = vocabularies(read_descriptor(PROJECT_ROOT / "datasets"))
CONTEXT = ChartContext(local_area="Southampton", comparators=["England", "Hampshire"],
                       indicator={"title": "Police recorded drug offences", "unit": "per 1,000 population"}, vocab=WORDS)


def _values(*rows) -> pd.DataFrame:
    columns = ["area", "period", "value", "qualifier", "lower", "upper", "source_id"]
    return pd.DataFrame([dict(zip(columns, row, strict=False)) for row in rows], columns=columns).astype(object).where(
        lambda f: f.notna(), None)


def _spec(kind: str) -> ChartSpec:
    return ChartSpec(chart_id="x", order=1, type=kind, title="X", topic="crime", indicator_id="x", strategy_id="s")


def test_benchmark_summary_compares_with_each_comparator_and_gives_the_period_only_if_known():
    rows = _values(("Southampton", None, 2.9), ("England", None, 2.5), ("Hampshire", None, 3.1))
    assert benchmark.summary(rows, _spec("benchmark"), CONTEXT) == (
        "Police recorded drug offences (per 1,000 population): Southampton 2.9, higher than England (2.5) "
        "and lower than Hampshire (3.1).")
    dated = _values(("Southampton", "2024", 2.5), ("England", "2024", 2.5))
    assert benchmark.summary(dated, _spec("benchmark"), CONTEXT) == (
        "Police recorded drug offences (per 1,000 population): Southampton 2.5 in 2024, the same as England (2.5).")


def test_trend_summary_says_which_way_the_local_value_moved_and_the_comparators_latest_values():
    rows = _values(("Southampton", "2023", 3.0), ("Southampton", "2024", 2.9), ("England", "2024", 2.5))
    assert trend.summary(rows, _spec("trend"), CONTEXT) == (
        "Police recorded drug offences (per 1,000 population): in Southampton it fell from 3 in 2023 to 2.9 in 2024. "
        "In 2024: England 2.5.")


def test_headline_summary_keeps_the_sources_qualifier_and_says_nationally_for_national_figures():
    context = ChartContext("Southampton", [], {"title": "Estimated saving from drug treatment", "unit": "£ million"},
                           vocab=WORDS)
    rows = _values(("National", None, 960.0, "estimated"))
    assert headline.summary(rows, _spec("headline"), context) == (
        "Estimated saving from drug treatment: the figure nationally was an estimated £960 million.")


def test_progress_summaries_count_statuses_and_report_parts_per_theme():
    status_rows = pd.DataFrame([
        {"theme_number": 1, "theme": "Supply", "status": "on-track", "status_label": "On track", "commitments": 2},
        {"theme_number": 1, "theme": "Supply", "status": "no-report", "status_label": "No progress report", "commitments": 1},
    ])
    assert status_by_theme.summary(status_rows, _spec("status-by-theme"), CONTEXT) == (
        "3 commitments in their latest reports: 2 on track; 1 with no progress report. "
        "Theme 1, Supply: 2 on track; 1 with no progress report.")
    parts = pd.DataFrame([
        {"theme_number": 1, "theme": "Supply", "part": part, "reported": n, "commitments": 2}
        for part, n in (("Progress", 2), ("Gaps and challenges", 1), ("Next actions", 0))
    ])
    assert completeness.summary(parts, _spec("completeness-by-theme"), CONTEXT) == (
        "Commitments whose latest report gives each part. "
        "Theme 1: progress 2 of 2, gaps and challenges 1 of 2, next actions 0 of 2.")


def test_a_benchmark_compares_areas_in_the_local_areas_latest_period_only():
    values = _values(("Southampton", "2023", 3.0), ("Southampton", "2024", 2.9), ("England", "2023", 2.4),
                     ("England", "2024", 2.5), ("Hampshire", None, 3.1))
    rows = benchmark.benchmark_rows(values, "Southampton", ["England", "Hampshire"])
    assert list(zip(rows["area"], rows["value"], strict=True)) == [("Southampton", 2.9), ("England", 2.5), ("Hampshire", 3.1)]


def test_every_chart_type_makes_specs_that_pass_vega_lite_schema_validation_wide_and_narrow(tmp_path):
    from test_reuse import exampleton_project

    from build_charts.charts.catalogue import chart_specs
    from build_charts.charts.context import chart_context
    from build_charts.charts.figures import CHART_TYPES
    from build_charts.package import load_package

    package = load_package(exampleton_project(tmp_path).datasets)
    specs = chart_specs(package)
    assert {spec.type for spec in specs} == set(CHART_TYPES)
    for spec in specs:
        kind, context = CHART_TYPES[spec.type], chart_context(package, spec)
        rows = kind.data(package, spec, context)
        kind.chart(rows, spec, context).to_dict()  # validates against the schema
        kind.narrow_chart(rows, spec, context).to_dict()


LONG_AREA = "Hampshire and the Isle of Wight Integrated Care Board and Police Force Area"


def test_every_phone_layout_fits_a_288_px_column_even_with_long_area_names(make_package):
    """Each chart's phone layout is drawn at most 288 px wide (a 320 px screen's text column), whatever the names."""
    import re

    from build_charts.charts.figures import build_all
    from build_charts.package import load_package

    def lengthen(datasets: Path) -> None:
        for name in ("indicator_values.csv", "datapackage.json"):
            file = datasets / name
            file.write_text(file.read_text(encoding="utf-8").replace("Hampshire", LONG_AREA), encoding="utf-8")

    charts = build_all(load_package(make_package(lengthen)), Renderer(None, workers=1))
    widths = {(c.spec.chart_id, c.period): float(re.search(r'<svg[^>]*?width="([\d.]+)"', c.narrow_svg).group(1))
              for c in charts}
    assert widths and max(widths.values()) <= 288, widths
    offences = next(c for c in charts if c.spec.chart_id == "drug-offences-rate")
    assert "Integrated Care Board" in offences.narrow_svg and "3.1" in offences.narrow_svg
