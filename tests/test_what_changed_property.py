"""Property: the summary says "Nothing changes" exactly when the two built sites show the same text and files.

The sites are read here by a second, simpler reader (every page's whole visible text, every other published file's
bytes), not by the summary's own, so a difference that reader misses fails the test. Builds are slow: few examples,
derandomized so every run tries the same edits.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_what_changed import build, shared_base, summarise

from build_charts.summary.builds import NOT_COPIED
from build_charts.summary.sitetext import DERIVED
from build_charts.what_changed import NOTHING
from conftest import set_cell

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=10)


def _same_text_edits(root: Path, word: str) -> None:
    """Edits that change files but nothing a reader sees: a comment in mkdocs.yml, blank lines after a page."""
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\n# {word}\n", encoding="utf-8")
    page = root / "docs" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")


EDITS = {
    "nothing a reader sees": _same_text_edits,
    "a commitment's title": lambda root, word: set_cell(root / "datasets", "commitments.csv", 3, "title", word.title()),
    "a help contact's hours": lambda root, word: set_cell(root / "datasets", "help_services.csv", 3, "hours", word),
    "a glossary definition": lambda root, word: set_cell(root / "datasets", "glossary.csv", 2, "definition",
                                                         f"{word.capitalize()}."),
    "a page's sentence": lambda root, word: (root / "docs" / "accessibility.md").write_text(
        (root / "docs" / "accessibility.md").read_text(encoding="utf-8") + f"\n{word.capitalize()}.\n", encoding="utf-8"),
}


def what_a_reader_sees(site: Path) -> dict[str, str]:
    """Every page's visible text (scripts and styles left out, spaces evened) and every other published file's
    hash, files made from others (search index, PNG copies of charts, theme assets) apart."""
    seen = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if DERIVED.search(relative):
            continue
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for hidden in soup(["script", "style", "noscript", "template"]):
                hidden.decompose()
            seen[relative] = " ".join(soup.get_text(" ").split())
        else:
            seen[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The base project, built once per test run (shared with tests/test_what_changed.py)."""
    return shared_base(tmp_path_factory)


@settings(max_examples=4, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=st.sampled_from(sorted(EDITS)), word=WORDS)
@example(edit="nothing a reader sees", word="quietly")
def test_nothing_changes_exactly_when_both_sites_read_the_same(base, tmp_path_factory, edit, word):
    folder = tmp_path_factory.mktemp("edit")
    text = summarise(base, folder, lambda root: EDITS[edit](root, word))
    same = what_a_reader_sees(base / "site") == what_a_reader_sees(folder / "change" / "site")
    assert (NOTHING in text) == same, (edit, word, text)
    shutil.rmtree(folder, ignore_errors=True)


def test_the_reader_here_sees_a_change_the_edits_make(base, tmp_path):
    """The property's own reader is not blind: a changed sentence reads differently."""
    change = tmp_path / "change"
    shutil.copytree(base, change, ignore=NOT_COPIED)
    EDITS["a page's sentence"](change, "zebra")
    build(change, base / "build" / "cache")
    assert what_a_reader_sees(base / "site") != what_a_reader_sees(change / "site")
