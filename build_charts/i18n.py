"""The sentences the pipeline writes, looked up in one gettext catalogue, so a partnership can reword or translate them.

The kit's sentences are written in English in the templates and page modules, marked with `{% trans %}`, `_()` and
`ngettext` (in Python: sentence, plural, sentence_md, plural_md). `python -m build_charts catalogue` extracts them into build_charts/locale/messages.pot. A partnership
rewords or translates them in `locale/<language>/LC_MESSAGES/messages.po` in its own repository, where <language>
is `theme.language` in mkdocs.yml (the setting mkdocs-material also reads for `<html lang>` and its own words).
The .po file is compiled in memory at build time; no compiled .mo file is kept.

A translation is text someone typed, so it is never trusted as markup: a sentence that differs from the kit's
English is escaped like any data value (in HTML and in Markdown). The kit's own English is written as it is.

The sentences of a build are a value (`Settings.translations`, made by `load`). The pipeline writes pages inside
`using(translations)`, which binds them to the current context (a `contextvars.ContextVar`, as Babel's and
Django's lookups do) for that block only; nothing is swapped for other code, threads or builds, and outside any
`using` block the sentences are the kit's English.
"""

from __future__ import annotations

import gettext as _gettext
import hashlib
import html
import io
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from markupsafe import Markup, escape

from build_charts.config import DEFAULT_LANGUAGE

CODE = Path(__file__).resolve().parent
LOCALE = CODE / "locale"
TEMPLATE_FILE = LOCALE / "messages.pot"
DOMAIN = "messages"
# A catalogue of the kit's few hundred sentences is tens of kilobytes; anything far larger is not one.
MAX_CATALOGUE_BYTES = 2_000_000
# Limits derived from the kit's budget (the largest accepted package builds within 10 minutes and 2 GB on 2 cores):
# a sentence is drawn on every page and chart, so one of the kit's longest sentences (a few hundred characters)
# written four times over is the most a wording may hold; a catalogue holds at most a few times the kit's
# sentences; no language has more than 6 plural forms (Arabic has 6).
MAX_WORDING_CHARACTERS = 1_000
MAX_WORDINGS = 3_000
MAX_PLURAL_FORMS = 6
# Characters a wording may not hold: controls (NUL, BEL…) and the invisible ones that reorder text (U+202E…).
_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|&#|&\w+;", re.IGNORECASE)
# What a message may hold after `%`: a named value such as %(area)s, or %% for a percent sign.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")
_QUOTED = r'"(?:[^"\\]|\\.)*"'
KEYWORD_LINE = re.compile(rf"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_QUOTED}\s*$")
CONTINUATION = re.compile(rf"{_QUOTED}\s*")
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|])")

_KIT_ENGLISH = _gettext.NullTranslations()
# The sentences bound by `using` for the current context; the kit's English elsewhere.
_in_use: ContextVar[_gettext.NullTranslations] = ContextVar("build_charts_translations", default=_KIT_ENGLISH)


class BadCatalogue(Exception):
    """A .po file the build cannot use; `problem` says where and how to fix it."""

    def __init__(self, problem):
        super().__init__(problem.found)
        self.problem = problem


@dataclass(frozen=True)
class Catalogue:
    """Where a project's reworded or translated sentences are, for its language."""

    language: str
    file: Path
    shown_as: str  # the file as a comms officer finds it in the repository, e.g. locale/en/LC_MESSAGES/messages.po


def project_catalogue(root: Path, language: str) -> Catalogue:
    """The catalogue a project folder uses for `language` (theme.language in its mkdocs.yml), and where its .po
    file goes."""
    shown_as = f"locale/{language}/LC_MESSAGES/{DOMAIN}.po"
    return Catalogue(language, root / shown_as, shown_as)


def load(catalogue: Catalogue) -> _gettext.NullTranslations:
    """The project's sentences compiled from its .po file in memory; the kit's English when it has none.

    Raises BadCatalogue, saying the file, the line and how to fix it, when the file cannot be used.
    """
    if not catalogue.file.is_file():
        translations = _gettext.NullTranslations()
    else:
        from babel.messages.mofile import write_mo
        from babel.support import Translations

        parsed = _read(catalogue)
        compiled = io.BytesIO()
        write_mo(compiled, parsed, use_fuzzy=False)
        compiled.seek(0)
        translations = Translations(compiled, domain=DOMAIN)
    translations.site_language = catalogue.language  # what language(), and so <html lang>, says
    return translations


