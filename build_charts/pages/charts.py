"""Chart pages: an index of every chart, a permalink page per chart (and per reporting period), and a
minimal embed page, with each chart's files (CSV, SVG, PNG, Vega-Lite spec) beside its page.

Addresses are permanent: charts/<chart_id>/, charts/<chart_id>/embed/ and charts/<chart_id>/<period>/. The CSV
is named after the chart (<chart_id>.csv, or <chart_id>-<period>.csv for an as-at version) and also written as
data.csv, its first published name. A chart whose figures have no period gets one dated version instead,
charts/<chart_id>/<YYYY-MM-DD>/, keyed by the day its figures took their values (its source's date or its
latest correction's). A page's citation gives the address that keeps its figures (the as-at or dated version,
where there is one) and leaves the date it was read to the reader (the copy script fills in their day). Each page lists
the corrections made to its chart's figures (corrections.csv), newest first: a corrected figure changes every
version of the chart that shows it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from functools import partial

import pandas as pd
from markupsafe import Markup

from build_charts import i18n
from build_charts.charts import theme
from build_charts.charts.ages import FigureDating, figure_dating
from build_charts.charts.figures import BuiltChart, version_label
from build_charts.charts.render import accessible_svg
from build_charts.package import DataPackage
from build_charts.pages.chart_index import chart_index_pages
from build_charts.pages.kept import KeptPages, no_kept_pages
from build_charts.pages.markdown import front_matter, html_block, inline, long_date, table
from build_charts.pages.sources import cite, source_context, source_lookup
from build_charts.report_route import ReportRoute
from build_charts.routes import absolute_url, path_for, period_slug, relative, url_for
from build_charts.templating import render, safe

FILES = {
    "chart.svg": i18n.N_("Chart (SVG)"),
    "chart.png": i18n.N_("Image (PNG)"),
    "chart.vl.json": i18n.N_("Vega-Lite spec (JSON)"),
}
# The CSV's first address, kept as a copy of the named file: published links to it must keep working.
OLD_CSV_NAME = "data.csv"
# Adds a copy button to the citation and the embed code (the text stays selectable without it).
COPY_SCRIPT = "assets/copy-text.js"
EMBED_HEIGHT = 520


@dataclass(frozen=True)
class SiteInfo:
    """What the pages say about the site: its name, address (if published), the partnership, and where "Report a
    problem" leads (decided once, in the build's settings)."""

    name: str
    url: str | None
    partnership: str
    report_route: ReportRoute = ReportRoute("none")


def chart_folder(chart: BuiltChart) -> str:
    """The chart's folder under the site root, e.g. 'charts/drug-offences-rate/2024/'."""
    if chart.period:
        return path_for("chart_as_at", chart_id=chart.spec.chart_id, period=period_slug(chart.period))
    return path_for("chart", chart_id=chart.spec.chart_id)


def figure_html(chart: BuiltChart, link: str | None = None) -> str:
    """The chart as inline SVG with its summary as caption and its data table; `link` to its own page."""
    figure = render("chart/figure.html", id=chart.html_id, box=chart_views(chart), summary=chart.summary)
    more = html_block(render("chart/own_page_link.html", href=link, title=chart.spec.title)) if link else ""
    return html_block(figure) + "\n" + data_table(chart) + more


def chart_views(chart: BuiltChart) -> Markup:
    """The chart drawn twice, for a phone and for a wider screen, as inline SVGs; the stylesheet shows one.

    The phone layout fits a 288 px column. The wide one is shown from the smallest screen whose text column it
    fits (`wide_from`), so no chart is ever shrunk past readability or scrolled; the other is hidden from
    everyone (display: none), assistive technology included. Without the stylesheet both are shown.
    """
    wide = scroll_box(accessible_svg(chart.svg, chart.html_id, chart.spec.title, chart.summary),
                      chart_region_name(chart))
    if not chart.narrow_svg:
        return wide
    phone = accessible_svg(chart.narrow_svg, f"{chart.html_id}-phone", chart.spec.title, chart.summary)
    return render("chart/views.html", wide_from=wide_from(drawn_width(chart.svg)), phone=phone, wide=wide)


