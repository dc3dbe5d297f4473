"""A local web server that misbehaves on purpose, for the reliability tests.

Every route reproduces one kind of breakage seen on the real web: lying charsets, binary
bodies behind ``.html``, a gzip bomb, a connection reset mid-body, a response that never
ends, redirect loops, rate limiting, flaky 500s, huge comment threads, comments loaded by
JavaScript. The home page links to all of them, so one crawl meets every case.

Run it by hand with ``python -m tests.hostile_site`` (prints its URL).
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from tests.servers import serve_in_thread

# --- page builders -----------------------------------------------------------------------

_POST_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head>{meta}<title>{title}</title></head>
<body><div id="content"><article class="post hentry">
<h1 class="entry-title">{title}</h1>
<time class="entry-date published" datetime="2024-03-05T10:00:00+00:00">March 5, 2024</time>
<span class="author vcard"><a class="fn url" href="/author/tester/">Test Writer</a></span>
<div class="entry-content">{body}</div>
</article>{comments}</div></body></html>
"""


def post_html(title: str, body: str, comments: str = "", meta: str = "") -> str:
    """A WordPress-like post page (article markup the parsers know)."""
    return _POST_TEMPLATE.format(title=title, body=body, comments=comments, meta=meta)


def comment_li(cid: str, author: str, text: str, children: str = "") -> str:
    """One WordPress comment ``<li>``, with nested replies in ``ul.children``."""
    nested = f'<ul class="children">{children}</ul>' if children else ""
    return (
        f'<li class="comment" id="comment-{cid}"><article class="comment-body">'
        f'<footer class="comment-meta"><div class="comment-author vcard">'
        f'<b class="fn">{author}</b></div><div class="comment-metadata">'
        f'<time datetime="2024-03-05T12:00:00+00:00">March 5, 2024 at 12:00 pm</time>'
        f'</div></footer><div class="comment-content"><p>{text}</p></div>'
        f"</article>{nested}</li>"
    )


def comment_list(items: str, declared: int | None = None) -> str:
    heading = f'<h2 class="comments-title">{declared} comments</h2>' if declared else ""
    return f'<div id="comments" class="comments-area">{heading}<ol class="comment-list">{items}</ol></div>'


def deep_thread(depth: int) -> str:
    """A reply chain ``depth`` levels deep: comment k replies to comment k-1."""
    inner = ""
    for level in range(depth, 0, -1):
        inner = comment_li(f"d{level}", f"Replier {level}", f"Reply at level {level}", inner)
    return inner


def wide_thread(count: int, prefix: str = "w") -> str:
    return "".join(comment_li(f"{prefix}{n}", f"Reader {n}", f"Comment number {n}") for n in range(count))


def unsigned_li(cid: str, text: str) -> str:
    """A comment that shows a date and a text but no commenter's name."""
    return (
        f'<li class="comment" id="comment-{cid}"><article class="comment-body"><footer class="comment-meta">'
        f'<div class="comment-metadata"><time datetime="2024-03-05T13:00:00+00:00">March 5, 2024 at 1:00 pm</time>'
        f'</div></footer><div class="comment-content"><p>{text}</p></div></article></li>'
    )


# Comments of which most show no author, and one record that shows no text at all.
HOLLOW_COMMENTS = (
    comment_li("h1", "Named Reader", "A comment with a name.")
    + unsigned_li("h2", "Nobody signed this one.")
    + unsigned_li("h3", "Nor this one, from a reader.")
    + comment_li("h4", "Empty Speaker", "")
    + unsigned_li("h5", "A third comment without a name.")
)

# A post split into three pages (WordPress's <!--nextpage-->) whose comments span two
# comment pages: page 1 of the comments is the post URL, page 2 links back to it.
SPLIT_POST = "/split/"
SPLIT_PARTS = ("/split/2/", "/split/3/", "/split/comment-page-2/")


