"""What a crawl from an archive remembers between runs, in the crawl's ``state.sqlite``.

* ``archive_queries``: every answer of the archive's index (CDX queries, Common Crawl's
  list of collections) by the URL asked, so a resumed or repeated crawl does not ask the
  archive again (``ARCHIVER_ARCHIVE_CACHE_DAYS`` says how long an answer is good for);
* ``archive_fetched``: every capture fetched and where its copy is in the crawl's own
  WARC files, so a capture is fetched from the archive once: a resumed or repeated crawl
  reads it back from the WARC instead;
* ``archive_chosen``: the capture chosen for each URL in a cycle of runs (a run and the
  runs that resume it), so a resumed run reads every URL from the capture the killed run
  chose, whatever page led to it this time.

The tables live beside the crawl state of :mod:`archiver.state.store` (same file, own
connection), and like it every write commits at once: a ``kill -9`` loses at most the
row being written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archiver.state.store import STATE_FILE, iso, open_state

_SCHEMA = """
CREATE TABLE IF NOT EXISTS archive_queries (
    url TEXT PRIMARY KEY, body BLOB NOT NULL, fetched_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS archive_chosen (
    url_key TEXT NOT NULL, cycle TEXT NOT NULL, capture TEXT NOT NULL, PRIMARY KEY (url_key, cycle));
CREATE TABLE IF NOT EXISTS archive_fetched (
    address TEXT PRIMARY KEY, archive_url TEXT NOT NULL, original TEXT NOT NULL, captured TEXT NOT NULL,
    archive TEXT NOT NULL, warc_file TEXT NOT NULL, warc_record_id TEXT NOT NULL,
    warc_offset INTEGER NOT NULL, record_date TEXT NOT NULL, fetched_at TEXT NOT NULL);
"""


@dataclass(frozen=True)
class FetchedCapture:
    """A capture fetched by an earlier run (or earlier in this one) and its WARC copy.

    ``address`` is what it is looked up by: its own address (``archive_url``), or the
    time-gate address the archive answered with it.
    """

    address: str
    archive_url: str
    original: str
    captured: str  # 14-digit timestamp
    archive: str
    warc_file: str
    warc_record_id: str
    warc_offset: int
    record_date: str  # the copy's WARC-Date


class ArchiveStore:
    """The archive tables of one crawl folder's state file."""

    def __init__(self, folder: Path, cache_days: float = 0.0) -> None:
        self.path = Path(folder) / STATE_FILE
        self.cache_days = cache_days
        self._db = open_state(self.path, _SCHEMA)

    def close(self) -> None:
        self._db.close()

    def answer(self, url: str, now: datetime | None = None) -> bytes | None:
        """The cached answer to ``url``, unless older than ``cache_days`` (0: kept for good)."""
        row = self._db.execute("SELECT body, fetched_at FROM archive_queries WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        if self.cache_days > 0:
            fetched = datetime.strptime(row[1], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
            if (now or datetime.now(UTC)) - fetched > timedelta(days=self.cache_days):
                return None
        return bytes(row[0])

    def keep_answer(self, url: str, body: bytes, now: datetime | None = None) -> None:
        self._db.execute("INSERT OR REPLACE INTO archive_queries (url, body, fetched_at) VALUES (?, ?, ?)",
                         (url, body, iso(now or datetime.now(UTC))))

    def forget_answer(self, url: str) -> None:
        """An answer that turned out unreadable: ask again next time."""
        self._db.execute("DELETE FROM archive_queries WHERE url = ?", (url,))

    def fetched(self, address: str) -> FetchedCapture | None:
        row = self._db.execute(
            "SELECT address, archive_url, original, captured, archive, warc_file, warc_record_id, warc_offset, "
            "record_date FROM archive_fetched WHERE address = ?", (address,)).fetchone()
        return FetchedCapture(*row) if row else None

    def keep_fetched(self, capture: FetchedCapture, now: datetime | None = None) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO archive_fetched (address, archive_url, original, captured, archive, warc_file, "
            "warc_record_id, warc_offset, record_date, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (capture.address, capture.archive_url, capture.original, capture.captured, capture.archive, capture.warc_file,
             capture.warc_record_id, capture.warc_offset, capture.record_date, iso(now or datetime.now(UTC))))

    def forget_fetched(self, archive_url: str) -> None:
        """A copy that cannot be read back (its WARC file is gone): fetch it again."""
        self._db.execute("DELETE FROM archive_fetched WHERE archive_url = ? OR address = ?", (archive_url, archive_url))

    def chosen(self, url_key: str, cycle: str) -> dict | None:
        """The capture chosen for ``url_key`` earlier in this cycle (``Capture.to_meta()``)."""
        row = self._db.execute("SELECT capture FROM archive_chosen WHERE url_key = ? AND cycle = ?",
                               (url_key, cycle)).fetchone()
        return json.loads(row[0]) if row else None

    def keep_chosen(self, url_key: str, cycle: str, capture: dict) -> None:
        self._db.execute("INSERT OR REPLACE INTO archive_chosen (url_key, cycle, capture) VALUES (?, ?, ?)",
                         (url_key, cycle, json.dumps(capture)))

    def fetched_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM archive_fetched").fetchone()[0])
