"""Shared fixtures: copies of the real data package with one edit applied, and one built site per session."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_charts import pipeline
from build_charts.settings import PROJECT_ROOT, Paths

# Validation and builds in tests use a fixed "today", so ages and future dates do not drift.
TODAY = date(2026, 12, 1)


def copy_project(target: Path, datasets: Path | None = None) -> Paths:
    """A copy of the site project (config, hand-written pages, data package) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT_ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(PROJECT_ROOT / "docs", target / "docs")
    shutil.copytree(datasets or PROJECT_ROOT / "datasets", target / "datasets")
    return Paths(target)


def set_cell(datasets: Path, file: str, row: int, column: str, value: str) -> None:
    """Change one cell, addressed as a spreadsheet shows it (header is row 1)."""
    path = datasets / file
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    fields = list(rows[0].keys())
    rows[row - 2][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def append_row(datasets: Path, file: str, values: dict) -> int:
    """Add a row (missing columns empty) and return its spreadsheet row number."""
    path = datasets / file
    reader = csv.DictReader(path.open(encoding="utf-8", newline=""))
    rows = list(reader)
    fields = list(reader.fieldnames or [])
    rows.append({f: values.get(f, "") for f in fields})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return len(rows) + 1


@pytest.fixture
def make_package(tmp_path):
    """Copy the real data package, apply one edit(datasets_path), and return the copy's path."""

    def make(edit=None) -> Path:
        datasets = tmp_path / "datasets"
        shutil.copytree(PROJECT_ROOT / "datasets", datasets)
        if edit is not None:
            edit(datasets)
        return datasets

    return make


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session into a temporary project copy."""
    paths = copy_project(tmp_path_factory.mktemp("project"))
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, outcome.problems
    return paths.site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The real site built with Zensical, the successor builder, once per test session."""
    paths = copy_project(tmp_path_factory.mktemp("zensical"))
    outcome = pipeline.build(paths, today=TODAY, builder="zensical")
    assert outcome.ok, outcome.problems
    return paths.site


def page(site: Path, url_path: str) -> BeautifulSoup:
    """Parse one built page, addressed by its URL path (e.g. 'progress/rdhp-2025-supply/')."""
    path = site / url_path
    if path.is_dir() or url_path.endswith("/") or url_path == "":
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