def _read(catalogue: Catalogue):
    """The .po file parsed and checked, or BadCatalogue."""
    from babel.core import UnknownLocaleError
    from babel.messages.pofile import PoFileError, read_po

    data = catalogue.file.read_bytes().removeprefix(b"\xef\xbb\xbf")  # the mark some editors put at the start
    if len(data) > MAX_CATALOGUE_BYTES:
        raise BadCatalogue(_problem(catalogue, None, f"a file of {len(data):,} bytes",
                                   f"a catalogue of sentences, at most {MAX_CATALOGUE_BYTES:,} bytes",
                                   "Replace the file with the sentences you want to reword, copied from "
                                   "build_charts/locale/messages.pot."))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadCatalogue(_problem(catalogue, line, "characters that are not UTF-8", "a file saved as UTF-8",
                                    "Save the file again as UTF-8 (in a text editor: Save as, Encoding: UTF-8).")) from None
    found = line_problem(data.decode("utf-8").splitlines())
    if found:
        raise BadCatalogue(_problem(catalogue, found[0], found[1], _PO_SHAPE, _PO_FIX))
    try:
        parsed = read_po(io.BytesIO(data), locale=catalogue.language.replace("-", "_"), abort_invalid=True)
    except PoFileError as error:
        raise BadCatalogue(_problem(catalogue, error.lineno or None, *_po_error_words(error))) from None
    except (LookupError, ValueError) as error:  # an unknown charset in a header, or a header the reader cannot use
        raise BadCatalogue(_problem(catalogue, None, f"a header the catalogue reader cannot use ({str(error)[:60]})",
                                    _HEADER_SHAPE, _HEADER_FIX)) from None
    except UnknownLocaleError:
        raise BadCatalogue(_problem(catalogue, None, f'the language "{catalogue.language}" (theme: language in '
                                    "mkdocs.yml)", "a language code such as en or pl",
                                    "Set theme: language in mkdocs.yml to a language code, and name the folder "
                                    "under locale/ the same.")) from None
    lines = data.decode("utf-8").splitlines()
    found = header_problem(parsed)
    if found:
        raise BadCatalogue(_problem(catalogue, None, found, _HEADER_SHAPE, _HEADER_FIX))
    if len(parsed) > MAX_WORDINGS:
        raise BadCatalogue(_problem(catalogue, None, f"{len(parsed):,} sentences",
                                    f"at most {MAX_WORDINGS:,} sentences, each one the kit writes",
                                    "Keep only the sentences you reword, copied from build_charts/locale/messages.pot."))
    for message in parsed:
        found = (placeholder_problem(message.id, message.string) or wording_problem(message.string)) \
            if message.id else None  # not the header
        if found:
            raise BadCatalogue(_problem(catalogue, _msgstr_line(lines, message.lineno), *found))
    return parsed


_HEADER_SHAPE = ('a header (the msgid "" entry at the top) with "Content-Type: text/plain; charset=UTF-8" and, where '
                 'the language has plural forms, "Plural-Forms: nplurals=2; plural=(n != 1);" as for that language')
_HEADER_FIX = ("Copy the header from build_charts/locale/messages.pot, keep charset=UTF-8, and copy the Plural-Forms "
               "line for your language from the GNU gettext manual; save the file as UTF-8.")


def header_problem(parsed) -> str | None:
    """What is wrong with a parsed catalogue's header (its charset and plural forms), in plain words; else None."""
    if (parsed.charset or "utf-8").lower().replace("_", "-") not in ("utf-8", "utf8"):
        return f'the charset "{parsed.charset[:40]}", which is not UTF-8'
    count, expression = parsed.num_plurals, parsed.plural_expr
    if not 1 <= count <= MAX_PLURAL_FORMS:
        return f"nplurals={count}, where a language has 1 to {MAX_PLURAL_FORMS} plural forms"
    try:
        choose = _gettext.c2py(expression)
        if any(not 0 <= choose(n) < count for n in (*range(0, 1_001), 1_000_000)):
            return f'the plural rule "{expression[:60]}", which gives a form beyond nplurals={count}'
    except (ValueError, ZeroDivisionError, RecursionError, OverflowError):
        return f'the plural rule "{expression[:60]}", which cannot be read or divides by zero'
    return None


