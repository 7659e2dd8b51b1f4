"""A pull request's summary: the site built from the base and from the change, compared, and told in the data's words.

Each test is one pull-request change to the small Exampleton project; the base site is built once per module and
each change is built by its own process, as `what-changed` does.
"""

from __future__ import annotations

import copy
import csv
import io
import shutil
from pathlib import Path

import pytest
from test_reuse import exampleton_project

from build_charts import __main__ as cli
from build_charts.summary.builds import NOT_COPIED, NoBase, _start, project_at
from build_charts.summary.code import code_changes
from build_charts.summary.datawords import data_items as items_of
from build_charts.summary.datawords import read_rows
from build_charts.summary.sitediff import site_changes
from build_charts.summary.sitetext import Snapshot, read_page, snapshot
from build_charts.what_changed import NOTHING, summary
from conftest import append_row, built_once, commit_project, set_cell

URL = "https://example.org/"


def build(project: Path, cache: Path | None = None) -> Path:
    """Build a project copy the way what-changed does (its own process) and return its site folder."""
    output, _ = (process := _start(project, URL, cache)).communicate()
    assert process.returncode == 0, output
    return project / "site"


def built_base(root: Path) -> Path:
    """The Exampleton project in `root`, built: the version every change is compared with."""
    exampleton_project(root)
    build(root)
    return root


def shared_base(tmp_path_factory) -> Path:
    """The base project, built once per test run (tests/conftest.py's built_once): no test changes it."""
    return built_once(tmp_path_factory, "what-changed-base", lambda folder: built_base(folder))


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The base project, built once per test run."""
    return shared_base(tmp_path_factory)


_read_sites: dict[Path, Snapshot] = {}


def base_snapshot(base: Path) -> Snapshot:
    """snapshot() of the base site, which no test changes, read once; each caller gets its own copy."""
    if base not in _read_sites:
        _read_sites[base] = snapshot(base / "site")
    return copy.deepcopy(_read_sites[base])


def summarise(base: Path, tmp_path: Path, edit) -> str:
    """The summary of one change to the base project, without the checks' section."""
    change = tmp_path / "change"
    shutil.copytree(base, change, ignore=NOT_COPIED)
    edit(change)
    build(change, base / "build" / "cache")
    changes = site_changes(base_snapshot(base), snapshot(change / "site"))
    text = summary(items_of(read_rows(base / "datasets"), read_rows(change / "datasets")), changes,
                   code_changes(base, change), [], "main")
    return text.split("### Checks")[0].rstrip() + "\n"


HEAD = "## What this changes on the published site\n\nCompared with `main`, by building the site from each.\n\n"


def section(text: str, heading: str) -> str:
    """The lines under one heading of the summary."""
    return text.split(f"### {heading}\n\n", 1)[1].split("\n\n###", 1)[0].rstrip()


def cell(file: str, row: int, column: str, value: str):
    return lambda root: set_cell(root / "datasets", file, row, column, value)


def test_a_key_facts_figure_ten_times_larger_is_checked_first(base, tmp_path):
    def edit(root: Path) -> None:
        set_cell(root / "datasets", "key_facts.csv", 2, "statement", "13,500 adults were in drug treatment in 2024/25.")
        set_cell(root / "datasets", "indicator_values.csv", 3, "value", "13500")

    text = summarise(base, tmp_path, edit)
    assert section(text, "Check these before approving") == (
        "- A figure that moves by a factor of ten or more: Adults in drug treatment, Exampleton, 2024/25: 1350 → 13500\n"
        "- Key fact reworded (a figure in it moves by a factor of ten or more): “1,350 adults were in drug treatment in "
        "2024/25.” → “13,500 adults were in drug treatment in 2024/25.”")
    # The chart's axis is redrawn for the larger figure: visible, and not a row of the data, so quoted by page.
    assert section(text, "Other changes on the pages") == (
        "- **Adults in drug treatment**:\n  - “500” → “5,000” (also on 4 other pages)\n"
        "  - “1,000” → “10,000” (also on 4 other pages)")


