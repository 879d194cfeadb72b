"""Worker processes for the desk's CPU work, so one request never stops the others.

A bounded pool (``pebble.ProcessPool``: one worker per core by default) runs the functions of
``docgen.desk.jobs``. Each job has a time limit — a worker that overruns it is killed and
replaced — and each worker a memory limit (``RLIMIT_AS``), so a hostile input or template costs
one Chinese error for its own request and nothing else. Workers are forked from a server
process that has already imported docgen (``forkserver`` with preloading), so starting or
replacing one is quick; they end with the process that started them.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import multiprocessing
import os
import resource
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from docgen.errors import Code, DocgenError

T = TypeVar("T")

#: seconds a job may take (a render, a check, an import chunk): ample for a real project
JOB_SECONDS = 60.0
#: bytes of address space a worker may use
WORKER_MEMORY = 2 * 1024 * 1024 * 1024


BROKEN = "处理进程无法启动或已全部退出，已停止：请稍后重试，或联系管理员查看服务器日志。"


class WorkFailed(DocgenError):
    """A job overran its time or memory, or its worker died: said for this request only."""

    exit_code = 2
    code = Code.WORK
    http_status = 503


def _limit_memory(limit: int) -> None:
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _die_with_parent()


def _die_with_parent() -> None:
    """The worker ends when the server process is gone (even after kill -9): a watch on its parent.

    (Not ``PR_SET_PDEATHSIG``: it fires when the *thread* that started the worker ends, and the
    server's threads come and go — a worker would die with an idle request thread.)"""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="docgen-parent-watch", daemon=True).start()


class Workers:
    def __init__(self, size: int | None = None, *, memory: int = WORKER_MEMORY, seconds: float = JOB_SECONDS) -> None:
        self.size = size or max(1, min(os.cpu_count() or 1, 4))
        self.memory = memory
        self.seconds = seconds
        self._pool: ProcessPool | None = None
        self._lock = threading.Lock()

    def _started(self) -> ProcessPool:
        with self._lock:
            if self._pool is None or not self._pool.active:
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPool(
                    max_workers=self.size,
                    max_tasks=500,  # a worker is replaced after this many jobs: nothing accumulates
                    initializer=_limit_memory,
                    initargs=(self.memory,),
                    context=context,
                )
            return self._pool

    @property
    def running(self) -> bool:
        """Whether the workers are started (they start at the first job, or when warmed)."""
        return self._pool is not None and self._pool.active

    def warm(self, function: Callable[[], object]) -> None:
        """Start the workers now and have each run ``function`` (the imports a first job pays for), not
        waiting: the first person to save or preview after a start is not the one who waits for them."""
        pool = self._started()
        for _ in range(self.size):
            pool.schedule(function, timeout=self.seconds)

    def _schedule(self, function: Callable[..., T], args: tuple[Any, ...], limit: float) -> Future[T]:
        future: Future[T] = self._started().schedule(function, args=args, timeout=limit)
        return future

    def _fresh(self, broken: ProcessPool) -> None:
        """A pool that pebble declared broken (a worker ended while jobs waited) is replaced: one job's
        trouble never leaves the desk without workers."""
        with self._lock:
            if self._pool is broken:
                self._pool = None
        with contextlib.suppress(Exception):  # it is broken already: stopping it is a courtesy
            broken.stop()  # type: ignore[no-untyped-call]

    def call(self, function: Callable[..., T], *args: Any, seconds: float | None = None) -> T:
        """Run ``function(*args)`` in a worker and wait (from a thread, never the event loop). A job
        that met a broken pool (it never ran) is tried once more on a fresh one."""
        limit = seconds or self.seconds
        for attempt in (1, 2):
            pool = self._started()
            try:
                future: Future[T] = pool.schedule(function, args=args, timeout=limit)
                return self._result(future, limit)
            except BrokenProcessPool:
                self._fresh(pool)
                if attempt == 2:
                    break
        raise WorkFailed(BROKEN)

    async def run(self, function: Callable[..., T], *args: Any, seconds: float | None = None) -> T:
        """Run ``function(*args)`` in a worker; the event loop goes on meanwhile (a broken pool: as ``call``)."""
        limit = seconds or self.seconds
        for attempt in (1, 2):
            pool = self._started()
            try:
                future: Future[T] = pool.schedule(function, args=args, timeout=limit)
                with contextlib.suppress(BaseException):
                    await asyncio.wrap_future(future)
                return self._result(future, limit)
            except BrokenProcessPool:
                self._fresh(pool)
                if attempt == 2:
                    break
        raise WorkFailed(BROKEN)

    @staticmethod
    def _result(future: Future[T], limit: float) -> T:
        """The job's result; its own failures as Chinese errors (BrokenProcessPool goes to the caller)."""
        try:
            return future.result()
        except FutureTimeout:
            raise WorkFailed(
                f"处理超过 {limit:.0f} 秒仍未完成，已停止（数据或模板可能过大）。其他工作不受影响。"
            ) from None
        except ProcessExpired:
            raise WorkFailed("处理时工作进程意外结束（可能超过了内存上限），已停止。其他工作不受影响。") from None
        except MemoryError:
            raise WorkFailed("处理所需内存超过上限，已停止（数据或模板可能过大）。") from None

    def stop(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.stop()  # type: ignore[no-untyped-call]  # pebble's own annotations stop short
                self._pool.join(timeout=10)
                self._pool = None


_shared: Workers | None = None
_shared_lock = threading.Lock()


def shared() -> Workers:
    """The process's one pool (pages and API of every desk in this process use it)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Workers()
            atexit.register(_shared.stop)
        return _shared


__all__ = ["JOB_SECONDS", "WorkFailed", "Workers", "shared"]
