"""Stream the HTML responses out of WARC, ARC and WACZ files, whoever wrote them.

Records are read one at a time with warcio (never a whole file in memory); each HTML
response comes out with its payload dechunked and its Content-Encoding undone, plus the
record's position (file, offset, record id) for item provenance.

Damage does not stop a run: a record that cannot be parsed, or whose block ends before
its Content-Length, is reported with its file and offset, and reading resumes at the
next record boundary found after it. A record whose digests do not match its bytes
(``WARC-Block-Digest``, ``WARC-Payload-Digest``), or whose payload does not decode
(a corrupt or cut-short gzip, deflate, brotli or zstd body,
:mod:`archiver.content_encoding`), is damaged too: reported, never handed on, so
compressed bytes are never parsed as a page. ``revisit`` records (deduplicated captures)
are answered with the payload of the record they refer to when that record is anywhere
in the same input set; originals are remembered by payload digest, record id and
URI + date as they stream past, and revisits seen before their original wait (as a few
header values, not payloads) until the end of the run. A revisit whose original is not
in the input is listed (``ReadReport.unresolved``): it stands for a page the run could
not read. Records marked ``WARC-Truncated`` are read as far as they go and listed
(``ReadReport.truncated``), so the items parsed from them can say so.

:func:`input_problem` tells an input that is no archive at all (an empty file, a text
file, a zip without WARCs) from one with damaged records.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from archiver.content_encoding import BodyTooLarge, UndecodableBody, decode, split_encodings

HTML_TYPES = ("text/html", "application/xhtml+xml")
# The largest HTML payload read into memory; bigger bodies are not blog pages.
MAX_HTML_BYTES = 32 * 1024 * 1024
_SCAN_BLOCK = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b\x08"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
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
    # WARC-Truncated: why the stored payload is shorter than what was sent ("length",
    # "time", "disconnect", "unspecified"); for a revisit, its original's.
    truncated: str | None = None

    @property
    def content_type(self) -> str:
        return self.header("content-type").split(";")[0].strip().lower()

    def header(self, name: str) -> str:
        """The first HTTP header of that name (any case), or ""."""
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return ""

    @property
    def key(self) -> tuple[str, str | None, int]:
        """What an item's provenance says of this record: file name, record id, offset."""
        return (self.source.name, self.record_id, self.offset)


@dataclass
class HtmlRecord:
    """An HTML response (or a resolved revisit of one) with its decoded payload."""

    meta: RecordMeta
    body: bytes


@dataclass
class ReadReport:
    """What a run read and what it had to skip. ``partial`` is true after any damage,
    and when revisits stand for pages whose original is not in the input."""

    records: int = 0
    html: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    revisits_resolved: int = 0
    revisits_unresolved: int = 0
    errors: list[str] = field(default_factory=list)
    # HTML records marked WARC-Truncated that were handed on, and revisits whose
    # original is not in the input: {"file", "offset", "url", ...} each.
    truncated: list[dict[str, Any]] = field(default_factory=list)
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    # RecordMeta.key of each truncated record, for the items parsed from it.
    truncated_keys: set[tuple[str, str | None, int]] = field(default_factory=set)

    @property
    def partial(self) -> bool:
        return bool(self.errors or self.unresolved)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def truncate(self, meta: RecordMeta) -> None:
        """Note an HTML record marked WARC-Truncated that is handed on for parsing."""
        if meta.key not in self.truncated_keys:
            self.truncated_keys.add(meta.key)
            self.truncated.append({"file": meta.source.label, "offset": meta.offset, "url": meta.target_uri,
                                   "warc_truncated": meta.truncated, "key": meta.key})

    def damage(self, source: Source, offset: int, problem: object) -> None:
        text = " ".join(str(problem).split())[:160] or type(problem).__name__
        self.errors.append(f"{source.label} at offset {offset}: {text}")


def expand_inputs(paths: list[Path]) -> list[Source]:
    """One Source per WARC: plain files as given, WACZ packages (and other zips) as their
    ``archive/`` members."""
    sources: list[Source] = []
    for path in paths:
        members = _package_members(path)
        if members is None:
            sources.append(Source(path))
        else:
            sources.extend(Source(path, member) for member in members)
    return sources


def input_problem(path: Path) -> str | None:
    """Why ``path`` is not a WARC, ARC or WACZ file at all, or None when it is one.

    An archive whose records are damaged is still an archive (its damage is reported
    record by record); this is for inputs with no record in them anywhere: an empty file,
    a text file, a zip without ``archive/*.warc[.gz]`` members.
    """
    try:
        members = _package_members(path)
    except (OSError, zipfile.BadZipFile) as error:
        return f"not a zip file, as a WACZ is ({error})"
    if members is None:
        return _source_problem(Source(path))
    if not members:
        with zipfile.ZipFile(path) as package:
            elsewhere = [name for name in package.namelist() if name.lower().endswith(WARC_SUFFIXES)]
        where = ""
        if elsewhere:
            files = "WARC file" if len(elsewhere) == 1 else "WARC files"
            where = f"; it holds {len(elsewhere)} {files} elsewhere: {elsewhere[0]}{', …' if len(elsewhere) > 1 else ''}"
        return f"a zip without an archive/ folder of WARC files, as a WACZ has{where}"
    for member in members:
        problem = _source_problem(Source(path, member))
        if problem:
            return f"{member}: {problem}"
    return None


