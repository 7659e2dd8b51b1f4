"""A build step run in a copy of the build's process gives back what it returns or raises, and can be stopped."""

from __future__ import annotations

import os
import time

import pytest

from build_charts import processes
from build_charts.processes import Apart, ChildStopped

pytestmark = pytest.mark.skipif(not processes.can_fork(), reason="this process cannot be copied safely")


def _pid_and_big_list():
    return os.getpid(), list(range(100_000))


def test_a_step_apart_returns_its_result_from_another_process():
    pid, numbers = Apart(_pid_and_big_list).result()
    assert pid != os.getpid() and numbers[-1] == 99_999


class Refused(Exception):
    """A step's own error."""


def _refuse():
    raise Refused("the data says no")


def test_a_step_apart_raises_its_own_error_in_the_build():
    with pytest.raises(Refused, match="the data says no"):
        Apart(_refuse).result()


def test_a_step_whose_process_dies_is_reported_as_stopped():
    with pytest.raises(ChildStopped):
        Apart(lambda: os._exit(3)).result()


def test_a_step_can_be_stopped_before_it_answers(tmp_path):
    marker = tmp_path / "finished"
    step = Apart(lambda: (time.sleep(30), marker.write_text("done")))
    started = time.monotonic()
    step.stop()
    assert time.monotonic() - started < 15 and not step.child.is_alive() and not marker.exists()


def test_where_no_copy_can_be_made_the_step_runs_here_when_asked(monkeypatch):
    monkeypatch.setattr(processes, "can_fork", lambda: False)
    step = Apart(os.getpid)
    assert step.result() == os.getpid()
