"""A news post is dated by its story (its source's publication date), not by the day it was added to the site."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import page

ESSEX = "Essex Police text people identified in county lines investigations"
FORTRESS = "Police refer people who use drugs to treatment under Operation Fortress"
ATOM = "{http://www.w3.org/2005/Atom}"


def _entry_dates(soup, title: str):
    """The line of label and dates under a post's heading on the updates page."""
    heading = next(h for h in soup.select("article h2") if h.get_text(strip=True) == title)
    return heading.find_next("p", class_="story-dates")


def _text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def test_the_essex_story_is_dated_4_march_2024_and_shown_as_practice_elsewhere(built_site):
    line = _entry_dates(page(built_site, "updates/"), ESSEX)
    story, added = line.find_all("time")
    assert (story["datetime"], story.get_text()) == ("2024-03-04", "4 March 2024")
    assert (added["datetime"], added.get_text()) == ("2026-11-25", "25 November 2026")
    assert _text(line) == ("Practice elsewhere (Essex) . Story dated 4 March 2024 . "
                           "Added to this site on 25 November 2026 .")


def test_an_undated_story_says_its_date_is_not_given_never_the_day_it_was_added(built_site):
    line = _entry_dates(page(built_site, "updates/"), FORTRESS)
    assert "Story date not given in its source." in _text(line)
    assert [t["datetime"] for t in line.find_all("time")] == ["2026-11-25"]
    assert "Practice elsewhere" not in _text(line)
    assert "Posted" not in _text(page(built_site, "updates/").article)


def test_the_updates_page_lists_the_newest_story_first_and_says_what_it_lists(built_site):
    soup = page(built_site, "updates/")
    assert [h.get_text(strip=True) for h in soup.select("article h2")] == [ESSEX, FORTRESS]
    intro = _text(soup.select_one("article h1").find_next("p"))
    assert intro.startswith("News about the partnership's work, and practice from other areas that may interest "
                            "partners. Newest story first; stories whose date is not given come last.")


def test_the_home_page_heading_says_what_its_stories_are_and_dates_each_by_its_story(built_site):
    soup = page(built_site, "")
    heading = soup.find("h2", id="latest-stories-shared-on-this-site")
    assert heading.get_text(strip=True) == "Latest stories shared on this site"
    items = heading.find_next("ul", class_="latest-stories").find_all("li", recursive=False)
    assert [item.a.get_text() for item in items] == [ESSEX, FORTRESS]
    assert items[0].find("time")["datetime"] == "2024-03-04"
    assert "Practice elsewhere (Essex)" in _text(items[0])
    assert "Story date not given in its source." in _text(items[1])
    assert "posted 25 November 2026" not in _text(soup.article)


def test_the_feed_dates_each_entry_by_its_story_and_an_undated_one_by_the_day_it_was_added(built_site):
    feed = ET.parse(built_site / "updates" / "feed.xml").getroot()
    entries = {e.find(f"{ATOM}title").text: e for e in feed.findall(f"{ATOM}entry")}
    essex, fortress = entries[ESSEX], entries[FORTRESS]
    assert essex.find(f"{ATOM}published").text == "2024-03-04T00:00:00Z"
    assert essex.find(f"{ATOM}updated").text == "2024-03-04T00:00:00Z"
    assert fortress.find(f"{ATOM}published") is None
    assert fortress.find(f"{ATOM}updated").text == "2026-11-25T00:00:00Z"
    assert feed.find(f"{ATOM}updated").text == "2026-11-25T00:00:00Z"
