"""Vocabularies with one source: the words for each code are defined once, for exactly the codes the data allows."""

from __future__ import annotations

import ast
import json

import pytest

from build_charts import pipeline, vocab
from build_charts.settings import PROJECT_ROOT
from build_charts.validate import validate_package
from build_charts.validate.report import as_text
from tests.conftest import TODAY, copy_project, page

DESCRIPTOR = json.loads((PROJECT_ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
WORDS = vocab.vocabularies(DESCRIPTOR)


def allowed(resource: str, field: str) -> list[str]:
    """The codes datapackage.json allows in one column."""
    schema = next(r["schema"] for r in DESCRIPTOR["resources"] if r["name"] == resource)
    return next(f for f in schema["fields"] if f["name"] == field)["constraints"]["enum"]


@pytest.mark.parametrize(("resource", "field", "words"), [
    ("progress", "status", WORDS.statuses),
    ("theme_outcomes", "outcome", WORDS.outcomes),
    ("indicators", "outcome", WORDS.outcomes),
    ("charts", "topic", WORDS.topics),
    ("indicators", "topic", WORDS.fact_topics),
    ("key_facts", "topic", WORDS.fact_topics),
    ("help_services", "category", WORDS.help_categories),
])
def test_every_code_the_data_allows_has_words_and_no_others(resource, field, words):
    written = written_words(*WORDED_IN.get((resource, field), (resource, field)))
    shown = {code: getattr(label, "label", label) for code, label in words.items()}
    assert shown == {code: written.get(code) for code in allowed(resource, field)}
    assert all(written.get(code) not in (None, "", code) for code in allowed(resource, field))


# Fields that take a vocabulary's codes without words of their own: where their words are written.
WORDED_IN = {("indicators", "outcome"): ("theme_outcomes", "outcome"), ("indicators", "topic"): ("charts", "topic"),
             ("key_facts", "topic"): ("charts", "topic")}


def written_words(resource: str, field: str) -> dict[str, str]:
    """The words datapackage.json writes for each code of one field (its "categories"), read without vocab."""
    schema = next(r["schema"] for r in DESCRIPTOR["resources"] if r["name"] == resource)
    spec = next(f for f in schema["fields"] if f["name"] == field)
    return {c["value"]: c.get("label") for c in spec.get("categories", [])}


def test_the_report_parts_are_the_text_columns_of_progress():
    schema = next(r["schema"] for r in DESCRIPTOR["resources"] if r["name"] == "progress")
    assert set(WORDS.report_parts) <= {f["name"] for f in schema["fields"]}


def imported_modules(path) -> set[str]:
    """Every module a Python file imports from."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    found |= {f"{node.module}.{alias.name}" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
              and node.module for alias in node.names}
    return found | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}


def test_charts_import_nothing_from_pages():
    upward = {path.name: sorted(m for m in imported_modules(path) if m.startswith("build_charts.pages"))
              for path in (PROJECT_ROOT / "build_charts" / "charts").glob("*.py")}
    assert {name: modules for name, modules in upward.items() if modules} == {}


def test_no_module_spells_out_a_vocabulary_label_of_its_own():
    labels = {s.label for s in WORDS.statuses.values()} | set(WORDS.outcomes.values()) | set(
        WORDS.help_categories.values()) | {WORDS.topics["treatment"], WORDS.topics["costs-and-savings"]}
    found = {}
    for path in (PROJECT_ROOT / "build_charts").rglob("*.py"):
        if path.name == "vocab.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
        if strings & labels:
            found[path.name] = sorted(strings & labels)
    assert found == {}


def test_what_changed_reads_the_built_sites_not_the_page_modules():
    paths = [PROJECT_ROOT / "build_charts" / "what_changed.py", *(PROJECT_ROOT / "build_charts" / "summary").glob("*.py")]
    from_pages = sorted(m for path in paths for m in imported_modules(path) if m.startswith("build_charts.pages"))
    assert from_pages == []


def _relabel(datasets, edits: dict[tuple[str, str, str], str]) -> None:
    """Change the words of codes in a copy's datapackage.json: {(resource, field, code or key): words}."""
    path = datasets / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for (resource, name, code), words in edits.items():
        spec = vocab.field_of(descriptor, resource, name)
        if code in ("title", "shortTitle", "reportedTitle"):
            spec[code] = words
        elif code is None:
            del spec["categories"][0]["label"]
        else:
            next(c for c in spec["categories"] if c["value"] == code)["label"] = words
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture(scope="module")
def relabelled_site(tmp_path_factory):
    """The real site built from a package whose descriptor words some codes differently."""
    paths = copy_project(tmp_path_factory.mktemp("relabelled"))
    _relabel(paths.datasets, {("progress", "status", "not-assessed"): "No rating given",
                              ("charts", "topic", "use"): "Drugs people take",
                              ("help_services", "category", "family"): "For the people close to you",
                              ("progress", "achievements", "title"): "What got done",
                              ("progress", "achievements", "shortTitle"): "Done"})
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, [p for p in outcome.problems if p.is_error]
    return paths.site


def test_a_status_reworded_in_the_descriptor_is_reworded_on_the_pages_and_in_the_chart(relabelled_site):
    theme = page(relabelled_site, "progress/rdhp-2025-demand/")
    badges = [b.get_text(" ", strip=True) for b in theme.select("span.status")]
    assert "? No rating given" in badges and not any("Not assessed" in b for b in badges)
    chart_page = page(relabelled_site, "charts/commitments-by-status/")
    drawn = chart_page.select_one(".chart-scroll svg").get_text(" ")
    assert "No rating given" in drawn and "Not assessed" not in drawn
    assert "Not assessed" not in chart_page.select_one("article").get_text(" ")
    drawing = (relabelled_site / "charts/commitments-by-status/chart.svg").read_text(encoding="utf-8")
    assert "No rating given" in drawing and "Not assessed" not in drawing


def test_topics_help_groups_and_report_parts_reworded_in_the_descriptor_are_reworded_on_the_pages(relabelled_site):
    assert "Drugs people take" in [h.get_text(strip=True) for h in page(relabelled_site, "key-facts/").find_all("h2")]
    assert "Drugs people take" in page(relabelled_site, "charts/").get_text()
    help_headings = [h.get_text(strip=True) for h in page(relabelled_site, "get-help/").find_all(["h2", "h3"])]
    assert "For the people close to you" in help_headings and "Help for families and friends" not in help_headings
    headings = [h.get_text(strip=True) for h in page(relabelled_site, "progress/rdhp-2025-supply/").find_all("h5")]
    assert "What got done" in headings and "What was achieved" not in headings
    completeness = (relabelled_site / "charts/report-completeness/chart.svg").read_text(encoding="utf-8")
    assert "Done" in completeness


def test_validation_names_a_code_without_words(make_package):
    datasets = make_package(lambda d: _relabel(d, {("progress", "status", None): ""}))
    problems = [as_text(p) for p in validate_package(datasets, today=TODAY) if p.code == "vocabulary-words"]
    assert problems == [
        "Error in datasets/datapackage.json\n"
        '  Found:    no words for the code "complete" in the "categories" of the field "status" of the resource '
        '"progress"\n'
        "  Expected: words for every code the statuses allow, shown on the site in place of the code\n"
        '  Fix:      Add {"value": "complete", "label": "..."} to the "categories" of the field "status" of the '
        'resource "progress", with the words the site should show.'
    ]


def test_validation_refuses_html_in_the_words_of_a_code(make_package):
    datasets = make_package(lambda d: _relabel(d, {("charts", "topic", "use"): "<b>Drug use</b>"}))
    problems = [p for p in validate_package(datasets, today=TODAY) if p.is_error]
    assert [(p.column, p.found) for p in problems] == [
        ("charts.topic.categories[1].label", 'text containing HTML or a script: "<b>Drug use</b>"')]


def test_each_vocabulary_has_its_words_in_one_field_only():
    fields = [f for r in DESCRIPTOR["resources"] for f in r["schema"]["fields"] if "categories" in f]
    assert sorted(f["name"] for f in fields) == sorted(name for _, name in vocab.VOCABULARIES.values())
