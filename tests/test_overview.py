"""The journalist's way in: commitments at a glance in the menu and linked from progress, the charts index in the
menu, and each commitment listed by lead agency with its status and strategy."""

from __future__ import annotations

from build_charts.pages.overview import one_line
from conftest import page


def test_the_menu_lists_commitments_at_a_glance_and_the_charts(built_site):
    menu = [a.get_text(strip=True) for a in page(built_site, "").select("nav.md-nav--primary > ul > li > a")]
    assert menu[:6] == ["Home", "Get help", "Progress", "Commitments at a glance", "Key facts", "Charts"]


def test_progress_links_to_commitments_at_a_glance(built_site):
    link = page(built_site, "progress/").find("a", string="commitments at a glance")
    assert link["href"] == "at-a-glance/"


def test_by_lead_agency_gives_each_commitments_status_and_strategy(built_site):
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in page(built_site, "progress/by-lead-agency/")
             .select("article li")]
    supply = [item for item in items if item.startswith("Targeting the")]
    assert supply == ["Targeting the ‘middlemarket’ – breaking the ability of gangs to supply drugs wholesale to "
                      "neighbourhood dealers — Breaking drug supply chains. Status: Not assessed (2024). Strategy: "
                      "Reducing Drug Harm Partnership 2024 Progress Report and 2025 Action Plan (current)."]
    assert any(item.endswith("Status: no report yet. Strategy: Southampton Drugs Strategy 2017-2020.")
               for item in items)


def test_one_line_of_what_was_achieved_is_its_first_sentence_cut_at_a_word():
    assert one_line("* First thing done. Second thing.\n* More") == "First thing done."
    assert one_line("word " * 60).endswith("word…") and len(one_line("word " * 60)) <= 161
    assert one_line(None) == "Not reported"


def _article_text(site, path: str) -> str:
    return " ".join(page(site, path).select_one("article").get_text(" ").split())


def test_an_abbreviation_the_text_already_spells_out_in_other_small_words_is_not_spelt_out_again(built_site):
    text = _article_text(built_site, "progress/rdhp-2025-treatment/")
    assert "Office of Health Improvement & Disparities ( OHID ) for their approval" in text
    assert "[Office for Health Improvement and Disparities]" not in text
    assert "Supplemental Substance Misuse Treatment and Recovery Grant (SSMT&RG)" in text
    assert "The YP [Young people] outreach team" in _article_text(built_site, "progress/rdhp-2025-demand/")


def test_a_derived_figure_says_how_it_was_derived_on_the_outcomes_page(built_site):
    text = _article_text(built_site, "outcomes/")
    assert ("around 17,000 people (Southampton, 2015/16). From the 2017–2020 strategy. The strategy says the England "
            "and Wales rate equates to around 17,000 people in Southampton.") in text


def test_a_storys_own_page_gives_its_date_as_a_time_element_and_its_source(built_site):
    article = page(built_site, "updates/essex-text-message-referrals/").select_one("article")
    assert article.select_one(".story-dates time")["datetime"] == "2024-03-04"
    assert " ".join(article.select_one(".source").get_text(" ").split()) == (
        "Source: New initiative to help drug users find a way out , Essex Police, published 4 March 2024.")
