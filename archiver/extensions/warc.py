"""Archive every HTTP exchange of a crawl into WARC files, as the downloader received it.

The extension listens to the downloader's ``response_downloaded`` signal, which fires for
every response the download handler returns (pages, robots.txt, feeds, redirects, errors,
retries) before any downloader middleware has processed it: the body is still compressed
and ``Content-Encoding`` is intact (scrapy/scrapy#1988). It writes a response and a
request record through :class:`archiver.warc.writer.RotatingWarcWriter` and leaves the
response record's place in ``request.meta["archiver_warc"]``, so the spider callback can
put it into each item's provenance.

A failure while writing is logged and counted (``archiver/warc/errors``) and the crawl goes
on: losing one record is better than losing the crawl.

A response a browser rendered (scrapy-playwright's, flagged ``playwright``) is not written
here: its body is a DOM, not what a server sent. :mod:`archiver.browser` writes what the
browser fetched through :meth:`WarcExtension.archive` and the DOM as a ``conversion``
record through :meth:`WarcExtension.append_record`.

Compressing and writing the records (about 1-2 ms a page, mostly gzip) happens on a
writer thread (``ARCHIVER_WARC_THREAD``, on by default with the asyncio reactor): zlib and
file writes release the GIL, so the reactor goes on meanwhile. The records are still
written in download order, and every response waits in
:class:`archiver.downloadermiddlewares.warc_written.WarcWrittenMiddleware`, the first
downloader middleware it meets, until its records are on disk: from then on
``meta["archiver_warc"]`` is set exactly as if the writing had been synchronous.

De-duplication (``ARCHIVER_WARC_DEDUP``, on by default): when the spider has a crawl state
store (``spider.crawl_state``, see :mod:`archiver.state`), a 2xx response whose payload
digest equals the last full capture of the same URL, in this run or an earlier one, is
written as a ``revisit`` record (identical-payload-digest profile) that refers to that
capture, instead of a second copy of the body.

Records are WARC/1.1; ``ARCHIVER_WARC_VERSION = "1.0"`` writes WARC/1.0 for older readers
(:mod:`archiver.warc.records` says what differs).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from importlib.metadata import version
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import scrapy
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from archiver import __version__
from archiver import settings as archiver_defaults
from archiver.archives.copies import copy_records
from archiver.output import spider_directory
from archiver.warc.exchange import HttpExchange, flatten
from archiver.warc.records import (
    WARC_1_1,
    EarlierCapture,
    WarcVersion,
    payload_digest,
    warc_date,
    warc_version,
)
from archiver.warc.writer import (
    DEFAULT_MAX_SIZE,
    DEFAULT_PREFIX,
    RecordLocation,
    RotatingWarcWriter,
    utc_now,
)

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from warcio.recordbuilder import RecordBuilder
    from warcio.recordloader import ArcWarcRecord
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

    from archiver.state.store import CrawlState

logger = logging.getLogger(__name__)

META_KEY = "archiver_warc"
PENDING_KEY = "archiver_warc_pending"  # meta: the PendingRecords of a response being written
ARCHIVED_SCHEMES = ("http", "https")
# Settings whose values shape what was fetched, recorded in every file's warcinfo record
# (the default lives with the other defaults, for runs with settings of their own).
DEFAULT_INFO_SETTINGS = archiver_defaults.ARCHIVER_WARC_INFO_SETTINGS
_TRUNCATION_FLAGS = {"dataloss": "disconnect", "download_stopped": "unspecified"}
# scrapy-playwright's flag on a response whose body is a browser's DOM, not what a server sent.
RENDERED_FLAG = "playwright"


class WarcExtension:
    """Writes a crawl's WARC files into ``<crawl folder>/warc/``.

    Settings (defaults in code, so the extension works in any project):
    ``ARCHIVER_WARC_ENABLED`` (True), ``ARCHIVER_WARC_PREFIX`` ("blog-archiver"),
    ``ARCHIVER_WARC_MAX_SIZE`` (1 GB), ``ARCHIVER_WARC_INFO_SETTINGS`` (the list above),
    ``ARCHIVER_CONTACT`` (""), ``ARCHIVER_WARC_VERSION`` ("1.1"; "1.0" for older readers).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.settings = crawler.settings
        self.stats = crawler.stats
        self.writer: RotatingWarcWriter | None = None
        self.dedup = crawler.settings.getbool("ARCHIVER_WARC_DEDUP", True)
        self.version = warc_version(crawler.settings.get("ARCHIVER_WARC_VERSION"))
        self.state: CrawlState | None = None
        # When each fetch started, noted as its headers arrive.
        self._started: WeakKeyDictionary[Request, datetime] = WeakKeyDictionary()
        self._thread: ThreadPoolExecutor | None = None
        self.threaded = (crawler.settings.getbool("ARCHIVER_WARC_THREAD", True) and _asyncio_reactor()
                         and _settling_enabled(crawler.settings))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcExtension:
        if not crawler.settings.getbool("ARCHIVER_WARC_ENABLED", True):
            raise NotConfigured("WARC writing is off (ARCHIVER_WARC_ENABLED)")
        extension = cls(crawler)
        connect = crawler.signals.connect
        connect(extension.spider_opened, signal=signals.spider_opened)
        connect(extension.spider_closed, signal=signals.spider_closed)
        connect(
            extension.request_reached_downloader,
            signal=signals.request_reached_downloader,
        )
        connect(extension.headers_received, signal=signals.headers_received)
        connect(extension.response_downloaded, signal=signals.response_downloaded)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        try:
            folder = spider_directory(spider)
        except OSError:
            logger.exception("No crawl folder for WARC files: nothing will be archived")
            self._count("archiver/warc/errors")
            return
        self.state = getattr(spider, "crawl_state", None) if self.dedup else None
        self.writer = RotatingWarcWriter(
            folder / "warc",
            warcinfo_fields(self.settings, folder.name, self.version),
            prefix=self.settings.get("ARCHIVER_WARC_PREFIX") or DEFAULT_PREFIX,
            max_size=self.settings.getint("ARCHIVER_WARC_MAX_SIZE", DEFAULT_MAX_SIZE),
            version=self.version,
        )
        if self.threaded:  # one thread: records stay in download order
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warc-writer")
            logger.info("WARC records are compressed and written on a writer thread")

    def spider_closed(self, spider: Spider) -> None:
        if self._thread is not None:  # every record submitted is written before the file closes
            self._thread.shutdown(wait=True)
            self._thread = None
        if self.writer is None:
            return
        try:
            self.writer.close()
        except Exception:
            logger.exception("Could not finish WARC file %s", self.writer.current_name)
            self._count("archiver/warc/errors")
        self._count("archiver/warc/files", len(self.writer.finished))

    def request_reached_downloader(self, request: Request, spider: Spider) -> None:
        """Forget a record pointer copied from an earlier response (redirects copy meta)."""
        request.meta.pop(META_KEY, None)
        request.meta.pop(PENDING_KEY, None)

    def headers_received(
        self, headers: Any, body_length: int, request: Request, **_: Any
    ) -> None:
        latency = request.meta.get("download_latency") or 0.0
        self._started[request] = utc_now() - timedelta(seconds=latency)

    def response_downloaded(
        self, response: Response, request: Request, spider: Spider
    ) -> None:
        if urlparse_cached(request).scheme not in ARCHIVED_SCHEMES:
            return  # file:, data:, ftp:, s3: answers are not HTTP messages
        if RENDERED_FLAG in response.flags:
            return  # a browser's rendered DOM: its fetches are archived by archiver.browser
        if self.writer is None:
            self._count("archiver/warc/errors")
            return
        fetched_at = self._started.pop(request, None) or utc_now()
        exchange = exchange_from_scrapy(request, response, fetched_at)
        try:
            # A capture fetched from a web archive is recorded as a copy of it (docs/archives.md).
            copy = copy_records(request.meta, exchange, getattr(self, "version", None))
            earlier = None if copy is not None else self._earlier_capture(exchange)
            write = (partial(self.writer.write_members, copy) if copy is not None
                     else partial(self.writer.write, exchange, earlier))
            if self._thread is not None:
                future = self._thread.submit(write)
                request.meta[PENDING_KEY] = PendingRecords(self, request, exchange, future)
                return
            location = write()
        except Exception:
            logger.exception("Could not archive %s in WARC", response.url)
            self._count("archiver/warc/errors")
            return
        self.written(request, exchange, location)

    def written(self, request: Request, exchange: HttpExchange, location: RecordLocation) -> None:
        """The exchange's records are on disk: point the request at them, note the capture."""
        try:
            self._remember_capture(exchange, location)
        except Exception:
            logger.exception("Could not note the capture of %s", exchange.url)
            self._count("archiver/warc/errors")
        fetched_at = exchange.fetched_at
        request.meta[META_KEY] = {
            "warc_file": location.warc_file,
            "warc_record_id": location.warc_record_id,
            "warc_offset": location.warc_offset,
            "fetched_at": warc_date(fetched_at, self.version),
        }
        if location.record_date:  # a copy from a web archive: dated when the archive captured it
            request.meta[META_KEY]["fetched_at"] = location.record_date
        self._count("archiver/warc/records", 2)
        self._count(f"archiver/warc/status/{exchange.status}")
        if location.record_type == "revisit":
            self._count("archiver/warc/revisits")

    async def archive(self, exchange: HttpExchange) -> RecordLocation | None:
        """Write an exchange that did not pass through Scrapy's downloader (what a browser
        fetched, :mod:`archiver.browser`), in order with the crawl's other records; return
        its response record's place, or None if it could not be written (logged, counted)."""
        if self.writer is None:
            self._count("archiver/warc/errors")
            return None
        try:
            location = await self._in_order(self.writer.write, exchange, self._earlier_capture(exchange))
            self._remember_capture(exchange, location)
        except Exception:
            logger.exception("Could not archive %s in WARC", exchange.url)
            self._count("archiver/warc/errors")
            return None
        self._count("archiver/warc/records", 2)
        self._count(f"archiver/warc/status/{exchange.status}")
        if location.record_type == "revisit":
            self._count("archiver/warc/revisits")
        return location

    async def append_record(self, build: Callable[[RecordBuilder], ArcWarcRecord], url: str) -> RecordLocation | None:
        """Write one record of another type (a ``conversion`` record of a rendered DOM) that
        ``build`` makes with the writer's builder; None if it could not be written."""
        if self.writer is None:
            self._count("archiver/warc/errors")
            return None
        try:
            location = await self._in_order(self.writer.write_record, build)
        except Exception:
            logger.exception("Could not archive a record for %s in WARC", url)
            self._count("archiver/warc/errors")
            return None
        self._count("archiver/warc/records")
        return location

    async def _in_order(self, write: Callable[..., RecordLocation], *args: Any) -> RecordLocation:
        """``write`` on the writer thread when there is one (records keep their order), else here."""
        if self._thread is not None:
            return await asyncio.wrap_future(self._thread.submit(write, *args))
        return write(*args)

    def _earlier_capture(self, exchange: HttpExchange) -> EarlierCapture | None:
        """The full capture this exchange's payload repeats, when de-duplication applies."""
        if self.state is None or not _dedupable(exchange):
            return None
        capture = self.state.capture(exchange.url)
        if capture is None or capture.payload_digest != payload_digest(exchange.body):
            return None
        return EarlierCapture(capture.record_id, capture.url, capture.record_date)

    def _remember_capture(self, exchange: HttpExchange, location: RecordLocation) -> None:
        """Note a full capture (after it is written) so later identical payloads refer to it."""
        if location.record_date:  # a web archive's capture: fetched once, never a revisit
            return
        if self.state is None or location.record_type != "response" or not _dedupable(exchange):
            return
        self.state.record_capture(exchange.url, location.payload_digest or "", location.warc_record_id,
                                  warc_date(exchange.fetched_at, self.version), location.warc_file)

    def _count(self, key: str, count: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, count)


