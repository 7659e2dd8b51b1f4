"""Worker processes for the build's heavy steps (drawing charts, writing page policies), started the same way."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def available_processors() -> int:
    """How many processors this process may use (fewer than the machine has, in a limited container)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of clean processes: "spawn", because forking one that may already run vl-convert's engine is unsafe."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
