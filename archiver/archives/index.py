"""The captures a crawl may read, by URL, and the choice of one: the nearest in time.

Archives list a URL under whatever spelling their crawler met (``http`` or ``https``,
``www.`` or not, ``:80``, query parameters in any order); a blog links its pages under
one spelling. :func:`url_key` reduces both to one key, so a link finds its captures
whatever the spelling. The key is the archiver's own, computed on both sides, so it
does not depend on any archive's SURT rules.

:class:`CaptureIndex` holds the rows of the listings a crawl asked for and answers
"which capture of this URL is nearest to that moment": the linking page's capture
time, so a post and its comment pages are read as they stood together.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

from archiver.archives.cdx import CdxRow, Filters
from archiver.archives.timestamps import seconds

_DEFAULT_PORTS = {"http": "80", "https": "443"}


def url_key(url: str) -> str:
    """``host[:port]/path?sorted-query``: scheme, ``www.``, default port, fragment and
    parameter order left out, host lower-cased."""
    text = url.strip()
    parts = urlsplit(text if "://" in text else f"http://{text}")
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in ("www.", "www2.", "www3."):
        if host.startswith(prefix):
            host = host[len(prefix):]
            break
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and str(port) != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{host}{parts.path or '/'}" + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Scope:
    """What a listing covered: a host (``prefix`` "/") or a URL prefix on it."""

    host: str
    prefix: str = "/"

    def covers(self, key: str) -> bool:
        host, _, path = key.partition("/")
        return host == self.host and f"/{path}".startswith(self.prefix)


def scope_of(url: str, match_type: str) -> Scope:
    """The scope a listing of ``url`` with ``match_type`` (host or prefix) covers."""
    key = url_key(url)
    host, _, path = key.partition("/")
    return Scope(host, "/" if match_type in ("host", "domain") else f"/{path}")


@dataclass
class CaptureIndex:
    """Captures by URL key, in time order, and the listings they came from."""

    filters: Filters = field(default_factory=Filters)
    _captures: dict[str, list[CdxRow]] = field(default_factory=dict)
    _scopes: list[Scope] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(rows) for rows in self._captures.values())

    def add(self, rows: Iterable[CdxRow], scope: Scope | None = None) -> int:
        """Keep the rows the filters allow (one per URL and second); return how many were new."""
        added = 0
        for row in rows:
            if not self.filters.keeps(row):
                continue
            captures = self._captures.setdefault(url_key(row.url), [])
            stamps = [capture.timestamp for capture in captures]
            at = bisect.bisect_left(stamps, row.timestamp)
            if at < len(captures) and captures[at].timestamp == row.timestamp:
                continue
            captures.insert(at, row)
            added += 1
        if scope is not None and scope not in self._scopes:
            self._scopes.append(scope)
        return added

    def covers(self, url: str) -> bool:
        """Whether a listing covered ``url``: if it has no capture here, the archive has none."""
        key = url_key(url)
        return any(scope.covers(key) for scope in self._scopes)

    def captures(self, url: str) -> list[CdxRow]:
        """The captures of ``url`` the filters and ``collapse`` keep, oldest first."""
        return collapsed(self._captures.get(url_key(url), []), self.filters.collapse)

    def nearest(self, url: str, reference: str, *, readable: bool = False) -> CdxRow | None:
        """The capture of ``url`` nearest to ``reference`` (the earlier one on a tie).

        ``readable``: only captures whose record can be read on its own (not revisits),
        for archives read by range requests.
        """
        rows = [row for row in self.captures(url) if not (readable and row.revisit)]
        if not rows:
            return None
        moment = seconds(reference)
        return min(rows, key=lambda row: (abs(seconds(row.timestamp) - moment), row.timestamp))


def collapsed(rows: list[CdxRow], collapse: str) -> list[CdxRow]:
    """``rows`` of one URL with repeats left out, as a CDX server's ``collapse`` does:
    ``urlkey`` keeps the first, ``digest`` drops a capture whose digest equals the one
    before, ``timestamp:N`` keeps the first of each run sharing the first N digits."""
    if not collapse or not rows:
        return rows
    if collapse == "urlkey":
        return rows[:1]
    name, _, width = collapse.partition(":")
    if name == "digest":
        kept = [rows[0]]
        for row in rows[1:]:
            if not row.digest or row.digest != kept[-1].digest:
                kept.append(row)
        return kept
    if name == "timestamp":
        digits = int(width or 14)
        kept = [rows[0]]
        for row in rows[1:]:
            if row.timestamp[:digits] != kept[-1].timestamp[:digits]:
                kept.append(row)
        return kept
    return rows
