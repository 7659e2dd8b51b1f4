"""The outcomes page: the six national outcomes, with the local figures and commitments that inform each.

The page stays light at any size. An indicator with many values lists those of the partnership's area and its
comparator areas, and says how many more are in the published data (as the key facts page does). Up to
OUTCOME_ENTRIES_ON_ONE_PAGE commitments are listed under their outcomes; a larger partnership's page gives each
outcome its number of commitments at each status and links to progress/by-outcome/<outcome>/, the themes working
towards it (made with the other progress pages, in build_charts/pages/progress.py).
"""

from __future__ import annotations

from build_charts.charts.context import indicator_values
from build_charts.charts.numbers import with_unit
from build_charts.commitments import latest_progress
from build_charts.package import DataPackage
from build_charts.pages.key_facts import more_figures_note, split_values, values_file
from build_charts.pages.markdown import front_matter, html_block
from build_charts.pages.progress import (
    OUTCOMES,
    outcome_commitment_ids,
    outcome_summary,
    outcome_themes,
    outcomes_list_commitments,
)
from build_charts.routes import path_for, url_for
from build_charts.templating import render

HERE = path_for("outcomes")


def outcomes_page(package: DataPackage) -> str:
    """Each outcome: local indicators with their figures, then the commitments working towards it."""
    out = [
        front_matter("Outcomes", "The six national drug outcomes, and the local figures and commitments that inform each.",
                     sources=["indicators.csv", "indicator_values.csv", "theme_outcomes.csv", "commitments.csv"]),
        "# Outcomes\n",
        "The National Combating Drugs Outcomes Framework sets six outcomes for every local partnership. "
        "For each one, this page lists the local figures published so far and the commitments working "
        "towards it.\n",
    ]
    listed = outcomes_list_commitments(package)
    for outcome, title in OUTCOMES.items():
        out.append(f"## {title} {{#{outcome}}}\n")
        out.append(indicators_block(package, outcome))
        out.append(commitments_block(package, outcome) if listed else commitments_summary(package, outcome))
    return "\n".join(out)


def indicators_block(package: DataPackage, outcome: str) -> str:
    """The indicators informing an outcome and their local values, or a plain 'no local data' statement."""
    indicators = package["indicators"]
    items = [indicator_item(package, indicator) for indicator in
             indicators[indicators["outcome"] == outcome].to_dict("records")]
    return html_block(render("outcomes/figures.html", indicators=items))


def indicator_item(package: DataPackage, indicator: dict) -> dict:
    """One indicator's title and figures, the partnership's area first; with many, only its own and comparator
    areas' are listed, and a note (`more`) says how many more the published data holds and where."""
    area = package.partnership["area"]
    values = indicator_values(package, indicator["indicator_id"])
    shown, hidden = split_values(values, package.partnership)
    rows = sorted(shown.to_dict("records"), key=lambda v: v["area"] != area)
    figures = "; ".join(figure_text(v, indicator["unit"]) for v in rows)
    if not (values["area"] == area).any():
        figures = (figures + ". " if figures else "") + f"No figure for {area} is published yet."
    more = None if hidden.empty else more_figures_note(hidden, bool(rows), indicator["indicator_id"],
                                                       values_file(package), HERE)
    return {"title": indicator["title"], "figures": figures, "more": more}


def figure_text(value: dict, unit: str) -> str:
    """'around 17,000 people (Leeds, 2015/16)'; area and period say 'not reported' when missing."""
    qualifier = f"{value['qualifier']} " if value.get("qualifier") else ""
    area = value["area"] or "area not reported"
    period = value["period"] or "period not reported"
    return f"{qualifier}{with_unit(value['value'], unit)} ({area}, {period})"


def commitments_block(package: DataPackage, outcome: str) -> str:
    """The commitments of the themes linked to an outcome, each linked to its progress entry."""
    links = outcome_themes(package, outcome)
    if links.empty:
        return html_block(render("outcomes/none.html"))
    themes = package["themes"].set_index("theme_id")
    commitments = package["commitments"]
    items = []
    for link in links.to_dict("records"):
        theme = themes.loc[link["theme_id"]]
        rows = commitments[commitments["theme_id"] == link["theme_id"]].sort_values("number")
        for c in rows.to_dict("records"):
            href = url_for("theme", HERE, anchor=c["commitment_id"], theme_id=link["theme_id"])
            items.append({"href": href, "title": c["title"], "theme": theme["title"]})
    return html_block(render("outcomes/commitments.html", commitments=items, bases=bases(links)))


def commitments_summary(package: DataPackage, outcome: str) -> str:
    """For a large partnership: how many commitments work towards an outcome, at each status, and a link to them."""
    links = outcome_themes(package, outcome)
    if links.empty:
        return html_block(render("outcomes/none.html"))
    latest = latest_progress(package["progress"]).set_index("commitment_id")
    summary = outcome_summary(outcome_commitment_ids(package, outcome), len(links), latest)
    return html_block(render("outcomes/summary.html", summary=summary, outcome=OUTCOMES[outcome].lower(),
                             href=url_for("by_outcome", HERE, outcome=outcome), bases=bases(links)))


def bases(links) -> list[str]:
    """Who linked the themes to the outcome and on what basis: each different basis once."""
    return list(links["basis"].unique())
