"""Get help for a person in a hurry, on the smallest phone people use (320 by 568 px, the iPhone SE size):
the numbers to tap are on the first screen, Exit this page stays in reach, and the top bar's link is easy to tap."""

from __future__ import annotations

PHONE = {"width": 320, "height": 568}

# Every tap-to-call link wholly on the first screen, with its size: [{href, top, bottom, width, height}].
CALL_LINKS_ON_FIRST_SCREEN = """() => [...document.querySelectorAll('a[href^="tel:"]')]
  .map((a) => ({href: a.getAttribute('href'), box: a.getBoundingClientRect()}))
  .filter(({box}) => box.width > 0 && box.top >= 0 && box.bottom <= window.innerHeight)
  .map(({href, box}) => ({href, width: box.width, height: box.height}))"""

BOX = "(el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, width: r.width, height: r.height}; }"


def test_a_small_phone_shows_999_and_111_side_by_side_to_tap_without_scrolling(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site.url("get-help/"))
    on_screen = page.evaluate(CALL_LINKS_ON_FIRST_SCREEN)
    hrefs = [link["href"] for link in on_screen]
    assert hrefs[:2] == ["tel:999", "tel:111"], hrefs
    assert all(link["height"] >= 44 for link in on_screen), on_screen
    # Side by side: the two buttons share a line.
    nine, one = (page.locator(f'.urgent-card a[href="tel:{n}"]').evaluate(BOX) for n in ("999", "111"))
    assert abs(nine["top"] - one["top"]) < 2, (nine, one)
    # Each says when to call it, on the first screen too.
    for card in ("emergency-999-card", "nhs-111-card"):
        assert page.locator(f"#{card} .urgent-card__when").evaluate(BOX)["bottom"] <= PHONE["height"], card


def test_open_now_is_said_beside_hours_where_javascript_runs_and_the_hours_stay_without_it(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site.url("get-help/"))
    assert page.locator("#talk-to-frank .service__hours").inner_text() == "24 hours a day, 7 days a week Open now"
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(site.url("get-help/"))
    assert page.locator("#talk-to-frank .service__hours").inner_text() == "24 hours a day, 7 days a week"


def test_the_first_screen_holds_the_title_and_when_to_call_999(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site.url("get-help/"))
    for selector in ("article h1", ".help-lead", "#emergency-999-card .urgent-card__when"):
        assert page.locator(selector).evaluate(BOX)["bottom"] <= PHONE["height"], selector
    assert page.locator("#emergency-999-card .urgent-card__when").inner_text() == (
        "Please always call 999 if someone is seriously ill or injured and their life is at risk.")


def test_exit_this_page_stays_on_screen_in_the_header_as_the_page_scrolls(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site.url("get-help/"))
    exit_button = page.locator("header a#exit-this-page")
    assert exit_button.evaluate(BOX)["height"] >= 44
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    box = exit_button.evaluate(BOX)
    assert 0 <= box["top"] and box["bottom"] <= PHONE["height"]


def test_the_get_help_link_at_the_top_of_every_page_is_a_44_px_touch_target(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site.url(""))
    box = page.get_by_role("link", name="Get help with drugs now").evaluate(BOX)
    assert box["width"] >= 44 and box["height"] >= 44, box


def test_a_contacts_source_and_last_check_open_without_javascript(site, new_page):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(site.url("get-help/"))
    details = page.locator("#talk-to-frank details")
    assert not details.get_by_text("Contact FRANK").is_visible()
    details.locator("summary").click()
    assert details.get_by_text("Contact FRANK").is_visible()
