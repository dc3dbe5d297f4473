"""Fetch a blog's pages from a web archive while the spider keeps its original URLs.

Enabled in ``archiver/settings.py``; both middlewares switch themselves off unless the
crawl names an archive (``-a archive=…`` or ``ARCHIVER_ARCHIVE``, docs/archives.md).

:class:`ArchiveRequestMiddleware` (before robots.txt, so the archive's robots.txt is the
one obeyed: it is the server contacted) turns a request for a blog URL into a request
for the capture chosen for it (:mod:`archiver.archives.finder`): the ``id_`` replay URL,
or the WARC file with a ``Range`` header. A capture this crawl fetched before is read
back from its own WARC files instead (:mod:`archiver.archives.readback`): a resumed or
repeated crawl asks the archive for nothing it has.

:class:`ArchiveResponseMiddleware` (after the WARC records are written, before redirects
and retries) turns the archive's answer back into the page at its original URL:

* 429, or 503 with ``Retry-After``: the whole crawl pauses (:mod:`archiver.archives.session`)
  and the request is asked again, up to ``ARCHIVER_ARCHIVE_RETRIES`` times;
* the archive pointing at another capture of the same URL (its time gate answering an
  inexact timestamp with a 302): followed, the capture it names being the one fetched;
* a captured redirect: followed to the original URL it points to, nearest the redirect's
  own capture time (the spider's fetch-once rule applies: ``claim_redirect``);
* a record read by range request: its HTTP message becomes the response;
* anything else: the response, at the original URL, with the capture's provenance added
  to the WARC pointer the spider puts in every item (``captured_at``, ``archive``,
  ``archive_url``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes

from archiver.archives.capture import CAPTURE_KEY, RANGE, REFERENCE_KEY, TIMEGATE, Capture
from archiver.archives.copies import (
    ERROR,
    HOP,
    CopyError,
    answer_kind,
    captured_timestamp,
    header,
    original_of,
    read_range_record,
)
from archiver.archives.finder import NotArchived
from archiver.archives.index import url_key
from archiver.archives.readback import read_copy
from archiver.archives.session import API_KEY, ArchiveSession, configured_archive, session_of
from archiver.archives.store import FetchedCapture
from archiver.archives.timestamps import iso, pad
from archiver.downloadermiddlewares.redirect import AlreadyRequested
from archiver.downloadermiddlewares.retry_after import retry_after_seconds
from archiver.errors import ArchiverError

logger = logging.getLogger(__name__)

CAPTURED_KEY = "archiver_captured"  # meta: the capture time (14 digits) of the page a response holds
LOCAL_KEY = "archiver_archive_local"  # meta: served from the crawl's own WARC files
RETRIES_KEY = "archiver_archive_retries"
GATE_KEY = "archiver_archive_gate"  # meta: the time-gate URL a hop to a capture started from
WARC_KEY = "archiver_warc"  # the WARC pointer the WARC extension leaves (archiver.extensions.warc)
# Headers of the spider's request that mean nothing to an archive.
_DROPPED_HEADERS = (b"Referer", b"If-None-Match", b"If-Modified-Since", b"Cookie")
_MAX_HOPS = 5
_REPLAY_TIMESTAMP = re.compile(r"/(\d{4,14})(?:[a-z]{2}_)?/(?:https?:)?/")


class CaptureFailed(ArchiverError):
    """The archive's answer is not the capture asked for (a bad range, a wrong record)."""

    error_kind = "archive_bad_capture"




