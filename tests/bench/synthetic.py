"""A synthetic data package at any size, deterministic for a given seed, for the benchmark.

The schema is the real package's (datapackage.json is copied and only its partnership block changed), so
the benchmark measures the same validation, charts and pages the real site gets.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from build_charts.settings import PROJECT_ROOT

STATUSES = ["complete", "on-track", "with-challenges", "not-started", "not-assessed"]
OUTCOMES = ["reduce-drug-use", "reduce-drug-related-crime", "reduce-drug-related-deaths-and-harm",
            "reduce-drug-supply", "increase-engagement-in-treatment", "improve-recovery-outcomes"]
TOPICS = ["use", "treatment", "crime", "costs-and-savings"]
WORDS = ("partners continue to work together to reduce harm and improve access to treatment and recovery "
         "services across the area while tackling supply and supporting families and young people").split()


@dataclass(frozen=True)
class Size:
    """How big a synthetic package is."""

    name: str
    areas: int
    indicators: int
    value_periods: int
    commitments: int
    progress_periods: int
    charts: int
    commitments_per_theme: int = 14
    # How many of the latest reporting periods the site has published (first_published_period), or None for
    # a site that versions every period. A country-scale site launching with 20 years of history uses 1.
    published_periods: int | None = None
    # Measured only when asked for by name: it takes several minutes.
    on_request: bool = False


SIZES = [
    Size("small", areas=5, indicators=5, value_periods=3, commitments=50, progress_periods=3, charts=10),
    Size("medium", areas=40, indicators=15, value_periods=5, commitments=500, progress_periods=8, charts=80),
    Size("largest", areas=150, indicators=30, value_periods=10, commitments=2000, progress_periods=20, charts=300,
         published_periods=1),
    Size("largest-every-version", areas=150, indicators=30, value_periods=10, commitments=2000, progress_periods=20,
         charts=300, on_request=True),
]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _write(path: Path, fields: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def fields_of(descriptor: dict, resource: str) -> list[str]:
    """The column names of one resource, in schema order."""
    spec = next(r for r in descriptor["resources"] if r["name"] == resource)
    return [f["name"] for f in spec["schema"]["fields"]]


def chart_rows(size: Size, strategies: list[dict], indicators: list[dict]) -> list[dict]:
    """A catalogue of size.charts charts in the mix a partnership would publish, cycled until there are enough.

    Per strategy a status-by-theme and a completeness-by-theme chart; per indicator a benchmark (Benchtown
    against its comparators), a trend and a headline tile for Benchtown. A cycle's charts draw the same data
    as the first cycle's (the spec has no title in it), so the renderer's cache draws each of them only once.
    """
    mix = [("status-by-theme", "progress", {"strategy_id": s["strategy_id"]}) for s in strategies]
    mix += [("completeness-by-theme", "progress", {"strategy_id": s["strategy_id"]}) for s in strategies]
    for ind in indicators:
        mix += [(kind, ind["topic"], {"indicator_id": ind["indicator_id"], **extra})
                for kind, extra in (("benchmark", {}), ("trend", {}), ("headline", {"area": "Benchtown"}))]
    rows = []
    for order in range(1, size.charts + 1):
        kind, topic, drawn = mix[(order - 1) % len(mix)]
        cycle = (order - 1) // len(mix) + 1
        what = drawn.get("indicator_id") or drawn["strategy_id"]
        rows.append({"chart_id": f"{kind}-{what}-{cycle}", "order": order, "type": kind,
                     "title": f"{kind.replace('-', ' ').capitalize()} of {what} ({cycle})",
                     "subtitle": f"Synthetic {kind} chart.", "topic": topic, **drawn})
    return rows


def write_package(target: Path, size: Size, seed: int = 2026) -> Path:
    """Write a synthetic datasets/ folder of the given size into target and return it."""
    rng = random.Random(seed)
    datasets = target / "datasets"
    datasets.mkdir(parents=True, exist_ok=True)
    descriptor = json.loads((PROJECT_ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    areas = ["Benchtown"] + [f"Area {i:03d}" for i in range(1, size.areas)]
    periods = [str(2006 + p) for p in range(size.progress_periods)]
    descriptor["partnership"] = {
        "name": "Benchtown Drug Partnership", "short_name": "BDP", "area": "Benchtown",
        "comparator_areas": areas[1:3], "contact_email": None, "current_strategy": "s-00",
        "exit_url": "https://www.example.org/",
    }
    if size.published_periods:
        descriptor["partnership"]["first_published_period"] = periods[-size.published_periods]
    (datasets / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    fields = {r["name"]: fields_of(descriptor, r["name"]) for r in descriptor["resources"]}

    sources = [{"source_id": f"src-{i:02d}", "title": f"Report {i}", "publisher": "Benchtown Council",
                "published": f"{2005 + i}-06-30", "kind": "progress-report"} for i in range(size.progress_periods)]
    sources.append({"source_id": "site-editors", "title": "Added by this site's editors", "kind": "directory"})
    strategies_count = max(1, size.commitments // 200)
    strategies = [{"strategy_id": f"s-{i:02d}", "title": f"Strategy {i}", "owner": "Benchtown Drug Partnership",
                   "period_start": 2005, "period_end": 2026, "source_id": "src-00"} for i in range(strategies_count)]
    theme_count = -(-size.commitments // size.commitments_per_theme)
    themes = [{"theme_id": f"t-{i:03d}", "strategy_id": f"s-{i % strategies_count:02d}", "number": i + 1,
               "title": f"Theme {i}", "summary": _text(rng, 60), "source_id": "src-00"} for i in range(theme_count)]
    commitments = [{"commitment_id": f"c-{i:04d}", "theme_id": f"t-{i // size.commitments_per_theme:03d}",
                    "number": i % size.commitments_per_theme + 1, "title": _text(rng, 15),
                    "lead_agency": rng.choice(["Police", "Council", "Health", "Probation"]), "source_id": "src-00"}
                   for i in range(size.commitments)]
    progress = [{"commitment_id": c["commitment_id"], "period": period, "reported_on": f"{int(period) + 1}-01",
                 "status": rng.choice(STATUSES), "achievements": _text(rng, 50), "gaps_challenges": _text(rng, 30),
                 "next_actions": _text(rng, 30), "source_id": f"src-{p:02d}"}
                for c in commitments for p, period in enumerate(periods)]
    indicators = [{"indicator_id": f"i-{i:02d}", "title": f"Indicator {i}", "unit": "per 1,000 population",
                   "definition": _text(rng, 12), "polarity": "higher-is-worse", "outcome": OUTCOMES[i % 6],
                   "topic": TOPICS[i % 4]} for i in range(size.indicators)]
    value_periods = [str(2016 + p) for p in range(size.value_periods)]
    values = [{"indicator_id": ind["indicator_id"], "area": area, "period": period,
               "value": round(rng.uniform(1, 10), 1), "source_id": "src-00"}
              for ind in indicators for area in areas for period in value_periods]
    facts = [{"fact_id": f"f-{i:02d}", "order": i + 1, "topic": ind["topic"], "statement": _text(rng, 20),
              "headline": "true" if i < 4 else "false", "indicator_id": ind["indicator_id"], "source_id": "src-00"}
             for i, ind in enumerate(indicators)]
    help_services = [{"service_id": f"h-{i:03d}", "name": f"Service {i}", "offers": _text(rng, 8),
                      "for_whom": "Adults", "category": ["local", "family", "young-people", "national"][i % 4],
                      "area_served": "Benchtown" if i % 4 != 3 else "National", "phone": "0113 496 0000",
                      "urgent": "false", "last_verified": "2026-06-01", "source_id": "src-00"} for i in range(12)]
    tables = {
        "sources": sources, "strategies": strategies, "themes": themes, "commitments": commitments,
        "progress": progress, "indicators": indicators, "indicator_values": values, "key_facts": facts,
        "help_services": help_services,
        "measures": [{"measure_id": f"m-{t['theme_id']}", "theme_id": t["theme_id"], "title": _text(rng, 8),
                      "source_id": "src-00"} for t in themes],
        "glossary": [{"term_id": "bdp", "term": "Benchtown Drug Partnership", "abbreviation": "BDP",
                      "definition": "The partnership.", "source_id": "src-00"}],
        "charts": chart_rows(size, strategies, indicators),
    }
    for name, columns in fields.items():
        _write(datasets / f"{name}.csv", columns, tables.get(name, []))
    for extra in sorted(p for p in (PROJECT_ROOT / "datasets").iterdir() if p.suffix in {".yaml", ".yml"}):
        shutil.copy2(extra, datasets / extra.name)  # non-CSV settings (e.g. language lists) as they are
    return datasets
