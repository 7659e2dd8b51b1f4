"""Vocabularies with one source: the words for each code are defined once, for exactly the codes the data allows."""

from __future__ import annotations

import ast
import json

import pytest

from build_charts import vocab
from build_charts.settings import PROJECT_ROOT

DESCRIPTOR = json.loads((PROJECT_ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))


def allowed(resource: str, field: str) -> list[str]:
    """The codes datapackage.json allows in one column."""
    schema = next(r["schema"] for r in DESCRIPTOR["resources"] if r["name"] == resource)
    return next(f for f in schema["fields"] if f["name"] == field)["constraints"]["enum"]


@pytest.mark.parametrize(("resource", "field", "words"), [
    ("progress", "status", vocab.STATUSES),
    ("theme_outcomes", "outcome", vocab.OUTCOMES),
    ("indicators", "outcome", vocab.OUTCOMES),
    ("charts", "topic", vocab.TOPICS),
    ("indicators", "topic", vocab.FACT_TOPICS),
    ("key_facts", "topic", vocab.FACT_TOPICS),
    ("help_services", "category", vocab.HELP_CATEGORIES),
])
def test_every_code_the_data_allows_has_words_and_no_others(resource, field, words):
    assert sorted(words) == sorted(allowed(resource, field))


def test_the_report_parts_are_the_text_columns_of_progress():
    schema = next(r["schema"] for r in DESCRIPTOR["resources"] if r["name"] == "progress")
    assert set(vocab.REPORT_PARTS) <= {f["name"] for f in schema["fields"]}


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
    labels = {s.label for s in vocab.STATUSES.values()} | set(vocab.OUTCOMES.values()) | set(
        vocab.HELP_CATEGORIES.values()) | {vocab.TOPICS["treatment"], vocab.TOPICS["costs-and-savings"]}
    found = {}
    for path in (PROJECT_ROOT / "build_charts").rglob("*.py"):
        if path.name == "vocab.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
        if strings & labels:
            found[path.name] = sorted(strings & labels)
    assert found == {}


def test_what_changed_reads_words_and_addresses_from_below_the_pages():
    path = PROJECT_ROOT / "build_charts" / "what_changed.py"
    from_pages = sorted(m for m in imported_modules(path) if m.startswith("build_charts.pages"))
    assert from_pages == ["build_charts.pages.registry", "build_charts.pages.registry.pages_from_data"]
