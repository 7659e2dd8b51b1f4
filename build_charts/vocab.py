"""The site's vocabularies: each code the data package allows, with the words the site shows for it, defined once.

The codes are the `enum` constraints of datapackage.json (a test keeps them equal); charts, pages and validation
read the words from here, so a label is changed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a page or chart shows where the data gives no value.
NOT_REPORTED = "Not reported"
# Help contacts not checked for this many days are flagged on the help page and by validation.
HELP_MAX_AGE_DAYS = 365


@dataclass(frozen=True)
class Status:
    """A progress status: its words, a symbol (so status is never told by colour alone) and what it means."""

    label: str
    symbol: str
    explanation: str


# progress.csv status, in the order the site lists them.
STATUSES = {
    "complete": Status("Complete", "✔", "The work is finished."),
    "on-track": Status("On track", "▶", "The work is going to plan."),
    "with-challenges": Status("Under way, with challenges", "▲", "The work is going on but has problems to solve."),
    "not-started": Status("Not started", "○", "Work has not begun yet."),
    "not-applicable": Status("Not applicable", "–", "The commitment does not apply in this area."),
    "not-assessed": Status("Not assessed", "?",
                           "The report describes the work but gives no rating, so this site does not show one."),
}

# theme_outcomes.csv and indicators.csv outcome: the national outcomes.
OUTCOMES = {
    "reduce-drug-use": "Reduce drug use",
    "reduce-drug-related-crime": "Reduce drug-related crime",
    "reduce-drug-related-deaths-and-harm": "Reduce drug-related deaths and harm",
    "reduce-drug-supply": "Reduce drug supply",
    "increase-engagement-in-treatment": "Increase engagement in drug treatment",
    "improve-recovery-outcomes": "Improve drug recovery outcomes",
}

# charts.csv topic; indicators.csv and key_facts.csv use all but "progress".
TOPICS = {
    "progress": "Progress",
    "use": "Drug use",
    "treatment": "Treatment and health",
    "crime": "Crime and safety",
    "costs-and-savings": "Costs and savings",
}
FACT_TOPICS = {code: label for code, label in TOPICS.items() if code != "progress"}

# help_services.csv category: each group of the help page, in page order, with its heading.
HELP_CATEGORIES = {
    "emergency": "Urgent help",
    "local": "Local services",
    "family": "Help for families and friends",
    "young-people": "Help for young people",
    "national": "National helplines",
}


@dataclass(frozen=True)
class ReportPart:
    """One of the three parts of a progress report, named as a heading, as a chart band and as a count."""

    heading: str
    short: str
    reported: str


# progress.csv text columns.
REPORT_PARTS = {
    "achievements": ReportPart("What was achieved", "Progress", "Progress reported"),
    "gaps_challenges": ReportPart("Gaps and challenges", "Gaps and challenges", "Gaps and challenges reported"),
    "next_actions": ReportPart("Next actions", "Next actions", "Next actions reported"),
}
