"""Several workers, one crawl: the request queue, seen-set and crawl state in Redis.

Off by default. ``ARCHIVER_REDIS_URL`` (``scrapy crawl blog -s ARCHIVER_REDIS_URL=redis://…``)
switches a run into a worker of a pool that shares one crawl through Redis:

* :mod:`archiver.redis.keys`: the key names of one crawl;
* :mod:`archiver.redis.switch`: the Scrapy settings the switch changes;
* :mod:`archiver.redis.scheduler`: scrapy-redis's scheduler, adapted (claiming pops, a
  worker-local queue for comment pages);
* :mod:`archiver.redis.shared`: the shared state (seen-set, frontier and its owners,
  pages, captures, posts, item fingerprints, seeds, worker liveness);
* :mod:`archiver.redis.worker`: the worker's loop (liveness, taking over a dead worker's
  requests, seeds, when the crawl is over).

``docs/distributed.md`` describes running a pool.
"""
