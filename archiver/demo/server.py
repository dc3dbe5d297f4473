"""The demo blog over HTTP/1.1 on 127.0.0.1, for the default crawl and the tests.

Behaviours a crawler must cope with are built in: gzip bodies when the client accepts
them, one post sent with ``Transfer-Encoding: chunked``, a 301 from an old permalink, a
404 link, a ``robots.txt`` that disallows a linked section. Every request is logged in
:attr:`DemoServer.hits` so tests can check what a crawl fetched, not only what it kept.

Options for tests of incremental and interrupted crawls: ``delay`` (seconds each answer
waits, so a crawl lasts long enough to be killed half way), ``validators`` (an ``ETag``
on every page and ``304 Not Modified`` for a matching ``If-None-Match``),
:meth:`DemoServer.edit` to change the model safely while it is served, and
:meth:`DemoServer.holding` to keep some pages unanswered until a test has seen what the
crawlers do meanwhile (which worker of a pool took which request, say).
"""

from __future__ import annotations

import gzip
import hashlib
import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from archiver.demo import render
from archiver.demo.model import SiteModel, build_site, slugify

HTML = "text/html; charset=UTF-8"
_COMMENT_PAGE = re.compile(r"^(?P<post>/\d{4}/\d{2}/\d{2}/[^/]+/)comment-page-(?P<n>\d+)/$")
_LISTING = re.compile(r"^(?P<base>/(?:(?:category|tag)/[^/]+/)?)(?:page/(?P<n>\d+)/)?$")


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = HTML
    location: str | None = None


@dataclass
class DemoServer:
    """A running demo site: its URL, its model, and the log of requests it answered."""

    url: str
    model: SiteModel
    hits: Counter[str] = field(default_factory=Counter)
    gzipped: int = 0
    chunked: int = 0
    delay: float = 0.0
    validators: bool = False
    not_modified: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    held: Callable[[str], bool] | None = None
    released: threading.Condition = field(default_factory=threading.Condition)

    @contextmanager
    def edit(self) -> Iterator[SiteModel]:
        """The model, with no page rendered while the block changes it."""
        with self.lock:
            yield self.model

    @contextmanager
    def holding(self, held: Callable[[str], bool]) -> Iterator[None]:
        """Requests for the paths ``held`` picks wait while the block runs; the rest are answered.

        Unlike :meth:`edit`, which stops every answer, this lets a crawl go on up to the
        held pages, so a test can see which requests are in flight, and where, before any
        of them is answered.
        """
        with self.released:
            self.held = held
        try:
            yield
        finally:
            with self.released:
                self.held = None
                self.released.notify_all()

    def wait_if_held(self, path: str) -> None:
        with self.released:
            self.released.wait_for(lambda: self.held is None or not self.held(path))


def route(site: SiteModel, path: str, base_url: str) -> Reply:
    """The reply for one request path: a pure function of the model."""
    if path == "/robots.txt":
        return Reply(200, render.robots(site, base_url).encode(), "text/plain; charset=utf-8")
    if path == "/feed/":
        return Reply(200, render.feed(site, base_url).encode(), "application/rss+xml; charset=UTF-8")
    if path == "/sitemap.xml":
        return Reply(200, render.sitemap_index(base_url).encode(), "application/xml; charset=UTF-8")
    if path == "/post-sitemap.xml":
        return Reply(200, render.post_sitemap(site, base_url).encode(), "application/xml; charset=UTF-8")
    if path == site.redirect_path:
        return Reply(301, location=f"{base_url}{site.redirect_target.path}")
    if path == site.private_path:
        return Reply(200, render.private_page(site).encode())
    post = site.post_at(path)
    if post is not None:
        return Reply(200, render.post_page(site, post, None).encode())
    match = _COMMENT_PAGE.match(path)
    if match and (post := site.post_at(match["post"])) is not None:
        number = int(match["n"])
        if 1 <= number <= len(site.comment_pages(post)):
            return Reply(200, render.post_page(site, post, number).encode())
    match = _LISTING.match(path)
    if match:
        html = _listing(site, match["base"], int(match["n"] or 1))
        if html is not None:
            return Reply(200, html.encode())
    return Reply(404, render.not_found_page(site).encode())


def _listing(site: SiteModel, base: str, number: int) -> str | None:
    if base == "/":
        return render.listing_page(site, base, site.title, site.posts, number)
    kind, slug = base.strip("/").split("/")
    groups = site.categories() if kind == "category" else site.tags()
    for name, posts in groups.items():
        if slugify(name) == slug:
            heading = f"{'Category' if kind == 'category' else 'Tag'} Archives: {name}"
            return render.listing_page(site, base, heading, posts, number)
    return None


def handler_for(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one :class:`DemoServer`."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "nginx"
        sys_version = ""

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            server.wait_if_held(path)
            if server.delay:
                time.sleep(server.delay)
            with server.lock:
                server.hits[path] += 1
                reply = route(server.model, path, server.url)
                chunked = path == server.model.chunked_post.path
            etag = f'"{hashlib.sha1(reply.body).hexdigest()[:20]}"' if server.validators and reply.status == 200 else None
            if etag and self.headers.get("If-None-Match") == etag:
                server.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(reply.status)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Type", reply.content_type)
            if reply.location:
                self.send_header("Location", reply.location)
            body = reply.body
            if body and "gzip" in self.headers.get("Accept-Encoding", "") and not chunked:
                body = gzip.compress(body, mtime=0)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
                server.gzipped += 1
            if chunked:
                server.chunked += 1
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for start in range(0, len(body), 4096):
                    piece = body[start : start + 4096]
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the crawl's own log says what was fetched."""

    return Handler


class _DemoHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away mid-answer (a killed crawl) is not worth a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve_demo(model: SiteModel | None = None, port: int = 0, host: str = "127.0.0.1", *,
               delay: float = 0.0, validators: bool = False) -> Iterator[DemoServer]:
    """Serve ``model`` (default: :func:`build_site`) in a daemon thread until the block ends."""
    model = model or build_site()
    demo = DemoServer(url="", model=model, delay=delay, validators=validators)
    httpd = _DemoHTTPServer((host, port), handler_for(demo))
    demo.url = f"http://{host}:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, name="demo-blog", daemon=True)
    thread.start()
    try:
        yield demo
    finally:
        # Left open by a crawl that failed before its spider closed, the block is ended by
        # the garbage collector as the interpreter exits, when the daemon thread no longer
        # runs: asking it to stop would wait forever.
        if not sys.is_finalizing():
            httpd.shutdown()
        httpd.server_close()
