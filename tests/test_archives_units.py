"""The pieces of archive crawling on their own: dates, sources, CDX answers, the choice of
a capture, the options' checks, and the WARC records of a copy."""

from __future__ import annotations

import gzip
import io
import json
from datetime import UTC, datetime

import pytest
from scrapy.settings import Settings
from warcio.archiveiterator import ArchiveIterator

from archiver import settings as project_settings
from archiver.archives import commoncrawl
from archiver.archives.capture import RANGE, Capture
from archiver.archives.cdx import CdxRow, Filters, parse_cdx, query_params
from archiver.archives.copies import COPY, ERROR, HOP, CopyError, answer_kind, copy_records, original_of, read_range_record
from archiver.archives.finder import Listing
from archiver.archives.index import CaptureIndex, scope_of, url_key
from archiver.archives.options import ArchiveOptions, crawl_name, user_agent
from archiver.archives.sources import IA, PYWB, parse_source
from archiver.archives.timestamps import bound, from_http_date, iso
from archiver.errors import InputError
from archiver.warc.exchange import HttpExchange
from tests.archive_servers import write_commoncrawl_warc
from tests.archived_blog import Page


def settings(**values: object) -> Settings:
    base = Settings({name: getattr(project_settings, name) for name in dir(project_settings) if name.isupper()})
    base.setdict(values, priority="cmdline")
    return base


# --- dates ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "upper", "expected"), [
    ("2011", False, "20110101000000"), ("2012", True, "20121231235959"), ("2012-02", True, "20120229235959"),
    ("2011-09-20", True, "20110920235959"), ("2011-09-20T14:30", False, "20110920143000"),
    ("20110920143000", True, "20110920143000"), ("2011-09-20T14:30:00+02:00", False, "20110920123000"),
])
def test_dates_become_bounds(text: str, upper: bool, expected: str) -> None:
    assert bound(text, upper=upper) == expected


@pytest.mark.parametrize("text", ["yesterday", "2011-13-01", "2011-02-30", "201"])
def test_bad_dates_are_refused_with_their_name(text: str) -> None:
    with pytest.raises(InputError, match="^until: "):
        bound(text, upper=True, name="until")


def test_memento_dates() -> None:
    assert from_http_date("Sat, 15 Oct 2011 12:00:04 GMT") == "20111015120004"
    assert from_http_date("not a date") is None
    assert iso("20111015120004") == "2011-10-15T12:00:04Z"


# --- sources ---------------------------------------------------------------------------------------
def test_named_archives() -> None:
    wayback = parse_source("wayback")
    assert (wayback.dialect, wayback.replay_url("20110920000000", "http://a.org/")) == (
        IA, "https://web.archive.org/web/20110920000000id_/http://a.org/")
    cc = parse_source("commoncrawl:CC-MAIN-2013-20")
    assert cc.cdx == ("https://index.commoncrawl.org/CC-MAIN-2013-20-index",) and cc.warcs and not cc.replay
    assert cc.warc_url("crawl-data/x.warc.gz") == "https://data.commoncrawl.org/crawl-data/x.warc.gz"
    assert parse_source("arquivo").dialect == PYWB and parse_source("ia").name == "wayback"


def test_cdx_servers_by_url() -> None:
    ia = parse_source("http://127.0.0.1:8000/cdx/search/cdx")
    assert (ia.dialect, ia.replay) == (IA, "http://127.0.0.1:8000/web/")
    pywb = parse_source("http://127.0.0.1:8080/my-web/cdx")
    assert (pywb.dialect, pywb.replay, pywb.loopback) == (PYWB, "http://127.0.0.1:8080/my-web/", True)
    mirror = parse_source("https://index.example.org/CC-MAIN-2013-20-index", warcs="https://mirror.example.org")
    assert (mirror.warcs, mirror.replay) == ("https://mirror.example.org/", None)


