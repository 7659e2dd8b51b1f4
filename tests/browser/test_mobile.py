"""Phones: at 320 and 375 px wide the page body never scrolls sideways (wide tables scroll in their own
box), and every tap target is at least 24 by 24 px (WCAG 2.2 target size, minimum)."""

from __future__ import annotations

import re

import pytest

from .pages import PAGE_TYPES, page_of_type

WIDTHS = [320, 375]

# Returns {overflow: px the page is wider than the screen, widest: the elements that stick out,
# small: tap targets under 24 x 24 px}. A link inside a sentence is exempt (WCAG 2.5.8 "inline"), as is
# an undersized target with no other target within 24 px of its centre ("spacing").
MEASURE = """() => {
  const root = document.scrollingElement;
  const width = window.innerWidth;
  const overflow = root.scrollWidth - root.clientWidth;
  const widest = overflow > 0 ? [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'fixed')
    .filter((el) => !el.closest('.md-sidebar, .table-scroll, [style*="overflow"]'))
    .slice(0, 5).map((el) => el.outerHTML.slice(0, 100)) : [];
  const interactive = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button], [tabindex]:not([tabindex="-1"])';
  const onScreen = (r) => r.width > 0 && r.height > 0 && r.right > 0 && r.left < width;
  // The search page opens its search box on arrival; on a phone the box covers the whole page, so only its
  // own targets can be tapped.
  const search = document.getElementById('__search');
  const layer = (search && search.checked && document.querySelector('.md-search')) || document;
  const targets = [...layer.querySelectorAll(interactive)]
    .filter((el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && onScreen(el.getBoundingClientRect()));
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const block = el.parentElement.closest('p, li, td, th, dd, dt, figcaption, caption, blockquote, h1, h2, h3, h4, h5, h6');
    return !!block && block.textContent.trim().length > el.textContent.trim().length;
  };
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const rects = targets.map((el) => el.getBoundingClientRect());
  const small = [];
  targets.forEach((el, i) => {
    const r = rects[i];
    if (r.width >= 24 - 0.01 && r.height >= 24 - 0.01) return;
    if (inSentence(el)) return;
    const [x, y] = centre(r);
    const crowded = rects.some((other, j) => {
      if (j === i || targets[j].contains(el) || el.contains(targets[j])) return false;
      const dx = Math.max(other.left - x, 0, x - other.right);
      const dy = Math.max(other.top - y, 0, y - other.bottom);
      return Math.hypot(dx, dy) < 12;
    });
    if (crowded) small.push(`${Math.round(r.width)}x${Math.round(r.height)} ${el.outerHTML.slice(0, 100)}`);
  });
  return {overflow, widest, small};
}"""


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def phone(request, chromium):
    context = chromium.new_context(viewport={"width": request.param, "height": 700}, is_mobile=True,
                                   has_touch=True, device_scale_factor=2)
    yield context.new_page()
    context.close()


_measured: dict[tuple[int, str], dict] = {}


def measure(phone, url: str) -> dict:
    key = (phone.viewport_size["width"], url)
    if key not in _measured:
        phone.goto(url)
        _measured[key] = phone.evaluate(MEASURE)
    return _measured[key]


def test_no_page_scrolls_sideways(site, pages, phone):
    found = {path: measure(phone, site.url(path)) for path in pages}
    assert {path: (m["overflow"], m["widest"]) for path, m in found.items() if m["overflow"] > 0} == {}


def test_every_tap_target_is_at_least_24_px(site, pages, phone):
    found = {path: measure(phone, site.url(path)) for path in pages}
    assert {path: m["small"] for path, m in found.items() if m["small"]} == {}


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_fits_a_phone(site, pages, phone, page_type):
    result = measure(phone, site.url(page_of_type(pages, page_type)))
    assert (result["overflow"], result["small"]) == (0, [])


