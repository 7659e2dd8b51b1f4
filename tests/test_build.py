"""End to end: the real data package builds into a site that shows every commitment, fact, contact and chart."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from build_charts import pipeline
from build_charts.package import read_descriptor
from build_charts.settings import PROJECT_ROOT
from build_charts.site import BuildFailed
from build_charts.vocab import vocabularies
from conftest import TODAY, copy_project, page, set_cell

DATASETS = PROJECT_ROOT / "datasets"
STATUSES = vocabularies(read_descriptor(DATASETS)).statuses


def _rows(file: str) -> list[dict]:
    return list(csv.DictReader((DATASETS / file).open(encoding="utf-8", newline="")))


def _text(soup) -> str:
    return " ".join(soup.get_text().split())


@pytest.mark.southampton
def test_every_rdhp_commitment_appears_with_its_lead_status_and_progress(built_site):
    progress = {row["commitment_id"]: row for row in _rows("progress.csv")}
    commitments = [row for row in _rows("commitments.csv") if row["commitment_id"].startswith("rdhp-")]
    assert len(commitments) == 14
    for commitment in commitments:
        soup = page(built_site, f"progress/{commitment['theme_id']}/")
        section = soup.find(id=commitment["commitment_id"])
        assert section is not None, commitment["commitment_id"]
        assert " ".join(commitment["title"].split()) in _text(section)
        shown = section.find_next("dl", class_="commitment-facts").select_one(".status").get_text(" ", strip=True)
        assert shown.endswith(STATUSES[progress[commitment["commitment_id"]]["status"]].label), shown
        for added in soup.select(".expansion"):  # an abbreviation spelt out in square brackets, not the source's words
            added.decompose()
        block = _text(soup)
        report = progress[commitment["commitment_id"]]
        for column in ("achievements", "gaps_challenges", "next_actions"):
            for line in report[column].splitlines():
                assert " ".join(line.split()) in block
        assert (commitment["lead_agency"] or "Not reported") in block


def test_empty_report_cells_say_no_update_reported(fixture_site):
    soup = page(fixture_site, "progress/edap-treat/")
    heading = soup.find(id="edap-2-2")
    report = heading.find_next("div", class_="report")
    assert [p.get_text() for p in report.find_all("p", class_="not-reported")] == ["No update reported."]  # once, for all three parts


def test_no_rating_is_invented_and_not_applicable_is_shown(fixture_site):
    shown = {theme: [s.get_text(" ", strip=True) for s in page(fixture_site, f"progress/{theme}/").select(
        "dl.commitment-facts .status")] for theme in ("edap-enforce", "edap-old-safety")}
    assert shown == {"edap-enforce": ["▶ On track", "– Not applicable"], "edap-old-safety": ["? Not assessed"]}


@pytest.mark.southampton
def test_the_2017_strategy_outcomes_appear_with_their_actions(built_site):
    for commitment in (r for r in _rows("commitments.csv") if r["commitment_id"].startswith("sds-2017")):
        soup = page(built_site, f"progress/{commitment['theme_id']}/")
        section = soup.find(id=commitment["commitment_id"])
        assert commitment["title"] in _text(section)
        first_action = commitment["actions"].splitlines()[0].removeprefix("* ")
        assert " ".join(first_action.split()) in _text(soup)


def test_key_facts_show_every_statement_with_its_source(built_site):
    text = _text(page(built_site, "key-facts/"))
    for fact in _rows("key_facts.csv"):
        assert fact["statement"] in text
    assert "Southampton Drugs Strategy 2017-2020" in text


def test_the_offences_chart_is_inline_svg_with_summary_and_table(built_site):
    soup = page(built_site, "key-facts/")
    svg = soup.select_one("figure#chart-drug-offences-rate svg[role=img]")
    assert svg is not None
    assert svg.find("desc").get_text() == (
        "Police recorded drug offences (per 1,000 population): Southampton 2.9, "
        "higher than England (2.5) and lower than Hampshire (3.1). Period not given in the 2017–2020 strategy."
    )
    table = soup.find("caption", string=re.compile("Police recorded drug offences: data for the chart")).parent
    cells = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]
    assert cells == [["Southampton", "2.9", "period not given"], ["England", "2.5", "period not given"],
                     ["Hampshire", "3.1", "period not given"]]


def test_help_page_lists_local_and_national_contacts_with_tap_to_call_and_age(built_site):
    soup = page(built_site, "get-help/")
    the_bridge = soup.find(id="the-bridge")
    assert the_bridge.find("a", href="tel:+442380881400").get_text() == "Call 023 8088 1400"
    assert the_bridge.select_one("details summary").get_text() == "We have not yet confirmed these details with The Bridge"
    assert "Not yet confirmed with the service." in _text(the_bridge.select_one("details"))
    assert soup.find(id="parent-support-link").find("a", href="tel:+442380399764") is not None
    nhs_111 = soup.find(id="nhs-111")
    assert soup.find(id="nhs-111-card").find("a", href="tel:111").get_text() == "Call 111"
    assert nhs_111.select_one("details summary").get_text() == "Details checked 1 December 2026"


def test_help_page_gives_frank_as_franks_own_page_publishes_it(built_site):
    frank = page(built_site, "get-help/").find(id="talk-to-frank")
    assert frank.find("a", href="tel:+443001236600").get_text() == "Call 0300 123 6600"
    assert frank.find("a", href="sms:82111").get_text() == "Text 82111"
    assert "24 hours a day, 7 days a week" in _text(frank.select_one(".service__hours"))
    source = frank.select_one("details").find("a", string="Contact FRANK")
    assert source["href"] == "https://www.talktofrank.com/contact-frank"
    assert "Contact FRANK, FRANK, read 1 December 2026" in _text(frank.select_one("details"))


def test_no_page_offers_franks_old_number(built_site):
    old_number = re.compile(r"0800\s*77\s*66\s*00|0800776600")
    offenders = [str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
                 if old_number.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_help_page_says_how_to_report_a_wrong_number(built_site):
    report = page(built_site, "get-help/").find(id="report-heading").find_parent("section")
    assert _text(report) == ("Is a number wrong? The partnership has not yet published a contact for this. "
                             "Check with the service itself.")


def test_help_page_reports_a_wrong_number_to_the_partnerships_contact(tmp_path):
    import json

    paths = copy_project(tmp_path / "project")
    descriptor = paths.datasets / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    package["partnership"]["contact_email"] = "drugharm@example.org"
    descriptor.write_text(json.dumps(package), encoding="utf-8")
    pipeline.generate(paths, today=TODAY)
    markdown = (paths.staging / "get-help" / "index.md").read_text(encoding="utf-8")
    assert ('Email the partnership at <a href="mailto:drugharm@example.org">drugharm@example.org</a> '
            "and say which service it is.") in markdown


def test_published_data_can_be_downloaded(built_site):
    assert (built_site / "data" / "datapackage.json").exists()
    for row in ("progress.csv", "help_services.csv", "commitments.csv"):
        assert (built_site / "data" / row).read_bytes() == (DATASETS / row).read_bytes()


def test_invalid_data_leaves_the_published_site_as_it_was(tmp_path):
    paths = copy_project(tmp_path / "project")
    assert pipeline.build(paths, today=TODAY).ok
    before = (paths.site / "index.html").read_bytes()
    set_cell(paths.datasets, "progress.csv", 2, "status", "Green")
    outcome = pipeline.build(paths, today=TODAY)
    assert not outcome.ok and outcome.built is None
    assert (paths.site / "index.html").read_bytes() == before
    assert sorted(p.name for p in paths.site.parent.iterdir() if p.name.startswith(".site")) == []


def test_a_failing_site_builder_leaves_the_published_site_as_it_was(tmp_path):
    paths = copy_project(tmp_path / "project")
    assert pipeline.build(paths, today=TODAY).ok
    before = sorted(p.relative_to(paths.site) for p in paths.site.rglob("*"))
    (paths.docs / "index.md").write_text("[broken](no-such-page.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="no-such-page.md"):
        pipeline.build(paths, today=TODAY)
    assert sorted(p.relative_to(paths.site) for p in paths.site.rglob("*")) == before
    assert not list(Path(paths.site.parent).glob(".site-new-*"))


def test_help_page_puts_999_first_and_offers_exit_this_page(built_site):
    soup = page(built_site, "get-help/")
    headings = [h.get_text(" ", strip=True) for h in soup.select("article h2")]
    assert headings == ["Urgent help", "Local services", "More help on this page", "Help for families and friends",
                        "Help for young people", "National helplines", "Is a number wrong?"]
    first_card = soup.select_one("li.urgent-card")
    assert first_card["id"] == "emergency-999-card"
    assert first_card.find("a", href="tel:999") is not None
    assert soup.select_one("section.service")["id"] == "emergency-999"
    assert _text(soup.select_one("#emergency-999 .service__offers")) == (
        "Anyone in immediate danger, or someone who is seriously ill or injured")
    exit_link = soup.find("a", id="exit-this-page")
    assert exit_link.find_parent("header") is not None
    assert exit_link["href"] == "https://www.bbc.co.uk/weather"
    assert "noreferrer" in exit_link["rel"]
    assert soup.find("script", src=re.compile(r"assets/exit-this-page\.js$")) is not None


def test_help_page_lists_its_groups_with_how_many_services_each_holds(built_site):
    contents = page(built_site, "get-help/").select_one("nav.help-contents")
    assert [_text(li) for li in contents.select("li")] == [
        "Urgent help (2)", "Local services (1)", "Help for families and friends (1)", "Help for young people (0)",
        "National helplines (1)"]
    assert [a["href"] for a in contents.select("a")] == [
        "#emergency", "#local", "#family", "#young-people", "#national"]


def test_help_page_says_plainly_when_a_group_has_no_services(built_site):
    soup = page(built_site, "get-help/")
    young = soup.find("h2", string=re.compile("Help for young people"))
    assert young.find_next("p").get_text() == (
        "The partnership's documents give no contact details for services here yet. The national helplines are for "
        "anyone.")


def test_home_page_shows_progress_at_a_glance_headline_facts_and_the_latest_update(fixture_site):
    soup = page(fixture_site, "")
    status_table = soup.find("caption", string="Commitments by status").parent
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in status_table.tbody.find_all("tr")]
    assert rows == [["Complete", "1"], ["On track", "1"], ["Under way, with challenges", "1"], ["Not started", "1"],
                    ["Not applicable", "1"], ["No progress report", "1"]]
    completeness = soup.find("caption", string=re.compile("How complete the reports are")).parent
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in completeness.tbody.find_all("tr")]
    assert rows == [["Progress reported", "3 of 4"], ["Gaps and challenges reported", "1 of 4"],
                    ["Next actions reported", "1 of 4"]]
    assert "The partnership has 6 current commitments. Their latest reports for 2024/25:" in _text(soup)
    assert len(soup.select("ul.headline-facts li")) == 2
    assert soup.find("a", href="updates/first-report/") is not None


def test_updates_are_listed_with_a_valid_atom_feed(built_site):
    import feedparser

    feed = feedparser.parse((built_site / "updates" / "feed.xml").read_text(encoding="utf-8"))
    assert not feed.bozo and feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert "Police refer people who use drugs to treatment under Operation Fortress" in titles
    index = page(built_site, "updates/")
    assert [a.get_text() for a in index.select("article h2 a")] == titles
    for entry in feed.entries:
        assert (built_site / "updates" / entry.link / "index.html").exists()


def test_every_page_lets_a_feed_reader_find_the_feed(built_site):
    for url in ["", "get-help/", "charts/"]:
        # Feed readers, like this parser, read rel as a list of words: "alternate feed" holds "alternate".
        link = page(built_site, url).find("link", rel="alternate", type="application/atom+xml")
        assert link is not None and "feed" in link["rel"]
        assert (built_site / url / link["href"]).resolve() == (built_site / "updates" / "feed.xml").resolve()


def test_glossary_explains_terms_and_pages_link_abbreviations_to_it(built_site):
    glossary = page(built_site, "glossary/")
    entry = glossary.find(id="dtoa")
    assert entry.get_text() == "Drug Testing on Arrest (DToA)"
    assert entry.find_next("p").get_text().startswith("Testing people arrested")
    progress = page(built_site, "progress/rdhp-2025-demand/")
    marked = progress.select("a.glossary-term abbr")
    assert [(a.get_text(), a["title"]) for a in marked if a.get_text() == "DToA"] == [("DToA", "Drug Testing on Arrest")]
    assert marked[0].parent["href"].startswith("../../glossary/#")


def test_abbreviations_are_not_marked_inside_links_headings_or_charts():
    from build_charts.pages.glossary import explain_abbreviations

    terms = {"NRM": ("National Referral Mechanism", "nrm")}
    markdown = ('---\ntitle: NRM\n---\n# About NRM\n\n[the NRM page](x.md)\n\n<svg><text>NRM</text></svg>\n\n'
                "<p>We use the NRM. The NRM again.</p>\n")
    out = explain_abbreviations(markdown, terms, "../glossary/")
    for untouched in ("# About NRM\n", "[the NRM page](x.md)", "<svg><text>NRM</text></svg>"):
        assert untouched in out
    assert '<p>We use the <a class="glossary-term" href="../glossary/#nrm"><abbr title="National Referral Mechanism">NRM</abbr></a>. The NRM again.</p>' in out


def test_outcomes_page_lists_all_six_outcomes_with_figures_and_commitments(built_site):
    soup = page(built_site, "outcomes/")
    assert [h.get_text() for h in soup.select("article h2")] == [
        "Reduce drug use", "Reduce drug-related crime", "Reduce drug-related deaths and harm",
        "Reduce drug supply", "Increase engagement in drug treatment", "Improve drug recovery outcomes"]
    crime = _text(soup.find(id="reduce-drug-related-crime").find_next("ul"))
    assert ("Police recorded drug offences (Figures from the 2017–2020 strategy; period not given): "
            "2.9 per 1,000 population (Southampton, period not given)") in crime
    recovery = soup.find(id="improve-recovery-outcomes")
    assert recovery.find_next("p").get_text() == "No local data for this outcome is published yet."
    link = soup.find("a", href="../progress/rdhp-2025-supply/#rdhp-2025-1-1")
    assert link is not None and link.get_text().startswith("Targeting the")


def test_about_the_data_lists_every_file_for_download_with_dataset_metadata(built_site):
    import json

    soup = page(built_site, "about-the-data/")
    links = [a["href"] for a in soup.select("article table a")]
    descriptor = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
    assert links == ["../data/datapackage.json", "../data/southampton-reducing-drug-harm.zip"] + [
        f"../data/{r['path']}" for r in descriptor["resources"]]
    for href in links:
        assert (built_site / "about-the-data" / href).resolve().exists()
    metadata = json.loads(soup.find("script", type="application/ld+json").string)
    assert metadata["@type"] == "Dataset"
    assert metadata["license"] == "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    assert len(metadata["distribution"]) == len(descriptor["resources"]) + 1  # and the zip of them all


def test_commitments_can_be_followed_by_lead_agency(built_site):
    soup = page(built_site, "progress/by-lead-agency/")
    police = soup.find("h2", string="Hampshire and Isle of Wight Constabulary").find_next("ul")
    assert len(police.find_all("li")) == 7  # "Hampshire Constabulary" in the 2017 strategy, "Police" in the 2025 report
    first = police.find("a")
    assert first["href"] == "../sds-2017-crime-asb/#sds-2017-3-1"
    assert soup.select("article h2")[-1].get_text() == "Not reported"


def test_every_page_links_to_get_help_and_data_pages_name_their_source_files(built_site):
    for url in ("", "progress/rdhp-2025-supply/", "glossary/", "privacy/"):
        banner = page(built_site, url).select_one(".md-banner a")
        assert banner.get_text() == "Get help with drugs now"
        assert (built_site / url / banner["href"]).resolve() == (built_site / "get-help").resolve()
    provenance = page(built_site, "progress/rdhp-2025-supply/").select_one(".page-provenance")
    assert "Last updated: January 2025." in provenance.get_text()
    assert [c.get_text() for c in provenance.find_all("code")][:3] == [
        "datasets/themes.csv", "datasets/commitments.csv", "datasets/progress.csv"]


def test_help_page_is_light_it_loads_no_theme_javascript(built_site):
    soup = page(built_site, "get-help/")
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert scripts == ["../assets/open-now.js", "../assets/exit-this-page.js"]
    assert "bundle" in " ".join(s["src"] for s in page(built_site, "").find_all("script", src=True))


def test_the_published_data_package_validates_with_frictionless(built_site):
    from frictionless import Package

    report = Package(str(built_site / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    assert {task.name for task in report.tasks} >= {"progress", "help_services", "charts", "indicator_values"}
