"""WARC records of a capture copied from a web archive: what was fetched, said to be a copy.

A replayed capture (``id_``) is written as pywb writes a capture it copies from another
archive (``pywb/warcserver/resource/responseloader.py``): a ``response`` record whose
``WARC-Target-URI`` is the original URL and ``WARC-Date`` the capture's time, so replay
tools show it under the original URL at the moment it was captured, plus
``WARC-Source-URI`` (the replay URL it was fetched from) and ``WARC-Creation-Date`` (when
it was fetched). The HTTP block is the archive's answer byte for byte (with the crawl's
usual policy for transfer framing and ``Content-Length``, see :mod:`archiver.warc.exchange`),
its ``X-Archive-Orig-*`` headers (the original server's, as the archive renamed them,
``X-Archive-Orig-Content-Encoding`` among them) and its Memento headers included; only a
``Location`` pointing into the archive is written as the original URL it stands for,
the archive's value kept as ``X-Archive-Src-Location``, so a replayed redirect leads to
the archived target. The ``request`` record is the request as sent to the archive
(``WARC-Target-URI`` the replay URL).

A record read from an archive's WARC file by a range request (Common Crawl) is kept byte
for byte: the gzip member as fetched is written as it is, its own ``WARC-Record-ID``,
``WARC-Date`` and digests intact. A ``metadata`` record after it (``WARC-Refers-To`` that
record) says where it came from: the file's URL, the range, the answer's status and
headers. Then the range request's ``request`` record. A record that is not a gzip member
is compressed (its bytes inside unchanged), and an ARC record (Common Crawl before 2013)
is converted to a WARC ``response`` record; the metadata record says so.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.warcwriter import BufferWARCWriter

from archiver.archives.capture import RANGE, Capture
from archiver.archives.index import url_key
from archiver.archives.timestamps import from_http_date, from_timestamp
from archiver.warc.exchange import HttpExchange
from archiver.warc.records import gzip_member, payload_digest, record_id, request_record, response_record
from archiver.warc.writer import BuiltRecords

SOURCE_PREFIX = b"X-Archive-Src-"
# A replay URL of any pywb or Wayback archive: .../<timestamp><modifier>/<original URL>
_REPLAY_PATH = re.compile(r"/(\d{4,14})(?:[a-z]{2}_)?/(https?:/{1,2}[^/].*)$")


class CopyError(ValueError):
    """What the archive sent is not the record the index promised."""


@dataclass(frozen=True)
class RangeRecord:
    """The record a range request returned, as read: its type, target, date, HTTP message."""

    record_type: str
    target_uri: str
    date: str
    record_id: str
    payload_digest: str | None
    status: int
    headers: list[tuple[str, str]]
    payload: bytes  # transfer encoding removed, content encoding (if any) kept
    member: bytes  # the gzip member to store
    converted: str | None  # why the stored member differs from the fetched bytes


def copy_records(meta: Mapping[str, Any], exchange: HttpExchange, version: Any = None) -> BuiltRecords | None:
    """The records of an exchange that fetched an archive's capture; None for any other.

    ``version`` is the crawl's WARC version (:class:`archiver.warc.records.WarcVersion`,
    default 1.1). The dates this module writes are to the second, valid in 1.0 and 1.1.
    """
    capture = Capture.from_meta(dict(meta))
    if capture is None or exchange.url != capture.fetch_url:
        return None
    builder = RecordBuilder(warc_version=getattr(version, "line", None) or "WARC/1.1")
    if capture.mode == RANGE:
        return range_copy(builder, exchange, capture)
    if answer_kind(capture, exchange.status, exchange.response_headers) != COPY:
        return None  # the archive speaking for itself: kept as an exchange with it
    return replay_copy(builder, exchange, capture)


COPY, HOP, ERROR = "copy", "hop", "error"


def answer_kind(capture: Capture, status: int, headers: list[tuple[bytes, bytes]]) -> str:
    """What a replay answer is: the capture (``copy``); the archive pointing at another
    capture of the same URL (``hop``: its time gate, an inexact timestamp); or the
    archive's own error (``error``: 4xx/5xx without ``Memento-Datetime``)."""
    memento = header(headers, b"memento-datetime")
    if status >= 400 and not memento:
        return ERROR
    if 300 <= status < 400:
        location = header(headers, b"location")
        target = original_of(location) if location else None
        if target is not None and url_key(target) == url_key(capture.url):
            return HOP
    return COPY


def header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    """The first value of a header (name in lower case), decoded."""
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def captured_timestamp(capture: Capture, headers: list[tuple[bytes, bytes]]) -> str:
    """When the answer was captured: the archive's ``Memento-Datetime``, else the capture
    asked for (exact when it came from the index)."""
    return from_http_date(header(headers, b"memento-datetime")) or capture.timestamp


def replay_copy(builder: RecordBuilder, exchange: HttpExchange, capture: Capture) -> BuiltRecords:
    """A replayed capture as a response record of the original URL, then the request as sent."""
    captured = from_timestamp(captured_timestamp(capture, exchange.response_headers))
    original = replace(exchange, url=capture.url, fetched_at=captured,
                       response_headers=unrewritten_headers(exchange.response_headers))
    response = response_record(builder, original)
    response.rec_headers.add_header("WARC-Source-URI", capture.fetch_url)
    response.rec_headers.add_header("WARC-Creation-Date", seconds_date(exchange.fetched_at))
    response_id = record_id(response)
    request = request_record(builder, exchange, response_id)
    return BuiltRecords((gzip_member(response), gzip_member(request)), response_id, "response",
                        payload_digest(exchange.body), response.rec_headers.get_header("WARC-Date"))