def test_the_check_catches_a_wide_block_and_small_crowded_links(site, phone):
    home = (site.folder / "index.html").read_text(encoding="utf-8")
    # A line of text that can't wrap, and two one-letter links side by side, outside any sentence.
    broken = home.replace("</article>", "<pre>" + "x" * 200 + "</pre>"
                          '<div><a href="a/">a</a> <a href="b/">b</a></div></article>', 1)
    phone.goto(site.add_page("broken-mobile.html", broken))
    result = phone.evaluate(MEASURE)
    assert result["overflow"] > 0, result
    assert any(">a</a>" in line for line in result["small"]), result


# Every box in the page's content that scrolls sideways: what it is, whether the keyboard reaches it, its
# name, and whether it shows that it scrolls (a shadow drawn by its background).
SCROLLING_BOXES = """() => [...document.querySelectorAll('article *')]
  .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
  .map((el) => ({
    box: el.outerHTML.slice(0, 80),
    tabindex: el.getAttribute('tabindex'),
    role: el.getAttribute('role'),
    name: el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '').split(' ')
      .map((id) => document.getElementById(id)?.textContent.trim() || '').join(' ').trim(),
    shadow: getComputedStyle(el).backgroundImage.includes('gradient'),
  }))"""


def test_every_wide_table_scrolls_in_a_named_box_the_keyboard_reaches_and_shows_that_it_scrolls(site, pages, phone):
    boxes = phone.context.new_page()
    try:
        boxes.goto(site.url(page_of_type(pages, "key facts")))
        found = boxes.evaluate(SCROLLING_BOXES)
    finally:
        boxes.close()
    assert found, "no table on the key facts page is wider than the screen: the check has nothing to check"
    wrong = [box for box in found if (box["tabindex"], box["role"], bool(box["name"]), box["shadow"]) != ("0", "region", True, True)]
    assert wrong == []


def test_the_arrow_keys_scroll_a_wide_table(site, pages, phone):
    page = phone.context.new_page()
    try:
        page.goto(site.url(page_of_type(pages, "key facts")))
        wide = page.evaluate_handle("[...document.querySelectorAll('.table-scroll')].find((el) => el.scrollWidth > el.clientWidth)")
        wide.evaluate("(el) => el.focus()")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)  # the browser scrolls smoothly
        assert wide.evaluate("(el) => el.scrollLeft") > 0
    finally:
        page.close()


# The size, in CSS px on the screen, of every piece of text in the page's charts: its font size times the
# scale the SVG is shown at (shown width / drawn width).
CHART_TEXT_SIZES = """() => [...document.querySelectorAll('figure.chart svg text')]
  .filter((text) => text.ownerSVGElement.checkVisibility()).map((text) => {
  const svg = text.ownerSVGElement;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return {text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale};
})"""


def chart_pages(pages: list[str]) -> list[str]:
    """Key facts and every chart's own page: current, as-at versions and the chart-only page for other sites."""
    return [page_of_type(pages, "key facts")] + [p for p in pages if re.fullmatch(r"charts/[^/]+/([^/]+/)?", p)]


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_is_at_least_11_px_on_a_phone(site, pages, new_page, width):
    page = new_page(viewport={"width": width, "height": 568}, is_mobile=True, has_touch=True)
    small = {}
    for path in chart_pages(pages):
        page.goto(site.url(path))
        sizes = page.evaluate(CHART_TEXT_SIZES)
        assert sizes, f"{path}: no chart text found"
        small[path] = [f"{size['text']}: {size['px']:.1f} px" for size in sizes if size["px"] < 11]
    assert {path: found for path, found in small.items() if found} == {}


def test_a_chart_too_wide_for_a_phone_is_shown_in_its_phone_layout_there_and_never_scrolls(site, new_page):
    page = new_page(viewport={"width": 320, "height": 568}, is_mobile=True, has_touch=True)
    page.goto(site.url("charts/report-completeness/"))  # drawn 435 px wide, for a 288 px column
    assert page.locator("figure.chart .chart-narrow svg").is_visible()
    assert not page.locator("figure.chart .chart-wide svg").is_visible()
    assert not page.get_by_text("Scroll sideways to see the whole chart.").is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("figure.chart .chart-wide svg").is_visible()
    assert not page.locator("figure.chart .chart-narrow svg").is_visible()
    assert page.locator("figure.chart .chart-scroll").evaluate("(el) => el.scrollWidth <= el.clientWidth")
