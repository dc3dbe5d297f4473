"""Nothing lost without a word: damaged captures, truncated records, revisits without
their original, and inputs that are no archive, on WARCs the archiver's own crawl wrote.

The demo blog is crawled twice into one folder (the second run writes ``revisit``
records for the unchanged pages); the tests then damage a copy of the first run's WARC
the way disks, copies and crawlers do (a flipped byte in a gzip-encoded body, a digest
that no longer matches, a body cut short and marked ``WARC-Truncated``) and run the real
``archiver extract`` on it, and ``warcio check`` where it has something to say.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.cli import cli
from archiver.demo import DemoServer
from archiver.validation import schema_errors
from tests.conftest import CrawlOutput, run_blog_crawl
from tests.hostile_site import BROKEN_GZIP, comment_list, post_html, serve_hostile, wide_thread

WARCIO = Path(sys.executable).parent / "warcio"


@dataclass
class Crawls:
    first: CrawlOutput
    first_warc: Path
    second_warcs: list[Path]
    # What `archiver extract` gives for the first run's intact WARC.
    articles: list[dict]
    comments: list[dict]


@pytest.fixture(scope="module")
def crawls(demo_site: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> Crawls:
    out = tmp_path_factory.mktemp("demo-crawls")
    first = run_blog_crawl(out, f"url={demo_site.url}/")
    assert first.returncode == 0, first.log[-3000:]
    (first_warc,) = sorted((first.folder / "warc").glob("*.warc.gz"))
    second = run_blog_crawl(out, f"url={demo_site.url}/")
    assert second.returncode == 0, second.log[-3000:]
    second_warcs = sorted(set((second.folder / "warc").glob("*.warc.gz")) - {first_warc})
    assert second_warcs
    code, _, _, articles, comments = extract(first_warc, "-o", out / "intact")
    assert code == 0 and articles and comments
    return Crawls(first, first_warc, second_warcs, articles, comments)


def extract(*args: str | Path) -> tuple[int, list[str], dict[str, Any], list[dict], list[dict]]:
    """Run ``archiver extract``; exit code, stderr lines, summary, articles, comments."""
    output = Path(str(args[args.index("-o") + 1]))
    result = CliRunner().invoke(cli, ["extract", "--quiet", "--jobs", "1", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    summary = json.loads((output / "summary.json").read_text()) if (output / "summary.json").exists() else {}
    return (result.exit_code, result.stderr.splitlines(), summary, _jsonl(output / "articles.jsonl"),
            _jsonl(output / "comments.jsonl"))


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def _without_offsets(items: list[dict]) -> list[str]:
    """Items as sorted JSON lines, without warc_offset (records after a changed one move)."""
    return sorted(json.dumps({k: v for k, v in item.items() if k != "warc_offset"}, sort_keys=True) for item in items)


def _victim(crawl: CrawlOutput) -> dict:
    """A gzip-encoded post whose comments are all on its own page: damaging its record
    must cost exactly that article and those comments."""
    for article in crawl.articles:
        comments = [c for c in crawl.comments if c["article_url"] == article["url"]]
        if comments and all(c["page_url"] == article["url"] for c in comments) and "pages" not in article:
            record = _record_at(crawl.folder / "warc" / article["warc_file"], article["warc_offset"])
            if record["encoding"] == "gzip":
                return article
    raise AssertionError("the demo crawl has no gzip-encoded post with its comments on one page")


def _record_at(path: Path, offset: int) -> dict[str, Any]:
    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        return {"encoding": record.http_headers.get_header("Content-Encoding"),
                "uri": record.rec_headers.get_header("WARC-Target-URI"),
                "headers": record.rec_headers, "http": record.http_headers,
                "payload": record.raw_stream.read()}


def _member_end(data: bytes, offset: int) -> int:
    """Where the gzip member (one record) starting at ``offset`` ends."""
    inflater = __import__("zlib").decompressobj(31)
    inflater.decompress(data[offset:])
    return len(data) - len(inflater.unused_data)


def _replace_record(source: Path, target: Path, offset: int, change: Callable[[bytes], bytes]) -> None:
    """Copy ``source`` to ``target`` with the record at ``offset`` rewritten by ``change``
    (its uncompressed bytes in, new uncompressed bytes out), recompressed in place."""
    data = source.read_bytes()
    end = _member_end(data, offset)
    record = gzip.decompress(data[offset:end])
    target.write_bytes(data[:offset] + gzip.compress(change(record), mtime=0) + data[end:])


def _warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(WARCIO), "check", str(path)], capture_output=True, text=True, timeout=60, check=False)


def _others(crawls: Crawls, article: dict) -> tuple[list[str], list[str]]:
    """The items of the intact WARC but for ``article`` and its comments."""
    articles = [a for a in crawls.articles if a["url"] != article["url"]]
    comments = [c for c in crawls.comments if c["article_url"] != article["url"]]
    assert len(articles) == len(crawls.articles) - 1 and len(comments) < len(crawls.comments)
    return _without_offsets(articles), _without_offsets(comments)


# --- 1. a damaged capture is never parsed ------------------------------------------------

def test_flipped_byte_in_a_gzip_body_is_a_damaged_record(crawls: Crawls, tmp_path: Path) -> None:
    article = _victim(crawls.first)
    offset = article["warc_offset"]
    damaged = tmp_path / crawls.first_warc.name

    def flip(record: bytes) -> bytes:
        headers_end = record.index(b"\r\n\r\n") + 4
        body_start = record.index(b"\r\n\r\n", headers_end) + 4
        position = body_start + (len(record) - body_start) // 2
        return record[:position] + bytes([record[position] ^ 0x55]) + record[position + 1:]

    _replace_record(crawls.first_warc, damaged, offset, flip)
    code, stderr, summary, articles, comments = extract(damaged, "-o", tmp_path / "out")
    assert code == 3
    assert summary["partial"] is True
    (listed,) = summary["damaged_records"]
    assert listed.startswith(f"{damaged} at offset {offset}: ")
    assert f"archiver: warning: damaged record skipped: {listed}" in stderr
    assert "PARTIAL: 1 damaged records skipped" in stderr[-1]
    # The post and its comments are missing, and said to be; everything else is there.
    assert (_without_offsets(articles), _without_offsets(comments)) == _others(crawls, article)
    # warcio check agrees on the same record.
    checked = _warcio_check(damaged)
    assert checked.returncode == 1
    assert f"offset {offset} " in checked.stdout and "digest failed" in checked.stdout


def test_digest_mismatch_with_intact_gzip_is_a_damaged_record(crawls: Crawls, tmp_path: Path) -> None:
    article = _victim(crawls.first)
    offset = article["warc_offset"]
    damaged = tmp_path / crawls.first_warc.name

    def wrong_digest(record: bytes) -> bytes:
        start = record.index(b"WARC-Payload-Digest: sha1:") + len(b"WARC-Payload-Digest: sha1:")
        letter = b"A" if record[start:start + 1] != b"A" else b"B"
        return record[:start] + letter + record[start + 1:]

    _replace_record(crawls.first_warc, damaged, offset, wrong_digest)
    payload = _record_at(damaged, offset)["payload"]
    assert gzip.decompress(payload).startswith(b"<!DOCTYPE html"), "the body itself is intact"
    code, stderr, summary, articles, comments = extract(damaged, "-o", tmp_path / "out")
    assert code == 3
    (listed,) = summary["damaged_records"]
    assert listed.startswith(f"{damaged} at offset {offset}: payload digest failed: sha1:")
    assert any(line.endswith(listed) for line in stderr)
    assert (_without_offsets(articles), _without_offsets(comments)) == _others(crawls, article)
    checked = _warcio_check(damaged)
    assert checked.returncode == 1
    assert f"offset {offset} " in checked.stdout and "payload digest failed" in checked.stdout


def test_a_broken_gzip_body_in_the_crawl_is_counted_archived_as_served_not_parsed(tmp_path: Path) -> None:
    with serve_hostile() as (url, _site):
        crawl = run_blog_crawl(tmp_path / "crawl", f"url={url}broken-gzip.html", "mode=single")
    assert crawl.returncode == 0, crawl.log[-3000:]
    assert crawl.summary["errors"].get("undecodable") == 1, crawl.summary["errors"]
    assert crawl.articles == [] and crawl.comments == []
    assert "broken-gzip.html does not decode (Content-Encoding: gzip)" in crawl.log
    (warc,) = sorted((crawl.folder / "warc").glob("*.warc.gz"))
    with warc.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            if record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI").endswith(
                    "/broken-gzip.html"):
                assert record.http_headers.get_header("Content-Encoding") == "gzip"
                assert record.raw_stream.read() == BROKEN_GZIP  # archived as served
                offset = iterator.get_record_offset()
                break
        else:
            raise AssertionError("no response record for /broken-gzip.html")
    # The WARC is sound (its digests are of the bytes served) ...
    assert _warcio_check(warc).returncode == 0
    # ... and extracting it names the record whose body does not decode.
    code, stderr, summary, articles, _ = extract(warc, "-o", tmp_path / "out")
    assert code == 3 and articles == []
    (listed,) = summary["damaged_records"]
    assert listed.startswith(f"{warc} at offset {offset}: payload cannot be decoded (Content-Encoding: gzip)")


def test_broken_brotli_and_deflate_bodies_are_damaged_records(tmp_path: Path) -> None:
    """Bodies a server sent broken, archived faithfully (digests of the bytes as sent):
    the decoding itself says they are not the page."""
    import zlib

    import brotli

    html = post_html("A post", "<p>" + "Words of the post. " * 200 + "</p>",
                     comment_list(wide_thread(5, prefix="c"), declared=5)).encode()
    deflated = bytearray(zlib.compress(html))
    deflated[len(deflated) // 2] ^= 0x55
    bodies = {
        "intact-br": ("br", brotli.compress(html)),
        "cut-br": ("br", brotli.compress(html)[:200]),
        "flipped-deflate": ("deflate", bytes(deflated)),
        "intact-deflate": ("deflate", zlib.compress(html)),
    }
    path = tmp_path / "encoded.warc.gz"
    offsets = {}
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for name, (coding, body) in bodies.items():
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Encoding", coding)], protocol="HTTP/1.1")
            offsets[name] = stream.tell()
            writer.write_record(writer.create_warc_record(
                f"http://blog.test/2024/03/05/{name}/", "response", payload=io.BytesIO(body), http_headers=http))
    # (warcio check is no judge here: with brotli 1.2 it stops at the first br body, in
    # warcio's own brotli set-up, "'brotli.Decompressor' object has no attribute 'unused_data'".)
    code, stderr, summary, articles, comments = extract(path, "-o", tmp_path / "out")
    assert code == 3
    assert sorted(a["url"].split("/")[-2] for a in articles) == ["intact-br", "intact-deflate"]
    assert len(comments) == 10
    assert summary["damaged_records"] == [
        f"{path} at offset {offsets['cut-br']}: payload cannot be decoded (Content-Encoding: br): "
        "the br stream ends early (cut short)",
        f"{path} at offset {offsets['flipped-deflate']}: payload cannot be decoded (Content-Encoding: deflate): "
        "Error -3 while decompressing data: incorrect data check",
    ]


# --- 2. truncated records, revisits without their original --------------------------------

def test_items_from_a_truncated_record_say_so(crawls: Crawls, tmp_path: Path) -> None:
    article = _victim(crawls.first)
    offset = article["warc_offset"]
    original = _record_at(crawls.first_warc, offset)
    cut = original["payload"][: len(original["payload"]) * 2 // 3]

    def truncated(_: bytes) -> bytes:
        """The same response, its body cut short, written by warcio and marked truncated."""
        out = io.BytesIO()
        writer = WARCWriter(out, gzip=False, warc_version="WARC/1.1")
        http = StatusAndHeaders(original["http"].statusline, [
            (name, str(len(cut)) if name.lower() == "content-length" else value)
            for name, value in original["http"].headers], protocol=original["http"].protocol)
        keep = ("WARC-Record-ID", "WARC-Date", "WARC-IP-Address", "WARC-Concurrent-To")
        headers = {name: original["headers"].get_header(name) for name in keep if original["headers"].get_header(name)}
        record = writer.create_warc_record(original["uri"], "response", payload=io.BytesIO(cut), http_headers=http,
                                           warc_headers_dict={**headers, "WARC-Truncated": "length"})
        writer.write_record(record)
        return out.getvalue()

    damaged = tmp_path / crawls.first_warc.name
    _replace_record(crawls.first_warc, damaged, offset, truncated)
    assert _warcio_check(damaged).returncode == 0, "a truncated record is a valid record"
    code, stderr, summary, articles, comments = extract(damaged, "-o", tmp_path / "out")
    assert code == 0, stderr
    marked = [a for a in articles if a.get("truncated")]
    assert [a["url"] for a in marked] == [article["url"]]
    assert all("truncated" not in a for a in articles if a["url"] != article["url"])
    from_it = [c for c in comments if c["article_url"] == article["url"]]
    assert 0 < len(from_it) < article["comments_found"], "the cut page holds some of its comments"
    assert all(c["truncated"] is True for c in from_it)
    assert all("truncated" not in c for c in comments if c["article_url"] != article["url"])
    assert [schema_errors(item) for item in marked + from_it] == [[]] * (len(marked) + len(from_it))
    assert summary["truncated_records"] == [{
        "file": str(damaged), "offset": offset, "url": article["url"], "warc_truncated": "length",
        "articles": 1, "comments": len(from_it)}]
    assert summary["partial"] is False
    (warning,) = [line for line in stderr if "truncated record" in line]
    assert warning == (f"archiver: warning: truncated record (WARC-Truncated: length): {damaged} at offset {offset} "
                       f"({article['url']}): 1 articles, {len(from_it)} comments from it marked \"truncated\": true")
    # With --jobs 2 (workers parse; comments travel encoded) the marks are the same.
    result = CliRunner().invoke(cli, ["extract", "-q", "-j", "2", str(damaged), "-o", str(tmp_path / "pool")])
    assert result.exit_code == 0
    assert _jsonl(tmp_path / "pool" / "comments.jsonl") == comments


def test_revisits_without_their_original_are_named_and_the_run_partial(crawls: Crawls, tmp_path: Path) -> None:
    """A later crawl's WARC given without the earlier one: its revisits stand for pages
    this run cannot read."""
    revisits = []
    for path in crawls.second_warcs:
        with path.open("rb") as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                if record.rec_type == "revisit" and record.http_headers.get_statuscode() == "200" and \
                        record.http_headers.get_header("Content-Type").startswith("text/html"):
                    revisits.append((str(path), iterator.get_record_offset(),
                                     record.rec_headers.get_header("WARC-Target-URI")))
    assert len(revisits) >= 5
    code, stderr, summary, _, _ = extract(*crawls.second_warcs, "-o", tmp_path / "later")
    assert code == 3
    assert summary["revisits_unresolved"] == len(revisits)
    assert [(r["file"], r["offset"], r["url"]) for r in summary["unresolved_revisits"]] == revisits
    assert summary["damaged_records"] == [] and summary["partial"] is True
    warnings = [line for line in stderr if line.startswith("archiver: warning: revisit without its original: ")]
    assert len(warnings) == min(len(revisits), 20)
    assert f"{revisits[0][0]} at offset {revisits[0][1]} ({revisits[0][2]})" in warnings[0]
    assert f"PARTIAL: {len(revisits)} revisits without their original" in stderr[-1]
    # Given with the earlier crawl's WARC, every revisit finds its original.
    code, stderr, summary, _, _ = extract(crawls.first_warc, *crawls.second_warcs, "-o", tmp_path / "both")
    assert code == 0, stderr
    assert summary["revisits_unresolved"] == 0 and summary["unresolved_revisits"] == []


# --- 3. inputs that are not archives -------------------------------------------------------

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def _no_archive_folder(path: Path) -> Path:
    """Like py-wacz's ``invalid_example_1.wacz``: a WACZ's other parts, no ``archive/``."""
    page = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
    return _zip(path, {
        "datapackage.json": json.dumps({"profile": "data-package", "wacz_version": "1.1.1", "resources": [
            {"name": "pages.jsonl", "path": "pages/pages.jsonl"}, {"name": "index.cdx", "path": "indexes/index.cdx"}]}
        ).encode(),
        "datapackage-digest.json": b'{"path": "datapackage.json", "hash": "sha256:0"}',
        "indexes/index.cdx": b"net,example)/ 20201007212236 {\"url\": \"http://www.example.net/\"}\n",
        "pages/pages.jsonl": (json.dumps(page) + "\n" + json.dumps({"url": "http://www.example.net/"}) + "\n").encode(),
    })


@pytest.mark.parametrize(("name", "build", "why"), [
    ("renamed.wacz", lambda p: _zip(p, {"notes.txt": b"not an archive\n", "data/items.jsonl": b"{}\n"}),
     "a zip without an archive/ folder of WARC files, as a WACZ has"),
    ("invalid_example_1.wacz", _no_archive_folder, "a zip without an archive/ folder of WARC files, as a WACZ has"),
    ("empty.warc.gz", lambda p: p.write_bytes(b"") and p, "empty file"),
    ("notes.txt", lambda p: p.write_text("Not an archive, just notes.\nSecond line.\n") and p,
     "no WARC or ARC record in it"),
])
def test_an_input_that_is_no_archive_is_one_line_and_exit_3(tmp_path: Path, name: str,
                                                            build: Callable[[Path], Any], why: str) -> None:
    path = tmp_path / name
    build(path)
    result = CliRunner().invoke(cli, ["extract", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [f"archiver: error: not a WARC, ARC or WACZ file: {path} ({why})"]
    assert not (tmp_path / "out").exists(), "nothing is written for an input that is no archive"


def test_a_zip_with_warcs_outside_archive_says_where_they_are(crawls: Crawls, tmp_path: Path) -> None:
    """A zipped crawl folder is no WACZ; the error says the WARCs are in it, elsewhere."""
    path = _zip(tmp_path / "crawl.zip", {f"warc/{crawls.first_warc.name}": crawls.first_warc.read_bytes()})
    result = CliRunner().invoke(cli, ["extract", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert result.stderr.strip().endswith(
        f"a zip without an archive/ folder of WARC files, as a WACZ has; it holds 1 WARC file elsewhere: "
        f"warc/{crawls.first_warc.name})")
