"""Questions about commitments that pages and charts both ask: which belong to a strategy, and the latest report."""

from __future__ import annotations

import pandas as pd

from build_charts.package import DataPackage


def strategy_commitments(package: DataPackage, strategy_id: str | None) -> pd.DataFrame:
    """The commitments of one strategy (through its themes)."""
    return commitments_of(package["themes"], package["commitments"], strategy_id)


def commitments_of(themes: pd.DataFrame, commitments: pd.DataFrame, strategy_id: str | None) -> pd.DataFrame:
    """The rows of `commitments` whose theme belongs to the strategy: for validation's text frames too."""
    theme_ids = set(themes.loc[themes["strategy_id"] == strategy_id, "theme_id"])
    return commitments[commitments["theme_id"].isin(theme_ids)]


def newest_report(progress: pd.DataFrame, commitment_ids: set[str]) -> dict | None:
    """The newest period these commitments were reported on, and the latest month (reported_on) a report of that
    period gives (None when none gives one); None when there is no report."""
    reports = progress[progress["commitment_id"].isin(commitment_ids)]
    if reports.empty:
        return None
    newest = reports[reports["period"] == reports["period"].max()]
    months = [month for month in newest["reported_on"] if month]
    return {"period": newest["period"].iloc[0], "reported_on": max(months) if months else None}


def latest_progress(progress: pd.DataFrame) -> pd.DataFrame:
    """Each commitment's most recent progress report."""
    if progress.empty:
        return progress
    return progress.sort_values("period").groupby("commitment_id", as_index=False).tail(1)
