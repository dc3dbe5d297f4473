"""The framework ceiling: a minimal Scrapy spider that only follows the site's links.

No parsing beyond collecting ``a/@href``, no items, no storage, no project settings or
middlewares of the archiver. Already-seen links are dropped in the spider before a
Request is built (building Requests for the ~250 repeated links of every page would cost
far more than the crawl itself), and the hrefs are read from the lxml tree directly rather
than through one Selector object each. Run as ``python -m bench.bare URL --log FILE -s NAME=VALUE``
(``--post-pattern REGEX`` for a site whose post URLs are not WordPress's).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Request, Response

_POST_PATH = r"^/\d{4}/\d{2}/\d{2}/[^/]+/(?:comment-page-\d+/)?$"


class BareSpider(scrapy.Spider):
    """Follow every same-host link once; count post and comment pages as they arrive (URLs,
    path and query, that ``post_pattern`` matches)."""

    name = "bare"

    def __init__(self, url: str, post_pattern: str = _POST_PATH, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [url]
        self.post_page = re.compile(post_pattern)
        self.host = urlsplit(url).netloc
        self.seen: set[str] = {url}
        # Absolute and root-relative hrefs mean the same URL on every page, so the raw
        # string is remembered too and a repeat is dropped before urljoin.
        self.seen_hrefs: set[str] = set()

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Request]:
        parts = urlsplit(response.url)
        if self.post_page.match(f"{parts.path}?{parts.query}" if parts.query else parts.path):
            self.crawler.stats.inc_value("bench/post_pages")
        base = response.url
        seen_hrefs = self.seen_hrefs
        for href in response.selector.root.xpath("//a/@href"):
            if href in seen_hrefs:
                continue
            if href.startswith(("/", "http:", "https:")):
                seen_hrefs.add(str(href))
            url = urljoin(base, href).split("#", 1)[0]
            if url in self.seen:
                continue
            self.seen.add(url)
            if urlsplit(url).netloc == self.host:
                yield Request(url, dont_filter=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bare", description="Crawl a site with the bare spider.")
    parser.add_argument("url")
    parser.add_argument("--log", required=True)
    parser.add_argument("--post-pattern", default=_POST_PATH,
                        help="regex of the post and comment page URLs (path and query) to count")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    settings: dict[str, Any] = {"LOG_FILE": args.log, "LOG_LEVEL": "INFO", "TELNETCONSOLE_ENABLED": False}
    for item in args.settings:
        name, _, value = item.partition("=")
        settings[name] = json.loads(value) if value[:1] in "{[" else value
    process = CrawlerProcess(settings=settings, install_root_handler=True)
    process.crawl(BareSpider, url=args.url, post_pattern=args.post_pattern)
    process.start()


if __name__ == "__main__":
    main()
