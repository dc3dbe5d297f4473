"""Run one measured child process: wall time, its peak RSS, and the Scrapy stats it logged.

Every crawl runs in a fresh process (and process group) so that its memory is its own.
A crawl may start worker processes (the parse pool), so the peak RSS is the peak of the
*sum* over the process group, sampled every 50 ms from ``/proc``; ``os.wait4``'s
``ru_maxrss`` (the largest single process) is a floor for it.
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
    """How one child process went. ``max_rss_mib`` is the peak resident memory of it and its workers together."""

    command: list[str]
    returncode: int
    wall_seconds: float
    max_rss_mib: float
    timed_out: bool = False
    stats: dict[str, float] = field(default_factory=dict)
    cpu_seconds: float = 0.0  # user + system time of the process and the workers it waited for

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
        sampler = _GroupRss(process.pid)
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            sampler.stop()
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    peak_mib = max(sampler.peak_kib, usage.ru_maxrss) / 1024
    cpu = usage.ru_utime + usage.ru_stime
    return ProcessRun(command, process.returncode, wall, peak_mib, timed_out.is_set(), cpu_seconds=cpu)


class _GroupRss(threading.Thread):
    """Samples the summed resident memory of every process in one process group."""

    def __init__(self, group: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.group = group
        self.interval = interval
        self.peak_kib = 0
        self._stopped = threading.Event()
        self._page_kib = os.sysconf("SC_PAGE_SIZE") // 1024

    def run(self) -> None:
        while not self._stopped.wait(self.interval):
            self.peak_kib = max(self.peak_kib, self._sample())

    def stop(self) -> None:
        self._stopped.set()
        self.join()

    def _sample(self) -> int:
        total = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                if int(fields[2]) != self.group:  # pgrp, the 5th field of stat
                    continue
                with open(f"/proc/{entry.name}/statm", "rb") as handle:
                    total += int(handle.read().split()[1]) * self._page_kib
            except (OSError, IndexError, ValueError):  # the process ended meanwhile
                continue
        return total


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
