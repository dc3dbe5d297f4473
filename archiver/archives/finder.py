"""Finding the capture to fetch for a URL: list the archive's captures once, choose by time.

A crawl asks the archive's index for the captures of its whole scope up front (the blog's
host, or for one post the post's URL as a prefix, which covers its comment pages), page
by page as the dialect pages (:mod:`.cdx`), and then picks from that listing for every
URL without asking again: the capture nearest the linking page's capture time
(:class:`.index.CaptureIndex`). A URL the listing covers but holds no capture of is
not archived in the range, and is not asked for. A URL outside the listing is asked of
the archive's time gate (replay at the moment wanted; the archive answers with its
nearest capture) or, for an archive read by range requests, by an index query of that
one URL.

Every index answer is kept in the crawl's state (:class:`.store.ArchiveStore`) before it
is used, so a resumed or repeated crawl asks nothing again; queries go one at a time, at
least ``cdx_interval`` seconds apart, and wait out a pause the archive asked for.

Fetching is the caller's (a coroutine ``fetch(url) -> (status, body)``), so this module
works without Scrapy.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from archiver.archives import commoncrawl
from archiver.archives.capture import RANGE, REPLAY, TIMEGATE, Capture
from archiver.archives.cdx import CdxAnswer, CdxRow, parse_cdx, query_params, query_url
from archiver.archives.index import CaptureIndex, scope_of
from archiver.archives.options import ArchiveOptions
from archiver.archives.sources import IA
from archiver.archives.store import ArchiveStore
from archiver.errors import ArchiverError

logger = logging.getLogger(__name__)

Fetch = Callable[[str], Awaitable[tuple[int, bytes]]]
MAX_PAGES = 10_000  # a listing longer than this many pages is cut (and logged)


class ArchiveIndexError(ArchiverError):
    """The archive's index did not answer a query usefully (after the crawl's retries)."""

    error_kind = "archive_index"


class NotArchived(ArchiverError):
    """The archive holds no capture of the URL in the crawl's time range."""

    error_kind = "not_archived"


@dataclass(frozen=True)
class Listing:
    """What the crawl lists up front: a URL and how it matches (``host`` or ``prefix``)."""

    url: str
    match_type: str

    @classmethod
    def for_start(cls, start_url: str, follow: str, prefix: str = "") -> Listing:
        """The blog's host; with a path prefix, that part of it; for one post (``follow``
        ``none``), the post's URL as a prefix: its comment pages are under it."""
        parts = urlsplit(start_url if "://" in start_url else f"http://{start_url}")
        host = parts.netloc
        if follow == "none":
            return cls(f"{host}{parts.path or '/'}", "prefix")
        if prefix and prefix != "/":
            return cls(f"{host}/{prefix.lstrip('/')}", "prefix")
        return cls(f"{host}/", "host")


def _report(future: asyncio.Future[None]) -> None:
    """A listing that failed is logged once; every request waiting on it fails with it."""
    if not future.cancelled() and future.exception() is not None:
        logger.error("Could not list the archive's captures: %s", future.exception())


