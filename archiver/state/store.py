"""The crawl state store: one SQLite file in the crawl folder, no server needed.

What a later run needs to know about earlier ones, and what a killed run needs to resume:

* ``pages``: per URL, when it was last fetched, its status and HTTP validators (ETag,
  Last-Modified), so a re-visit can be a conditional request;
* ``captures``: per URL, the payload digest of its last full WARC response record and
  that record's id and date, so an identical payload becomes a ``revisit`` record;
* ``posts``: per post, its publication date and when it was last archived completely,
  which the re-visit policy reads;
* ``frontier``: every request a run scheduled and has not finished with yet. A post stays
  here until the post and all its comments were emitted, so a killed run's unfinished
  posts are fetched again by the next run;
* ``runs``: one row per run; a run that never recorded its end was interrupted, and the
  next run continues its cycle (same cycle start) instead of starting a new one.

Which articles and comments were emitted is deliberately not stored here: it is read
back from the JSON Lines files (:mod:`archiver.state.emitted`), which cannot disagree
with themselves after a crash. Every write commits at once; with the write-ahead log
and ``synchronous=NORMAL`` a commit survives the process being killed.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STATE_FILE = "state.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, fetched_at TEXT NOT NULL, status INTEGER,
    etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS captures (
    url TEXT PRIMARY KEY, payload_digest TEXT NOT NULL, record_id TEXT NOT NULL,
    record_date TEXT NOT NULL, warc_file TEXT);
CREATE TABLE IF NOT EXISTS posts (
    url TEXT PRIMARY KEY, published TEXT, first_archived TEXT NOT NULL,
    archived_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS frontier (
    url TEXT PRIMARY KEY, callback TEXT NOT NULL, priority INTEGER NOT NULL,
    meta TEXT NOT NULL, counted INTEGER NOT NULL, added TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, cycle_started TEXT NOT NULL, started TEXT NOT NULL,
    finished TEXT, reason TEXT, resumed INTEGER NOT NULL DEFAULT 0);
"""


@dataclass(frozen=True)
class PageRecord:
    """The last fetch of a URL: when, what status, and its validators."""

    url: str
    fetched_at: str
    status: int | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class CaptureRecord:
    """The last full response record of a URL, which a revisit can refer to."""

    url: str
    payload_digest: str
    record_id: str
    record_date: str


@dataclass(frozen=True)
class PostRecord:
    """A post archived by an earlier run (or earlier in this cycle)."""

    url: str
    published: str | None
    first_archived: str
    archived_at: str


@dataclass(frozen=True)
class PendingRequest:
    """A request scheduled and not finished: enough to rebuild it in the next run."""

    url: str
    callback: str
    priority: int
    meta: dict[str, Any]
    counted: bool


@dataclass(frozen=True)
class Run:
    """This run: its id, when its cycle began, and whether it continues a killed run."""

    id: int
    cycle_started: str
    started: str
    resumed: bool
    pending: int


