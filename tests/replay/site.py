"""A small HTTP site on 127.0.0.1 that exercises every way a response can be framed.

Pages: an HTML home page linking to the others, a gzip-encoded page, a chunked page, a
301 redirect, a 404, a 500, a feed, robots.txt (which forbids ``/private``). Bodies are
module constants so tests compare archived bytes with what was served.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

from tests.servers import serve_in_thread

ROBOTS = b"User-agent: *\nDisallow: /private\n"
HOME = b"""<!doctype html><html><head><title>Probe home</title></head><body>
<h1>Home of the probe site</h1>
<a href="/gzip">gzip</a> <a href="/chunked">chunked</a> <a href="/redirect">redirect</a>
<a href="/missing">missing</a> <a href="/error">error</a> <a href="/feed.xml">feed</a>
<a href="/private">private</a> <a href="/gone">gone</a>
</body></html>"""
GZIP_HTML = (
    b"<!doctype html><html><head><title>Gzip page</title></head><body>"
    b"<p>This page travelled gzip-encoded: "
    + b"compressible text " * 50
    + b"</p></body></html>"
)
CHUNKS = [
    b"<!doctype html><html><head><title>Chunked page</title></head><body>",
    b"<p>Sent ",
    b"in chunks.</p></body></html>",
]
CHUNKED_HTML = b"".join(CHUNKS)
TARGET_HTML = b"<!doctype html><html><body><p>Redirect target</p></body></html>"
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Probe</title>
<item><link>/gzip</link></item></channel></rss>"""
MISSING = b"<html><body>Not here</body></html>"
ERROR = b"<html><body>Server broke</body></html>"
SHORT_SENT = b"<html><body>cut"
SHORT_PROMISED = 100

# The server hangs up on this path without answering: following /gone gets no response.
DEAD_PATH = "/drop"
# Paths a crawl from "/" fetches (robots.txt forbids /private); /error is retried.
FETCHED_PATHS = [
    "/robots.txt",
    "/",
    "/gzip",
    "/chunked",
    "/redirect",
    "/target",
    "/missing",
    "/error",
    "/feed.xml",
    "/gone",
]


class ProbeHandler(BaseHTTPRequestHandler):
    """Serves the probe site over HTTP/1.1 (keep-alive, so chunking is possible)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        routes = {
            "/robots.txt": lambda: self._send(200, ROBOTS, "text/plain"),
            "/": lambda: self._send(200, HOME),
            "/gzip": self._gzip,
            "/chunked": self._chunked,
            "/redirect": lambda: self._send(301, b"", extra={"Location": "/target"}),
            "/gone": lambda: self._send(301, b"", extra={"Location": DEAD_PATH}),
            DEAD_PATH: self._hang_up,
            "/short": self._short,
            "/target": lambda: self._send(200, TARGET_HTML),
            "/feed.xml": lambda: self._send(200, FEED, "application/rss+xml"),
            "/private": lambda: self._send(200, b"secret"),
            "/error": lambda: self._send(500, ERROR),
        }
        routes.get(self.path, lambda: self._send(404, MISSING))()

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _hang_up(self) -> None:
        self.close_connection = True

    def _short(self) -> None:
        """Promise more bytes than are sent, then hang up (not linked from the home page)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(SHORT_PROMISED))
        self.end_headers()
        self.wfile.write(SHORT_SENT)
        self.close_connection = True

    def _gzip(self) -> None:
        self._send(
            200,
            gzip.compress(GZIP_HTML),
            extra={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )

    def _chunked(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in CHUNKS:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@contextmanager
def serve() -> Iterator[str]:
    """Run the site on a free port; yields its base URL (``http://127.0.0.1:PORT``)."""
    with serve_in_thread(ProbeHandler) as url:
        yield url
