"""The copy buttons on a chart page: added by the site's own script, reached by the keyboard, at least 44 by 44 px on a
phone, copying the exact text and saying "Copied" politely; without JavaScript the text is there to select."""

from __future__ import annotations

import re

from .pages import AXE_OPTIONS, _axe, axe_summary

CHART = "charts/commitments-by-status/"
PHONE = {"viewport": {"width": 320, "height": 568}, "is_mobile": True, "has_touch": True,
         "permissions": ["clipboard-read", "clipboard-write"]}


def _open(new_page, site, **options):
    page = new_page(**{**PHONE, **options})
    page.goto(site.url(CHART), wait_until="load")
    return page


def _tab_until_focused(page, name: str, limit: int = 30) -> bool:
    """Press Tab from the link to the as-at version until the button named `name` has focus."""
    page.locator("#link-to-this-chart ~ p a").last.focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == name:
            return True
    return False


def test_the_keyboard_reaches_the_citation_button_which_copies_the_citation_and_says_copied(new_page, site):
    page = _open(new_page, site)
    citation = page.locator("p.citation").inner_text()
    assert _tab_until_focused(page, "Copy the citation")
    page.keyboard.press("Enter")
    status = page.locator("p.citation + p.copy-text [role=status]")
    status.filter(has_text="Copied").wait_for(timeout=3000)
    assert status.get_attribute("aria-live") == "polite"
    assert page.evaluate("navigator.clipboard.readText()") == citation.strip()
    assert citation.startswith("Southampton Reducing Drug Harm Partnership. Commitments by status, as at 2024 [chart].")
    today = page.evaluate("new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})")
    assert f" Accessed {today}. " in citation  # the reader's own day, filled in by the copy script


def test_the_embed_code_buttons_copy_the_iframe_code_of_this_version_and_of_the_latest(new_page, site):
    page = _open(new_page, site)
    page.get_by_role("button", name="Copy the embed code for this version").click()
    page.locator("pre.embed-code + p.copy-text [role=status]").first.filter(has_text="Copied").wait_for(timeout=3000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith('<iframe src="/charts/commitments-by-status/2024/embed/" title="Commitments by status, '
                             'as at 2024"')
    assert copied == page.locator("pre.embed-code").first.inner_text().strip()
    page.get_by_role("button", name="Copy the embed code for the latest figures").click()
    page.locator("pre.embed-code + p.copy-text [role=status]").last.filter(has_text="Copied").wait_for(timeout=3000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith('<iframe src="/charts/commitments-by-status/embed/" title="Commitments by status"')


def test_each_copy_button_is_at_least_44_by_44_px_on_a_phone(new_page, site):
    page = _open(new_page, site)
    buttons = page.locator("button.copy-text__button")
    assert buttons.all_inner_texts() == ["Copy the embed code for this version",
                                         "Copy the embed code for the latest figures", "Copy the citation"]
    for box in (button.bounding_box() for button in buttons.all()):
        assert box["width"] >= 44 and box["height"] >= 44, box


def test_a_chart_page_has_no_accessibility_violations_after_copying(new_page, site):
    page = _open(new_page, site)
    page.get_by_role("button", name="Copy the citation").click()
    page.locator("p.copy-text [role=status]").filter(has_text="Copied").wait_for(timeout=3000)
    assert axe_summary(_axe.run(page, options=AXE_OPTIONS).response["violations"]) == []


def test_without_javascript_the_citation_is_the_same_text_to_select_and_there_is_no_button(new_page, site):
    with_script = _open(new_page, site)
    without = _open(new_page, site, java_script_enabled=False)
    assert with_script.get_by_role("button", name="Copy the citation").count() == 1
    assert without.locator("button.copy-text__button").count() == 0
    # The same citation, but for the date read: the reader's own with the script, a gap for it without.
    placeholder = "Accessed [date you read it]."
    assert placeholder in without.locator("p.citation").inner_text()
    assert without.locator("p.citation").inner_text().replace(placeholder, "") == re.sub(
        r"Accessed \d{1,2} \w+ \d{4}\.", "", with_script.locator("p.citation").inner_text())
    assert without.locator("p.citation").evaluate("element => getComputedStyle(element).userSelect") != "none"
