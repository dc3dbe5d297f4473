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
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord

from archiver.warc.exchange import HttpExchange
from archiver.warc.naming import OPEN_SUFFIX, WARC_SUFFIX, warc_filename
from archiver.warc.records import (
    WARC_1_1,
    EarlierCapture,
    WarcVersion,
    gzip_member,
    payload_digest,
    record_id,
    request_record,
    response_record,
    revisit_record,
    warc_version,
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
    record_type: str = "response"
    payload_digest: str | None = None
    # The record's WARC-Date, when it is not the exchange's fetch time (a capture copied
    # from a web archive is dated when the archive captured it).
    record_date: str | None = None


@dataclass(frozen=True)
class BuiltRecords:
    """Records built elsewhere, each a gzip member, written together by
    :meth:`RotatingWarcWriter.write_members`: the first is the one items point at (its id,
    type, payload digest and WARC-Date). A capture copied from a web archive is written
    this way (:mod:`archiver.archives.copies`), its first member kept as the archive holds it.
    """

    members: tuple[bytes, ...]
    record_id: str
    record_type: str = "response"
    payload_digest: str | None = None
    date: str | None = None


def utc_now() -> datetime:
    """The current time in UTC (the default clock; tests pass their own)."""
    return datetime.now(UTC)


class RotatingWarcWriter:
    """Writes exchanges to ``directory``, starting a new file once one reaches ``max_size``.

    A file may exceed ``max_size`` by one exchange: an exchange's two records always stay
    together in one file. ``warcinfo`` is the field list written at the top of every file.
    ``version`` is the WARC version of every record ("1.1", or "1.0" for older readers).
    """

    def __init__(
        self,
        directory: Path,
        warcinfo: Mapping[str, str],
        *,
        prefix: str = DEFAULT_PREFIX,
        max_size: int = DEFAULT_MAX_SIZE,
        clock: Callable[[], datetime] = utc_now,
        version: WarcVersion | str = WARC_1_1,
    ) -> None:
        self.directory = Path(directory)
        self.version = version if isinstance(version, WarcVersion) else warc_version(version)
        self.warcinfo = dict(warcinfo)
        self.prefix = prefix
        self.max_size = max_size
        self.clock = clock
        self.finished: list[Path] = []
        self._serial = 0
        self._builder = RecordBuilder(warc_version=self.version.line)
        self._file: BinaryIO | None = None
        self._path: Path | None = None

    @property
    def current_name(self) -> str | None:
        """The finished name of the file being written, if one is open."""
        return self._path.name if self._path else None

    def write(
        self, exchange: HttpExchange, revisit_of: EarlierCapture | None = None
    ) -> RecordLocation:
        """Append the exchange's response and request records; return the response's place.

        With ``revisit_of`` (an earlier capture whose payload digest equals this body's),
        a ``revisit`` record holding only the HTTP head replaces the full response.
        Both records are built and compressed before anything is written; if writing
        fails (disk full, file size limit), the file is cut back to where the exchange
        started, so it never ends in half a record, and the error is raised.
        """
        digest = payload_digest(exchange.body)
        if revisit_of is not None:
            response = revisit_record(self._builder, exchange, digest, revisit_of)
        else:
            response = response_record(self._builder, exchange)
        response_id = record_id(response)
        request = request_record(self._builder, exchange, response_id)
        data = gzip_member(response) + gzip_member(request)
        self._ensure_open()
        assert self._file is not None and self._path is not None
        offset = self._file.tell()
        self._append(data, offset)
        location = RecordLocation(
            self._path.name, response_id, offset, response.rec_type, digest
        )
        if offset + len(data) >= self.max_size:
            self.close()
        return location

    def write_record(self, build: Callable[[RecordBuilder], ArcWarcRecord]) -> RecordLocation:
        """Append one record that is not part of an exchange (a ``conversion`` record of a
        browser's rendered DOM), built by ``build`` with this writer's builder; return its place."""
        record = build(self._builder)
        data = gzip_member(record)
        self._ensure_open()
        assert self._file is not None and self._path is not None
        offset = self._file.tell()
        self._append(data, offset)
        location = RecordLocation(self._path.name, record_id(record), offset, record.rec_type)
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

    def write_members(self, built: BuiltRecords) -> RecordLocation:
        """Append ``built``'s members as one unit (never split across files, never half
        written); return the first member's place."""
        data = b"".join(built.members)
        self._ensure_open()
        assert self._file is not None and self._path is not None
        offset = self._file.tell()
        self._append(data, offset)
        location = RecordLocation(self._path.name, built.record_id, offset, built.record_type,
                                  built.payload_digest, built.date)
        if offset + len(data) >= self.max_size:
            self.close()
        return location

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


def repair_open_files(directory: Path) -> list[Path]:
    """Finish the ``.open`` files a killed run left in ``directory``; return the results.

    Each file is cut back to the end of its last complete gzip member (every record is
    one member, so that is the end of the last whole record) and renamed to its finished
    name. A file with no whole record left is removed. Every repair is logged.
    """
    repaired: list[Path] = []
    if not directory.is_dir():
        return repaired
    for open_path in sorted(directory.glob(f"*{OPEN_SUFFIX}")):
        size = open_path.stat().st_size
        keep = complete_members_length(open_path)
        if keep == 0:
            open_path.unlink()
            logger.warning(
                "Removed unfinished WARC file %s left by an interrupted run: no complete record",
                open_path,
            )
            continue
        final = _free_name(open_path.with_name(open_path.name[: -len(OPEN_SUFFIX)]))
        with open(open_path, "rb+") as handle:
            handle.truncate(keep)
        os.rename(open_path, final)
        repaired.append(final)
        logger.warning(
            "Repaired WARC file %s left by an interrupted run: cut %d bytes of a partial "
            "record, kept %d bytes of whole records, renamed to %s",
            open_path,
            size - keep,
            keep,
            final.name,
        )
    return repaired


def _free_name(path: Path) -> Path:
    """``path``, or ``<name>-repaired-N<suffix>`` if a file of that name exists already."""
    candidate, number = path, 0
    stem = path.name.removesuffix(WARC_SUFFIX)
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{stem}-repaired-{number}{WARC_SUFFIX}")
    return candidate


def complete_members_length(path: Path, block: int = 1 << 20) -> int:
    """Bytes from the start of ``path`` up to the end of its last complete gzip member."""
    good = consumed = 0
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    with open(path, "rb") as handle:
        while chunk := handle.read(block):
            while chunk:
                try:
                    inflater.decompress(chunk)
                except zlib.error:
                    return good
                if not inflater.eof:
                    consumed += len(chunk)
                    break
                rest = inflater.unused_data
                consumed += len(chunk) - len(rest)
                good = consumed
                chunk = rest
                inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    return good