def seconds_date(moment: datetime) -> str:
    """A WARC-Date to the second (valid in WARC/1.0 and 1.1)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def unrewritten_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``Location``/``Content-Location`` into an archive's replay as the original URL;
    the archive's value kept under ``X-Archive-Src-``."""
    result: list[tuple[bytes, bytes]] = []
    for name, value in headers:
        if name.lower() == b"location":
            original = original_of(value.decode("latin-1"))
            if original is not None:
                result += [(name, original.encode("latin-1")), (SOURCE_PREFIX + name, value)]
                continue
        result.append((name, value))
    return result


def original_of(replay_url: str) -> str | None:
    """The original URL a replay URL (``…/20110920123456id_/http://…``) stands for."""
    match = _REPLAY_PATH.search(replay_url)
    if match is None:
        return None
    scheme, _, rest = match.group(2).partition(":")
    return f"{scheme}://{rest.lstrip('/')}"


def read_range_record(body: bytes) -> RangeRecord:
    """The one record a range request returned; CopyError when it is not a whole record."""
    member, converted = body, None
    if not body.startswith(b"\x1f\x8b"):
        member, converted = gzip.compress(body, compresslevel=6, mtime=0), "compressed here: fetched uncompressed"
    else:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            inflater.decompress(body)
        except zlib.error as error:
            raise CopyError(f"not a gzip member: {error}") from None
        if not inflater.eof or inflater.unused_data:
            raise CopyError("the range is not exactly one gzip member (cut short or too long)")
    record = _first_record(member)
    if record.format == "arc2warc":  # kept as the WARC record warcio reads it as
        member, converted = _as_warc_member(record), "converted here from an ARC record"
        record = _first_record(member)
    headers, http = record.rec_headers, record.http_headers
    payload = dechunked_payload(record)
    code = str(http.get_statuscode()) if http is not None else ""
    return RangeRecord(
        record_type=record.rec_type, target_uri=headers.get_header("WARC-Target-URI") or "",
        date=headers.get_header("WARC-Date") or "", record_id=headers.get_header("WARC-Record-ID") or "",
        payload_digest=headers.get_header("WARC-Payload-Digest"), status=int(code) if code.isdigit() else 200,
        headers=list(http.headers) if http is not None else [], payload=payload, member=member,
        converted=converted)


def _first_record(member: bytes) -> ArcWarcRecord:
    try:
        return next(iter(ArchiveIterator(io.BytesIO(member), arc2warc=True)))
    except Exception as error:  # noqa: BLE001 - warcio raises many kinds
        raise CopyError(f"no WARC record in the range: {error}") from None


def range_copy(builder: RecordBuilder, exchange: HttpExchange, capture: Capture) -> BuiltRecords:
    """The archive's record kept as fetched, a metadata record on where from, the request."""
    if exchange.status != 206:
        raise CopyError(f"the range request was answered {exchange.status}, not 206 Partial Content")
    record = read_range_record(exchange.body)
    if record.record_type not in ("response", "resource"):
        raise CopyError(f"a {record.record_type} record, not a response")
    fields = [("archive", capture.archive), ("via", capture.fetch_url), ("range", capture.byte_range),
              ("http-status", str(exchange.status))]
    fields += [(f"http-header-{name.decode('latin-1').lower()}", value.decode("latin-1"))
               for name, value in exchange.response_headers]
    if record.converted:
        fields.append(("stored", record.converted))
    body = "".join(f"{name}: {value}\r\n" for name, value in fields).encode("utf-8")
    metadata = builder.create_warc_record(
        capture.url, "metadata", payload=io.BytesIO(body), length=len(body),
        warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Date": seconds_date(exchange.fetched_at),
                           "WARC-Refers-To": record.record_id})
    request = request_record(builder, exchange, record_id(metadata))
    return BuiltRecords((record.member, gzip_member(metadata), gzip_member(request)), record.record_id,
                        record.record_type, record.payload_digest, record.date)


def dechunked_payload(record: ArcWarcRecord) -> bytes:
    """A record's HTTP payload without chunked framing (its content encoding kept)."""
    payload = record.raw_stream.read()
    http = record.http_headers
    if http is not None and (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        return _dechunk(payload)
    return payload


def _dechunk(data: bytes) -> bytes:
    """A chunked body's data (a body that is not validly chunked is returned as it is)."""
    out, position = bytearray(), 0
    while True:
        end = data.find(b"\r\n", position)
        if end < 0:
            return data
        try:
            size = int(data[position:end].split(b";")[0].strip() or b"x", 16)
        except ValueError:
            return data
        if size == 0:
            return bytes(out)
        out += data[end + 2:end + 2 + size]
        position = end + 2 + size + 2


def _as_warc_member(record: ArcWarcRecord) -> bytes:
    """An ARC record (which warcio reads as a WARC response) written as a WARC record."""
    payload = record.raw_stream.read()
    writer = BufferWARCWriter(gzip=True)
    rebuilt = writer.create_warc_record(
        record.rec_headers.get_header("WARC-Target-URI"), "response", payload=io.BytesIO(payload),
        length=len(payload), http_headers=record.http_headers,
        warc_headers_dict={"WARC-Date": record.rec_headers.get_header("WARC-Date")})
    writer.write_record(rebuilt)
    return writer.get_contents()
