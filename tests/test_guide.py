"""The comms team's guide matches the real project: its commands, columns, values, check names and links."""

from __future__ import annotations

import json
import re

import yaml
from test_workflows import project_command_problem

from build_charts.pages.updates import REQUIRED as POST_FIELDS
from build_charts.settings import PROJECT_ROOT
from conftest import page

GUIDE = PROJECT_ROOT / "docs" / "guide"
COMMAND = re.compile(r"(?:python -m build_charts|nox -s)[^\n`]*")


def _guide_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(GUIDE.glob("*.md")))


def _commands(text: str) -> list[str]:
    return [match.strip() for match in COMMAND.findall(text)]


def _schema(resource: str) -> list[dict]:
    descriptor = json.loads((PROJECT_ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    (found,) = [r for r in descriptor["resources"] if r["name"] == resource]
    return found["schema"]["fields"]


def _enum(resource: str, column: str) -> list[str]:
    (field,) = [f for f in _schema(resource) if f["name"] == column]
    return field["constraints"]["enum"]


def test_the_command_finder_sees_commands_in_code_blocks_and_inline_code():
    text = "Type:\n\n```\npython -m build_charts new-period 2025\n```\n\nor `nox -s new_period -- 2025`."
    assert _commands(text) == ["python -m build_charts new-period 2025", "nox -s new_period -- 2025"]


def test_every_command_the_guide_quotes_is_a_real_command():
    commands = _commands(_guide_text())
    assert {"python -m build_charts new-period 2025", "nox -s new_period -- 2025",
            "python -m build_charts validate", "python -m build_charts validate --fix"} <= set(commands)
    assert [problem for command in commands if (problem := project_command_problem(command))] == []


def test_the_readme_line_about_the_guide_quotes_a_real_command_and_links_to_it():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    (line,) = [line for line in readme.splitlines() if "docs/guide/index.md" in line]
    assert (PROJECT_ROOT / "docs" / "guide" / "index.md").exists()
    assert [project_command_problem(command) for command in _commands(line)] == [None]


def test_the_guide_names_every_progress_column_and_status():
    text = _guide_text()
    assert [f["name"] for f in _schema("progress") if f"`{f['name']}`" not in text] == []
    assert [status for status in _enum("progress", "status") if f"`{status}`" not in text] == []


def test_the_help_contact_guide_names_every_column_and_category():
    text = (GUIDE / "help-contacts.md").read_text(encoding="utf-8")
    assert [f["name"] for f in _schema("help_services") if f"`{f['name']}`" not in text] == []
    assert [c for c in _enum("help_services", "category") if f"`{c}`" not in text] == []


def test_the_news_post_guide_shows_every_line_a_post_needs():
    text = (GUIDE / "news-posts.md").read_text(encoding="utf-8")
    example = re.search(r"```\n---\n(.*?)\n---\n", text, re.DOTALL).group(1)
    assert list(yaml.safe_load(example)) == list(POST_FIELDS)
    assert [key for key in POST_FIELDS if f"`{key}`" not in text] == []


def test_the_guide_uses_the_names_the_workflows_show_on_a_pull_request():
    text = " ".join(_guide_text().split())
    preview = yaml.safe_load((PROJECT_ROOT / ".github" / "workflows" / "preview.yml").read_text(encoding="utf-8"))
    publish = yaml.safe_load((PROJECT_ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = preview["jobs"]["preview"]["steps"]
    artifact = [s["with"]["name"] for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    names = [preview["name"], publish["name"], *artifact, *(s["name"] for s in steps if "validate" in s.get("run", "") and "--fix" not in s["run"])]
    assert names == ["Preview", "Publish", "site-preview", "Check the data"]
    assert [name for name in names if f"**{name}**" not in text] == []


def test_the_guide_is_published_outside_the_navigation_and_linked_from_about_the_data(built_site):
    about = page(built_site, "about-the-data/")
    link = about.find("a", string="guide for the comms team")
    assert (built_site / "about-the-data" / link["href"]).resolve() == (built_site / "guide").resolve()
    guide = page(built_site, "guide/")
    assert guide.find("h1").get_text() == "Guide for the comms team"
    for sub in ("help-contacts", "news-posts", "charts", "errors"):
        assert page(built_site, f"guide/{sub}/").find("h1") is not None, sub
    navigation = [a["href"] for a in page(built_site, "").select("nav.md-nav--primary a")]
    assert not [href for href in navigation if "guide" in href]


def test_the_guide_names_the_workflows_that_repair_files_and_start_a_period():
    text = " ".join(_guide_text().split())
    names = [yaml.safe_load((PROJECT_ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))["name"]
             for name in ("autofix.yml", "new-period.yml")]
    assert names == ["Autofix", "Start a reporting period"]
    assert [name for name in names if f"**{name}**" not in text] == []
