"""Questions about commitments that pages and charts both ask: which belong to a strategy, and the latest report."""

from __future__ import annotations

import pandas as pd

from build_charts.package import DataPackage


def strategy_commitments(package: DataPackage, strategy_id: str | None) -> pd.DataFrame:
    """The commitments of one strategy (through its themes)."""
    themes = package["themes"]
    theme_ids = set(themes.loc[themes["strategy_id"] == strategy_id, "theme_id"])
    commitments = package["commitments"]
    return commitments[commitments["theme_id"].isin(theme_ids)]


def latest_progress(progress: pd.DataFrame) -> pd.DataFrame:
    """Each commitment's most recent progress report."""
    if progress.empty:
        return progress
    return progress.sort_values("period").groupby("commitment_id", as_index=False).tail(1)
