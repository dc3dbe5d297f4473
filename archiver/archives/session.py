"""One crawl's dealings with its web archive, shared by the archive middlewares.

It holds the crawl's :class:`~archiver.archives.options.ArchiveOptions`, the archive
tables of its state (:class:`~archiver.archives.store.ArchiveStore`), the
:class:`~archiver.archives.finder.CaptureFinder` that lists and chooses captures, and
the pause: when the archive answers 429 (or 503 with ``Retry-After``), the whole crawl
stops for as long as it asks (``ARCHIVER_ARCHIVE_PAUSE`` when it does not say, at most
``ARCHIVER_ARCHIVE_PAUSE_MAX``): the engine stops taking requests from the scheduler,
the downloader slots of the archive's hosts hold what they had queued, and no index
query is sent, until the pause is over.

Index queries are fetched through the crawl's own engine (``download_async``), so they
pass the same middlewares (User-Agent, retries, the pause) and are kept in the WARC
files like every other exchange.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future

from archiver.archives.finder import CaptureFinder, Listing
from archiver.archives.options import ArchiveOptions
from archiver.archives.store import ArchiveStore
from archiver.errors import ArchiverError
from archiver.output import spider_directory

logger = logging.getLogger(__name__)

API_KEY = "archiver_archive_api"  # meta: a request to the archive's index, never rewritten
_SESSIONS: WeakKeyDictionary[Any, ArchiveSession] = WeakKeyDictionary()


def archive_options(crawler: Any) -> ArchiveOptions | None:
    """The crawl's archive options: the spider's (``-a archive=…``), else the settings'."""
    spider = getattr(crawler, "spider", None)
    options = getattr(spider, "archive", None)
    if isinstance(options, ArchiveOptions):
        return options
    return ArchiveOptions.read({}, crawler.settings)


def configured_archive(crawler: Any) -> ArchiveOptions:
    """The crawl's archive options for a component that only works on archive crawls;
    Scrapy's ``NotConfigured`` on a live crawl (quietly: nothing to say in every live
    crawl's log) or, with the reason, when the options are wrong."""
    try:
        options = archive_options(crawler)
    except ArchiverError as error:
        raise NotConfigured(f"archive options: {error}") from error
    if options is None:
        raise NotConfigured
    return options


def session_of(crawler: Any) -> ArchiveSession:
    """The crawl's session, opened on first use (the spider is open by then)."""
    session = _SESSIONS.get(crawler)
    if session is None:
        options = archive_options(crawler)
        assert options is not None
        session = _SESSIONS[crawler] = ArchiveSession(crawler, options)
    return session


