"""A spider that follows every link of the probe site and reports what it saw.

For each response reaching a callback it yields the URL, the status and the record
pointer the WARC extension left in ``response.meta``, so tests can check the pointer; a
failed fetch yields its URL and whatever pointer its request carries (there must be none).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from twisted.python.failure import Failure


class ProbeSpider(scrapy.Spider):
    name = "warc_probe"

    def __init__(self, start_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start_url

    async def start(self) -> Any:
        yield scrapy.Request(self.start_url)

    def parse(self, response: scrapy.http.Response) -> Iterator[Any]:
        yield {
            "url": response.url,
            "status": response.status,
            "archiver_warc": response.meta.get("archiver_warc"),
        }
        if isinstance(response, scrapy.http.HtmlResponse):
            yield from response.follow_all(
                css="a", callback=self.parse, errback=self.failed
            )

    def failed(self, failure: Failure) -> Iterator[Any]:
        """A fetch that got no response must carry no record pointer."""
        if failure.check(IgnoreRequest):  # robots.txt said no: nothing was fetched
            return
        request = failure.request
        yield {
            "url": request.url,
            "failed": True,
            "archiver_warc": request.meta.get("archiver_warc"),
        }
