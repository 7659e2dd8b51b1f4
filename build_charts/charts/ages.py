"""How old a figure is: the period it describes, the document and date it comes from, and whether it is old.

Every page that shows a figure says its period ("2015/16", or "period not given" when the source gives none) and
its source document with that document's date ("the progress report of January 2025"; "the 2017–2020 strategy"
for a strategy that prints no date). A figure older than the partnership setting "figures_old_after_years"
(5 when not set) carries a visible label such as "Figures from 2015/16".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from build_charts import i18n
from build_charts.package import DataPackage
from build_charts.periods import MONTH, Period

SETTING = "figures_old_after_years"
DEFAULT_OLD_AFTER_YEARS = 5
NO_PERIOD = "period not given"  # a chart's downloads keep these words, whatever the pages say


@dataclass(frozen=True)
class SourceAge:
    """A source document as a figure's age names it: 'the 2017–2020 strategy', and its year when known."""

    label: str
    year: int | None


@dataclass(frozen=True)
class FigureDating:
    """What a page dates its figures by: each source as figures name it, the build's today, and the years after
    which a figure is labelled as old."""

    sources: dict[str, SourceAge]
    today: date
    years: int

    def document(self, source_id: str) -> str:
        """'the 2017–2020 strategy': a source as a figure or quotation names it, with its date."""
        source = self.sources.get(source_id)
        return source.label if source else i18n.sentence("its source")

    def old_label(self, values: pd.DataFrame, has_figures: bool = True) -> str | None:
        """'Figures from 2015/16' for old figures; None for recent ones (see old_figures_label)."""
        return old_figures_label(values, self.sources, self.today, self.years, has_figures)


def figure_dating(package: DataPackage, today: date | None = None) -> FigureDating:
    """How the package's figures are dated on `today` (the build's date; the clock's when not given)."""
    return FigureDating(source_ages(package), today or date.today(), old_after_years(package.partnership))


def source_ages(package: DataPackage) -> dict[str, SourceAge]:
    """Every source, by id, as figures name it, with the year it was published (or its strategy began)."""
    strategies = {row["source_id"]: row for row in package["strategies"].to_dict("records") if row.get("source_id")}
    return {row["source_id"]: source_age(row, strategies.get(row["source_id"]))
            for row in package["sources"].to_dict("records")}


def source_age(source: dict, strategy: dict | None = None) -> SourceAge:
    """'the progress report of January 2025' from its publication date; for an undated strategy, the years it
    covers ('the 2017–2020 strategy'); otherwise its title and 'date not given'."""
    published = str(source.get("published") or "").strip()
    if re.match(r"\d{4}", published):
        return SourceAge(dated_document(source.get("kind") or "", written_date(published)), int(published[:4]))
    if strategy is not None and strategy.get("period_start"):
        start, end = str(strategy["period_start"]), str(strategy.get("period_end") or "")
        years = start if not end or end == start else f"{start}–{end}"
        return SourceAge(i18n.sentence("the %(years)s strategy", years=years),
                         int(start[:4]) if start[:4].isdigit() else None)
    return SourceAge(i18n.sentence("%(title)s (date not given)", title=source.get("title") or i18n.sentence("its source")),
                     None)


def dated_document(kind: str, when: str) -> str:
    """'the progress report of January 2025': a source of this kind (sources.csv `kind`) with its date."""
    if kind == "strategy":
        return i18n.sentence("the strategy of %(date)s", date=when)
    if kind == "progress-report":
        return i18n.sentence("the progress report of %(date)s", date=when)
    if kind == "news":
        return i18n.sentence("the news story of %(date)s", date=when)
    return i18n.sentence("the document of %(date)s", date=when)


