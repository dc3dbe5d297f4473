"""The capture a WARC record is a copy of, read back from the WARC files of an archive crawl.

``archiver extract`` re-parses the records a crawl from a web archive wrote, and its
items should name their capture as the crawl's did (``captured_at``, ``archive``,
``archive_url``). The WARC says it all (:mod:`.copies`): a replayed copy carries
``WARC-Source-URI``; a record kept byte for byte from an archive's WARC file is followed
by a ``metadata`` record (``WARC-Refers-To`` it) naming the file and the range; the file's
``warcinfo`` names the archive (``scrapy-setting-ARCHIVER_ARCHIVE``).

Only files whose ``warcinfo`` names an archive are read a second time, once each, for
these facts: other WARC files cost one look at their first record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, Protocol

from warcio.archiveiterator import ArchiveIterator

from archiver.archives.sources import ALIASES
from archiver.archives.timestamps import iso

ARCHIVE_FIELD = "scrapy-setting-ARCHIVER_ARCHIVE"
_RANGE = re.compile(r"bytes=(\d+)-(\d+)")


class Source(Protocol):
    """A WARC file or a WACZ member (:class:`archiver.warc.reader.Source`)."""

    @property
    def label(self) -> str: ...

    def open(self) -> Any: ...


def archive_name(value: str) -> str:
    """The ``archive`` of items read from ``value`` (an ``archive=`` value)."""
    if "://" in value:
        return value.split("://", 1)[1].split("/", 1)[0]
    name = value.split(":", 1)[0].lower()
    return ALIASES.get(name, name)


class CaptureFields:
    """The capture fields of records, by file and offset; files read on first use."""

    def __init__(self) -> None:
        self._files: dict[str, _Copies] = {}

    def of(self, source: Source, offset: int, record_id: str | None) -> dict[str, str]:
        """``captured_at``, ``archive``, ``archive_url`` of the record, or {} for a live fetch."""
        copies = self._files.get(source.label)
        if copies is None:
            copies = self._files[source.label] = _read(source)
        if not copies.archive:
            return {}
        return copies.by_offset.get(offset) or copies.by_id.get(record_id or "") or {}


class _Copies:
    def __init__(self, archive: str = "") -> None:
        self.archive = archive
        self.by_offset: dict[int, dict[str, str]] = {}
        self.by_id: dict[str, dict[str, str]] = {}


def _read(source: Source) -> _Copies:
    try:
        with _opened(source) as handle:
            return _scan(ArchiveIterator(handle))
    except Exception:  # noqa: BLE001 - damaged files are the reader's to report; no capture facts then
        return _Copies()


@contextmanager
def _opened(source: Source) -> Iterator[IO[bytes]]:
    with source.open() as handle:
        yield handle


def _scan(records: ArchiveIterator) -> _Copies:
    copies = _Copies()
    dates: dict[str, str] = {}
    for record in records:
        headers = record.rec_headers
        kind = record.rec_type
        if kind == "warcinfo":
            fields = _fields(record.content_stream().read())
            if not copies.archive and fields.get(ARCHIVE_FIELD):
                copies.archive = archive_name(fields[ARCHIVE_FIELD])
            continue
        if not copies.archive:
            return copies  # a live crawl's file: nothing to find
        record_id = headers.get_header("WARC-Record-ID") or ""
        date = headers.get_header("WARC-Date") or ""
        if kind in ("response", "resource"):
            dates[record_id] = date
            source_uri = headers.get_header("WARC-Source-URI")
            if source_uri:
                copies.by_offset[records.get_record_offset()] = {
                    "captured_at": _iso(date), "archive": copies.archive, "archive_url": source_uri}
        elif kind == "metadata":
            refers_to = headers.get_header("WARC-Refers-To") or ""
            fields = _fields(record.content_stream().read())
            wanted = _RANGE.fullmatch(fields.get("range", ""))
            if refers_to in dates and fields.get("via") and wanted:
                start, end = int(wanted[1]), int(wanted[2])
                copies.by_id[refers_to] = {
                    "captured_at": _iso(dates[refers_to]), "archive": fields.get("archive") or copies.archive,
                    "archive_url": f"{fields['via']}#offset={start}&length={end - start + 1}"}
    return copies


def _fields(block: bytes) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in block.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip() not in fields:
            fields[name.strip()] = value.strip()
    return fields


def _iso(warc_date: str) -> str:
    digits = "".join(ch for ch in warc_date if ch.isdigit())[:14]
    return iso(digits) if len(digits) == 14 else warc_date
