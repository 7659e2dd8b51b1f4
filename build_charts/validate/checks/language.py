"""Stigmatising language: words drug-harm services ask writers to avoid, each with the wording they prefer.

Checked in every free-text cell of the data package and in the hand-written Markdown pages in docs/ (theme
overrides excluded). Findings are warnings; `validate --strict` makes them errors.

| Avoid | Write instead | Why |
|---|---|---|
| ex-addict, former addict, recovering addict | person in recovery | names a person by a past behaviour |
| addict | person who uses drugs, person with a drug dependency | names a person by one behaviour |
| junkie (and druggie, crackhead, smackhead) | person who uses drugs | an insult |
| drug abuser | person who uses drugs | "abuse" suggests wrongdoing and blame |
| substance abuser | person who uses drugs or alcohol | as above |
| drug abuse (and substance abuse, alcohol abuse) | drug use, harmful drug use | as above |
| clean (not using drugs: "stayed clean") | in recovery, not using drugs | implies people who use drugs are dirty |
| dirty (of a drug test: "a dirty sample", "tested dirty") | positive, a positive test result | as above |
| drug user (and heroin user, crack user, …) | person who uses drugs, people who use heroin | drug before person |

The list follows the language guides UK drug-harm organisations publish for writers (for example the Scottish
Drugs Forum's "Moving beyond people-first language" and the NHS Addictions Provider Alliance's "Language
matters"). Left off on purpose:

- "misuse" (drug misuse, substance misuse): still the wording of official statistics (such as deaths related to
  drug misuse) and of many services' names, so a warning would mostly flag names that must be quoted as they are.
- "addiction": the name of a health condition, not a label for a person.
- "user" on its own and "service user": "user" alone usually means a website's user, and "service user" is
  standard NHS wording.

Exceptions, for text that must be quoted exactly as published (a term is allowed only inside an exception
phrase; the same word elsewhere is still reported):

- every title in sources.csv, wherever it appears (in sources.csv and on a page that cites the source);
- each phrase in "language_exceptions" in the "partnership" block of datasets/datapackage.json, such as the
  official name of a statistic. Each entry is a phrase, or {"text": "the phrase", "reason": "why it is quoted"}.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from build_charts.validate.checks.columns import free_text_columns
from build_charts.validate.problem import WARNING, Problem

SETTING = "language_exceptions"
PACKAGE = "datasets/datapackage.json"
MAX_FINDINGS = 50  # in one cell or page
EXPECTED = "wording drug-harm services prefer, which does not label or blame people who use drugs"
FENCE = re.compile(r"^\s*(```|~~~)")
# The only non-ASCII letters re.IGNORECASE matches to ASCII ones (İ and ı to i, ſ to s, the Kelvin sign to k),
# none of which str.lower() turns into that ASCII letter.
IGNORECASE_ALIASES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


@dataclass(frozen=True)
class Term:
    """One word or phrase to avoid, the wording to use instead, and a sentence it is found in (for the tests)."""

    avoid: str
    pattern: str
    preferred: tuple[str, ...]
    example: str
    words: tuple[str, ...]  # lower case; every match contains one of them, so text without any is skipped

    @cached_property
    def regex(self) -> re.Pattern:
        """The compiled, case-insensitive pattern of this term alone."""
        return re.compile(self.pattern, re.IGNORECASE)


SEP = r"[\s-]+"  # words may be split by spaces, a line break or a hyphen
CLEAN_VERBS = (r"(?:stay(?:s|ed|ing)?|get(?:s|ting)?|got|been|being|keep(?:s|ing)?|kept|remain(?:s|ed|ing)?"
               r"|went|go(?:es|ing)?)")
DURATION = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|many)" + SEP
            + r"(?:days?|weeks?|months?|years?)")
DRUGS = (r"(?:drugs?|heroin|crack|cocaine|opiate|opioid|cannabis|substance|injecting|intravenous|iv|ketamine|spice"
         r"|amphetamine|methamphetamine|steroid)")
TEST_WORDS = r"(?:(?:drugs?" + SEP + r")?(?:tests?|samples?|screens?|results?|urine(?:" + SEP + r"samples?)?))"

TERMS: tuple[Term, ...] = (
    Term("ex-addict", rf"\b(?:ex-?|former{SEP}|recovering{SEP})addicts?\b", ("person in recovery",),
         "She is a former addict who now volunteers at the centre.", words=("addict",)),
    Term("addict", r"\baddicts?\b", ("person who uses drugs", "person with a drug dependency"),
         "Addicts can get help at the centre.", words=("addict",)),
    Term("junkie", r"\b(?:junkies|junkie|junky|druggies|druggie|druggy|crackheads?|smackheads?)\b",
         ("person who uses drugs",), "Residents complained about junkies in the park.",
         words=("junk", "drugg", "crackhead", "smackhead")),
    Term("drug abuser", rf"\bdrugs?{SEP}abusers?\b", ("person who uses drugs",), "Support for drug abusers.",
         words=("abuse",)),
    Term("substance abuser", rf"\bsubstance{SEP}abusers?\b", ("person who uses drugs or alcohol",),
         "The service works with substance abusers.", words=("abuse",)),
    Term("drug abuse", rf"\b(?:drugs?|substance|alcohol){SEP}abuse\b", ("drug use", "harmful drug use"),
         "Drug abuse costs the city millions.", words=("abuse",)),
    Term("clean",
         rf"\b(?:{CLEAN_VERBS}{SEP}clean|clean{SEP}(?:and{SEP}sober|time|from{SEP}drugs|for{SEP}{DURATION}))\b",
         ("in recovery", "not using drugs"), "He has been clean for two years.", words=("clean",)),
    Term("dirty", rf"\b(?:dirty{SEP}{TEST_WORDS}|(?:tested|testing|tests?|came{SEP}back|comes{SEP}back){SEP}dirty)\b",
         ("positive", "a positive test result"), "Three people gave a dirty sample.", words=("dirty",)),
    Term("drug user", rf"\b(?P<drug>{DRUGS}){SEP}users?\b", ("person who uses drugs", "people who use heroin"),
         "Heroin users are growing older.", words=("user",)),
)
# Any term's word, found in folded text by one quick search: most cells hold none and need no more looking at.
ANY_WORD = re.compile("|".join(dict.fromkeys(re.escape(word) for term in TERMS for word in term.words)))
# Every term in one pattern, read once from left to right: the time taken grows with the length of the text only.
# Where two terms start at the same place, the earlier, more specific one wins ("former addict" before "addict").
ALL_TERMS = re.compile("|".join(f"(?P<term{index}>{term.pattern})" for index, term in enumerate(TERMS)),
                       re.IGNORECASE)


def check(tables, context) -> Iterator[Problem]:
    """Warn about terms to avoid in every free-text cell of the data package."""
    allowed = exception_patterns(context.partnership, tables)
    yield from setting_problems(context.partnership)
    for table in tables.values():
        columns = free_text_columns(table)
        for row_number, row in table.rows():
            for column in columns:
                for term, match in findings(row.get(column, ""), allowed):
                    yield _problem(term, match, file=table.file, row=row_number, column=column)


def page_problems(docs: Path, exclude: Path | None, partnership: dict, tables: dict) -> Iterator[Problem]:
    """Warn about terms to avoid in the hand-written Markdown pages (front matter included, code blocks not)."""
    allowed = exception_patterns(partnership, tables)
    for path in sorted(docs.rglob("*.md")):
        if exclude is not None and path.is_relative_to(exclude):
            continue
        text = without_code_blocks(path.read_text(encoding="utf-8"))
        file = f"{docs.name}/{path.relative_to(docs).as_posix()}"
        for term, match in findings(text, allowed):
            yield _problem(term, match, file=file, line=text.count("\n", 0, match.start()) + 1)


def findings(text: str, allowed: Iterable[re.Pattern]) -> list[tuple[Term, re.Match]]:
    """Each term to avoid in text, in reading order, except inside an exception phrase.

    One pass of one pattern over the text, then one binary search per finding: linear in the text's length. At
    most MAX_FINDINGS are returned: a text with more needs rewriting as a whole, and the report would cut them.
    """
    if not ANY_WORD.search(fold_case(text)):
        return []
    found: list[tuple[Term, re.Match]] = []
    exempt: list[tuple[int, int]] | None = None  # the exception phrases are looked for only once a term is found
    for match in ALL_TERMS.finditer(text):
        if exempt is None:
            exempt = _merged_spans(m.span() for pattern in allowed for m in pattern.finditer(text))
            starts = [start for start, _ in exempt]
        if not _inside(match.span(), exempt, starts):
            found.append((_term_of(match), match))
            if len(found) == MAX_FINDINGS:
                break
    return found


def _term_of(match: re.Match) -> Term:
    """The term whose part of ALL_TERMS matched."""
    return next(term for index, term in enumerate(TERMS) if match.group(f"term{index}") is not None)


def _merged_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted by start, with overlapping ones joined, so one binary search finds the one around a match."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(span: tuple[int, int], spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """True when span lies wholly within one of the merged spans."""
    index = bisect_right(starts, span[0]) - 1
    return index >= 0 and spans[index][1] >= span[1]


def fold_case(text: str) -> str:
    """Text in lower case, with the non-ASCII letters re.IGNORECASE equates with ASCII ones made ASCII."""
    return text.lower() if text.isascii() else text.translate(IGNORECASE_ALIASES).lower()


def exception_patterns(partnership: dict, tables: dict) -> list[re.Pattern]:
    """Phrases quoted exactly as published: source titles and the partnership's "language_exceptions"."""
    phrases = [text for text in _setting_phrases(partnership) if text]
    sources = tables.get("sources")
    if sources is not None and "title" in sources.frame.columns:
        phrases += [title for title in sources.frame["title"] if title.strip()]
    return [re.compile(r"\s+".join(map(re.escape, p.split())), re.IGNORECASE) for p in phrases]


