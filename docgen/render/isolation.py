"""A user's template runs where a memory limit applies.

The sandbox keeps a template from reaching Python, and a time limit stops a loop; neither stops
one C operation that asks for gigabytes (``'a'|center(3000000000)``). So on Linux a user's
template is rendered in a forked child process: its address space may grow by
``MEMORY_BYTES`` at most (RLIMIT_AS, so the allocation fails there, as a MemoryError, not in
docgen's own process) and the parent stops it after its time, from any thread. What comes back is
the documents or the Chinese error; the parent keeps its prepared templates. docgen's own
templates are trusted and render in process. Where there is no ``fork`` or no RLIMIT_AS
(Windows, macOS), a user's template renders in process, under the time limit only.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import sys
import time
import traceback
from collections.abc import Callable
from typing import TypeVar

from docgen.children import end_with_parent
from docgen.errors import DocgenError
from docgen.render.errors import TemplateProblem

#: Address space a rendering may add to what its process holds: far above any form (a few MB).
MEMORY_BYTES = 1024 * 1024 * 1024
#: Seconds the child gets beyond its time limit to start and to send its answer back.
_SLACK_SECONDS = 5.0

T = TypeVar("T")


def available() -> bool:
    """True where a rendering can be given its own memory limit (Linux)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def isolated(work: Callable[[], T], *, seconds: float, name: str) -> T:
    """``work()`` in a child process under MEMORY_BYTES and ``seconds``: its value, or its
    DocgenError raised here; TemplateProblem (naming the template ``name``) when it ran out of
    memory, out of time, or died."""
    if not available():
        return work()
    reader, writer = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        _child(work, reader, writer, name, parent)
    os.close(writer)
    finished = False
    try:
        blob = _read_until(reader, time.monotonic() + seconds + _SLACK_SECONDS)
        finished = True
    except TimeoutError:
        raise TemplateProblem(f"模板「{name}」渲染超过 {seconds:g} 秒（可能含有过多的循环），已停止") from None
    finally:
        os.close(reader)
        if not finished:  # out of time, or the parent was interrupted: the child goes too
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if not blob:
        raise TemplateProblem(
            f"模板「{name}」渲染时进程意外结束（可能超出内存上限 {MEMORY_BYTES // 1024**2} MiB），已停止"
        )
    kind, answer = pickle.loads(blob)
    if kind == "value":
        return answer  # type: ignore[no-any-return]
    if kind == "error":
        raise answer
    raise RuntimeError(f"rendering failed in the child process:\n{answer}")  # a bug: shown as one


def _child(work: Callable[[], object], reader: int, writer: int, name: str, parent: int) -> None:
    status = 0
    try:
        os.close(reader)
        end_with_parent(parent)  # a parent killed outright takes its rendering with it
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        _limit_memory()
        answer: tuple[str, object]
        try:
            answer = ("value", work())
        except MemoryError:
            limit = MEMORY_BYTES // 1024**2
            answer = ("error", TemplateProblem(f"模板「{name}」渲染所需的内存超过上限（{limit} MiB），已停止"))
        except DocgenError as exc:
            answer = ("error", exc)
        except BaseException:
            answer = ("bug", traceback.format_exc())
        try:
            payload = pickle.dumps(answer)
        except (pickle.PicklingError, TypeError, AttributeError):
            payload = pickle.dumps(("bug", traceback.format_exc()))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(payload)
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _limit_memory() -> None:
    pages = int(open("/proc/self/statm", encoding="ascii").read().split()[0])  # noqa: SIM115 - read once
    wanted = pages * resource.getpagesize() + MEMORY_BYTES
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def _read_until(fd: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
