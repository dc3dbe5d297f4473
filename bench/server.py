"""A fast static file server for the synthetic blog, on 127.0.0.1 only.

An asyncio HTTP/1.1 server with keep-alive, in its own process, so that serving pages
costs the crawlers under test as little CPU as possible and never shares their GIL.
``/path/`` is answered from ``path/index.html`` (or ``index.xml`` for the feed), as a
WordPress site's pretty permalinks are, and ``/path/?page=2`` from ``path/index.page-2.html``
when there is one. :func:`running_server` starts it for the
benchmark; ``python -m bench.server FOLDER`` runs it by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import posixpath
import subprocess
import sys
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path
from urllib.parse import unquote, urlsplit

_TYPES = {
    ".html": "text/html; charset=UTF-8",
    ".xml": "application/xml; charset=UTF-8",
    ".txt": "text/plain; charset=UTF-8",
    ".json": "application/json",
}
_INDEXES = ("index.html", "index.xml")
_REASONS = {200: "OK", 301: "Moved Permanently", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}
_LAST_MODIFIED = formatdate(0, usegmt=True)


def query_index(query: str) -> str:
    """The file that answers ``/path/?query`` in the folder of ``/path/``: ``cpage=2`` is
    ``index.cpage-2.html``. Only names of letters, digits and ``-`` are kept."""
    return "index." + "".join(c if c.isalnum() else "-" for c in query) + ".html"


def resolve(root: Path, target: str) -> tuple[int, Path | str | None]:
    """Status and file (or redirect location) for a request target; never leaves ``root``.

    A query selects ``index.<query>.html`` (:func:`query_index`) when the folder has that
    file (the paged views of the second site, ``?page=2``, ``?cpage=3``); any other query
    is ignored, as a static site ignores it."""
    raw = target.encode("latin-1").decode("utf-8", "replace")  # a client may send UTF-8 unencoded
    parts = urlsplit(raw)
    path = unquote(parts.path or "/")
    clean = posixpath.normpath(path)
    if not path.startswith("/") or ".." in clean.split("/") or "\x00" in path:
        return 400, None
    local = root / clean.lstrip("/")
    if local.is_dir():
        if not path.endswith("/"):
            return 301, path + "/" + (f"?{parts.query}" if parts.query else "")
        if parts.query and (local / query_index(parts.query)).is_file():
            return 200, local / query_index(parts.query)
        for name in _INDEXES:
            if (local / name).is_file():
                return 200, local / name
        return 404, None
    return (200, local) if local.is_file() else (404, None)


async def _respond(root: Path, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                return
            lines = head.decode("latin-1").split("\r\n")
            parts = lines[0].split()
            if len(parts) != 3:
                return
            method, target, version = parts
            headers = {k.strip().lower(): v.strip().lower() for k, _, v in (h.partition(":") for h in lines[1:] if h)}
            keep_alive = headers.get("connection") != "close" and (
                version == "HTTP/1.1" or headers.get("connection") == "keep-alive"
            )
            writer.write(_response(root, method, target, keep_alive))
            await writer.drain()
            if not keep_alive:
                return
    finally:
        with contextlib.suppress(ConnectionError):
            writer.close()


def _response(root: Path, method: str, target: str, keep_alive: bool) -> bytes:
    status, found = (405, None) if method not in ("GET", "HEAD") else resolve(root, target)
    extra = ""
    body = b""
    content_type = "text/plain; charset=UTF-8"
    if status == 200 and isinstance(found, Path):
        body = found.read_bytes()
        content_type = _TYPES.get(found.suffix, "application/octet-stream")
        extra = f"Last-Modified: {_LAST_MODIFIED}\r\n"
    elif status == 301:
        extra = f"Location: {found}\r\n"
    else:
        body = _REASONS[status].encode()
    head = (
        f"HTTP/1.1 {status} {_REASONS[status]}\r\nServer: bench-static\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n{extra}Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n"
    )
    return head.encode("latin-1") + (b"" if method == "HEAD" else body)


async def _serve(root: Path, port: int) -> None:
    server = await asyncio.start_server(lambda r, w: _respond(root, r, w), "127.0.0.1", port, backlog=512)
    bound = server.sockets[0].getsockname()[1]
    print(f"listening http://127.0.0.1:{bound}/", flush=True)
    async with server:
        await server.serve_forever()


def serve_forever(root: Path, port: int = 0) -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(root.resolve(), port))


@contextlib.contextmanager
def running_server(root: Path) -> Iterator[str]:
    """Serve ``root`` from a child process for the ``with`` block; yields the site's base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.server", str(root)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        if not line.startswith("listening "):
            raise RuntimeError(f"static server did not start: {line!r}")
        yield line.split(" ", 1)[1]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.server", description="Serve a folder on 127.0.0.1.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    serve_forever(args.root, args.port)


if __name__ == "__main__":
    main()
