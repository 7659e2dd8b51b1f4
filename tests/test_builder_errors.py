"""A build that stops after the data passed every check says in one plain paragraph what to fix."""

from __future__ import annotations

from pathlib import Path

from test_reuse import exampleton_project

from build_charts import __main__ as cli
from build_charts.builder_errors import plain_failure

POST = """---
title: Naloxone in every pharmacy
date: 2024-09-01
description: Naloxone kits are now in every pharmacy.
source_id: edap-report-25
---

# Naloxone in every pharmacy

Naloxone kits are now in every pharmacy.

Read [where to get one](../get-help/naloxone.md).
"""


def test_a_broken_link_in_a_news_post_names_the_post_the_line_and_the_address(tmp_path, capsys):
    paths = exampleton_project(tmp_path)
    (paths.docs / "updates" / "naloxone.md").write_text(POST, encoding="utf-8")
    assert cli.main(["--project", str(tmp_path), "build", "--site-url", "https://example.org/"]) == 1
    printed = capsys.readouterr().out
    assert printed.rstrip().splitlines()[-1] == (
        "The news post docs/updates/naloxone.md links to “../get-help/naloxone.md” on line 12, but this site has no "
        "page there. Correct the address (a page of this site is written as its file, for example "
        "../get-help/index.md, or give a full address starting with https://), or remove the link. Nothing was "
        "published: the site stays as it was until this is fixed.")
    assert "strict mode" not in printed and "WARNING" not in printed


def test_a_message_the_kit_does_not_know_is_said_to_be_for_a_developer():
    said = plain_failure("INFO - Building\nERROR - Config value 'theme': Unrecognised theme 'x'.\nAborted.", Path("."))
    assert said.startswith("The site builder stopped after the data passed every check, and this kit does not know")
    assert said.endswith("the builder said: INFO - Building / ERROR - Config value 'theme': Unrecognised theme 'x'. / Aborted.")
