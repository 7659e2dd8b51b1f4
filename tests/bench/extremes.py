"""The hardest charts of a benchmark package to fit on a phone, and the package cut down to them.

`with_extremes` gives the synthetic package the longest names and the largest, smallest and negative numbers a
partnership publishes; `extreme_charts` picks, per chart type, the chart with the most rows, the widest names,
the longest title and the largest, smallest and lowest numbers; `only_charts` keeps those charts and what they draw from,
so a site of them builds in seconds while each chart draws exactly what it draws in the whole package.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

from build_charts.charts import narrow
from build_charts.charts.catalogue import chart_specs
from build_charts.charts.figures import CHART_TYPES, chart_versions
from build_charts.package import load_package

# Long English place names of the kind a partnership compares itself with (comparator areas of the package).
LONG_AREAS = {"Area 001": "Bournemouth, Christchurch and Poole", "Area 002": "North East Lincolnshire and Rutland"}
LONG_THEME = ("Reducing the harm drugs and alcohol do to families, young people and communities across the whole "
              "of the partnership's area")
LONG_UNIT = "per 100,000 people aged 15 to 64 in contact with services"
LONG_TITLE = ("Hospital admissions for poisoning by drug misuse among people aged 15 to 64, per 100,000 "
              "(directly age-standardised)")
# How some indicators' synthetic values (1 to 10) are changed, by indicator: into millions, into thousandths,
# into changes either side of zero.
NUMBERS: dict[str, Callable[[float], float]] = {
    "i-03": lambda v: round(v * 1_234_567, 1),
    "i-04": lambda v: round(v / 1_000, 4),
    "i-05": lambda v: round((v - 5.5) * 20, 1),
}


def _rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _edit(datasets: Path, name: str, change: Callable[[dict], dict | None]) -> None:
    """Rewrite one CSV file row by row; a row `change` returns None for is left out."""
    fields, rows = _rows(datasets / name)
    _write(datasets / name, fields, [r for r in map(change, rows) if r is not None])


def with_extremes(datasets: Path) -> None:
    """Long comparator names, a long theme title, unit and chart title, and numbers in millions, thousandths and
    either side of zero, in a package written by tests/bench/synthetic.py."""
    descriptor_path = datasets / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    partnership = descriptor["partnership"]
    partnership["comparator_areas"] = [LONG_AREAS.get(a, a) for a in partnership["comparator_areas"]]
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")

    def value(row: dict) -> dict:
        row["area"] = LONG_AREAS.get(row["area"], row["area"])
        if row["indicator_id"] in NUMBERS:
            row["value"] = str(NUMBERS[row["indicator_id"]](float(row["value"])))
        return row

    _edit(datasets, "indicator_values.csv", value)
    _edit(datasets, "indicators.csv", lambda r: {**r, "unit": LONG_UNIT} if r["indicator_id"] == "i-06" else r)
    _edit(datasets, "themes.csv", lambda r: {**r, "title": LONG_THEME} if r["theme_id"] == "t-010" else r)
    _edit(datasets, "charts.csv", lambda r: {**r, "title": LONG_TITLE} if r["order"] == "22" else r)


def _number(text: str) -> float | None:
    found = re.search(r"-?[\d,]*\.?\d+", text)
    return float(found.group().replace(",", "")) if found else None


def extreme_charts(datasets: Path) -> dict[str, list[str]]:
    """Per chart type, the ids of the charts with the most rows, the widest text (a name, a unit), the longest
    title, the largest and the smallest number and the lowest value, as their data tables give them; each chart
    once. Charts that draw the same rows are measured once, by their first."""
    package = load_package(datasets)
    shared: dict = {}
    measured: dict[str, list[dict]] = {}
    drawn: dict[tuple, dict] = {}
    for spec in chart_specs(package):
        source = (spec.type, spec.indicator_id, spec.strategy_id, spec.area)
        if source not in drawn:
            version = chart_versions(package, spec, shared)[0]
            table = CHART_TYPES[spec.type].table(version.rows, spec, version.context)
            numbers = [n for row in table.rows for i, cell in enumerate(row) if i in table.numeric
                       for n in [_number(cell)] if n is not None] or [0.0]
            drawn[source] = {"rows": len(table.rows),
                             "text": max(narrow.text_width(t) for t in [*table.headers, *sum(table.rows, [])]),
                             "largest": max(map(abs, numbers)), "smallest": -min([abs(n) for n in numbers if n] or [0]),
                             "lowest": -min(numbers)}
        measured.setdefault(spec.type, []).append({"id": spec.chart_id, "title": len(spec.title), **drawn[source]})
    return {kind: list(dict.fromkeys(max(charts, key=lambda c: c[what])["id"]
                                     for what in ("rows", "text", "title", "largest", "smallest", "lowest")))
            for kind, charts in measured.items()}


def only_charts(datasets: Path, chart_ids: set[str]) -> None:
    """Keep only these charts in the catalogue, and only the indicators, strategies and their rows they draw from
    (and the current strategy), so a site of them builds quickly; the key facts of dropped indicators go too."""
    _edit(datasets, "charts.csv", lambda r: r if r["chart_id"] in chart_ids else None)
    _, charts = _rows(datasets / "charts.csv")
    indicators = {r["indicator_id"] for r in charts if r["indicator_id"]}
    current = json.loads((datasets / "datapackage.json").read_text(encoding="utf-8"))["partnership"]["current_strategy"]
    strategies = {r["strategy_id"] for r in charts if r["strategy_id"]} | {current}
    _, themes = _rows(datasets / "themes.csv")
    kept_themes = {r["theme_id"] for r in themes if r["strategy_id"] in strategies}
    _, commitments = _rows(datasets / "commitments.csv")
    kept_commitments = {r["commitment_id"] for r in commitments if r["theme_id"] in kept_themes}
    keep = {
        "indicator_values.csv": lambda r: r["indicator_id"] in indicators,
        "key_facts.csv": lambda r: r["indicator_id"] in indicators,
        "strategies.csv": lambda r: r["strategy_id"] in strategies,
        "themes.csv": lambda r: r["theme_id"] in kept_themes,
        "measures.csv": lambda r: r["theme_id"] in kept_themes,
        "commitments.csv": lambda r: r["commitment_id"] in kept_commitments,
        "progress.csv": lambda r: r["commitment_id"] in kept_commitments,
    }
    for name, wanted in keep.items():
        _edit(datasets, name, lambda r, wanted=wanted: r if wanted(r) else None)
