"""JSON Lines files that survive a crash: torn tails repaired, earlier items read back.

Writers flush after every line, so a killed run can leave at most one torn line: the
last one, without its newline. :func:`repair_tail` cuts it off before a new run appends,
so the file stays one whole JSON object per line. :func:`read_records` is how a run
learns what earlier runs already emitted: the files themselves are the record of what
was written, so they cannot disagree with it after a crash.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)
_TAIL_BLOCK = 64 * 1024


def repair_tail(path: Path) -> int:
    """Truncate ``path`` after its last newline; return the bytes removed (0 if whole).

    Only the tail is read, so repairing a large file costs one seek.
    """
    if not path.exists():
        return 0
    with open(path, "rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return 0
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return 0
        end = size
        keep = 0
        while end > 0:
            start = max(0, end - _TAIL_BLOCK)
            handle.seek(start)
            block = handle.read(end - start)
            index = block.rfind(b"\n")
            if index != -1:
                keep = start + index + 1
                break
            end = start
        handle.truncate(keep)
    removed = size - keep
    logger.warning("Repaired %s: removed a torn last line of %d bytes left by an interrupted run",
                   path, removed)
    return removed


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Every JSON object of ``path``; lines that are not JSON objects are skipped."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                logger.warning("Skipping a line of %s that is not JSON", path)
                continue
            if isinstance(record, dict):
                yield record


def append_line(path: Path, record: dict[str, Any]) -> None:
    """Append one record as a line (whole-line write, flushed): for small side files."""
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
