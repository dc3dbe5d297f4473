"""Stream the HTML responses out of WARC, ARC and WACZ files, whoever wrote them.

Records are read one at a time with warcio (never a whole file in memory); each HTML
response comes out with its payload dechunked and its Content-Encoding undone, plus the
record's position (file, offset, record id) for item provenance.

Damage does not stop a run: a record that cannot be parsed, or whose block ends before
its Content-Length, is reported with its file and offset, and reading resumes at the
next record boundary found after it. ``revisit`` records (deduplicated captures) are
answered with the payload of the record they refer to when that record is anywhere in
the same input set; originals are remembered by payload digest, record id and
URI + date as they stream past, and revisits seen before their original wait (as a few
header values, not payloads) until the end of the run.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

HTML_TYPES = ("text/html", "application/xhtml+xml")
# The largest HTML payload read into memory; bigger bodies are not blog pages.
MAX_HTML_BYTES = 32 * 1024 * 1024
_SCAN_BLOCK = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b\x08"
_READ_ERRORS = (
    ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError, UnicodeDecodeError, zipfile.BadZipFile
)


@dataclass(frozen=True)
class Source:
    """One WARC/ARC file: a path, or a member of a WACZ zip (``archive/*.warc.gz``)."""

    path: Path
    member: str | None = None

    @property
    def name(self) -> str:
        """The WARC file's own name: the same for a crawl's WARC and its copy in a WACZ."""
        return Path(self.member).name if self.member else self.path.name

    @property
    def label(self) -> str:
        return f"{self.path}#{self.member}" if self.member else str(self.path)

    @contextmanager
    def open(self) -> Iterator[IO[bytes]]:
        if self.member is None:
            with open(self.path, "rb") as handle:
                yield handle
            return
        with zipfile.ZipFile(self.path) as package, package.open(self.member) as handle:
            yield handle  # type: ignore[misc]


@dataclass
class RecordMeta:
    """The header facts of one record, enough for provenance and revisit lookup."""

    source: Source
    offset: int
    record_id: str | None
    record_type: str
    target_uri: str | None
    date: str | None
    status: int | None
    headers: list[tuple[str, str]]
    payload_digest: str | None = None
    refers_to: str | None = None
    refers_to_uri: str | None = None
    refers_to_date: str | None = None
    resolved_from: tuple[str, int] | None = None

    @property
    def content_type(self) -> str:
        for key, value in self.headers:
            if key.lower() == "content-type":
                return value.split(";")[0].strip().lower()
        return ""


@dataclass
class HtmlRecord:
    """An HTML response (or a resolved revisit of one) with its decoded payload."""

    meta: RecordMeta
    body: bytes


@dataclass
class ReadReport:
    """What a run read and what it had to skip. ``partial`` is true after any damage."""

    records: int = 0
    html: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    revisits_resolved: int = 0
    revisits_unresolved: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return bool(self.errors)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def damage(self, source: Source, offset: int, problem: object) -> None:
        text = " ".join(str(problem).split())[:160] or type(problem).__name__
        self.errors.append(f"{source.label} at offset {offset}: {text}")


def expand_inputs(paths: list[Path]) -> list[Source]:
    """One Source per WARC: plain files as given, WACZ packages as their ``archive/`` members."""
    sources: list[Source] = []
    for path in paths:
        if path.suffix.lower() == ".wacz":
            with zipfile.ZipFile(path) as package:
                members = sorted(
                    name
                    for name in package.namelist()
                    if name.startswith("archive/") and name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))
                )
            sources.extend(Source(path, member) for member in members)
        else:
            sources.append(Source(path))
    return sources


class ArchiveReader:
    """Iterate the HTML responses of many WARC/ARC/WACZ inputs, resolving revisits."""

    def __init__(self, sources: list[Source], report: ReadReport | None = None) -> None:
        self.sources = sources
        self.report = report or ReadReport()
        self._originals: dict[str, tuple[Source, int]] = {}
        self._pending: list[RecordMeta] = []

    def __iter__(self) -> Iterator[HtmlRecord]:
        for source in self.sources:
            yield from self._read_source(source)
        for meta in self._pending:
            resolved = self._resolve(meta)
            if resolved is not None:
                yield resolved
            else:
                self.report.revisits_unresolved += 1
        self._pending = []

    def _read_source(self, source: Source) -> Iterator[HtmlRecord]:
        start: int | None = 0
        gzipped = False
        while start is not None:
            iterator: ArchiveIterator | None = None
            try:
                with source.open() as handle:
                    gzipped = _is_gzip(handle)
                    size = handle.seek(0, 2)
                    handle.seek(start)
                    iterator = ArchiveIterator(handle, arc2warc=True)
                    last = start
                    for record in iterator:
                        last = iterator.offset
                        found = self._take(source, last, record)
                        if found is not None:
                            yield found
                if iterator.offset < size:  # bytes left that made no record: a cut-off last record
                    cut = _next_record_start(source, last + 1, gzipped)
                    self.report.damage(source, cut or iterator.offset, "truncated record: the file ends inside it")
                start = None
            except Exception as error:  # noqa: BLE001 - warcio raises many kinds on garbage
                # The iterator's offset is the start of the record it was reading.
                offset = max(iterator.offset, start) if iterator is not None else start
                known = isinstance(error, _READ_ERRORS)
                self.report.damage(source, offset, error if known else f"{type(error).__name__}: {error}")
                start = _next_record_start(source, offset + 1, gzipped)

    def _take(self, source: Source, offset: int, record: ArcWarcRecord) -> HtmlRecord | None:
        """Turn one record into an HtmlRecord, or count why it is skipped."""
        self.report.records += 1
        meta = _meta(source, offset, record)
        if not meta.record_type or not record.rec_headers.protocol.startswith(("WARC/", "ARC")):
            raise ArchiveLoadFailed("record without a WARC version or WARC-Type")
        if not _plausible_header(record):
            raise ArchiveLoadFailed("not a WARC or ARC record (no numeric Content-Length or no URI scheme)")
        if meta.record_type == "revisit":
            if meta.content_type and meta.content_type not in HTML_TYPES:
                self.report.skip("not html")
                return None
            resolved = self._resolve(meta)
            if resolved is None:
                self._pending.append(meta)
            return resolved
        if meta.record_type not in ("response", "resource"):
            self.report.skip(meta.record_type)
            return None
        if meta.record_type == "response" and (meta.status is None or not 200 <= meta.status < 300):
            self.report.skip("status")
            return None
        if meta.content_type and meta.content_type not in HTML_TYPES:
            self.report.skip("not html")
            return None
        body = record.content_stream().read(MAX_HTML_BYTES)
        missing = getattr(record.raw_stream, "limit", 0)  # no Content-Length: no limit to check
        if missing:
            raise EOFError(f"record truncated: {missing} bytes missing")
        if not meta.content_type and not _sniffs_as_html(body):
            self.report.skip("not html")
            return None
        self._remember(meta)
        self.report.html += 1
        return HtmlRecord(meta, body)

    def _remember(self, meta: RecordMeta) -> None:
        where = (meta.source, meta.offset)
        for key in _keys_of_original(meta):
            self._originals.setdefault(key, where)

    def _resolve(self, revisit: RecordMeta) -> HtmlRecord | None:
        for key in _keys_of_revisit(revisit):
            if key in self._originals:
                source, offset = self._originals[key]
                try:
                    original = read_html_at(source, offset)
                except _READ_ERRORS as error:
                    self.report.damage(source, offset, error)
                    return None
                if original is None:
                    return None
                self.report.revisits_resolved += 1
                self.report.html += 1
                meta = original.meta
                revisit.headers = meta.headers
                revisit.status = meta.status
                revisit.resolved_from = (source.name, offset)
                return HtmlRecord(revisit, original.body)
        return None


def read_html_at(source: Source, offset: int) -> HtmlRecord | None:
    """The HTML payload of the record at ``offset``: how a revisit reaches its original."""
    with source.open() as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle, arc2warc=True):
            meta = _meta(source, offset, record)
            return HtmlRecord(meta, record.content_stream().read(MAX_HTML_BYTES))
    return None


def _meta(source: Source, offset: int, record: ArcWarcRecord) -> RecordMeta:
    headers = record.rec_headers
    http = record.http_headers
    status = None
    if http is not None and record.rec_type in ("response", "revisit"):
        code = http.get_statuscode()
        status = int(code) if code and str(code).isdigit() else None
    http_list = list(http.headers) if http is not None else []
    if record.rec_type == "resource":
        http_list = [("Content-Type", headers.get_header("Content-Type") or "")]
    return RecordMeta(
        source=source,
        offset=offset,
        record_id=headers.get_header("WARC-Record-ID"),
        record_type=record.rec_type,
        target_uri=headers.get_header("WARC-Target-URI"),
        date=headers.get_header("WARC-Date"),
        status=status,
        headers=http_list,
        payload_digest=headers.get_header("WARC-Payload-Digest"),
        refers_to=headers.get_header("WARC-Refers-To"),
        refers_to_uri=headers.get_header("WARC-Refers-To-Target-URI"),
        refers_to_date=headers.get_header("WARC-Refers-To-Date"),
    )


def _keys_of_original(meta: RecordMeta) -> list[str]:
    keys = [f"id {meta.record_id}", f"at {meta.target_uri} {meta.date}"]
    if meta.payload_digest:
        keys.append(f"digest {meta.target_uri} {meta.payload_digest}")
        keys.append(f"digest * {meta.payload_digest}")
    return keys


def _keys_of_revisit(meta: RecordMeta) -> list[str]:
    """Most specific first: the referred record id, then URI + date, then the payload digest."""
    keys = []
    if meta.refers_to:
        keys.append(f"id {meta.refers_to}")
    if meta.refers_to_uri and meta.refers_to_date:
        keys.append(f"at {meta.refers_to_uri} {meta.refers_to_date}")
    if meta.payload_digest:
        keys.append(f"digest {meta.refers_to_uri or meta.target_uri} {meta.payload_digest}")
        keys.append(f"digest * {meta.payload_digest}")
    return keys


def _sniffs_as_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _plausible_header(record: ArcWarcRecord) -> bool:
    """warcio reads any line of five words as an ARC header; real records have a numeric
    length and a target URI with a scheme (warcinfo and a few others have no URI)."""
    headers = record.rec_headers
    if not (headers.get_header("Content-Length") or "0").strip().isdigit():
        return False
    uri = headers.get_header("WARC-Target-URI")
    return uri is None or bool(_URI_SCHEME.match(uri))


def _is_gzip(handle: IO[bytes]) -> bool:
    handle.seek(0)
    return handle.read(3) == _GZIP_MAGIC


def _next_record_start(source: Source, start: int, gzipped: bool) -> int | None:
    """The offset of the next plausible record after damage, or None at the end of the file.

    Gzip-per-record files resume at the next gzip member that inflates to a WARC/ARC
    header; uncompressed files at the next line that starts with ``WARC/``.
    """
    marker = _GZIP_MAGIC if gzipped else b"\nWARC/"
    with source.open() as handle:
        position = start
        while True:
            handle.seek(position)
            block = handle.read(_SCAN_BLOCK + len(marker))
            if len(block) < len(marker):
                return None
            index = block.find(marker)
            while index != -1:
                candidate = position + index + (0 if gzipped else 1)
                if not gzipped or _inflates_to_record(handle, candidate):
                    return candidate
                index = block.find(marker, index + 1)
            position += _SCAN_BLOCK


def _inflates_to_record(handle: IO[bytes], offset: int) -> bool:
    handle.seek(offset)
    try:
        head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(handle.read(4096), 16)
    except zlib.error:
        return False
    return head.startswith((b"WARC/", b"filedesc:", b"http:", b"https:", b"dns:"))
