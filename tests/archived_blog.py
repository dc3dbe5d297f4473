"""A web archive's holdings of the demo blog, as WARC files written in the test.

A web archive holds what its crawler saw on the days it visited. This module plays that
crawler: it walks the demo blog (:mod:`archiver.demo`) from its home page as it is at a
given moment, following every link on the blog's host the way an archive crawler does,
and writes each page it reached as a WARC response record dated at that moment (one
second apart, in the order of the walk). No network is involved: each page is rendered
by the demo's own router for a fictitious original host, so the archived URLs are those
of a site that is no longer on the web.

Two visits of the same blog (before and after new comments) give a collection with
several captures of the same URLs, which is what "the capture nearest the page's own
capture time" has to choose among. :class:`Visit` keeps what each visit saw, so the
tests know the truth without parsing anything.
"""

from __future__ import annotations

import gzip
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.demo.model import SiteModel
from archiver.demo.server import route

ORIGINAL = "http://blog.example.org"  # the blog's host, long gone from the live web
_HREF = re.compile(rb'href="([^"#]*)')
# What an archive crawler would not keep as a page of the blog (assets, the reply form).
_SKIPPED = ("/wp-content/", "?replytocom=")


@dataclass(frozen=True)
class Page:
    """One capture: the URL, when it was taken, and the HTTP answer as the archive holds it."""

    url: str
    captured: datetime
    status: int
    headers: list[tuple[str, str]]
    body: bytes  # as stored: gzip bytes when the headers say Content-Encoding: gzip

    @property
    def timestamp(self) -> str:
        return self.captured.strftime("%Y%m%d%H%M%S")


@dataclass
class Visit:
    """What one visit of the archive's crawler saw: its pages and the posts' comments."""

    started: datetime
    pages: list[Page] = field(default_factory=list)
    # post path -> the ids of its comments (stitched thread order) at the time of the visit
    comments: dict[str, list[str]] = field(default_factory=dict)

    def page(self, path: str) -> Page:
        return next(p for p in self.pages if p.url == ORIGINAL + path)


def visit(model: SiteModel, started: datetime, *, gzip_every: int = 3, base: str = ORIGINAL,
          keep: Callable[[str], bool] | None = None) -> Visit:
    """Walk the blog as it is now, one capture per page reached, starting at ``started``.

    Every ``gzip_every``-th HTML page is stored with ``Content-Encoding: gzip``, as an
    archive stores a server's compressed answer. ``keep`` limits the visit to the paths
    it accepts (an archive that re-visited only part of a site); others are neither
    captured nor followed.
    """
    seen: set[str] = set()
    queue = deque(["/robots.txt", "/"])
    result = Visit(started)
    moment = started
    html_count = 0
    while queue:
        path = queue.popleft()
        if path in seen or path.startswith(model.private_section):  # robots.txt says no
            continue
        if keep is not None and not keep(path):
            continue
        seen.add(path)
        reply = route(model, urlsplit(path).path, base)
        headers = [("Date", format_datetime(moment.astimezone(UTC), usegmt=True)), ("Server", "nginx"),
                   ("Content-Type", reply.content_type)]
        body = reply.body
        if reply.location:
            headers.append(("Location", reply.location))
        if reply.content_type.startswith("text/html") and body:
            html_count += 1
            if gzip_every and html_count % gzip_every == 0:
                body = gzip.compress(body, mtime=0)
                headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        headers.append(("Content-Length", str(len(body))))
        result.pages.append(Page(base + path, moment, reply.status, headers, body))
        moment += timedelta(seconds=1)
        for link in _links(reply.body, base + path, base):
            if link not in seen:
                queue.append(link)
        if reply.location:
            queue.append(urlsplit(reply.location).path)
    result.comments = {post.path: [c.id for c, _ in post.flat_comments()] for post in model.posts}
    return result


def _links(body: bytes, page_url: str, base: str) -> list[str]:
    """Root-relative paths of the blog's own pages linked from ``body``."""
    found = []
    for match in _HREF.finditer(body):
        url = urljoin(page_url, match.group(1).decode("utf-8", "replace"))
        if not url.startswith(base + "/") or any(skip in url for skip in _SKIPPED):
            continue
        parts = urlsplit(url)
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def write_warc(path: Path, pages: list[Page], *, warc_version: str = "WARC/1.1") -> Path:
    """The pages as a WARC file of response records, each its own gzip member."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version=warc_version)
        for page in pages:
            writer.write_record(response_record(writer, page))
    return path


def response_record(writer: WARCWriter, page: Page):  # noqa: ANN201 - warcio's record type
    reason = {200: "OK", 301: "Moved Permanently", 404: "Not Found"}.get(page.status, "Other")
    http = StatusAndHeaders(f"{page.status} {reason}", page.headers, protocol="HTTP/1.1")
    date = page.captured.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return writer.create_warc_record(page.url, "response", payload=BytesIO(page.body), length=len(page.body),
                                     http_headers=http, warc_headers_dict={"WARC-Date": date})


def decoded(page: Page) -> bytes:
    """The page's payload without its content encoding."""
    if ("Content-Encoding", "gzip") in page.headers:
        return gzip.decompress(page.body)
    return page.body


FIRST_VISIT = datetime(2011, 10, 15, 12, 0, tzinfo=UTC)
SECOND_VISIT = datetime(2012, 3, 1, 9, 30, tzinfo=UTC)
LATE_COMMENTS = ("Still no answer from the department, months later.",
                 "Update: the hearing was postponed again.", "Does anyone know what came of this?")


def two_visits(model: SiteModel) -> tuple[Visit, Visit]:
    """The archive's two visits of the blog: all of it on 15 October 2011, then, on
    1 March 2012 after three more comments on the newest post, the home page and that
    post with its comment pages again."""
    first = visit(model, FIRST_VISIT)
    newest = model.posts[0]
    for number, text in enumerate(LATE_COMMENTS):
        model.add_comment(newest, text, datetime(2011, 11, 2 + number, 8, 0, tzinfo=UTC))

    def again(path: str) -> bool:
        return path in ("/robots.txt", "/") or path.startswith(newest.path)

    second = visit(model, SECOND_VISIT, keep=again)
    return first, second
