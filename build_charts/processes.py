"""Worker processes for the build's heavy steps (drawing charts, writing page policies), started the same way.

Chart drawing always runs in child processes: the drawing library is native code that can abort the whole
process (a panic on an unusual character), and a child that dies takes only itself down. The parent knows
which task each child was doing, so it can say which one stopped it.

A step that needs much memory for a short time (validating and generating thousands of pages) can run in a copy
of the build's process (`Apart`): its memory goes back to the system when the copy ends, so the site
builder that runs next does not sit beside it.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class TaskFailed(Exception):
    """A task run in a child process raised an error: `index` is the task's place, `reason` the error's text."""

    def __init__(self, index: int, reason: str):
        super().__init__(reason)
        self.index, self.reason = index, reason


class ChildStopped(Exception):
    """A child process ended while running a task (a native library aborted it, say): `index` is that task's place."""

    def __init__(self, index: int, exit_code: int | None):
        super().__init__(f"the process running task {index} stopped with exit code {exit_code}")
        self.index, self.exit_code = index, exit_code


def available_processors() -> int:
    """How many processors this process may use (fewer than the machine has, in a limited container)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of clean processes: "spawn", because forking one that may already run vl-convert's engine is unsafe."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def run_in_children(tasks: Iterable[Callable[[], Any]], workers: int) -> Iterator[tuple[int, Any]]:
    """Run each task (picklable, no arguments) in one of `workers` child processes; yield (place, result) as each ends.

    Tasks are taken from `tasks` only as a child is free for one. Raises TaskFailed when a task raises, and
    ChildStopped when a child dies during a task; either way the children are stopped and no other task starts.
    Each child is a fresh interpreter that imports only what its tasks need (not the command that started it).
    """
    waiting = enumerate(tasks)
    children: list[_Child] = []
    busy: dict[Connection, _Child] = {}
    try:
        for _ in range(max(1, workers)):
            if not _give_next(children, None, waiting, busy):
                break
        while busy:
            for answers in wait(list(busy)):
                child = busy.pop(answers)
                status, value = child.answer()
                if status == "failed":
                    raise TaskFailed(child.task, value)
                index = child.task
                _give_next(children, child, waiting, busy)
                yield index, value
    finally:
        for child in children:
            child.stop()


class _Child:
    """A child Python process that runs the tasks it is sent, one at a time, over a pair of pipes."""

    def __init__(self):
        task_read, task_write = os.pipe()
        answer_read, answer_write = os.pipe()
        root = str(Path(__file__).resolve().parents[1])  # so the child imports this same build_charts
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen([sys.executable, "-m", "build_charts.processes"], stdin=task_read,
                                        stdout=answer_write, stderr=subprocess.DEVNULL, env=env)
        os.close(task_read)
        os.close(answer_write)
        self.tasks = Connection(task_write, readable=False)
        self.answers = Connection(answer_read, writable=False)
        self.task: int | None = None

    def give(self, index: int, task: Callable[[], Any]) -> None:
        self.task = index
        self.tasks.send(task)

    def answer(self) -> tuple[str, Any]:
        """The answer to the task it was given; ChildStopped if it died before giving one."""
        try:
            return self.answers.recv()
        except (EOFError, OSError):
            raise ChildStopped(self.task, self.process.wait()) from None

    def stop(self) -> None:
        for connection in (self.tasks, self.answers):
            connection.close()  # the child reads the end of its tasks and leaves
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _give_next(children: list[_Child], child: _Child | None, waiting, busy: dict) -> bool:
    """Give the next task to `child` (a new child if None); False when there is none left."""
    try:
        index, task = next(waiting)
    except StopIteration:
        return False
    if child is None:
        child = _Child()
        children.append(child)
    child.give(index, task)
    busy[child.answers] = child
    return True


class Apart:
    """A task started in a copy of this process (fork), so its memory is given back when it ends.

    Where a copy cannot be made safely (no fork on this system, or native threads running in this process, which a
    copy would lose in the middle of their work) the task runs here instead, when its result is asked for.
    """

    def __init__(self, task: Callable[[], T]):
        self.task = task
        self.child = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self.answers, answer_end = context.Pipe(duplex=False)
            self.child = context.Process(target=_answer, args=(task, answer_end))
            self.child.start()
            answer_end.close()

    def result(self) -> T:
        """What the task returned; what it raised is raised here. ChildStopped (index 0) when the copy ended without
        an answer."""
        if self.child is None:
            return self.task()
        try:
            status, value = self.answers.recv()
        except EOFError:
            self.child.join()
            raise ChildStopped(0, self.child.exitcode) from None
        finally:
            self.answers.close()
        self.child.join()
        if status == "failed":
            raise value
        return value

    def stop(self) -> None:
        """Stop the task, if it runs in a copy still working; its answer is never read."""
        if self.child is not None and self.child.is_alive():
            self.child.terminate()  # the copy ends its own children on the way out (see _answer)
            self.child.join(timeout=10)
            if self.child.is_alive():
                self.child.kill()
                self.child.join()
        if self.child is not None:
            self.answers.close()


# The names the system gives the threads of a drawing engine started in a process (vl-convert's V8 and tokio):
# a copy made while they run would lose them in the middle of their work, and could wait forever on a lock they hold.
ENGINE_THREADS = ("V8 ", "tokio-")


def can_fork() -> bool:
    """Whether this process can be copied safely: fork exists, and no drawing engine's threads run here (the
    numerical libraries' own thread pools are safe to copy: they prepare for it)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        names = [(Path("/proc/self/task") / thread / "comm").read_text(encoding="utf-8", errors="replace")
                 for thread in os.listdir("/proc/self/task")]
    except OSError:
        return False  # where the threads cannot be listed, nothing is copied
    return not any(name.startswith(ENGINE_THREADS) for name in names)


