"""The downloader middleware that renders marked requests in Chromium and archives what it fetched.

A request with ``meta["archiver_render"]`` (made by :func:`archiver.browser.render_request`)
is handed to scrapy-playwright's download handler with what the archive needs:

* a :class:`~archiver.browser.capture.PageRecorder` on the page's request events, which
  writes every request the page makes (document, scripts, XHR, frames…) to the crawl's
  WARC through :meth:`archiver.extensions.warc.WarcExtension.archive`, with the headers
  and bodies the browser sent and received;
* :func:`~archiver.browser.settle.settle` as a page method: scroll, wait for the network
  to fall quiet, copy frames into the page;
* the page init callback that lets the browser send its requests unrouted, so their
  headers are known as they went over the wire (:func:`~archiver.browser.settle.wire_headers`),
  and the crawl's ``USER_AGENT`` on the browser context.

When the browser has answered, the middleware waits for those records, closes the page,
and writes the DOM the browser returned as a ``conversion`` record
(:mod:`archiver.browser.records`) that refers to the browser's capture of the page.
``meta["archiver_warc"]`` then points at that record, so the items parsed from the DOM
point at the bytes they were read from. The WARC extension itself skips rendered
responses (they carry scrapy-playwright's ``playwright`` flag).

The browser is closed and started afresh every ``ARCHIVER_BROWSER_RESTART_EVERY`` pages
(new pages wait until the ones open have finished), which bounds the memory a long crawl
lets Chromium accumulate. Stats: ``archiver/browser/pages``, ``…/failed``, ``…/seconds``
(wall time of all renders), ``…/records`` (exchanges archived), ``…/not_quiet`` (pages
still fetching at ``ARCHIVER_BROWSER_SETTLE``), ``…/restarts``, ``…/memory_peak`` (bytes,
proportional set size of the browser's processes, sampled at the end of every page).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archiver.browser.capture import PageRecorder
from archiver.browser.memory import tree_memory
from archiver.browser.records import dom_record
from archiver.browser.settle import settle
from archiver.warc.exchange import HttpExchange

logger = logging.getLogger(__name__)

RENDER_KEY = "archiver_render"  # request meta: render this request in the browser
RECORDER_KEY = "archiver_browser_recorder"  # request meta, in memory only: the page's recorder
INFO_KEY = "archiver_browser"  # request meta after rendering: what the render archived
_MIB = 1024 * 1024


class RestartGate:
    """Counts pages open in the browser and restarts it every ``every`` pages.

    A page enters before it is opened and leaves when it is closed; once ``every`` pages
    have entered since the last restart, the next one waits until the open pages have
    left, then ``restart`` runs and the count starts again. ``every`` 0 never restarts.
    """

    def __init__(self, every: int, restart: Callable[[], Awaitable[None]]) -> None:
        self.every = every
        self.restart = restart
        self.open = 0
        self.since_restart = 0
        self._changed = asyncio.Condition()

    async def enter(self) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: not self._due() or self.open == 0)
            if self._due():
                await self.restart()
                self.since_restart = 0
            self.open += 1
            self.since_restart += 1

    async def leave(self) -> None:
        async with self._changed:
            self.open -= 1
            self._changed.notify_all()

    def _due(self) -> bool:
        return bool(self.every) and self.since_restart >= self.every


class BrowserMiddleware:
    """Enabled in ``DOWNLOADER_MIDDLEWARES`` (950); off (``NotConfigured``) unless
    ``ARCHIVER_BROWSER`` is ``auto`` or ``always`` (:func:`archiver.browser.install`)."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        if (settings.get("ARCHIVER_BROWSER") or "off") == "off":
            raise NotConfigured("no browser rendering (ARCHIVER_BROWSER is off)")
        from scrapy_playwright.page import PageMethod

        self.page_method = PageMethod
        self.crawler = crawler
        self.quiet = settings.getfloat("ARCHIVER_BROWSER_QUIET", 0.5)
        self.settle_limit = settings.getfloat("ARCHIVER_BROWSER_SETTLE", 15.0)
        self.user_agent = settings.get("USER_AGENT")
        self.max_body = settings.getint("DOWNLOAD_MAXSIZE", 0)
        self.gate = RestartGate(settings.getint("ARCHIVER_BROWSER_RESTART_EVERY", 50), self._restart)
        self._started: dict[int, float] = {}
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> BrowserMiddleware:
        return cls(crawler)

    @property
    def stats(self) -> Any:
        return self.crawler.stats

    async def process_request(self, request: Any, spider: Any = None) -> None:
        if not request.meta.get(RENDER_KEY) or RECORDER_KEY in request.meta:
            return
        await self.gate.enter()
        self._started[id(request)] = time.monotonic()
        recorder = PageRecorder(self._archive, self.max_body)
        request.meta.update({
            RECORDER_KEY: recorder,
            "playwright": True,
            "playwright_include_page": True,  # closed here, once its requests are archived
            "playwright_page_event_handlers": {
                "request": recorder.on_request,
                "requestfinished": recorder.on_request_finished,
                "requestfailed": recorder.on_request_failed,
            },
            "playwright_page_methods": [self.page_method(settle, recorder, self.quiet, self.settle_limit)],
            "playwright_page_init_callback": "archiver.browser.settle.wire_headers",
            # Used when the context is made (the first page, and after each restart).
            "playwright_context_kwargs": {"user_agent": self.user_agent},
            # A render's seconds are the browser's, not the server's latency.
            "autothrottle_dont_adjust_delay": True,
        })

    async def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        recorder = request.meta.pop(RECORDER_KEY, None)
        if recorder is None:
            return response
        try:
            await self._finish(request, response, recorder)
        finally:
            await self._leave(request)
        return response

    async def process_exception(self, request: Any, exception: BaseException, spider: Any = None) -> None:
        recorder = request.meta.pop(RECORDER_KEY, None)
        if recorder is None:
            return
        try:
            logger.info("Rendering %s failed: %s", request.url, exception)
            self.stats.inc_value("archiver/browser/failed")
            await self._close_page(request, recorder)
        finally:
            await self._leave(request)

    async def _finish(self, request: Any, response: Any, recorder: PageRecorder) -> None:
        taken_at = datetime.now(UTC)
        self._sample_memory()
        await self._close_page(request, recorder)
        methods = request.meta.get("playwright_page_methods") or []
        if methods and methods[0].result is False:
            self.stats.inc_value("archiver/browser/not_quiet")
        self.stats.inc_value("archiver/browser/pages")
        self.stats.inc_value("archiver/browser/records", recorder.records)
        document = recorder.document.warc_record_id if recorder.document is not None else None
        request.meta[INFO_KEY] = {"page_record": document, "records": recorder.records}
        location, date = await self._write_dom(response, taken_at, document)
        if location is not None:
            request.meta["archiver_warc"] = {
                "warc_file": location.warc_file,
                "warc_record_id": location.warc_record_id,
                "warc_offset": location.warc_offset,
                "fetched_at": date,
            }

    async def _write_dom(self, response: Any, taken_at: datetime, refers_to: str | None) -> tuple[Any, str]:
        """The rendered DOM as a ``conversion`` record; its location and WARC-Date."""
        extension = self._extension()
        made: dict[str, str] = {}
        if extension is None:
            return None, ""

        def build(builder: Any) -> Any:
            record = dom_record(builder, response.url, response.body, f"text/html; charset={response.encoding}",
                                taken_at, refers_to)
            made["date"] = record.rec_headers.get_header("WARC-Date")
            return record

        location = await extension.append_record(build, response.url)
        return location, made.get("date", "")

    async def _close_page(self, request: Any, recorder: PageRecorder) -> None:
        recorder.close()
        await recorder.drain()
        page = request.meta.pop("playwright_page", None)
        if page is not None:
            try:
                await page.close()
            except Exception as error:  # noqa: BLE001 - the browser may be gone already
                logger.debug("Closing the page of %s: %s", request.url, error)

    async def _leave(self, request: Any) -> None:
        started = self._started.pop(id(request), None)
        if started is not None:
            self.stats.inc_value("archiver/browser/seconds", time.monotonic() - started)
        await self.gate.leave()

    async def _archive(self, exchange: HttpExchange) -> Any:
        extension = self._extension()
        return await extension.archive(exchange) if extension is not None else None

    def _extension(self) -> Any:
        from archiver.extensions.warc import WarcExtension

        extensions = getattr(self.crawler, "extensions", None)
        for extension in getattr(extensions, "middlewares", ()):
            if isinstance(extension, WarcExtension):
                return extension
        return None

    def _handlers(self) -> list[Any]:
        """scrapy-playwright's download handlers of this crawl (one per scheme, once used)."""
        from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

        engine = getattr(self.crawler, "engine", None)
        handlers = getattr(getattr(getattr(engine, "downloader", None), "handlers", None), "_handlers", {})
        return [h for h in handlers.values() if isinstance(h, ScrapyPlaywrightDownloadHandler)]

    def _sample_memory(self) -> None:
        """Note the memory of the browsers: each Playwright driver and every process below it."""
        sizes = [tree_memory(pid) for pid in map(_driver_pid, self._handlers()) if pid is not None]
        known = [size for size in sizes if size is not None]
        if known:
            self.stats.max_value("archiver/browser/memory_peak", sum(known))

    async def _restart(self) -> None:
        """Close the browsers; scrapy-playwright launches a new one for the next page."""
        running = [(h, h.browser) for h in self._handlers() if getattr(h, "browser", None) is not None]
        if not running:
            return
        self._sample_memory()
        for handler, browser in running:
            await browser.close()
            for _ in range(200):  # its "disconnected" handler forgets it (PLAYWRIGHT_RESTART_DISCONNECTED_BROWSER)
                if getattr(handler, "browser", None) is not browser:
                    break
                await asyncio.sleep(0.05)
        self.stats.inc_value("archiver/browser/restarts")
        logger.info("Browser restarted after %d pages", self.gate.since_restart)

    def spider_closed(self, spider: Any) -> None:
        stats = self.stats.get_stats()
        pages = stats.get("archiver/browser/pages", 0)
        if not pages and not stats.get("archiver/browser/failed"):
            return
        seconds = stats.get("archiver/browser/seconds", 0.0)
        peak = stats.get("archiver/browser/memory_peak")
        logger.info("Browser: %d pages rendered (%d failed), %.2f s a page, %d exchanges archived, "
                    "%d restarts, peak memory %s", pages, stats.get("archiver/browser/failed", 0),
                    seconds / max(1, pages + stats.get("archiver/browser/failed", 0)),
                    stats.get("archiver/browser/records", 0), stats.get("archiver/browser/restarts", 0),
                    f"{peak / _MIB:.0f} MiB" if peak else "unknown")


def _driver_pid(handler: Any) -> int | None:
    """The process id of a handler's Playwright driver (Chromium runs below it).

    Playwright keeps it in private attributes, whose path moved between versions: both
    are tried (scrapy-playwright's own memory-usage extension reads the older one).
    """
    manager = getattr(getattr(handler, "browser_provider", None), "playwright_context_manager", None)
    for owner in ("_client", "_connection"):
        process = getattr(getattr(getattr(manager, owner, None), "_transport", None), "_proc", None)
        if process is not None and getattr(process, "pid", None):
            return int(process.pid)
    return None