@pytest.mark.parametrize(("value", "message"), [
    ("nowhere", "unknown archive"), ("wayback:CC-MAIN-2013-20", "only commoncrawl"),
    ("https://index.example.org/CC-MAIN-2013-20-index", "no replay address"), ("ftp://x/cdx", "not an http"),
])
def test_bad_sources_are_refused(value: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_source(value)


def test_commoncrawl_collections_in_range() -> None:
    body = json.dumps([{"id": "CC-MAIN-2013-20", "cdx-api": "a"}, {"id": "CC-MAIN-2012", "cdx-api": "b"},
                       {"id": "CC-MAIN-2024-10", "cdx-api": "c", "from": "2024-02-20T00:00:00",
                        "to": "2024-03-05T00:00:00"}]).encode()
    assert commoncrawl.overlapping(body, "20110101000000", "20130601000000") == ["b", "a"]
    assert commoncrawl.overlapping(body, "20240301000000", None) == ["c"]


# --- CDX answers -----------------------------------------------------------------------------------
IA_JSON = json.dumps([
    ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
    ["org,example)/a", "20110101000000", "http://example.org/a", "text/html", "200", "D1", "100"],
    ["org,example)/a", "20120101000000", "http://example.org/a", "warc/revisit", "-", "D1", "90"],
    [], ["org%2Cexample%29%2Fb+20110101000000"]]).encode()


def test_ia_json_with_resume_key() -> None:
    answer = parse_cdx(IA_JSON)
    assert [row.timestamp for row in answer.rows] == ["20110101000000", "20120101000000"]
    assert answer.rows[1].revisit and answer.resume_key == "org%2Cexample%29%2Fb+20110101000000"


def test_text_and_pywb_answers() -> None:
    text = parse_cdx(b"org,example)/a 20110101000000 http://example.org/a text/html 200 D1 100\n\nKEY")
    assert text.rows[0].url == "http://example.org/a" and text.resume_key == "KEY"
    line = {"urlkey": "org,example)/a", "timestamp": "20110101", "url": "http://example.org/a", "mime": "text/html",
            "status": "200", "offset": "10", "length": "20", "filename": "crawl-data/x.warc.gz"}
    pywb = parse_cdx(json.dumps(line).encode() + b"\n" + json.dumps(line).encode())
    cdxj = parse_cdx(b"org,example)/a 20110101000000 " + json.dumps(line).encode())
    assert [(r.timestamp, r.offset, r.length, r.filename) for r in pywb.rows + cdxj.rows] == [
        ("20110101000000", 10, 20, "crawl-data/x.warc.gz")] * 3
    assert parse_cdx(b'{"pages": 3, "pageSize": 5, "blocks": 13}').pages == 3
    with pytest.raises(ValueError):
        parse_cdx(b"<!DOCTYPE html><html>Rate limited</html>")


def test_queries_in_each_dialect() -> None:
    filters = Filters(start="20110101000000", end="20121231235959", collapse="digest")
    ia = dict(query_params(parse_source("wayback"), "example.org/", "host", filters, page_size=50, resume_key="K"))
    assert (ia["limit"], ia["showResumeKey"], ia["resumeKey"], ia["from"]) == ("50", "true", "K", "20110101000000")
    assert "collapse" not in ia  # rows of different URLs touch in a host listing: collapsed here, not there
    pywb = query_params(parse_source("arquivo"), "example.org/", "host", filters, count_pages=True)
    assert ("showNumPages", "true") in pywb and any(v.startswith("~status:") for k, v in pywb if k == "filter")


def test_filters_apply_whatever_the_server_did() -> None:
    filters = Filters(start="20110101000000", end="20121231235959")
    assert filters.keeps(CdxRow("u", "20110505000000", "301", "text/html"))
    assert filters.keeps(CdxRow("u", "20110505000000", "-", "warc/revisit"))
    assert not filters.keeps(CdxRow("u", "20110505000000", "404", "text/html"))
    assert not filters.keeps(CdxRow("u", "20110505000000", "200", "image/png"))
    assert not filters.keeps(CdxRow("u", "20130101000000", "200", "text/html"))


# --- choosing a capture ------------------------------------------------------------------------------
def test_url_keys_ignore_spelling() -> None:
    assert url_key("https://www.Example.org:443/a?b=2&a=1#x") == url_key("http://example.org/a?a=1&b=2")
    assert url_key("http://example.org:8080/a") != url_key("http://example.org/a")


def test_nearest_capture_and_coverage() -> None:
    index = CaptureIndex(Filters())
    rows = [CdxRow("http://example.org/p/", stamp, "200", "text/html", digest=digest)
            for stamp, digest in (("20110101000000", "A"), ("20110301000000", "A"), ("20110601000000", "B"))]
    index.add([*rows, CdxRow("http://example.org/p/", "20110401000000", "-", "warc/revisit")],
              scope_of("http://example.org/", "host"))
    assert index.nearest("https://www.example.org/p/", "20110315000000").timestamp == "20110301000000"
    assert index.nearest("http://example.org/p/", "20110405000000").timestamp == "20110401000000"
    assert index.nearest("http://example.org/p/", "20110405000000", readable=True).timestamp == "20110301000000"
    assert index.covers("http://example.org/other/") and not index.covers("http://other.org/")
    assert index.nearest("http://example.org/other/", "20110101000000") is None
    index.filters = Filters(collapse="digest")
    assert [r.timestamp for r in index.captures("http://example.org/p/")] == [
        "20110101000000", "20110401000000", "20110601000000"]


def test_what_is_listed_up_front() -> None:
    assert Listing.for_start("http://blog.example.org/2011/09/16/post/", "none") == Listing(
        "blog.example.org/2011/09/16/post/", "prefix")
    assert Listing.for_start("http://blog.example.org/", "site") == Listing("blog.example.org/", "host")
    assert Listing.for_start("http://blog.example.org/", "site", "/2011/") == Listing("blog.example.org/2011/", "prefix")


# --- options ---------------------------------------------------------------------------------------------
def test_options_from_arguments_over_settings() -> None:
    options = ArchiveOptions.read({"archive": "wayback", "from": "2011", "until": "2012-12-31"},
                                  settings(ARCHIVER_ARCHIVE="arquivo", ARCHIVER_CONTACT="me@example.org"))
    assert options is not None and options.source.name == "wayback"
    assert (options.filters.start, options.filters.end, options.reference) == (
        "20110101000000", "20121231235959", "20121231235959")
    assert options.user_agent.endswith("; me@example.org)")
    assert options.source.cdx_interval == 10.0  # the Wayback Machine's own pace
    assert ArchiveOptions.read({}, settings()) is None
    assert crawl_name("http://security.blogs.cnn.com/", options.source) == "security.blogs.cnn.com-wayback"


@pytest.mark.parametrize(("arguments", "values", "message"), [
    ({"archive": "wayback", "from": "2012", "until": "2011"}, {}, "is after until"),
    ({"from": "2012"}, {}, "only applies to a crawl from a web archive"),
    ({"archive": "wayback"}, {"ARCHIVER_ARCHIVE_COLLAPSE": "sometimes"}, "COLLAPSE"),
    ({"archive": "wayback"}, {"ARCHIVER_ARCHIVE_STATUS": "([23"}, "not a regular expression"),
    ({"archive": "wayback"}, {"ARCHIVER_ARCHIVE_PAUSE": "-1"}, "must not be negative"),
    ({"archive": "commoncrawl"}, {}, "name a collection"),
])
def test_bad_options_stop_the_crawl_with_one_line(arguments: dict, values: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        ArchiveOptions.read(arguments, settings(**values))


def test_user_agent_names_the_operator_once() -> None:
    agent = user_agent(settings(ARCHIVER_CONTACT="me@example.org"))
    assert agent.count("me@example.org") == 1
    assert user_agent(settings(USER_AGENT=agent, ARCHIVER_CONTACT="me@example.org")) == agent


# --- WARC records of copies ----------------------------------------------------------------------------
CAPTURE = Capture("wayback", "http://blog.example.org/a/", "20111015120004",
                  "https://web.archive.org/web/20111015120004id_/http://blog.example.org/a/")


def exchange(status: int, headers: list[tuple[bytes, bytes]], body: bytes = b"<html>page</html>",
             url: str = CAPTURE.fetch_url) -> HttpExchange:
    return HttpExchange(url=url, method="GET", request_headers=[(b"User-Agent", b"probe")], request_body=b"",
                        status=status, response_headers=headers, body=body, fetched_at=datetime.now(UTC))


def records(data: bytes) -> list:
    return [(r.rec_type, r.rec_headers, r.http_headers) for r in ArchiveIterator(io.BytesIO(data))]


def test_a_replayed_capture_is_a_response_of_the_original_url() -> None:
    memento = (b"Memento-Datetime", b"Sat, 15 Oct 2011 12:00:04 GMT")
    built = copy_records({"archiver_capture": CAPTURE.to_meta()}, exchange(200, [(b"Content-Type", b"text/html"),
                                                                                memento]))
    (kind, response, http), (kind2, request, request_http) = records(b"".join(built.members))
    assert (kind, kind2) == ("response", "request")
    assert response.get_header("WARC-Target-URI") == CAPTURE.url
    assert response.get_header("WARC-Date") == built.date == "2011-10-15T12:00:04Z"
    assert response.get_header("WARC-Source-URI") == CAPTURE.fetch_url
    assert http.get_header("Memento-Datetime")  # the archive's answer kept
    assert request.get_header("WARC-Target-URI") == CAPTURE.fetch_url
    assert request.get_header("WARC-Concurrent-To") == built.record_id == response.get_header("WARC-Record-ID")
    assert (request_http.protocol, request_http.get_header("Host")) == ("GET", "web.archive.org")
    assert request_http.statusline.startswith("/web/20111015120004id_/")


def test_a_captured_redirect_points_at_the_original_target() -> None:
    location = b"https://web.archive.org/web/20111015120004id_/http://blog.example.org/b/"
    built = copy_records({"archiver_capture": CAPTURE.to_meta()},
                         exchange(301, [(b"Location", location), (b"Memento-Datetime", b"Sat, 15 Oct 2011 12:00:04 GMT")],
                                  b""))
    (_, _, http), _ = records(b"".join(built.members))
    assert http.get_header("Location") == "http://blog.example.org/b/"
    assert http.get_header("X-Archive-Src-Location") == location.decode()


def test_what_an_archive_answer_is() -> None:
    gate = [(b"Location", b"https://web.archive.org/web/20111015120000id_/http://www.blog.example.org/a/")]
    assert answer_kind(CAPTURE, 302, gate) == HOP
    assert copy_records({"archiver_capture": CAPTURE.to_meta()}, exchange(302, gate, b"")) is None
    assert answer_kind(CAPTURE, 404, []) == ERROR  # the archive's own error page
    assert answer_kind(CAPTURE, 404, [(b"Memento-Datetime", b"Sat, 15 Oct 2011 12:00:04 GMT")]) == COPY
    assert copy_records({}, exchange(200, [])) is None  # not an archive fetch
    assert original_of("http://blog.example.org/2011/09/03/post/") is None


def test_a_record_read_by_range_is_kept_as_fetched(tmp_path) -> None:  # noqa: ANN001
    page = Page("http://blog.example.org/a/", datetime(2011, 10, 15, 12, 0, 4, tzinfo=UTC), 200,
                [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], gzip.compress(b"<html>a</html>"))
    warc = write_commoncrawl_warc(tmp_path / "cc.warc.gz", [page]).read_bytes()
    offsets = [(record.rec_type, it.get_record_offset()) for it in [ArchiveIterator(io.BytesIO(warc))]
               for record in it]
    (offset,) = [where for kind, where in offsets if kind == "response"]
    end = next(where for kind, where in offsets if where > offset)
    member = warc[offset:end]
    capture = Capture("commoncrawl", page.url, "20111015120004", "https://data.example.org/cc.warc.gz", RANGE,
                      "cc.warc.gz", offset, len(member))
    fetched = exchange(206, [(b"Content-Range", f"bytes {offset}-{end - 1}/{len(warc)}".encode())], member,
                       url=capture.fetch_url)
    built = copy_records({"archiver_capture": capture.to_meta()}, fetched)
    assert built.members[0] == member and built.date == "2011-10-15T12:00:04Z"
    (_, response, _), (kind, metadata, _), (kind2, _, _) = records(b"".join(built.members))
    assert (kind, kind2) == ("metadata", "request")
    assert metadata.get_header("WARC-Refers-To") == built.record_id == response.get_header("WARC-Record-ID")
    record = read_range_record(member)
    assert record.payload == b"<html>a</html>" and ("X-Crawler-Content-Encoding", "gzip") in record.headers
    with pytest.raises(CopyError, match="not exactly one gzip member"):
        read_range_record(member[:-10])
    with pytest.raises(CopyError, match="not 206"):
        copy_records({"archiver_capture": capture.to_meta()},
                     exchange(200, [], member, url=capture.fetch_url))
