"""Shared fixtures: the tests' own small data package (Exampleton, a made-up partnership) copied with one edit
applied, one site built from it per test run (shared by every worker), and copies of the real (Southampton) package
for end-to-end tests.

Unit and page tests use the small package (`fixture_project`, `make_fixture_package`, `fixture_site`), so an
edit to Southampton's data never changes their result. Tests that check Southampton's own data are marked
`southampton`."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_charts import pipeline
from build_charts.settings import PROJECT_ROOT, Paths

try:
    import fcntl
except ImportError:  # Windows: each pytest-xdist worker builds its own copy of a shared site
    fcntl = None

# Validation and builds in tests use a fixed "today", so ages and future dates do not drift.
TODAY = date(2026, 12, 1)

# The tests' own data package: a few rows per file, two strategies, two reporting periods, every status and every
# help category. Its descriptor is the kit's (schema and vocabularies) with its own partnership block.
FIXTURE = Path(__file__).parent / "fixtures" / "exampleton"


def fixture_project(target: Path, edit: Callable[[Path], None] | None = None) -> Paths:
    """A project in `target` made of the fixture package, its hand-written pages and the kit's config and theme;
    `edit(datasets)` changes its data first."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT_ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(FIXTURE / "docs", target / "docs")
    for product_folder in ("overrides", "assets"):
        shutil.copytree(PROJECT_ROOT / "docs" / product_folder, target / "docs" / product_folder)
    datasets = target / "datasets"
    shutil.copytree(FIXTURE / "datasets", datasets, ignore=shutil.ignore_patterns("partnership.json"))
    descriptor = json.loads((PROJECT_ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.update(json.loads((FIXTURE / "datasets" / "partnership.json").read_text(encoding="utf-8")))
    (datasets / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    if edit is not None:
        edit(datasets)
    return Paths(target)


def copy_project(target: Path, datasets: Path | None = None) -> Paths:
    """A copy of the site project (config, hand-written pages, data package) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT_ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(PROJECT_ROOT / "docs", target / "docs")
    shutil.copytree(datasets or PROJECT_ROOT / "datasets", target / "datasets")
    return Paths(target)


def git(*args: str, cwd: Path, env: dict | None = None) -> str:
    """Run git in `cwd` (with only `env`, when given) and return what it prints; the test fails if git does."""
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def commit_project(root: Path, env: dict | None = None) -> None:
    """Make the project at `root` a git repository on the branch main, everything in it committed by a comms officer."""
    for args in (("init", "--quiet", "-b", "main"), ("config", "user.name", "Comms officer"),
                 ("config", "user.email", "comms@example.org"), ("add", "--all"), ("commit", "--quiet", "-m", "Start")):
        git(*args, cwd=root, env=env)


def tiny_site_project(root: Path, settings: str = "", pages: dict[str, str] | None = None) -> Path:
    """A site for the builder alone, with no data package, so what a page holds is what is published: mkdocs.yml
    with the theme and `settings` (YAML lines) added, and `pages` (name: Markdown; a one-line home page if none)."""
    (root / "docs" / "assets").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Tiny\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
                                     "plugins: []\n" + settings, encoding="utf-8")
    for name, markdown in (pages or {"index.md": "# Home\n\nText.\n"}).items():
        (root / "docs" / name).write_text(markdown, encoding="utf-8")
    return root


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


# Fixtures made from Southampton's own data package: a test that uses one checks that data end to end.
SOUTHAMPTON_FIXTURES = {"built_site", "zensical_site", "make_package", "sub_path_site"}


# Marks of slow checks left out of a run unless its -m names them: `nox -s phone` runs `phone_sweep`.
ON_REQUEST_MARKS = {"phone_sweep"}


# pytest-xdist (`--dist loadfile` in pyproject.toml) runs each test file whole on one worker, so what a file builds
# once is built once. These files also run on one worker, one after another, because they share what a worker builds
# once and keeps only in its own memory, or change it while a test runs (a group's name stands for its files below):
SAME_WORKER = {
    # every page of the real site visited once at desktop width (tests/browser/conftest.py's `visitor`)
    "real-site-visits": ["browser/test_accessibility.py", "browser/test_csp.py", "browser/test_privacy.py",
                         "browser/test_search.py"],
    # the sub-path build, which a test of test_site_address.py changes for a moment
    "sub-path-site": ["test_share_images.py", "test_site_address.py"],
}
# The files (or groups) that take longest start first, so no long file is left running alone at the end of a run.
LONGEST_FIRST = ["test_what_changed.py", "real-site-visits", "test_incremental_site.py", "test_inputs_property.py",
                 "browser/test_injection.py", "test_scale_pages.py", "test_routes.py", "test_messages.py",
                 "test_charts.py", "test_validate.py", "browser/test_charts_on_phone.py", "test_cache_verified.py",
                 "test_what_changed_property.py", "test_kept_charts.py", "test_changes.py", "test_publish_safe.py"]
TESTS = Path(__file__).parent


def _group(file: str) -> str:
    """The group of a test file (its path inside tests/): its group in SAME_WORKER, or the file itself."""
    return next((group for group, files in SAME_WORKER.items() if file in files), file)


def _in_tests(path: Path) -> str:
    """A file's path inside tests/ (its whole path if it is elsewhere)."""
    return path.relative_to(TESTS).as_posix() if path.is_relative_to(TESTS) else path.as_posix()


def pytest_xdist_make_scheduler(config, log):
    """With `--dist loadfile`, the files of a SAME_WORKER group are one unit of work, as each other file is."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    tests = TESTS.relative_to(config.rootpath).as_posix() + "/"

    class FilesAndGroups(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = super()._split_scope(nodeid)
            return _group(file.removeprefix(tests)) if file.startswith(tests) else file

    return FilesAndGroups(config, log)


def pytest_collection_modifyitems(config, items) -> None:
    """Mark `southampton` every test that uses a fixture made from Southampton's data (`-m "not southampton"`
    runs the rest); tests that call copy_project() themselves carry the mark by hand. Tests of a mark in
    ON_REQUEST_MARKS are deselected unless the -m expression names it. The longest files and groups go first."""
    for item in items:
        if SOUTHAMPTON_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.southampton)
    rank = {group: number for number, group in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(_group(_in_tests(item.path)), len(rank)))
    asked = {mark for mark in ON_REQUEST_MARKS if mark in (config.getoption("markexpr") or "")}
    left_out = [item for item in items if any(item.get_closest_marker(m) for m in ON_REQUEST_MARKS - asked)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]


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


@pytest.fixture
def make_fixture_package(tmp_path):
    """Copy the fixture package (as a whole project), apply one edit(datasets_path), and return the datasets path."""

    def make(edit: Callable[[Path], None] | None = None) -> Path:
        return fixture_project(tmp_path / "fixture", edit).datasets

    return make


_built: dict[str, Path] = {}


def built_once(tmp_path_factory, name: str, make: Callable[[Path], Path]) -> Path:
    """What `make(folder)` builds into an empty folder (and returns, e.g. the site), made once per test run and
    shared: by the fixtures that ask for the same `name` and, under pytest-xdist, by every worker, through the run's
    temporary folder (the first worker to ask builds while the others wait). What it returns must not be changed."""
    if name in _built:
        return _built[name]
    if os.environ.get("PYTEST_XDIST_WORKER") is None or fcntl is None:
        _built[name] = make(tmp_path_factory.mktemp(name))
        return _built[name]
    shared = tmp_path_factory.getbasetemp().parent / "built-once"
    shared.mkdir(exist_ok=True)
    folder, done = shared / name, shared / f"{name}.done"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            done.write_text(make(folder).relative_to(folder).as_posix(), encoding="utf-8")
    _built[name] = folder / done.read_text(encoding="utf-8")
    return _built[name]


def _build_fixture_site(folder: Path) -> Path:
    paths = fixture_project(folder)
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, [p for p in outcome.problems if p.is_error]
    return paths.site


def _build_real_site(folder: Path, builder: str = "mkdocs") -> Path:
    paths = copy_project(folder)
    outcome = pipeline.build(paths, today=TODAY, builder=builder)
    assert outcome.ok, outcome.problems
    return paths.site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture package's site, built once per test run."""
    return built_once(tmp_path_factory, "fixture", _build_fixture_site)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run into a temporary project copy."""
    return built_once(tmp_path_factory, "project", _build_real_site)


# Where the production-true builds are published: under a sub-path, as GitHub project pages serve a site.
SUB_PATH_ADDRESS = "https://partnership.example.org/rdhp/"


@pytest.fixture(scope="session")
def sub_path_site(tmp_path_factory) -> Path:
    """The real site built for SUB_PATH_ADDRESS (given without its trailing slash), once per test session."""
    paths = copy_project(tmp_path_factory.mktemp("sub-path"))
    outcome = pipeline.build(Paths(paths.root, given_site_url=SUB_PATH_ADDRESS.rstrip("/")), today=TODAY)
    assert outcome.ok, outcome.problems
    return paths.site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The real site built with Zensical, the successor builder, once per test run."""
    return built_once(tmp_path_factory, "zensical", lambda folder: _build_real_site(folder, builder="zensical"))


def page(site: Path, url_path: str) -> BeautifulSoup:
    """Parse one built page, addressed by its URL path (e.g. 'progress/rdhp-2025-supply/')."""
    path = site / url_path
    if path.is_dir() or url_path.endswith("/") or url_path == "":
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
