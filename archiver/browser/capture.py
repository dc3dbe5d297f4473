"""What a browser page fetched, as HTTP exchanges for the WARC: the way Browsertrix records.

:class:`PageRecorder` listens to a Playwright page's ``request``, ``requestfinished`` and
``requestfailed`` events. Each request that finishes (the document, its scripts, styles,
images, every XHR and ``fetch``) is read back from the browser (the headers sent and
received on the wire, the request body, the response body, the server's address, when
the request started) and handed to ``archive`` as an :class:`~archiver.warc.exchange.HttpExchange`,
which becomes a ``response`` (or ``revisit``) and a ``request`` record like any other
fetch of the crawl. Requests that fail get no record, as in the rest of the archive: there
is nothing the server said to keep.

How a browser's exchange differs from one Scrapy made, and what the records say about it
(:func:`browser_exchange`, a pure function of plain values):

* the body is the one the browser decoded: Chromium removes any ``Content-Encoding`` before
  Playwright can read a body, so the header is kept as ``X-Archive-Orig-Content-Encoding``
  (a reader would otherwise try to decompress plain bytes) and ``Content-Length`` states
  the stored length (the server's value kept as ``X-Archive-Orig-Content-Length``);
* HTTP/2 pseudo-headers (``:authority``, ``:path``…) are left out; the message is written
  as HTTP/1.1, as for Scrapy's own HTTP/2 answers;
* a body the browser no longer holds (a redirect's, one evicted before it could be read)
  is stored empty with ``WARC-Truncated: unspecified`` unless the server said it was empty;
  a body over ``max_body`` bytes is not read at all (``WARC-Truncated: length``).

Nothing here imports Scrapy; the Playwright objects are only read.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from archiver.warc.exchange import HttpExchange

logger = logging.getLogger(__name__)

ARCHIVED_SCHEMES = ("http:", "https:")
_DECODED = (b"content-encoding",)


def browser_exchange(
    *,
    url: str,
    method: str,
    request_headers: Iterable[tuple[str, str]],
    request_body: bytes,
    status: int,
    response_headers: Iterable[tuple[str, str]],
    body: bytes | None,
    started: datetime,
    ip_address: str | None = None,
    truncated: str | None = None,
) -> HttpExchange:
    """One request of a browser page and its response as an exchange for the WARC.

    ``body`` is the decoded body the browser holds, or None when it could not be read
    (then stored empty and marked truncated unless the server declared an empty body).
    """
    sent = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in _wire(request_headers)]
    received = [_decoded(name.encode("latin-1"), value.encode("latin-1")) for name, value in _wire(response_headers)]
    if body is None:
        declared = [value for name, value in received if name.lower() == b"content-length"]
        truncated = truncated or (None if declared == [b"0"] else "unspecified")
        body = b""
    return HttpExchange(
        url=url, method=method, request_headers=sent, request_body=request_body, status=status,
        response_headers=received, body=body, fetched_at=started, ip_address=ip_address, truncated=truncated,
    )


def _wire(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Header lines as they travel in an HTTP/1 message: no HTTP/2 pseudo-headers, one
    value a line (a browser reports some repeated headers joined by newlines)."""
    lines = []
    for name, value in headers:
        if name.startswith(":"):
            continue
        lines.extend((name, part) for part in value.split("\n"))
    return lines


