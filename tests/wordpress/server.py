"""The test site served by PHP's built-in web server on 127.0.0.1.

``php -S 127.0.0.1:PORT -t DOCROOT php/router.php``: no Apache, nothing to configure
outside the tmp dir. ``PHP_CLI_SERVER_WORKERS=2`` lets it answer two requests at once
(the crawler sends several; a single worker would serialise them behind each other), and
opcache keeps WordPress from being compiled again for every page.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.wordpress import processes
from tests.wordpress.availability import command
from tests.wordpress.docroot import PHP

WORKERS = 2


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (the site's URL needs it up front)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PhpServer:
    """``with PhpServer(root, port, log) as server:`` serves ``root`` at ``server.url``."""

    def __init__(self, root: Path, port: int, log: Path) -> None:
        self.root = root
        self.port = port
        self.log = log
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[Any] | None = None

    def start(self) -> None:
        env = dict(os.environ, PHP_CLI_SERVER_WORKERS=str(WORKERS))
        self.process = processes.start(
            [str(command("php")), "-d", "opcache.enable_cli=1", "-d", "display_errors=stderr",
             "-S", f"127.0.0.1:{self.port}", "-t", str(self.root), str(PHP / "router.php")],
            self.log, env=env, cwd=self.root,
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"php -S exited with {self.process.returncode}:\n{processes.tail(self.log)}")
            try:
                with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=10) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise RuntimeError(f"php -S not answering after {timeout} s:\n{processes.tail(self.log)}")

    def stop(self) -> None:
        if self.process is not None:
            processes.stop(self.process, timeout=10)
            self.process = None

    def __enter__(self) -> PhpServer:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