# The narrowest text column of a page on screens at least this wide (in em of 16 px): the site's stylesheet
# shows a chart's wide layout from the first of these whose column it fits (site.css, embed.css).
WIDE_COLUMNS = ((30, 448), (48, 670))


def wide_from(width: float) -> str:
    """The class that shows a chart drawn `width` px wide from the smallest screen it fits ('' for never)."""
    return next((f"wide-from-{screen}" for screen, column in WIDE_COLUMNS if width <= column), "")


def chart_region_name(chart: BuiltChart) -> str:
    """The name of the scrolling region that holds a chart: 'Drug offences: chart'."""
    return i18n.sentence("%(title)s: chart", title=chart.spec.title)


def scroll_box(svg: Markup, name: str) -> Markup:
    """The chart's SVG in a box that scrolls sideways when the chart cannot shrink to fit a phone readably.

    Shrunk to fit a 320 px phone, a wide chart's 13 px text would be about 8 px. A chart may shrink only as
    far as its text stays at least 11 px; wider than that, it keeps its drawn size and scrolls. The box is a
    named region the keyboard can reach, as a scrolling area must be.
    """
    width = drawn_width(svg)
    fits = next((f" fits-{screen}" for screen, column in PHONE_COLUMNS if shrinks_to_fit(width, column)), "")
    return render("chart/scroll_box.html", fits=fits, name=name, svg=svg, hint=scroll_hint(width))


# Phone screens, in CSS px, and the width of a page's text column on each (the screen less its margins).
PHONE_COLUMNS = ((320, 288), (375, 343))
# The smallest a chart's text may be on screen, in CSS px.
SMALLEST_SHOWN_TEXT = 11


def shrinks_to_fit(width: float, column: float) -> bool:
    """True when a chart drawn `width` px wide fits `column` px with its smallest text still readable."""
    return width * SMALLEST_SHOWN_TEXT / theme.SMALLEST_TEXT <= column


def drawn_width(svg: str) -> float:
    """The width an SVG was drawn at, from its width attribute (0 when it has none)."""
    found = re.search(r'<svg\b[^>]*?\swidth="([\d.]+)', svg)
    return float(found.group(1)) if found else 0.0


def scroll_hint(width: float) -> str:
    """A line under a chart too wide to fit a phone readably, telling the reader it scrolls sideways.

    The stylesheet shows it only where the chart scrolls: 'phone-320' ones on screens narrower than 375 px,
    'phone' ones on any phone.
    """
    (_, narrowest), (_, wider) = PHONE_COLUMNS
    if shrinks_to_fit(width, narrowest):
        return ""
    return render("chart/scroll_hint.html", size="phone-320" if shrinks_to_fit(width, wider) else "phone")


def data_table(chart: BuiltChart) -> str:
    """The chart's data as an accessible HTML table."""
    return table(chart.table.headers, chart.table.rows,
                 caption=i18n.sentence("%(title)s: data for the chart", title=chart.spec.title),
                 numeric=chart.table.numeric)


def csv_name(chart: BuiltChart) -> str:
    """The CSV download's file name, after the chart (and its period): 'drug-offences-rate.csv',
    'commitments-by-status-2024.csv', so a downloaded file says what it holds."""
    suffix = f"-{period_slug(chart.period)}" if chart.period else ""
    return f"{chart.spec.chart_id}{suffix}.csv"


def chart_files(chart: BuiltChart) -> dict[str, bytes]:
    """The downloads that sit beside a chart's page, keyed by path under the site root."""
    folder = chart_folder(chart)
    return {
        folder + csv_name(chart): chart.data_csv,
        folder + OLD_CSV_NAME: chart.data_csv,
        folder + "chart.svg": chart.svg.encode("utf-8"),
        folder + "chart.png": chart.png,
        folder + "chart.vl.json": json.dumps(chart.vega_lite, indent=2, ensure_ascii=False).encode("utf-8"),
    }


