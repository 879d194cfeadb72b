"""Child processes that end with their parent.

A batch's workers and a template's rendering run in processes docgen starts. When the process
that started them is killed outright (kill -9, the out-of-memory killer), nothing runs in it to
stop them: they must notice themselves. On Linux the kernel tells them — ``prctl(PR_SET_PDEATHSIG)``
sends a child SIGKILL when its parent dies — and everywhere a thread in the child watches the
parent's id as well (a child whose parent has died is adopted by another process).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
#: How often the watching thread looks at its parent (the kernel's signal needs no looking).
WATCH_SECONDS = 1.0


def end_with_parent(parent: int) -> None:
    """Make the calling process (a child of ``parent``) end when ``parent`` does."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the kernel was told: end now
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="docgen-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
