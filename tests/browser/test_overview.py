"""Commitments at a glance, read on the smallest phone (320 by 568 px) by a journalist with ten minutes: how many
commitments are on track, and who leads the supply ones, answered from the cells of one page."""

from __future__ import annotations

import csv

from build_charts.settings import PROJECT_ROOT

PHONE = {"width": 320, "height": 568}
CURRENT = "#rdhp-2025-table"
# Each row of a table as {cell label: text}.
ROWS = """(table) => [...table.tBodies[0].rows].map((row) => Object.fromEntries(
  [...row.cells].map((cell) => [cell.dataset.label, cell.innerText.trim()])))"""


def supply_leads_in_the_data() -> list[str]:
    rows = csv.DictReader((PROJECT_ROOT / "datasets" / "commitments.csv").open(encoding="utf-8"))
    return [row["lead_agency"] or "Not reported" for row in rows if row["theme_id"] == "rdhp-2025-supply"]


def test_the_overview_answers_how_many_are_on_track_and_who_leads_the_supply_ones(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site.url("progress/at-a-glance/"))
    rows = page.locator(CURRENT).evaluate(ROWS)
    assert len(rows) == 14
    # How many are on track: the status cells say, each with the period the status is for.
    assert sum(row["Latest status"].startswith("✔ On track") for row in rows) == 0
    assert {row["Latest status"] for row in rows} == {"? Not assessed (2024)", "– Not applicable (2024)"}
    # Who leads the supply ones: the rows of that theme, their lead cells.
    supply = [row["Lead"] for row in rows if row["Theme"] == "Breaking drug supply chains"]
    assert supply == supply_leads_in_the_data() == ["Police", "Police", "Police", "Police", "Not reported"]
    # Earlier strategies are below their own heading.
    assert page.locator("h2", has_text="Earlier strategies").count() == 1


def test_at_320_px_each_row_is_a_card_and_the_page_never_scrolls_sideways(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site.url("progress/at-a-glance/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    row = page.locator(f"{CURRENT} tbody tr").first
    assert row.evaluate("(r) => getComputedStyle(r).display") == "block"
    assert row.locator("td").first.evaluate("(c) => getComputedStyle(c, '::before').content") == '"Theme: "'


def test_where_javascript_runs_the_table_sorts_by_lead_and_by_status(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site.url("progress/at-a-glance/"))
    table = page.locator(CURRENT)
    table.get_by_role("button", name="Lead").click()
    leads = [row["Lead"] for row in table.evaluate(ROWS)]
    assert leads == sorted(leads, key=str.lower)
    assert table.locator("th", has_text="Lead").get_attribute("aria-sort") == "ascending"
    table.get_by_role("button", name="Latest status").click()
    statuses = [row["Latest status"] for row in table.evaluate(ROWS)]
    assert statuses[0].startswith("? Not assessed") and statuses[-1].startswith("– Not applicable")


def test_without_javascript_the_table_is_there_in_the_strategys_order(site, new_page):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(site.url("progress/at-a-glance/"))
    assert page.locator(f"{CURRENT} tbody th a").first.inner_text().startswith("Targeting the")
    assert page.locator(f"{CURRENT} button").count() == 0
