"""Honour ``Retry-After`` on 429 and 503 answers.

Scrapy's RetryMiddleware retries a 429 at once, which a rate-limiting server answers with
another 429 until the retries run out and the page is lost. This middleware waits as long
as the server asks (up to ``ARCHIVER_RETRY_AFTER_MAX`` seconds) and then retries; the wait
is asynchronous, so other requests go on meanwhile. Answers without the header, or asking
for longer than the cap, are left to RetryMiddleware as usual.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Request, Response

logger = logging.getLogger(__name__)

RETRY_AFTER_CODES = frozenset({429, 503})


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    """Wait for the server's ``Retry-After`` before retrying a 429/503 (order it above 550)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.max_delay = crawler.settings.getfloat("ARCHIVER_RETRY_AFTER_MAX", 300.0)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        if response.status not in RETRY_AFTER_CODES or request.meta.get("dont_retry"):
            return response
        delay = retry_after_seconds(response.headers.get(b"Retry-After"))
        if delay is None:
            return response
        if delay > self.max_delay:
            logger.warning("%s asks to retry after %.0f s (over ARCHIVER_RETRY_AFTER_MAX): not waiting", request.url, delay)
            return response
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"{response.status} Retry-After")
        if retry is None:
            return response
        self.crawler.stats.inc_value("archiver/retry_after/waits")
        logger.info("%s: %d with Retry-After, retrying in %.1f s", request.url, response.status, delay)
        await asyncio.sleep(delay)
        return retry
