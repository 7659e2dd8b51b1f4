"""The site's vocabularies: each code the data package allows, with the words the site shows for it.

The words are read from the data package's descriptor (datapackage.json), the one place they are written, so a
partnership rewords a label there and charts, pages and validation all follow:

- statuses, outcomes, topics and help groups: the `categories` of one field each (Table Schema's list of
  {"value": code, "label": words}, with a "description" where the site explains a code), listed in VOCABULARIES;
  other fields that take the same codes list them in their `enum` only;
- the three parts of a progress report: the `title`, `shortTitle` and `reportedTitle` of progress's text columns.

This module is the one reader. `vocabularies(descriptor)` makes a package's words, a value the loaded package
carries (`DataPackage.vocab`) and passes to what writes its pages and charts, so two packages loaded side by side
(a base and a change) each keep their own words. `problems(descriptor)` says what validation reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

# What a page or chart shows where the data gives no value.
NOT_REPORTED = "Not reported"
# Help contacts not checked for this many days are flagged on the help page and by validation.
HELP_MAX_AGE_DAYS = 365

# The field whose categories give each vocabulary its codes and words: (resource, field).
VOCABULARIES = MappingProxyType({
    "statuses": ("progress", "status"),
    "outcomes": ("theme_outcomes", "outcome"),
    "topics": ("charts", "topic"),
    "help categories": ("help_services", "category"),
})
# Key facts take the topics their own field allows.
FACT_TOPIC_FIELD = ("key_facts", "topic")
# progress.csv text columns, in the order a report shows them.
REPORT_COLUMNS = ("achievements", "gaps_challenges", "next_actions")


@dataclass(frozen=True)
class StatusMeaning:
    """What a status means to the site beyond its words (which datapackage.json gives): a symbol beside its words
    (a shape, so status is never told by colour alone), its colour in charts (at least 4.5:1 against white text and
    3:1 against the white page), whether it rates progress, and whether the commitment applies in the area."""

    symbol: str
    colour: str
    rated: bool = True
    applies: bool = True


# The status a new reporting period's rows start with (python -m build_charts new-period): no rating yet.
NEW_PERIOD_STATUS = "not-assessed"
# The status of a commitment that does not apply in the area; a new period keeps it.
NOT_APPLICABLE = "not-applicable"
# The kit's statuses; the colours are darkened Okabe-Ito hues. Any other status a partnership adds to the
# field's categories is a rating, drawn with OTHER_STATUS.
STATUS_MEANINGS = MappingProxyType({
    "complete": StatusMeaning("✔", "#006B4F"),
    "on-track": StatusMeaning("▶", "#0072B2"),
    "with-challenges": StatusMeaning("▲", "#8F4E00"),
    "not-started": StatusMeaning("○", "#B2300C"),
    NOT_APPLICABLE: StatusMeaning("–", "#5F5F5F", rated=False, applies=False),
    NEW_PERIOD_STATUS: StatusMeaning("?", "#5B3A8C", rated=False),
})
OTHER_STATUS = StatusMeaning("•", "#4D4D4D")


@dataclass(frozen=True)
class Status:
    """A progress status: its words and what it means (from the descriptor), with the site's meaning of its code."""

    label: str
    explanation: str
    meaning: StatusMeaning = OTHER_STATUS

    @property
    def symbol(self) -> str:
        """The shape shown beside the status's words."""
        return self.meaning.symbol

    @property
    def colour(self) -> str:
        """The status's colour in charts."""
        return self.meaning.colour

    @property
    def rated(self) -> bool:
        """Whether the status rates progress ("not assessed" and "not applicable" do not)."""
        return self.meaning.rated

    @property
    def applies(self) -> bool:
        """Whether the commitment applies in the area (a report counts towards how complete reports are)."""
        return self.meaning.applies


@dataclass(frozen=True)
class ReportPart:
    """One of the three parts of a progress report, named as a heading, as a chart band and as a count."""

    heading: str
    short: str
    reported: str


