"""Commitments by national outcome: up to OUTCOME_ENTRIES_ON_ONE_PAGE commitments are listed on the outcomes page;
beyond that each outcome shows its counts by status there and links to progress/by-outcome/<outcome>/, which lists
the themes working towards it."""

from __future__ import annotations

import pandas as pd

from build_charts import i18n
from build_charts.commitments import latest_progress
from build_charts.package import DataPackage
from build_charts.pages.answers import status_counts
from build_charts.pages.markdown import (
    front_matter,
    html_block,
    inline,
)
from build_charts.pages.theme_pages import strategies_in_order, theme_line
from build_charts.routes import page_file, path_for, url_for
from build_charts.templating import render
from build_charts.vocab import Vocabularies

# The folder of the pages by outcome, beside the theme pages under progress/ (a theme may not take its name).
BY_OUTCOME = "by-outcome"
OUTCOME_ENTRIES_ON_ONE_PAGE = 200


def outcome_themes(package: DataPackage, outcome: str) -> pd.DataFrame:
    """The links of themes to one national outcome (theme_outcomes.csv rows), in the data's order."""
    links = package["theme_outcomes"]
    return links[links["outcome"] == outcome]


def outcome_commitment_ids(package: DataPackage, outcome: str) -> pd.Series:
    """The commitments of the themes working towards one outcome."""
    commitments = package["commitments"]
    return commitments.loc[commitments["theme_id"].isin(outcome_themes(package, outcome)["theme_id"]), "commitment_id"]


def outcomes_list_commitments(package: DataPackage) -> bool:
    """Whether the outcomes page lists every commitment under each outcome (else progress/by-outcome/ pages do)."""
    return sum(len(outcome_commitment_ids(package, outcome)) for outcome in package.vocab.outcomes) <= OUTCOME_ENTRIES_ON_ONE_PAGE


def outcome_progress_pages(package: DataPackage) -> dict[str, str]:
    """For a partnership too large to list its commitments on the outcomes page: each outcome's themes, by status."""
    if outcomes_list_commitments(package):
        return {}
    latest = latest_progress(package["progress"]).set_index("commitment_id")
    return {page_file("by_outcome", outcome=outcome): outcome_progress_page(package, outcome, latest)
            for outcome in package.vocab.outcomes if not outcome_themes(package, outcome).empty}


def outcome_progress_page(package: DataPackage, outcome: str, latest: pd.DataFrame) -> str:
    """The themes working towards one outcome, by strategy, each with how many commitments it has at each status."""
    title = i18n.sentence("Progress towards: %(outcome)s", outcome=package.vocab.outcomes[outcome])
    here = path_for("by_outcome", outcome=outcome)
    links = outcome_themes(package, outcome)
    ids = outcome_commitment_ids(package, outcome)
    commitments = package["commitments"]
    out = [
        # Out of search: each theme and commitment is on its own page, which search finds.
        front_matter(title, i18n.sentence("The themes whose commitments work towards the national outcome: "
                                          "%(outcome)s.", outcome=package.vocab.outcomes[outcome]),
                     sources=["theme_outcomes.csv", "themes.csv", "commitments.csv", "progress.csv"],
                     searchable=False),
        f"# {inline(title)}\n",
        inline(outcome_summary(ids, len(links), latest, package.vocab)) + " "
        + i18n.sentence_md("Choose a theme to read its commitments and their latest reports.") + " "
        + i18n.sentence_md("See %(link)s.", link="[" + i18n.sentence_md("all six outcomes") + "]"
                           f"({url_for('outcomes', here, source=True, anchor=outcome)})") + "\n",
    ]
    for strategy in strategies_in_order(package):
        themes = package["themes"]
        themes = themes[(themes["strategy_id"] == strategy["strategy_id"]) & themes["theme_id"].isin(links["theme_id"])]
        if themes.empty:
            continue
        out.append(f"## {inline(strategy['title'])}\n")
        for theme in themes.sort_values("number").to_dict("records"):
            theme_ids = commitments.loc[commitments["theme_id"] == theme["theme_id"], "commitment_id"]
            out.append(theme_line(theme, theme_ids, latest, here=here, vocab=package.vocab))
        out.append("")
    out.append(html_block(*[render("paragraph.html", css="note", text=basis) for basis in links["basis"].unique()]))
    return "\n".join(out)


def outcome_summary(commitment_ids: pd.Series, themes: int, latest: pd.DataFrame, vocab: Vocabularies) -> str:
    """'120 commitments in 9 themes work towards this outcome: 30 complete, 80 on track, 10 with no progress report.'"""
    themes_words = i18n.plural("%(number)s theme", "%(number)s themes", themes, number=i18n.number(themes))
    return i18n.plural("%(number)s commitment in %(themes)s works towards this outcome: %(counts)s.",
                       "%(number)s commitments in %(themes)s work towards this outcome: %(counts)s.",
                       len(commitment_ids), number=i18n.number(len(commitment_ids)), themes=themes_words,
                       counts=status_counts(commitment_ids, latest, vocab))
