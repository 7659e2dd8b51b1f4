"""The benchmark records its latest run in BENCHMARKS.md, with the run's date and machine, and leaves the rest."""

from __future__ import annotations

import re
from datetime import date

from build_charts.settings import PROJECT_ROOT
from tests.bench.run import LATEST_END, LATEST_START, Figures, latest_run, machine, record


def _figures(name: str) -> Figures:
    timings = {"validate (cold)": 0.3, "generate (cold)": 1.2, "site build (cold)": 0.6, "cold": 2.1, "warm": 0.9,
               "one-row edit": 1.5, "bare builder": 0.6, "zensical site build": 0.7}
    return Figures(name=name, rows=1234, pages=56, timings=timings, peak_python_mb=141, peak_builder_mb=120,
                   charts=11, renders={"cold": (16, 0), "warm": (0, 16), "one-row edit": (3, 13)},
                   weights={"home": 70 * 1024}, edited="c-1 2025", peak_zensical_mb=90, peak_together_mb=230)


def test_a_run_is_recorded_with_its_date_machine_command_and_figures():
    section = latest_run([_figures("real")], "python -m tests.bench.run small", date(2027, 1, 4),
                         "2 cores, Python 3.11.7, Debian GNU/Linux 12 (bookworm)")
    assert section.startswith(f"{LATEST_START}\n## Latest run: 2027-01-04\n\nMachine: 2 cores, Python 3.11.7, "
                              "Debian GNU/Linux 12 (bookworm). Command: `python -m tests.bench.run small`.\n")
    assert "| real | 1,234 | 11 (16) | 56 | 2.1 s | 0.9 s | 1.5 s | 0.6 s | 0.7 s | 3.50 / 1.50 / 2.50 | 230 MB at " \
           "once |" in section
    assert "one-row edit / bare                    2.50 x (goal at most 0.25: NOT met)" in section
    assert "page weight home" in section and section.endswith(LATEST_END)


def test_recording_replaces_only_the_latest_run(tmp_path):
    file = tmp_path / "BENCHMARKS.md"
    file.write_text(f"# Benchmarks\n\nHow to run.\n\n{LATEST_START}\nold figures\n{LATEST_END}\n\n## Goals\n\nMet.\n",
                    encoding="utf-8")
    record(f"{LATEST_START}\nnew figures\n{LATEST_END}", file)
    assert file.read_text(encoding="utf-8") == (
        f"# Benchmarks\n\nHow to run.\n\n{LATEST_START}\nnew figures\n{LATEST_END}\n\n## Goals\n\nMet.\n")


def test_the_machine_names_its_cores_python_and_system():
    assert re.fullmatch(r"\d+ cores, Python 3\.\d+\.\d+\S*, .+", machine())


def test_the_committed_file_has_a_dated_latest_run_on_a_named_machine():
    text = (PROJECT_ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    latest = text.split(LATEST_START, 1)[1].split(LATEST_END, 1)[0]
    assert re.search(r"^## Latest run: \d{4}-\d{2}-\d{2}$", latest, flags=re.MULTILINE)
    assert "Machine: " in latest and "cores" in latest
