"""The sentences the pages are written with: reworded or translated from a .po file, never trusted as markup.

A partnership puts its wording in locale/<language>/LC_MESSAGES/messages.po (language: theme.language in
mkdocs.yml); the kit's sentences are listed in build_charts/locale/messages.pot.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from test_reuse import exampleton_project

from build_charts import pipeline
from build_charts.__main__ import main
from conftest import TODAY, copy_project, page

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

REWORDED = HEADER + r'''
msgid "For you, or for someone you care about, in %(area)s. Tap a phone number to call it."
msgstr "Help for you or someone close to you in %(area)s. Tap a number to ring it."

msgid "%(number)s commitment"
msgid_plural "%(number)s commitments"
msgstr[0] "%(number)s promise"
msgstr[1] "%(number)s promises"

msgid "Is a number wrong?"
msgstr "Is a number wrong? Tell us: 1 < 2 & 3 > 2"

msgid "Glossary"
msgstr "Words [we](x) *use*"

msgid "Part of %(strategy)s."
msgstr "One theme of %(strategy)s."

msgid "%(number)s of %(total)s %(words)s"
msgstr "%(number)s out of %(total)s %(words)s"

msgid "Their latest reports for %(period)s:"
msgstr "Their reports for %(period)s, the latest:"

msgid "Added to this site on %(added_time)s."
msgstr "Put on this site on %(added_time)s."

msgid "Quoted from %(quoted_from)s."
msgstr "In the words of %(quoted_from)s."

msgid "the progress report of %(date)s"
msgstr "the report of %(date)s"

msgid "Commitments working towards it:"
msgstr "What the partnership is doing towards it:"

msgid "Not reported"
msgstr "Not given in the reports"

msgid "This website is run by the %(partnership)s."
msgstr "The %(partnership)s runs this website."

msgid "What it holds"
msgstr "What is in it"

msgid "Cite this chart"
msgstr "How to cite this chart"

msgid "%(title)s [chart]."
msgstr "%(title)s (chart)."

msgid "See this chart, its source and downloads on %(site_name)s"
msgstr "The chart's page on %(site_name)s"

msgid "Theme %(number)s"
msgstr "Part %(number)s"

msgid "%(count)s commitment in its latest report: %(parts)s."
msgid_plural "%(count)s commitments in their latest reports: %(parts)s."
msgstr[0] "Latest report on %(count)s commitment: %(parts)s."
msgstr[1] "Latest reports on %(count)s commitments: %(parts)s."
'''

# Two messages only, to show a translation works; a Polish help page needs a translator's reviewed file.
POLISH = HEADER.replace('charset=UTF-8\\n"', 'charset=UTF-8\\n"\n"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : '
                        'n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"') + r'''
msgid "Glossary"
msgstr "Słowniczek"

msgid "%(number)s commitment"
msgid_plural "%(number)s commitments"
msgstr[0] "%(number)s zobowiązanie"
msgstr[1] "%(number)s zobowiązania"
msgstr[2] "%(number)s zobowiązań"
'''


def with_catalogue(paths, text: str, language: str = "en") -> Path:
    """Put `text` where the project's .po file for `language` goes, and set mkdocs.yml's theme.language."""
    config = yaml.safe_load(paths.config.read_text(encoding="utf-8"))
    if config["theme"].get("language") != language:
        paths.config.write_text(paths.config.read_text(encoding="utf-8").replace(
            "  language: en\n", f"  language: {language}\n"), encoding="utf-8")
    po = paths.root / "locale" / language / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(text, encoding="utf-8")
    return po


@pytest.fixture(scope="module")
def reworded_site(tmp_path_factory) -> Path:
    """The fixture package's site built with REWORDED in locale/en/LC_MESSAGES/messages.po."""
    paths = exampleton_project(tmp_path_factory.mktemp("reworded"))
    with_catalogue(paths, REWORDED)
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, outcome.problems
    return paths.site


def test_reworded_help_sentence_shows_on_get_help(reworded_site):
    lead = page(reworded_site, "get-help/").select_one("p.help-lead")
    assert lead.get_text() == "Help for you or someone close to you in Exampleton. Tap a number to ring it."


def test_reworded_plural_form_shows_on_what_changed(reworded_site):
    text = page(reworded_site, "changes/").get_text(" ", strip=True)
    assert "It reports on 1 promise, so there is nothing earlier to compare it with." in text
    assert "Reports on 5 promises." in text
    assert "5 commitments" not in text


