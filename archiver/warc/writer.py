"""A WARC writer that rotates files by size and only ever shows finished files.

Each file is written as ``<name>.open`` and renamed to ``<name>`` when it is closed (at
rotation or at the end of the crawl), starts with a ``warcinfo`` record, and holds each
exchange as a response record followed by its request record, every record its own gzip
member. Writing is synchronous: when :meth:`RotatingWarcWriter.write` returns, the
record's file and offset are final, so an item can point at them at once.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from warcio.recordbuilder import RecordBuilder

from archiver.warc.exchange import HttpExchange
from archiver.warc.naming import OPEN_SUFFIX, warc_filename
from archiver.warc.records import (
    WARC_VERSION,
    gzip_member,
    record_id,
    request_record,
    response_record,
    warcinfo_record,
)

logger = logging.getLogger(__name__)

DEFAULT_MAX_SIZE = 1_000_000_000
DEFAULT_PREFIX = "blog-archiver"


@dataclass(frozen=True)
class RecordLocation:
    """Where a response record was written: enough to read it back with one seek."""

    warc_file: str
    warc_record_id: str
    warc_offset: int


def utc_now() -> datetime:
    """The current time in UTC (the default clock; tests pass their own)."""
    return datetime.now(UTC)


class RotatingWarcWriter:
    """Writes exchanges to ``directory``, starting a new file once one reaches ``max_size``.

    A file may exceed ``max_size`` by one exchange: an exchange's two records always stay
    together in one file. ``warcinfo`` is the field list written at the top of every file.
    """

    def __init__(
        self,
        directory: Path,
        warcinfo: Mapping[str, str],
        *,
        prefix: str = DEFAULT_PREFIX,
        max_size: int = DEFAULT_MAX_SIZE,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.directory = Path(directory)
        self.warcinfo = dict(warcinfo)
        self.prefix = prefix
        self.max_size = max_size
        self.clock = clock
        self.finished: list[Path] = []
        self._serial = 0
        self._builder = RecordBuilder(warc_version=WARC_VERSION)
        self._file: BinaryIO | None = None
        self._path: Path | None = None

    @property
    def current_name(self) -> str | None:
        """The finished name of the file being written, if one is open."""
        return self._path.name if self._path else None

    def write(self, exchange: HttpExchange) -> RecordLocation:
        """Append the exchange's response and request records; return the response's place.

        Both records are built and compressed before anything is written; if writing
        fails (disk full, file size limit), the file is cut back to where the exchange
        started, so it never ends in half a record, and the error is raised.
        """
        response = response_record(self._builder, exchange)
        response_id = record_id(response)
        request = request_record(self._builder, exchange, response_id)
        data = gzip_member(response) + gzip_member(request)
        self._ensure_open()
        assert self._file is not None and self._path is not None
        offset = self._file.tell()
        self._append(data, offset)
        location = RecordLocation(self._path.name, response_id, offset)
        if offset + len(data) >= self.max_size:
            self.close()
        return location

    def close(self) -> Path | None:
        """Finish the current file: close it and drop its ``.open`` suffix."""
        if self._file is None or self._path is None:
            return None
        self._file.close()
        os.rename(self._open_path(self._path), self._path)
        finished, self._file, self._path = self._path, None, None
        self.finished.append(finished)
        logger.info("Finished WARC file %s", finished)
        return finished

    def _ensure_open(self) -> None:
        if self._file is not None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        opened_at = self.clock()
        self._file, self._path = self._create(opened_at)
        info = warcinfo_record(self._builder, self._path.name, self.warcinfo, opened_at)
        try:
            self._append(gzip_member(info), 0)
        except BaseException:
            self._file.close()
            self._open_path(self._path).unlink()
            self._file, self._path = None, None
            raise

    def _append(self, data: bytes, offset: int) -> None:
        """Write all of ``data`` at ``offset``, or nothing: a failed write is cut back."""
        assert self._file is not None
        view = memoryview(data)
        try:
            while view:
                written = self._file.write(view) or 0
                view = view[written:]
        except BaseException:
            self._file.seek(offset)
            self._file.truncate()
            raise

    def _create(self, opened_at: datetime) -> tuple[BinaryIO, Path]:
        """Create the next free ``.open`` file; the serial moves past names already taken."""
        host, pid = socket.gethostname(), os.getpid()
        while True:
            name = warc_filename(self.prefix, opened_at, self._serial, host, pid)
            self._serial += 1
            path = self.directory / name
            if path.exists():
                continue
            try:
                # Unbuffered: a failed write leaves no bytes in a buffer to flush later.
                handle = open(self._open_path(path), "xb", buffering=0)  # noqa: SIM115
            except FileExistsError:
                continue
            return handle, path

    @staticmethod
    def _open_path(path: Path) -> Path:
        return path.with_name(path.name + OPEN_SUFFIX)
