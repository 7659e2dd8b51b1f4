"""What the kit installs: every package it imports is declared, the locks pin what pyproject.toml allows with
hashes, Zensical is an option, and the version is written in one place with a changelog entry."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

import build_charts
from build_charts.__main__ import main
from build_charts.settings import PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def _name(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def _declared(*extras: str) -> dict[str, Requirement]:
    requirements = [Requirement(r) for r in PROJECT["dependencies"]]
    for extra in extras:
        requirements += [Requirement(r) for r in PROJECT["optional-dependencies"][extra]]
    return {_name(r.name): r for r in requirements}


def _imported(folder: Path) -> set[str]:
    """The top-level modules that the Python files under a folder import from outside the standard library."""
    modules = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    local = {"build_charts", "conftest", "tests", "bench"} | {p.stem for p in (PROJECT_ROOT / "tests").glob("test_*.py")}
    return {m for m in modules if m not in sys.stdlib_module_names and m not in local}


def _undeclared(folder: Path, declared: dict[str, Requirement]) -> dict[str, list[str]]:
    providers = importlib.metadata.packages_distributions()
    return {module: providers.get(module, ["(not installed)"]) for module in sorted(_imported(folder))
            if not any(_name(d) in declared for d in providers.get(module, []))}


def test_every_package_the_kit_imports_is_declared():
    assert _undeclared(PROJECT_ROOT / "build_charts", _declared()) == {}


def test_every_package_the_tests_import_is_declared_in_the_test_extra():
    assert _undeclared(PROJECT_ROOT / "tests", _declared("test")) == {}
    assert _undeclared(PROJECT_ROOT / "noxfile.py", _declared("test")) == {}


def test_the_check_finds_an_import_that_is_not_declared(tmp_path):
    (tmp_path / "module.py").write_text("import jinja2\nfrom markdown import Markdown\nimport json\n", encoding="utf-8")
    declared = {name: r for name, r in _declared().items() if name not in ("jinja2", "markdown")}
    assert _undeclared(tmp_path, declared) == {"jinja2": ["Jinja2"], "markdown": ["Markdown"]}


def _lock(name: str) -> dict[str, tuple[str, int]]:
    """A lock's pins: package → (version, number of hashes)."""
    text = (PROJECT_ROOT / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
    pins = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1] if text.startswith("#") else text):
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)", entry)
        if match:
            pins[_name(match[1])] = (match[2], entry.count("--hash=sha256:"))
    return pins


def _unlocked(lock: dict[str, tuple[str, int]], declared: dict[str, Requirement]) -> list[str]:
    """Why the lock does not install what pyproject.toml asks for; empty when it does."""
    return [f"{name}: {lock[name][0] if name in lock else 'not in the lock'} is not {r.specifier or 'pinned'}"
            for name, r in declared.items() if name not in lock or not r.specifier.contains(lock[name][0], True)]


def test_each_lock_pins_what_pyproject_asks_for_with_hashes():
    publish, test = _lock("publish"), _lock("test")
    relock = "pyproject.toml asks for what a lock lacks: run nox -s lock and commit requirements/"
    assert _unlocked(publish, _declared()) == [], relock
    assert _unlocked(test, _declared("test", "zensical")) == [], relock
    assert [name for name, (_, hashes) in {**publish, **test}.items() if hashes == 0] == []
    assert {name: pin for name, pin in publish.items() if test.get(name, pin) != pin} == {}  # one version each


def test_the_lock_check_finds_a_dependency_the_lock_does_not_satisfy():
    lock = {"jinja2": ("3.1.6", 2)}
    assert _unlocked(lock, {"jinja2": Requirement("Jinja2>=3.2")}) == ["jinja2: 3.1.6 is not >=3.2"]
    assert _unlocked(lock, {"markdown": Requirement("Markdown")}) == ["markdown: not in the lock is not pinned"]


def test_zensical_is_an_option_for_users_and_part_of_the_tests():
    assert "zensical" not in _declared()
    assert str(_declared("zensical")["zensical"]) == str(_declared("test")["zensical"])


def test_building_with_zensical_when_it_is_not_installed_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else find_spec(name, *a))
    assert main(["--project", str(tmp_path), "build", "--builder", "zensical"]) == 1
    assert capsys.readouterr().out == (
        'Nothing was built. The Zensical builder is not installed: pip install -e ".[zensical]" installs it (or build '
        "with MkDocs, the default, by leaving out --builder).\n")


def test_the_version_is_written_once_and_the_changelog_describes_it():
    assert "version" not in PROJECT and "version" in PROJECT["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "build_charts.__version__"}
    changelog = (PROJECT_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, flags=re.MULTILINE)
    assert releases and releases[0][0] == build_charts.__version__
    assert "## [Unreleased]" in changelog