def wording_problem(translation) -> tuple[str, str, str] | None:
    """(found, expected, fix) when a translation is too long, holds HTML or holds an invisible character."""
    for text in translation if isinstance(translation, (list, tuple)) else (translation,):
        if not text:
            continue
        if len(text) > MAX_WORDING_CHARACTERS:
            return (f"a sentence of {len(text):,} characters", f"at most {MAX_WORDING_CHARACTERS:,} characters",
                    "Shorten the sentence: the site shows it on many pages.")
        if _HTML.search(text):
            return (f'HTML in "{text[:60]}"', "plain words, with no HTML tags or entities",
                    "Remove the tags and write the words only; the site adds its own formatting.")
        unseen = _UNSEEN.search(text)
        if unseen:
            shown = _UNSEEN.sub(lambda m: f"[U+{ord(m.group()):04X}]", text[:60])  # never the character itself
            return (f'an invisible character (U+{ord(unseen.group()):04X}) in "{shown}"',
                    "text with no control or invisible formatting characters",
                    "Retype the sentence, or copy it again as plain text.")
    return None


_PO_SHAPE = 'lines of the form msgid "the kit\'s sentence" then msgstr "your sentence", each in straight double quotes'
_PO_FIX = ('Check the line and the one before it: each sentence starts with msgid or msgstr and is in straight double '
           'quotes (" not “ ”); a quote inside a sentence is written \\". Compare with build_charts/locale/messages.pot.')


def line_problem(lines: list[str]) -> tuple[int, str] | None:
    """(line number, what is wrong) for the first line the catalogue reader would misread or skip, else None.

    The reader itself takes a sentence with a missing closing quote or curly quotes without a word, and drops
    its first and last letters, so every line is checked first.
    """
    waiting_for_msgstr = None  # the line of a msgid that has no msgstr yet
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword = KEYWORD_LINE.match(line)
        if keyword is None and not CONTINUATION.fullmatch(line):
            if re.match(r"(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\b", line) or line.startswith(("\"", "“", "”")):
                return number, f"a sentence not in straight double quotes, or with a \" inside it not written \\\": {line[:60]}"
            return number, f"a line that is not msgid, msgstr, a comment (#) or a sentence in quotes: {line[:60]}"
        if keyword is None:
            continue
        word = keyword.group(1)
        if word == "msgid" and waiting_for_msgstr is not None:
            return waiting_for_msgstr, "a msgid with no msgstr line after it"
        if word == "msgid":
            waiting_for_msgstr = number
        elif word.startswith("msgstr"):
            waiting_for_msgstr = None
    if waiting_for_msgstr is not None:
        return waiting_for_msgstr, "a msgid with no msgstr line after it"
    return None