def test_a_unit_is_checked_first(base, tmp_path):
    text = summarise(base, tmp_path, cell("indicators.csv", 3, "unit", "per 1,000 population"))
    assert section(text, "Check these before approving") == (
        "- Indicator **Deaths from drug misuse**, unit: “per 100,000 population” → “per 1,000 population”")


def test_a_chart_title(base, tmp_path):
    text = summarise(base, tmp_path, cell("charts.csv", 4, "title", "Adults in treatment, year by year"))
    assert section(text, "Charts and indicators") == (
        "- Chart **Adults in drug treatment**, title: “Adults in drug treatment” → “Adults in treatment, year by year”")
    assert "Check these before approving" not in text


def test_a_chart_cards_title_and_summary_are_compared_as_two_blocks(base, tmp_path):
    text = summarise(base, tmp_path, cell("progress.csv", 5, "status", "on-track"))
    charts = section(text, "Other changes on the pages").split("- **Charts**:\n", 1)[1].splitlines()
    assert charts[0] == (  # the card's title, "Where the plan stands", is a block of its own, not glued on
        "  - “6 commitments in their latest reports: 1 complete; 1 on track; 1 under way, with challenges; 1 not "
        "started; 1 not applicable; 1 with no progress report.” → “6 commitments in their latest reports: 1 complete; "
        "2 on track; 1 under way, with challenges; 1 not applicable; 1 with no progress report.” (also on 4 other "
        "pages)")  # the chart's own page, its version and their embeds say the same


def test_elements_written_with_nothing_between_them_are_read_as_separate_blocks():
    page = read_page('<body><ul><li class="chart-card"><img src="c.svg" alt=""><a href="c/">Commitments by status</a>'
                     '<span class="chart-card__summary">14 commitments.</span></li></ul>'
                     '<p>Made with <a href="m/">Material</a>, <em>by</em> <strong>hand</strong>.</p>'
                     '<p>The <a href="g/"><abbr title="Integrated Care Unit">ICU</abbr></a><span class="expansion"> '
                     "[Integrated Care Unit]</span> <a href=\"g/\">commissions</a><span>.</span></p>"
                     "<table><tr><th>Status</th><th>Commitments</th></tr><tr><td>On track</td><td>3</td></tr></table>"
                     "</body>")
    assert page.blocks == ("Commitments by status", "14 commitments.", "Made with Material, by hand.",
                           "The ICU [Integrated Care Unit] commissions.",
                           "Status · Commitments", "On track · 3")


@pytest.mark.parametrize(("column", "value", "line"), [
    ("name", "Exampleton Drug and Alcohol Service", "name: “Exampleton Drug Service” → “Exampleton Drug and Alcohol Service”"),
    ("offers", "Advice", "what it offers: “Treatment and advice” → “Advice”"),
    ("for_whom", "Adults over 18", "who it is for: “Adults” → “Adults over 18”"),
    ("category", "national", "group: “local” → “national”"),
    ("area_served", "Otherton", "area: “Exampleton” → “Otherton”"),
    ("phone", "023 8088 1400", "phone: “0113 496 0000” → “023 8088 1400”"),
    ("text_number", "82111", "text number: (empty) → “82111”"),
    ("url", "https://www.example.org/get-help", "website: “https://www.example.org/help” → “https://www.example.org/get-help”"),
    ("email", "help@example.org", "email: (empty) → “help@example.org”"),
    ("hours", "24 hours", "hours: “Mon-Fri 09:00-17:00” → “24 hours”"),
    # An urgent service needs words on when to call it, so the flag is tried on the one urgent service.
    ("urgent", "false", "urgent: “true” → “false”"),
])
def test_each_help_contact_column_is_checked_first(base, tmp_path, column, value, line):
    row = 2 if column == "urgent" else 3
    text = summarise(base, tmp_path, cell("help_services.csv", row, column, value))
    name = value if column == "name" else "Emergency services" if column == "urgent" else "Exampleton Drug Service"
    assert section(text, "Check these before approving") == f"- Help contact **{name}**, {line}"