def test_reworded_sentences_show_on_progress_pages(reworded_site):
    theme = page(reworded_site, "progress/edap-treat/")
    assert theme.select_one("p.part-of").get_text() == "One theme of Exampleton drug and alcohol plan 2023-2026."
    assert page(reworded_site, "progress/").select_one("p.answer").get_text().startswith(
        "The 2024/25 progress report says 1 out of 6 current commitments is complete, 1 is on track, ")


def test_reworded_sentences_show_on_the_home_and_updates_pages(reworded_site):
    home = page(reworded_site, "").get_text(" ", strip=True)
    assert "The partnership has 6 current commitments. Their reports for 2024/25, the latest:" in home
    dates = page(reworded_site, "updates/").select_one("p.story-dates")
    assert dates.get_text().endswith(" Put on this site on " + dates.find_all("time")[-1].get_text() + ".")
    assert dates.find_all("time")[-1]["datetime"]


def test_reworded_sentences_show_on_key_facts_and_outcomes(reworded_site):
    quoted = [p.get_text() for p in page(reworded_site, "key-facts/").select("p.fact-quoted")]
    assert "In the words of Exampleton annual report 2024/25 (date not given)." in quoted
    assert not [text for text in quoted if "Quoted from" in text]
    outcomes = page(reworded_site, "outcomes/")
    assert "What the partnership is doing towards it:" in [p.get_text() for p in outcomes.select("p")]


def test_reworded_sentences_show_on_the_about_pages(reworded_site):
    lead_agencies = [dd.get_text() for dd in page(reworded_site, "progress/edap-treat/").select(
        "dl.commitment-facts dd")]
    assert "Not given in the reports" in lead_agencies and "Not reported" not in lead_agencies
    governance = [dd.get_text() for dd in page(reworded_site, "strategy/edap-plan/").find_all("dd")]
    assert "Not given in the reports" in governance and "Not reported" not in governance
    accessibility = [p.get_text() for p in page(reworded_site, "accessibility/").find_all("p")]
    assert "The Exampleton Drug and Alcohol Partnership runs this website." in accessibility
    headers = [th.get_text() for th in page(reworded_site, "about-the-data/").find_all("th")]
    assert headers[:3] == ["File", "What is in it", "Rows"]


def test_reworded_sentences_show_on_chart_pages(reworded_site):
    chart = page(reworded_site, "charts/death-rate/")
    assert "How to cite this chart" in [h2.get_text() for h2 in chart.find_all("h2")]
    assert chart.select_one("p.citation").get_text().startswith(
        "Exampleton Drug and Alcohol Partnership. Deaths from drug misuse, as at 2024/25 (chart). ")
    embed = page(reworded_site, "charts/death-rate/embed/")
    assert embed.select("main > p > a")[-1].get_text() == "The chart's page on Exampleton Drug and Alcohol Partnership"


def test_reworded_sentences_show_in_a_chart_its_summary_and_its_table(reworded_site):
    chart = page(reworded_site, "charts/plan-status/")
    assert chart.find("figcaption").get_text().startswith(
        "Latest reports on 6 commitments: 1 complete; 1 on track; 1 under way, with challenges; 1 not started; "
        "1 not applicable; 1 with no progress report. Part 1, Prevention: ")
    assert chart.find("table").find("tbody").find("th").get_text().startswith("Part 1: ")
    drawn = BeautifulSoup((reworded_site / "charts/plan-status/chart.svg").read_text(encoding="utf-8"),
                          "html.parser").get_text(" ")
    assert "Part 1" in drawn and "Theme 1" not in drawn


def test_markup_in_a_translation_is_written_as_text(reworded_site):
    help_page = page(reworded_site, "get-help/")
    assert help_page.select_one("#report-heading").get_text() == "Is a number wrong? Tell us: 1 < 2 & 3 > 2"
    glossary = page(reworded_site, "glossary/")
    assert glossary.find("h1").get_text() == "Words [we](x) *use*"
    assert glossary.find("h1").find("a") is None and glossary.find("h1").find("em") is None
    assert glossary.title.get_text().startswith("Words [we](x) *use*")


