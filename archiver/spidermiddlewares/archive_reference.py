"""Pages linked from an archived page are read as they were when that page was captured.

In a crawl from a web archive (docs/archives.md), every request a page leads to (its
links, its comment pages, the rest of a split post) is stamped with that page's capture
time (``meta["archiver_archive_ref"]``), and the archive middleware
(:mod:`archiver.downloadermiddlewares.archive_source`) fetches the capture of the new URL
nearest that time: a post and its comment pages are read as they stood together, not as
the archive happened to catch each of them years apart. (A resumed crawl reads each URL
from the capture chosen before the crash: :mod:`archiver.archives.store`.)

Off (``NotConfigured``) unless the crawl names an archive.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy import Request

from archiver.archives.capture import REFERENCE_KEY
from archiver.archives.session import configured_archive
from archiver.downloadermiddlewares.archive_source import CAPTURED_KEY


class ArchiveReferenceMiddleware:
    """Stamps the requests a response leads to with the response's capture time."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchiveReferenceMiddleware:
        configured_archive(crawler)
        return cls()

    def process_spider_output(self, response: Any, result: Iterable[Any], spider: Any = None) -> Iterator[Any]:
        captured = response.meta.get(CAPTURED_KEY)
        for output in result:
            yield _stamped(output, captured)

    async def process_spider_output_async(self, response: Any, result: AsyncIterator[Any],
                                          spider: Any = None) -> AsyncIterator[Any]:
        captured = response.meta.get(CAPTURED_KEY)
        async for output in result:
            yield _stamped(output, captured)


def _stamped(output: Any, captured: str | None) -> Any:
    if captured and isinstance(output, Request) and not output.meta.get(REFERENCE_KEY):
        output.meta[REFERENCE_KEY] = captured
    return output
