"""Every figure carries its age: the period it describes (or "period not given"), the document it comes from with
that document's date, a visible label when it is old, and national ambitions kept apart from measured figures."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from build_charts import pipeline
from build_charts.settings import PROJECT_ROOT
from build_charts.validate import validate_package
from build_charts.validate.report import as_text
from conftest import TODAY, copy_project, page

DATASETS = PROJECT_ROOT / "datasets"
PERIOD = re.compile(r"^[0-9]{4}(/[0-9]{2})?$")
NO_PERIOD = "period not given"
INDICATOR_CHARTS = {"headline", "benchmark", "trend"}


def _rows(file: str, datasets: Path = DATASETS) -> list[dict]:
    return list(csv.DictReader((datasets / file).open(encoding="utf-8", newline="")))


def _text(element) -> str:
    return " ".join(element.get_text().split())


def _period_cells(table) -> list[str]:
    """The cells of a table's Period column (the row header counts as a cell)."""
    headers = [_text(th) for th in table.thead.find_all("th")]
    column = headers.index("Period")
    return [_text(row.find_all(["th", "td"])[column]) for row in table.tbody.find_all("tr")]


def _set_partnership(datasets: Path, **settings) -> None:
    path = datasets / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["partnership"].update(settings)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def _ambition_ids() -> set[str]:
    return {row["indicator_id"] for row in _rows("indicators.csv") if row["ambition"] == "true"}


# Every figure says its period


def test_every_figure_table_on_key_facts_gives_a_period_or_says_period_not_given(built_site):
    soup = page(built_site, "key-facts/")
    tables = [t for t in soup.select("article table") if re.search(r": (figures|data for the chart)", _text(t.caption))]
    assert len(tables) == 2 * len([f for f in _rows("key_facts.csv") if f["indicator_id"]])
    cells = [cell for table in tables for cell in _period_cells(table)]
    assert cells and all(PERIOD.match(cell) or cell == NO_PERIOD for cell in cells), cells
    assert NO_PERIOD in cells and "2015/16" in cells


def test_each_key_facts_table_of_figures_names_its_document_and_that_documents_date(built_site):
    soup = page(built_site, "key-facts/")
    captions = [_text(t.caption) for t in soup.select("article table") if ": figures" in _text(t.caption)]
    assert "Police recorded drug offences: figures, from the 2017–2020 strategy" in captions
    assert ("Increase in investment supporting the national drug strategy: figures, from the progress report of "
            "January 2025") in captions
    assert all(re.search(r", from the (2017–2020 strategy|progress report of January 2025)$", c) for c in captions)


def test_every_key_fact_is_marked_as_a_quotation_from_its_dated_document(built_site):
    soup = page(built_site, "key-facts/")
    facts = {f["fact_id"]: f for f in _rows("key_facts.csv")}
    quotes = soup.select("article blockquote.fact")
    assert [q["id"].removeprefix("fact-") for q in quotes] == sorted(facts, key=lambda f: int(facts[f]["order"]))
    for quote in quotes:
        fact = facts[quote["id"].removeprefix("fact-")]
        assert _text(quote) == fact["statement"]  # the document's words, unchanged
        marker = _text(quote.find_next_sibling("p", class_="fact-quoted"))
        document = "the progress report of January 2025" if fact["source_id"] == "rdhp-2025" else "the 2017–2020 strategy"
        assert marker.endswith(f"Quoted from {document}.") or (
            document in marker and marker.endswith("Quoted as that document words it.")), marker


def test_every_indicator_chart_page_gives_each_figures_period_or_says_period_not_given(built_site):
    charts = [c for c in _rows("charts.csv") if c["type"] in INDICATOR_CHARTS and not c["replaced_by"]]
    assert charts
    for chart in charts:
        soup = page(built_site, f"charts/{chart['chart_id']}/")
        summary = _text(soup.select_one(f"figure#chart-{chart['chart_id']} figcaption"))
        table = soup.find("caption", string=re.compile("data for the chart")).parent
        cells = _period_cells(table)
        assert all(PERIOD.match(cell) or cell == NO_PERIOD for cell in cells), (chart["chart_id"], cells)
        if NO_PERIOD in cells:
            assert re.search(r"Period not given in the (2017–2020 strategy|progress report of January 2025)\.$",
                             summary), summary
        else:
            assert all(cell in summary for cell in cells), summary
            assert summary.endswith("Figures from the 2017–2020 strategy."), summary


def test_a_chart_summary_of_a_past_period_is_in_the_past_tense(built_site):
    soup = page(built_site, "charts/adults-taking-illicit-drugs-locally/")
    assert _text(soup.select_one("figure#chart-adults-taking-illicit-drugs-locally figcaption")) == (
        "Adults who took an illicit drug in the year: in 2015/16 the figure in Southampton was around 17,000 people. "
        "Figures from the 2017–2020 strategy.")


