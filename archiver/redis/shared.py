"""The crawl state that the workers of a pool share, in Redis.

It answers the same calls as the SQLite store (:class:`archiver.state.store.CrawlState`),
so the spider, the WARC extension and the re-visit policy work unchanged, and adds what
only a pool needs:

* the seen-set of the current cycle (``SADD`` says whether a URL is new to *all* workers);
* the frontier with an owner per request: a request in the shared queue has none, the
  worker that pops it becomes its owner (atomically with the pop, see
  :mod:`archiver.redis.scheduler`), and a post stays owned by the worker stitching its
  comment pages until its items are written. Each worker holds a lease (a key with a TTL
  it refreshes); requests owned by a worker whose lease ran out are taken over by another
  (:meth:`SharedState.take_orphans`), so a killed worker loses nothing it had taken;
* item fingerprints: a worker claims an item before writing it and confirms it after, so
  the union of the workers' files holds each article and comment once, and a claim left
  by a dead worker is taken over instead of losing the item;
* the cycle: one pass over the blog. It ends when nothing is pending anywhere; then the
  seen-set is cleared, so the next seed starts a new (incremental) pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

import redis

from archiver.redis.keys import CrawlKeys
from archiver.state.store import (
    CaptureRecord,
    PageRecord,
    PendingRequest,
    PostRecord,
    Run,
    iso,
)

COMMENT_CALLBACK = "parse_comment_page"

# Take over the requests of a dead owner: only if that owner still holds them.
_TAKE_OVER = """
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
return 0
"""
# Claim an item before writing it. Returns 0 unchanged (written before with this content),
# 3 duplicate (a live worker is writing it), 1 new, 2 changed.
_CLAIM_ITEM = """
local value = redis.call('HGET', KEYS[1], ARGV[1])
local status = 1
if value then
  if value == ARGV[2] then return 0 end
  local owner = string.match(value, '^claim:([^ ]*) ')
  if owner then
    if owner == ARGV[3] or redis.call('EXISTS', ARGV[4] .. owner) == 1 then return 3 end
  else
    status = 2
  end
end
redis.call('HSET', KEYS[1], ARGV[1], 'claim:' .. ARGV[3] .. ' ' .. ARGV[2])
return status
"""
# End the cycle only when nothing is pending or queued anywhere.
_END_CYCLE = """
if redis.call('HLEN', KEYS[1]) == 0 and redis.call('ZCARD', KEYS[2]) == 0 then
  redis.call('DEL', KEYS[3], KEYS[4], KEYS[5], KEYS[6])
  return 1
