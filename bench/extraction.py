"""Extraction cost per page on one core: the archiver's parsers against lxml and trafilatura.

Pages are read into memory first, so only parsing is timed. ``lxml.html.fromstring`` is
the floor (every approach needs a tree); ``trafilatura.extract(include_comments=True)``
is what a generic extractor costs for the same page and gives comments only as one text
blob. Each timer is warmed up on one page first, so one-time costs (imports, caches,
compiled selectors) are not counted against any of them. :func:`per_page` times every
page on its own, for the median and the worst page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.site import Site

BASE = "http://blog.bench.test"


@dataclass
class ExtractionTimes:
    """Milliseconds per page for each extractor, over ``pages`` (trafilatura over ``slow_pages``)."""

    lxml_ms: float
    archiver_ms: float
    trafilatura_ms: float
    pages: int
    slow_pages: int
    comments: int


def sample_pages(site: Site, count: int) -> list[tuple[str, bytes]]:
    """``count`` post and comment pages spread evenly over the site, as (url, body)."""
    paths = site.post_pages
    step = max(1, len(paths) // max(1, count))
    chosen = paths[::step][:count]
    return [(BASE + path, site.file_for(path).read_bytes()) for path in chosen]


def _ms_per_page(pages: list[tuple[str, bytes]], parse: Callable[[str, bytes], object]) -> float:
    parse(*pages[0])  # warm-up
    started = time.perf_counter()
    for url, body in pages:
        parse(url, body)
    return (time.perf_counter() - started) * 1000 / len(pages)


def measure(site: Site, count: int, slow_count: int) -> ExtractionTimes:
    import lxml.html
    import trafilatura

    from archiver.page import Page
    from archiver.parsers import parse_page

    pages = sample_pages(site, count)
    slow = pages[:: max(1, len(pages) // max(1, slow_count))][:slow_count]
    comments = sum(len(parse_page(Page(url, body)).comments) for url, body in pages)
    return ExtractionTimes(
        lxml_ms=_ms_per_page(pages, lambda url, body: lxml.html.fromstring(body)),
        archiver_ms=_ms_per_page(pages, lambda url, body: parse_page(Page(url, body))),
        trafilatura_ms=_ms_per_page(slow, lambda url, body: trafilatura.extract(body, url=url, include_comments=True)),
        pages=len(pages),
        slow_pages=len(slow),
        comments=comments,
    )


@dataclass
class PageTimes:
    """One page timed on its own: lxml's and ``parse_page``'s best of ``rounds`` runs."""

    url: str
    lxml_ms: float
    archiver_ms: float

    @property
    def ratio(self) -> float:
        return self.archiver_ms / self.lxml_ms


def per_page(pages: list[tuple[str, bytes]], rounds: int = 3) -> list[PageTimes]:
    """Each page timed by itself (the best of ``rounds`` for each parser, so a burst of
    outside load on one run does not make a page look slow): which pages cost
    ``parse_page`` most against the HTML parse."""
    import lxml.html

    from archiver.page import Page
    from archiver.parsers import parse_page

    def best(parse: Callable[[], object]) -> float:
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            parse()
            times.append(time.perf_counter() - started)
        return min(times) * 1000

    parse_page(Page(*pages[0]))  # warm-up
    return [PageTimes(url, best(lambda: lxml.html.fromstring(body)), best(lambda: parse_page(Page(url, body))))
            for url, body in pages]