def test_a_progress_note_is_quoted_in_full_with_its_commitment(base, tmp_path):
    text = summarise(base, tmp_path, cell("progress.csv", 4, "achievements", "Waits fell from 6 weeks to 3 weeks."))
    assert section(text, "Progress reports") == (
        "- **Shorter waits for treatment**, 2024/25: report changed, still under way, with challenges\n"
        "  - What was achieved (rewritten): “Waits fell from 6 weeks to 3 weeks.” (before: “Waits fell.”)")
    assert "### Other changes on the pages" not in text


ACHIEVED = ("Door staff at 12 venues were trained to spot and help people in drug-related crisis, and the council "
            "licensed two more late-night venues on the condition that their staff take the same training before they "
            "open. Police report fewer assaults near those venues since May, and the venues' own logs show staff "
            "called for help sooner.")


def _new_report(root: Path) -> None:
    append_row(root / "datasets", "progress.csv", {
        "commitment_id": "edap-3-1", "period": "2024/25", "status": "on-track", "source_id": "edap-report-25",
        "achievements": ACHIEVED,
        "next_actions": "Train the staff of every late-night venue by March."})


def test_a_new_report_with_text_shows_it_all_and_the_status_before(base, tmp_path):
    text = summarise(base, tmp_path, _new_report)
    assert section(text, "Progress reports") == "\n".join([
        "- **A recovery café**, 2024/25: new report, on track (no earlier report)",
        "",
        f"  <details><summary>What was achieved (added, {len(ACHIEVED.split())} words)</summary>",
        "",
        f"  > {ACHIEVED}",
        "",
        "  </details>",
        "",
        "  - Next actions (added): “Train the staff of every late-night venue by March.”"])


def _scaffold(root: Path) -> None:
    for commitment in ("edap-1-1", "edap-2-1", "edap-2-2"):
        append_row(root / "datasets", "progress.csv", {"commitment_id": commitment, "period": "2025/26",
                                                       "status": "not-assessed", "source_id": "edap-report-25"})


def test_scaffolded_empty_rows_are_counted_on_one_line_never_shown_as_assessments(base, tmp_path):
    text = summarise(base, tmp_path, _scaffold)
    assert section(text, "Progress reports") == (
        "- 3 commitments have no 2025/26 report yet: their rows have no text, and a status of not assessed or the "
        "one of the report before.")
    assert "new report" not in text


def test_a_news_post_edited_and_one_added(base, tmp_path):
    def edit(root: Path) -> None:
        post = root / "docs" / "updates" / "first-report.md"
        post.write_text(post.read_text(encoding="utf-8").replace(
            "# Our first annual report\n\nThe partnership published its first annual report.",
            "# Our first annual report\n\nThe partnership published its first annual report, on time."), encoding="utf-8")
        (root / "docs" / "updates" / "naloxone.md").write_text(
            "---\ntitle: Naloxone in every pharmacy\ndate: 2024-09-01\ndescription: Naloxone kits are now in every "
            "pharmacy.\nsource_id: edap-report-25\n---\n\n# Naloxone in every pharmacy\n\nNaloxone kits are now in "
            "every pharmacy.\n", encoding="utf-8")

    text = summarise(base, tmp_path, edit)
    assert section(text, "Other changes on the pages") == "\n".join([
        "- New page: **Naloxone in every pharmacy**",
        "- The menu, header or footer on 1 page: added “Naloxone in every pharmacy”",
        "- **Home**:",
        # Every page that shows a changed sentence is named, not only the first.
        "  - added “Naloxone in every pharmacy” (also on **Updates**)",
        "  - added “Story date not given in its source. Added to this site on 1 September 2024.” (also on **Updates**)",
        "  - added “Naloxone kits are now in every pharmacy.” (also on **Updates**)",
        "- **Our first annual report**: “The partnership published its first annual report.” → “The partnership "
        "published its first annual report, on time.”"])
    assert section(text, "Published files") == ("- The list of pages for search engines (sitemap): changed\n"
                                                 "- The updates feed: changed")