class ArchiveSession:
    """The archive as this crawl sees it; see the module docstring."""

    def __init__(self, crawler: Any, options: ArchiveOptions) -> None:
        self.crawler = crawler
        self.options = options
        self.source = options.source
        self.hosts = options.source.hosts
        spider = crawler.spider
        self.folder: Path = spider_directory(spider)
        self.store = ArchiveStore(self.folder, options.cache_days)
        self.finder = CaptureFinder(options, self.store, self._fetch, self.count)
        self.listing = self._listing(spider)
        self.paused_until = 0.0
        self._jitter: dict[int, tuple[Any, Any]] = {}  # a paused slot's own random variation
        self._pace_slots()
        from scrapy import signals

        crawler.signals.connect(self._closed, signal=signals.spider_closed)
        if not options.source.loopback and not crawler.settings.get("ARCHIVER_CONTACT"):
            logger.warning("Crawling %s without ARCHIVER_CONTACT: archives ask bulk readers for a way to reach "
                           "them (-s ARCHIVER_CONTACT=you@example.org)", self.source.name)

    @property
    def cycle(self) -> str | None:
        """The start of this run's cycle (a run and the runs that resume it), if the spider
        keeps a crawl state (:mod:`archiver.state`)."""
        session = getattr(self.crawler.spider, "session", None)
        run = getattr(session, "run", None)
        return getattr(run, "cycle_started", None)

    @property
    def warc_folder(self) -> Path:
        return self.folder / "warc"

    def is_archive_url(self, url: str) -> bool:
        return urlsplit(url).netloc.lower() in self.hosts

    def count(self, name: str, value: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(name, value)

    def _listing(self, spider: Any) -> Listing | None:
        """What to list up front: the spider's start URL in its follow mode (None: nothing)."""
        start = getattr(spider, "start_url", None)
        if not start:
            return None
        prefix = (getattr(spider, "scope_filters", None) or {}).get("prefix", "")
        return Listing.for_start(start, getattr(spider, "follow", "site"), prefix)

    def _pace_slots(self) -> None:
        """The archive's hosts get their own pace in the downloader (a slot per host)."""
        downloader = getattr(getattr(self.crawler, "engine", None), "downloader", None)
        if downloader is None:
            return
        for host in self.hosts:
            name = urlsplit(f"//{host}").hostname or host
            downloader.per_slot_settings[name] = {"concurrency": self.source.concurrency,
                                                  "delay": self.source.delay}

    async def _fetch(self, url: str) -> tuple[int, bytes]:
        """An index query through the crawl's engine."""
        request = Request(url, dont_filter=True, headers={"User-Agent": self.options.user_agent},
                          meta={API_KEY: True, "dont_obey_robotstxt": True, "autothrottle_dont_adjust_delay": True})
        engine = self.crawler.engine
        if hasattr(engine, "download_async"):
            response = await engine.download_async(request)
        else:  # Scrapy before 2.14
            response = await maybe_deferred_to_future(engine.download(request))
        return response.status, response.body

    # --- the pause -------------------------------------------------------------------------
    def pause(self, seconds: float, why: str) -> None:
        """Stop the crawl's requests to the archive for ``seconds`` (longer pauses win)."""
        until = time.monotonic() + seconds
        if until <= self.paused_until:
            return
        self.paused_until = self.finder.paused_until = until
        self.count("archiver/archive/pauses")
        logger.warning("%s: %s; pausing the crawl for %.0f s", self.source.name, why, seconds)
        engine = self.crawler.engine
        engine.pause()
        now = _downloader_clock()
        for slot in self._slots():
            self._jitter.setdefault(id(slot), (getattr(slot, "jitter", None), getattr(slot, "randomize_delay", None)))
            slot.delay = max(slot.delay, seconds)
            slot.lastseen = now
            for name in ("jitter", "randomize_delay"):  # the pause is a pause, not a random delay
                if hasattr(slot, name):
                    setattr(slot, name, 0 if name == "jitter" else False)
        from twisted.internet import reactor

        reactor.callLater(seconds, self._resume)  # type: ignore[attr-defined]

    def _slots(self) -> list[Any]:
        """The downloader slots of the archive's hosts."""
        names = {urlsplit(f"//{host}").hostname for host in self.hosts}
        return [slot for key, slot in self.crawler.engine.downloader.slots.items() if key in names]

    def _resume(self) -> None:
        if time.monotonic() < self.paused_until - 0.05:
            return  # a later pause is still running
        engine = self.crawler.engine
        for slot in self._slots():
            slot.delay = self.source.delay
            jitter, randomize = self._jitter.pop(id(slot), (None, None))
            if jitter is not None:
                slot.jitter = jitter
            if randomize is not None:
                slot.randomize_delay = randomize
        engine.unpause()
        nextcall = getattr(getattr(engine, "_slot", None), "nextcall", None)
        if nextcall is not None:  # take requests from the scheduler now, not at the next heartbeat
            nextcall.schedule()
        logger.info("%s: pause over, crawl goes on", self.source.name)

    def _closed(self, spider: Any) -> None:
        self.store.close()
        _SESSIONS.pop(self.crawler, None)


def _downloader_clock() -> float:
    """The clock Scrapy's downloader keeps ``Slot.lastseen`` by (``time.monotonic`` since
    Scrapy 2.19, ``time.time`` before)."""
    from scrapy.core import downloader

    clock = getattr(downloader, "monotonic", None) or time.time
    return float(clock())
