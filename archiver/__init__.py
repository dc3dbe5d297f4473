"""News blog scraper and archiver: structured articles and comments, linked to WARC records.

The library is framework-free: :func:`parse_page` turns a :class:`Page` (url, headers,
body bytes) into an :class:`Article` and its :class:`Comment` items, whether the page
came from a live Scrapy crawl, a WARC record, or a file on disk.
"""

from __future__ import annotations

__version__ = "0.1.0"

from archiver.items import Article, Comment
from archiver.page import Page
from archiver.parsers import ParseResult, parse_page

__all__ = ["Article", "Comment", "Page", "ParseResult", "__version__", "parse_page"]
