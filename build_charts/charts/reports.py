"""The progress rows progress charts count: each commitment of a strategy with its latest report, by theme."""

from __future__ import annotations

import pandas as pd

from build_charts import i18n
from build_charts.commitments import latest_progress
from build_charts.package import DataPackage


def latest_reports(package: DataPackage, strategy_id: str) -> pd.DataFrame:
    """One row per commitment of the strategy: its theme, and its latest report's fields (None if no report)."""
    themes = package["themes"]
    themes = themes[themes["strategy_id"] == strategy_id][["theme_id", "number", "title"]]
    themes = themes.rename(columns={"number": "theme_number", "title": "theme"})
    commitments = package["commitments"][["commitment_id", "theme_id"]].merge(themes, on="theme_id")
    merged = commitments.merge(latest_progress(package["progress"]), on="commitment_id", how="left")
    return merged.astype(object).where(merged.notna(), None)


def theme_label(number, title: str) -> str:
    """'Theme 2' — short enough for a phone-width axis; the table gives the full title."""
    return i18n.sentence("Theme %(number)s", number=number) if number is not None else title