def test_html_lang_follows_the_language_setting(tmp_path):
    paths = copy_project(tmp_path / "project")
    with_catalogue(paths, POLISH, language="pl")
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, outcome.problems
    glossary = page(paths.site, "glossary/")
    assert glossary.find("html")["lang"] == "pl"
    assert glossary.find("h1").get_text() == "Słowniczek"
    assert page(paths.site, "progress/").select_one("p.last-updated").get_text() == "Last updated: styczeń 2025."
    assert page(paths.site, "charts/drug-offences-rate/embed/").find("html")["lang"] == "pl"
    assert "It reports on 14 zobowiązań," in page(paths.site, "changes/").get_text(" ", strip=True)
    assert page(paths.site, "get-help/").select_one("#report-heading").get_text() == "Is a number wrong?"


def test_polish_plural_forms_follow_polish_rules(tmp_path):
    from build_charts import i18n
    from build_charts.pages.changes import PeriodChanges, _reported

    paths = copy_project(tmp_path / "project")
    with_catalogue(paths, POLISH, language="pl")
    with i18n.using(pipeline.settings_for(paths).translations):
        words = [_reported(PeriodChanges("2025", None, tuple(map(str, range(n))))) for n in (1, 3, 5, 22, 1000)]
    assert words == ["1 zobowiązanie", "3 zobowiązania", "5 zobowiązań", "22 zobowiązania", "1\u00a0000 zobowiązań"]


def test_help_contact_age_uses_the_catalogue_plural(tmp_path):
    from build_charts import i18n
    from build_charts.pages.help import age_limit_words

    paths = copy_project(tmp_path / "project")
    with_catalogue(paths, HEADER + '''msgid "more than %(count)s month"
msgid_plural "more than %(count)s months"
msgstr[0] "over a month"
msgstr[1] "over %(count)s months"
''')
    with i18n.using(pipeline.settings_for(paths).translations):
        assert [age_limit_words(days) for days in (30, 365)] == ["over a month", "over 12 months"]
    assert [age_limit_words(days) for days in (30, 365)] == ["more than 1 month", "more than 12 months"]


def test_charts_kept_from_the_last_build_take_up_new_wording(tmp_path):
    """A chart's summary is kept between builds; rewording one of its sentences makes the charts again."""
    paths = copy_project(tmp_path / "project")
    assert pipeline.build(paths, today=TODAY).ok
    with_catalogue(paths, HEADER + 'msgid "the %(years)s strategy"\nmsgstr "the strategy for %(years)s"\n')
    outcome = pipeline.build(paths, today=TODAY)
    assert outcome.ok, outcome.problems
    summaries = page(paths.site, "charts/").get_text(" ", strip=True)
    assert "Figures from the strategy for 2017–2020." in summaries
    assert "Figures from the 2017–2020 strategy." not in summaries


