"""How an exchange becomes HTTP blocks and WARC records (no network, no Scrapy)."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from archiver.warc.exchange import (
    HttpExchange,
    host_value,
    request_headers,
    request_line,
    response_headers,
    status_line,
)
from archiver.warc.records import (
    record_id,
    request_record,
    response_record,
    warcinfo_record,
)

WHEN = datetime(2026, 11, 25, 14, 30, 0, 123456, tzinfo=UTC)


def exchange(**changes: object) -> HttpExchange:
    values: dict = {
        "url": "http://blog.example.org:8080/2026/post/?p=1#frag",
        "method": "GET",
        "request_headers": [(b"User-Agent", b"probe/1")],
        "request_body": b"",
        "status": 200,
        "response_headers": [(b"Content-Type", b"text/html")],
        "body": b"<p>hello</p>",
        "fetched_at": WHEN,
        "ip_address": "192.0.2.7",
    }
    values.update(changes)
    return HttpExchange(**values)


def test_request_line_uses_path_and_query_without_fragment() -> None:
    assert request_line(exchange()) == "GET /2026/post/?p=1 HTTP/1.1"
    assert request_line(exchange(url="https://a.example")) == "GET / HTTP/1.1"


def test_host_header_is_added_with_port_only_when_not_default() -> None:
    assert request_headers(exchange())[0] == (b"Host", b"blog.example.org:8080")
    assert host_value("https://a.example:443/x") == b"a.example"
    assert host_value("http://[::1]:81/") == b"[::1]:81"
    sent = exchange(request_headers=[(b"Host", b"given")])
    assert [v for n, v in request_headers(sent) if n == b"Host"] == [b"given"]


def test_request_body_gets_its_length() -> None:
    post = exchange(method="POST", request_body=b"a=1&b=2")
    assert (b"Content-Length", b"7") in request_headers(post)
    assert not [n for n, _ in request_headers(exchange()) if n == b"Content-Length"]


def test_status_line_has_the_standard_reason() -> None:
    assert status_line(exchange(status=404)) == "404 Not Found"
    assert status_line(exchange(status=599)) == "599"


def test_transfer_encoding_is_renamed_and_length_added() -> None:
    chunked = exchange(response_headers=[(b"Transfer-Encoding", b"chunked")])
    assert response_headers(chunked) == [
        (b"X-Archive-Orig-Transfer-Encoding", b"chunked"),
        (b"Content-Length", b"12"),
    ]


def test_wrong_content_length_is_kept_as_original_and_corrected() -> None:
    short = exchange(response_headers=[(b"Content-Length", b"99"), (b"Server", b"x")])
    assert response_headers(short) == [
        (b"X-Archive-Orig-Content-Length", b"99"),
        (b"Server", b"x"),
        (b"Content-Length", b"12"),
    ]
    right = exchange(response_headers=[(b"Content-Length", b"12")])
    assert response_headers(right) == [(b"Content-Length", b"12")]


def test_bodyless_responses_keep_their_headers() -> None:
    headers = [(b"Content-Length", b"5000")]
    for case in (exchange(method="HEAD"), exchange(status=304), exchange(status=204)):
        bodyless = HttpExchange(
            **{**case.__dict__, "response_headers": headers, "body": b""}
        )
        assert response_headers(bodyless) == headers


def written(*records: object) -> list:
    """Write records to memory and read them back with warcio."""
    out = BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
    for record in records:
        writer.write_record(record)
    out.seek(0)
    result = []
    for record in ArchiveIterator(out, check_digests=True):
        result.append((record, record.raw_stream.read()))
    return result


def test_records_link_and_carry_fetch_facts() -> None:
    builder = WARCWriter(BytesIO(), warc_version="WARC/1.1")
    response = response_record(builder, exchange(truncated="disconnect"))
    request = request_record(builder, exchange(), record_id(response))
    (resp, body), (req, _) = written(response, request)
    assert resp.rec_headers.get_header("WARC-Date") == "2026-11-25T14:30:00.123456Z"
    assert resp.rec_headers.get_header("WARC-IP-Address") == "192.0.2.7"
    assert resp.rec_headers.get_header("WARC-Truncated") == "disconnect"
    assert resp.rec_headers.get_header("WARC-Target-URI") == exchange().url
    assert req.rec_headers.get_header("WARC-Concurrent-To") == record_id(response)
    assert req.rec_headers.get_header("WARC-Date") == resp.rec_headers.get_header(
        "WARC-Date"
    )
    assert body == b"<p>hello</p>"
    assert resp.rec_headers.protocol == "WARC/1.1"
    assert [h[0] for h in resp.rec_headers.headers[:3]] == [
        "WARC-Type",
        "WARC-Record-ID",
        "WARC-Date",
    ]


def test_header_bytes_are_written_exactly() -> None:
    odd = exchange(
        response_headers=[(b"X-Name", b"caf\xe9 \xc3\xa9"), (b"set-cookie", b"a=1")]
    )
    builder = WARCWriter(BytesIO(), warc_version="WARC/1.1")
    out = BytesIO()
    WARCWriter(out, gzip=False, warc_version="WARC/1.1").write_record(
        response_record(builder, odd)
    )
    assert b"\r\nX-Name: caf\xe9 \xc3\xa9\r\nset-cookie: a=1\r\n" in out.getvalue()


def test_warcinfo_lists_non_empty_fields() -> None:
    builder = WARCWriter(BytesIO(), warc_version="WARC/1.1")
    info = warcinfo_record(
        builder, "f.warc.gz", {"software": "x/1", "operator": ""}, WHEN
    )
    ((record, body),) = written(info)
    assert record.rec_type == "warcinfo"
    assert record.rec_headers.get_header("WARC-Filename") == "f.warc.gz"
    assert body == b"software: x/1\r\n"
