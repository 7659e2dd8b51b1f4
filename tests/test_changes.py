"""The "What changed" page, made from the data, and the "Last updated" line on progress and help pages."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import markdown as python_markdown
import pandas as pd

from build_charts import pipeline
from build_charts.new_period import add_period
from build_charts.package import DataPackage, read_descriptor
from build_charts.pages import changes as changes_module
from build_charts.pages.changes import (
    TextChange,
    changes_pages,
    describe_text_change,
    heading_id,
    period_changes,
)
from build_charts.settings import PROJECT_ROOT
from build_charts.vocab import vocabularies
from conftest import TODAY, append_row, copy_project, fixture_project, page

COLUMNS = ["commitment_id", "period", "reported_on", "status", "achievements", "gaps_challenges", "next_actions"]


def _progress(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame([dict(zip(COLUMNS, row, strict=True)) for row in rows], columns=COLUMNS).astype(object)


def _package(progress: pd.DataFrame, titles: dict[str, str] | None = None) -> DataPackage:
    titles = titles or {"c-1": "Close county lines", "c-2": "Shorter waits", "c-3": "A recovery café"}
    commitments = pd.DataFrame([{"commitment_id": c, "theme_id": "t-1", "title": t} for c, t in titles.items()])
    services = pd.DataFrame([
        {"service_id": "s-1", "name": "Drug service", "area_served": "Exampleton", "last_verified": date(2026, 9, 1)},
        {"service_id": "s-2", "name": "Helpline", "area_served": "National", "last_verified": None},
        {"service_id": "s-3", "name": "Elsewhere", "area_served": "Otherton", "last_verified": date(2026, 10, 1)},
    ]).astype(object)
    kit = read_descriptor(PROJECT_ROOT / "datasets")  # the kit's schema, and so its words for each code
    return DataPackage(root=Path("."), descriptor={**kit, "partnership": {"area": "Exampleton"}},
                       frames={"progress": progress, "commitments": commitments, "help_services": services})


TWO_PERIODS = _progress(
    ("c-1", "2023/24", "2024-05", "on-track", "Sessions ran.", None, "More schools."),
    ("c-2", "2023/24", "2024-05", "not-started", None, None, None),
    ("c-1", "2024/25", None, "complete", "Sessions ran in every school.", None, None),
    ("c-3", "2024/25", None, "on-track", "Café opened.", None, None),
)


def _changes_page(package: DataPackage) -> str:
    """The What changed page of a package whose lists fit on one page."""
    pages = changes_pages(package)
    assert list(pages) == ["changes/index.md"]
    return pages["changes/index.md"]


def test_a_period_lists_first_reports_status_changes_text_changes_and_reports_not_repeated():
    changes = period_changes(TWO_PERIODS, "2024/25", "2023/24")
    assert changes.first_reported == (("c-3", "on-track"),)
    assert [(s.commitment_id, s.before, s.before_period, s.after) for s in changes.status_changes] == [
        ("c-1", "on-track", "2023/24", "complete")]
    assert changes.text_changes == (TextChange("c-1", updated=("achievements",), removed=("next_actions",)),)
    assert changes.not_reported_again == ("c-2",)


def test_text_changes_read_as_plain_english():
    change = TextChange("c-1", added=("gaps_challenges",), updated=("achievements",), removed=("next_actions",))
    assert describe_text_change(change, vocabularies(read_descriptor(PROJECT_ROOT / "datasets"))) == (
        "new: Gaps and challenges; rewritten: What was achieved; no longer reported: Next actions")


def test_only_spacing_changed_is_not_a_change():
    progress = _progress(("c-1", "2023", None, "on-track", "Sessions  ran.", None, None),
                         ("c-1", "2024", None, "on-track", "Sessions ran.\n", None, None))
    changes = period_changes(progress, "2024", "2023")
    assert changes.text_changes == () and changes.status_changes == ()


def test_the_page_lists_periods_newest_first_and_says_which_is_the_first_report():
    markdown = _changes_page(_package(TWO_PERIODS))
    assert markdown.index("## 2024/25") < markdown.index("## 2023/24")
    assert ('### Status changed\n\n<!-- html -->\n<ul>\n<li><a href="../progress/t-1/#c-1">Close county lines</a> — '
            "On track in 2023/24, now Complete</li>\n</ul>\n<!-- /html -->\n") in markdown
    assert ('### Reported for the first time\n\n<!-- html -->\n<ul>\n'
            '<li><a href="../progress/t-1/#c-3">A recovery café</a> — On track</li>\n') in markdown
    assert ("### Reported in 2023/24 but not in 2024/25\n\n<!-- html -->\n<ul>\n"
            '<li><a href="../progress/t-1/#c-2">Shorter waits</a> — no report for 2024/25</li>\n') in markdown
    assert markdown.rstrip().endswith(
        "## 2023/24\n\nThis is the first report in the data. It reports on 2 commitments, so there is nothing earlier "
        "to compare it with.\n\n## Help contacts checked\n\n"
        "The data keeps only the latest date each contact's details were checked, not earlier checks.\n\n"
        "- [Drug service](../get-help/index.md#s-1) — checked 1 September 2026\n"
        "- [Helpline](../get-help/index.md#s-2) — no check recorded".rstrip())


def test_a_period_with_nothing_changed_says_so():
    progress = _progress(("c-1", "2023", None, "on-track", "Ran.", None, None),
                         ("c-1", "2024", None, "on-track", "Ran.", None, None))
    assert "No status or report text changed since 2023." in _changes_page(_package(progress))


def test_no_progress_at_all_says_no_report_is_published():
    assert "No progress report has been published yet." in _changes_page(_package(_progress()))


def test_dataset_text_on_the_changes_page_is_escaped():
    progress = _progress(("c-2", "2023", None, "on-track", None, None, None),
                         ("c-1", "2024", None, "on-track", None, None, None))
    titles = {"c-1": "<b>Bold</b> *stars* [x](javascript:alert(1))", "c-2": "Shorter waits"}
    markdown = _changes_page(_package(progress, titles))
    # Inside a set-aside HTML block, so Markdown never reads the stars or brackets.
    assert ('<a href="../progress/t-1/#c-1">&lt;b&gt;Bold&lt;/b&gt; *stars* [x](javascript:alert(1))</a>'
            in markdown)
    assert "<b>" not in markdown


def _text(soup) -> str:
    return " ".join(soup.get_text().split())


def test_the_real_site_has_one_period_and_says_it_is_the_first_report(built_site):
    soup = page(built_site, "changes/")
    assert soup.find("h1").get_text() == "What changed"
    assert [h.get_text() for h in soup.select("article h2")] == ["2024", "Help contacts checked"]
    assert "This is the first report in the data. It reports on 14 commitments" in _text(soup)
    frank = soup.find("a", string="FRANK")
    assert frank["href"] == "../get-help/#talk-to-frank"
    assert frank.parent.get_text() == "FRANK — checked 1 December 2026"
    assert soup.find("a", string="The Bridge").parent.get_text() == "The Bridge — no check recorded"


def test_the_progress_page_links_to_the_changes_page_which_is_not_in_the_main_navigation(built_site):
    progress = page(built_site, "progress/")
    link = progress.find("a", string="what changed in each reporting period")
    assert (built_site / "progress" / link["href"] / "index.html").resolve() == (
        built_site / "changes" / "index.html").resolve()
    navigation = [a["href"] for a in page(built_site, "").select("nav.md-nav--primary a")]
    assert navigation and not [href for href in navigation if "changes" in href]


def test_a_second_period_shows_status_changes_with_working_links(fixture_site):
    soup = page(fixture_site, "changes/")
    assert [h.get_text() for h in soup.select("article h2")] == ["2024/25", "2023/24", "2020/21", "Help contacts checked"]
    changed = soup.find("h3", string="Status changed").find_next("li")
    assert _text(changed) == "Drug education in every secondary school — On track in 2023/24, now Complete"
    target = changed.find("a")["href"]
    assert target == "../progress/edap-prevent/#edap-1-1"
    assert page(fixture_site, "progress/edap-prevent/").find(id="edap-1-1") is not None
    first_time = soup.find("h3", string="Reported for the first time").find_next("ul")
    assert len(first_time.find_all("li")) == 4


# "Last updated" near the top of each page, from the data.

def _first_paragraphs(soup, count: int = 3) -> list[str]:
    return [p.get_text() for p in soup.find("article").find_all("p")[:count]]


def test_progress_pages_say_when_they_were_last_updated_near_the_top(fixture_site):
    assert "Last updated: June 2025." in _first_paragraphs(page(fixture_site, "progress/"))
    assert "Last updated: June 2025." in _first_paragraphs(page(fixture_site, "progress/edap-treat/"))
    assert "Last updated: May 2024." in _first_paragraphs(page(fixture_site, "progress/edap-prevent/"))


def test_every_help_contact_says_when_it_was_last_checked_beside_its_number(built_site):
    summaries = [s.get_text() for s in page(built_site, "get-help/").select("section.service details summary")]
    assert summaries == ["Details checked 25 November 2026", "Details checked 1 December 2026",
                         "We have not yet confirmed these details with The Bridge",
                         "We have not yet confirmed these details with Parent Support Link",
                         "Details checked 1 December 2026"]


def test_a_theme_whose_reports_give_no_month_has_no_last_updated_line(tmp_path):
    paths = fixture_project(tmp_path / "project")  # the enforcement theme's reports give no month
    pipeline.generate(paths, today=TODAY)
    markdown = (paths.staging / "progress" / "edap-enforce" / "index.md").read_text(encoding="utf-8")
    assert "Last updated" not in markdown and "last_updated" not in markdown


def test_a_short_history_of_changes_stays_on_one_page():
    assert list(changes_pages(_package(TWO_PERIODS))) == ["changes/index.md"]


def test_a_period_heading_anchor_is_the_one_the_site_builder_gives_it():
    html = python_markdown.markdown("## 2024/25", extensions=["toc"])
    assert f'id="{heading_id("2024/25")}"' in html


def _every_commitment_reported_again(paths) -> None:
    """A 2025 report for each of the 14 commitments: new status and text, so each is listed twice."""
    with (paths.datasets / "progress.csv").open(encoding="utf-8") as f:
        reports = list(csv.DictReader(f))
    for row in reports:
        append_row(paths.datasets, "progress.csv", {
            "commitment_id": row["commitment_id"], "period": "2025", "reported_on": "2026-01", "status": "on-track",
            "achievements": f"New work on {row['commitment_id']}.", "source_id": "rdhp-2025"})


def test_long_lists_of_changes_move_to_pages_of_their_period_with_working_links(tmp_path, monkeypatch):
    monkeypatch.setattr(changes_module, "ITEMS_PER_PAGE", 10)
    paths = copy_project(tmp_path / "project")
    _every_commitment_reported_again(paths)
    assert pipeline.build(paths, today=TODAY).ok

    summary = page(paths.site, "changes/")
    assert [h.get_text() for h in summary.select("article h2")] == ["2025", "2024", "Help contacts checked"]
    assert "Report text changed: 14" in _text(summary)
    assert summary.find("a", string="Every change in 2025")["href"] == "2025/"
    assert not summary.select("article h3")  # the lists themselves are on the period's pages

    first, second = page(paths.site, "changes/2025/"), page(paths.site, "changes/2025/page-2/")
    listed = [a for soup in (first, second, page(paths.site, "changes/2025/page-3/"))
              for a in soup.select("article li > a[href*='progress/']")]
    assert len(first.select("article li > a[href*='progress/']")) == 10
    assert len(listed) == 28 - _unchanged_statuses(paths)
    assert first.find("h1").get_text() == "What changed in 2025, page 1 of 3"
    assert "Changes 11 to 20 of" in _text(second)
    for link in second.select("article li > a[href*='progress/']"):
        theme, anchor = link["href"].split("#")
        assert page(paths.site / "changes" / "2025" / "page-2", theme).find(id=anchor) is not None
    back = second.find("a", string="What changed in every period")["href"]
    assert back == "../../#2025" and summary.find(id="2025") is not None
    assert second.find("a", string="Page 1")["href"] == "../"
    assert "Page 2 (this page)" in _text(second)


def _unchanged_statuses(paths) -> int:
    """Commitments already on track in 2024, which the 2025 reports leave with an unchanged status."""
    with (paths.datasets / "progress.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return sum(1 for row in rows if row["period"] == "2024" and row["status"] == "on-track")


# A period still being filled in (rows added by new-period)


def test_rows_waiting_for_their_report_show_update_due_not_text_no_longer_reported():
    progress = _progress(
        ("c-1", "2023/24", "2024-05", "on-track", "Sessions ran.", None, "More schools."),
        ("c-2", "2023/24", "2024-05", "not-applicable", None, None, None),
        ("c-1", "2024/25", None, "not-assessed", None, None, None),  # as new-period adds them
        ("c-2", "2024/25", None, "not-applicable", None, None, None),
    )
    changes = period_changes(progress, "2024/25", "2023/24")
    assert (changes.update_due, changes.status_changes, changes.text_changes) == (("c-1",), (), ())
    markdown = _changes_page(_package(progress))
    assert ('### Update due\n\n<!-- html -->\n<ul>\n<li><a href="../progress/t-1/#c-1">Close county lines</a> — '
            "update due</li>\n</ul>\n<!-- /html -->\n") in markdown
    assert "no longer reported" not in markdown and "Not assessed" not in markdown


def test_a_row_waiting_for_the_first_report_on_a_commitment_is_update_due_not_reported_for_the_first_time():
    progress = _progress(
        ("c-1", "2023/24", "2024-05", "on-track", "Sessions ran.", None, None),
        ("c-1", "2024/25", None, "not-assessed", None, None, None),  # as new-period adds them
        ("c-3", "2024/25", None, "not-assessed", None, None, None),  # never reported on before
    )
    changes = period_changes(progress, "2024/25", "2023/24")
    assert (changes.reported, changes.first_reported, changes.update_due) == ((), (), ("c-1", "c-3"))
    markdown = _changes_page(_package(progress))
    assert "Reports on 0 commitments." in markdown
    assert "Reported for the first time" not in markdown and "Not assessed" not in markdown
    assert '<li><a href="../progress/t-1/#c-3">A recovery café</a> — update due</li>' in markdown


def _site_after_new_period(tmp_path):
    """The fixture's site after new-period added 2025/26 and the team filled in only each row's source."""
    paths = fixture_project(tmp_path / "project")
    add_period(paths.datasets, "2025/26", TODAY)
    with (paths.datasets / "progress.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["source_id"] = row["source_id"] or "edap-report-25"  # the one cell the team fills first
    with (paths.datasets / "progress.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert pipeline.build(paths, today=TODAY).ok
    return paths.site


def _period_section(soup, period: str) -> list:
    """The elements under one period's heading on the changes page, up to the next period."""
    found = []
    for element in soup.find("h2", string=period).find_next_siblings():
        if element.name == "h2":
            break
        found.append(element)
    return found


def test_after_new_period_the_changes_page_says_update_due_and_not_applicable_stays(tmp_path):
    soup = page(_site_after_new_period(tmp_path), "changes/")
    section = _period_section(soup, "2025/26")
    assert "Update due" in [h.get_text() for h in section if h.name == "h3"]
    due = soup.find("h3", string="Update due").find_next("ul").find_all("li")
    assert [_text(li) for li in due] == [  # the not-applicable commitment stays not applicable: no update due
        "Drug education in every secondary school — update due", "Shorter waits for treatment — update due",
        "More naloxone in the community — update due", "A recovery café — update due",
        "Close county lines — update due"]
    assert "no longer reported" not in " ".join(_text(e) for e in section)


def test_after_new_period_a_commitment_never_reported_is_not_said_to_be_reported(tmp_path):
    soup = page(_site_after_new_period(tmp_path), "changes/")
    section = " ".join(_text(e) for e in _period_section(soup, "2025/26")).lower()
    assert "not assessed" not in section and "reported for the first time" not in section
