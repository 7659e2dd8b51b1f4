"""The site builder's configuration (mkdocs.yml) places every kind of page the site makes.

mkdocs.yml stays a plain file that both site builders read as it is; the page types come from the route table
(build_charts/routes.py). Every page type the navigation lists needs its line under `nav:`, and every other one
its pattern under `not_in_nav:`, or the builder stops on the first unplaced page with a message for developers.
This check says instead, before anything is built, which line to add and where. Lines a partnership adds for
its own pages are left alone.

mkdocs.yml also holds two kinds of setting that must not be confused. Text that reaches every page (menu
titles, `copyright`) is data: it may hold no HTML, as a data cell may not. Options that read files or run code
(`hooks`, `plugins`, `markdown_extensions` and their options, `theme.custom_dir`, `INHERIT`, `extra_javascript`,
`extra_css`) are code: only the values this kit documents are accepted; anything else needs a developer, who
changes the kit, not the settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from build_charts.config import SiteConfig
from build_charts.routes import ROUTES, Route, nav_entries, not_in_nav
from build_charts.validate.problem import Problem

FILE = "mkdocs.yml"
PLACED = "every page the site makes either in the menu (under nav:) or left out of it (under not_in_nav:)"


def check(site: SiteConfig, routes: dict[str, Route] | None = None) -> Iterator[Problem]:
    """A problem for each page type of the route table that mkdocs.yml (`site`, as read) neither lists in nav nor
    leaves out."""
    routes = routes or ROUTES
    try:
        text = site.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""  # the lines are only named, to help; the file was read when its settings were
    listed = set(_files(list(site.nav)))
    nav_line = _line_of(text, "nav")
    for entry in nav_entries(routes):
        (title, source), = entry.items()
        if source not in listed:
            yield _missing("nav-missing-page", nav_line, f'"nav:" has no line for {source}',
                           f'Add the line "  - {title}: {source}" under "nav:"{_at(nav_line)}, where the page '
                           "should appear in the menu.")
    yield from text_problems(site.raw, text)
    yield from code_problems(site.raw, text)
    yield from language_problems(site.raw, text)
    left_out = site.not_in_nav
    hidden_line = _line_of(text, "not_in_nav")
    for pattern in not_in_nav(routes):
        if pattern not in left_out:
            yield _missing("not-in-nav-missing", hidden_line, f'"not_in_nav:" has no line for {pattern}',
                           f'Add the line "  {pattern}" under "not_in_nav: |"{_at(hidden_line)}.')


def _missing(code: str, line: int | None, found: str, fix: str) -> Problem:
    return Problem(code=code, file=FILE, line=line, found=found, expected=PLACED, fix=fix)


def _files(nav) -> Iterator[str]:
    """Every file a nav section names, at any depth."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _files(value)


