"""The outcomes page: the six national outcomes, with the local figures and commitments that inform each."""

from __future__ import annotations

from build_charts.charts.numbers import with_unit
from build_charts.package import DataPackage
from build_charts.pages.markdown import esc, front_matter, html_block

# The outcomes of the National Combating Drugs Outcomes Framework (England), in the framework's order.
OUTCOMES = {
    "reduce-drug-use": "Reduce drug use",
    "reduce-drug-related-crime": "Reduce drug-related crime",
    "reduce-drug-related-deaths-and-harm": "Reduce drug-related deaths and harm",
    "reduce-drug-supply": "Reduce drug supply",
    "increase-engagement-in-treatment": "Increase engagement in drug treatment",
    "improve-recovery-outcomes": "Improve drug recovery outcomes",
}


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
    for outcome, title in OUTCOMES.items():
        out.append(f"## {title} {{#{outcome}}}\n")
        out.append(indicators_block(package, outcome))
        out.append(commitments_block(package, outcome))
    return "\n".join(out)


def indicators_block(package: DataPackage, outcome: str) -> str:
    """The indicators informing an outcome and their local values, or a plain 'no local data' statement."""
    area = package.partnership["area"]
    indicators = package["indicators"]
    indicators = indicators[indicators["outcome"] == outcome]
    values = package["indicator_values"]
    items = []
    for indicator in indicators.to_dict("records"):
        rows = values[values["indicator_id"] == indicator["indicator_id"]].to_dict("records")
        rows.sort(key=lambda v: v["area"] != area)
        figures = "; ".join(figure_text(v, indicator["unit"]) for v in rows)
        if not any(v["area"] == area for v in rows):
            figures = (figures + ". " if figures else "") + f"No figure for {area} is published yet."
        items.append(f"<li><strong>{esc(indicator['title'])}</strong>: {esc(figures)}</li>")
    if not items:
        return html_block('<p class="not-reported">No local data for this outcome is published yet.</p>')
    return html_block("<p>Figures:</p>", "<ul>", *items, "</ul>")


def figure_text(value: dict, unit: str) -> str:
    """'around 17,000 people (Leeds, 2015/16)'; area and period say 'not reported' when missing."""
    qualifier = f"{value['qualifier']} " if value.get("qualifier") else ""
    area = value["area"] or "area not reported"
    period = value["period"] or "period not reported"
    return f"{qualifier}{with_unit(value['value'], unit)} ({area}, {period})"


def commitments_block(package: DataPackage, outcome: str) -> str:
    """The commitments of the themes linked to an outcome, each linked to its progress entry."""
    links = package["theme_outcomes"]
    links = links[links["outcome"] == outcome]
    if links.empty:
        return html_block('<p class="not-reported">No commitment is linked to this outcome yet.</p>')
    themes = package["themes"].set_index("theme_id")
    commitments = package["commitments"]
    items = []
    for link in links.to_dict("records"):
        theme = themes.loc[link["theme_id"]]
        rows = commitments[commitments["theme_id"] == link["theme_id"]].sort_values("number")
        for c in rows.to_dict("records"):
            href = f"../progress/{link['theme_id']}/#{c['commitment_id']}"
            items.append(f'<li><a href="{esc(href)}">{esc(c["title"])}</a> <span class="part-of">({esc(theme["title"])})</span></li>')
    basis = links["basis"].iloc[0]
    return html_block("<p>Commitments working towards it:</p>", "<ul>", *items, "</ul>",
                      f'<p class="note">{esc(basis)}</p>')
