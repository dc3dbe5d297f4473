"""Where a crawl's files go: ``<ARCHIVER_OUTPUT_DIR>/<crawl name>/``.

Every component that writes files (JSON Lines, WARC, state) asks this module for the
folder, so they agree on it without passing paths around. Names derived from URLs are
reduced to a safe alphabet, so a hostile URL cannot point a path outside the output folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str, fallback: str = "crawl") -> str:
    """``text`` as one path component: no separators, no leading dots, at most 100 chars."""
    name = _UNSAFE.sub("_", text).strip("._-")[:100]
    return name or fallback


def crawl_name_for(url: str | None) -> str:
    """The default crawl name for a start URL: its host, plus the port when one is given.

    ``https://blogs.example.org/politics/`` → ``blogs.example.org``;
    ``http://127.0.0.1:8123/`` → ``127.0.0.1_8123``.
    """
    if not url:
        return "crawl"
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # "host:abc": not a port, so not part of the name
        port = None
    if port:
        host = f"{host}_{port}"
    return safe_name(host)


def crawl_directory(settings, start_url: str | None = None) -> Path:
    """The crawl's folder from Scrapy ``settings`` (created if missing).

    ``ARCHIVER_CRAWL_NAME`` wins; otherwise the name comes from ``start_url``.
    """
    base = Path(settings.get("ARCHIVER_OUTPUT_DIR") or "output")
    name = settings.get("ARCHIVER_CRAWL_NAME") or crawl_name_for(start_url)
    folder = base / safe_name(name)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def spider_directory(spider) -> Path:
    """The crawl folder of a running spider, from its settings and start URL.

    A spider may name its crawl itself (attribute ``crawl_name``, e.g. ``"demo"`` for the
    bundled demo blog, whose port changes every run); ``ARCHIVER_CRAWL_NAME`` still wins.
    """
    start_url = getattr(spider, "start_url", None)
    name = getattr(spider, "crawl_name", None)
    settings = spider.crawler.settings
    if name and not settings.get("ARCHIVER_CRAWL_NAME"):
        base = Path(settings.get("ARCHIVER_OUTPUT_DIR") or "output") / safe_name(name)
        base.mkdir(parents=True, exist_ok=True)
        return base
    return crawl_directory(settings, start_url)


@contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """A temporary path to write ``path``'s new content to; it replaces ``path`` only on success.

    A failed run (disk full, killed, an error halfway) leaves the previous ``path``
    untouched and no torn file behind: readers see the old file or the new one, whole.
    """
    draft = path.with_name(f"{path.name}.partial")
    try:
        yield draft
        os.replace(draft, path)
    finally:
        draft.unlink(missing_ok=True)