def chart_pages(package: DataPackage, charts: list[BuiltChart], site: SiteInfo, today: date,
                kept: KeptPages | None = None) -> tuple[dict[str, str], dict[str, bytes]]:
    """Every chart page (Markdown, or HTML for embed pages) and every chart file, keyed by path; `today` decides
    which figures are labelled as old. A version's own page and embed page are made from the version and the site
    alone: those `kept` from the last build are taken as they are."""
    kept = kept or no_kept_pages()
    sources = source_lookup(package["sources"])
    current = [c for c in charts if c.period is None]
    pages = chart_index_pages(current, package.vocab.topics)
    files: dict[str, bytes] = {}
    titles = {c.spec.chart_id: c.spec.title for c in current}
    dating = figure_dating(package, today)
    corrected = corrections_by_chart(package, sources)
    for chart in charts:
        folder = chart_folder(chart)
        old, corrections = old_label(chart, dating), corrected.get(chart.spec.chart_id, [])
        made_from = [version_inputs(chart), asdict(site), today.isoformat(), old, corrections]
        pages[folder + "index.md"] = kept.page("chart", made_from, partial(
            permalink_page, chart, sources, site, titles, today, old, corrections))
        files.update(chart_files(chart))
        files[embed_folder(chart)] = kept.page("embed", made_from, partial(embed_page, chart, site)).encode("utf-8")
    return pages, files


def version_inputs(chart: BuiltChart) -> dict:
    """All a chart version's pages are made from, as plain data: its drawings by their keys (a key names everything
    its drawing is made from) and its download by its hash."""
    return {
        "spec": asdict(chart.spec), "period": chart.period, "summary": chart.summary,
        "table": [chart.table.headers, chart.table.rows, sorted(chart.table.numeric)],
        "download": hashlib.sha256(chart.data_csv).hexdigest(), "source_ids": chart.source_ids,
        "periods": chart.periods, "drawing_key": chart.drawing_key, "narrow_key": chart.narrow_key,
        "figure_ages": chart.figure_ages,
    }


def corrections_by_chart(package: DataPackage, sources: dict) -> dict[str, list[dict]]:
    """Each chart's corrections (corrections.csv), newest first: the day, what changed and the source's details.

    A package from before corrections were recorded has no such file, and so no corrections.
    """
    frame = package.frames.get("corrections")
    rows = [] if frame is None else frame.to_dict("records")
    by_chart: dict[str, list[dict]] = {}
    for row in sorted(rows, key=lambda r: r["corrected"], reverse=True):
        source = sources.get(row["source_id"])
        by_chart.setdefault(row["chart_id"], []).append({
            "iso": row["corrected"].isoformat(), "day": long_date(row["corrected"]),
            "what_changed": row["what_changed"], "source": source_context(source) if source else None,
        })
    return by_chart


def old_label(chart: BuiltChart, dating: FigureDating) -> str | None:
    """'Figures from 2015/16' when the chart's figures are older than the data package's threshold; else None."""
    if not chart.figure_ages:
        return None
    return dating.old_label(pd.DataFrame(chart.figure_ages, columns=["period", "source_id"]))


def permalink_page(chart: BuiltChart, sources: dict, site: SiteInfo, titles: dict[str, str], today: date,
                   old: str | None = None, corrections: list[dict] = ()) -> str:
    """A chart's own page: any old-figures label, chart, summary, table, source, corrections, downloads, link,
    embed code, citation, versions."""
    spec = chart.spec
    title = spec.title if chart.period is None else i18n.sentence("%(title)s, as at %(period)s", title=spec.title,
                                                                    period=version_label(chart.period))
    here = chart_folder(chart)
    out = [
        # An as-at version stays out of search: the chart's own page is the one to find.
        front_matter(title, chart.summary,
                     sources=["charts.csv", *_data_files(chart), *(["corrections.csv"] if corrections else [])],
                     preview_image=chart_folder(chart) + "chart.png", preview_alt=chart.summary,
                     searchable=chart.period is None),
        f"# {inline(title)}\n",
    ]
    if spec.retired:
        successor = titles.get(spec.replaced_by, spec.replaced_by)
        out.append(html_block(render("chart/replaced.html", successor=successor,
                                     href=url_for("chart", here, chart_id=spec.replaced_by))))
    if chart.period:
        out.append(html_block(render("chart/as_at.html", period=version_label(chart.period),
                                     latest=url_for("chart", here, chart_id=spec.chart_id))))
    if old:
        out.append(html_block(render("chart/old_figures.html", label=old)))
    if spec.subtitle:
        out.append(html_block(render("paragraph.html", css="chart-subtitle", text=spec.subtitle)))
    out.append(figure_html(chart))
    if spec.notes:
        out.append(html_block(render("chart/notes.html", notes=spec.notes)))
    out += [_heading(i18n.sentence_md("Source")),
            html_block(*(cite(sources[s]) for s in chart.source_ids if s in sources))]
    out += [_heading(i18n.sentence_md("Corrections")),
            html_block(render("chart/corrections.html", corrections=corrections))]
    out += [_heading(i18n.sentence_md("Download")), downloads(csv_name(chart))]
    out += [_heading(i18n.sentence_md("Link to this chart")), link_promise(chart, site)]
    out += [_heading(i18n.sentence_md("Embed this chart")), embed_snippet(chart, site)]
    out += [_heading(i18n.sentence_md("Cite this chart")),
            html_block(render("chart/citation.html", **citation(chart, sources, site)))]
    out += [_heading(i18n.sentence_md("Versions")), versions(chart)]
    out.append(html_block(render("chart/copy_script.html", src=url_for("home", here, file=COPY_SCRIPT))))
    return "\n".join(out)