def setting_problems(partnership: dict) -> Iterator[Problem]:
    """Report a "language_exceptions" setting that is not a list of phrases."""
    setting = partnership.get(SETTING, [])
    entries = setting if isinstance(setting, list) else [setting]
    for entry in entries:
        if _phrase(entry) is None:
            yield Problem(code="bad-setting", file=PACKAGE, column=SETTING, found=f"the entry {entry!r}",
                          expected='a phrase in quotes, or {"text": "the phrase", "reason": "why it is quoted"}',
                          fix=f'Correct the entry in the "{SETTING}" list of the "partnership" block.')


def without_code_blocks(text: str) -> str:
    """The page with fenced code blocks blanked out, keeping line numbers."""
    lines, inside = [], False
    for line in text.split("\n"):
        fence = bool(FENCE.match(line))
        lines.append("" if inside or fence else line)
        inside = inside != fence
    return "\n".join(lines)


def _setting_phrases(partnership: dict) -> list[str]:
    setting = partnership.get(SETTING, [])
    return [p for p in map(_phrase, setting if isinstance(setting, list) else []) if p is not None]


def _phrase(entry) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and isinstance(entry.get("text"), str):
        return entry["text"]
    return None


def preferred_wording(term: Term, match: re.Match) -> list[str]:
    """The wording to suggest: for "heroin users", "people who use heroin" rather than the generic example."""
    drug = (match.groupdict().get("drug") or "").lower()
    if not drug:
        return list(term.preferred)
    if drug in {"injecting", "intravenous", "iv"}:
        return [term.preferred[0], "people who inject drugs"]
    if drug in {"drug", "drugs", "substance"}:
        return [term.preferred[0]]
    return [term.preferred[0], f"people who use {drug}"]


def _problem(term: Term, match: re.Match, **where) -> Problem:
    """The warning for one term found, quoting the words around it and the wording to use instead."""
    options = " or ".join(f'"{p}"' for p in preferred_wording(term, match))
    return Problem(
        code="stigmatising-language",
        found=f'"{" ".join(match.group(0).split())}" in "{_context(match)}"',
        expected=EXPECTED,
        fix=f"Write {options} instead. If this is the exact title of a source or the official name of a "
        f'statistic, add the phrase to "{SETTING}" in {PACKAGE}.',
        severity=WARNING,
        **where,
    )


def _context(match: re.Match, margin: int = 30) -> str:
    """The words around a match, cut at word boundaries, so it can be found in a long cell."""
    text = match.string
    if len(text) <= 2 * margin + len(match.group(0)):
        return " ".join(text.split())
    start, end = max(0, match.start() - margin), min(len(text), match.end() + margin)
    while 0 < start < match.start() and not text[start - 1].isspace():
        start += 1
    while match.end() < end < len(text) and not text[end].isspace():
        end -= 1
    snippet = " ".join(text[start:end].split())
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")
