"""The desk's worker processes: a job's own failure is said for that job only, and a worker that
dies between jobs (killed from outside) never leaves the desk without workers."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from docgen.desk.work import Workers, WorkFailed


def test_a_worker_killed_between_jobs_does_not_break_the_desk() -> None:
    workers = Workers(1)
    try:
        for _ in range(5):  # the next job comes at once, before or after the pool notices: either way
            first = workers.call(os.getpid)
            os.kill(first, signal.SIGKILL)  # from outside, while no job runs
            second = workers.call(os.getpid)  # answered, by a new worker
            assert second != first
    finally:
        workers.stop()


def test_a_job_that_kills_its_worker_is_said_and_the_next_job_runs() -> None:
    workers = Workers(1)
    try:
        with pytest.raises(WorkFailed, match="工作进程意外结束"):
            workers.call(os._exit, 3)
        assert workers.call(len, "石嘴山") == 3
    finally:
        workers.stop()


def test_a_job_over_its_time_is_stopped_and_said() -> None:
    workers = Workers(1, seconds=1)
    try:
        with pytest.raises(WorkFailed, match="超过 1 秒"):
            workers.call(time.sleep, 30)
        assert workers.call(len, "ab") == 2
    finally:
        workers.stop()


def test_the_server_a_person_reaches_starts_its_workers_at_once(tmp_path: Path) -> None:
    """docgen serve warms its workers when it starts (the imports and templates a first job pays for),
    so the first save or preview after a start does not wait for them; the library's app does not."""
    from starlette.testclient import TestClient

    from docgen.desk.service import Desk
    from docgen.serve.app import create_app

    for warm in (True, False):
        workers = Workers(size=1)
        try:
            desk = Desk(tmp_path / f"工作区{warm}", None, workers=workers)
            with TestClient(create_app(tmp_path / f"工作区{warm}", desk=desk, warm=warm)):
                assert workers.running is warm
                if warm:
                    assert workers.call(os.getpid) > 0  # a warmed worker takes jobs as any other
        finally:
            workers.stop()