def written_date(value: str) -> str:
    """'2024-03-04' as '4 March 2024', '2025-01' as 'January 2025', '2021' as '2021'."""
    parts = value.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        if len(parts) == 3 and parts[2].isdigit():
            try:
                return i18n.day_month_year(date(int(parts[0]), int(parts[1]), int(parts[2])))
            except ValueError:  # not a day of that month: said as the month
                pass
        return i18n.month_year(date(int(parts[0]), int(parts[1]), 1))
    return parts[0]


def period_text(period: str | None) -> str:
    """The period a figure describes, or 'period not given'."""
    return period or i18n.sentence("period not given")


def figure_when(period: str | None, source: SourceAge | None) -> str:
    """'2015/16, from the 2017–2020 strategy' or 'period not given in the 2017–2020 strategy'."""
    if source is None:
        return period_text(period)
    if period:
        return i18n.sentence("%(period)s, from %(document)s", period=period, document=source.label)
    return i18n.sentence("period not given in %(document)s", document=source.label)


def period_end_year(period: str) -> int | None:
    """The year a period ends in: 2016 for 2015/16, 2024 for 2024; None for text that is not a period."""
    found = Period.parse(period)
    return found.end_year if found and found.kind != MONTH else None


def old_after_years(partnership: dict) -> int:
    """The partnership's setting: figures older than this many years are labelled (the default when unset)."""
    value = partnership.get(SETTING, DEFAULT_OLD_AFTER_YEARS)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 50:
        return DEFAULT_OLD_AFTER_YEARS  # validation refuses such a setting before any page is made
    return value


def old_figures_label(values: pd.DataFrame, sources: dict[str, SourceAge], today: date, years: int,
                      has_figures: bool = True) -> str | None:
    """'Figures from 2015/16' when the latest period of `values` ended more than `years` years before today;
    'Figures from the 2017–2020 strategy; period not given' when no period is given and that document is that
    old; None for recent figures. With `has_figures` False (a fact without figures) it says 'More than 5 years old'."""
    periods = [p for p in values["period"] if p] if not values.empty else []
    if periods:
        latest = max(periods, key=lambda p: period_end_year(p) or 0)
        end = period_end_year(latest)
        if end is not None and today.year - end > years:
            return i18n.sentence("Figures from %(period)s", period=latest)
        return None
    ids = list(dict.fromkeys(values["source_id"])) if not values.empty else []
    dated = [sources[i] for i in ids if i in sources]
    if not dated or any(s.year is None for s in dated):
        return None
    oldest = min(dated, key=lambda s: s.year)
    if today.year - oldest.year <= years:
        return None
    if has_figures:
        return i18n.sentence("Figures from %(document)s; period not given", document=oldest.label)
    return i18n.plural("More than %(count)s year old", "More than %(count)s years old", years)


def ambition_rows(frame: pd.DataFrame) -> pd.Series:
    """True for each row marked as an ambition (what a strategy expects to achieve), False for the rest and
    for every row of a table that has no "ambition" column."""
    if "ambition" not in frame:
        return pd.Series(False, index=frame.index, dtype=bool)
    return frame["ambition"].map(lambda value: value is True).astype(bool)


def dating_sentence(rows: pd.DataFrame, sources: dict[str, SourceAge]) -> str:
    """What a chart's summary says of its figures' age: 'Figures from the 2017–2020 strategy.', or 'Period not
    given in the 2017–2020 strategy.' when no row gives its period; '' for a chart with no figures."""
    if rows.empty or "source_id" not in rows or "period" not in rows:
        return ""
    labels = [sources[i].label for i in dict.fromkeys(rows["source_id"]) if i in sources]
    and_word = i18n.sentence("and")
    documents = f" {and_word} ".join(labels) or i18n.sentence("its source")
    periods = [p for p in rows["period"] if p]
    if not periods:
        return i18n.sentence("Period not given in %(documents)s.", documents=documents)
    if len(periods) < len(rows):
        return i18n.sentence("Some periods not given; figures from %(documents)s.", documents=documents)
    return i18n.sentence("Figures from %(documents)s.", documents=documents)
