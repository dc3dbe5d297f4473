"""The Redis key names of one crawl: ``<prefix>:<crawl name>:<what>``.

Every worker of a crawl and ``archiver enqueue`` derive them the same way, from
``ARCHIVER_REDIS_PREFIX`` and the crawl name (``ARCHIVER_CRAWL_NAME`` or the start URL's
host), so two crawls on one Redis server never see each other's keys.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PREFIX = "blog-archiver"


@dataclass(frozen=True)
class CrawlKeys:
    """Key names of one crawl on a Redis server."""

    prefix: str
    crawl: str

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{self.crawl}:{name}"

    @property
    def requests(self) -> str:
        """Sorted set: the shared request queue (scrapy-redis priority queue)."""
        return self._key("requests")

    @property
    def seen(self) -> str:
        """Set: URLs requested in the current cycle (the shared seen-set)."""
        return self._key("seen")

    @property
    def seeds(self) -> str:
        """List: start URLs pushed by ``archiver enqueue``, taken by idle workers."""
        return self._key("seeds")

    @property
    def frontier(self) -> str:
        """Hash url → pending request (JSON): scheduled and not finished."""
        return self._key("frontier")

    @property
    def owners(self) -> str:
        """Hash url → worker id: who holds a frontier request (took it, or waits for it)."""
        return self._key("owners")

    @property
    def pages(self) -> str:
        """Hash url → last fetch (JSON): status and validators for conditional re-visits."""
        return self._key("pages")

    @property
    def captures(self) -> str:
        """Hash url → last full WARC capture (JSON): the payload digest index for revisits."""
        return self._key("captures")

    @property
    def posts(self) -> str:
        """Hash url → archived post (JSON), read by the re-visit policy."""
        return self._key("posts")

    @property
    def items(self) -> str:
        """Hash item key → content fingerprint (or a worker's claim on writing it)."""
        return self._key("items")

    @property
    def cycle(self) -> str:
        """String: when the current cycle (one pass over the blog) started."""
        return self._key("cycle")

    @property
    def counted(self) -> str:
        """Counter: pages scheduled this cycle, for ``max_pages`` across workers."""
        return self._key("counted")

    def alive(self, worker: str) -> str:
        """String with a TTL, refreshed while ``worker`` runs: its lease."""
        return self._key(f"alive:{worker}")