def _answer(task: Callable[[], Any], answers: Connection) -> None:
    """A copy's work: run the task and send back ("done", result) or ("failed", the exception).

    Asked to stop (SIGTERM), it leaves as if interrupted, so the task's own child processes are stopped too.
    """
    signal.signal(signal.SIGTERM, _leave)
    try:
        answer = ("done", task())
    except BaseException as error:  # noqa: BLE001 (raised again in the parent)
        answer = ("failed", error)
    try:
        answers.send(answer)
    except (pickle.PicklingError, TypeError, AttributeError) as unsendable:  # not picklable: say why in text
        reason = "".join(traceback.format_exception(answer[1])) if answer[0] == "failed" else str(unsendable)
        answers.send(("failed", RuntimeError(reason)))
    answers.close()


def _leave(*_signal) -> None:
    raise SystemExit(1)


def _serve() -> None:
    """A child's loop: run each task read from stdin and write back ("done", result) or ("failed", the error's text).

    The pipes are moved off stdin and stdout first, so nothing a library prints can get into them; what a native
    library prints as it aborts (a backtrace) is kept out of the build log, as the parent reports it.
    """
    tasks, answers = Connection(os.dup(0), writable=False), Connection(os.dup(1), readable=False)
    quiet = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(quiet, stream)
    while True:
        try:
            task = tasks.recv()
        except EOFError:
            return
        try:
            answer = ("done", task())
        except Exception as error:  # reported by the parent with the task it was doing
            answer = ("failed", _gist(error))
        answers.send(answer)


def _gist(error: Exception, limit: int = 160) -> str:
    """The line of an error's text that says what went wrong (a JavaScript "Error: ..." line if there is one)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()] or [type(error).__name__]
    line = next((line for line in lines if line.startswith("Error:")), lines[0])
    return line if len(line) <= limit else line[: limit - 1] + "…"


if __name__ == "__main__":
    _serve()
