"""One settings object, read once and passed down: each field names its source, and no module keeps state that a
build changes under another."""

from __future__ import annotations

import ast
import threading
from dataclasses import FrozenInstanceError, fields

import pytest

from build_charts import i18n, pipeline, vocab
from build_charts.config import SiteConfig
from build_charts.settings import PROJECT_ROOT, Settings
from conftest import copy_project

POLISH = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "Glossary"
msgstr "Słowniczek"
"""


@pytest.mark.parametrize("kind", [Settings, SiteConfig])
def test_every_setting_says_where_it_comes_from(kind):
    undocumented = [f.name for f in fields(kind) if f"`{f.name}`" not in kind.__doc__]
    assert undocumented == []


def polish_project(tmp_path):
    paths = copy_project(tmp_path / "project")
    paths.config.write_text(paths.config.read_text(encoding="utf-8").replace("  language: en\n", "  language: pl\n"),
                            encoding="utf-8")
    po = paths.root / "locale" / "pl" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(POLISH, encoding="utf-8")
    return paths


def test_the_settings_are_read_once_into_a_value_nobody_can_change(tmp_path):
    settings = pipeline.settings_for(polish_project(tmp_path))
    assert (settings.site.language, settings.translations.gettext("Glossary")) == ("pl", "Słowniczek")
    assert settings.builder_settings()["site_name"] == settings.site_name
    with pytest.raises(FrozenInstanceError):
        settings.site_url = "https://elsewhere.example/"


def test_sentences_in_use_for_one_build_are_not_seen_by_another(tmp_path):
    polish = pipeline.settings_for(polish_project(tmp_path)).translations
    seen = {}
    entered, checked = threading.Event(), threading.Event()

    def other_build():
        entered.wait()
        seen["other"] = i18n.gettext("Glossary"), i18n.language()
        checked.set()

    thread = threading.Thread(target=other_build)
    thread.start()
    with i18n.using(polish):
        entered.set()
        checked.wait(10)
        seen["this"] = i18n.gettext("Glossary"), i18n.language()
    thread.join()
    assert seen == {"this": ("Słowniczek", "pl"), "other": ("Glossary", "en")}
    assert i18n.gettext("Glossary") == "Glossary"


def test_no_module_keeps_state_that_a_build_swaps():
    swapped = {}
    for path in (PROJECT_ROOT / "build_charts").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [name for node in ast.walk(tree) if isinstance(node, ast.Global) for name in node.names]
        if names:
            swapped[str(path.relative_to(PROJECT_ROOT))] = names
    assert swapped == {}


@pytest.mark.parametrize("module", [vocab, i18n])
def test_the_words_and_sentences_modules_hold_no_table_that_can_change(module):
    changeable = [name for name, value in vars(module).items()
                  if isinstance(value, dict | list | set) and not name.startswith("__")]
    assert changeable == []
