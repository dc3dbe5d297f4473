"""Run one measured child process: wall time, its own peak RSS, and the Scrapy stats it logged.

Every crawl runs in a fresh process so that its memory is its own: ``os.wait4`` returns
the resource usage of exactly that child, where ``getrusage(RUSAGE_CHILDREN)`` would give
the largest of all children so far.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

_STAT = re.compile(r"'([^']+)': (-?\d+(?:\.\d+)?)[,}]")


@dataclass
class ProcessRun:
    """How one child process went. ``max_rss_mib`` is that process's peak resident memory."""

    command: list[str]
    returncode: int
    wall_seconds: float
    max_rss_mib: float
    timed_out: bool = False
    stats: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def run_measured(command: list[str], *, cwd: Path, log: Path, timeout: float, env: dict[str, str] | None = None) -> ProcessRun:
    """Run ``command`` with stdout and stderr into ``log``; kill its process group after ``timeout`` s."""
    log.parent.mkdir(parents=True, exist_ok=True)
    timed_out = threading.Event()
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                   env=env, start_new_session=True)

        def stop() -> None:
            timed_out.set()
            os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return ProcessRun(command, process.returncode, wall, usage.ru_maxrss / 1024, timed_out.is_set())


def scrapy_stats(log_text: str) -> dict[str, float]:
    """The numeric values of the last "Dumping Scrapy stats" block of a Scrapy log."""
    start = log_text.rfind("Dumping Scrapy stats:")
    if start < 0:
        return {}
    block = log_text[start:]
    end = block.find("}\n")
    block = block[: end + 1] if end >= 0 else block
    return {key: float(value) for key, value in _STAT.findall(block)}


def tail(path: Path, lines: int = 15) -> str:
    """The last lines of a log, for a failure message."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