@dataclass(frozen=True)
class Vocabularies:
    """The words of one data package's codes, each table in the order the site lists it, all read from its
    descriptor (datapackage.json):

    - `statuses`: progress.csv's status (the categories of progress/status), with a symbol and a meaning each;
    - `outcomes`: the national outcomes (theme_outcomes/outcome); `topics`: the charts page's (charts/topic);
    - `fact_topics`: the topics key facts take (key_facts/topic's enum), in the charts' words;
    - `help_categories`: each group of the help page (help_services/category);
    - `report_parts`: the three parts of a progress report (progress's text columns' titles).
    """

    statuses: Mapping[str, Status]
    outcomes: Mapping[str, str]
    topics: Mapping[str, str]
    fact_topics: Mapping[str, str]
    help_categories: Mapping[str, str]
    report_parts: Mapping[str, ReportPart]

    def status_label(self, code: str) -> str:
        """A status's words, e.g. 'On track'."""
        return self.statuses[code].label

    def status(self, code: str) -> Status:
        """A status's words and meaning; a code the descriptor does not list shows as itself, as a rating."""
        return self.statuses.get(code) or Status(str(code), "", STATUS_MEANINGS.get(code, OTHER_STATUS))

    def rated(self, code: str) -> bool:
        """Whether status `code` rates progress."""
        return self.status(code).rated

    def applies(self, code: str) -> bool:
        """Whether a commitment at status `code` applies in the area (a missing status: it has no report yet)."""
        return self.status(code).applies

    def answer_order(self) -> tuple[str, ...]:
        """The statuses in the order a plain answer counts them: the ratings, then no rating, then not applicable."""
        return tuple(sorted(self.statuses, key=lambda code: (not self.rated(code), not self.applies(code))))


def vocabularies(descriptor: dict) -> Vocabularies:
    """Every vocabulary with the codes and words of `descriptor` (a code without a label shows as itself)."""
    statuses = categories(descriptor, *VOCABULARIES["statuses"])
    topics = labels(descriptor, *VOCABULARIES["topics"])
    fact_codes = allowed(field_of(descriptor, *FACT_TOPIC_FIELD) or {})
    return Vocabularies(
        statuses=MappingProxyType({code: Status(words["label"], words.get("description", ""),
                                                STATUS_MEANINGS.get(code, OTHER_STATUS))
                                    for code, words in statuses.items()}),
        outcomes=MappingProxyType(labels(descriptor, *VOCABULARIES["outcomes"])),
        topics=MappingProxyType(topics),
        fact_topics=MappingProxyType({code: topics.get(code, code) for code in fact_codes}),
        help_categories=MappingProxyType(labels(descriptor, *VOCABULARIES["help categories"])),
        report_parts=MappingProxyType({column: _report_part(field_of(descriptor, "progress", column) or {}, column)
                                       for column in REPORT_COLUMNS}),
    )


def field_of(descriptor: dict, resource: str, name: str) -> dict | None:
    """One field of one resource's schema in the descriptor, or None."""
    for found in _list(descriptor.get("resources")):
        if isinstance(found, dict) and found.get("name") == resource and isinstance(found.get("schema"), dict):
            fields = _list(found["schema"].get("fields"))
            return next((f for f in fields if isinstance(f, dict) and f.get("name") == name), None)
    return None


def categories(descriptor: dict, resource: str, name: str) -> dict[str, dict]:
    """A field's codes (its enum, in order), each with its category: label (the code, when none) and description."""
    spec = field_of(descriptor, resource, name) or {}
    given = {c.get("value"): c for c in _list(spec.get("categories")) if isinstance(c, dict)}
    codes = allowed(spec)
    return {code: {"label": code, **given.get(code, {})} for code in codes}


def allowed(spec: dict) -> list[str]:
    """The codes a field allows (its enum), in order; none when the descriptor gives no list."""
    constraints = spec.get("constraints")
    return [c for c in _list(constraints.get("enum")) if isinstance(c, str)] if isinstance(constraints, dict) else []


def _list(value) -> list:
    return value if isinstance(value, list) else []


def labels(descriptor: dict, resource: str, name: str) -> dict[str, str]:
    """A field's codes, each with its words."""
    return {code: str(words["label"]) for code, words in categories(descriptor, resource, name).items()}


def problems(descriptor: dict) -> list[tuple[str, str, str]]:
    """What is wrong with the vocabularies' words, as (found, expected, fix) in plain English; none when all is well."""
    found = []
    for vocabulary, (resource, name) in VOCABULARIES.items():
        spec = field_of(descriptor, resource, name) or {}
        codes = allowed(spec)
        given = {c.get("value"): c.get("label") for c in _list(spec.get("categories")) if isinstance(c, dict)}
        where = f'the "categories" of the field "{name}" of the resource "{resource}"'
        for code in codes:
            if not isinstance(given.get(code), str) or not given[code].strip():
                found.append((f'no words for the code "{code}" in {where}',
                              f"words for every code the {vocabulary} allow, shown on the site in place of the code",
                              f'Add {{"value": "{code}", "label": "..."}} to {where}, with the words the site '
                              "should show."))
        for code in sorted(given.keys() - set(codes), key=str):
            found.append((f'words for "{code}" in {where}, which is not in its list of allowed values ("enum")',
                          f"words only for the codes the {vocabulary} allow",
                          f'Remove "{code}" from the categories, or add it to the field\'s "enum" too.'))
    return found


def _report_part(spec: dict, column: str) -> ReportPart:
    heading = spec.get("title") or column
    return ReportPart(heading, spec.get("shortTitle") or heading, spec.get("reportedTitle") or heading)
