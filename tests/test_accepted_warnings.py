"""A warning the partnership has seen and accepted is recorded with who and when, and then takes no annotation slot
and no longer fails --strict."""

from __future__ import annotations

import json

from build_charts import __main__ as cli
from conftest import copy_project

ACCEPTED = [
    {"file": "datasets/datapackage.json", "column": "partnership.contact_email", "by": "Sam Jones, comms officer",
     "on": "2026-12-01", "why": "The partnership has no shared inbox yet."},
    {"file": "datasets/help_services.csv", "row": 3, "column": "last_verified", "by": "Sam Jones", "on": "2026-12-01"},
    {"file": "datasets/help_services.csv", "row": 4, "column": "last_verified", "by": "Sam Jones", "on": "2026-12-01"},
]


def _project_accepting(tmp_path, entries):
    paths = copy_project(tmp_path / "project")
    descriptor = json.loads((paths.datasets / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["partnership"]["accepted_warnings"] = entries
    (paths.datasets / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return paths


def test_strict_fails_on_the_shipped_warnings_until_they_are_accepted(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    plain = copy_project(tmp_path / "plain")
    assert cli.main(["--project", str(plain.root), "validate", "--strict"]) == 1
    assert capsys.readouterr().out.count("::error ") == 3

    paths = _project_accepting(tmp_path, ACCEPTED)
    assert cli.main(["--project", str(paths.root), "validate", "--strict"]) == 0
    printed = capsys.readouterr().out
    assert "::" not in printed  # no annotation slot taken
    assert printed.splitlines() == [
        '"Report a problem" has nowhere to go in this build: set partnership.contact_email, report_form_url or '
        "repository_url in datasets/datapackage.json. The site the Publish workflow builds on GitHub opens a new "
        "issue on the repository it is published from (SITE_REPOSITORY) instead.",
        "",
        "The data is valid.",
        "3 warnings the partnership accepted are not listed (partnership.accepted_warnings in "
        "datasets/datapackage.json says who accepted each, and when)."]


def test_a_new_warning_still_fails_strict_when_others_are_accepted(tmp_path, capsys):
    paths = _project_accepting(tmp_path, ACCEPTED[:2])
    assert cli.main(["--project", str(paths.root), "validate", "--strict"]) == 1
    printed = capsys.readouterr().out
    assert 'Error in datasets/help_services.csv, row 4, column "last_verified"' in printed
    assert "row 3" not in printed


def test_an_acceptance_without_who_or_when_is_an_error_and_one_that_matches_nothing_a_warning(tmp_path, capsys):
    paths = _project_accepting(tmp_path, [
        {"file": "datasets/datapackage.json", "column": "partnership.contact_email"},
        {"file": "datasets/help_services.csv", "row": 9, "column": "last_verified", "by": "Sam", "on": "2026-12-01"}])
    assert cli.main(["--project", str(paths.root), "validate"]) == 1
    printed = capsys.readouterr().out
    assert (
        'Error in datasets/datapackage.json, column "partnership.accepted_warnings"\n'
        '  Found:    entry 1 of accepted_warnings: an entry without "by" and "on"\n') in printed
    assert (
        'Warning in datasets/datapackage.json, column "partnership.accepted_warnings"\n'
        '  Found:    entry 2 accepts a warning in datasets/help_services.csv, row 9, column "last_verified", but '
        "there is no such warning now\n") in printed
