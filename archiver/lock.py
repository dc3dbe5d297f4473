"""One run per crawl folder: an advisory ``fcntl.flock`` on ``<crawl>/.lock``.

Two runs writing one crawl's JSON Lines, WARC files and state at once would interleave
lines and race on the frontier, so a second run is refused instead. The lock belongs to
the open file descriptor, so the kernel drops it when the process ends in any way,
``kill -9`` included: a crashed run never leaves a stale lock behind. The file itself
holds the holder's pid and start time, only to make the refusal message useful.
"""

from __future__ import annotations

import fcntl
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Self

LOCK_FILE = ".lock"


class CrawlLocked(RuntimeError):
    """Another process holds the crawl folder's lock; raised instead of starting a run."""


class CrawlLock:
    """An exclusive, non-blocking lock on a crawl folder, held until :meth:`release`."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_FILE
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> Self:
        """Take the lock or raise :class:`CrawlLocked` naming the run that holds it."""
        if self._handle is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the run
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown process"
            handle.close()
            raise CrawlLocked(
                f"Another run of this crawl is in progress ({holder}); refusing to start a second "
                f"one on {self.path.parent}. Wait for it to finish or stop it first."
            ) from None
        handle.seek(0)
        handle.truncate()
        started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        handle.write(f"pid {os.getpid()}, started {started}\n")
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        """Give the lock up (closing the descriptor releases it)."""
        if self._handle is None:
            return
        fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
        self._handle.close()
        self._handle = None

    def __enter__(self) -> Self:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
