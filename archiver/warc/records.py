"""Build the warcinfo, response and request records of a WARC file with warcio.

Records are built from plain values (:class:`HttpExchange`, a dict of warcinfo fields),
so the same code serves a crawl and a test. HTTP header bytes are written exactly as
given: warcio would otherwise re-encode non-ASCII header values, and the archive should
hold what the server sent.

Records are WARC/1.1 unless the builder says WARC/1.0 (``ARCHIVER_WARC_VERSION``): older
readers (warctools' ``warcvalid``, for one) accept only 1.0. What a 1.0 record changes is
in :class:`WarcVersion`: the version line, ``WARC-Date`` to the second (1.0 has no
fractions of a second), the 1.0 revisit profile URI, the 1.0 ``format`` and
``conformsTo`` in ``warcinfo``, and no ``WARC-Refers-To-Target-URI`` or
``WARC-Refers-To-Date`` (new in 1.1; 1.0 has no equivalent, and ``WARC-Refers-To``, which
1.0 has, still names the original record). ``WARC-Target-URI`` is written without angle
brackets in both, as 1.0 writers do (the brackets in the 1.0 grammar were an error that
1.1 corrected).
"""

from __future__ import annotations

import base64
import hashlib
import uuid
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO

from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from archiver.warc.exchange import (
    Header,
    HttpExchange,
    request_headers,
    request_line,
    response_headers,
    status_line,
)

# zlib's default level: half the time of the level 9 warcio uses, for ~0.3% more bytes.
GZIP_LEVEL = 6


@dataclass(frozen=True)
class WarcVersion:
    """What the records of one WARC version say differently."""

    number: str  # "1.1"
    # The profile of a revisit whose payload is byte for byte an earlier capture's.
    revisit_profile: str
    # warcinfo's ``format`` and ``conformsTo``.
    format: str
    conforms_to: str
    # WARC-Date with microseconds (1.1) or to the second (1.0).
    microseconds: bool
    # WARC-Refers-To-Target-URI and WARC-Refers-To-Date in revisit records (1.1 only).
    refers_to_target: bool

    @property
    def line(self) -> str:
        """The record's first line: ``WARC/1.1``."""
        return f"WARC/{self.number}"


WARC_1_1 = WarcVersion(
    "1.1",
    revisit_profile="http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
    format="WARC File Format 1.1",
    conforms_to="https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
    microseconds=True,
    refers_to_target=True,
)
WARC_1_0 = WarcVersion(
    "1.0",
    revisit_profile="http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
    format="WARC File Format 1.0",
    # What 1.0 writers (Heritrix, wget) name: the final draft of ISO 28500:2009.
    conforms_to="http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf",
    microseconds=False,
    refers_to_target=False,
)
VERSIONS = {version.number: version for version in (WARC_1_0, WARC_1_1)}

# The default version, as the names the rest of the archiver has always used.
WARC_VERSION = WARC_1_1.line
REVISIT_PROFILE = WARC_1_1.revisit_profile
WARC_FORMAT = WARC_1_1.format
WARC_CONFORMS_TO = WARC_1_1.conforms_to


def warc_version(value: object = None) -> WarcVersion:
    """The version an ``ARCHIVER_WARC_VERSION`` value names ("1.1", "1.0", "WARC/1.0");
    empty means 1.1. ValueError for any other."""
    text = str(value if value is not None else "").strip().upper().removeprefix("WARC/") or WARC_1_1.number
    if text not in VERSIONS:
        raise ValueError(f"ARCHIVER_WARC_VERSION must be 1.0 or 1.1, not {value!r}")
    return VERSIONS[text]


def builder_version(builder: RecordBuilder) -> WarcVersion:
    """The version of the records ``builder`` makes (``RecordBuilder(warc_version=...)``)."""
    return warc_version(builder.warc_version)


class ExactHeaders(StatusAndHeaders):
    """HTTP status line and headers that serialise back to the bytes they came from.

    Names and values hold latin-1 decoded bytes, which encode back to the same bytes.
    """

    def compute_headers_buffer(self, header_filter: Callable | None = None) -> None:
        self.headers_buff = self.to_str(header_filter).encode("latin-1") + b"\r\n"


