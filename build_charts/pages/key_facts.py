"""The key facts page: each fact as its source words it, with its figures as a table and, where useful, a chart.

The page stays light at any size: each fact shows one chart (links to any others), and an indicator with many
values lists only those of the partnership's area and its comparator areas, pointing to the full data for the rest.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from markupsafe import Markup

from build_charts import i18n
from build_charts.charts.ages import (
    FigureDating,
    SourceAge,
    ambition_rows,
    figure_dating,
    figure_when,
    period_text,
    source_ages,
)
from build_charts.charts.catalogue import ChartSpec, chart_specs
from build_charts.charts.context import indicator_values, join_words
from build_charts.charts.numbers import with_unit
from build_charts.package import DataPackage
from build_charts.pages.markdown import front_matter, html_block, inline, not_reported, table
from build_charts.pages.sources import cite, source_lookup
from build_charts.routes import path_for, url_for
from build_charts.templating import render

# An indicator with this many values or fewer lists them all, whatever their area: a local site's facts often
# quote national figures, and a short table costs little.
ALL_VALUES_UP_TO = 20
VALUES_RESOURCE = "indicator_values"
HERE = path_for("key_facts")


def key_facts_page(package: DataPackage, figures: dict[str, list[str]], today: date | None = None) -> str:
    """Facts grouped by topic, then the national ambitions; `figures` maps an indicator id to its charts'
    ready-made HTML, in catalogue order. Figures older than the partnership's setting are labelled as old
    on `today` (the build's date)."""
    sources = source_lookup(package["sources"])
    ages = figure_dating(package, today)
    specs = chart_specs(package)  # read once for every fact
    facts = package["key_facts"].sort_values("order")
    ambitions = ambition_rows(facts)
    out = [
        front_matter(i18n.sentence("Key facts"),
                     i18n.sentence("Key facts and figures about drug use, treatment, crime and costs.")),
        "# " + i18n.sentence_md("Key facts") + "\n",
        key_facts_intro(ages.years),
    ]
    for topic, heading in package.vocab.fact_topics.items():
        group = facts[(facts["topic"] == topic) & ~ambitions]
        if group.empty:
            continue
        out.append(f"## {heading}\n")
        for fact in group.to_dict("records"):
            out.append(fact_section(package, fact, sources, figures, ages, specs))
    if ambitions.any():
        out.append("## " + i18n.sentence_md("National ambitions") + "\n")
        out.append(html_block(render("facts/ambitions.html", area=package.partnership.get("area"))))
        for fact in facts[ambitions].to_dict("records"):
            out.append(fact_section(package, fact, sources, figures, ages, specs))
    return "\n".join(out)


def key_facts_intro(years: int) -> str:
    """What the key facts page holds: facts as their documents state them, dated, with old figures marked."""
    charts = "[" + i18n.sentence_md("all charts") + f"]({url_for('charts', HERE, source=True)})"
    return (i18n.sentence_md("The facts and figures the strategies are based on, quoted as the documents state them, "
                             "each with the document it comes from and that document's date (for a strategy that "
                             "prints no date, the years it covers).") + " "
            + i18n.sentence_md("Each figure shows its area and the period it describes, or says \"%(no_period)s\" when "
                               "the document does not say.", no_period=inline(i18n.gettext("period not given"))) + " "
            + i18n.plural_md("Figures more than %(count)s year old are marked as old.",
                             "Figures more than %(count)s years old are marked as old.", years) + " "
            + i18n.sentence_md("Every chart has its own page, with its data to download: see %(link)s.", link=charts)
            + "\n")


def fact_section(package: DataPackage, fact: dict, sources: dict, figures: dict[str, list[str]],
                 ages: FigureDating | None = None, specs: list[ChartSpec] | None = None) -> str:
    """One fact: the statement marked as a quotation with its document and date, any old-figures label, its first
    chart, links to its other charts (`specs`: the chart catalogue, when already read), and a table of the values
    behind it."""
    ages = ages or figure_dating(package)
    indicator_id = fact.get("indicator_id")
    values = indicator_values(package, indicator_id) if indicator_id else None
    parts = [html_block(render("facts/statement.html", id=fact["fact_id"], statement=fact["statement"],
                               quoted_from=ages.document(fact["source_id"]),
                               label=None if fact.get("ambition") else fact_label(fact, values, ages)))]
    if indicator_id:
        inlined = figures.get(indicator_id, [])[:1]
        parts.extend(inlined)
        parts.append(other_charts(indicator_charts(package, indicator_id, specs)[len(inlined):]))
        parts.append(values_table(package, indicator_id, ages.sources))
    parts.append(html_block(cite(sources[fact["source_id"]])))
    return "\n".join(part for part in parts if part)


def fact_label(fact: dict, values: pd.DataFrame | None, ages: FigureDating) -> str | None:
    """The old-figures label of a fact: from its figures' periods, or, with no figures, from its document."""
    if values is not None and not values.empty:
        return ages.old_label(values, has_figures=True)
    return ages.old_label(pd.DataFrame({"period": [None], "source_id": [fact["source_id"]]}), has_figures=False)


def indicator_charts(package: DataPackage, indicator_id: str, specs: list[ChartSpec] | None = None
                     ) -> list[ChartSpec]:
    """The current charts of one indicator, in catalogue order (the order of the figures passed to the page), from
    the chart catalogue (`specs`, when already read)."""
    return [spec for spec in (specs if specs is not None else chart_specs(package))
            if spec.indicator_id == indicator_id and not spec.retired]


def other_charts(specs: list[ChartSpec]) -> str:
    """Links to charts of the fact's figures that the page does not show; nothing when there are none."""
    if not specs:
        return ""
    charts = [{"href": url_for("chart", HERE, chart_id=spec.chart_id), "title": spec.title} for spec in specs]
    return html_block(render("facts/more_charts.html", charts=charts))


def values_table(package: DataPackage, indicator_id: str, sources: dict[str, SourceAge] | None = None) -> str:
    """An indicator's values (area, period or "period not given", value with unit and qualifier, note), the
    document they come from with its date, and where to find any not listed."""
    indicator = package["indicators"].set_index("indicator_id").loc[indicator_id]
    sources = sources if sources is not None else source_ages(package)
    shown, hidden = split_values(indicator_values(package, indicator_id), package.partnership)
    one_source = shown["source_id"].nunique() <= 1
    rows = [
        [
            row["area"] or not_reported(),
            period_text(row["period"]) if one_source else period_in_source(row, sources),
            value_text(row, indicator["unit"]),
            row["note"] or "",
        ]
        for row in shown.to_dict("records")
    ]
    given_in = from_document(shown, sources) if one_source else ""
    headers = [i18n.sentence("Area"), i18n.sentence("Period"), i18n.sentence("Value"), i18n.sentence("Note")]
    if hidden.empty:
        return table(headers, rows, caption=i18n.sentence("%(indicator)s: figures%(given_in)s",
                                                          indicator=indicator["title"], given_in=given_in))
    caption = i18n.sentence("%(indicator)s: figures for %(areas)s%(given_in)s", indicator=indicator["title"],
                            areas=join_words(_own_areas(package.partnership)), given_in=given_in)
    listed = table(headers, rows, caption=caption) if rows else ""
    return listed + html_block(more_figures_note(hidden, bool(rows), indicator_id, values_file(package)))


def from_document(values: pd.DataFrame, sources: dict[str, SourceAge]) -> str:
    """', from the 2017–2020 strategy' for a caption: the document of values that all share one; '' otherwise."""
    ids = list(dict.fromkeys(values["source_id"]))
    if len(ids) == 1 and ids[0] in sources:
        return i18n.sentence(", from %(document)s", document=sources[ids[0]].label)
    return ""


def period_in_source(row: dict, sources: dict[str, SourceAge]) -> str:
    """'2015/16, from the 2017–2020 strategy': a value's period and document, when a table mixes documents."""
    source = sources.get(row["source_id"])
    return figure_when(row["period"], source)


def split_values(values: pd.DataFrame, partnership: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An indicator's values as (listed, left out): all listed when few; else those of the partnership's area,
    its comparators and no area, with the rest left out."""
    if len(values) <= ALL_VALUES_UP_TO:
        return values, values.iloc[0:0]
    wanted = set(_own_areas(partnership))
    listed = values["area"].map(lambda area: not area or area in wanted)
    return values[listed], values[~listed]


def more_figures_note(hidden: pd.DataFrame, some_listed: bool, indicator_id: str, values_file: str,
                      here: str = HERE) -> Markup:
    """How many figures the page leaves out, for how many areas, and the published file that holds them all
    (linked from the page whose folder is `here`), as one paragraph."""
    count, areas = len(hidden), hidden["area"].nunique()
    number, area_count = i18n.number(count), i18n.number(areas)
    if some_listed:
        where = i18n.plural("another area", "%(number)s other areas", areas, number=area_count)
        what = i18n.plural("%(number)s more figure for %(areas)s", "%(number)s more figures for %(areas)s", count,
                           number=number, areas=where)
    else:
        where = i18n.plural("one area", "%(number)s areas", areas, number=area_count)
        what = i18n.plural("The %(number)s figure for %(areas)s", "The %(number)s figures for %(areas)s", count,
                           number=number, areas=where)
    return render("facts/more_figures.html", what=what, count=count, file=values_file,
                  href=url_for("data", here, file=values_file), indicator_id=indicator_id)


def _own_areas(partnership: dict) -> list[str]:
    """The partnership's area, then its comparator areas, as the data package names them."""
    return [a for a in [partnership.get("area"), *partnership.get("comparator_areas", [])] if a]


def values_file(package: DataPackage) -> str:
    """The published file of indicator values, as the data package names it (the site copies it to data/)."""
    resource = next((r for r in package.descriptor.get("resources", []) if r.get("name") == VALUES_RESOURCE), {})
    return resource.get("path", f"{VALUES_RESOURCE}.csv")


def value_text(row: dict, unit: str) -> str:
    """A value with its unit and the source's qualifier, e.g. 'around 17,000 people'."""
    text = with_unit(row["value"], unit)
    if row.get("lower") is not None and row.get("upper") is not None and not pd.isna(row["lower"]):
        text += " " + i18n.sentence("(from %(lower)s to %(upper)s)", lower=with_unit(row["lower"], unit),
                                    upper=with_unit(row["upper"], unit))
    return f"{row['qualifier']} {text}" if row.get("qualifier") else text


def dated_headline_facts(package: DataPackage, today: date) -> list[dict]:
    """The facts marked as headlines, in order, each with the document it is quoted from (with its date) and any
    old-figures label, so a page that shows them (the home page) can say how old they are."""
    ages = figure_dating(package, today)
    facts = package["key_facts"]
    facts = facts[facts["headline"].map(lambda value: value is True)].sort_values("order")
    return [{"statement": fact["statement"], "quoted_from": ages.document(fact["source_id"]),
             "label": None if fact.get("ambition") else
             fact_label(fact, indicator_values(package, fact["indicator_id"]) if fact.get("indicator_id") else None, ages)}
            for fact in facts.to_dict("records")]