def _decoded(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    """The browser hands over bodies already decoded: their coding header is only a record."""
    if name.lower() in _DECODED and value.strip().lower() not in (b"", b"identity"):
        return b"X-Archive-Orig-" + name, value
    return name, value


def started_at(timing: dict[str, float] | None) -> datetime:
    """When the request started (Playwright's ``timing["startTime"]``, ms since the epoch)."""
    start = (timing or {}).get("startTime") or 0
    if start > 0:
        return datetime.fromtimestamp(start / 1000, UTC)
    return datetime.now(UTC)


class PageRecorder:
    """Archives every request one browser page makes, as each finishes.

    ``archive`` writes an exchange and returns its record's location (or None when it
    could not be written); ``max_body`` bounds the bodies read back from the browser.
    ``document`` is the location of the page's own last main-frame document (the end of
    any redirects), which the rendered DOM's record refers to. The recorder also counts
    the page's requests in flight, so :meth:`quiet` can tell when the page has stopped
    fetching.
    """

    def __init__(self, archive: Callable[[HttpExchange], Awaitable[Any]], max_body: int = 0) -> None:
        self.archive = archive
        self.max_body = max_body
        self.document: Any = None
        self.document_url: str | None = None
        self.records = 0  # exchanges written
        self.failed = 0  # requests the browser saw fail (no record)
        self.in_flight = 0
        self.last_change = time.monotonic()
        self.closed = False
        self._tasks: set[asyncio.Task[None]] = set()

    # Playwright event handlers (attached through scrapy-playwright's page event handlers).
    def on_request(self, request: Any) -> None:
        self.in_flight += 1
        self.last_change = time.monotonic()

    def on_request_failed(self, request: Any) -> None:
        self._settled()
        self.failed += 1

    def on_request_finished(self, request: Any) -> None:
        self._settled()
        if self.closed or not request.url.startswith(ARCHIVED_SCHEMES):
            return
        task = asyncio.ensure_future(self._record(request))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _settled(self) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self.last_change = time.monotonic()

    async def quiet(self, quiet: float, limit: float) -> bool:
        """Wait until no request has been in flight for ``quiet`` seconds, at most ``limit``
        seconds; True if the page fell quiet."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.in_flight == 0 and time.monotonic() - self.last_change >= quiet:
                return True
            await asyncio.sleep(min(0.05, quiet))
        return False

    async def drain(self) -> None:
        """Wait until every finished request has been written."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def close(self) -> None:
        """Requests that finish from now on are not recorded (the page is being closed)."""
        self.closed = True

    async def _record(self, request: Any) -> None:
        try:
            exchange = await self._exchange(request)
        except Exception as error:  # noqa: BLE001 - a page closing under us; one record lost, logged
            logger.warning("Could not read back %s from the browser: %s", request.url, error)
            return
        if exchange is None:
            return
        location = await self.archive(exchange)
        if location is None:
            return
        self.records += 1
        if _is_main_document(request) and (self.document is None or not 300 <= exchange.status < 400):
            self.document, self.document_url = location, exchange.url

    async def _exchange(self, request: Any) -> HttpExchange | None:
        response = await request.response()
        if response is None or response.from_service_worker:
            return None  # no network exchange to keep
        headers = await response.headers_array()
        body, truncated = await self._body(response, headers)
        address = None
        try:
            server = await response.server_addr()
            address = server["ipAddress"] if server else None
        except Exception:  # noqa: BLE001 - not known for every response
            address = None
        return browser_exchange(
            url=request.url,
            method=request.method,
            request_headers=[(h["name"], h["value"]) for h in await request.headers_array()],
            request_body=request.post_data_buffer or b"",
            status=response.status,
            response_headers=[(h["name"], h["value"]) for h in headers],
            body=body,
            started=started_at(request.timing),
            ip_address=address,
            truncated=truncated,
        )

    async def _body(self, response: Any, headers: list[dict[str, str]]) -> tuple[bytes | None, str | None]:
        length = next((h["value"] for h in headers if h["name"].lower() == "content-length"), "")
        if self.max_body and length.isdigit() and int(length) > self.max_body:
            return b"", "length"
        try:
            body = await response.body()
        except Exception:  # noqa: BLE001 - redirects have none; evicted bodies are gone
            return None, None
        if self.max_body and len(body) > self.max_body:
            return body[: self.max_body], "length"
        return body, None


def _is_main_document(request: Any) -> bool:
    try:
        return bool(request.is_navigation_request()) and request.frame.parent_frame is None
    except Exception:  # noqa: BLE001 - a service worker's request has no frame
        return False
