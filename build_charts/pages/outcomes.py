"""The outcomes page: the six national outcomes, with the local figures and commitments that inform each.

The page stays light at any size. An indicator with many values lists those of the partnership's area and its
comparator areas, and says how many more are in the published data (as the key facts page does). Up to
OUTCOME_ENTRIES_ON_ONE_PAGE commitments are listed under their outcomes; a larger partnership's page gives each
outcome its number of commitments at each status and links to progress/by-outcome/<outcome>/, the themes working
towards it (build_charts/pages/by_outcome.py).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from build_charts import i18n
from build_charts.charts.ages import NO_PERIOD, FigureDating, ambition_rows, figure_dating
from build_charts.charts.context import indicator_values
from build_charts.charts.numbers import with_unit
from build_charts.commitments import latest_progress
from build_charts.package import DataPackage
from build_charts.pages.by_outcome import (
    outcome_commitment_ids,
    outcome_summary,
    outcome_themes,
    outcomes_list_commitments,
)
from build_charts.pages.key_facts import more_figures_note, split_values, values_file
from build_charts.pages.markdown import front_matter, html_block
from build_charts.routes import path_for, url_for
from build_charts.templating import render

HERE = path_for("outcomes")


def outcomes_page(package: DataPackage, today: date | None = None) -> str:
    """Each outcome: its figures, each with its period and document, then any national ambitions under their own
    heading, then the commitments working towards it. Old figures are labelled as old on `today`."""
    dating = figure_dating(package, today)
    out = [
        front_matter(i18n.sentence("Outcomes"), i18n.sentence("The six national drug outcomes, and the local figures "
                                                              "and commitments that inform each."),
                     sources=["indicators.csv", "indicator_values.csv", "theme_outcomes.csv", "commitments.csv"]),
        "# " + i18n.sentence_md("Outcomes") + "\n",
        i18n.sentence_md("The National Combating Drugs Outcomes Framework sets six outcomes for every local "
                         "partnership.") + " "
        + i18n.sentence_md("For each one, this page lists the figures published so far, each with the period it "
                           "describes and the document it comes from; then any national ambitions, apart from those "
                           "figures; then the commitments working towards it.") + " "
        + i18n.plural_md("Figures more than %(count)s year old are marked as old.",
                         "Figures more than %(count)s years old are marked as old.", dating.years) + "\n",
    ]
    listed = outcomes_list_commitments(package)
    for outcome, title in package.vocab.outcomes.items():
        out.append(f"## {title} {{#{outcome}}}\n")
        out.append(indicators_block(package, outcome, dating))
        out.append(commitments_block(package, outcome) if listed else commitments_summary(package, outcome))
    return "\n".join(out)


def indicators_block(package: DataPackage, outcome: str, dating: FigureDating | None = None) -> str:
    """The figures informing an outcome (or a plain 'no local data' statement), then its ambitions apart."""
    dating = dating or figure_dating(package)
    indicators = package["indicators"]
    indicators = indicators[indicators["outcome"] == outcome]
    area = package.partnership["area"]
    lists: dict[bool, list[dict]] = {False: [], True: []}  # measured figures, ambitions
    local: dict[bool, bool] = {False: False, True: False}  # whether any of each has a value for the area
    for indicator, ambition in zip(indicators.to_dict("records"), ambition_rows(indicators), strict=True):
        values = indicator_values(package, indicator["indicator_id"])
        lists[ambition].append(indicator_item(package, indicator, dating, ambition, values))
        local[ambition] = local[ambition] or bool(values["area"].eq(area).any())
    return html_block(render("outcomes/figures.html", indicators=lists[False], ambitions=lists[True], area=area,
                             has_local=local[False], national=not local[True]))


def indicator_item(package: DataPackage, indicator: dict, dating: FigureDating | None = None,
                   ambition: bool = False, values: pd.DataFrame | None = None) -> dict:
    """One indicator's title, figures (the partnership's area first), the document they come from and any
    old-figures label; with many, only its own and comparator areas' are listed, and a note (`more`) says how
    many more the published data holds and where."""
    dating = dating or figure_dating(package)
    area = package.partnership["area"]
    values = indicator_values(package, indicator["indicator_id"]) if values is None else values
    shown, hidden = split_values(values, package.partnership)
    rows = sorted(shown.to_dict("records"), key=lambda v: v["area"] != area)
    one_source = len({v["source_id"] for v in rows}) <= 1
    names = {i: s.label for i, s in dating.sources.items()}
    figures = "; ".join(figure_text(v, indicator["unit"], None if one_source else names.get(v["source_id"]),
                                    ambition) for v in rows)
    given_in = names.get(rows[0]["source_id"]) if rows and one_source else None
    label = None if ambition or shown.empty else dating.old_label(shown)
    more = None if hidden.empty else more_figures_note(hidden, bool(rows), indicator["indicator_id"],
                                                       values_file(package), HERE)
    # How a figure was given or derived ("the England and Wales rate applied to the area"), as its row notes it.
    notes = list(dict.fromkeys(str(v["note"]).strip() for v in rows if v.get("note") and str(v["note"]).strip()))
    return {"title": indicator["title"], "figures": figures, "given_in": given_in, "label": label, "more": more,
            "notes": notes}


def figure_text(value: dict, unit: str, source: str | None = None, ambition: bool = False) -> str:
    """'around 17,000 people (Southampton, 2015/16)'; a missing area says 'area not given' and a missing period
    'period not given'; `source` names the value's document where a list mixes documents; an ambition's period
    is the date it is expected by."""
    qualifier = f"{value['qualifier']} " if value.get("qualifier") else ""
    area = value["area"] or i18n.sentence("area not given")
    if ambition:
        period = (i18n.sentence("expected by %(period)s", period=value["period"]) if value["period"]
                  else i18n.sentence("no date given"))
    else:
        period = value["period"] or NO_PERIOD
    where = f"{area}, {period}" + (f", {source}" if source else "")
    return f"{qualifier}{with_unit(value['value'], unit)} ({where})"


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
    summary = outcome_summary(outcome_commitment_ids(package, outcome), len(links), latest, package.vocab)
    return html_block(render("outcomes/summary.html", summary=summary, outcome=package.vocab.outcomes[outcome].lower(),
                             href=url_for("by_outcome", HERE, outcome=outcome), bases=bases(links)))


def bases(links) -> list[str]:
    """Who linked the themes to the outcome and on what basis: each different basis once."""
    return list(links["basis"].unique())
