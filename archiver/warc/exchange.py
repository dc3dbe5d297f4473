"""One HTTP exchange as plain values, and how its two HTTP blocks are laid out in WARC.

The values come from whatever fetched the page (a Scrapy crawl, a test); nothing here
imports Scrapy. The layout policy is what makes the records valid for any reader when
the fetcher has already removed the transfer framing:

* the body is stored as it came off the connection minus the transfer framing: still
  compressed when the server sent ``Content-Encoding``;
* a ``Transfer-Encoding`` header is kept as ``X-Archive-Orig-Transfer-Encoding``, because
  the stored body no longer carries chunk markers;
* ``Content-Length`` always states the stored body's length; a differing original value is
  kept as ``X-Archive-Orig-Content-Length`` (responses that have no body by definition,
  such as HEAD, 204 and 304, keep their headers untouched).

``docs/warc.md`` explains why and what a fetcher cannot tell us.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus
from urllib.parse import urlsplit

Header = tuple[bytes, bytes]
ORIG_PREFIX = b"X-Archive-Orig-"
_BODYLESS_STATUSES = {204, 304}


@dataclass(frozen=True)
class HttpExchange:
    """A request as sent and its response as received, with what is known about the fetch.

    ``fetched_at`` is the UTC time the fetch started (WARC-Date of both records);
    ``truncated`` is a WARC-Truncated reason (``length``, ``time``, ``disconnect``,
    ``unspecified``) when the body is known to be incomplete.
    """

    url: str
    method: str
    request_headers: list[Header]
    request_body: bytes
    status: int
    response_headers: list[Header]
    body: bytes
    fetched_at: datetime
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None
    truncated: str | None = None


def request_line(exchange: HttpExchange) -> str:
    """``GET /path?query HTTP/1.1``: the origin-form target a direct request sends."""
    parts = urlsplit(exchange.url)
    target = parts.path or "/"
    if parts.query:
        target = f"{target}?{parts.query}"
    return f"{exchange.method} {target} {exchange.protocol}"


_SECRET_HEADERS = frozenset({b"authorization", b"proxy-authorization"})


def request_headers(exchange: HttpExchange) -> list[Header]:
    """The request's headers plus the ones the HTTP client adds on the wire.

    Fetchers report the headers set above the connection; ``Host`` (and ``Content-Length``
    for a body) are written by the client itself, so they are added when missing.
    """
    # Credentials an API request carries (the operator's GitHub token) are not archived.
    headers = [(name, b"[redacted]" if name.lower() in _SECRET_HEADERS else value)
               for name, value in exchange.request_headers]
    names = {name.lower() for name, _ in headers}
    if b"host" not in names:
        headers.insert(0, (b"Host", host_value(exchange.url)))
    needs_length = exchange.request_body or exchange.method in ("POST", "PUT")
    if needs_length and b"content-length" not in names:
        headers.append((b"Content-Length", str(len(exchange.request_body)).encode()))
    return headers


def host_value(url: str) -> bytes:
    """The ``Host`` header for ``url``: host, plus the port when it is not the default."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    if parts.port and parts.port != default_port:
        host = f"{host}:{parts.port}"
    return host.encode()


def status_line(exchange: HttpExchange) -> str:
    """``200 OK``; the standard reason phrase, since fetchers rarely keep the server's."""
    try:
        reason = HTTPStatus(exchange.status).phrase
    except ValueError:
        reason = ""
    return f"{exchange.status} {reason}".rstrip()


def response_headers(exchange: HttpExchange) -> list[Header]:
    """The response's headers, rewritten so they describe the body as stored."""
    headers = [_unframed(name, value) for name, value in exchange.response_headers]
    if not _has_body(exchange):
        return headers
    length = str(len(exchange.body)).encode()
    lengths = [value for name, value in headers if name.lower() == b"content-length"]
    if lengths == [length]:
        return headers
    headers = [
        (ORIG_PREFIX + name, value)
        if name.lower() == b"content-length"
        else (name, value)
        for name, value in headers
    ]
    headers.append((b"Content-Length", length))
    return headers


def flatten(headers: Iterable[tuple[bytes, Iterable[bytes]]]) -> list[Header]:
    """``(name, [values])`` pairs, as multi-valued header mappings hold them, as a list."""
    return [(name, value) for name, values in headers for value in values]


def _unframed(name: bytes, value: bytes) -> Header:
    if name.lower() == b"transfer-encoding":
        return ORIG_PREFIX + name, value
    return name, value


def _has_body(exchange: HttpExchange) -> bool:
    if exchange.method == "HEAD":
        return False
    return exchange.status >= 200 and exchange.status not in _BODYLESS_STATUSES