@dataclass
class PendingRecords:
    """A response's records on their way to disk through the writer thread."""

    extension: WarcExtension
    request: Request
    exchange: HttpExchange
    future: Future[RecordLocation]

    async def settle(self) -> None:
        """Wait for the records, then do what a synchronous write does after writing."""
        try:
            location = await asyncio.wrap_future(self.future)
        except Exception:
            logger.exception("Could not archive %s in WARC", self.exchange.url)
            self.extension._count("archiver/warc/errors")
            return
        self.extension.written(self.request, self.exchange, location)


SETTLING_MIDDLEWARE = "archiver.downloadermiddlewares.warc_written.WarcWrittenMiddleware"


def _settling_enabled(settings: BaseSettings) -> bool:
    """Only with the middleware that waits for the records may they be written later
    (a project that enables the extension alone keeps synchronous writing)."""
    from scrapy.utils.conf import build_component_list

    def path(component: Any) -> str:
        return component if isinstance(component, str) else f"{component.__module__}.{component.__qualname__}"

    return SETTLING_MIDDLEWARE in map(path, build_component_list(settings.getwithbase("DOWNLOADER_MIDDLEWARES")))


def _asyncio_reactor() -> bool:
    from scrapy.utils.reactor import is_asyncio_reactor_installed

    try:
        return is_asyncio_reactor_installed()
    except Exception:  # noqa: BLE001 - no reactor yet: stay synchronous
        return False


