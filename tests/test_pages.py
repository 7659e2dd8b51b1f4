"""Generated pages from edited copies of the data: history of earlier periods, and text shown, never run."""

from __future__ import annotations

from bs4 import BeautifulSoup

from build_charts import pipeline
from build_charts.site import build_site
from conftest import TODAY, append_row, copy_project, set_cell


def _built_page(paths, url: str) -> BeautifulSoup:
    return BeautifulSoup((paths.site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_commitment_with_two_reports_shows_the_latest_first_and_keeps_the_earlier_one(tmp_path):
    paths = copy_project(tmp_path / "project")
    append_row(paths.datasets, "progress.csv", {
        "commitment_id": "rdhp-2025-1-2", "period": "2023", "reported_on": "2024-01", "status": "not-assessed",
        "achievements": "Training for officers began.", "source_id": "rdhp-2025"})
    assert pipeline.build(paths, today=TODAY).ok
    soup = _built_page(paths, "progress/rdhp-2025-supply")
    section = soup.find(id="rdhp-2025-1-2")
    assert section.find_next("h4").get_text() == "Report for 2024"
    link = soup.find("a", string="Earlier reports for this commitment (1)")
    assert link["href"] == "rdhp-2025-1-2/"
    history = _built_page(paths, "progress/rdhp-2025-supply/rdhp-2025-1-2")
    assert [h.get_text() for h in history.select("article h4")] == ["Report for 2024", "Earlier report: 2023"]
    assert "Training for officers began." in history.get_text()


def test_html_and_script_in_a_cell_are_shown_as_text_not_run(tmp_path):
    paths = copy_project(tmp_path / "project")
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> [link](javascript:alert(3))'
    set_cell(paths.datasets, "progress.csv", 2, "achievements", hostile)
    set_cell(paths.datasets, "commitments.csv", 9, "title", "Targeting <b>bold</b> *stars* [x](javascript:alert(4))")
    assert not pipeline.validate(paths, today=TODAY).ok  # the validator refuses it; build anyway to prove escaping
    pipeline.generate(paths, today=TODAY)
    build_site(paths.config, paths.site)
    soup = _built_page(paths, "progress/rdhp-2025-supply")
    article = soup.find("article")
    assert article.find("script") is None
    assert article.find("img", src="x") is None
    assert article.find("b") is None
    assert not [a for a in soup.find_all("a", href=True) if a["href"].lower().startswith("javascript:")]
    assert hostile in article.get_text()
    assert "Targeting <b>bold</b> *stars* [x](javascript:alert(4))" in article.get_text()
