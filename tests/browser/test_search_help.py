"""Search that never dead-ends, on the smallest phone (320 by 568 px): a crisis word, a drug name or a search that
finds nothing puts Get help first in the results; the overlay never hides the way to help; the 404 page offers
Get help, search and home."""

from __future__ import annotations

import pytest

PHONE = {"width": 320, "height": 568}
FIRST_LINK_IN_RESULTS = """() => {
  const links = [...document.querySelectorAll('.md-search__output a')].filter((a) => {
    const r = a.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  const first = links[0]; const r = first.getBoundingClientRect();
  return {text: first.textContent.trim(), href: first.getAttribute('href'), top: r.top, bottom: r.bottom};
}"""


# Zensical draws its search in a dialog in a shadow root: the first link in it that shows, and its full address.
ZENSICAL_FIRST_LINK = """() => {
  for (const host of document.querySelectorAll('body > *')) {
    const dialog = host.shadowRoot && host.shadowRoot.querySelector('dialog[aria-label]');
    if (!dialog) continue;
    const first = [...dialog.querySelectorAll('a')].filter((a) => {
      const r = a.getBoundingClientRect(); return r.width > 0 && r.height > 0; })[0];
    const r = first.getBoundingClientRect();
    return {text: first.textContent.trim(), href: first.href, top: r.top, bottom: r.bottom};
  }
}"""


@pytest.fixture(scope="module")
def zensical_under_a_sub_path(zensical_site, serve, tmp_path_factory):
    """The Zensical build served at /rdhp/, as a site published under a sub-path is: a link resolved one folder too
    high leaves the site there, where at the server's root it would not."""
    folder = tmp_path_factory.mktemp("sub-path")
    (folder / "rdhp").symlink_to(zensical_site, target_is_directory=True)
    return serve(folder)


def search(new_page, address: str, words: str, results_counted: str = ".md-search-result__meta",
           count_word: str = "match"):
    """The search page at `address` on a phone, `words` typed and the results counted (by the element
    `results_counted`, once it holds `count_word`), with a moment for the help box to settle."""
    page = new_page(viewport=PHONE)
    page.goto(address)
    page.wait_for_load_state("networkidle")
    page.keyboard.type(words)
    page.locator(results_counted).filter(has_text=count_word).wait_for(timeout=10_000)
    page.wait_for_timeout(600)
    return page


@pytest.mark.parametrize("words", ["overdose", "ketamine", "zzqxwv", "my son took pills"])
def test_a_crisis_word_a_drug_name_or_nonsense_puts_get_help_first_on_the_first_screen(site, new_page, words):
    page = search(new_page, site.url("search/"), words)
    first = page.evaluate(FIRST_LINK_IN_RESULTS)
    assert (first["text"], first["href"]) == ("Get help with drugs", "../get-help/"), first
    assert 0 <= first["top"] and first["bottom"] <= PHONE["height"], first
    assert "search-help--first" in page.locator("#search-help").get_attribute("class")


@pytest.mark.parametrize("words", ["overdose", "ketamine", "zzqxwv"])
def test_zensicals_search_puts_get_help_first_too_under_a_sub_path(zensical_under_a_sub_path, new_page, words):
    page = search(new_page, zensical_under_a_sub_path.url("rdhp/search/"), words,
                  results_counted='dialog[aria-label] [role="status"]', count_word="result")
    first = page.evaluate(ZENSICAL_FIRST_LINK)
    assert (first["text"], first["href"]) == ("Get help with drugs", zensical_under_a_sub_path.url("rdhp/get-help/"))
    assert 0 <= first["top"] and first["bottom"] <= PHONE["height"], first
    box = page.locator("#search-help")  # Playwright's locators reach into the open shadow root
    assert "search-help--first" in box.get_attribute("class")
    assert box.evaluate("(box) => getComputedStyle(box).borderLeftStyle") == "solid"  # the site's styles reach it
    if words == "zzqxwv":  # nothing found: the closest pages, from Zensical's own index
        assert box.locator(".search-help__closest li a").count() == 3


def test_a_search_that_finds_nothing_says_so_and_offers_the_closest_pages(site, new_page):
    page = search(new_page, site.url("search/"), "zzqxwv")
    box = page.locator("#search-help")
    assert box.locator(".search-help__nothing").is_visible()
    assert box.locator(".search-help__closest li a").count() == 3


def test_an_ordinary_search_keeps_the_help_bar_above_its_results(site, new_page):
    page = search(new_page, site.url("search/"), "resilience")
    box = page.locator("#search-help")
    assert box.is_visible() and "search-help--first" not in box.get_attribute("class")
    assert page.evaluate(FIRST_LINK_IN_RESULTS)["text"] == "Get help with drugs"


def test_the_404_page_offers_get_help_search_and_home(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site.url("404.html"))
    links = page.locator("article ul.not-found-links > li > a:first-child")
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        "Get help with drugs", "Search this site", "Go to the home page"]
    assert links.first.evaluate("(a) => a.getBoundingClientRect().bottom") <= PHONE["height"]
