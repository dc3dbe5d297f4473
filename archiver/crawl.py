"""Run the blog spider from Python (and so from the ``archiver`` CLI) with the project settings.

``scrapy crawl blog`` needs a shell in the project folder; this module runs the very same
spider through :class:`scrapy.crawler.CrawlerProcess` from anywhere, finding the settings
through ``SCRAPY_SETTINGS_MODULE`` (set to ``archiver.settings`` when unset), and returns
the crawl summary the :class:`archiver.summary.CrawlSummary` extension wrote.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver.errors import ArchiverError, InputError
from archiver.output import crawl_directory
from archiver.summary import SUMMARY_FILE


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host; InputError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"not an http(s) URL: {url!r}")
    return url.strip()


def project_settings(overrides: dict[str, Any] | None = None) -> Any:
    """The archiver's Scrapy settings, with ``overrides`` at command-line priority."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "archiver.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_blog_spider(url: str, overrides: dict[str, Any] | None = None, **spider_args: Any) -> dict[str, Any]:
    """Crawl ``url`` with the ``blog`` spider in this process and return the summary dict.

    Twisted's reactor cannot be restarted, so this runs once per Python process (the
    ``archiver`` CLI runs one command per process).
    """
    from scrapy.crawler import CrawlerProcess

    from spiders.blog import BlogSpider

    settings = project_settings(overrides)
    _refuse_if_locked(crawl_directory(settings, url))
    process = CrawlerProcess(settings)
    process.crawl(BlogSpider, url=url, **spider_args)
    process.start()
    folder = crawl_directory(settings, url)
    summary_path = folder / SUMMARY_FILE
    if not summary_path.exists():
        return {"folder": str(folder), "posts": 0, "comments": 0, "errors": {}, "files": []}
    return json.loads(summary_path.read_text(encoding="utf-8"))


def _refuse_if_locked(folder: Path) -> None:
    """A one-line error now, rather than a spider that fails inside Scrapy's start-up,
    when another run holds the crawl folder (the spider takes the lock for real)."""
    from archiver.lock import CrawlLock, CrawlLocked

    lock = CrawlLock(folder)
    try:
        lock.acquire()
    except CrawlLocked as refused:
        raise ArchiverError(str(refused)) from None
    lock.release()


def archive_post(url: str, output_dir: str | None = None, *, log_level: str = "WARNING",
                 warc_version: str | None = None, **archive: str) -> dict[str, Any]:
    """Archive one post: the page, all its comment pages and the site's robots.txt.

    ``warc_version`` ("1.0" or "1.1") overrides ``ARCHIVER_WARC_VERSION``. ``archive``
    (``archive``, ``at``, ``from``, ``until``: the spider's arguments) reads the post from
    a web archive instead (docs/archives.md), into its own crawl folder.
    """
    overrides: dict[str, Any] = {"LOG_LEVEL": log_level, "TELNETCONSOLE_ENABLED": False}
    if output_dir:
        overrides["ARCHIVER_OUTPUT_DIR"] = output_dir
    if warc_version:
        overrides["ARCHIVER_WARC_VERSION"] = warc_version
    url = check_url(url)
    if archive:
        overrides.update(_archive_overrides(url, archive))
    return run_blog_spider(url, overrides, mode="single", **archive)


def _archive_overrides(url: str, arguments: dict[str, str]) -> dict[str, Any]:
    """The crawl folder of a post read from an archive, checked before Scrapy starts (a bad
    archive name or date is one line, not a traceback)."""
    from archiver.archives import options

    settings = project_settings()
    read = options.ArchiveOptions.read(arguments, settings)
    name = settings.get("ARCHIVER_CRAWL_NAME")
    return {} if read is None or name else {"ARCHIVER_CRAWL_NAME": options.crawl_name(url, read.source)}