class ArchiveRequestMiddleware:
    """A request for a blog URL becomes a request for its chosen capture (see module)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchiveRequestMiddleware:
        options = configured_archive(crawler)
        # The archive's hosts are where this crawl's requests go (captures, its robots.txt):
        # not off-site. Links are still kept to the blog's host by the spider's own scope.
        spider = crawler.spider
        domains = list(getattr(spider, "allowed_domains", None) or [])
        if domains:
            hosts = {urlsplit(f"//{host}").hostname or host for host in options.source.hosts}
            spider.allowed_domains = domains + sorted(hosts - set(domains))
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> Request | Response | None:
        session = session_of(self.crawler)
        if request.meta.get(API_KEY) or session.is_archive_url(request.url):
            return None  # the archive itself: its index, robots.txt, a capture being fetched
        capture = await self._choose(session, request)
        local = self._local(session, request, capture)
        if local is not None:
            return local
        headers = Headers(request.headers)
        for name in _DROPPED_HEADERS:
            headers.pop(name, None)
        headers[b"User-Agent"] = session.options.user_agent
        if capture.mode == RANGE:
            headers[b"Range"] = capture.byte_range
        meta = {**request.meta, CAPTURE_KEY: capture.to_meta(), "autothrottle_dont_adjust_delay": True}
        meta.pop("handle_httpstatus_list", None)  # the conditional request's 304, asked of the live site
        return request.replace(url=capture.fetch_url, headers=headers, meta=meta, dont_filter=True)

    async def _choose(self, session: ArchiveSession, request: Request) -> Capture:
        """The capture chosen for the request's URL earlier in this cycle of runs (a resumed
        run reads what the killed one chose), else the one nearest the linking page."""
        key, cycle = url_key(request.url), session.cycle
        known = session.store.chosen(key, cycle) if cycle else None
        capture = Capture(**known) if known else None
        if capture is None:
            reference = request.meta.get(REFERENCE_KEY) or session.options.reference
            try:
                capture = await session.finder.choose(request.url, reference, session.listing)
            except NotArchived:
                session.count("archiver/archive/not_archived")
                raise
            if cycle and capture.mode != TIMEGATE:
                session.store.keep_chosen(key, cycle, capture.to_meta())
        return replace(capture, url=request.url)

    def _local(self, session: ArchiveSession, request: Request, capture: Capture) -> Response | None:
        """The capture read back from the crawl's WARC files, if it was fetched before."""
        fetched = session.store.fetched(capture.archive_url)
        if fetched is None:
            return None
        stored = read_copy(session.warc_folder, fetched)
        if stored is None:
            logger.warning("Copy of %s in %s could not be read back: fetching it again", fetched.archive_url,
                           fetched.warc_file)
            session.store.forget_fetched(fetched.archive_url)
            return None
        session.count("archiver/archive/from_warc")
        meta = {**request.meta, CAPTURE_KEY: capture.to_meta(), LOCAL_KEY: True, CAPTURED_KEY: fetched.captured,
                WARC_KEY: {"warc_file": fetched.warc_file, "warc_record_id": fetched.warc_record_id,
                           "warc_offset": fetched.warc_offset, "fetched_at": fetched.record_date,
                           "captured_at": iso(fetched.captured), "archive": fetched.archive,
                           "archive_url": fetched.archive_url}}
        return _response(request.replace(meta=meta), request.url, stored.status, stored.headers, stored.body)


