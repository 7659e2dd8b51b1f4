"""The partnership's identity and the licences in datapackage.json: every page shows them, so they are checked
like any cell. Each problem names the field by its path, e.g. "partnership.exit_url" or "licenses[0].path".

| Field | Rule |
|---|---|
| partnership.name, partnership.area | required; one line of plain text |
| partnership.short_name, partnership.site_description, partnership.data_controller, comparator_areas, title, description | one line of plain text |
| partnership.contact_email | an email address; empty gives a warning (the help page then has no one to report a wrong number to) |
| partnership.current_strategy | empty, or an id |
| partnership.exit_url | a full https:// address on another website: "Exit this page" must take the person away |
| licenses | at least one; each with a name and a title, and a path that is a full https:// address |

Plain text means no HTML, no hidden characters and no line breaks (see text.py and characters.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

from build_charts.contacts import email_problem
from build_charts.report_route import GITHUB_REPOSITORY
from build_charts.validate.checks.characters import character_problem
from build_charts.validate.checks.text import HTML
from build_charts.validate.problem import WARNING, Problem, shorten

FILE = "datasets/datapackage.json"
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ASK = "Ask a developer if you are not sure how to edit datapackage.json."
# Each text field of the partnership block: (required, maximum length, what it is).
PARTNERSHIP_TEXT = {
    "name": (True, 120, "the partnership's name, shown at the top of every page"),
    "area": (True, 80, "the area the partnership covers, such as a city or county"),
    "short_name": (False, 30, "a short name or abbreviation"),
    "site_description": (False, 300, "one sentence that describes the site, shown by search engines"),
    "data_controller": (False, 200, "who decides how the site's visitors' data is used, e.g. the council that runs it"),
}
PACKAGE_TEXT = {"title": 200, "description": 1000}
LICENCE_TEXT = {"name": 100, "title": 200}


def check(descriptor: dict, site_host: str | None = None) -> Iterator[Problem]:
    """Every problem with the partnership block and the licences of the descriptor."""
    partnership = descriptor.get("partnership", {})
    if not isinstance(partnership, dict):
        yield _problem("partnership", f"{_kind(partnership)} instead of a block of settings",
                       'a block of settings in curly brackets: "partnership": { "name": ..., ... }',
                       "Undo the last change to the partnership block.")
        return
    for key, (required, limit, what) in PARTNERSHIP_TEXT.items():
        yield from text_problems(f"partnership.{key}", partnership.get(key), limit, what, required)
    for key, limit in PACKAGE_TEXT.items():
        yield from text_problems(key, descriptor.get(key), limit, f"the data package's {key}", required=False)
    yield from _comparator_problems(partnership.get("comparator_areas", []))
    yield from _help_word_problems(partnership.get("help_search_words", []))
    yield from _report_route_problems(partnership)
    yield from _email_problems(partnership.get("contact_email"))
    yield from _strategy_problems(partnership.get("current_strategy"))
    yield from exit_url_problems(partnership.get("exit_url"), site_host)
    yield from licence_problems(descriptor.get("licenses"))


def text_problems(path: str, value, limit: int, what: str, required: bool = False) -> Iterator[Problem]:
    """A field that must be one line of plain text of at most `limit` characters."""
    if value is None or value == "":
        if required:
            yield _problem(path, "no value", f"{what}, in quotes",
                           f'Add "{path.rsplit(".", 1)[-1]}": "..." to the block. {ASK}')
        return
    if not isinstance(value, str):
        yield _problem(path, f"{_kind(value)} instead of text", f"{what}, in quotes",
                       "Put the value in double quotes.")
        return
    problem = character_problem(value)
    if problem:
        _, found, expected, fix = problem
        yield _problem(path, found, expected, fix)
    elif HTML.search(value):
        yield _problem(path, f'text containing HTML or a script: "{shorten(value)}"',
                       "plain text with no HTML tags, scripts or javascript: links",
                       "Remove the tags. Write the words only; the site adds its own formatting.")
    elif len(value) > limit:
        yield _problem(path, f'{len(value):,} characters: "{shorten(value)}"', f"at most {limit:,} characters",
                       "Shorten the text.")


def exit_url_problems(value, site_host: str | None = None) -> Iterator[Problem]:
    """The "Exit this page" address: a full https:// address on another website."""
    path, expected = "partnership.exit_url", "a full web address on another website, starting with https://"
    if value is None or value == "":
        yield _problem(path, "no exit address: the help page would have no \"Exit this page\" button", expected,
                       'Add "exit_url": "https://www.bbc.co.uk/weather" (or another everyday website) to the '
                       f"partnership block. {ASK}")
        return
    if not isinstance(value, str):
        yield _problem(path, f"{_kind(value)} instead of a web address", expected, "Put the address in double quotes.")
        return
    problem = character_problem(value)
    parsed = urlparse(value.strip())
    if problem:
        yield _problem(path, problem[1], expected, problem[3])
    elif parsed.scheme.lower() in {"javascript", "data", "vbscript"}:
        yield _problem(path, f'"{shorten(value)}", a script rather than a web address', expected,
                       "Replace it with the address of an everyday website, such as https://www.bbc.co.uk/weather.")
    elif parsed.scheme.lower() != "https" or not parsed.hostname or " " in value:
        yield _problem(path, _exit_found(value, parsed), expected,
                       f'Copy the address from the browser\'s address bar, e.g. "https://{_bare(value)}". The '
                       "button must take the person straight to another website.")
    elif site_host and parsed.hostname.lower() == site_host.lower():
        yield _problem(path, f'"{shorten(value)}", an address on this site', expected,
                       'Use the address of an everyday website, such as "https://www.bbc.co.uk/weather": the button '
                       "must take the person away from this site.")