def _line_of(text: str, key: str) -> int | None:
    """The line a top-level key starts on (1 for the first line), or None when the file has no such key."""
    found = re.search(rf"(?m)^{re.escape(key)}:", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _at(line: int | None) -> str:
    return f" (line {line})" if line else ""


# Code options: the values the kit documents (docs/guide) and nothing else.
ALLOWED_PLUGINS = {"search"}
ALLOWED_EXTENSIONS = {"abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "def_list", "footnotes",
                      "build_charts.passthrough", "pymdownx.snippets", "pymdownx.emoji"}
# Options an allowed extension may have, with the only values accepted (None: any plain value; a frozenset: the
# functions mkdocs-material documents, named by !!python/name:).
EXTENSION_OPTIONS: dict[str, dict[str, object]] = {
    "toc": {"permalink": None, "toc_depth": None, "title": None},
    "pymdownx.snippets": {"base_path": ["build/snippets"], "check_paths": True},
    "pymdownx.emoji": {"emoji_index": frozenset({"material.extensions.emoji.twemoji"}),
                       "emoji_generator": frozenset({"material.extensions.emoji.to_svg"})},
}
CUSTOM_DIR = "docs/overrides"
# The folders the builder reads pages from and writes the site to: the kit's, since the builder publishes every file
# of the pages' folder.
FOLDERS = {"docs_dir": "build/docs", "site_dir": "site"}
# Top-level options that load files or run code and are not accepted at all.
REFUSED = {"hooks": "runs Python code from the site's files on every build",
           "INHERIT": "reads settings from another file"}
CODE_FIX = ("Undo the change to mkdocs.yml. This option reads files or runs code, so it is part of the kit: "
            "ask a developer to review the change.")
HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|&#|&\w+;", re.IGNORECASE)


def text_problems(settings: dict, text: str = "") -> Iterator[Problem]:
    """A problem for each menu title, and the copyright line, that holds HTML: they reach every page."""
    for title in _titles(settings.get("nav") or []):
        if isinstance(title, str) and HTML.search(title):
            yield _text_problem("nav-title-html", _line_of_text(text, title), f'a menu title holding HTML: "{title[:80]}"')
    copyright_ = settings.get("copyright")
    if copyright_ is not None and (not isinstance(copyright_, str) or HTML.search(copyright_)):
        yield _text_problem("copyright-html", _line_of(text, "copyright"),
                            f'a copyright line holding HTML: "{str(copyright_)[:80]}"')


def _text_problem(code: str, line: int | None, found: str) -> Problem:
    return Problem(code=code, file=FILE, line=line, found=found, expected="plain words, with no HTML tags or entities",
                   fix="Remove the tags and write the words only; the site adds its own formatting.")


def code_problems(settings: dict, text: str = "") -> Iterator[Problem]:
    """A problem for each option that reads files or runs code and is set to a value the kit does not document."""
    for key, why in REFUSED.items():
        if key in settings:
            yield _code_problem(text, key, f'"{key}:", which {why}', f'no "{key}:" line')
    plugins = _names(settings.get("plugins"))
    for name in plugins:
        if name not in ALLOWED_PLUGINS or (isinstance(plugins[name], dict) and plugins[name]):
            yield _code_problem(text, "plugins", f'the plugin "{name}" with options {plugins[name]!r}'
                                if plugins[name] else f'the plugin "{name}"', "plugins: only " + ", ".join(sorted(ALLOWED_PLUGINS)))
    extensions = _names(settings.get("markdown_extensions"))
    for name, options in extensions.items():
        if name not in ALLOWED_EXTENSIONS:
            yield _code_problem(text, "markdown_extensions", f'the Markdown extension "{name}"',
                                "markdown_extensions: only " + ", ".join(sorted(ALLOWED_EXTENSIONS)))
            continue
        allowed = EXTENSION_OPTIONS.get(name, {})
        options = options if isinstance(options, dict) else {} if options is None else {"options": options}
        for option, value in options.items():
            if option not in allowed or not _accepted(value, allowed[option]):
                yield _code_problem(text, "markdown_extensions", f'"{option}: {value!r}" for {name}',
                                    f"{name} with only the options the kit sets: {_shown(allowed)}")
    for key, value in FOLDERS.items():
        if key in settings and settings[key] != value:
            yield _code_problem(text, key, f"{key}: {settings[key]!r}, a folder the kit does not read or write",
                                f"{key}: {value}")
    theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {}
    if "custom_dir" in theme and theme["custom_dir"] != CUSTOM_DIR:
        yield _code_problem(text, "theme", f'custom_dir: {theme["custom_dir"]!r}', f"custom_dir: {CUSTOM_DIR}")
    yield from _theme_problems(settings, theme, text)
    for key in ("extra_javascript", "extra_css"):
        for entry in settings.get(key) or []:
            path = entry.get("path") if isinstance(entry, dict) else entry
            if not isinstance(path, str) or not re.fullmatch(r"assets/[\w./-]+", path) or ".." in path:
                yield _code_problem(text, key, f"{key} entry {entry!r}", f"{key}: files in docs/assets only")


# The theme the kit's overrides are written for, and theme options that load a file: only from docs/assets.
THEME = "material"
THEME_FILES = ("favicon", "logo")
SITE_FILE = re.compile(r"assets/[\w./-]+")


def _theme_problems(settings: dict, theme: dict, text: str) -> Iterator[Problem]:
    """Theme settings the kit's pages are not made for, or that load files or scripts from another website."""
    name = theme.get("name", THEME) if theme else settings.get("theme", THEME)
    if name != THEME:
        yield _code_problem(text, "theme", f"the theme {name!r}", f"theme: name: {THEME} (the kit's pages, help bar "
                            'and "Exit this page" are written for it)')
    if theme.get("font", False) is not False:
        yield _code_problem(text, "theme", f"font: {theme['font']!r}, which loads fonts from Google",
                            "font: false (pages load nothing from other websites)")
    for key in THEME_FILES:
        value = theme.get(key)
        if value is not None and (not isinstance(value, str) or not SITE_FILE.fullmatch(value) or ".." in value):
            yield _code_problem(text, "theme", f"{key}: {value!r}", f"{key}: a file in docs/assets, such as "
                                f"assets/{key}.png")
    extra = settings.get("extra") if isinstance(settings.get("extra"), dict) else {}
    edit = extra.get("edit_base_url")
    if edit not in (None, "") and not (isinstance(edit, str) and re.fullmatch(r"https://[^\s\"'<>]+", edit)):
        yield _code_problem(text, "extra", f"edit_base_url: {edit!r}", 'edit_base_url: "" or the address that opens '
                            "a file for editing, starting with https://, such as https://github.com/OWNER/REPO/edit/main/")
    if "analytics" in extra:
        yield _code_problem(text, "extra", "extra: analytics:, which loads a script from another website to count "
                            "visitors", 'no "analytics:" (the site counts no one)')


def _accepted(value, allowed) -> bool:
    """Whether an extension option's value is one the kit documents (`allowed`, see EXTENSION_OPTIONS)."""
    if allowed is None:  # a plain value: the builder writes a text option (toc's title, permalink) into pages as HTML
        return isinstance(value, int | float | bool) or (isinstance(value, str) and not HTML.search(value))
    if isinstance(allowed, frozenset):
        return callable(value) and f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}" in allowed
    return value == allowed or (isinstance(allowed, list) and value == allowed[0])


