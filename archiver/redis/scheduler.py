"""scrapy-redis's scheduler, adapted to a pool of archiver workers.

Three changes to :class:`scrapy_redis.scheduler.Scheduler` (0.9.1, which runs on
Scrapy 2.19 as is):

* **Claiming pops.** Plain scrapy-redis pops a request and forgets it: a worker killed
  right after loses it. Here a Lua script pops the top request *and* records the popping
  worker as its owner in one step (and a push gives the maker's ownership up in the same
  transaction as the ``ZADD``), so the request stays in the shared frontier with an
  owner until its work is written, and another worker takes it over when the owner's
  lease runs out (:meth:`archiver.redis.shared.SharedState.take_orphans`). The queue
  member carries the frontier URL before the pickled request, for the script to read.
* **Comment pages stay home.** A post's comment pages are stitched in the worker that
  parsed the post page, so their requests go to a queue local to the worker, served
  before the shared one; they never reach another worker.
* **No scheduler dupefilter.** The spider checks the shared seen-set before it builds a
  request (its bookkeeping depends on the answer), so a second filter would only drop
  the requests taken over from a dead worker.
"""

from __future__ import annotations

import heapq
import itertools
from typing import Any

from scrapy import Request
from scrapy.dupefilters import BaseDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from archiver.redis.shared import connect

FRONTIER_META = "archiver_frontier"
LOCAL_META = "archiver_comment_page"
_SEPARATOR = b"\n"  # a cleaned URL holds no newline

_POP_AND_CLAIM = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0)
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local cut = string.find(top[1], '\\n', 1, true)
if cut and cut > 1 then
  redis.call('HSET', KEYS[2], string.sub(top[1], 1, cut - 1), ARGV[1])
end
return top[1]
"""


class ClaimingQueue(PriorityQueue):
    """A scrapy-redis priority queue whose pop also records the popping worker as owner."""

    def __init__(self, server: Any, spider: Any, key: str, owners_key: str, worker: str) -> None:
        super().__init__(server, spider, key)
        self.owners_key = owners_key
        self.worker = worker
        self._pop = server.register_script(_POP_AND_CLAIM)

    def _encode_request(self, request: Request) -> bytes:
        url = str(request.meta.get(FRONTIER_META) or "")
        return url.encode("utf-8") + _SEPARATOR + super()._encode_request(request)

    def _decode_request(self, encoded_request: bytes) -> Request:
        return super()._decode_request(encoded_request.split(_SEPARATOR, 1)[1])

    def push(self, request: Request) -> None:
        """Queue the request; from now on the queue holds it, not the worker that made it.

        Until this point its maker owns it (see ``SharedState.add_pending``), so a worker
        killed between making a request and queueing it does not lose it.
        """
        url = str(request.meta.get(FRONTIER_META) or "")
        with self.server.pipeline() as pipe:  # MULTI/EXEC: both or neither
            pipe.zadd(self.key, {self._encode_request(request): -request.priority})
            if url:
                pipe.hdel(self.owners_key, url)
            pipe.execute()

    def pop(self, timeout: int = 0) -> Request | None:
        data = self._pop(keys=[self.key, self.owners_key], args=[self.worker])
        return self._decode_request(data) if data else None


class WorkerScheduler(Scheduler):
    """The shared Redis queue, claiming pops, and a local queue for comment pages."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerScheduler:
        settings = crawler.settings
        scheduler = cls(server=connect(settings.get("ARCHIVER_REDIS_URL"), text=False), persist=True,
                        queue_key=settings.get("SCHEDULER_QUEUE_KEY"), dupefilter=BaseDupeFilter())
        scheduler.stats = crawler.stats
        return scheduler

    def open(self, spider: Any) -> None:
        self.spider = spider
        shared = spider.shared
        self.queue = ClaimingQueue(self.server, spider, self.queue_key, shared.keys.owners, shared.worker)
        self._local: list[tuple[int, int, Request]] = []
        self._order = itertools.count()
        waiting = len(self.queue)
        if waiting:
            spider.logger.info("Joining the crawl: %d requests in the shared queue", waiting)

    def close(self, reason: str) -> None:
        """The shared queue outlives every worker (``SCHEDULER_PERSIST``)."""
        if self._local:
            self.spider.logger.info("%d comment pages not fetched; their posts are fetched again", len(self._local))

    def __len__(self) -> int:
        return len(self._local) + len(self.queue)

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.get(LOCAL_META):
            heapq.heappush(self._local, (-request.priority, next(self._order), request))
            self._count("scheduler/enqueued/local")
            return True
        self.queue.push(request)
        self._count("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self._local:
            self._count("scheduler/dequeued/local")
            return heapq.heappop(self._local)[2]
        request = self.queue.pop()
        if request is not None:
            self._count("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return bool(self._local) or len(self.queue) > 0

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)