class ArchiveResponseMiddleware:
    """The archive's answer becomes the page at its original URL (see module)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.max_hops = crawler.settings.getint("REDIRECT_MAX_TIMES", 20)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchiveResponseMiddleware:
        configured_archive(crawler)
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        session = session_of(self.crawler)
        local = response.request if response.request is not None else request
        if local.meta.get(LOCAL_KEY):  # read back from the crawl's WARC files (its request carries the capture)
            return self._captured_redirect(session, local, response) or response
        capture = Capture.from_meta(request.meta)
        ours = capture is not None and request.url == capture.fetch_url
        if not ours and not request.meta.get(API_KEY):
            return response
        retry = self._pause_if_asked(session, request, response)
        if retry is not None or capture is None or not ours:
            return retry or response
        if capture.mode == RANGE:
            return self._from_record(session, request, response, capture)
        return self._from_replay(session, request, response, capture)

    # --- politeness ---------------------------------------------------------------------------
    def _pause_if_asked(self, session: ArchiveSession, request: Request, response: Response) -> Request | None:
        """On 429 (or 503 with Retry-After): pause the whole crawl, then ask again."""
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if response.status != 429 and not (response.status == 503 and asked is not None):
            return None
        tries = request.meta.get(RETRIES_KEY, 0) + 1
        if tries > session.options.retries:
            logger.error("%s answered %d %d times to %s: giving up on it", session.source.name, response.status,
                         tries - 1, request.url)
            return None
        wait = min(asked if asked is not None else session.options.pause, session.options.pause_max)
        session.pause(wait, f"{response.status} on {request.url}" + (f" (Retry-After: {asked:.0f} s)" if asked else ""))
        retry = request.replace(dont_filter=True)
        retry.meta[RETRIES_KEY] = tries
        retry.meta.pop(WARC_KEY, None)
        return retry

    # --- replayed captures ------------------------------------------------------------------------
    def _from_replay(self, session: ArchiveSession, request: Request, response: Response,
                     capture: Capture) -> Request | Response:
        headers = [(name, value) for name, values in response.headers.items() for value in values]
        kind = answer_kind(capture, response.status, headers)
        if kind == HOP:
            return self._hop(session, request, response, capture)
        if kind == ERROR:  # the archive's own error page, not a capture: the spider sees the status
            return response.replace(url=capture.url)
        timestamp = captured_timestamp(capture, headers)
        filters = session.options.filters
        if filters.start and timestamp < filters.start or filters.end and timestamp > filters.end:
            session.count("archiver/archive/not_archived")
            raise NotArchived(f"{session.source.name}'s nearest capture of {capture.url} is from {iso(timestamp)}, "
                              "outside the crawl's dates")
        chosen = capture if capture.mode != TIMEGATE else capture.chosen(timestamp, capture.fetch_url)
        self._fetched(session, request, chosen, timestamp)
        redirect = self._captured_redirect(session, request, response, location=header(headers, b"location"))
        return redirect or response.replace(url=capture.url)

    def _hop(self, session: ArchiveSession, request: Request, response: Response, capture: Capture) -> Request:
        """The archive's time gate names the capture to fetch: fetch that one."""
        hops = request.meta.get("archiver_archive_hops", 0) + 1
        if hops > _MAX_HOPS:
            raise IgnoreRequest(f"redirection loop in {session.source.name} for {capture.url}")
        location = urljoin(request.url, response.headers[b"Location"].decode("latin-1"))
        timestamp = _timestamp_in(location) or capture.timestamp
        chosen = capture.chosen(timestamp, location)
        meta = {**request.meta, CAPTURE_KEY: chosen.to_meta(), "archiver_archive_hops": hops,
                GATE_KEY: request.meta.get(GATE_KEY) or request.url}
        meta.pop(WARC_KEY, None)
        return request.replace(url=location, meta=meta, dont_filter=True)

    # --- records read by range ---------------------------------------------------------------------
    def _from_record(self, session: ArchiveSession, request: Request, response: Response,
                     capture: Capture) -> Request | Response:
        if response.status != 206:
            raise CaptureFailed(f"{session.source.name} answered {response.status} to the range request for "
                                f"{capture.url} ({capture.archive_url}): Range not honoured")
        try:
            record = read_range_record(response.body)
        except CopyError as error:
            raise CaptureFailed(f"{capture.archive_url}: {error}") from None
        timestamp = _digits(record.date) or capture.timestamp
        self._fetched(session, request, capture, timestamp)
        location = next((value for name, value in record.headers if name.lower() == "location"), None)
        page = _response(request, capture.url, record.status, record.headers, record.payload)
        return self._captured_redirect(session, request, page, location=location) or page

    # --- shared ------------------------------------------------------------------------------------
    def _fetched(self, session: ArchiveSession, request: Request, capture: Capture, timestamp: str) -> None:
        """Note the capture on the response's WARC pointer and in the crawl's state."""
        request.meta[CAPTURED_KEY] = timestamp
        session.count("archiver/archive/captures")
        pointer = request.meta.get(WARC_KEY)
        if not pointer:
            return
        archive_url = capture.archive_url
        pointer.update({"captured_at": iso(timestamp), "archive": capture.archive, "archive_url": archive_url})
        # Known under its address, and under the time-gate address it was asked by, if any:
        # a repeated crawl asking the same finds the copy without asking the archive.
        for address in dict.fromkeys((archive_url, request.url, request.meta.get(GATE_KEY))):
            if address:
                session.store.keep_fetched(FetchedCapture(
                    address, archive_url, capture.url, timestamp, capture.archive, pointer["warc_file"],
                    pointer["warc_record_id"], pointer["warc_offset"], pointer["fetched_at"]))

    def _captured_redirect(self, session: ArchiveSession, request: Request, response: Response,
                           location: str | None = None) -> Request | None:
        """A captured 3xx: the original URL it points to, as a new request of the crawl."""
        if not 300 <= response.status < 400:
            return None
        location = location or (response.headers.get(b"Location") or b"").decode("latin-1")
        if not location:
            return None
        capture = Capture.from_meta(request.meta)
        base = capture.url if capture is not None else response.url
        target = urljoin(base, original_of(location) or location)
        hops = request.meta.get("redirect_times", 0) + 1
        chain = [*request.meta.get("redirect_urls", ()), base]
        if hops > self.max_hops or target in chain:
            raise IgnoreRequest(f"redirection loop: {base} leads back to {target}")
        claim = getattr(self.crawler.spider, "claim_redirect", None)
        if claim is not None and not claim(target):
            self.crawler.stats.inc_value("archiver/redirects/already_requested")
            raise AlreadyRequested(f"redirect to a URL requested already: {target}")
        session.count("archiver/archive/redirects")
        meta = {key: value for key, value in request.meta.items()
                if key not in (CAPTURE_KEY, LOCAL_KEY, WARC_KEY, CAPTURED_KEY, RETRIES_KEY, GATE_KEY,
                               "archiver_archive_hops")}
        meta.update({REFERENCE_KEY: request.meta.get(CAPTURED_KEY), "redirect_times": hops, "redirect_urls": chain})
        headers = Headers(request.headers)
        headers.pop(b"Range", None)
        # dont_filter off again: the target is one of the crawl's requests, offsite ones dropped
        return request.replace(url=target, meta=meta, headers=headers, dont_filter=False)


def _response(request: Request, url: str, status: int, headers: list[tuple[str, str]], body: bytes) -> Response:
    """A response for the original URL holding a stored HTTP message."""
    kept = Headers()
    for name, value in headers:
        if name.lower() in ("transfer-encoding", "content-length"):
            continue
        kept.appendlist(name, value)
    kept[b"Content-Length"] = str(len(body))
    cls = responsetypes.from_args(headers=kept, url=url, body=body)
    return cls(url=url, status=status, headers=kept, body=body, request=request)


def _timestamp_in(replay_url: str) -> str | None:
    """The timestamp in a replay URL (``…/20110920123456id_/…``)."""
    match = _REPLAY_TIMESTAMP.search(replay_url)
    return pad(match.group(1), upper=False) if match else None


def _digits(warc_date: str) -> str | None:
    digits = "".join(ch for ch in warc_date if ch.isdigit())[:14]
    return digits if len(digits) == 14 else None
