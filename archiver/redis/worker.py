"""The loop that keeps a worker in its pool: lease, take-overs, seeds, and when to stop.

A worker is a normal ``scrapy crawl blog`` whose scheduler and state live in Redis. Every
``tick`` seconds it

* renews its lease (a Redis key with a TTL of ``ARCHIVER_REDIS_LEASE`` seconds), so the
  others know it is alive;
* takes over the requests of workers whose lease ran out (killed, machine gone) and
  queues them again, each at most once;
* takes seeds pushed by ``archiver enqueue``;
* wakes Scrapy's engine, which otherwise looks at the scheduler only every 5 s when idle,
  so a request another worker queued is picked up within a tick.

When the worker runs out of requests (Scrapy's ``spider_idle``) it stays while anything
is pending anywhere in the pool (another worker's post may still yield links), and stops
once the pass is over. A *standing* worker (started without a URL) never stops on its
own: it ends the pass and waits for the next seed.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy.exceptions import DontCloseSpider
from twisted.internet.task import LoopingCall

from archiver.redis.shared import SharedState

logger = logging.getLogger(__name__)


class PoolWorker:
    """Runs the periodic duties of one worker; ``spider`` builds the requests."""

    def __init__(self, spider: Any, shared: SharedState, *, standing: bool, tick: float = 1.0) -> None:
        self.spider = spider
        self.shared = shared
        self.standing = standing
        self.tick = tick
        self._loop = LoopingCall(self._tick)
        self._next_sweep = 0.0

    def start(self) -> None:
        self._loop.start(self.tick, now=False)

    def stop(self) -> None:
        if self._loop.running:
            self._loop.stop()

    def _tick(self) -> None:
        try:
            self.shared.heartbeat()
            if time.monotonic() >= self._next_sweep:
                self._next_sweep = time.monotonic() + max(self.shared.lease / 2, self.tick)
                self.take_over()
            self.take_seeds()
        except Exception:  # a Redis hiccup must not end the loop; the next tick retries
            logger.exception("Worker loop: Redis call failed")
        slot = getattr(self.spider.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def take_over(self, include_self: bool = False) -> int:
        """Queue again what dead workers held; the number of requests taken over."""
        taken = 0
        for pending in self.shared.take_orphans(include_self=include_self):
            request = self.spider.rebuild(pending)
            if request is not None:
                self.spider.crawler.engine.crawl(request)
                taken += 1
        if taken:
            logger.info("Took over %d requests of stopped workers", taken)
            self.spider.crawler.stats.inc_value("archiver/redis/taken_over", taken)
        return taken

    def take_seeds(self) -> int:
        seeds = self.shared.pop_seeds()
        scheduled = 0
        for url in seeds:
            request = self.spider.seed_request(url)
            if request is not None:
                self.spider.crawler.engine.crawl(request)
                scheduled += 1
        if seeds:
            logger.info("Seeds: %d taken, %d new this pass", len(seeds), scheduled)
            self.spider.crawler.stats.inc_value("archiver/redis/seeds", len(seeds))
        return scheduled

    def idle(self) -> None:
        """``spider_idle``: raise DontCloseSpider unless the whole pass is over."""
        if self.take_over() or self.take_seeds():
            raise DontCloseSpider
        if not self.shared.complete():
            raise DontCloseSpider
        if self.standing:
            if self.shared.end_cycle():
                logger.info("The pass is over; waiting for seeds")
            raise DontCloseSpider