def split_post_page(number: int) -> str:
    pages = " ".join(
        f'<span class="post-page-numbers current">{n}</span>' if n == number
        else f'<a href="{SPLIT_POST if n == 1 else f"{SPLIT_POST}{n}/"}" class="post-page-numbers">{n}</a>'
        for n in (1, 2, 3)
    )
    body = (f"<p>Part {number} of the split story.</p><p>Paragraph two of part {number}.</p>"
            f'<p class="post-nav-links">Pages: {pages}</p>')
    comments = comment_list(comment_li("s1", "First Reader", "On part one.") + comment_li("s2", "Second Reader", "Agreed.")
                            + '<div class="nav-links"><a class="next" href="/split/comment-page-2/#comments">'
                            "Newer comments</a></div>", declared=4)
    return post_html("A story in three parts", body, comments)


def split_comment_page() -> str:
    comments = comment_list(comment_li("s3", "Third Reader", "Late to this.") + comment_li("s4", "Fourth Reader", "Me too.")
                            + '<div class="nav-links"><a class="prev" href="/split/#comments">Older comments</a></div>',
                            declared=4)
    return post_html("A story in three parts", "<p>Part 1 of the split story.</p>", comments)


# --- routes ------------------------------------------------------------------------------

@dataclass
class Reply:
    """What a route answers: status, headers and body, or a raw socket behaviour."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    body: bytes = b""
    # Called instead of writing body: gets the handler and does its own socket I/O.
    raw: Callable[[BaseHTTPRequestHandler], None] | None = None


def _html(text: str, charset: str = "utf-8", declared: str | None = "utf-8", **headers: str) -> Reply:
    content_type = "text/html" + (f"; charset={declared}" if declared else "")
    return Reply(headers={"Content-Type": content_type, **headers}, body=text.encode(charset))


def _gzip_bomb() -> bytes:
    """Concatenated gzip members: ~1 MB on the wire, 2 GiB when decompressed."""
    member = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    return member * 32


def broken_gzip() -> bytes:
    """A gzip-encoded post with one byte flipped in its compressed stream, where the
    stream still runs to its end but inflates to other bytes (the CRC check fails): a
    lenient decoder hands on a garbled page. Deterministic: the first such byte from the
    middle on (the CRC byte itself if none)."""
    html = post_html("Broken gzip", "<p>" + "A story told at length. " * 300 + "</p>",
                     comment_list(wide_thread(30, prefix="g"), declared=30)).encode()
    packed = gzip.compress(html, mtime=0)
    for position in range(len(packed) // 2, len(packed) - 8):
        broken = bytearray(packed)
        broken[position] ^= 0x55
        try:
            zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(bytes(broken))
        except zlib.error as error:
            if "incorrect data check" in str(error):
                return bytes(broken)
    broken = bytearray(packed)
    broken[-8] ^= 0x55
    return bytes(broken)


BROKEN_GZIP = broken_gzip()


def _half(data: bytes) -> bytes:
    """The first half: a compressed stream cut short, sent as a whole response."""
    return data[: len(data) // 2]


def _reset_mid_body(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.wfile.write(b"<html><body><p>" + b"partial " * 500)
    handler.wfile.flush()
    # SO_LINGER with a zero timeout turns close() into a TCP reset.
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def _never_finishes(server: HostileServer) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        handler.wfile.write(b"<html><body><p>slow")
        handler.wfile.flush()
        server.stopping.wait(60)
        handler.close_connection = True

    return answer


def _big_page(size: int) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        chunk = b"<p>" + b"x" * 1017 + b"</p>\n"
        sent = 0
        try:
            while sent < size:
                piece = chunk[: size - sent]
                handler.wfile.write(piece)
                sent += len(piece)
        except OSError:
            pass  # the client gave up at its size limit, as it should

    return answer


class HostileServer:
    """The routes and their state (retry counters), plus a threaded HTTP server."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self.hits: dict[str, int] = {}
        self.hit_times: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        self._bomb: bytes | None = None
        self.routes: dict[str, Callable[[], Reply]] = self._build_routes()

    # Each value is a post the crawl must archive, keyed by the route that serves it.
    def _build_routes(self) -> dict[str, Callable[[], Reply]]:
        nested_forms = "<form><form><p>Nested forms and <b>unclosed <i>tags<p>still text"
        deep = "<div>" * 10000 + "<p>Deep inside ten thousand divs.</p>"
        return {
            "/robots.txt": lambda: Reply(headers={"Content-Type": "text/plain"}, body=b"User-agent: *\nDisallow: /private/\n"),
            "/": self._home,
            "/malformed.html": lambda: _html(post_html("Malformed markup", f"<p>First paragraph survives.{nested_forms}")),
            "/deep-nesting.html": lambda: _html(post_html("Deeply nested", deep)),
            "/cp1252-no-charset.html": lambda: _html(post_html("Caf\u00e9 cr\u00e8me \u2013 no charset", "<p>Na\u00efve \u201cquotes\u201d</p>"), charset="cp1252", declared=None),
            "/latin1.html": lambda: _html(post_html("Se\u00f1or Gar\u00e7on", "<p>\u00c0 la fran\u00e7aise</p>"), charset="iso-8859-1", declared="iso-8859-1"),
            "/shift-jis.html": lambda: _html(post_html("\u65e5\u672c\u8a9e\u306e\u8a18\u4e8b", "<p>\u3053\u3093\u306b\u3061\u306f\u4e16\u754c</p>", meta='<meta charset="shift_jis">'), charset="shift_jis", declared=None),
            "/lying-meta.html": lambda: _html(post_html("Lying meta \u00e9t\u00e9", "<p>UTF-8 body, meta says latin-1: \u00e9t\u00e9</p>", meta='<meta charset="iso-8859-1">'), declared=None),
            "/bom.html": lambda: Reply(headers={"Content-Type": "text/html"}, body=b"\xef\xbb\xbf" + post_html("BOM page \u2713", "<p>Starts with a byte order mark</p>").encode()),
            "/nul-bytes.html": lambda: Reply(body=post_html("NUL bytes", "<p>before\0after</p>").encode()),
            "/document.html": lambda: Reply(headers={"Content-Type": "text/html"}, body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + bytes(range(256)) * 20),
            "/image.html": lambda: Reply(headers={"Content-Type": "image/png"}, body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10),
            "/empty.html": lambda: Reply(body=b""),
            "/huge.html": lambda: Reply(raw=_big_page(50 * 1024 * 1024)),
            "/bomb.html": self._bomb_reply,
            "/broken-gzip.html": lambda: Reply(headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, body=BROKEN_GZIP),
            "/truncated-gzip.html": lambda: Reply(headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, body=_half(gzip.compress(post_html("Truncated", "<p>" + "words " * 2000 + "</p>").encode()))),
            "/reset.html": lambda: Reply(raw=_reset_mid_body),
            "/slow.html": lambda: Reply(raw=_never_finishes(self)),
            "/loop-a.html": lambda: Reply(status=302, headers={"Location": "/loop-b.html"}),
            "/loop-b.html": lambda: Reply(status=302, headers={"Location": "/loop-a.html"}),
            "/elsewhere.html": lambda: Reply(status=301, headers={"Location": "http://other-host.invalid/post.html"}),
            "/rate-limited.html": self._rate_limited,
            "/flaky.html": self._flaky,
            "/forbidden.html": lambda: Reply(status=403, body=b"Forbidden"),
            "/missing.html": lambda: Reply(status=404, body=b"Not found"),
            "/gone.html": lambda: Reply(status=410, body=b"Gone"),
            "/private/secret.html": lambda: _html(post_html("Secret", "<p>robots.txt forbids this page</p>")),
            "/five-thousand-comments.html": lambda: _html(post_html("Five thousand comments", "<p>A busy thread.</p>", comment_list(wide_thread(4950) + deep_thread(50), declared=5000))),
            "/duplicate-ids.html": lambda: _html(post_html("Duplicate comment ids", "<p>Same id twice.</p>", comment_list(comment_li("7", "Ann", "First copy") + comment_li("7", "Ann", "First copy") + comment_li("8", "Bob", "Other"), declared=2))),
            "/odd-comments.html": lambda: _html(post_html("Odd comments", "<p>Emoji and links.</p>", comment_list(comment_li("1", "Emo", "\U0001f600\U0001f44d") + comment_li("2", "Linker", '<a href="https://example.org/x">https://example.org/x</a>'), declared=2))),
            "/disqus.html": lambda: _html(post_html("Comments by JavaScript", "<p>The thread loads in the browser.</p>", '<div id="disqus_thread"></div><script>var disqus_shortname="x";</script><a href="#comments">38 Comments</a>')),
            "/disqus-and-html.html": lambda: _html(post_html("Widget and comments", "<p>A widget beside a thread in the page.</p>", '<div id="disqus_thread"></div>' + comment_list(comment_li("q1", "Quinn", "Read from the HTML."), declared=1))),
            "/hollow-comments.html": lambda: _html(post_html("Hollow comments", "<p>Some comments show no name.</p>", comment_list(HOLLOW_COMMENTS, declared=5))),
            SPLIT_POST: lambda: _html(split_post_page(1)),
            "/split/2/": lambda: _html(split_post_page(2)),
            "/split/3/": lambda: _html(split_post_page(3)),
            "/split/comment-page-2/": lambda: _html(split_comment_page()),
        }

    def _home(self) -> Reply:
        entries = "".join(
            f'<article class="post hentry"><h2 class="entry-title"><a href="{path}" rel="bookmark">{path}</a></h2></article>'
            for path in self.routes
            if path not in ("/", "/robots.txt", *SPLIT_PARTS)
        )
        return _html(f"<html><head><title>Hostile blog</title></head><body>{entries}</body></html>")

    def _bomb_reply(self) -> Reply:
        if self._bomb is None:
            self._bomb = _gzip_bomb()
        return Reply(headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}, body=self._bomb)

    def _count(self, path: str) -> int:
        with self._lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            self.hit_times.setdefault(path, []).append(time.monotonic())
            return self.hits[path]

    def _rate_limited(self) -> Reply:
        if self._count("/rate-limited.html") == 1:
            return Reply(status=429, headers={"Retry-After": "1", "Content-Type": "text/plain"}, body=b"slow down")
        return _html(post_html("After the rate limit", "<p>Served on the second try.</p>"))

    def _flaky(self) -> Reply:
        if self._count("/flaky.html") <= 2:
            return Reply(status=500, body=b"Internal error")
        return _html(post_html("Flaky server", "<p>Served after two 500s.</p>"))

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                site._count(f"GET {path}")
                route = site.routes.get(path)
                reply = route() if route else Reply(status=404, body=b"Not found")
                if reply.raw:
                    reply.raw(self)
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                try:
                    self.wfile.write(reply.body)
                except OSError:
                    pass

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


class _QuietServer(ThreadingHTTPServer):
    """Resets and aborted transfers are the point here: no tracebacks for them."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextmanager
def serve_hostile() -> Iterator[tuple[str, HostileServer]]:
    """Serve the hostile site on 127.0.0.1 (ephemeral port); yields (base URL, site)."""
    site = HostileServer()
    with serve_in_thread(site.handler_class(), _QuietServer) as url:
        try:
            yield f"{url}/", site
        finally:
            site.stopping.set()  # releases the handler of the response that never ends


if __name__ == "__main__":
    with serve_hostile() as (url, _):
        print(url, flush=True)
        while True:
            time.sleep(3600)
