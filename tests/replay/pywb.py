"""Replay WARC files in pywb, to prove that what a crawl archived can be played back.

pywb pins dependency versions that clash with the archiver's, so it lives in its own
virtualenv (``<repo>/.cache/pywb-venv``, created once with ``pip install pywb`` and reused).
:func:`replay` builds a pywb collection from WARC files in a scratch folder, runs
``wayback`` on a free port of 127.0.0.1 and yields a :class:`Replay` that fetches pages.

    with replay(warc_files, tmp_path) as wayback:
        html = wayback.fetch("http://example.org/post", "20261125143000")
"""

from __future__ import annotations

import gzip
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.servers import stop_process

REPO = Path(__file__).resolve().parents[2]
PYWB_VENV = REPO / ".cache" / "pywb-venv"
COLLECTION = "crawl"
PIP_TIMEOUT = 600


class PywbUnavailable(RuntimeError):
    """pywb could not be installed (PyPI unreachable) or does not start."""


def ensure_pywb(venv: Path = PYWB_VENV) -> Path:
    """The ``bin`` folder of a virtualenv with pywb, creating it on first use."""
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    if (bin_dir / "wayback").exists() and (bin_dir / "wb-manager").exists():
        return bin_dir
    try:
        if not (bin_dir / "pip").exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(bin_dir / "pip"), "install", "--quiet", "pywb"],
            check=True,
            capture_output=True,
            text=True,
            timeout=PIP_TIMEOUT,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        output = getattr(error, "stderr", "") or ""
        raise PywbUnavailable(
            f"could not pip install pywb into {venv}: {output[-500:]}"
        ) from error
    return bin_dir


@dataclass
class Replay:
    """A running ``wayback`` serving one collection."""

    port: int
    collection: str = COLLECTION

    def url(self, original: str, timestamp: str = "", modifier: str = "mp_") -> str:
        """The replay URL: ``mp_`` is the rewritten page, ``id_`` the page as archived."""
        return f"http://127.0.0.1:{self.port}/{self.collection}/{timestamp}{modifier}/{original}"

    def fetch(
        self, original: str, timestamp: str = "", modifier: str = "mp_"
    ) -> tuple[int, str]:
        """Status and decoded text of the replayed page (archived errors keep their status)."""
        request = urllib.request.Request(self.url(original, timestamp, modifier))
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, headers, body = (
                    response.status,
                    response.headers,
                    response.read(),
                )
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, error.headers, error.read()
        encoding = (headers.get("Content-Encoding") or "").lower()
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        return status, body.decode("utf-8", "replace")


@contextmanager
def replay(warc_files: Iterable[Path], workdir: Path) -> Iterator[Replay]:
    """Serve ``warc_files`` with pywb from ``workdir`` until the block ends."""
    bin_dir = ensure_pywb()
    workdir.mkdir(parents=True, exist_ok=True)
    manager = str(bin_dir / "wb-manager")
    for args in (["init", COLLECTION], ["add", COLLECTION, *map(str, warc_files)]):
        subprocess.run([manager, *args], cwd=workdir, check=True, capture_output=True)
    port = _free_port()
    log = (workdir / "wayback.log").open("wb")
    server = subprocess.Popen(
        [str(bin_dir / "wayback"), "-p", str(port), "-b", "127.0.0.1", "-t", "2"],
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_listening(port, server, workdir / "wayback.log")
        yield Replay(port)
    finally:
        stop_process(server)
        log.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(
    port: int, server: subprocess.Popen, log: Path, timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise PywbUnavailable(
                f"wayback exited: {log.read_text(errors='replace')[-2000:]}"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise PywbUnavailable(f"wayback did not listen on port {port} within {timeout} s")
