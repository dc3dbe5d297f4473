"""Child processes of the WordPress tests (mariadbd, ``php -S``) that cannot outlive them.

Each server runs in a session of its own, so stopping it stops every process it forked
(``php -S`` with ``PHP_CLI_SERVER_WORKERS`` forks workers), and asks the kernel to
terminate it if the test process dies without stopping it (``PR_SET_PDEATHSIG``): a
pytest killed by a timeout leaves no database or web server running.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from pathlib import Path
from typing import Any

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: stop() alone then
        pass


def start(command: list[str], log: Path, env: dict[str, str] | None = None,
          cwd: Path | None = None) -> subprocess.Popen[Any]:
    """``command`` in its own session, stdout and stderr appended to ``log``."""
    with log.open("ab") as output:
        return subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            env=env, cwd=cwd, start_new_session=True, preexec_fn=_die_with_parent,
        )


def stop(process: subprocess.Popen[Any], timeout: float = 30) -> None:
    """SIGTERM to the process's whole session, SIGKILL after ``timeout`` seconds."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def tail(log: Path, size: int = 3000) -> str:
    """The end of a log file, for an error message."""
    try:
        return log.read_text(errors="replace")[-size:]
    except OSError:
        return ""
