"""The key facts page: each fact as its source words it, with its figures as a table and, where useful, a chart."""

from __future__ import annotations

import pandas as pd

from build_charts.charts.numbers import with_unit
from build_charts.package import DataPackage
from build_charts.pages.markdown import NOT_REPORTED, esc, front_matter, html_block, table
from build_charts.pages.sources import cite, source_lookup

TOPICS = {
    "use": "Drug use",
    "treatment": "Treatment and health",
    "crime": "Crime and safety",
    "costs-and-savings": "Costs and savings",
}


def key_facts_page(package: DataPackage, figures: dict[str, list[str]]) -> str:
    """Facts grouped by topic; `figures` maps an indicator id to its charts' ready-made HTML."""
    sources = source_lookup(package["sources"])
    facts = package["key_facts"].sort_values("order")
    out = [
        front_matter("Key facts", "Key facts and figures about drug use, treatment, crime and costs."),
        "# Key facts\n",
        "The facts and figures the strategies are based on, as the documents state them. "
        "Each figure shows its area and period where the source gives them. "
        "Every chart has its own page, with its data to download: see [all charts](../charts/index.md).\n",
    ]
    for topic, heading in TOPICS.items():
        group = facts[facts["topic"] == topic]
        if group.empty:
            continue
        out.append(f"## {heading}\n")
        for fact in group.to_dict("records"):
            out.append(fact_section(package, fact, sources, figures))
    return "\n".join(out)


def fact_section(package: DataPackage, fact: dict, sources: dict, figures: dict[str, list[str]]) -> str:
    """One fact: the statement, its chart if there is one, and a table of every value behind it."""
    parts = [html_block(f'<blockquote class="fact" id="fact-{esc(fact["fact_id"])}"><p>{esc(fact["statement"])}</p></blockquote>')]
    indicator_id = fact.get("indicator_id")
    if indicator_id:
        parts.extend(figures.get(indicator_id, []))
        parts.append(values_table(package, indicator_id))
    parts.append(html_block(cite(sources[fact["source_id"]])))
    return "\n".join(parts)


def values_table(package: DataPackage, indicator_id: str) -> str:
    """Every value of one indicator: area, period, value with its unit and qualifier, and notes."""
    indicator = package["indicators"].set_index("indicator_id").loc[indicator_id]
    values = package["indicator_values"]
    values = values[values["indicator_id"] == indicator_id]
    rows = [
        [
            row["area"] or NOT_REPORTED,
            row["period"] or NOT_REPORTED,
            value_text(row, indicator["unit"]),
            row["note"] or "",
        ]
        for row in values.to_dict("records")
    ]
    return table(["Area", "Period", "Value", "Note"], rows, caption=f"{indicator['title']}: figures")


def value_text(row: dict, unit: str) -> str:
    """A value with its unit and the source's qualifier, e.g. 'around 17,000 people'."""
    text = with_unit(row["value"], unit)
    if row.get("lower") is not None and row.get("upper") is not None and not pd.isna(row["lower"]):
        text += f" (from {with_unit(row['lower'], unit)} to {with_unit(row['upper'], unit)})"
    return f"{row['qualifier']} {text}" if row.get("qualifier") else text