def _package_members(path: Path) -> list[str] | None:
    """The ``archive/`` WARCs of a WACZ (or of any zip), or None for a file that is no zip."""
    if path.suffix.lower() != ".wacz":
        with open(path, "rb") as handle:
            if not handle.read(4).startswith(_ZIP_MAGIC) or not zipfile.is_zipfile(path):
                return None
    with zipfile.ZipFile(path) as package:
        return sorted(
            name for name in package.namelist() if name.startswith("archive/") and name.lower().endswith(WARC_SUFFIXES)
        )


def _source_problem(source: Source) -> str | None:
    with source.open() as handle:
        head = handle.read(16)
        if not head:
            return "empty file"
        if head.startswith(_ZSTD_MAGIC):
            return "zstd-compressed, which this reader does not read: decompress it first (zstd -d)"
        gzipped = head.startswith(_GZIP_MAGIC)
        if gzipped and _inflates_to_record(handle, 0):
            return None
    if not gzipped and head.startswith((b"WARC/", b"filedesc:")):
        return None
    if _next_record_start(source, 1 if gzipped else 0, gzipped) is not None:
        return None  # damaged at the start, records later: the reader reports the damage
    return "gzip data with no WARC or ARC record in it" if gzipped else "no WARC or ARC record in it"


class ArchiveReader:
    """Iterate the HTML responses of many WARC/ARC/WACZ inputs, resolving revisits."""

    def __init__(self, sources: list[Source], report: ReadReport | None = None) -> None:
        self.sources = sources
        self.report = report or ReadReport()
        self._originals: dict[str, tuple[Source, int]] = {}
        self._pending: list[RecordMeta] = []
        # Hashes of the revisit keys of records that are no HTML page a revisit could
        # stand for (not HTML, not 2xx, too large) and of damaged ones: a revisit of
        # those explains itself. Hashes, not the keys, to keep memory small.
        self._not_pages: set[int] = set()
        self._damaged: set[int] = set()
        self._checked = False  # the current record's digests were looked at by _take

    def __iter__(self) -> Iterator[HtmlRecord]:
        for record in self._records():
            if record.meta.truncated:
                self.report.truncate(record.meta)
            yield record

    def _records(self) -> Iterator[HtmlRecord]:
        for source in self.sources:
            yield from self._read_source(source)
        for meta in self._pending:
            resolved = self._resolve(meta)
            if resolved is not None:
                yield resolved
            else:
                self._unresolved(meta)
        self._pending = []

    def _unresolved(self, meta: RecordMeta) -> None:
        keys = {hash(key) for key in _keys_of_revisit(meta)}
        if keys & self._damaged:
            self.report.skip("revisit of a damaged record")
        elif keys & self._not_pages:
            self.report.skip("revisit of no HTML page")
        else:
            self.report.revisits_unresolved += 1
            self.report.unresolved.append({
                "file": meta.source.label, "offset": meta.offset, "url": meta.target_uri,
                "refers_to": meta.refers_to or (f"{meta.refers_to_uri} at {meta.refers_to_date}"
                                                if meta.refers_to_uri else meta.payload_digest),
            })

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
                    iterator = ArchiveIterator(handle, arc2warc=True, check_digests=True)
                    last = start
                    for record in iterator:
                        last = iterator.offset
                        self._checked = False
                        found = self._take(source, last, record)
                        if not self._checked:  # skipped unread: its digests are known once it is read
                            iterator.read_to_end()
                            self._check_skipped(source, last, record)
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

    def _check_skipped(self, source: Source, offset: int, record: ArcWarcRecord) -> None:
        """A record that was not read for its page: damaged all the same if its digests fail
        (``warcio check`` says so too). A payload digest of a chunked body may have been
        taken after de-chunking, which this cannot tell once the bytes are gone: not damage."""
        problems = _digest_problems(record)
        if problems and _chunked(record) and all(p.startswith("payload") for p in problems):
            return
        if problems:
            self.report.damage(source, offset, "; ".join(problems))

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
            if meta.status is not None and not 200 <= meta.status < 300:  # 304 "server-not-modified" and others
                self.report.skip("status")
                return None
            resolved = self._resolve(meta)
            if resolved is None:
                self._pending.append(meta)
            return resolved
        if meta.record_type not in ("response", "resource"):
            self.report.skip(meta.record_type)
            return None
        if meta.record_type == "response" and (meta.status is None or not 200 <= meta.status < 300):
            return self._not_a_page(meta, "status")
        if meta.content_type and meta.content_type not in HTML_TYPES:
            return self._not_a_page(meta, "not html")
        self._checked = True
        payload = _payload(record)
        missing = getattr(record.raw_stream, "limit", 0)  # no Content-Length: no limit to check
        if missing:
            raise EOFError(f"record truncated: {missing} bytes missing")
        problems = _digest_problems(record, payload)
        if problems:
            return self._damaged_record(meta, "; ".join(problems))
        if payload is None:
            return self._not_a_page(meta, "too large")
        try:
            body = _decoded(meta, payload)
        except BodyTooLarge:
            return self._not_a_page(meta, "too large")
        except UndecodableBody as error:
            coding = meta.header("content-encoding")
            return self._damaged_record(meta, f"payload cannot be decoded (Content-Encoding: {coding}): {error}")
        if not meta.content_type and not _sniffs_as_html(body):
            return self._not_a_page(meta, "not html")
        self._remember(meta)
        self.report.html += 1
        return HtmlRecord(meta, body)

    def _not_a_page(self, meta: RecordMeta, reason: str) -> None:
        self.report.skip(reason)
        self._not_pages.update(hash(key) for key in _keys_of_original(meta))

    def _damaged_record(self, meta: RecordMeta, problem: str) -> None:
        self.report.damage(meta.source, meta.offset, problem)
        self._damaged.update(hash(key) for key in _keys_of_original(meta))

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
                except (*_READ_ERRORS, UndecodableBody, BodyTooLarge) as error:
                    self.report.damage(source, offset, error)
                    return None
                if original is None:
                    return None
                self.report.revisits_resolved += 1
                self.report.html += 1
                meta = original.meta
                revisit.headers = meta.headers
                revisit.status = meta.status
                revisit.truncated = meta.truncated
                revisit.resolved_from = (source.name, offset)
                return HtmlRecord(revisit, original.body)
        return None


