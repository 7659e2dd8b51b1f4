"""The benchmark: build the real package and synthetic packages of growing size, and print what each step costs.

Run with `nox -s bench` (or `python -m tests.bench.run [size ...]`). It prints figures; it asserts nothing.
"""

from __future__ import annotations

import gc
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from build_charts import pipeline
from build_charts.charts.render import Renderer
from build_charts.settings import PROJECT_ROOT, Paths
from build_charts.site import build_site
from tests.bench.synthetic import SIZES, Size, write_package
from tests.bench.weights import page_weights


@dataclass
class Figures:
    """What one size cost, in seconds and bytes."""

    name: str
    rows: int = 0
    pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    peak_python_mb: float = 0.0
    peak_builder_mb: float = 0.0
    charts: int = 0
    renders: dict[str, tuple[int, int]] = field(default_factory=dict)
    weights: dict[str, int] = field(default_factory=dict)


def project(target: Path, size: Size | None) -> Paths:
    """A project folder with the real config and pages, and the real or a synthetic data package."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT_ROOT / "mkdocs.yml", target / "mkdocs.yml")
    # Synthetic packages have their own sources, so the real news posts (which cite real ones) stay out.
    ignore = None if size is None else shutil.ignore_patterns("updates")
    shutil.copytree(PROJECT_ROOT / "docs", target / "docs", ignore=ignore)
    if size is None:
        shutil.copytree(PROJECT_ROOT / "datasets", target / "datasets")
    else:
        write_package(target, size)
    return Paths(target)


def count_rows(csv_file: Path) -> int:
    """Physical lines after the header (a close enough count of data rows for a benchmark)."""
    if not csv_file.exists():
        return 0
    with csv_file.open(encoding="utf-8") as f:
        return max(0, sum(1 for _ in f) - 1)


def progress(name: str):
    """Tell stderr how far chart drawing has got, about every tenth of the way, so a long run can be watched."""
    start = time.perf_counter()

    def report(number: int, total: int, _label: str) -> None:
        if number == total or number % max(1, total // 10) == 0:
            print(f"  [{name}] chart {number:,}/{total:,} after {time.perf_counter() - start:.0f} s",
                  file=sys.stderr, flush=True)

    return report


def timed(timings: dict, name: str, step):
    """Run step(), record its wall time under name, and return its result."""
    start = time.perf_counter()
    result = step()
    timings[name] = time.perf_counter() - start
    return result


def bare_site(paths: Paths, target: Path) -> float:
    """Seconds for a plain builder run over the same generated pages with the charts taken out.

    This is what MkDocs alone costs for this many pages; the full build's extra is our pipeline's.
    """
    bare = Paths(target)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(paths.config, bare.config)
    shutil.copytree(paths.docs, bare.docs)
    shutil.copytree(paths.snippets, bare.snippets)
    shutil.copytree(paths.staging, bare.staging, ignore=shutil.ignore_patterns("*.svg", "*.png"))
    for page in bare.staging.rglob("*.md"):
        lines = page.read_text(encoding="utf-8").splitlines()
        page.write_text("\n".join(line for line in lines if "<svg" not in line), encoding="utf-8")
    start = time.perf_counter()
    build_site(bare.config, bare.site)
    return time.perf_counter() - start


def measure(size: Size | None, workdir: Path) -> Figures:
    """Every step for one size: validate, generate cold and warm, site build, bare build, memory, weights."""
    paths = project(workdir / "project", size)
    figures = Figures(name=size.name if size else "real")
    figures.rows = sum(count_rows(p) for p in paths.datasets.glob("*.csv"))
    outcome = timed(figures.timings, "validate", lambda: pipeline.validate(paths))
    errors = [p for p in outcome.problems if p.is_error]
    if errors:
        raise SystemExit(f"{figures.name}: the synthetic package is invalid: {errors[:3]}")
    figures.charts = count_rows(paths.datasets / "charts.csv")
    steps_cold: dict[str, float] = {}
    cold = Renderer(paths.cache)  # the project is new, so its cache starts empty: every chart is drawn
    pages = timed(figures.timings, "generate (cold)",
                  lambda: pipeline.generate(paths, timings=steps_cold, renderer=cold, progress=progress(figures.name)))
    steps_warm: dict[str, float] = {}
    warm = Renderer(paths.cache)  # the same cache, nothing changed: every chart should come from it
    timed(figures.timings, "generate (warm)", lambda: pipeline.generate(paths, timings=steps_warm, renderer=warm))
    figures.renders = {"cold": (cold.rendered, cold.reused), "warm": (warm.rendered, warm.reused)}
    figures.timings.update({f"{k} (cold)": v for k, v in steps_cold.items()})
    figures.timings.update({f"{k} (warm)": v for k, v in steps_warm.items()})
    figures.peak_python_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures.pages = len(pages)
    timed(figures.timings, "site build", lambda: build_site(paths.config, paths.site, settings=pipeline.site_settings(paths)))
    figures.peak_builder_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures.timings["bare mkdocs build"] = bare_site(paths, workdir / "bare")
    if size is None:  # the real site with the successor builder too (mkdocs-material ends on 5 May 2027)
        timed(figures.timings, "site build (zensical)", lambda: build_site(
            paths.config, paths.root / "site-zensical", builder="zensical", settings=pipeline.site_settings(paths)))
    figures.weights = page_weights(paths.site)
    gc.collect()
    return figures


def report(figures: Figures) -> str:
    """The figures for one size as a small text table."""
    t = figures.timings
    total = t["validate"] + t["generate (cold)"] + t["site build"]
    lines = [f"== {figures.name}: {figures.rows:,} data rows, {figures.charts:,} catalogued charts, "
             f"{figures.pages:,} generated pages"]
    lines += [f"  {name:<28} {seconds:8.2f} s" for name, seconds in t.items()]
    lines.append(f"  {'total (cold build)':<28} {total:8.2f} s")
    rebuild = t["validate"] + t["generate (warm)"] + t["site build"]
    lines.append(f"  {'total (no-change rebuild)':<28} {rebuild:8.2f} s (validate, warm generate, site build)")
    for run, (rendered, reused) in figures.renders.items():
        label = f"chart renders ({run})"
        lines.append(f"  {label:<28} {rendered:8,} drawn, {reused:,} from the cache ({rendered + reused:,} versions)")
    cold, warm = t.get("charts (cold)"), t.get("charts (warm)")
    if cold:
        lines.append(f"  {'warm charts / cold charts':<28} {100 * (warm or 0) / cold:8.1f} % (target: 10 % or less)")
    for run in ("cold", "warm"):
        ratio = (t[f"generate ({run})"] + t["site build"]) / t["bare mkdocs build"]
        lines.append(f"  {f'full build / bare ({run})':<28} {ratio:8.2f} x (target: 1.3 x or less)")
    lines.append(f"  {'peak memory, pipeline':<28} {figures.peak_python_mb:8.0f} MB (peak RSS of the pipeline process)")
    lines.append(f"  {'peak memory, site builder':<28} {figures.peak_builder_mb:8.0f} MB (largest child process)")
    for page_type, size in figures.weights.items():
        lines.append(f"  page weight {page_type:<16} {size / 1024:8.1f} KB")
    return "\n".join(lines)


def main(names: list[str]) -> None:
    """Measure the real package and each requested synthetic size (when none are named, all but those on request)."""
    sizes: list[Size | None] = [None] + [s for s in SIZES if s.name in names or (not names and not s.on_request)]
    for size in sizes:
        with tempfile.TemporaryDirectory() as workdir:
            print(report(measure(size, Path(workdir))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
