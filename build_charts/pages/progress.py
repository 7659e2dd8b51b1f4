"""Progress pages, one module per page family, put together here:

- `theme_pages`: the progress overview, one page per theme listing its commitments, each commitment's history;
- `by_agency`: commitments by lead agency (progress/by-lead-agency/, and each agency's pages when there are many);
- `by_outcome`: commitments by national outcome (progress/by-outcome/<outcome>/ when the outcomes page cannot list
  them all);
- `answers`: the plain sentences those pages open with, made from the latest reports.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from build_charts.package import DataPackage
from build_charts.pages.answers import next_report_html
from build_charts.pages.by_agency import lead_agency_pages
from build_charts.pages.by_outcome import outcome_progress_pages
from build_charts.pages.kept import KeptPages, no_kept_pages
from build_charts.pages.sources import source_lookup
from build_charts.pages.theme_pages import history_page, overview, reports_by_commitment, theme_page
from build_charts.routes import page_file


def progress_pages(package: DataPackage, today: date | None = None, kept: KeptPages | None = None) -> dict[str, str]:
    """The progress overview, one page per theme, and the pages by lead agency and by outcome, keyed by path.

    `today` is the build's date, against which a progress report's due date has passed or not. A commitment's
    history page is made from its row and its reports alone: one `kept` from the last build is taken as it is."""
    kept = kept or no_kept_pages()
    pages = {page_file("progress"): overview(package, today)}
    next_reports = {s["strategy_id"]: next_report_html(s, package, today) for s in package["strategies"].to_dict("records")}
    pages.update(lead_agency_pages(package))
    pages.update(outcome_progress_pages(package))
    reports = reports_by_commitment(package["progress"])
    sources = source_lookup(package["sources"])
    for theme in package["themes"].to_dict("records"):
        pages[page_file("theme", theme_id=theme["theme_id"])] = theme_page(package, theme, reports,
                                                                      next_reports[theme["strategy_id"]])
    for commitment in package["commitments"].to_dict("records"):
        history = reports.get(commitment["commitment_id"], [])
        if len(history) > 1:
            path = page_file("history", theme_id=commitment["theme_id"], commitment_id=commitment["commitment_id"])
            pages[path] = kept.page("history", [commitment, history], partial(
                history_page, commitment, history, sources, package.vocab))
    return pages
