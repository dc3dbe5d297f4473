"""scrapy-playwright's download handler, starting Playwright when it first renders a page.

The stock handler starts a Playwright driver (a Node.js process, about 125 MiB) for each
scheme it serves as soon as the engine starts, whether or not a page is ever rendered.
With ``browser=auto`` most crawls render few pages or none, and a site is served over one
scheme, so this handler starts its driver on the first request it renders: a crawl that
renders nothing costs no browser process at all, and one on a single scheme costs one.
Requests that are not rendered go through Scrapy's HTTP/1.1 handler as before.

It overrides three methods scrapy-playwright keeps private (the engine-start hooks and
the rendering entry point); ``tests/test_browser.py`` crawls through it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler


class LazyPlaywrightDownloadHandler(ScrapyPlaywrightDownloadHandler):
    """``DOWNLOAD_HANDLERS`` for http and https when the crawl may render pages."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._started = False
        self._start_lock = asyncio.Lock()

    async def _maybe_launch_in_thread(self) -> None:  # engine_started (Scrapy >= 2.14)
        return None

    def _engine_started(self) -> None:  # engine_started (older Scrapy)
        return None

    async def _download_request(self, request: Any, spider: Any = None) -> Any:
        async with self._start_lock:
            if not self._started:
                await self._launch()
                self._started = True
        return await super()._download_request(request, spider)
