"""Open a crawl folder for one run: lock it, repair what a killed run left, open the state.

The order matters. The lock comes first, so two runs never repair or write the same
files. Then the files a killed run may have left half-written are repaired, each repair
logged: a torn last line of a JSON Lines file is cut off, and every ``.open`` WARC file is
cut back to its last whole record and renamed. Only then are the state store and the
run opened. At the end the run's outcome is recorded in the store and appended to
``runs.jsonl`` (one line per run; ``summary.json`` describes the last run only).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archiver.jsonl import append_line, repair_tail
from archiver.lock import CrawlLock, CrawlLocked
from archiver.state.store import STATE_FILE, CrawlState, Run, iso
from archiver.warc.writer import repair_open_files

logger = logging.getLogger(__name__)

ITEM_FILES = ("articles.jsonl", "comments.jsonl", "invalid.jsonl")
RUNS_FILE = "runs.jsonl"
WARC_FOLDER = "warc"


@dataclass
class CrawlSession:
    """One run's hold on a crawl folder: the lock, the state store and the run row."""

    folder: Path
    lock: CrawlLock
    state: CrawlState  # a pool worker's is an archiver.redis.shared.SharedState (same calls)
    run: Run
    repairs: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, folder: Path, now: datetime | None = None) -> CrawlSession:
        """Lock ``folder`` (raises :class:`archiver.lock.CrawlLocked`), repair it, begin a run."""
        lock = CrawlLock(folder).acquire()
        try:
            repairs = repair_folder(folder)
            state = CrawlState(folder / STATE_FILE)
            for killed in state.mark_interrupted():  # a killed run writes no line itself
                append_line(folder / RUNS_FILE, {**killed, "finished": None, "finish_reason": "interrupted"})
            run = state.begin_run(now or datetime.now(UTC))
        except BaseException:
            lock.release()
            raise
        if run.resumed:
            logger.info("Resuming the interrupted crawl in %s: %d pending requests (cycle started %s)",
                        folder, run.pending, run.cycle_started)
        return cls(folder, lock, state, run, repairs)

    @classmethod
    def open_worker(cls, folder: Path, shared: Any, now: datetime | None = None) -> CrawlSession:
        """A pool worker's run: its own folder locked and repaired, the state shared in Redis.

        ``shared`` is an :class:`archiver.redis.shared.SharedState`. The folders of the
        pool's other workers on this machine that nobody holds (a worker killed earlier)
        are repaired too, so their last WARC file is finished even if no worker ever
        starts again under that id.
        """
        lock = CrawlLock(folder).acquire()
        try:
            repairs = repair_folder(folder)
            for sibling in sorted(p for p in folder.parent.iterdir() if p.is_dir() and p != folder):
                repairs += [f"{sibling.name}/{repair}" for repair in repair_unheld(sibling)]
            run = shared.begin_run(now or datetime.now(UTC))
        except BaseException:
            lock.release()
            raise
        return cls(folder, lock, shared, run, repairs)

    def close(self, reason: str, counts: dict[str, Any], now: datetime | None = None) -> None:
        """Record how the run ended, append it to ``runs.jsonl``, release the lock."""
        ended = now or datetime.now(UTC)
        try:
            self.state.end_run(self.run, ended, reason)
            append_line(self.folder / RUNS_FILE, {
                "run": self.run.id, "started": self.run.started, "finished": iso(ended),
                "finish_reason": reason, "resumed": self.run.resumed, "repairs": self.repairs, **counts,
            })
        finally:
            self.state.close()
            self.lock.release()


def repair_unheld(folder: Path) -> list[str]:
    """Repair ``folder`` if no run holds its lock (its worker is gone); else leave it alone."""
    try:
        with CrawlLock(folder):
            return repair_folder(folder)
    except CrawlLocked:
        return []


def repair_folder(folder: Path) -> list[str]:
    """Repair the JSON Lines and WARC files a killed run left; describe each repair."""
    repairs = []
    for name in ITEM_FILES:
        removed = repair_tail(folder / name)
        if removed:
            repairs.append(f"{name}: removed a torn last line ({removed} bytes)")
    for path in repair_open_files(folder / WARC_FOLDER):
        repairs.append(f"warc/{path.name}: finished an unfinished file")
    return repairs
