"""mkdocs.yml's settings are data (menu titles, copyright: no HTML) or code (only the values the kit documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_charts.config import load_raw_config
from build_charts.config import site_config as read_site_config
from build_charts.settings import PROJECT_ROOT
from build_charts.validate.checks import site_config
from build_charts.validate.report import as_text

PAYLOAD = '<style>.get-help-banner,[data-exit]{display:none}</style>'


def _settings(**changes) -> dict:
    settings = load_raw_config(PROJECT_ROOT / "mkdocs.yml")
    settings.update(changes)
    return settings


def test_the_kits_own_settings_are_accepted():
    assert list(site_config.check(read_site_config(PROJECT_ROOT / "mkdocs.yml"))) == []


def test_a_menu_title_holding_html_is_refused():
    settings = _settings(nav=[{"Home": "index.md"}, {f"Get help{PAYLOAD}": "get-help/index.md"}])
    (problem,) = site_config.text_problems(settings)
    assert as_text(problem) == (
        "Error in mkdocs.yml\n"
        f'  Found:    a menu title holding HTML: "Get help{PAYLOAD}"\n'
        "  Expected: plain words, with no HTML tags or entities\n"
        "  Fix:      Remove the tags and write the words only; the site adds its own formatting.")


def test_a_copyright_line_holding_html_is_refused():
    (problem,) = site_config.text_problems(_settings(copyright=f"© Partnership{PAYLOAD}"))
    assert problem.code == "copyright-html"


def test_plain_words_in_menu_titles_and_copyright_are_accepted():
    assert list(site_config.text_problems(_settings(copyright="© 2026 The Partnership – all rights reserved"))) == []


CODE = {
    "hooks": {"hooks": ["evil.py"]},
    "INHERIT": {"INHERIT": "../other.yml"},
    "a plugin": {"plugins": ["search", "macros"]},
    "search with options": {"plugins": [{"search": {"lang": "en"}}]},
    "an extension": {"markdown_extensions": ["pymdownx.superfences"]},
    "snippets reading /": {"markdown_extensions": [{"pymdownx.snippets": {"base_path": ["/"]}}]},
    "snippets unrestricted": {"markdown_extensions": [{"pymdownx.snippets": {"base_path": ["build/snippets"],
                                                                             "restrict_base_path": False}}]},
    "snippets auto_append": {"markdown_extensions": [{"pymdownx.snippets": {"base_path": ["build/snippets"],
                                                                            "auto_append": ["/etc/passwd"]}}]},
    "snippets check_paths off": {"markdown_extensions": [{"pymdownx.snippets": {"base_path": ["build/snippets"],
                                                                                "check_paths": False}}]},
    "toc slugify code": {"markdown_extensions": [{"toc": {"slugify": None}}]},
    "custom_dir": {"theme": {"name": "material", "custom_dir": "/"}},
    "a script from elsewhere": {"extra_javascript": ["https://evil.test/a.js"]},
    "a stylesheet outside assets": {"extra_css": ["../../etc/x.css"]},
    # Settings that validation once let through and the build then refused with a message for developers.
    "another theme": {"theme": {"name": "mkdocs"}},
    "fonts from Google": {"theme": {"name": "material", "font": {"text": "Roboto"}}},
    "a favicon from elsewhere": {"theme": {"name": "material", "font": False, "favicon": "https://evil.test/f.png"}},
    "a logo from elsewhere": {"theme": {"name": "material", "font": False, "logo": "//evil.test/l.png"}},
    "analytics": {"extra": {"analytics": {"provider": "google", "property": "G-ABCDEF"}}},
    "pages read from another folder": {"docs_dir": "/"},
    "an edit address that runs a script": {"extra": {"edit_base_url": "javascript:alert(1)//"}},
    "HTML in the table of contents' link": {"markdown_extensions": [{"toc": {"permalink": "<img src=//evil.test/x>"}}]},
    "HTML in the table of contents' title": {"markdown_extensions": [{"toc": {"title": "<style>p{}</style>"}}]},
}


@pytest.mark.parametrize("change", CODE.values(), ids=CODE.keys())
def test_an_option_that_reads_files_or_runs_code_is_refused_outside_the_documented_values(change):
    problems = list(site_config.code_problems(_settings(**change)))
    assert problems and all(p.code == "code-option" and "ask a developer to review" in p.fix for p in problems)


def test_a_refused_option_is_reported_by_validation_with_its_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8") + "hooks:\n  - evil.py\n",
                      encoding="utf-8")
    (problem,) = [p for p in site_config.check(read_site_config(config)) if p.code == "code-option"]
    assert problem.line == len(config.read_text(encoding="utf-8").splitlines()) - 1


def test_the_code_owners_example_asks_a_developer_for_the_code():
    owners = (PROJECT_ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    lines = {line.split()[0] for line in owners.splitlines() if line.strip() and not line.startswith("#")}
    assert {"/.github/workflows/", "/docs/overrides/", "/mkdocs.yml", "/build_charts/", "/requirements/"} <= lines
    # A stylesheet there can hide the help bar, a script there runs on every page; pictures are left to the comms team.
    assert {"/docs/assets/**/*.css", "/docs/assets/**/*.js"} <= lines


def test_pages_and_data_are_not_code_owned_so_comms_can_merge_them():
    owners = Path(PROJECT_ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/datasets/" not in owners and "/docs/updates/" not in owners


def test_materials_documented_emoji_setting_is_accepted_and_another_function_is_not():
    from material.extensions.emoji import to_svg, twemoji

    documented = {"pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg}}
    assert list(site_config.code_problems(_settings(markdown_extensions=[documented]))) == []
    other = {"pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": print}}
    assert len(list(site_config.code_problems(_settings(markdown_extensions=[other])))) == 1
