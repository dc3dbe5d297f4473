"""What ``ARCHIVER_REDIS_URL`` changes in a run's Scrapy settings.

Two steps, because the crawl name is only known once the spider has its arguments:

* :func:`use_redis_scheduler`, from the spider's ``update_settings``: the scrapy-redis
  based scheduler, with the queue kept when a worker stops (``SCHEDULER_PERSIST``);
* :func:`use_worker_folder`, from the spider's ``from_crawler`` (settings are not frozen
  yet): the queue key of this crawl, and the worker's own folder
  ``<ARCHIVER_OUTPUT_DIR>/<crawl>/workers/<worker id>/`` for everything it writes (JSON
  Lines, WARC files, summary, runs, lock), so workers never write one file together.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from archiver.output import crawl_name_for, safe_name
from archiver.redis.keys import DEFAULT_PREFIX, CrawlKeys

SCHEDULER = "archiver.redis.scheduler.WorkerScheduler"
WORKERS_FOLDER = "workers"
# Above the command line's priority (40): the worker folder replaces the crawl folder.
_WORKER_PRIORITY = 50


def redis_url(settings: Any) -> str:
    """The Redis server of the pool, or "" when the crawl runs embedded (the default)."""
    return str(settings.get("ARCHIVER_REDIS_URL") or "").strip()


def use_redis_scheduler(settings: Any) -> None:
    """Swap in the Redis-backed scheduler; a user's own ``-s SCHEDULER=…`` still wins."""
    settings.set("SCHEDULER", SCHEDULER, priority="spider")
    settings.set("SCHEDULER_PERSIST", True, priority="spider")
    settings.set("REDIS_URL", redis_url(settings), priority="spider")


def worker_id(settings: Any) -> str:
    """``ARCHIVER_WORKER_ID``, or ``<host>-<pid>`` (unique on a machine, new every start)."""
    chosen = str(settings.get("ARCHIVER_WORKER_ID") or "")
    return safe_name(chosen or f"{socket.gethostname()}-{os.getpid()}", "worker")


def crawl_name(settings: Any, url: str | None) -> str:
    """The crawl's name, shared by all its workers: ``ARCHIVER_CRAWL_NAME`` or the URL's host."""
    name = settings.get("ARCHIVER_CRAWL_NAME")
    if name:
        return safe_name(str(name))
    if not url:
        raise ValueError("with ARCHIVER_REDIS_URL and no url, set ARCHIVER_CRAWL_NAME: it names the "
                         "crawl whose seeds the worker waits for")
    return crawl_name_for(url if "//" in url else f"https://{url}")


def crawl_keys(settings: Any, name: str) -> CrawlKeys:
    return CrawlKeys(str(settings.get("ARCHIVER_REDIS_PREFIX") or DEFAULT_PREFIX), name)


def use_worker_folder(settings: Any, name: str, worker: str) -> Path:
    """Point the crawl folder at the worker's own sub-folder; return the crawl's folder."""
    base = Path(settings.get("ARCHIVER_OUTPUT_DIR") or "output") / name
    settings.set("ARCHIVER_OUTPUT_DIR", str(base / WORKERS_FOLDER), priority=_WORKER_PRIORITY)
    settings.set("ARCHIVER_CRAWL_NAME", worker, priority=_WORKER_PRIORITY)
    settings.set("SCHEDULER_QUEUE_KEY", crawl_keys(settings, name).requests, priority=_WORKER_PRIORITY)
    return base
