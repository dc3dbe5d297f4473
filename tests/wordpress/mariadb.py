"""A MariaDB server of the test's own: its own data directory and unix socket, no TCP port.

The server the Debian package may have set up (``/var/lib/mysql``, ``/run/mysqld``, port
3306) is never used: ``--no-defaults`` keeps ``/etc/mysql`` out, ``--skip-networking``
means the test server opens no port at all, and everything it writes (data, socket, pid,
log) is under the directory it is given, a pytest tmp dir. So the tests neither need nor
disturb a system MariaDB, whether or not the package's postinst started one.

The data directory is created fresh by ``mariadb-install-db`` with root authenticated
"normally" (by password, here empty) rather than through the unix user, so the test can
connect as root whatever user it runs as. Durability is traded for speed
(``innodb_flush_log_at_trx_commit=2``, no doublewrite): the database lives as long as the
test module.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

from tests.wordpress import processes
from tests.wordpress.availability import command

DATABASE = "wordpress"
# Server options for both the bootstrap that creates the data directory and the server:
# a small redo log (the default 96 MiB would be most of the test's disk use).
STORAGE_OPTIONS = ["--innodb-log-file-size=8M", "--character-set-server=utf8mb4",
                   "--collation-server=utf8mb4_unicode_ci"]
# A unix socket path must fit in sockaddr_un (108 bytes with the terminating NUL).
MAX_SOCKET_PATH = 100


class MariaDB:
    """``with MariaDB(directory) as db:`` starts the server, ``db.socket`` is its socket."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.datadir = directory / "data"
        self.socket = directory / "mysqld.sock"
        self.log = directory / "mysqld.log"
        self.process: subprocess.Popen[Any] | None = None
        if len(str(self.socket)) > MAX_SOCKET_PATH:
            raise ValueError(f"socket path too long for a unix socket: {self.socket}")

    def _as_user(self) -> list[str]:
        # mariadbd refuses to run as root unless told to.
        return ["--user=root"] if os.geteuid() == 0 else []

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "tmp").mkdir(exist_ok=True)
        install = subprocess.run(
            [str(command("mariadb-install-db")), "--no-defaults", f"--datadir={self.datadir}",
             "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
             *STORAGE_OPTIONS, *self._as_user()],
            capture_output=True, text=True, check=False, timeout=120,
        )
        if install.returncode != 0:
            raise RuntimeError(f"mariadb-install-db failed:\n{install.stdout[-2000:]}\n{install.stderr[-2000:]}")
        self.process = processes.start(
            [str(command("mariadbd")), "--no-defaults", f"--datadir={self.datadir}",
             f"--socket={self.socket}", f"--pid-file={self.directory / 'mysqld.pid'}",
             f"--log-error={self.log}", f"--tmpdir={self.directory / 'tmp'}", "--skip-networking",
             "--skip-name-resolve", *STORAGE_OPTIONS, "--innodb-buffer-pool-size=64M",
             "--innodb-flush-log-at-trx-commit=2", "--innodb-doublewrite=0",
             "--performance-schema=OFF", *self._as_user()],
            self.directory / "mysqld.out",
        )
        self._wait_ready()
        self.sql(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")

    def _wait_ready(self, timeout: float = 60) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mariadbd exited with {self.process.returncode}:\n{processes.tail(self.log)}")
            if self.socket.exists() and self._ping():
                return
            time.sleep(0.1)
        raise RuntimeError(f"mariadbd not ready after {timeout} s:\n{processes.tail(self.log)}")

    def _ping(self) -> bool:
        done = subprocess.run(self._client("-e", "SELECT 1"), capture_output=True, check=False, timeout=30)
        return done.returncode == 0

    def _client(self, *arguments: str) -> list[str]:
        return [str(command("mariadb")), "--no-defaults", f"--socket={self.socket}", "--user=root", *arguments]

    def sql(self, statement: str) -> str:
        """Run one statement as root; its tab-separated output."""
        done = subprocess.run(self._client("--batch", "-e", statement), capture_output=True, text=True,
                              check=False, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"SQL failed: {statement}\n{done.stderr}")
        return done.stdout

    def stop(self) -> None:
        """A clean shutdown (SIGTERM), forced after 30 s."""
        if self.process is not None:
            processes.stop(self.process, timeout=30)
            self.process = None

    def __enter__(self) -> MariaDB:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