def iso(moment: datetime) -> str:
    """UTC ISO 8601 with a ``Z``, the one format every column holds (so text sorts as time).

    A naive ``moment`` is taken to be UTC already.
    """
    utc = moment.astimezone(UTC) if moment.tzinfo else moment
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def open_state(path: Path, schema: str) -> sqlite3.Connection:
    """The crawl folder's SQLite state file, in WAL mode, with ``schema``'s tables in it
    (each part of the archiver that keeps state there brings its own tables)."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(schema)
    return db


class CrawlState:
    """The SQLite state of one crawl folder. One process at a time (see archiver.lock)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db = open_state(self.path, _SCHEMA)

    def close(self) -> None:
        self._db.close()

    # --- runs ---------------------------------------------------------------------------
    def begin_run(self, now: datetime) -> Run:
        """Open a run. It resumes the previous one if that left unfinished work behind.

        A run "left work behind" when it never recorded its end (killed) or stopped early
        (Ctrl-C, a close-spider limit) with requests still in the frontier.
        """
        last = self._db.execute(
            "SELECT cycle_started, finished, reason FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        pending = self._db.execute("SELECT COUNT(*) FROM frontier").fetchone()[0]
        resumed = last is not None and (last[1] is None or last[2] == "interrupted" or pending > 0)
        if last is not None and not resumed:
            self._db.execute("DELETE FROM frontier")
        started = iso(now)
        cycle = last[0] if resumed else started
        cursor = self._db.execute(
            "INSERT INTO runs (cycle_started, started, resumed) VALUES (?, ?, ?)",
            (cycle, started, int(resumed)))
        return Run(int(cursor.lastrowid or 0), cycle, started, resumed, pending if resumed else 0)

    def mark_interrupted(self) -> list[dict[str, Any]]:
        """Runs that never recorded their end (killed): marked ``interrupted`` and returned."""
        unmarked = "finished IS NULL AND reason IS NULL"
        rows = self._db.execute(f"SELECT id, started FROM runs WHERE {unmarked} ORDER BY id").fetchall()
        self._db.execute(f"UPDATE runs SET reason = 'interrupted' WHERE {unmarked}")
        return [{"run": run_id, "started": started} for run_id, started in rows]

    def end_run(self, run: Run, now: datetime, reason: str) -> None:
        """Record the end; a finished crawl's leftovers (requests never answered) are dropped."""
        self._db.execute("UPDATE runs SET finished = ?, reason = ? WHERE id = ?", (iso(now), reason, run.id))
        if reason == "finished":
            self._db.execute("DELETE FROM frontier")

    # --- pages and captures -----------------------------------------------------------
    def page(self, url: str) -> PageRecord | None:
        row = self._db.execute(
            "SELECT url, fetched_at, status, etag, last_modified FROM pages WHERE url = ?", (url,)).fetchone()
        return PageRecord(*row) if row else None

    def record_page(self, url: str, fetched_at: str, status: int, etag: str | None,
                    last_modified: str | None) -> None:
        """Note a fetch; a 304 keeps the validators of the page it confirmed."""
        if status == 304:
            self._db.execute("UPDATE pages SET fetched_at = ?, status = ? WHERE url = ?", (fetched_at, status, url))
            return
        self._db.execute(
            "INSERT OR REPLACE INTO pages (url, fetched_at, status, etag, last_modified) VALUES (?, ?, ?, ?, ?)",
            (url, fetched_at, status, etag, last_modified))

    def capture(self, url: str) -> CaptureRecord | None:
        row = self._db.execute(
            "SELECT url, payload_digest, record_id, record_date FROM captures WHERE url = ?", (url,)).fetchone()
        return CaptureRecord(*row) if row else None

    def record_capture(self, url: str, payload_digest: str, record_id: str, record_date: str,
                       warc_file: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO captures (url, payload_digest, record_id, record_date, warc_file) "
            "VALUES (?, ?, ?, ?, ?)", (url, payload_digest, record_id, record_date, warc_file))

    # --- posts --------------------------------------------------------------------------
    def post(self, url: str) -> PostRecord | None:
        row = self._db.execute(
            "SELECT url, published, first_archived, archived_at FROM posts WHERE url = ?", (url,)).fetchone()
        return PostRecord(*row) if row else None

    def record_post(self, url: str, published: str | None, archived_at: str) -> None:
        self._db.execute(
            "INSERT INTO posts (url, published, first_archived, archived_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET published = excluded.published, archived_at = excluded.archived_at",
            (url, published, archived_at, archived_at))

    # --- frontier -----------------------------------------------------------------------
    def add_pending(self, request: PendingRequest, now: datetime) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO frontier (url, callback, priority, meta, counted, added) VALUES (?, ?, ?, ?, ?, ?)",
            (request.url, request.callback, request.priority, json.dumps(request.meta), int(request.counted), iso(now)))

    def done(self, *urls: str) -> None:
        """The work of these requests is committed (their items written): forget them."""
        self._db.executemany("DELETE FROM frontier WHERE url = ?", [(url,) for url in urls])

    def pending(self) -> list[PendingRequest]:
        rows = self._db.execute("SELECT url, callback, priority, meta, counted FROM frontier ORDER BY added")
        return [PendingRequest(url, callback, priority, json.loads(meta), bool(counted))
                for url, callback, priority, meta, counted in rows]
