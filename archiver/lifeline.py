"""Worker processes that end when the process that started them dies, however it died.

A crawl killed with SIGKILL (the case the resume logic exists for), or by the OOM killer,
runs no clean-up: :class:`concurrent.futures.ProcessPoolExecutor` workers then wait
forever for their next task, because each holds both ends of its own task queue, so it
never sees the queue close. Each one kept about 75 MB, and a scheduled crawl that was
killed now and then piled them up.

**How a worker notices.** The owning process makes one pipe (:func:`lifeline`) and keeps
its write end; it never writes to it. Every worker receives the read end when it starts
(:func:`initializer` wraps the pool's own initializer) and blocks on it in a daemon
thread. When the owner ends, in any way, the kernel closes the write end, the read
returns end-of-file, and the worker exits at once with status 1. While the owner lives
the thread sleeps in the kernel and costs nothing.

**Why a pipe** and not the other ways to watch a parent:

- ``prctl(PR_SET_PDEATHSIG)`` (Linux only) fires when the *thread* that created the child
  ends, not the process. A process pool creates workers from whichever thread submits
  work (and replaces them from its manager thread), so a worker made from a short-lived
  thread would be killed under a healthy run. And with the forkserver start method
  (``archiver extract``) a worker's parent is the forkserver, not the pool's owner.
- ``os.getppid()`` polling has the same forkserver problem (the parent is not the
  owner), notices only at the next poll, and polls in every idle worker.

The pipe names the owner itself, whichever start method and thread made the worker,
works on every POSIX system, and tells the worker the moment the owner is gone. This is
the same signal Python's own forkserver and resource tracker use to end with their
process. Only the owner ever holds the write end: pipes are created non-inheritable,
and ``spawn`` and ``forkserver`` pass a child only the descriptors it is given (here
the read end). A child made with plain ``fork`` would inherit the write end, so the
owner's workers would then live until that child ends too; the archiver forks none.

One limit: the watching thread needs the GIL to act, so a worker inside one long C call
that holds it (a regular expression that never ends) exits when that call returns.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import Any

# Exit status of a worker that ended because its owner was gone.
ORPHANED_EXIT = 1

_line: tuple[int, Connection, Connection] | None = None  # (owner pid, read end, write end)
_line_lock = threading.Lock()


def lifeline() -> Connection:
    """The read end of this process's lifeline (made on first use), to hand to workers."""
    global _line
    with _line_lock:
        if _line is None or _line[0] != os.getpid():  # a forked child makes its own
            reader, writer = Pipe(duplex=False)
            _line = (os.getpid(), reader, writer)
        return _line[1]


def watch(reader: Connection) -> threading.Thread:
    """In a worker: exit the process as soon as the owner at the other end is gone."""
    thread = threading.Thread(target=_wait_for_end, args=(reader,), name="archiver-lifeline", daemon=True)
    thread.start()
    return thread


def _wait_for_end(reader: Connection) -> None:
    try:
        while True:  # nothing is ever sent; anything that is, is ignored
            reader.recv_bytes()
    except (EOFError, OSError):
        pass
    os._exit(ORPHANED_EXIT)


def initializer(
    then: Callable[..., Any] | None = None, *args: Any
) -> tuple[Callable[..., None], tuple[Any, ...]]:
    """``initializer`` and ``initargs`` for a process pool whose workers end with this process.

    ``then(*args)`` is the pool's own initializer, run after the watch has started.
    """
    return _start_worker, (lifeline(), then, args)


def _start_worker(reader: Connection, then: Callable[..., Any] | None, args: tuple[Any, ...]) -> None:
    watch(reader)
    if then is not None:
        then(*args)
