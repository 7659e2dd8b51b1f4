"""Progress text is a quotation: the report's own slips stay as written, and the glossary explains them."""

from __future__ import annotations

from conftest import page


def _text(soup) -> str:
    return " ".join(soup.get_text().split())


def test_the_reports_dluch_stays_as_written_and_is_spelt_out_beside_it(built_site):
    theme = _text(page(built_site, "progress/rdhp-2025-treatment/"))
    assert ("The Rough Sleeper Drug and Alcohol Enhanced Outreach team was funded by DLUCH [Department for Levelling "
            "Up, Housing and Communities] through the Rough Sleeper Drug and Alcohol Treatment Grant.") in theme


def test_the_glossary_says_dluch_is_how_the_report_writes_dluhc(built_site):
    entry = page(built_site, "glossary/").find(id="dluch")
    assert entry is not None
    assert ("DLUCH is how the 2024 progress report writes it; the department's own abbreviation is DLUHC."
            in _text(entry.find_next("p")))