def _heading(words: str) -> str:
    """A second-level heading of a chart's page (`words` ready for Markdown)."""
    return f"## {words}\n"


def downloads(csv: str) -> str:
    """Links to the four files beside the page: the chart's CSV, named `csv`, then its drawings and spec."""
    files = {csv: i18n.sentence("Data (CSV)"), **{name: i18n.gettext(label) for name, label in FILES.items()}}
    return html_block(render("chart/downloads.html", files=files))


def embed_folder(chart: BuiltChart) -> str:
    """The chart-only page of a chart version, from the site root: charts/<id>/embed/ or charts/<id>/<period>/embed/."""
    if chart.period:
        return path_for("chart_as_at_embed", chart_id=chart.spec.chart_id,
                        period=period_slug(chart.period)) + "index.html"
    return path_for("chart_embed", chart_id=chart.spec.chart_id) + "index.html"


def embed_snippet(chart: BuiltChart, site: SiteInfo) -> str:
    """HTML to copy into another site, an iframe of a chart-only page: of the version this page shows (its own,
    or for the latest page the version of the figures shown now), which never changes, and of the latest figures."""
    period = cited_period(chart)
    codes = []
    if period:
        src = absolute_url("chart_as_at_embed", site.url, chart_id=chart.spec.chart_id, period=period_slug(period))
        title = i18n.sentence("%(title)s, as at %(period)s", title=chart.spec.title, period=version_label(period))
        codes.append({"kind": "version", "period": version_label(period),
                      "code": str(render("chart/iframe.html", src=src, title=title, height=EMBED_HEIGHT))})
    src = absolute_url("chart_embed", site.url, chart_id=chart.spec.chart_id)
    codes.append({"kind": "latest", "code": str(render("chart/iframe.html", src=src, title=chart.spec.title,
                                                       height=EMBED_HEIGHT))})
    return html_block(render("chart/embed_code.html", codes=codes))