def _generated(paths) -> dict[str, str]:
    """The Markdown and HTML of every page the pipeline writes, and of the fragments the home and about pages include."""
    pipeline.generate(paths, today=TODAY)
    return {p.relative_to(paths.root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(paths.build.rglob("*"))
            if p.suffix in {".md", ".html", ".svg", ".xml"} and p.is_file()
            and not p.is_relative_to(paths.cache)}  # the drawing cache's file names hold the wording's hash


def test_a_catalogue_that_keeps_every_sentence_changes_no_page(tmp_path):
    """A .po whose every translation is the kit's own English writes the same pages as no .po at all."""
    from babel.messages.pofile import read_po, write_po

    from build_charts.i18n import TEMPLATE_FILE

    (tmp_path / "plain").mkdir()
    (tmp_path / "same").mkdir()
    plain = exampleton_project(tmp_path / "plain")
    before = _generated(plain)
    same = exampleton_project(tmp_path / "same")
    catalog = read_po(TEMPLATE_FILE.open("rb"), locale="en")
    for message in catalog:
        if message.id:
            message.string = message.id
    po = same.root / "locale" / "en" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as file:
        write_po(file, catalog)
    assert _generated(same) == before
    assert any("changes/" in name for name in before) and any("charts/" in name for name in before)
    assert any("progress/" in name for name in before) and len(before) > 30


def test_committed_catalogue_lists_every_sentence_in_the_code():
    from build_charts.extract import template_catalogue
    from build_charts.i18n import TEMPLATE_FILE

    assert TEMPLATE_FILE.read_text(encoding="utf-8") == template_catalogue(), (
        "build_charts/locale/messages.pot is out of date with the sentences in the templates and page modules. "
        "Run: python -m build_charts catalogue, and commit build_charts/locale/messages.pot.")


def test_the_catalogue_command_writes_the_sentence_list(tmp_path):
    from build_charts.extract import template_catalogue, write_template_catalogue

    target = tmp_path / "messages.pot"
    assert write_template_catalogue(target) is True
    assert write_template_catalogue(target) is False
    text = target.read_text(encoding="utf-8")
    assert text == template_catalogue()
    assert 'msgid "Is a number wrong?"\nmsgstr ""' in text
    assert 'msgid "%(number)s commitment"\nmsgid_plural "%(number)s commitments"' in text


def test_no_kit_sentence_holds_markup():
    """Markup stays in the templates, so a translator never has to copy it (and a translation's is escaped)."""
    from build_charts.i18n import kit_sentences

    assert [s for key in kit_sentences() for s in key if re.search(r"[<>&]", s)] == []


BROKEN = HEADER + '''msgid "Is a number wrong?"
msgstr “Wrong number?”
'''


def test_broken_catalogue_stops_the_build_with_a_located_message(tmp_path, capsys):
    paths = copy_project(tmp_path / "project")
    with_catalogue(paths, BROKEN)
    code = main(["--project", str(paths.root), "build"])
    printed = capsys.readouterr().out
    assert code == 1
    assert "Traceback" not in printed
    assert (
        "Error in locale/en/LC_MESSAGES/messages.po, line 6\n"
        "  Found:    a sentence not in straight double quotes, or with a \" inside it not written \\\": msgstr "
        "“Wrong number?”\n"
        "  Expected: lines of the form msgid \"the kit's sentence\" then msgstr \"your sentence\", each in straight "
        "double quotes\n"
        "  Fix:      Check the line and the one before it: each sentence starts with msgid or msgstr and is in "
        "straight double quotes (\" not “ ”); a quote inside a sentence is written \\\". Compare with "
        "build_charts/locale/messages.pot.\n"
    ) in printed
    assert not paths.site.exists()


@pytest.mark.parametrize(("body", "line", "found"), [
    ('msgid "Is a number wrong?"\nmsgstr "Wrong number?\n', 6,
     'a sentence not in straight double quotes, or with a " inside it not written \\": msgstr "Wrong number?'),
    ('msgid "Is a number wrong?"\n\nmsgid "Glossary"\nmsgstr "Words"\n', 5, "a msgid with no msgstr line after it"),
    ('Hello\n', 5, "a line that is not msgid, msgstr, a comment (#) or a sentence in quotes: Hello"),
    ('msgid "For you, or for someone you care about, in %(area)s. Tap a phone number to call it."\n'
     'msgstr "Help in %(place)s."\n', 6,
     'the value %(place)s, which the kit\'s sentence does not have, in "Help in %(place)s."'),
    ('msgid "Is a number wrong?"\nmsgstr "100% wrong?"\n', 6, '"%", a % sign not written %%, in "100% wrong?"'),
])
def test_each_catalogue_mistake_is_located(tmp_path, body, line, found):
    paths = copy_project(tmp_path / "project")
    with_catalogue(paths, HEADER + body)
    problems = pipeline.validate(paths, today=TODAY).problems
    mine = [p for p in problems if p.file == "locale/en/LC_MESSAGES/messages.po"]
    assert [(p.line, p.found, p.is_error) for p in mine] == [(line, found, True)]


def test_a_catalogue_saved_by_a_windows_editor_is_read(tmp_path):
    """A byte-order mark and Windows line endings, as Notepad may save the file."""
    from build_charts import i18n

    paths = copy_project(tmp_path / "project")
    po = with_catalogue(paths, "")
    po.write_bytes(b"\xef\xbb\xbf" + (HEADER + 'msgid "Is a number wrong?"\nmsgstr "Wrong number?"\n')
                   .replace("\n", "\r\n").encode("utf-8"))
    assert i18n.catalogue_problems(i18n.project_catalogue(paths.root, "en")) == []
    with i18n.using(pipeline.settings_for(paths).translations):
        assert i18n.gettext("Is a number wrong?") == "Wrong number?"


def test_a_sentence_the_kit_does_not_write_is_a_warning(tmp_path):
    paths = copy_project(tmp_path / "project")
    with_catalogue(paths, HEADER + 'msgid "Is the number wrong?"\nmsgstr "Wrong number?"\n')
    outcome = pipeline.validate(paths, today=TODAY)
    mine = [p for p in outcome.problems if p.file == "locale/en/LC_MESSAGES/messages.po"]
    assert outcome.ok
    assert [(p.line, p.found, p.is_error) for p in mine] == [
        (5, 'msgid "Is the number wrong?", a sentence the site does not write', False)]
