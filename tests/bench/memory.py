"""Peak memory of a process and every process it started, counted together while they are alive at the same time.

getrusage reports each process's own peak, never what was in use at one moment: a build whose process peaks while
its builder child is idle is not as heavy as the two peaks added up. So a thread samples the memory of this process
and of all its descendants (read from /proc, so Linux only) every tenth of a second and keeps the largest total.

Each process counts its proportional set size (PSS: its own pages, plus its share of pages it shares with others,
such as a copy's pages not yet written to), so memory two processes share is counted once in the total.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


def _parents() -> dict[int, int]:
    """Each running process's parent, by process id."""
    parents = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # it ended while being read
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def family(root: int) -> list[int]:
    """`root` and every process descended from it."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting += children.get(pid, [])
    return found


def resident_kb(pid: int) -> int:
    """A process's proportional set size in KB (its resident size where the system does not say; 0 when it has
    ended)."""
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


class PeakMemory:
    """While running (a context manager), the largest resident memory this process and its descendants held at once."""

    def __init__(self, interval: float = 0.1):
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @property
    def peak_mb(self) -> float:
        """The largest total seen, in MB."""
        return self.peak_kb / 1024

    def _sample(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            if PROC.is_dir():
                self.peak_kb = max(self.peak_kb, sum(resident_kb(pid) for pid in family(me)))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