def link_promise(chart: BuiltChart, site: SiteInfo) -> str:
    """What the chart's address promises: the figures as at one period; the latest figures, with the address
    that keeps the figures shown now; or, for figures with no period, the chart's current figures with every
    correction listed on the page."""
    period = cited_period(chart)
    kind = "as-at" if chart.period else ("latest" if period else "no-periods")
    fixed_href = None
    if kind == "latest":
        fixed_href = url_for("chart_as_at", chart_folder(chart), chart_id=chart.spec.chart_id,
                             period=period_slug(period))
    dated = bool(period and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", period))
    return html_block(render("chart/address.html", kind=kind, address=_address(site, chart), dated=dated,
                             period=version_label(period) if period else None,
                             fixed=cited_address(chart, site), fixed_href=fixed_href))


def cited_period(chart: BuiltChart) -> str | None:
    """The period a citation of this page names: its own, else the latest period with an as-at version."""
    return chart.period or (chart.periods[-1] if chart.periods else None)


def cited_address(chart: BuiltChart, site: SiteInfo) -> str:
    """The address a citation gives: the as-at version of the cited period, which later periods do not
    change, when there is one; else the chart's own address."""
    period = cited_period(chart)
    if period is None:
        return _address(site, chart)
    return absolute_url("chart_as_at", site.url, chart_id=chart.spec.chart_id, period=period_slug(period))


def citation(chart: BuiltChart, sources: dict, site: SiteInfo) -> dict[str, str]:
    """A suggested citation, in three parts for its template: the partnership once, the chart's title and the
    address that keeps these figures (`cited`); the date it was read (`accessed`); the title of each source
    document (`data_from`).

    The latest page of a chart with as-at versions cites the version of its latest period, which shows the same
    figures and which later periods do not change. The date read is the reader's own, never the day the site was
    built: the page says "Accessed [date you read it]." and the copy script, where JavaScript runs, puts in the
    reader's date from `accessed_pattern` ("{date}" stands for it).
    """
    period = cited_period(chart)
    title = (i18n.sentence("%(title)s, as at %(period)s", title=chart.spec.title, period=version_label(period))
             if period else chart.spec.title)
    site_name = f" {site.name}." if site.name != site.partnership else ""
    documents = "; ".join(_source_words(sources[s], site.partnership) for s in chart.source_ids if s in sources)
    data_from = " " + i18n.sentence("Data from: %(documents)s.", documents=documents) if documents else ""
    chart_words = i18n.sentence("%(title)s [chart].", title=title)
    return {"cited": f"{site.partnership}. {chart_words}{site_name} {cited_address(chart, site)}.",
            "accessed": i18n.sentence("Accessed %(date)s.", date=i18n.sentence("[date you read it]")),
            "accessed_pattern": i18n.sentence("Accessed %(date)s.", date="{date}"), "data_from": data_from}


def versions(chart: BuiltChart) -> str:
    """Links to the latest chart and to its as-at version for each reporting period."""
    here = chart_folder(chart)
    versions = [{"period": version_label(period), "current": period == chart.period,
                 "href": url_for("chart_as_at", here, chart_id=chart.spec.chart_id, period=period_slug(period))}
                for period in chart.periods]
    latest = url_for("chart", here, chart_id=chart.spec.chart_id) if chart.period else None
    return html_block(render("chart/versions.html", versions=versions, latest=latest))


def embed_page(chart: BuiltChart, site: SiteInfo) -> str:
    """A chart-only HTML page for an iframe: the chart, its summary and its data, nothing from other hosts."""
    here = embed_folder(chart).removesuffix("index.html")
    title = chart.spec.title if chart.period is None else i18n.sentence(
        "%(title)s, as at %(period)s", title=chart.spec.title, period=version_label(chart.period))
    return render(
        "chart/embed.html", language=i18n.language(), title=title, site_name=site.name, id=chart.html_id,
        summary=chart.summary,
        stylesheet=url_for("home", here, file="assets/embed.css"), box=chart_views(chart),
        page_url=absolute_url("home", site.url, file=here),
        preview=absolute_url("home", site.url, file=chart_folder(chart) + "chart.png"),
        icon=url_for("home", here, file="assets/images/favicon.png"),
        table=safe(data_table(chart).rstrip("\n")), chart_page=relative(here, chart_folder(chart)),
    ) + "\n"


def _address(site: SiteInfo, chart: BuiltChart) -> str:
    if chart.period:
        return absolute_url("chart_as_at", site.url, chart_id=chart.spec.chart_id, period=period_slug(chart.period))
    return absolute_url("chart", site.url, chart_id=chart.spec.chart_id)


def _data_files(chart: BuiltChart) -> list[str]:
    return ["indicator_values.csv"] if chart.spec.indicator_id else ["progress.csv"]


def _source_words(source: dict, partnership: str) -> str:
    """A source's title, its publisher unless that is the partnership (named once already), and its date."""
    parts = [source["title"]]
    if source.get("publisher") and source["publisher"] != partnership:
        parts.append(source["publisher"])
    if source.get("published"):
        parts.append(long_date(source["published"]))
    return ", ".join(parts)