end
return 0
"""


def connect(url: str, *, text: bool = True) -> redis.Redis:
    """A client for ``url``; ``text`` decodes answers to ``str`` (the queue needs bytes)."""
    return redis.Redis.from_url(url, decode_responses=text, socket_timeout=30, socket_connect_timeout=30,
                                retry_on_timeout=True)


class SharedState:
    """One worker's view of the crawl state in Redis (see the module docstring)."""

    def __init__(self, client: redis.Redis, keys: CrawlKeys, worker: str, lease: float = 60.0) -> None:
        self.db = client
        self.keys = keys
        self.worker = worker
        self.lease = lease
        self._take_over = client.register_script(_TAKE_OVER)
        self._claim_item = client.register_script(_CLAIM_ITEM)
        self._end_cycle = client.register_script(_END_CYCLE)

    # --- liveness -----------------------------------------------------------------------
    def heartbeat(self) -> None:
        """Renew this worker's lease (call well within ``lease`` seconds)."""
        self.db.set(self.keys.alive(self.worker), iso(datetime.now(UTC)), px=int(self.lease * 1000))

    def alive(self, worker: str) -> bool:
        return bool(self.db.exists(self.keys.alive(worker)))

    def close(self) -> None:
        """Give the lease up: whatever this worker still holds is taken over at once."""
        self.db.delete(self.keys.alive(self.worker))

    # --- seen-set, seeds, cycle ---------------------------------------------------------
    def claim_url(self, url: str) -> bool:
        """True if no worker requested ``url`` in this cycle (it is now marked requested)."""
        with self.db.pipeline() as pipe:
            pipe.sadd(self.keys.seen, url)
            pipe.set(self.keys.cycle, iso(datetime.now(UTC)), nx=True)
            added, _ = pipe.execute()
        return bool(added)

    def pages_counted(self) -> int:
        return int(self.db.get(self.keys.counted) or 0)

    def count_page(self) -> None:
        self.db.incr(self.keys.counted)

    def push_seeds(self, urls: Iterable[str]) -> int:
        urls = list(urls)
        return int(self.db.rpush(self.keys.seeds, *urls)) if urls else 0

    def pop_seeds(self, count: int = 16) -> list[str]:
        return list(self.db.lpop(self.keys.seeds, count) or [])

    def cycle_started(self) -> str:
        """When the current pass began (set by the first URL claimed in it)."""
        started = self.db.get(self.keys.cycle)
        if started:
            return str(started)
        now = iso(datetime.now(UTC))
        self.db.set(self.keys.cycle, now, nx=True)
        return str(self.db.get(self.keys.cycle) or now)

    def complete(self) -> bool:
        """Nothing pending, queued or seeded anywhere: the pass is over."""
        with self.db.pipeline() as pipe:
            pipe.hlen(self.keys.frontier)
            pipe.zcard(self.keys.requests)
            pipe.llen(self.keys.seeds)
            return not any(pipe.execute())

    def end_cycle(self) -> bool:
        """Clear the seen-set and cycle if the pass is over (atomically); True if it was."""
        keys = [self.keys.frontier, self.keys.requests, self.keys.seen, self.keys.cycle, self.keys.counted,
                self.keys.owners]
        return bool(self._end_cycle(keys=keys))

    # --- runs (the CrawlState interface) ------------------------------------------------
    def begin_run(self, now: datetime) -> Run:
        """This worker's run in the current cycle; ``resumed`` when work was pending already."""
        self.heartbeat()
        pending = int(self.db.hlen(self.keys.frontier))
        return Run(0, self.cycle_started(), iso(now), pending > 0, pending)

    def mark_interrupted(self) -> list[dict[str, Any]]:
        return []

    def end_run(self, run: Run, now: datetime, reason: str) -> None:
        """The last worker to finish a pass ends the cycle."""
        if reason == "finished":
            self.end_cycle()

    # --- frontier -----------------------------------------------------------------------
    def add_pending(self, request: PendingRequest, now: datetime) -> None:
        """Note a request this worker made; it owns it until the shared queue takes it.

        A comment page is never queued (it stays with its post's worker); any other
        request changes hands in the queue's push. Owned from the start, a request made
        by a worker killed before queueing it is taken over like any other.
        """
        entry = json.dumps({**asdict(request), "added": iso(now)})
        with self.db.pipeline() as pipe:
            pipe.hsetnx(self.keys.frontier, request.url, entry)
            pipe.hset(self.keys.owners, request.url, self.worker)
            pipe.execute()

    def done(self, *urls: str) -> None:
        if not urls:
            return
        with self.db.pipeline() as pipe:
            pipe.hdel(self.keys.frontier, *urls)
            pipe.hdel(self.keys.owners, *urls)
            pipe.execute()

    def pending(self) -> list[PendingRequest]:
        return [_pending(entry) for entry in self.db.hvals(self.keys.frontier)]

    def take_orphans(self, include_self: bool = False) -> list[PendingRequest]:
        """Requests whose owner is gone, now owned by this worker, to be queued again.

        A dead worker's comment pages are dropped instead: their post is among its
        orphans and asks for them again when it is fetched again. ``include_self``: also
        what an earlier process with this worker's id held (a restart with a fixed id).
        """
        owners: dict[str, str] = self.db.hgetall(self.keys.owners)
        verdict: dict[str, bool] = {}
        taken = []
        for url, owner in owners.items():
            if owner == self.worker and not include_self:
                continue
            if owner != self.worker and verdict.setdefault(owner, self.alive(owner)):
                continue
            if not self._take_over(keys=[self.keys.owners], args=[url, owner, self.worker]):
                continue
            entry = self.db.hget(self.keys.frontier, url)
            request = _pending(entry) if entry else None
            if request is None or request.callback == COMMENT_CALLBACK:
                self.done(url)
                continue
            taken.append(request)
        return taken

    # --- pages, captures, posts -----------------------------------------------------------
    def page(self, url: str) -> PageRecord | None:
        found = self.db.hget(self.keys.pages, url)
        return PageRecord(url, **json.loads(found)) if found else None

    def record_page(self, url: str, fetched_at: str, status: int, etag: str | None,
                    last_modified: str | None) -> None:
        """Note a fetch; a 304 keeps the validators of the page it confirmed."""
        if status == 304:
            known = self.page(url)
            if known is not None:
                etag, last_modified = known.etag, known.last_modified
        record = {"fetched_at": fetched_at, "status": status, "etag": etag, "last_modified": last_modified}
        self.db.hset(self.keys.pages, url, json.dumps(record))

    def capture(self, url: str) -> CaptureRecord | None:
        found = self.db.hget(self.keys.captures, url)
        if not found:
            return None
        record = json.loads(found)
        return CaptureRecord(url, record["payload_digest"], record["record_id"], record["record_date"])

    def record_capture(self, url: str, payload_digest: str, record_id: str, record_date: str,
                       warc_file: str) -> None:
        record = {"payload_digest": payload_digest, "record_id": record_id, "record_date": record_date,
                  "warc_file": warc_file, "worker": self.worker}
        self.db.hset(self.keys.captures, url, json.dumps(record))

    def post(self, url: str) -> PostRecord | None:
        found = self.db.hget(self.keys.posts, url)
        return PostRecord(url, **json.loads(found)) if found else None

    def record_post(self, url: str, published: str | None, archived_at: str) -> None:
        known = self.post(url)
        first = known.first_archived if known else archived_at
        record = {"published": published, "first_archived": first, "archived_at": archived_at}
        self.db.hset(self.keys.posts, url, json.dumps(record))

    # --- items --------------------------------------------------------------------------
    def claim_item(self, key: str, fingerprint: str) -> int:
        """0 unchanged, 1 new, 2 changed (write it, then :meth:`confirm_item`), 3 duplicate."""
        return int(self._claim_item(keys=[self.keys.items],
                                    args=[key, fingerprint, self.worker, self.keys.alive("")]))

    def confirm_item(self, key: str, fingerprint: str) -> None:
        """The item is on disk: its fingerprint replaces this worker's claim."""
        self.db.hset(self.keys.items, key, fingerprint)


def _pending(entry: str) -> PendingRequest:
    data = json.loads(entry)
    return PendingRequest(data["url"], data["callback"], int(data["priority"]), data["meta"], bool(data["counted"]))