def _dedupable(exchange: HttpExchange) -> bool:
    """Only successful answers with a body are worth a revisit record."""
    return 200 <= exchange.status < 300 and bool(exchange.body) and not exchange.truncated


def exchange_from_scrapy(
    request: Request, response: Response, fetched_at: datetime
) -> HttpExchange:
    """The exchange as the download handler saw it: request as sent, body still encoded."""
    truncated = next(
        (
            _TRUNCATION_FLAGS[flag]
            for flag in response.flags
            if flag in _TRUNCATION_FLAGS
        ),
        None,
    )
    return HttpExchange(
        url=response.url,
        method=request.method,
        request_headers=flatten(request.headers.items()),
        request_body=request.body,
        status=response.status,
        response_headers=flatten(response.headers.items()),
        body=response.body,
        fetched_at=fetched_at,
        protocol=http_version(response),
        ip_address=str(response.ip_address) if response.ip_address else None,
        truncated=truncated,
    )


def http_version(response: Response) -> str:
    """The response's HTTP/1.x version; HTTP/2 answers are recorded as HTTP/1.1 messages.

    WARC stores HTTP/1-style messages; replay tools expect an ``HTTP/1.x`` status line.
    """
    protocol = getattr(response, "protocol", None) or ""
    return protocol if protocol.startswith("HTTP/1.") else "HTTP/1.1"


def warcinfo_fields(settings: BaseSettings, crawl_name: str, warc: WarcVersion = WARC_1_1) -> dict[str, str]:
    """The ``warcinfo`` fields: software, host, format, robots policy, contact, settings."""
    fields = {
        "software": (
            f"blog-archiver/{__version__} (Scrapy/{scrapy.__version__}; "
            f"warcio/{version('warcio')})"
        ),
        "hostname": socket.gethostname(),
        "format": warc.format,
        "conformsTo": warc.conforms_to,
        "isPartOf": crawl_name,
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "http-header-user-agent": settings.get("USER_AGENT") or "",
        "operator": settings.get("ARCHIVER_CONTACT") or "",
    }
    names = settings.getlist("ARCHIVER_WARC_INFO_SETTINGS", DEFAULT_INFO_SETTINGS)
    for name in names:
        fields[f"scrapy-setting-{name}"] = str(settings.get(name))
    return fields
