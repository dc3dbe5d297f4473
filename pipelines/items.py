"""Item pipelines: schema validation, de-duplication, and the JSON Lines files.

Each pipeline works on articles and comments one by one, whether they come as separate
items or in a post bundle (:mod:`archiver.bundles`, the blog spider's default): a bundle
loses the members a pipeline refuses and is dropped only when none is left.

Order (``ITEM_PIPELINES`` in ``archiver/settings.py``): validate (100) → dedupe (200) →
write (800). An item that fails the published JSON Schema is logged, counted under
``archiver/items/invalid`` and written with its errors to ``<crawl>/invalid.jsonl`` before it
is dropped, so nothing disappears unseen. The writer flushes after every item or post: a crawl
that dies leaves at most one torn last line, which the next run cuts off
(:func:`archiver.jsonl.repair_tail`).

Runs are incremental: the files are appended to, never rewritten, and the de-duplication
reads what earlier runs wrote from the files themselves, so a re-run adds only new or
changed items (``emit=all`` adds everything again) and a run resumed after a crash never
writes an item twice.

In a pool of workers (``ARCHIVER_REDIS_URL``) the fingerprints live in Redis instead
(:class:`archiver.redis.shared.SharedState`): a worker claims an item before writing it
to its own files and confirms it after, so the union of all workers' files holds each
article and comment once.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import IO, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from archiver.bundles import is_bundle, keep_members, members
from archiver.jsonl import read_records, repair_tail
from archiver.output import spider_directory
from archiver.state.emitted import emitted_items, fingerprint, item_key
from archiver.validation import schema_errors

logger = logging.getLogger(__name__)

OUTPUT_FILES = {"article": "articles.jsonl", "comment": "comments.jsonl"}
INVALID_FILE = "invalid.jsonl"


def quiet_drop(message: str) -> DropItem:
    """A DropItem Scrapy logs at DEBUG: the pipeline has already logged or counted it.

    Set as an attribute (read by Scrapy's LogFormatter) rather than the constructor
    argument, which older supported Scrapy versions do not take.
    """
    error = DropItem(message)
    error.log_level = "DEBUG"
    return error


def _as_dict(item: Any) -> dict[str, Any]:
    """The item as a dict. The blog spider yields plain flat dicts already: those are used
    as they are (ItemAdapter.asdict copies recursively, ~0.7 ms an item, 20% of a crawl)."""
    if type(item) is dict:
        return item
    return item.to_dict() if hasattr(item, "to_dict") else ItemAdapter(item).asdict()


def _each_member(item: Any, refuse: Any) -> Any:
    """Apply ``refuse`` (item dict -> reason or None) to the item or to each bundle member:
    a refused item is dropped; a bundle loses refused members and is dropped once empty."""
    data = _as_dict(item)
    if is_bundle(data):
        if not keep_members(data, refuse):
            raise quiet_drop(f"nothing left to write of post {data.get('url')}")
        return item
    reason = refuse(data)
    if reason is not None:
        raise quiet_drop(reason)
    return item


class _CrawlFiles:
    """JSON Lines files in the crawl's folder, opened on first use, flushed after every write."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self._files: dict[str, IO[str]] = {}

    def folder(self) -> Path:
        return spider_directory(self.crawler.spider)

    def write(self, name: str, record: dict[str, Any]) -> None:
        self.write_all(name, [record])

    def write_all(self, name: str, records: list[dict[str, Any]]) -> None:
        """Append ``records`` as lines with one write and one flush (a post's comments)."""
        if not records:
            return
        handle = self._files.get(name)
        if handle is None:
            path = self.folder() / name
            repair_tail(path)
            handle = open(path, "a", encoding="utf-8")  # noqa: SIM115
            self._files[name] = handle
        handle.write("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records))
        handle.flush()
        self.crawler.stats.inc_value(f"archiver/files/{name}", len(records))

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()


class ValidateItemsPipeline:
    """Checks every item against ``archiver/schema/*.schema.json``; invalid ones go to invalid.jsonl.

    An invalid item already in invalid.jsonl unchanged (a re-run parsing the same page) is
    counted and dropped again but not written a second time.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.files = _CrawlFiles(crawler)
        self._recorded: set[str] | None = None  # fingerprints of the items in invalid.jsonl

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidateItemsPipeline:
        return cls(crawler)

    def _already_recorded(self, data: dict[str, Any]) -> bool:
        if self._recorded is None:  # read on the first invalid item only: most runs have none
            path = self.files.folder() / INVALID_FILE
            self._recorded = {fingerprint(record["item"]) for record in read_records(path)
                              if isinstance(record.get("item"), dict)}
        content = fingerprint(data)
        if content in self._recorded:
            return True
        self._recorded.add(content)
        return False

    def process_item(self, item: Any, spider: Any = None) -> Any:
        return _each_member(item, self.refuse)

    def refuse(self, data: dict[str, Any]) -> str | None:
        """None for a valid item; else it is logged, counted and kept in invalid.jsonl."""
        errors = schema_errors(data)
        if not errors:
            return None
        stats = self.crawler.stats
        stats.inc_value("archiver/items/invalid")
        stats.inc_value(f"archiver/items/invalid/{data.get('type', 'unknown')}")
        logger.warning("Invalid %s %s: %s", data.get("type"), data.get("url") or data.get("id"), "; ".join(errors))
        if not self._already_recorded(data):
            self.files.write(INVALID_FILE, {"errors": errors, "item": data})
        return f"invalid item: {errors[0]}"

    def close_spider(self, spider: Any = None) -> None:
        self.files.close()


class DedupeItemsPipeline:
    """Drops repeats: within a run by key, and items earlier runs wrote unchanged.

    Articles are keyed by canonical URL and comments by id; "unchanged" compares content
    fingerprints (:mod:`archiver.state.emitted`), so a changed article or an edited
    comment is written again as a new version. With ``emit=all`` (spider argument or
    ``ARCHIVER_EMIT``) earlier runs are not consulted.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.seen: set[bytes] = set()  # compact_key of every item of this run
        self.earlier: dict[tuple[str, str], str] = {}
        self.shared: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupeItemsPipeline:
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        spider = spider or self.crawler.spider
        emit = getattr(spider, "emit", None) or self.crawler.settings.get("ARCHIVER_EMIT", "new")
        if emit == "all":
            return
        self.shared = getattr(spider, "shared", None)
        if self.shared is not None:
            return
        folder = spider_directory(spider)
        self.earlier = emitted_items(folder / name for name in OUTPUT_FILES.values())
        if self.earlier:
            logger.info("%d articles and comments archived by earlier runs; only new or changed ones "
                        "are written", len(self.earlier))

    def process_item(self, item: Any, spider: Any = None) -> Any:
        return _each_member(item, self.refuse)

    def refuse(self, data: dict[str, Any]) -> str | None:
        """Why the item is not written (a repeat, or unchanged since an earlier run), or None."""
        key = item_key(data)
        kind = key[0]
        if self.shared is not None:
            return self._claim(key, fingerprint(data))
        compact = compact_key(key)
        if compact in self.seen:
            self.crawler.stats.inc_value(f"archiver/items/duplicate/{kind}")
            return f"duplicate {kind} {key[1]}"
        self.seen.add(compact)
        earlier = self.earlier.get(key)
        if earlier is None:  # new: no fingerprint needed (a JSON dump and a hash per item)
            return None
        if earlier == fingerprint(data):
            self.crawler.stats.inc_value(f"archiver/items/unchanged/{kind}")
            return f"unchanged {kind} {key[1]}"
        self.crawler.stats.inc_value(f"archiver/items/changed/{kind}")
        return None

    def _claim(self, key: tuple[str, str], content: str) -> str | None:
        """The pool's answer for the item: write it (new, changed) or drop it."""
        kind = key[0]
        verdict = self.shared.claim_item(shared_key(key), content)
        if verdict in (0, 3):
            name = "unchanged" if verdict == 0 else "duplicate"
            self.crawler.stats.inc_value(f"archiver/items/{name}/{kind}")
            return f"{name} {kind} {key[1]}"
        if verdict == 2:
            self.crawler.stats.inc_value(f"archiver/items/changed/{kind}")
        return None


def compact_key(key: tuple[str, str]) -> bytes:
    """A 128-bit digest of an item key: a run's set of keys holds 100,000 comments in about
    8 MiB instead of 17 (a tuple and its strings), and a collision is beyond any crawl."""
    return hashlib.blake2b(f"{key[0]}\x1f{key[1]}".encode(), digest_size=16).digest()


def shared_key(key: tuple[str, str]) -> str:
    """An item's key in the pool's Redis hash: ``article <url>`` or ``comment <id>``."""
    return f"{key[0]} {key[1]}"


class JsonLinesPipeline:
    """Writes articles to ``<crawl>/articles.jsonl`` and comments to ``<crawl>/comments.jsonl``."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.files = _CrawlFiles(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> JsonLinesPipeline:
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        for name in OUTPUT_FILES.values():  # both files exist even when a crawl finds nothing
            path = self.files.folder() / name
            repair_tail(path)
            path.touch()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        written = members(_as_dict(item))
        for data in written:
            if str(data.get("type")) not in OUTPUT_FILES:
                raise DropItem(f"unknown item type {data.get('type')!r}")
        for name in OUTPUT_FILES.values():
            self.files.write_all(name, [data for data in written if OUTPUT_FILES[str(data["type"])] == name])
        shared = getattr(self.crawler.spider, "shared", None)
        if shared is not None:  # on disk: the pool's claims become the items' fingerprints
            for data in written:
                shared.confirm_item(shared_key(item_key(data)), fingerprint(data))
        return item

    def close_spider(self, spider: Any = None) -> None:
        self.files.close()
