"""Random bytes and damaged WARC-like streams never crash the WARC reader.

The reader must report damage (file + offset) and go on; an exception escaping it would
lose every later record of a long archive. Hypothesis builds inputs three ways: pure
noise, real WARC records with bytes flipped, cut or spliced, and made-up header blocks.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.warc.reader import ArchiveReader, ReadReport, expand_inputs


def _warc(gzip: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for n in range(3):
        html = f"<html><head><title>Post {n}</title></head><body><p>Text {n}</p></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"http://blog.test/2024/01/0{n}/post/", "response", payload=io.BytesIO(html), http_headers=headers))
    return out.getvalue()


VALID = {True: _warc(True), False: _warc(False)}


@st.composite
def damaged_warcs(draw: st.DrawFn) -> bytes:
    data = bytearray(VALID[draw(st.booleans())])
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=200)) + data[cut:]
    return bytes(data)


header_line = st.tuples(
    st.sampled_from(["WARC-Type", "Content-Length", "WARC-Target-URI", "WARC-Date", "Content-Type", "X"]),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30),
).map(lambda pair: f"{pair[0]}: {pair[1]}")


@st.composite
def made_up_records(draw: st.DrawFn) -> bytes:
    version = draw(st.sampled_from(["WARC/1.0", "WARC/1.1", "WARC/0.9", "ARC", "HTTP/1.1", ""]))
    lines = draw(st.lists(header_line, max_size=8))
    body = draw(st.binary(max_size=300))
    return ("\r\n".join([version, *lines]) + "\r\n\r\n").encode() + body + b"\r\n\r\n"


def _read_all(data: bytes, suffix: str) -> ReadReport:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        report = ReadReport()
        for record in ArchiveReader(expand_inputs([path]), report):
            assert record.meta.offset >= 0
        return report


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([".warc", ".warc.gz", ".arc.gz"]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    _read_all(data, suffix)


@FUZZ
@given(damaged_warcs(), st.sampled_from([".warc", ".warc.gz"]))
def test_damaged_real_records(data: bytes, suffix: str) -> None:
    _read_all(data, suffix)


@FUZZ
@given(st.lists(made_up_records(), min_size=1, max_size=4))
def test_made_up_header_blocks(records: list[bytes]) -> None:
    _read_all(b"".join(records), ".warc")


def test_undamaged_input_reads_every_record() -> None:
    """The fuzz cases start from inputs the reader reads completely."""
    for gzip, data in VALID.items():
        report = ReadReport()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / ("a.warc.gz" if gzip else "a.warc")
            path.write_bytes(data)
            titles = [r.meta.target_uri for r in ArchiveReader(expand_inputs([path]), report)]
        assert len(titles) == 3 and not report.partial
