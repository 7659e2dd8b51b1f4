"""The benchmark: build the real package and synthetic packages of growing size, and print what each step costs.

Run with `nox -s bench` (or `python -m tests.bench.run [size ...]`). It prints figures and records them, with the
date and the machine, as the latest run in BENCHMARKS.md (`--no-record` leaves that file alone); it asserts nothing.
For each size: a cold build, a rebuild with no change, a rebuild after editing one progress row, a bare
MkDocs run over the same pages, the ratios of the three builds to the bare one, peak memory and a Zensical
build of the same pages.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from build_charts import pipeline
from build_charts.settings import PROJECT_ROOT, Paths
from build_charts.site import build_site
from tests.bench.memory import PeakMemory
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
    edited: str = ""
    peak_zensical_mb: float = 0.0
    peak_together_mb: float = 0.0  # the three builds' processes, summed while alive at the same time


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


def edit_one_progress_row(datasets: Path) -> str:
    """Change one progress row as an editor would (its status and its achievements), and say which.

    The row is the latest period's report of the commitment in the middle of the file, so the edit feeds its
    history page, its theme page, what changed in that period and its strategy's status charts.
    """
    path = datasets / "progress.csv"
    text = path.read_text(encoding="utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    rows = list(csv.DictReader(io.StringIO(text)))
    fields = list(rows[0])
    latest = max(row["period"] for row in rows)
    candidates = [row for row in rows if row["period"] == latest]
    row = candidates[len(candidates) // 2]
    row["status"] = next(s for s in ("on-track", "with-challenges") if s != row["status"])
    row["achievements"] = (row["achievements"] + " Updated after the partnership meeting.").strip()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator=newline)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return f"{row['commitment_id']} {row['period']}"


def one_build(paths: Paths, timings: dict[str, float], label: str, progress=None) -> pipeline.Outcome:
    """Build as `python -m build_charts build` does (validate, generate, site build), timing each step under label."""
    steps: dict[str, float] = {}
    outcome = timed(timings, label, lambda: pipeline.build(paths, progress=progress, timings=steps))
    errors = [p for p in outcome.problems if p.is_error]
    if errors:
        raise SystemExit(f"{paths.root}: the package is invalid: {errors[:3]}")
    for step in ("validate", "site build"):
        timings[f"{step} ({label})"] = steps.pop(step, 0.0)
    timings[f"generate ({label})"] = sum(steps.values())
    timings.update({f"  {k} ({label})": v for k, v in steps.items()})
    return outcome


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident memory (getrusage) of this process and of its largest child so far, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def measure(size: Size | None, workdir: Path, zensical: bool = True) -> Figures:
    """A cold build, a no-change rebuild, a one-row edit, a bare builder run and a Zensical build of one size."""
    paths = project(workdir / "project", size)
    figures = Figures(name=size.name if size else "real")
    figures.rows = sum(count_rows(p) for p in paths.datasets.glob("*.csv"))
    figures.charts = count_rows(paths.datasets / "charts.csv")
    t = figures.timings
    outcomes = {}
    with PeakMemory() as memory:  # every process of the three builds, counted while alive at the same time
        # The project is new, so its cache starts empty: every chart is drawn.
        outcomes["cold"] = one_build(paths, t, "cold", progress(figures.name))
        outcomes["warm"] = one_build(paths, t, "warm")  # nothing changed: every chart should come from the cache
        figures.edited = edit_one_progress_row(paths.datasets)
        outcomes["one-row edit"] = one_build(paths, t, "one-row edit")
    figures.peak_together_mb = memory.peak_mb
    figures.renders = {run: (o.charts_rendered, o.charts_reused) for run, o in outcomes.items()}
    figures.pages = len(outcomes["cold"].pages)
    t["bare builder"] = bare_site(paths, workdir / "bare")
    figures.peak_python_mb, figures.peak_builder_mb = peak_memory_mb()  # before Zensical, which is measured apart
    if zensical:
        timed(t, "zensical site build", lambda: build_site(
            paths.config, paths.root / "site-zensical", builder="zensical", settings=pipeline.site_settings(paths)))
        figures.peak_zensical_mb = peak_memory_mb()[1]
    figures.weights = page_weights(paths.site)
    gc.collect()
    return figures


# Each build's goal, as a ratio to the bare builder's time on the same pages.
RATIO_GOALS = {"cold": 1.5, "warm": 1.0, "one-row edit": 0.25}


def report(figures: Figures) -> str:
    """The figures for one size as a small text table."""
    t = figures.timings
    lines = [f"== {figures.name}: {figures.rows:,} data rows, {figures.charts:,} catalogued charts, "
             f"{figures.pages:,} generated pages"]
    lines += [f"  {name:<34} {seconds:8.2f} s" for name, seconds in t.items()
              if name not in ("cold", "warm", "one-row edit")]
    lines.append(f"  {'COLD build':<34} {t['cold']:8.2f} s (validate, generate drawing every chart, site build)")
    lines.append(f"  {'WARM rebuild (no change)':<34} {t['warm']:8.2f} s")
    lines.append(f"  {'ONE-ROW EDIT rebuild':<34} {t['one-row edit']:8.2f} s (progress row {figures.edited})")
    lines.append(f"  {'bare builder':<34} {t['bare builder']:8.2f} s (MkDocs alone on the same pages, charts out)")
    if "zensical site build" in t:
        lines.append(f"  {'Zensical site build':<34} {t['zensical site build']:8.2f} s "
                     f"(MkDocs site build, cold: {t['site build (cold)']:.2f} s)")
    for run, goal in RATIO_GOALS.items():
        ratio = t[run] / t["bare builder"]
        lines.append(f"  {f'{run} / bare':<34} {ratio:8.2f} x (goal at most {goal:.2f}: "
                     f"{'met' if ratio <= goal else 'NOT met'})")
    for run, (rendered, reused) in figures.renders.items():
        label = f"chart renders ({run})"
        lines.append(f"  {label:<34} {rendered:8,} drawn, {reused:,} from the cache ({rendered + reused:,} versions)")
    lines.append(f"  {'peak memory, this process':<34} {figures.peak_python_mb:8.0f} MB (getrusage RUSAGE_SELF, max RSS)")
    lines.append(f"  {'peak memory, largest child':<34} {figures.peak_builder_mb:8.0f} MB "
                 "(getrusage RUSAGE_CHILDREN: the largest MkDocs or drawing process)")
    lines.append(f"  {'peak memory, every process at once':<34} {figures.peak_together_mb:8.0f} MB (the builds' "
                 f"processes' PSS summed while alive together, sampled; goal under 1,024: "
                 f"{'met' if figures.peak_together_mb < 1024 else 'NOT met'})")
    if figures.peak_zensical_mb > figures.peak_builder_mb:
        lines.append(f"  {'peak memory, Zensical':<34} {figures.peak_zensical_mb:8.0f} MB (its process, measured last)")
    else:
        lines.append(f"  {'peak memory, Zensical':<34} {'':>8} at most the largest child above")
    for page_type, size in figures.weights.items():
        lines.append(f"  page weight {page_type:<22} {size / 1024:8.1f} KB")
    return "\n".join(lines)


BENCHMARKS = PROJECT_ROOT / "BENCHMARKS.md"
LATEST_START, LATEST_END = "<!-- latest-run -->", "<!-- /latest-run -->"


def machine() -> str:
    """The machine a run was made on: processors, Python and operating system, and how busy it was (its load average
    over the last 15 minutes: above its number of cores, other work shared the machine and stretched every time)."""
    try:
        system = platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        system = platform.platform(terse=True)
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[2]
    except OSError:
        return f"{cores} cores, Python {platform.python_version()}, {system}"
    busy = "shared with other work" if load > cores else "quiet"
    return f"{cores} cores, Python {platform.python_version()}, {system}, load average {load:.1f} ({busy})"


def summary_row(figures: Figures) -> str:
    """One line of the latest run's table: what the size is, and what each build of it cost."""
    t = figures.timings
    memory = f"{figures.peak_together_mb:,.0f} MB at once"
    if figures.peak_zensical_mb > figures.peak_builder_mb:
        memory += f"; Zensical {figures.peak_zensical_mb:,.0f} MB"
    versions = sum(figures.renders.get("cold", (0, 0)))
    zensical = f"{t['zensical site build']:.1f} s" if "zensical site build" in t else "not run"
    ratios = " / ".join(f"{t[run] / t['bare builder']:.2f}" for run in RATIO_GOALS)
    return (f"| {figures.name} | {figures.rows:,} | {figures.charts:,} ({versions:,}) | {figures.pages:,} "
            f"| {t['cold']:.1f} s | {t['warm']:.1f} s | {t['one-row edit']:.1f} s | {t['bare builder']:.1f} s "
            f"| {zensical} | {ratios} | {memory} |")


