"""The accessibility statement and the privacy notice: complete, with the partnership's details from the data
package, and saying plainly what the package does not give."""

from __future__ import annotations

import json

from build_charts import pipeline
from conftest import TODAY, copy_project, page

MODEL_STATEMENT_SECTIONS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Report a problem",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def _text(soup) -> str:
    return " ".join(soup.get_text().split())


def test_the_accessibility_statement_has_every_section_of_the_model_statement(built_site):
    statement = page(built_site, "accessibility/")
    headings = [h.get_text(" ", strip=True) for h in statement.select("article h2, article h3")]
    assert [h for h in MODEL_STATEMENT_SECTIONS if h not in headings] == []
    text = _text(statement.find("article"))
    assert "This website is run by the Southampton Reducing Drug Harm Partnership." in text
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert "Equality Advisory and Support Service (EASS)" in text
    assert "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" in text
    assert "This statement was prepared on 1 December 2026. It was last reviewed on 1 December 2026." in text


def test_without_a_contact_the_statutory_pages_say_none_is_published(built_site):
    for path in ("accessibility/", "privacy/"):
        assert "The partnership has not yet published a contact address for this site." in _text(page(built_site, path))
    assert ("The partnership has not yet published who the data controller for this site is."
            in _text(page(built_site, "privacy/")))


def test_the_statutory_pages_give_the_contact_and_controller_the_data_package_names(tmp_path):
    paths = copy_project(tmp_path / "project")
    descriptor = paths.datasets / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    package["partnership"]["contact_email"] = "drugharm@example.org"
    package["partnership"]["data_controller"] = "Exampleton City Council"
    descriptor.write_text(json.dumps(package), encoding="utf-8")
    assert pipeline.build(paths, today=TODAY).ok
    statement = page(paths.site, "accessibility/")
    assert [a["href"] for a in statement.select("article a[href^='mailto:']")] == ["mailto:drugharm@example.org"] * 2
    privacy = _text(page(paths.site, "privacy/"))
    assert ("The data controller for this site is Exampleton City Council, on behalf of the Southampton Reducing "
            "Drug Harm Partnership.") in privacy
    assert "Email drugharm@example.org." in privacy


def test_every_page_links_to_where_a_problem_with_it_can_be_reported(built_site):
    for path in ("", "get-help/", "key-facts/", "progress/", "charts/drug-offences-rate/"):
        link = page(built_site, path).find("a", string="Report a problem with this page")
        assert link is not None, path
        target = (built_site / path / link["href"].split("#")[0]).resolve()
        assert target == (built_site / "accessibility").resolve(), path
        assert link["href"].endswith("#report-a-problem")
    assert page(built_site, "accessibility/").find(id="report-a-problem").name == "h2"
