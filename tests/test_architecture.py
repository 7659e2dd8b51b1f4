"""ARCHITECTURE.md stays true: every registry it names exists and holds what it says, and every file it names is
there."""

from __future__ import annotations

import importlib
import inspect
import re
from types import ModuleType

from build_charts.i18n import Catalogue
from build_charts.routes import Route
from build_charts.settings import PROJECT_ROOT

ARCHITECTURE = (PROJECT_ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def registries(text: str) -> dict[str, str]:
    """The extension points table: what to add → its registry, `module:NAME`."""
    section = text.split("## Extension points", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| a ")]
    return {cells[0].strip(): re.fullmatch(r"\s*`([\w.]+:\w+)`\s*", cells[2])[1] for cells in rows}


def resolve(registry: str):
    """Import a registry named as `module:NAME`."""
    module, _, name = registry.partition(":")
    return getattr(importlib.import_module(module), name)


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_the_architecture_names_the_flow_and_a_registry_for_each_extension_point():
    assert "datasets/ ──► validate ──► charts ──► pages ──► site builder ──► site/" in ARCHITECTURE
    assert set(registries(ARCHITECTURE)) == {"a check", "a chart type", "a page writer", "a route", "a language",
                                             "a site builder"}


def test_each_registry_is_what_the_architecture_says():
    found = {point: resolve(name) for point, name in registries(ARCHITECTURE).items()}
    checks = found["a check"]
    assert isinstance(checks, list) and checks and all(_parameters(c)[:2] == ["tables", "context"] for c in checks)
    chart_types = found["a chart type"]
    assert isinstance(chart_types, dict) and all(isinstance(m, ModuleType) for m in chart_types.values())
    for name, module in chart_types.items():
        assert all(callable(getattr(module, f, None)) for f in ("data", "chart", "summary", "table")), name
        assert f"`{name}`" in ARCHITECTURE  # each chart type is described
    writers = found["a page writer"]
    assert isinstance(writers, dict) and all(_parameters(w) == ["inputs"] for w in writers.values())
    routes = found["a route"]
    assert isinstance(routes, dict) and all(isinstance(r, Route) for r in routes.values())
    catalogue = found["a language"]
    assert inspect.signature(catalogue).return_annotation in (Catalogue, "Catalogue")
    assert catalogue(PROJECT_ROOT, "en").shown_as == "locale/en/LC_MESSAGES/messages.po"
    builders = found["a site builder"]
    assert set(builders) == {"mkdocs", "zensical"} and all(callable(b) for b in builders.values())


def test_a_registry_that_is_not_there_is_found(tmp_path):
    text = ARCHITECTURE.replace("`build_charts.routes:ROUTES`", "`build_charts.routes:PAGES`")
    try:
        resolve(registries(text)["a route"])
    except AttributeError as missing:
        assert "PAGES" in str(missing)
    else:
        raise AssertionError("a registry that does not exist was not found missing")


def test_every_file_the_architecture_names_exists():
    named = set(re.findall(r"`((?:build_charts|tests|docs|datasets|\.github|requirements)/[^`<>*\s]*)`", ARCHITECTURE))
    assert named and [path for path in sorted(named) if not (PROJECT_ROOT / path).exists()] == []


def test_the_readme_fits_on_a_screen_and_leaves_figures_to_the_benchmark_file():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 120
    for target in ("ARCHITECTURE.md", "BENCHMARKS.md", "CHANGELOG.md", "docs/guide/index.md"):
        assert f"]({target})" in readme, target
    assert re.findall(r"\b\d+(?:\.\d+)? ?(?:s|ms|MB|KB|GB)\b", readme) == []  # speed and size: BENCHMARKS.md