def latest_run(runs: list[Figures], command: str, when: date, on: str) -> str:
    """The latest run's section of BENCHMARKS.md: when, on what, with which command, its figures and full report."""
    header = ("| package | data rows | charts (versions) | generated pages | cold build | no change | one-row edit "
              "| bare MkDocs | Zensical | cold / no change / edit ÷ bare | peak memory |\n|---|---|---|---|---|---|---|---|---|---|---|")
    reports = "\n\n".join(report(figures) for figures in runs)
    return (f"{LATEST_START}\n## Latest run: {when.isoformat()}\n\nMachine: {on}. Command: `{command}`.\n\n"
            f"{header}\n" + "\n".join(summary_row(figures) for figures in runs)
            + f"\n\nWhat the benchmark printed:\n\n```\n{reports}\n```\n{LATEST_END}")


def record(section: str, file: Path = BENCHMARKS) -> None:
    """Put a run's section in place of the latest run in BENCHMARKS.md, leaving the rest of the file as written."""
    text = file.read_text(encoding="utf-8") if file.exists() else f"# Benchmarks\n\n{LATEST_START}\n{LATEST_END}\n"
    before, found, rest = text.partition(LATEST_START)
    if not found:
        before, rest = text.rstrip("\n") + "\n\n", LATEST_END + "\n"
    after = rest.partition(LATEST_END)[2]
    file.write_text(before + section + after, encoding="utf-8")


def main(arguments: list[str]) -> None:
    """Measure the real package and each requested synthetic size (when none are named, all but those on request),
    then record the run in BENCHMARKS.md unless --no-record is given; --no-zensical leaves Zensical's build out."""
    names = [name for name in arguments if not name.startswith("--")]
    sizes: list[Size | None] = [None] + [s for s in SIZES if s.name in names or (not names and not s.on_request)]
    runs = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as workdir:
            runs.append(measure(size, Path(workdir), zensical="--no-zensical" not in arguments))
            print(report(runs[-1]), flush=True)
    if "--no-record" not in arguments:
        record(latest_run(runs, " ".join(["python -m tests.bench.run", *arguments]), date.today(), machine()))
        print(f"Recorded as the latest run in {BENCHMARKS.name}.")


if __name__ == "__main__":
    main(sys.argv[1:])