def test_every_figure_on_the_outcomes_page_gives_its_period_or_says_period_not_given(built_site):
    soup = page(built_site, "outcomes/")
    items = [li for li in soup.select("article li") if li.strong and li.find_parent("ul").find_previous_sibling("h3")]
    titles = {_text(li.strong) for li in items}
    with_outcome = [i for i in _rows("indicators.csv") if i["outcome"]]
    assert titles == {i["title"] for i in with_outcome}
    for item in items:
        # The figures, then their document, then any note on how a figure was derived.
        figures_text, _, source_and_note = _text(item).partition(" From the ")
        figures = re.findall(r"\(([^()]*)\)", figures_text.split(":", 1)[1])
        assert figures, _text(item)
        for where_when in figures:
            when = where_when.split(", ")[1]
            assert PERIOD.match(when) or when == NO_PERIOD or re.fullmatch(r"expected by [0-9]{4}", when), where_when
        assert re.match(r"(2017–2020 strategy|progress report of January 2025)\.", source_and_note), _text(item)
    assert "period not reported" not in _text(soup)


# Old figures are labelled


def test_figures_from_2015_16_carry_a_visible_old_figures_label(built_site):
    facts = page(built_site, "key-facts/")
    marker = facts.find(id="fact-illicit-drug-use").find_next_sibling("p", class_="fact-quoted")
    assert _text(marker.select_one("strong.figure-age")) == "Figures from 2015/16."
    undated = facts.find(id="fact-drug-offences").find_next_sibling("p", class_="fact-quoted")
    assert _text(undated.select_one("strong.figure-age")) == "Figures from the 2017–2020 strategy; period not given."
    outcomes = page(built_site, "outcomes/")
    (item,) = [li for li in outcomes.select("article li")
               if li.strong and _text(li.strong) == "Adults who took an illicit drug in the year"]
    assert _text(item.select_one("strong.figure-age")) == "(Figures from 2015/16)"
    chart = page(built_site, "charts/adults-taking-illicit-drugs/")
    assert _text(chart.select_one("article strong.figure-age")) == "Figures from 2015/16."
    undated_chart = page(built_site, "charts/drug-offences-rate/")
    assert (_text(undated_chart.select_one("article strong.figure-age"))
            == "Figures from the 2017–2020 strategy; period not given.")


def test_recent_figures_and_ambitions_carry_no_old_figures_label(built_site):
    facts = page(built_site, "key-facts/")
    marker = facts.find(id="fact-national-strategy").find_next_sibling("p", class_="fact-quoted")
    assert marker.select("strong.figure-age") == []
    outcomes = page(built_site, "outcomes/")
    ambitions = [li for li in outcomes.select("article li")
                 if li.strong and _text(li.strong).endswith("by 2024")]
    assert ambitions and all(li.select("strong.figure-age") == [] for li in ambitions)
    for chart in ("charts/national-strategy-investment/", "charts/commitments-by-status/"):
        assert page(built_site, chart).select("strong.figure-age") == [], chart


def test_the_old_figures_label_goes_when_the_package_raises_the_threshold(tmp_path):
    paths = copy_project(tmp_path / "project")
    _set_partnership(paths.datasets, figures_old_after_years=50)
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, [as_text(p) for p in outcome.problems if p.is_error]
    for url in ("charts/adults-taking-illicit-drugs/", "charts/drug-offences-rate/"):
        assert page(paths.site, url).select("strong.figure-age") == [], url
    for url in ("key-facts/", "outcomes/"):
        soup = page(paths.site, url)
        assert soup.select("strong.figure-age") == [], url
        assert "more than 50 years old are marked as old" in _text(soup), url
    # The period itself is still given: only the label goes.
    assert "(Southampton, 2015/16)" in _text(page(paths.site, "outcomes/"))


# National ambitions stand apart


def test_national_ambitions_are_under_their_own_heading_on_the_outcomes_page(built_site):
    soup = page(built_site, "outcomes/")
    ambitions = {row["title"] for row in _rows("indicators.csv") if row["indicator_id"] in _ambition_ids()}
    assert len(ambitions) == 4
    for item in soup.select("article li"):
        if not item.strong or item.find_parent("ul").find_previous_sibling("h3") is None:
            continue
        heading = _text(item.find_parent("ul").find_previous_sibling("h3"))
        assert heading == ("National ambitions" if _text(item.strong) in ambitions else "Figures"), _text(item)
    notes = [_text(p) for p in soup.select("p.ambitions-note")]
    assert notes and all("not measured results, and not figures for Southampton" in n for n in notes)


def test_no_sentence_on_the_outcomes_page_denies_a_southampton_figure_beside_it(built_site):
    soup = page(built_site, "outcomes/")
    assert "No figure for Southampton is published yet" not in _text(soup)
    for heading in soup.select("article h2"):
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            section.append(sibling)
        local = [li for el in section for li in el.select("li") if "(Southampton," in _text(li)]
        denials = [p for el in section for p in ([el] if el.name == "p" else el.select("p"))
                   if re.search(r"No local data|None of these figures is for Southampton", _text(p))]
        assert not (local and denials), _text(heading)