def read_html_at(source: Source, offset: int) -> HtmlRecord | None:
    """The HTML payload of the record at ``offset``: how a revisit reaches its original."""
    with source.open() as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle, arc2warc=True):
            meta = _meta(source, offset, record)
            payload = _payload(record)
            if payload is None:
                raise BodyTooLarge(MAX_HTML_BYTES + 1, MAX_HTML_BYTES)
            return HtmlRecord(meta, _decoded(meta, payload))
    return None


def _chunked(record: ArcWarcRecord) -> bool:
    http = record.http_headers
    return http is not None and (http.get_header("Transfer-Encoding") or "").strip().lower() == "chunked"


def _payload(record: ArcWarcRecord) -> bytes | None:
    """The record's payload with any chunked framing removed, but not decoded; None when
    it is larger than MAX_HTML_BYTES. The record's block is read to its end either way,
    so its digests are checked."""
    stream = ChunkedDataReader(record.raw_stream) if _chunked(record) else record.raw_stream
    payload = stream.read(MAX_HTML_BYTES + 1)
    while record.raw_stream.read(_SCAN_BLOCK):  # the rest of the block: a chunked body's trailer, or more
        pass
    return None if len(payload) > MAX_HTML_BYTES else payload


def _decoded(meta: RecordMeta, payload: bytes) -> bytes:
    """The payload with its Content-Encoding undone; a record marked WARC-Truncated may
    end inside its compressed stream. Raises UndecodableBody or BodyTooLarge."""
    codings = split_encodings([meta.header("content-encoding")])
    if not codings:
        return payload
    return decode(payload, codings, max_size=MAX_HTML_BYTES, allow_cut=bool(meta.truncated)).body


def _digest_problems(record: ArcWarcRecord, payload: bytes | None = None) -> list[str]:
    """What warcio found wrong with the record's digests (checked as its block was read).

    A payload digest of a chunked body that fails over the bytes as stored is tried over
    the de-chunked ``payload`` too: some writers digest that."""
    checker = getattr(record, "digest_checker", None)
    if checker is None or checker.passed is not False:
        return []
    # A digest this cannot compute (an unknown algorithm) is no sign of damage.
    problems = [re.sub(r"digest failed:? ", "digest failed: ", " ".join(str(problem).split()))
                for problem in checker.problems if "digest failed" in str(problem)]
    if payload is not None and _chunked(record):
        digest = record.rec_headers.get_header("WARC-Payload-Digest") or ""
        if _digest_matches(payload, digest):
            problems = [problem for problem in problems if not problem.startswith("payload")]
    return problems


def _digest_matches(data: bytes, digest: str) -> bool:
    algorithm, _, value = digest.partition(":")
    try:
        expected = hashlib.new(algorithm.strip().lower().replace("-", ""), data).digest()
    except ValueError:
        return False
    value = value.strip()
    candidates = [base64.b32encode(expected).decode(), expected.hex(), base64.b64encode(expected).decode()]
    return value.upper() in (c.upper() for c in candidates[:2]) or value == candidates[2]


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
        truncated=(headers.get_header("WARC-Truncated") or "").strip() or None,
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