class CaptureFinder:
    """One crawl's view of its archive's index: listings, cached answers, choices."""

    def __init__(self, options: ArchiveOptions, store: ArchiveStore, fetch: Fetch,
                 count: Callable[[str, int], None] | None = None) -> None:
        self.options = options
        self.source = options.source
        self.store = store
        self.index = CaptureIndex(options.filters)
        self._fetch = fetch
        self._count = count or (lambda name, value: None)
        self._listings: dict[tuple[str, str], asyncio.Future[None]] = {}
        self._endpoints: list[str] | None = None
        self._lock = asyncio.Lock()
        self._last_query = float("-inf")
        self.paused_until = 0.0  # time.monotonic() before which no query is sent

    # --- choosing ----------------------------------------------------------------------
    async def choose(self, url: str, reference: str, listing: Listing | None) -> Capture:
        """The capture to fetch for ``url``, nearest ``reference``; NotArchived if none."""
        if listing is not None:
            await self.list(listing)
        readable = self.source.warcs is not None
        row = self.index.nearest(url, reference, readable=readable)
        if row is None and not self.index.covers(url):
            if not readable:  # the archive's time gate picks
                self._count("archiver/archive/timegate", 1)
                return Capture(self.source.name, url, reference, self.source.replay_url(reference, url), TIMEGATE)
            await self.list(Listing(url, "exact"))
            row = self.index.nearest(url, reference, readable=True)
        if row is None:
            raise NotArchived(f"not archived in {self.source.name} within the crawl's dates: {url}")
        return self.capture_of(url, row)

    def capture_of(self, url: str, row: CdxRow) -> Capture:
        """How ``row`` is fetched: replay, or a range of its WARC file."""
        if self.source.warcs is not None:
            if row.filename is None or row.offset is None or not row.length:
                raise NotArchived(f"the index gives no WARC record for {row.url} at {row.timestamp}")
            return Capture(self.source.name, url, row.timestamp, self.source.warc_url(row.filename), RANGE,
                           row.filename, row.offset, row.length)
        return Capture(self.source.name, url, row.timestamp, self.source.replay_url(row.timestamp, url), REPLAY)

    # --- listing -------------------------------------------------------------------------
    async def list(self, listing: Listing) -> None:
        """List ``listing`` into the index, once per crawl (later callers wait for the first)."""
        key = (listing.url, listing.match_type)
        future = self._listings.get(key)
        if future is None:
            future = self._listings[key] = asyncio.ensure_future(self._list(listing))
            future.add_done_callback(_report)
        await asyncio.shield(future)

    async def _list(self, listing: Listing) -> None:
        before = len(self.index)
        for endpoint in await self.endpoints():
            if self.source.dialect == IA:
                await self._list_by_resume_key(endpoint, listing)
            else:
                await self._list_by_pages(endpoint, listing)
        self.index.add([], scope_of(listing.url, listing.match_type) if listing.match_type != "exact" else None)
        if listing.match_type != "exact":
            logger.info("Listed %d captures of %s (%s) in %s", len(self.index) - before, listing.url,
                        listing.match_type, self.source.name)

    async def _list_by_resume_key(self, endpoint: str, listing: Listing) -> None:
        key: str | None = None
        for _ in range(MAX_PAGES):
            params = query_params(self.source, listing.url, listing.match_type, self.options.filters,
                                  page_size=self.options.page_size, resume_key=key)
            answer = await self.query(query_url(endpoint, params))
            self.index.add(answer.rows)
            key = answer.resume_key
            if not key:
                return
        logger.warning("Listing of %s cut after %d pages", listing.url, MAX_PAGES)

    async def _list_by_pages(self, endpoint: str, listing: Listing) -> None:
        params = query_params(self.source, listing.url, listing.match_type, self.options.filters, count_pages=True)
        first = await self.query(query_url(endpoint, params))
        if first.pages is None:  # not a paged index: that was the whole listing
            self.index.add(first.rows)
            return
        if first.pages > MAX_PAGES:
            logger.warning("Listing of %s cut at %d of %d pages", listing.url, MAX_PAGES, first.pages)
        for page in range(min(first.pages, MAX_PAGES)):
            params = query_params(self.source, listing.url, listing.match_type, self.options.filters, page=page)
            answer = await self.query(query_url(endpoint, params))
            self.index.add(answer.rows)

    async def endpoints(self) -> list[str]:
        """The CDX endpoints to list: the source's, or Common Crawl's collections in range."""
        if self._endpoints is None:
            if self.source.cdx:
                self._endpoints = list(self.source.cdx)
            else:
                assert self.source.collections is not None
                body = await self.answer(self.source.collections)
                filters = self.options.filters
                self._endpoints = commoncrawl.overlapping(body, filters.start, filters.end)
                logger.info("Reading %d Common Crawl collections: %s", len(self._endpoints),
                            ", ".join(self._endpoints))
        return self._endpoints

    # --- asking ----------------------------------------------------------------------------
    async def query(self, url: str) -> CdxAnswer:
        """One CDX query's answer, read."""
        body = await self.answer(url)
        try:
            return parse_cdx(body)
        except ValueError as error:
            self.store.forget_answer(url)
            raise ArchiveIndexError(f"{self.source.name}: unreadable index answer to {url}: {error}") from None

    async def answer(self, url: str) -> bytes:
        """The body of the answer to ``url``: from the crawl's state, else asked (paced) and kept."""
        cached = self.store.answer(url)
        if cached is not None:
            self._count("archiver/archive/cdx_cached", 1)
            return cached
        async with self._lock:
            cached = self.store.answer(url)
            if cached is not None:
                return cached
            await self._wait_turn()
            try:
                status, body = await self._fetch(url)
            except Exception as error:  # noqa: BLE001 - refused, timed out, DNS: the crawl says so once
                raise ArchiveIndexError(f"{self.source.name}: index not reachable at {url}: "
                                        f"{type(error).__name__}: {error}") from error
            finally:
                self._last_query = time.monotonic()
            self._count("archiver/archive/cdx_queries", 1)
        if status != 200:
            text = body[:200].decode("utf-8", "replace").strip()
            raise ArchiveIndexError(f"{self.source.name}: index answered {status} to {url}: {text}")
        self.store.keep_answer(url, body)
        return body

    async def _wait_turn(self) -> None:
        while True:
            now = time.monotonic()
            ready = max(self._last_query + self.source.cdx_interval, self.paused_until)
            if ready <= now:
                return
            await asyncio.sleep(ready - now)
