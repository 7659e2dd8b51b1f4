"""Walk the site's navigation as a resident would, and check each page holds what its name promises."""

from __future__ import annotations

from conftest import page

# Navigation label → (page heading, a piece of content the page must show).
EXPECTED = {
    "Home": ("Reducing drug harm in Southampton", "Progress at a glance"),
    "Get help": ("Get help with drugs", "FRANK"),
    "Progress": ("Progress", "Theme 1: Breaking drug supply chains"),
    "Commitments at a glance": ("Commitments at a glance", "Earlier strategies"),
    "Key facts": ("Key facts", "Police drug recorded offences per 1,000 population"),
    "Charts": ("Charts", "Every chart on this site."),
    "Outcomes": ("Outcomes", "Reduce drug-related deaths and harm"),
    "Strategy": ("Strategy", "Southampton Drugs Strategy 2017-2020"),
    "Updates": ("Updates", "Police refer people who use drugs to treatment under Operation Fortress"),
    "About the data": ("About the data", "Open Government Licence v3.0"),
    "Glossary": ("Glossary", "Drug Testing on Arrest (DToA)"),
    "Accessibility": ("Accessibility statement", "WCAG"),
    "Privacy": ("Privacy notice", "sets no cookies"),
}


def _nav(site) -> dict[str, str]:
    home = page(site, "")
    return {a.get_text(" ", strip=True): a["href"] for a in home.select("nav.md-nav--primary > ul > li > a")}


def test_the_navigation_lists_the_pages_a_resident_needs_in_order(built_site):
    assert list(_nav(built_site)) == list(EXPECTED)


def test_each_page_in_the_navigation_shows_its_key_content(built_site):
    for label, href in _nav(built_site).items():
        soup = page(built_site, "" if href == "." else href)
        heading, content = EXPECTED[label]
        assert soup.find("h1").get_text(" ", strip=True) == heading, label
        assert content in " ".join(soup.find("article").get_text().split()), label


def test_strategy_pages_show_vision_measures_and_governance(built_site):
    strategy_2017 = page(built_site, "strategy/sds-2017/")
    text = " ".join(strategy_2017.find("article").get_text().split())
    assert "Southampton is a city where people work together" in text
    assert "Drug related deaths (Public Health Outcomes Framework) — No data published yet" in text
    board = strategy_2017.find("h3", string="Drugs Board")
    assert "Quarterly" in board.find_next("dl").get_text()
    assert "1 November 2017" in board.find_next("dl").get_text()
    rdhp = page(built_site, "strategy/rdhp-2025/")
    assert "Break the drug supply chain" in rdhp.find("article").get_text()
    assert rdhp.find("dt", string="Meets").find_next("dd").get_text() == "Not reported"