def warc_date(moment: datetime, version: WarcVersion = WARC_1_1) -> str:
    """``moment`` as a WARC-Date: UTC, ISO 8601; microseconds when present in WARC/1.1,
    cut to the second in WARC/1.0."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    if not version.microseconds:
        utc = utc.replace(microsecond=0)
    return datetime_to_iso_date(utc, use_micros=version.microseconds)


def warcinfo_record(
    builder: RecordBuilder, filename: str, fields: Mapping[str, str], created: datetime
) -> ArcWarcRecord:
    """The first record of a file: who wrote it, with what, under which settings.

    Empty fields are left out, so optional values (an operator contact) cost nothing.
    """
    payload = "".join(f"{name}: {value}\r\n" for name, value in fields.items() if value)
    headers = _warc_headers(builder, "warcinfo", created, [("WARC-Filename", filename)])
    return _record(builder, "warcinfo", headers, payload.encode("utf-8"))


def response_record(builder: RecordBuilder, exchange: HttpExchange) -> ArcWarcRecord:
    """The response as stored (see :mod:`archiver.warc.exchange` for the header policy)."""
    http = ExactHeaders(
        status_line(exchange),
        _text(response_headers(exchange)),
        protocol=exchange.protocol,
    )
    extra = [("WARC-Target-URI", exchange.url)]
    if exchange.ip_address:
        extra.append(("WARC-IP-Address", exchange.ip_address))
    if exchange.truncated:
        extra.append(("WARC-Truncated", exchange.truncated))
    headers = _warc_headers(builder, "response", exchange.fetched_at, extra)
    return _record(builder, "response", headers, exchange.body, http)


def payload_digest(body: bytes) -> str:
    """``sha1:<base32>``: the ``WARC-Payload-Digest`` warcio writes for a stored body.

    Computed before any record is built, so a crawl can tell whether the payload is one
    it already holds and write a revisit instead.
    """
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


@dataclass(frozen=True)
class EarlierCapture:
    """The response record a revisit refers to: its id, target URI and WARC-Date."""

    record_id: str
    target_uri: str
    date: str


def revisit_record(
    builder: RecordBuilder, exchange: HttpExchange, digest: str, original: EarlierCapture
) -> ArcWarcRecord:
    """An identical-payload-digest revisit: the HTTP head only, pointing at ``original``.

    Replay tools (pywb) take the body from the referred record, found by
    ``WARC-Refers-To`` or by target URI and date (WARC/1.1 only), or by URI and payload
    digest, and the headers from this one.
    """
    version = builder_version(builder)
    http = ExactHeaders(
        status_line(exchange),
        _text(response_headers(exchange)),
        protocol=exchange.protocol,
    )
    extra = [
        ("WARC-Target-URI", exchange.url),
        ("WARC-Profile", version.revisit_profile),
        ("WARC-Refers-To", original.record_id),
    ]
    if version.refers_to_target:
        extra += [("WARC-Refers-To-Target-URI", original.target_uri), ("WARC-Refers-To-Date", original.date)]
    extra.append(("WARC-Payload-Digest", digest))
    if exchange.ip_address:
        extra.append(("WARC-IP-Address", exchange.ip_address))
    headers = _warc_headers(builder, "revisit", exchange.fetched_at, extra)
    return _record(builder, "revisit", headers, b"", http)


def request_record(
    builder: RecordBuilder, exchange: HttpExchange, response_id: str
) -> ArcWarcRecord:
    """The request as sent, linked to its response by ``WARC-Concurrent-To``."""
    http = ExactHeaders(request_line(exchange), _text(request_headers(exchange)))
    extra = [("WARC-Target-URI", exchange.url), ("WARC-Concurrent-To", response_id)]
    headers = _warc_headers(builder, "request", exchange.fetched_at, extra)
    return _record(builder, "request", headers, exchange.request_body, http)


def gzip_member(record: ArcWarcRecord, level: int = GZIP_LEVEL) -> bytes:
    """The record serialised (digests filled in) as one gzip member of its own.

    One member per record is what lets a reader seek to a record's offset and
    decompress just that record.
    """
    plain = BytesIO()
    WARCWriter(plain, gzip=False, warc_version=record.rec_headers.protocol or WARC_VERSION).write_record(record)
    compressor = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    return compressor.compress(plain.getvalue()) + compressor.flush()


def record_id(record: ArcWarcRecord) -> str:
    """The record's ``WARC-Record-ID`` (``<urn:uuid:...>``)."""
    return record.rec_headers.get_header("WARC-Record-ID")


def _text(headers: list[Header]) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1")) for name, value in headers
    ]


def _warc_headers(
    builder: RecordBuilder, record_type: str, date: datetime, extra: list[tuple[str, str]]
) -> StatusAndHeaders:
    """WARC named fields in the customary order: type, id, date, then the rest."""
    version = builder_version(builder)
    fields = [
        ("WARC-Type", record_type),
        ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"),
        ("WARC-Date", warc_date(date, version)),
        *extra,
    ]
    return StatusAndHeaders("", fields, protocol=version.line)


def _record(
    builder: RecordBuilder,
    record_type: str,
    warc_headers: StatusAndHeaders,
    body: bytes,
    http: StatusAndHeaders | None = None,
) -> ArcWarcRecord:
    """A record whose digests warcio computes as it writes (block and payload)."""
    return builder.create_warc_record(
        "",
        record_type,
        payload=BytesIO(body),
        length=len(body),
        warc_headers=warc_headers,
        http_headers=http,
    )
