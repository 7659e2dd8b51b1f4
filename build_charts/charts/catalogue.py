"""The chart catalogue (datasets/charts.csv): which charts the site publishes, and the chart types it knows."""

from __future__ import annotations

from dataclasses import dataclass

from build_charts.package import DataPackage


@dataclass(frozen=True)
class ChartSpec:
    """One row of the catalogue: a chart's permanent id, its type and what it draws."""

    chart_id: str
    order: int
    type: str
    title: str
    topic: str
    subtitle: str | None = None
    indicator_id: str | None = None
    area: str | None = None
    strategy_id: str | None = None
    notes: str | None = None
    replaced_by: str | None = None

    @property
    def retired(self) -> bool:
        """True when another chart replaces this one (its page then points readers there)."""
        return bool(self.replaced_by)


def chart_specs(package: DataPackage) -> list[ChartSpec]:
    """Every chart in the catalogue, in catalogue order; none when the package has no catalogue."""
    if "charts" not in package.frames:
        return []
    fields = ChartSpec.__dataclass_fields__
    rows = package["charts"].sort_values(["order", "chart_id"]).to_dict("records")
    return [ChartSpec(**{k: v for k, v in row.items() if k in fields}) for row in rows]
