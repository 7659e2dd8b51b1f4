"""What a chart's CSV download holds: its rows, with the unit, period, area and source's title spelt out.

A CSV is read away from the site, often in a spreadsheet, so each row says what its number counts, when and
where it was measured and which document it comes from, in words rather than codes. A cell the source leaves
empty says so ("period not given") instead of being blank.
"""

from __future__ import annotations

import pandas as pd

from build_charts.charts.catalogue import ChartSpec
from build_charts.charts.context import ChartContext
from build_charts.charts.reports import latest_reports
from build_charts.package import DataPackage

NO_PERIOD = "period not given"
NO_AREA = "area not given"
NO_REPORT = "no report"
PROGRESS_UNIT = "commitments"


def download_rows(package: DataPackage, spec: ChartSpec, context: ChartContext, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows a chart's CSV download holds: the drawn rows with unit, period, area and source title added."""
    titles = source_titles(package)
    if spec.indicator_id:
        return indicator_download(rows, context, titles)
    return progress_download(package, spec, context, rows, titles)


def source_titles(package: DataPackage) -> dict[str, str]:
    """Each source document's title by its id."""
    sources = package["sources"]
    return {str(i): str(t) for i, t in zip(sources["source_id"], sources["title"], strict=True) if pd.notna(t)}


def indicator_download(rows: pd.DataFrame, context: ChartContext, titles: dict[str, str]) -> pd.DataFrame:
    """An indicator chart's values with the indicator's title and unit, and each source's title beside its id."""
    out = rows.copy()
    if "area" in out:
        out["area"] = out["area"].map(lambda area: _given(area, NO_AREA))
    if "period" in out:
        out["period"] = out["period"].map(lambda period: _given(period, NO_PERIOD))
    indicator = (context.indicator or {}).get("title") or ""
    out.insert(_after(out, "indicator_id"), "indicator", indicator)
    out.insert(_after(out, "value"), "unit", context.unit)
    out.insert(_after(out, "source_id"), "source_title",
               [titles.get(str(s), "") if _present(s) else "" for s in out.get("source_id", [])])
    return out


def progress_download(package: DataPackage, spec: ChartSpec, context: ChartContext, rows: pd.DataFrame,
                      titles: dict[str, str]) -> pd.DataFrame:
    """A progress chart's counts per theme with the area, the periods and sources of the reports counted, and
    the unit (commitments)."""
    reports = latest_reports(package, spec.strategy_id)
    periods = _per_theme(reports, "period", lambda p: p, NO_REPORT)
    sources = _per_theme(reports, "source_id", lambda s: titles.get(str(s), str(s)), "")
    out = rows.copy()
    at = _after(out, "theme")
    out.insert(at, "area", _given(context.local_area, NO_AREA))
    out.insert(at + 1, "period", out["theme_number"].map(lambda n: periods.get(n, NO_REPORT)))
    out["unit"] = PROGRESS_UNIT
    out["source_title"] = out["theme_number"].map(lambda n: sources.get(n, ""))
    return out


def _per_theme(reports: pd.DataFrame, column: str, words, empty: str) -> dict:
    """For each theme number, the distinct values of a column of its latest reports in words, joined by '; '."""
    found: dict = {}
    for number, value in zip(reports["theme_number"], reports[column], strict=True):
        found.setdefault(number, [])
        if _present(value) and words(value) not in found[number]:
            found[number].append(words(value))
    return {number: "; ".join(sorted(values)) or empty for number, values in found.items()}


def _after(frame: pd.DataFrame, column: str) -> int:
    """The position just after a column, or the end when the frame has no such column."""
    return frame.columns.get_loc(column) + 1 if column in frame.columns else len(frame.columns)


def _present(value) -> bool:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return False
    return str(value).strip() != ""


def _given(value, missing: str) -> str:
    return str(value) if _present(value) else missing
