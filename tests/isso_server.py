"""A real Isso comment server (from PyPI) on 127.0.0.1, seeded through its own API.

Isso pins its own dependencies, so it lives in its own virtualenv
(``<repo>/.cache/isso-venv``, created once with ``pip install isso`` and reused, as pywb's
is). :func:`isso` writes a config (no moderation, no rate-limit guard: the test seeds
many comments from one address), runs ``isso run`` on a free port and yields an
:class:`Isso` that posts comments with ``POST /new?uri=…`` exactly as the widget does,
e-mail included (which the archiver must never keep).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.servers import stop_process

REPO = Path(__file__).resolve().parents[1]
ISSO_VENV = REPO / ".cache" / "isso-venv"
PIP_TIMEOUT = 600


class IssoUnavailable(RuntimeError):
    """Isso could not be installed (PyPI unreachable) or does not start."""


def ensure_isso(venv: Path = ISSO_VENV) -> Path:
    """The ``isso`` command of a virtualenv with Isso, creating it on first use."""
    command = venv / ("Scripts" if os.name == "nt" else "bin") / "isso"
    if command.exists():
        return command
    try:
        if not (venv / "bin" / "pip").exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "isso"], check=True, capture_output=True,
                       text=True, timeout=PIP_TIMEOUT)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        raise IssoUnavailable(f"could not pip install isso into {venv}: {getattr(error, 'stderr', '')[-500:]}") from error
    return command


@dataclass
class Isso:
    """A running Isso server and the comments posted to it (as it answered them)."""

    url: str
    posted: list[dict[str, Any]] = field(default_factory=list)

    def post(self, uri: str, text: str, author: str, *, parent: int | None = None, website: str | None = None,
             email: str | None = None, title: str = "A post") -> dict[str, Any]:
        data = {"text": text, "author": author, "website": website, "email": email, "parent": parent, "title": title}
        request = urllib.request.Request(f"{self.url}/new?uri={urllib.request.quote(uri)}", method="POST",
                                         data=json.dumps(data).encode(), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            created: dict[str, Any] = json.loads(answer.read())
        self.posted.append(created)
        return created


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def isso(workdir: Path, site_url: str) -> Iterator[Isso]:
    """Run Isso from ``workdir`` for a site at ``site_url`` until the block ends."""
    command = ensure_isso()
    workdir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    config = workdir / "isso.cfg"
    config.write_text(f"""[general]
dbpath = {workdir / 'comments.db'}
host = {site_url}
[server]
listen = http://127.0.0.1:{port}/
[moderation]
enabled = false
[guard]
enabled = false
""", encoding="utf-8")
    log = (workdir / "isso.log").open("wb")
    server = subprocess.Popen([str(command), "-c", str(config), "run"], cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, server, workdir / "isso.log")
        yield Isso(url)
    finally:
        stop_process(server)
        log.close()


def _wait_ready(url: str, server: subprocess.Popen[Any], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise IssoUnavailable(f"isso exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/info", timeout=5):
                return
        except urllib.error.HTTPError:
            return  # answering
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise IssoUnavailable(f"isso not answering on {url} within {timeout} s")
