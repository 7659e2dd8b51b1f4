"""mkdocs.yml is read the way MkDocs reads it: a configuration MkDocs builds, builds here; any other gets one plain
message, never a traceback."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from build_charts import __main__ as cli
from build_charts import config, pipeline
from build_charts.config import BadConfig, derived_config, load_raw_config, site_config
from conftest import TODAY, copy_project, page

# mkdocs-material's documented emoji setting, an address from the environment, a folded description, Polish.
EMOJI = """markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""
FOLDED = """site_description: >
  Progress, key facts: and where
  to get help.
"""
ENV_URL = "site_url: !ENV [KIT_TEST_SITE_URL, 'https://default.example/kit/']\n"


def material_settings(paths) -> None:
    """Rewrite the project's mkdocs.yml with the settings above, as a partnership following the docs would."""
    text = paths.config.read_text(encoding="utf-8")
    text = text.replace("site_description: Progress, key facts and where to get help.\n", ENV_URL + FOLDED)
    text = text.replace("  language: en\n", "  language: pl\n")
    text = text.replace("markdown_extensions:\n", EMOJI)
    paths.config.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_configuration_with_materials_documented_settings_builds(tmp_path, monkeypatch, builder):
    paths = copy_project(tmp_path / "project")
    material_settings(paths)
    privacy = paths.docs / "privacy.md"
    privacy.write_text(privacy.read_text(encoding="utf-8") + "\nThank you :material-heart:\n", encoding="utf-8")
    monkeypatch.setenv("KIT_TEST_SITE_URL", "https://env.example/p/")
    reads = []
    monkeypatch.setattr(config, "load_raw_config", lambda path: reads.append(path) or load_raw_config(path))
    outcome = pipeline.build(paths, today=TODAY, builder=builder)
    assert outcome.ok, outcome.problems
    assert reads == [paths.config]  # read once, for validation, pages and the builder alike
    home = page(paths.site, "")
    assert home.find("html")["lang"] == "pl"
    assert home.find("link", rel="canonical")["href"] == "https://env.example/p/"
    locations = [loc.text for loc in ElementTree.parse(paths.site / "sitemap.xml").iter() if loc.tag.endswith("loc")]
    assert locations and all(loc.startswith("https://env.example/p/") for loc in locations)
    assert page(paths.site, "privacy/").select_one("article .twemoji svg") is not None


def test_values_are_read_as_mkdocs_reads_them(tmp_path, monkeypatch):
    paths = copy_project(tmp_path / "project")
    material_settings(paths)
    monkeypatch.delenv("KIT_TEST_SITE_URL", raising=False)
    read = site_config(paths.config)
    assert (read.site_url, read.language) == ("https://default.example/kit/", "pl")
    assert read.docs_dir == (paths.root / "build" / "docs").resolve()
    assert read.custom_dir == (paths.root / "docs" / "overrides").resolve()
    raw = load_raw_config(paths.config)
    assert raw["site_description"] == "Progress, key facts: and where to get help.\n"
    monkeypatch.setenv("KIT_TEST_SITE_URL", "https://env.example/p/")
    assert site_config(paths.config).site_url == "https://env.example/p/"


def test_a_builds_configuration_inherits_the_sites_and_keeps_every_value_as_it_is(tmp_path):
    paths = copy_project(tmp_path / "project")
    material_settings(paths)
    settings = {"site_name": "Drugs: a partnership's \"site\" #1", "site_description": "Two\nlines: with a colon",
                "site_dir": str(tmp_path / "out")}
    scratch = paths.root / ".mkdocs.build.yml"
    scratch.write_text(derived_config(paths.config, settings), encoding="utf-8")
    raw = load_raw_config(scratch)
    assert {key: raw[key] for key in settings} == settings
    assert raw["theme"]["language"] == "pl"
    assert raw["markdown_extensions"][0]["pymdownx.emoji"]["emoji_generator"].__name__ == "to_svg"


@pytest.mark.parametrize(("line", "found"), [
    ("  emoji_index: !!python/name:material.extensions.emoji.no_such_index\n",
     "a setting the site builder cannot read: cannot find 'no_such_index' in the module 'material.extensions.emoji'"),
    ("site_author: [unclosed\n", "a setting the site builder cannot read"),
])
@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_configuration_mkdocs_cannot_read_gets_one_plain_message(tmp_path, capsys, line, found, command):
    paths = copy_project(tmp_path / "project")
    text = paths.config.read_text(encoding="utf-8")
    if line.startswith("  "):
        text = text.replace("markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.emoji:\n  " + line)
    else:
        text = text.replace("docs_dir:", line + "docs_dir:")
    paths.config.write_text(text, encoding="utf-8")
    assert cli.main(["--project", str(paths.root), command]) == 1
    printed = capsys.readouterr()
    output = printed.out + printed.err
    assert "Traceback" not in output and "ConstructorError" not in output and "ConfigurationError" not in output
    assert "in mkdocs.yml, line" in output and found in output, output
    assert not paths.site.exists()


def test_a_missing_configuration_is_a_plain_message(tmp_path):
    with pytest.raises(BadConfig) as refused:
        load_raw_config(tmp_path / "mkdocs.yml")
    assert refused.value.problem.found.startswith("a file that cannot be opened")
