"""End to end: a real Scrapy crawl of a local site with the WARC extension on.

The WARC files are checked with warcio's own reader, ``warcio check``, ``warcio index``
and ``cdxj-indexer``, the tools downstream users will run on them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
from base64 import b32encode
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from tests.replay import site
from tests.replay.crawl import run_crawl

BIN = Path(sys.executable).parent
NAME = re.compile(r"^blog-archiver-\d{14}-\d{5}-[A-Za-z0-9.-]+-\d+\.warc\.gz$")


class Crawl:
    """What one crawl left behind: its WARC files (parsed once), items and log."""

    def __init__(self, base: str, output: Path, log: str) -> None:
        self.base = base
        self.output = output
        self.log = log
        self.warc_dir = output / "probe" / "warc"
        self.files = sorted(self.warc_dir.glob("*.warc.gz"))
        self.records = {path: read_records(path) for path in self.files}
        items_file = output / "items.jsonl"
        lines = items_file.read_text().splitlines() if items_file.exists() else []
        self.items = [json.loads(line) for line in lines]

    def all_records(self) -> list[dict]:
        return [record for records in self.records.values() for record in records]

    def responses(self, path: str) -> list[dict]:
        url = self.base + path
        return [
            r for r in self.all_records() if r["type"] == "response" and r["uri"] == url
        ]


def read_records(path: Path) -> list[dict]:
    """Every record of a file as a dict: WARC headers, HTTP head, stored and decoded body."""
    records = []
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            raw = (
                record.raw_stream.read()
            )  # before the offset: asking for it skips the body
            records.append(record_dict(record, raw, iterator.get_record_offset()))
    return records


def record_dict(record: ArcWarcRecord, raw: bytes, offset: int) -> dict:
    headers = record.rec_headers
    return {
        "type": record.rec_type,
        "offset": offset,
        "id": headers.get_header("WARC-Record-ID"),
        "uri": headers.get_header("WARC-Target-URI"),
        "date": headers.get_header("WARC-Date"),
        "ip": headers.get_header("WARC-IP-Address"),
        "concurrent_to": headers.get_header("WARC-Concurrent-To"),
        "payload_digest": headers.get_header("WARC-Payload-Digest"),
        "http": record.http_headers,
        "raw": raw,
    }


def crawl(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    path: str = "/",
    **settings: object,
) -> Crawl:
    output = tmp_path_factory.mktemp(name)
    with site.serve() as base:
        result = run_crawl(base + path, output, **settings)
    return Crawl(base, output, result.stderr)


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    return crawl(tmp_path_factory, "warc")


@pytest.fixture(scope="module")
def rotated(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    return crawl(
        tmp_path_factory,
        "rotated",
        ARCHIVER_WARC_MAX_SIZE=1,
        ARCHIVER_WARC_PREFIX="probe-run",
    )


def test_files_are_named_and_finished(done: Crawl) -> None:
    assert len(done.files) == 1
    assert NAME.match(done.files[0].name), done.files[0].name
    assert list(done.warc_dir.glob("*.open")) == []


def test_warcinfo_comes_first_and_describes_the_crawl(done: Crawl) -> None:
    first = done.records[done.files[0]][0]
    assert first["type"] == "warcinfo"
    fields = dict(
        line.split(": ", 1) for line in first["raw"].decode().splitlines() if line
    )
    assert fields["software"].startswith("blog-archiver/")
    assert fields["format"] == "WARC File Format 1.1"
    assert fields["robots"] == "obey"
    assert fields["operator"] == "archivist@example.org"
    assert fields["http-header-user-agent"] == "warc-probe/1.0"
    assert fields["scrapy-setting-ROBOTSTXT_OBEY"] == "True"
    assert "scrapy-setting-DOWNLOAD_MAXSIZE" in fields
    assert fields["hostname"]
    assert [r["type"] for r in done.records[done.files[0]]].count("warcinfo") == 1


def test_every_fetch_is_a_linked_request_response_pair(done: Crawl) -> None:
    records = done.all_records()
    by_id = {r["id"]: r for r in records}
    requests = [r for r in records if r["type"] == "request"]
    responses = [r for r in records if r["type"] == "response"]
    assert (
        len(requests) == len(responses) == len(site.FETCHED_PATHS) + 1
    )  # /error retried
    for request in requests:
        response = by_id[request["concurrent_to"]]
        assert response["type"] == "response"
        assert (response["uri"], response["date"]) == (request["uri"], request["date"])
        assert response["ip"] == "127.0.0.1"
    for path in site.FETCHED_PATHS:
        assert done.responses(path), f"{path} not archived"
    assert len(done.responses("/error")) == 2
    assert done.responses("/private") == []


def test_robots_redirect_and_errors_are_archived(done: Crawl) -> None:
    def status(path: str) -> list[str]:
        return [r["http"].get_statuscode() for r in done.responses(path)]

    assert status("/robots.txt") == ["200"]
    assert done.responses("/robots.txt")[0]["raw"] == site.ROBOTS
    assert status("/redirect") == ["301"]
    assert done.responses("/redirect")[0]["http"].get_header("Location") == "/target"
    assert status("/missing") == ["404"]
    assert status("/error") == ["500", "500"]
    assert done.responses("/missing")[0]["raw"] == site.MISSING


def test_gzip_page_is_stored_as_received(done: Crawl) -> None:
    (record,) = done.responses("/gzip")
    assert record["http"].get_header("Content-Encoding") == "gzip"
    assert record["raw"][:2] == b"\x1f\x8b"
    assert gzip.decompress(record["raw"]) == site.GZIP_HTML
    assert record["http"].get_header("Content-Length") == str(len(record["raw"]))


def test_chunked_page_is_stored_unframed_with_its_length(done: Crawl) -> None:
    (record,) = done.responses("/chunked")
    assert record["raw"] == site.CHUNKED_HTML
    assert record["http"].get_header("Transfer-Encoding") is None
    assert record["http"].get_header("Content-Length") == str(len(site.CHUNKED_HTML))


def test_payload_digest_is_of_the_stored_body(done: Crawl) -> None:
    for record in done.all_records():
        if record["type"] in ("response", "request"):
            digest = b32encode(hashlib.sha1(record["raw"]).digest()).decode()
            assert record["payload_digest"] == f"sha1:{digest}", record["uri"]


def test_request_record_is_what_scrapy_sent(done: Crawl) -> None:
    (response,) = done.responses("/gzip")
    (request,) = [r for r in done.all_records() if r["concurrent_to"] == response["id"]]
    http = request["http"]
    assert f"{http.protocol} {http.statusline}" == "GET /gzip HTTP/1.1"
    assert http.get_header("Host") == done.base.removeprefix("http://")
    assert http.get_header("User-Agent") == "warc-probe/1.0"
    assert "gzip" in http.get_header("Accept-Encoding")
    assert http.get_header("Referer") == done.base + "/"


def test_warcio_check_passes(done: Crawl) -> None:
    result = subprocess.run(
        [str(BIN / "warcio"), "check", "-v", *map(str, done.files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("digest pass") == len(done.all_records())
    assert "fail" not in result.stdout


def test_warcio_index_lists_every_record(done: Crawl) -> None:
    result = subprocess.run(
        [
            str(BIN / "warcio"),
            "index",
            "-f",
            "warc-type,warc-target-uri,http:status,offset",
            *map(str, done.files),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [int(row["offset"]) for row in rows] == [
        r["offset"] for r in done.all_records()
    ]
    statuses = {
        row["warc-target-uri"]: row["http:status"]
        for row in rows
        if "http:status" in row
    }
    assert statuses[done.base + "/redirect"] == "301"


def test_cdxj_indexer_reads_the_files(done: Crawl) -> None:
    result = subprocess.run(
        [str(BIN / "cdxj-indexer"), *map(str, done.files)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [line.split(" ", 2) for line in result.stdout.splitlines()]
    entries = [json.loads(fields) for _, _, fields in lines]
    responses = [
        e for e in entries if "status" in e and e.get("mime") != "warc/request"
    ]
    assert {e["url"] for e in responses} == {done.base + p for p in site.FETCHED_PATHS}
    offsets = {r["offset"] for r in done.all_records() if r["type"] == "response"}
    assert {int(e["offset"]) for e in responses} <= offsets


def test_items_point_at_their_response_record(done: Crawl) -> None:
    fetched = [item for item in done.items if not item.get("failed")]
    assert len(fetched) == 7  # every page reaching a callback (not robots, not 301)
    for item in fetched:
        pointer = item["archiver_warc"]
        with (done.warc_dir / pointer["warc_file"]).open("rb") as stream:
            stream.seek(pointer["warc_offset"])
            record = next(iter(ArchiveIterator(stream)))
            headers = record.rec_headers
            assert headers.get_header("WARC-Record-ID") == pointer["warc_record_id"]
            assert headers.get_header("WARC-Target-URI") == item["url"]
            assert headers.get_header("WARC-Date") == pointer["fetched_at"]


def test_redirected_item_points_at_the_final_response(done: Crawl) -> None:
    (item,) = [i for i in done.items if i["url"].endswith("/target")]
    (target,) = done.responses("/target")
    assert item["archiver_warc"]["warc_record_id"] == target["id"]


def test_failed_fetch_after_redirect_carries_no_pointer(done: Crawl) -> None:
    (failed,) = [item for item in done.items if item.get("failed")]
    assert failed["url"] == done.base + site.DEAD_PATH
    assert done.responses(site.DEAD_PATH) == []
    assert failed["archiver_warc"] is None  # not the pointer copied from the 301
    assert done.responses("/gone")[0]["http"].get_statuscode() == "301"


def test_rotation_starts_a_new_valid_file_per_exchange(rotated: Crawl) -> None:
    assert len(rotated.files) == len(site.FETCHED_PATHS) + 1
    assert list(rotated.warc_dir.glob("*.open")) == []
    assert all(path.name.startswith("probe-run-") for path in rotated.files)
    serials = sorted(int(path.name.split("-")[3]) for path in rotated.files)
    assert serials == list(range(len(rotated.files)))
    for path, records in rotated.records.items():
        assert [r["type"] for r in records] == ["warcinfo", "response", "request"], path
    check = [str(BIN / "warcio"), "check", *map(str, rotated.files)]
    result = subprocess.run(check, check=False)
    assert result.returncode == 0
    for item in rotated.items:
        if item.get("failed"):
            continue
        pointer = item["archiver_warc"]
        records = rotated.records[rotated.warc_dir / pointer["warc_file"]]
        assert records[1]["id"] == pointer["warc_record_id"]
        assert records[1]["offset"] == pointer["warc_offset"]


def test_truncated_body_is_marked_and_its_length_corrected(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    short = crawl(tmp_path_factory, "short", "/short", DOWNLOAD_FAIL_ON_DATALOSS=False)
    (record,) = short.responses("/short")
    assert record["raw"] == site.SHORT_SENT
    with short.files[0].open("rb") as stream:
        stream.seek(record["offset"])
        headers = next(iter(ArchiveIterator(stream))).rec_headers
    assert headers.get_header("WARC-Truncated") == "disconnect"
    http = record["http"]
    assert http.get_header("Content-Length") == str(len(site.SHORT_SENT))
    assert http.get_header("X-Archive-Orig-Content-Length") == str(site.SHORT_PROMISED)


AIOHTTP_HANDLER = "scrapy.core.downloader.handlers._aiohttp.AiohttpDownloadHandler"


def test_transfer_encoding_passed_through_by_a_handler_is_renamed(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Scrapy's aiohttp handler keeps the headers Twisted drops, Transfer-Encoding too."""
    pytest.importorskip(
        "aiohttp", reason="Scrapy's aiohttp download handler needs aiohttp"
    )
    handlers = json.dumps({"http": AIOHTTP_HANDLER})
    done = crawl(tmp_path_factory, "aiohttp", DOWNLOAD_HANDLERS=handlers)
    (record,) = done.responses("/chunked")
    http = record["http"]
    assert http.get_header("X-Archive-Orig-Transfer-Encoding") == "chunked"
    assert http.get_header("Transfer-Encoding") is None
    assert http.get_header("Content-Length") == str(len(site.CHUNKED_HTML))
    assert record["raw"] == site.CHUNKED_HTML
    (zipped,) = done.responses("/gzip")
    assert gzip.decompress(zipped["raw"]) == site.GZIP_HTML
    check = [str(BIN / "warcio"), "check", *map(str, done.files)]
    assert subprocess.run(check, check=False).returncode == 0


def test_writer_failure_is_logged_and_counted_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "warc").write_text("a file where the WARC folder should be")
    with site.serve() as base:
        result = run_crawl(base + "/", tmp_path)
    items = [
        json.loads(line) for line in (tmp_path / "items.jsonl").read_text().splitlines()
    ]
    assert len(items) == 8
    assert all(item["archiver_warc"] is None for item in items)
    assert "Could not archive" in result.stderr
    assert "'archiver/warc/errors': 11" in result.stderr


def test_non_http_responses_are_not_archived(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(site.TARGET_HTML)
    run_crawl(page.as_uri(), tmp_path, ROBOTSTXT_OBEY=False)
    (item,) = [
        json.loads(line) for line in (tmp_path / "items.jsonl").read_text().splitlines()
    ]
    assert item["url"] == page.as_uri()
    assert item["archiver_warc"] is None
    assert not list(tmp_path.glob("*/warc/*.warc.gz"))


def test_disabled_writes_nothing(tmp_path: Path) -> None:
    with site.serve() as base:
        run_crawl(base + "/", tmp_path, ARCHIVER_WARC_ENABLED=False)
    assert not (tmp_path / "probe" / "warc").exists()
    assert len((tmp_path / "items.jsonl").read_text().splitlines()) == 8