def test_a_docs_page(base, tmp_path):
    def edit(root: Path) -> None:
        page = root / "docs" / "accessibility.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nWe answer within 5 working days.\n", encoding="utf-8")

    text = summarise(base, tmp_path, edit)
    assert section(text, "Other changes on the pages") == "- **Accessibility statement**: added “We answer within 5 working days.”"


def test_a_messages_po_rewording(base, tmp_path):
    def edit(root: Path) -> None:
        po = root / "locale" / "en" / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      'msgid "Their latest reports for %(period)s:"\nmsgstr "The newest reports, for %(period)s:"\n',
                      encoding="utf-8")

    text = summarise(base, tmp_path, edit)
    assert section(text, "Other changes on the pages") == (
        "- **Home**: “Their latest reports for 2024/25:” → “The newest reports, for 2024/25:”")


def test_a_menu_line_in_mkdocs_yml(base, tmp_path):
    def edit(root: Path) -> None:
        config = root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("  - Get help: get-help/index.md",
                                                                     "  - Help now: get-help/index.md"), encoding="utf-8")

    text = summarise(base, tmp_path, edit)
    assert section(text, "Other changes on the pages").startswith("- The menu, header or footer on ")
    assert "“Get help” → “Help now”" in section(text, "Other changes on the pages")
    assert "code change" not in text


def test_a_theme_override_is_a_code_change(base, tmp_path):
    # (A `hooks:` line never gets this far: validation refuses it, so the build stops and the checks say why.)
    def edit(root: Path) -> None:
        (root / "docs" / "overrides" / "partials").mkdir(parents=True, exist_ok=True)
        (root / "docs" / "overrides" / "partials" / "unused.html").write_text("<p>Not used yet.</p>\n",
                                                                               encoding="utf-8")

    text = summarise(base, tmp_path, edit)
    assert text == HEAD + NOTHING + "\n\n### Check these before approving\n\n" \
        "- a code change: ask a developer to review: `docs/overrides/partials/unused.html`\n"


def test_a_correction(base, tmp_path):
    def edit(root: Path) -> None:
        set_cell(root / "datasets", "indicator_values.csv", 3, "value", "1400")
        set_cell(root / "datasets", "key_facts.csv", 2, "statement", "1,400 adults were in drug treatment in 2024/25.")
        append_row(root / "datasets", "corrections.csv", {
            "chart_id": "adults-in-treatment", "corrected": "2026-11-01",
            "what_changed": "The 2024/25 figure was 1,350; the report's corrected table gives 1,400.",
            "source_id": "edap-report-25"})

    text = summarise(base, tmp_path, edit)
    assert section(text, "Figures") == "- Adults in drug treatment, Exampleton, 2024/25: 1350 → 1400"
    assert section(text, "Corrections") == (
        "- Correction added on **Adults in drug treatment** (2026-11-01): “The 2024/25 figure was 1,350; the report's "
        "corrected table gives 1,400.”")


def test_no_change_says_nothing_changes(base, tmp_path):
    assert summarise(base, tmp_path, lambda root: None) == HEAD + NOTHING + "\n"


def test_the_command_builds_both_versions_and_compares_them(tmp_path, capsys):
    root = tmp_path / "project"
    root.mkdir()
    exampleton_project(root)
    commit_project(root)
    set_cell(root / "datasets", "help_services.csv", 3, "phone", "023 8088 1400")

    assert cli.main(["--project", str(root), "what-changed", "--base", "main"]) == 0
    output = capsys.readouterr().out
    assert "### Check these before approving\n\n- Help contact **Exampleton Drug Service**, phone: “0113 496 0000” → " \
           "“023 8088 1400”\n" in output
    assert cli.main(["--project", str(root), "what-changed", "--base", "no-such-branch"]) == 1
    assert capsys.readouterr().out.startswith('Cannot compare with "no-such-branch": git says fatal:')


