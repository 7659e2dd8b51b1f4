"""A wording catalogue is read whole and checked before anything is built: every shape of header, placeholder and
plural rule that would stop or stall the build is refused with a plain message, never a traceback."""

from __future__ import annotations

import pytest

from build_charts import i18n
from build_charts.validate.checks import site_config

SENTENCE = "For you, or for someone you care about, in %(area)s. Tap a phone number to call it."
PLURAL = 'msgid "%(number)s commitment"\nmsgid_plural "%(number)s commitments"\n'


def _header(charset: str = "UTF-8", plural: str = "") -> str:
    forms = f'"Plural-Forms: {plural}\\n"\n' if plural else ""
    return f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n{forms}\n'


def _problems(tmp_path, po: str, language: str = "en") -> list:
    (tmp_path / "mkdocs.yml").write_text(f"theme:\n  name: material\n  language: {language}\n", encoding="utf-8")
    file = tmp_path / "locale" / language / "LC_MESSAGES" / "messages.po"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(po, encoding="utf-8")
    return [p for p in i18n.catalogue_problems(i18n.project_catalogue(tmp_path, language)) if p.is_error]


ONE = f'msgid "{SENTENCE}"\n'
CASES = {
    "string placeholder as a number": (_header() + ONE + 'msgstr "Help in %(area)d."\n',
                                       "the value %(area)d, which the kit's sentence writes differently"),
    "division by zero": (_header(plural="nplurals=2; plural=n%0;") + PLURAL + 'msgstr[0] "a"\nmsgstr[1] "b"\n',
                         'the plural rule "n%0", which cannot be read or divides by zero'),
    "an unfinished rule": (_header(plural="nplurals=2; plural=n+;") + PLURAL + 'msgstr[0] "a"\nmsgstr[1] "b"\n',
                           'the plural rule "n+", which cannot be read or divides by zero'),
    "deep parentheses": (_header(plural="nplurals=2; plural=" + "(" * 40 + "n" + ")" * 40 + ";") + PLURAL
                         + 'msgstr[0] "a"\nmsgstr[1] "b"\n', "the plural rule"),
    "a rule beyond its forms": (_header(plural="nplurals=2; plural=n;") + PLURAL + 'msgstr[0] "a"\nmsgstr[1] "b"\n',
                                'the plural rule "n", which gives a form beyond nplurals=2'),
    "nplurals 7 (limit + 1)": (_header(plural="nplurals=7; plural=0;") + PLURAL + 'msgstr[0] "a"\n',
                               "nplurals=7, where a language has 1 to 6 plural forms"),
    "nplurals 99999999": (_header(plural="nplurals=99999999; plural=0;") + PLURAL + 'msgstr[0] "a"\n',
                          "nplurals=99999999, where a language has 1 to 6 plural forms"),
    "an unknown charset": (_header(charset="x-unknown") + ONE + 'msgstr "Help in %(area)s."\n',
                           "a header the catalogue reader cannot use (unknown encoding: x-unknown)"),
    "latin-1": (_header(charset="ISO-8859-1") + ONE + 'msgstr "Help in %(area)s."\n',
                'the charset "iso-8859-1", which is not UTF-8'),
    "utf-7": (_header(charset="UTF-7") + ONE + 'msgstr "Help in %(area)s."\n', 'the charset "utf-7", which is not UTF-8'),
    "a second header with a bad charset": (_header() + _header(charset="x-bad") + ONE + 'msgstr "In %(area)s."\n',
                                           "x-bad"),
    "HTML": (_header() + ONE + 'msgstr "Help in %(area)s<style>.get-help-banner{display:none}</style>"\n',
             'HTML in "Help in %(area)s<style>'),
    "NUL": (_header() + ONE + 'msgstr "Help\x00 in %(area)s"\n', "an invisible character (U+0000)"),
    "BEL": (_header() + ONE + 'msgstr "Help\\a in %(area)s"\n', "an invisible character (U+0007)"),
    # The message shows the character by its code, never the character itself (which turns the line around).
    "U+202E": (_header() + ONE + 'msgstr "Help \u202e in %(area)s"\n',
               'an invisible character (U+202E) in "Help [U+202E] in %(area)s"'),
    "a 1,001-character sentence (limit + 1)": (_header() + ONE + f'msgstr "{"x" * 992} %(area)s"\n',
                                               "a sentence of 1,001 characters"),
    "3,001 sentences (limit + 1)": (_header() + "".join(f'msgid "s{n}"\nmsgstr "t"\n\n' for n in range(3_001)),
                                    "3,001 sentences"),
}


@pytest.mark.parametrize(("po", "found"), CASES.values(), ids=CASES.keys())
def test_a_catalogue_the_build_cannot_use_is_refused_in_plain_words(tmp_path, po, found):
    (problem,) = _problems(tmp_path, po)
    assert found in problem.found and "Traceback" not in problem.found


def test_a_catalogue_at_each_limit_is_accepted(tmp_path):
    po = (_header(plural="nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
                  ": n%100>=11 ? 4 : 5);") + PLURAL + "".join(f'msgstr[{i}] "%(number)s x"\n' for i in range(6))
          + "\n" + ONE + f'msgstr "{"x" * 991} %(area)s"\n')
    assert _problems(tmp_path, po, language="ar") == []


@pytest.mark.parametrize("language", ["zz", "xx-YY", "12"])
def test_a_language_the_site_cannot_write_is_refused(language):
    (problem,) = site_config.language_problems({"theme": {"language": language}})
    assert problem.code == "unknown-language"


@pytest.mark.parametrize("language", ["en", "cy", "pl", "pt-BR"])
def test_a_language_the_theme_knows_is_accepted(language):
    assert list(site_config.language_problems({"theme": {"language": language}})) == []