def _msgstr_line(lines: list[str], msgid_line: int | None) -> int | None:
    """The line of the first msgstr after the msgid on `msgid_line` (where a translation's mistake is)."""
    if not msgid_line:
        return None
    for number in range(msgid_line, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return msgid_line


def _po_error_words(error) -> tuple[str, str, str]:
    """(found, expected, fix) for what the catalogue reader could not read, in plain words."""
    text = str(error.args[0]) if error.args else ""
    if "more translations" in text:
        return ("more plural forms (msgstr[0], msgstr[1], …) than the language has",
                "one msgstr[N] for each plural form of the language: 2 in English (one, more), 3 in Polish",
                "Delete the extra msgstr[N] lines, or set the language in mkdocs.yml (theme: language) to the "
                "language of the file.")
    if "not in msgid" in text:
        return (f"a sentence in quotes that follows no msgid or msgstr: {error.line.strip()[:60]}", _PO_SHAPE, _PO_FIX)
    return (text.split(" on ")[0] or "a line the catalogue reader cannot read", _PO_SHAPE, _PO_FIX)


def placeholder_problem(message_id, translation) -> tuple[str, str, str] | None:
    """(found, expected, fix) when a translation names a value its sentence does not have, or holds a stray %."""
    ids = message_id if isinstance(message_id, (list, tuple)) else (message_id,)
    strings = translation if isinstance(translation, (list, tuple)) else (translation,)
    names = {m.group(1) for text in ids if text for m in PLACEHOLDER.finditer(text) if m.group(1)}
    written = {m.group(0) for text in ids if text for m in PLACEHOLDER.finditer(text)}
    for text in strings:
        if not text:
            continue
        for match in re.finditer(r"%(\((\w*)\)[sd]?|.|$)", text):
            whole, name = match.group(0), match.group(2)
            if whole == "%%" or (name in names and whole in written):
                continue
            wanted = ", ".join(sorted(w for w in written if w != "%%")) or "none"
            what = (f"the value {whole}, which the kit's sentence does not have" if name is not None and name not in names
                    else f"the value {whole}, which the kit's sentence writes differently" if name is not None
                    else f'"{whole.strip() or "%"}", a % sign not written %%')
            return (f'{what}, in "{text[:60]}"',
                    f"only the values the kit's sentence has ({wanted}), each written as in the msgid line; "
                    "a percent sign written %%",
                    "Copy each %(name)s from the msgid line unchanged, and write a percent sign as %%.")
    return None


def _problem(catalogue: Catalogue, line: int | None, found: str, expected: str, fix: str):
    from build_charts.validate.problem import Problem

    return Problem(code="catalogue", file=catalogue.shown_as, found=found, expected=expected, fix=fix, line=line)


def catalogue_problems(catalogue: Catalogue) -> list:
    """What is wrong with a project's .po file: the error that stops the build, else a warning for each reworded
    sentence the kit does not write (a mistyped or outdated msgid, which the site ignores); none without a file."""
    if not catalogue.file.is_file():
        return []
    try:
        parsed = _read(catalogue)
    except BadCatalogue as bad:
        return [bad.problem]
    known = kit_sentences()
    return [_unknown(catalogue, message) for message in parsed
            if message.id and message.string and _key(message.id) not in known]


def kit_sentences() -> set:
    """Every sentence the kit writes (its msgid, or its singular and plural), from messages.pot."""
    from babel.messages.pofile import read_po

    with TEMPLATE_FILE.open("rb") as file:
        return {_key(message.id) for message in read_po(file) if message.id}


def _key(message_id) -> tuple:
    return tuple(message_id) if isinstance(message_id, (list, tuple)) else (message_id,)


def _unknown(catalogue: Catalogue, message):
    from build_charts.validate.problem import WARNING

    first = _key(message.id)[0]
    return replace(_problem(catalogue, message.lineno, f'msgid "{first[:60]}", a sentence the site does not write',
                            "a msgid copied exactly from build_charts/locale/messages.pot",
                            "Copy the msgid line from messages.pot (the kit's sentence may have changed), or delete "
                            "the entry. Until then the site shows the kit's own wording."), severity=WARNING)


@contextmanager
def using(translations: _gettext.NullTranslations):
    """Write pages with these sentences inside the `with` block (the kit's English is a NullTranslations)."""
    token = _in_use.set(translations)
    try:
        yield
    finally:
        _in_use.reset(token)


def current() -> _gettext.NullTranslations:
    """The wording in use: a key for what is worth writing once per wording (a cache)."""
    return _in_use.get()


def language() -> str:
    """The language the pages are written in (theme.language in mkdocs.yml), for pages the kit writes whole."""
    return getattr(_in_use.get(), "site_language", DEFAULT_LANGUAGE)


def N_(message: str) -> str:
    """Mark a sentence for the catalogue where it is written, to be looked up (with gettext) where it is used."""
    return message


# CLDR has no plain "en": Babel's "en" is American English ("a, b, and c", "November 5, 2026"). The kit's English is
# British, so the site's "en" is written with en_GB's lists, numbers and dates.
BABEL_LOCALES = MappingProxyType({"en": "en_GB"})


def babel_locale() -> str:
    """The CLDR locale lists, numbers and dates are written in for the site's language (en_GB for "en")."""
    from babel.core import Locale, UnknownLocaleError

    code = language().replace("-", "_")
    code = BABEL_LOCALES.get(code, code)
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return BABEL_LOCALES[DEFAULT_LANGUAGE]
    return code


def list_of(items: list[str], conjunction: str = "and") -> str:
    """'a, b and c' (or 'a, b or c' when `conjunction` is "or") as the site's language joins a list; one item alone."""
    from babel.lists import format_list

    return format_list(list(items), style="or" if conjunction == "or" else "standard", locale=babel_locale())


def number(value: float, decimals: str = "##") -> str:
    """A number as the site's language writes it: 17000 → '17,000', 2.5 → '2.5' (at most two decimals); '00' for
    `decimals` always writes two ('2.50')."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0." + decimals if decimals else "#,##0", locale=babel_locale())


def day_month_year(value: date) -> str:
    """A date as the site's language writes it: '25 November 2026'."""
    from babel.dates import format_date

    return format_date(value, "long", locale=babel_locale())


def month_year(value: date) -> str:
    """A month as the site's language writes it on its own: 'November 2026'."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", value, locale=babel_locale())


def wording_fingerprint() -> str:
    """A hash of the partnership's wording in use, '' for the kit's English: what is kept between builds (the
    charts' summaries) is kept only while the wording it was written with is the same."""
    catalog = getattr(_in_use.get(), "_catalog", None)
    if not catalog:
        return ""
    entries = sorted((repr(key), repr(value)) for key, value in catalog.items())
    return hashlib.sha256(repr(entries).encode("utf-8")).hexdigest()


def gettext(message: str) -> str:
    """The sentence `message` as the partnership words it, as plain text (not yet escaped)."""
    return _in_use.get().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural sentence for `count`, as the partnership words it, as plain text."""
    return _in_use.get().ngettext(singular, plural, count)


def html_gettext(message: str) -> Markup:
    """A sentence for a template: the kit's English as written; a partnership's wording escaped."""
    return _as_html(message, gettext(message))


def html_ngettext(singular: str, plural: str, count: int) -> Markup:
    """The singular or plural sentence for a template, escaped when it is a partnership's wording."""
    text = ngettext(singular, plural, count)
    return Markup(text) if text in (singular, plural) else escape(text)


def sentence_html(message: str, /, **values) -> Markup:
    """A sentence for HTML the page makes itself, with `values` escaped as they are put in (Markup kept).

    The same as Markup's own % but a third as costly, which counts on a page of thousands of lines.
    """
    return Markup(str(html_gettext(message)) % {name: escape(value) for name, value in values.items()})


def _as_html(english: str, text: str) -> Markup:
    return Markup(text) if text == english else escape(text)


def sentence_md(message: str, /, **values) -> str:
    """A sentence for a Markdown page, with `values` (already escaped for Markdown) put in its %(name)s places."""
    return _markdown(message, gettext(message)) % values


def plural_md(singular: str, plural: str, count: int, /, **values) -> str:
    """The singular or plural Markdown sentence for `count`, with `values` put in (`count` is given as `count`)."""
    text = ngettext(singular, plural, count)
    return _markdown(text if text in (singular, plural) else singular, text) % {"count": count, **values}


def sentence(message: str, /, **values) -> str:
    """A sentence as plain text with `values` put in (a page's title, a template's value: escaped where written)."""
    return gettext(message) % values


def plural(singular: str, plural: str, count: int, /, **values) -> str:
    """The singular or plural sentence for `count` as plain text, with `values` put in (`count` is given as `count`)."""
    return ngettext(singular, plural, count) % {"count": count, **values}


def _markdown(english: str, text: str) -> str:
    """The kit's English as written; a partnership's wording with its HTML and Markdown syntax made inert."""
    if text == english:
        return text
    pieces = re.split(r"(%\(\w+\)[sd]|%%)", " ".join(text.split()))
    return "".join(piece if index % 2 else MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(piece, quote=False))
                   for index, piece in enumerate(pieces))