def test_the_national_strategy_fact_is_a_national_ambition_on_key_facts(built_site):
    soup = page(built_site, "key-facts/")
    headings = [_text(h) for h in soup.select("article h2")]
    assert headings[-1] == "National ambitions"
    fact = soup.find(id="fact-national-strategy")
    assert _text(fact.find_previous("h2")) == "National ambitions"
    ambition_facts = {f["fact_id"] for f in _rows("key_facts.csv") if f["ambition"] == "true"}
    assert ambition_facts == {"national-strategy"}
    for quote in soup.select("blockquote.fact"):
        under = _text(quote.find_previous("h2"))
        assert (under == "National ambitions") == (quote["id"].removeprefix("fact-") in ambition_facts)


# The setting is checked


@pytest.mark.parametrize(("value", "found"), [
    ("five", 'the text "five" (in quotes)'),
    (0, "0"),
    (51, "51"),
    (2.5, "2.5"),
    (True, "true instead of a number"),
])
def test_an_old_figures_setting_that_is_not_a_whole_number_of_years_from_1_to_50_is_reported(
        make_package, value, found):
    datasets = make_package(lambda d: _set_partnership(d, figures_old_after_years=value))
    messages = [as_text(p) for p in validate_package(datasets, today=TODAY) if p.column == "figures_old_after_years"]
    assert messages == [
        'Error in datasets/datapackage.json, column "figures_old_after_years"\n'
        f"  Found:    {found}\n"
        "  Expected: a whole number of years from 1 to 50, such as 5: figures older than this are marked as old on "
        "the site\n"
        '  Fix:      In the "partnership" block, write "figures_old_after_years": 5 (a number with no quotes around '
        "it), or remove the line to use 5."
    ]


def test_a_bad_old_figures_setting_stops_the_build(tmp_path):
    paths = copy_project(tmp_path / "project")
    _set_partnership(paths.datasets, figures_old_after_years="5 years")
    outcome = pipeline.build(paths, today=TODAY)
    assert not outcome.ok
    assert [p.column for p in outcome.problems if p.is_error] == ["figures_old_after_years"]


@pytest.mark.parametrize("value", [1, 5, 50])
def test_a_whole_number_of_years_from_1_to_50_is_accepted(make_package, value):
    datasets = make_package(lambda d: _set_partnership(d, figures_old_after_years=value))
    assert [p for p in validate_package(datasets, today=TODAY) if p.column == "figures_old_after_years"] == []


def test_the_headline_facts_come_with_their_document_and_old_figures_label_for_the_home_page():
    from build_charts.package import load_package
    from build_charts.pages.key_facts import dated_headline_facts

    facts = dated_headline_facts(load_package(DATASETS), TODAY)
    assert [(f["quoted_from"], f["label"]) for f in facts] == [
        ("the 2017–2020 strategy", "Figures from 2015/16"),
        ("the 2017–2020 strategy", "Figures from the 2017–2020 strategy; period not given"),
        ("the 2017–2020 strategy", "Figures from the 2017–2020 strategy; period not given"),
        ("the 2017–2020 strategy", "Figures from the 2017–2020 strategy; period not given"),
    ]
    assert facts[0]["statement"].startswith("1 in 12 (8.4%) adults")


def test_a_local_ambition_is_not_called_national_nor_denied_as_a_local_figure(make_package):
    from bs4 import BeautifulSoup

    from build_charts.package import load_package
    from build_charts.pages.outcomes import outcomes_page
    from conftest import append_row

    def local_target(datasets: Path) -> None:
        append_row(datasets, "indicator_values.csv", {"indicator_id": "national-county-lines-closed-expected",
                                                      "area": "Southampton", "period": "2027", "value": "12",
                                                      "source_id": "rdhp-2025"})

    markdown = outcomes_page(load_package(make_package(local_target)), TODAY)
    section = markdown.split("## Reduce drug supply")[1].split("\n## ")[0]
    supply = BeautifulSoup(section, "html.parser").find("h3")
    assert _text(supply) == "Ambitions"
    assert _text(supply.find_next("p")) == ("What the strategies expected to achieve, as the documents quote them. "
                                            "These are ambitions, not measured results.")
    assert "12 county lines (Southampton, expected by 2027)" in _text(supply.find_next("ul"))


def test_a_headline_tile_says_period_not_given_under_its_figure(built_site):
    svg = page(built_site, "charts/opiate-crack-users/").select_one("figure#chart-opiate-crack-users .chart-wide svg")
    texts = [_text(t) for t in svg.find_all("text")]
    assert "estimated 1,649 people" in texts and "Southampton, period not given" in texts, texts
    dated = page(built_site, "charts/adults-taking-illicit-drugs-locally/").select_one("figure svg")
    assert "Southampton, 2015/16" in [_text(t) for t in dated.find_all("text")]


def test_the_home_pages_headline_facts_say_how_old_they_are_and_where_they_are_quoted_from(built_site):
    items = page(built_site, "").select("ul.headline-facts li")
    assert items and all(_text(li.select_one(".fact-quoted")).startswith(("Figures from", "Quoted from"))
                         for li in items)
    assert _text(items[0].select_one("strong.figure-age")) == "Figures from 2015/16."
    assert _text(items[0].select_one(".fact-quoted")).endswith("Quoted from the 2017–2020 strategy.")
