"""Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA) finds nothing on any page, at desktop width and at 320
and 375 px; the keyboard reaches the skip link, the navigation and Exit this page, and each works."""

from __future__ import annotations

import pytest

from .pages import AXE_OPTIONS, PAGE_TYPES, PageVisitor, _axe, axe_summary, page_of_type, record_visit

# Desktop, and the two phone widths where wide tables and charts are squeezed (an iPhone SE is 320 px wide).
WIDTHS = [1280, 375, 320]


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def visitor_at(request, chromium, site, visitor):
    """A visitor of the real site at each width; desktop shares the visits the other gates make."""
    if request.param == 1280:
        yield visitor
        return
    context = chromium.new_context(viewport={"width": request.param, "height": 568}, is_mobile=True, has_touch=True)
    yield PageVisitor(context, site.origin)
    context.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_accessibility_violations(visitor_at, pages, page_type):
    visit = visitor_at.visit(page_of_type(pages, page_type))
    assert axe_summary(visit.axe_violations) == []


def test_every_page_has_no_accessibility_violations(visitor_at, pages):
    found = {path: axe_summary(visit.axe_violations) for path, visit in visitor_at.visit_all(pages).items()}
    assert {path: lines for path, lines in found.items() if lines} == {}


def test_axe_reports_an_image_without_alt_text_and_a_nameless_button(site, chromium):
    home = (site.folder / "index.html").read_text(encoding="utf-8")
    broken = home.replace("</article>", '<img src="assets/none.png"><button></button></article>', 1)
    url = site.add_page("broken-accessibility.html", broken)
    context = chromium.new_context()
    try:
        rules = {v["id"] for v in record_visit(context, url).axe_violations}
    finally:
        context.close()
    assert {"image-alt", "button-name"} <= rules


def test_the_axe_check_runs_the_wcag_2_2_rules(site, chromium):
    # target-size is a WCAG 2.2 AA rule: it only runs when the 2.2 tags are asked for.
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(site.url(""))
        results = _axe.run(page, options={**AXE_OPTIONS, "resultTypes": ["passes"]}).response
    finally:
        context.close()
    assert "target-size" in {rule["id"] for rule in results["passes"] + results["inapplicable"]}


def _tab_to(page, predicate_js: str, limit: int = 80) -> bool:
    """Press Tab until the focused element matches; False if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
            return True
    return False


def test_the_skip_link_is_the_first_tab_stop_and_moves_to_the_content(site, new_page, pages):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site.url(page_of_type(pages, "theme progress")))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert page.evaluate("document.activeElement.getBoundingClientRect().width") > 0  # shown when focused
    target = page.evaluate("document.activeElement.hash")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash !== ''")
    assert page.evaluate("location.hash") == target
    # The next Tab continues from the content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')")


def test_the_navigation_is_reachable_and_works_by_keyboard(site, new_page):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site.url(""))
    found = _tab_to(page, "!!el.closest('.md-nav--primary') && el.getAttribute('href') === 'key-facts/'")
    assert found, "Tab never reached the Key facts link in the navigation"
    page.keyboard.press("Enter")
    page.wait_for_url("**/key-facts/")
    assert page.locator("h1").first.inner_text() == "Key facts"


def test_the_menu_opens_and_works_by_keyboard_on_a_phone(site, new_page):
    page = new_page(viewport={"width": 375, "height": 740})
    page.goto(site.url(""))
    assert _tab_to(page, "el.getAttribute('data-toggle') === '__drawer' && el.tagName === 'BUTTON'", limit=10), \
        "Tab never reached the menu button"
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked"), "Enter did not open the menu"
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    found = _tab_to(page, "!!el.closest('.md-nav--primary') && el.getAttribute('href') === 'key-facts/'", limit=30)
    assert found, "Tab never reached the Key facts link in the open menu"
    assert page.evaluate("document.activeElement.checkVisibility({visibilityProperty: true})")
    page.keyboard.press("Enter")
    page.wait_for_url("**/key-facts/")


def test_escape_closes_the_menu_on_a_phone(site, new_page):
    page = new_page(viewport={"width": 375, "height": 740})
    page.goto(site.url(""))
    assert _tab_to(page, "el.getAttribute('data-toggle') === '__drawer'", limit=10)
    page.keyboard.press(" ")
    assert page.evaluate("document.getElementById('__drawer').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.getAttribute('data-toggle')") == "__drawer"


FOCUS_SHOWN = """(el => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight
    && el.checkVisibility({visibilityProperty: true, opacityProperty: true});
})(document.activeElement)"""


def _shown_after_transition(page) -> bool:
    page.wait_for_timeout(300)  # the skip link fades in when focused
    return page.evaluate(FOCUS_SHOWN)


@pytest.mark.parametrize("width", [375, 1280])
def test_every_focused_control_is_in_view(site, new_page, width):
    page = new_page(viewport={"width": width, "height": 740})
    page.goto(site.url(""))
    hidden = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        if not page.evaluate(FOCUS_SHOWN) and not _shown_after_transition(page):
            hidden.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    assert hidden == []


def test_the_focus_check_catches_a_link_off_screen(site, new_page):
    home = (site.folder / "index.html").read_text(encoding="utf-8")
    url = site.add_page("broken-focus.html", home.replace('<div data-md-component="skip">', '<div data-md-component="skip"><a href="#" class="md-sidebar--primary">hidden</a>', 1))
    page = new_page(viewport={"width": 375, "height": 740})
    page.goto(url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "hidden"
    assert page.evaluate(FOCUS_SHOWN) is False


EXIT = "a#exit-this-page"


def _help_page_with_exit(site, page, pages):
    help_path = page_of_type(pages, "get help")
    page.goto(site.url(help_path))
    if page.locator(EXIT).count() == 0:
        pytest.skip("the get help page has no a#exit-this-page yet")
    exit_url = page.locator(EXIT).get_attribute("href")
    # The neutral site is outside: answer for it here, so the test needs no internet.
    page.context.route(exit_url.split("?")[0] + "*", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Neutral</title><p>Neutral page</p>"))
    return help_path, exit_url


def test_exit_this_page_is_reachable_by_keyboard_and_leaves_without_a_way_back(site, new_page, pages):
    page = new_page(viewport={"width": 375, "height": 740})
    page.goto(site.url(""))
    help_path, exit_url = _help_page_with_exit(site, page, pages)
    assert _tab_to(page, "el.id === 'exit-this-page'", limit=40), "Tab never reached Exit this page"
    page.keyboard.press("Enter")
    page.wait_for_url(exit_url)
    page.go_back()
    # The help page was replaced in the history: Back goes to the page before it.
    assert page.url == site.url("")


def test_pressing_shift_three_times_exits_the_page(site, new_page, pages):
    page = new_page(viewport={"width": 1280, "height": 900})
    _, exit_url = _help_page_with_exit(site, page, pages)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