def test_a_base_that_looks_like_an_option_is_refused(tmp_path):
    with pytest.raises(NoBase, match='"--output=x" is not a branch, tag or commit.'):
        project_at(Path("."), "--output=x", tmp_path)


def remove_row(datasets: Path, file: str, key: str) -> None:
    """Delete the row whose first column is `key`."""
    path = datasets / file
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(row for row in rows if row[0] != key)
    path.write_text(out.getvalue(), encoding="utf-8")


# The summary's wording, from differences given directly (no build): fast checks of how each is told.

def test_a_page_is_linked_to_the_preview_when_its_address_is_known():
    from build_charts.summary.sitediff import Change

    change = Change("page", "key-facts/", "Key facts - Exampleton", "It rose to 3.", "It rose to 4.")
    text = summary([], [change], [], [], "main", preview_url="https://preview.example.org/pr-7/")
    assert section(text, "Other changes on the pages") == (
        "- [Key facts](https://preview.example.org/pr-7/key-facts/): “It rose to 3.” → “It rose to 4.”")


def test_a_sentence_a_data_change_explains_is_not_told_twice():
    from build_charts.summary.datawords import Item
    from build_charts.summary.sitediff import Change

    item = Item("Figures", ("- Adults in drug treatment, Exampleton, 2024/25: 1350 → 1400",), False,
                frozenset({"1,350", "1,400"}))
    explained = Change("page", "key-facts/", "Key facts - Exampleton", "1,350 adults.", "1,400 adults.")
    other = Change("page", "", "Home - Exampleton", "3 of 13 on track.", "4 of 13 on track.")
    text = summary([item], [explained, other], [], [], "main")
    assert section(text, "Figures") == "- Adults in drug treatment, Exampleton, 2024/25: 1350 → 1400"
    assert section(text, "Other changes on the pages") == "- **Home**: “3 of 13 on track.” → “4 of 13 on track.”"
    assert NOTHING not in text


def test_a_page_with_many_changed_sentences_quotes_six_and_counts_the_rest():
    from build_charts.summary.sitediff import Change

    changes = [Change("page", "progress/", "Progress - X", "", f"Sentence {n}.") for n in range(9)]
    lines = section(summary([], changes, [], [], "main"), "Other changes on the pages").splitlines()
    assert lines[0] == "- **Progress**:" and lines[-1] == "  - and 3 more sentences on this page" and len(lines) == 8


def test_a_question_mark_that_took_the_place_of_a_character_is_reported_against_the_base(tmp_path, capsys):
    from conftest import copy_project

    paths = copy_project(tmp_path / "project")
    set_cell(paths.datasets, "progress.csv", 3, "achievements", "Response times fell to ≤ 3 days")
    commit_project(paths.root)
    path = paths.datasets / "progress.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))  # Excel's "CSV" save
    assert cli.main(["--project", str(paths.root), "validate", "--fix"]) == 0  # valid: only a comparison can tell

    assert cli.main(["--project", str(paths.root), "what-changed", "--base", "main"]) == 0
    assert ('Error in datasets/progress.csv, row 3, column "achievements"\n'
            '  Found:    "Response times fell to ? 3 days", where the earlier version had "Response times fell to ≤ 3 '
            'days": "≤" became ?\n'
            "  Expected: every character kept as it was\n"
            "  Fix:      Put the character back (copy it from the earlier version). The file was saved as 'CSV (Comma "
            "delimited)', which cannot hold it: save it as 'CSV UTF-8 (Comma delimited)'.") in capsys.readouterr().out