def _names(section) -> dict[str, object]:
    """A plugins or markdown_extensions section as {name: options}, whether written as a list or a mapping."""
    if isinstance(section, dict):
        return {str(k): v for k, v in section.items()}
    found: dict[str, object] = {}
    for item in section or []:
        if isinstance(item, dict):
            found.update({str(k): v for k, v in item.items()})
        else:
            found[str(item)] = None
    return found


def _shown(allowed: dict) -> str:
    return ", ".join(f"{k}: {v}" if v is not None else k for k, v in allowed.items()) or "none"


def _code_problem(text: str, key: str, found: str, expected: str) -> Problem:
    return Problem(code="code-option", file=FILE, line=_line_of(text, key), found=found,
                   expected=expected, fix=CODE_FIX)


def _titles(nav) -> Iterator[str]:
    """Every menu title a nav section names, at any depth."""
    if isinstance(nav, list):
        for item in nav:
            yield from _titles(item)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            yield title
            yield from _titles(value)


def _line_of_text(text: str, needle: str) -> int | None:
    index = text.find(needle[:40])
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def theme_languages() -> set[str]:
    """The languages mkdocs-material has its own words for (one template each), lower case."""
    import importlib.util

    spec = importlib.util.find_spec("material")
    folders = [Path(location) / "templates" / "partials" / "languages" for location in
               (spec.submodule_search_locations or [])] if spec else []
    return {f.stem.lower() for folder in folders if folder.is_dir() for f in folder.glob("*.html")}


def language_problems(settings: dict, text: str = "", known: set[str] | None = None) -> Iterator[Problem]:
    """A problem when theme.language is not a language both the theme and the number formats know."""
    from babel import Locale, UnknownLocaleError

    theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {}
    language = theme.get("language")
    if language is None:
        return
    known = theme_languages() if known is None else known
    try:
        ok = isinstance(language, str) and (not known or language.lower() in known) \
            and Locale.parse(language.replace("-", "_")) is not None
    except (UnknownLocaleError, ValueError, TypeError):
        ok = False
    if not ok:
        yield Problem(code="unknown-language", file=FILE, line=_line_of_text(text, "language:"),
                      found=f'theme: language: {str(language)[:40]}, a language the site cannot write',
                      expected="a language code the theme knows, such as en, cy or pl",
                      fix="Set theme: language in mkdocs.yml to your language's two-letter code (en for English).")