def licence_problems(licences) -> Iterator[Problem]:
    """At least one licence, each named, titled and linked with a full https:// address."""
    expected = 'a list of licences, such as [{"name": "OGL-UK-3.0", "title": "...", "path": "https://..."}]'
    if not isinstance(licences, list) or not licences:
        yield _problem("licenses", "no licence" if not licences else f"{_kind(licences)} instead of a list",
                       expected, "Add the licence the data is published under, so people know they may reuse it. "
                       + ASK)
        return
    for index, licence in enumerate(licences):
        where = f"licenses[{index}]"
        if not isinstance(licence, dict):
            yield _problem(where, f"{_kind(licence)} instead of a licence", expected, "Undo the last change. " + ASK)
            continue
        for key, limit in LICENCE_TEXT.items():
            yield from text_problems(f"{where}.{key}", licence.get(key), limit, f"the licence's {key}", required=True)
        url = licence.get("path")
        parsed = urlparse(url) if isinstance(url, str) else None
        if parsed is None or parsed.scheme != "https" or not parsed.hostname or character_problem(url):
            yield _problem(f"{where}.path", f'"{shorten(str(url))}"' if url else "no web address",
                           "the full address of the licence's text, starting with https://",
                           "Copy the address of the licence from the browser's address bar.")


def _comparator_problems(areas) -> Iterator[Problem]:
    yield from _text_list_problems(
        "partnership.comparator_areas", areas, 80, "an area's name",
        expected='a list of area names in square brackets, such as ["England", "Hampshire"]',
        fix="Write the areas as a list: each name in quotes, separated by commas, inside [ and ].")


def _help_word_problems(words) -> Iterator[Problem]:
    """The search page's help words (crisis words and drug names that put Get help first): a list of short texts."""
    yield from _text_list_problems(
        "partnership.help_search_words", words, 60, "a word or short phrase someone in need of help might search for",
        expected='a list of words in square brackets, such as ["overdose", "ketamine"]',
        fix="Write the words as a list: each in quotes, separated by commas, inside [ and ].")


def _text_list_problems(where: str, items, limit: int, each: str, expected: str, fix: str) -> Iterator[Problem]:
    """A setting that is a list of short texts: not a list (`expected`, `fix`), or an item that is not a text of at
    most `limit` characters (`each` says what an item is)."""
    if not isinstance(items, list):
        yield _problem(where, f"{_kind(items)} instead of a list", expected, fix)
        return
    for index, item in enumerate(items):
        yield from text_problems(f"{where}[{index}]", item, limit, each, required=True)


def _report_route_problems(partnership: dict) -> Iterator[Problem]:
    """A report form must be an https:// address; a repository, a GitHub one ("Report a problem" opens issues there)."""
    form, repository = partnership.get("report_form_url"), partnership.get("repository_url")
    if form not in (None, "") and (not isinstance(form, str) or not form.startswith("https://") or character_problem(form)):
        yield _problem("partnership.report_form_url", f'"{shorten(str(form))}"',
                       "the full address of the partnership's form for reporting a problem, starting with https://",
                       "Copy the form's address from the browser's address bar, or delete the setting.")
    if repository not in (None, "") and not (isinstance(repository, str) and GITHUB_REPOSITORY.match(repository)):
        yield _problem("partnership.repository_url", f'"{shorten(str(repository))}"',
                       "the address of the site's repository on GitHub, such as https://github.com/OWNER/REPO",
                       "Copy the repository's address from the browser's address bar, or delete the setting.")


def _email_problems(value) -> Iterator[Problem]:
    if value is None or value == "":
        yield Problem(code="no-contact", file=FILE, column="partnership.contact_email", severity=WARNING,
                      found="no contact address",
                      expected="the partnership's email address, which the help page gives readers who find a "
                               "wrong number",
                      fix='Add "contact_email": "name@example.org.uk" to the partnership block. Until then readers '
                          "report a wrong number on the site's GitHub repository when it is published from one (the "
                          "first line of this report says where), and otherwise read that no contact has been "
                          "published yet.")
        return
    if not isinstance(value, str) or value.strip() != value or email_problem(value):
        yield _problem("partnership.contact_email", f'"{shorten(str(value))}"',
                       "an email address such as name@example.org.uk, or null",
                       "Write the address only, in quotes, without 'mailto:' or spaces.")


def _strategy_problems(value) -> Iterator[Problem]:
    if value is None or value == "":
        return
    if not isinstance(value, str) or len(value) > 80 or not ID.fullmatch(value):
        yield _problem("partnership.current_strategy", f'"{shorten(str(value))}"',
                       "a strategy_id from strategies.csv: lower-case letters, digits and hyphens",
                       "Copy the strategy_id of the current strategy from strategies.csv.")


def _exit_found(value: str, parsed) -> str:
    if value.startswith(("/", ".")):
        return f'"{shorten(value)}", a page of this site rather than another website'
    if parsed.scheme.lower() == "http":
        return f'"{shorten(value)}", which starts with http:// rather than https://'
    if not parsed.scheme or value.lower().startswith("www."):
        return f'"{shorten(value)}", which has no https:// at the start, so it would lead to a page of this site'
    return f'"{shorten(value)}"'


def _bare(value: str) -> str:
    """The address without its scheme, or an everyday website's when what is left is a path on this site."""
    bare = re.sub(r"^[a-zA-Z]+:/*", "", value.strip())
    return "www.bbc.co.uk/weather" if not bare or bare.startswith(("/", ".")) else bare


def _kind(value) -> str:
    """What a JSON value is, in words."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of settings"
    if value is None:
        return "null"
    return f'"{shorten(str(value))}"'


def _problem(path: str, found: str, expected: str, fix: str) -> Problem:
    return Problem(code="bad-setting", file=FILE, column=path, found=found, expected=expected, fix=fix)
