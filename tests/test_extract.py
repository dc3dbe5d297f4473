"""``archiver extract``: items from WARCs that wget and warcio wrote, revisits and damage."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from archiver.cli import cli
from archiver.extract import post_url
from tests.test_extract_support import (
    CORPUS_PATH,
    PNG,
    POST_PATH,
    WarcBuilder,
    build_site,
    serve,
    site_page,
    wget_warc,
)


def run_extract(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["extract", "--quiet", *args])
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes is not None else "")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def wget_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    work = tmp_path_factory.mktemp("wget")
    root = build_site(work / "site")
    with serve(root) as base_url:
        return wget_warc(base_url, work), base_url


def test_wget_warc_gives_articles_and_one_stitched_thread(wget_archive: tuple[Path, str], tmp_path: Path) -> None:
    warc, base = wget_archive
    code, output = run_extract(str(warc), "--output", str(tmp_path))
    assert code == 0, output
    articles = {a["url"]: a for a in read_jsonl(tmp_path / "articles.jsonl")}
    post = articles[base + POST_PATH]
    assert post["title"] == "Hello archive world"
    assert post["authors"] == ["Ada Writer"]
    assert base + CORPUS_PATH in articles
    assert not any("comment-page" in url for url in articles), "comment pages are not articles"
    assert base + "/" not in articles, "the home page lists posts; it is not one"

    thread = [c for c in read_jsonl(tmp_path / "comments.jsonl") if c["article_url"] == base + POST_PATH]
    assert [c["id"] for c in thread] == ["comment-11", "comment-12", "comment-13", "comment-14"]
    assert [c["position"] for c in thread] == [1, 2, 3, 4]
    assert thread[3]["parent_id"] == "comment-13" and thread[3]["depth"] == 2
    assert thread[2]["page_url"].endswith("/comment-page-2/")


def test_provenance_points_at_the_record_it_came_from(wget_archive: tuple[Path, str], tmp_path: Path) -> None:
    warc, _ = wget_archive
    assert run_extract(str(warc), "-o", str(tmp_path))[0] == 0
    items = read_jsonl(tmp_path / "articles.jsonl") + read_jsonl(tmp_path / "comments.jsonl")
    for item in items:
        assert item["warc_file"] == warc.name
        with open(warc, "rb") as handle:
            handle.seek(item["warc_offset"])
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Record-ID") == item["warc_record_id"]
            assert record.rec_headers.get_header("WARC-Date") == item["fetched_at"]
            assert record.rec_type == "response"


def test_summary_counts_what_was_skipped(wget_archive: tuple[Path, str], tmp_path: Path) -> None:
    warc, _ = wget_archive
    run_extract(str(warc), "-o", str(tmp_path))
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["skipped"]["not html"] >= 2  # the stylesheet and the image
    assert summary["skipped"]["status"] == 1  # the 404
    assert summary["skipped"]["not a post"] == 1  # the home page
    assert summary["partial"] is False
    assert summary["articles"] == len(read_jsonl(tmp_path / "articles.jsonl"))


def _warcio_archive(folder: Path) -> tuple[Path, Path, WarcBuilder]:
    """Two files: the second holds the originals, the first revisits made before them."""
    post = "http://blog.example" + POST_PATH
    originals = WarcBuilder(folder / "b-originals.warc.gz")
    originals.response(post, site_page(POST_PATH), date="2024-03-01T12:00:00Z")
    originals.response("http://blog.example/logo.png", PNG, content_type="image/png", encode=False)
    for number in (1, 2):
        page = f"{POST_PATH}comment-page-{number}/"
        originals.response(post + f"comment-page-{number}/", site_page(page), encode=False)
    revisits = WarcBuilder(folder / "a-revisits.warc", gzip_records=False)  # read first
    revisits._headers = originals._headers  # revisit digests come from the originals
    revisits.revisit("http://blog.example/?p=7", post, date="2024-04-01T12:00:00Z", with_id=False)
    revisits.revisit("http://blog.example/feed-copy/", post, date="2024-04-02T12:00:00Z")
    return revisits.close(), originals.close(), originals


def test_revisits_resolve_to_their_original_in_any_input_order(tmp_path: Path) -> None:
    revisits, originals, builder = _warcio_archive(tmp_path)
    code, output = run_extract(str(revisits), str(originals), "-o", str(tmp_path / "out"))
    assert code == 0, output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["revisits_resolved"] == 2 and summary["revisits_unresolved"] == 0
    articles = {a["url"]: a for a in read_jsonl(tmp_path / "out" / "articles.jsonl")}
    post = articles["http://blog.example" + POST_PATH]
    assert post["warc_file"] == originals.name
    assert post["warc_offset"] == builder.offsets["http://blog.example" + POST_PATH]
    # The revisit under another URL yields the same canonical article, so it is a duplicate.
    assert summary["duplicates_dropped"] == 2
    comments = read_jsonl(tmp_path / "out" / "comments.jsonl")
    assert [c["id"] for c in comments] == ["comment-11", "comment-12", "comment-13", "comment-14"]


def test_revisit_without_its_original_is_named_and_the_run_partial(tmp_path: Path) -> None:
    revisits, _, _ = _warcio_archive(tmp_path)
    result = CliRunner().invoke(cli, ["extract", "--quiet", str(revisits), "-o", str(tmp_path / "out")])
    code, output = result.exit_code, result.stderr
    assert code == 3
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["revisits_unresolved"] == 2 and summary["articles"] == 0
    assert summary["partial"] is True and summary["damaged_records"] == []
    assert [r["url"] for r in summary["unresolved_revisits"]] == [
        "http://blog.example/?p=7", "http://blog.example/feed-copy/"]
    warnings = [line for line in output.splitlines() if "revisit without its original" in line]
    assert len(warnings) == 2 and f"{revisits} at offset 0 (http://blog.example/?p=7)" in warnings[0]
    assert "2 revisits without their original" in output


def _three_posts(path: Path, gzip_records: bool) -> WarcBuilder:
    builder = WarcBuilder(path, gzip_records=gzip_records)
    for number in (1, 2, 3):
        html = site_page(POST_PATH).replace(b"/2019/05/hello-world/", f"/post-{number}/".encode())
        builder.response(f"http://blog.example/post-{number}/", html, encode=gzip_records)
    builder.close()
    return builder


@pytest.mark.parametrize("gzip_records", [True, False])
def test_damaged_record_is_skipped_and_the_run_is_partial(tmp_path: Path, gzip_records: bool) -> None:
    path = tmp_path / ("damaged.warc.gz" if gzip_records else "damaged.warc")
    builder = _three_posts(path, gzip_records)
    data = bytearray(path.read_bytes())
    second = builder.offsets["http://blog.example/post-2/"]
    data[second + 40 : second + 200] = b"\x00" * 160  # wreck the second record's header
    path.write_bytes(bytes(data))

    code, output = run_extract(str(path), "-o", str(tmp_path / "out"))
    assert code == 3
    assert f"{path} at offset {second}" in output
    assert "partial extraction" in output
    urls = [a["url"] for a in read_jsonl(tmp_path / "out" / "articles.jsonl")]
    assert urls == ["http://blog.example/post-1/", "http://blog.example/post-3/"]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["partial"] is True and len(summary["damaged_records"]) == 1


def test_truncated_last_record_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    builder = _three_posts(path, True)
    third = builder.offsets["http://blog.example/post-3/"]
    path.write_bytes(path.read_bytes()[: third + 300])
    code, output = run_extract(str(path), "-o", str(tmp_path / "out"))
    assert code == 3
    assert f"offset {third}" in output
    assert len(read_jsonl(tmp_path / "out" / "articles.jsonl")) == 2


def test_not_an_archive_and_missing_file(tmp_path: Path) -> None:
    junk = tmp_path / "notes.warc.gz"
    junk.write_bytes(gzip.compress(b"just some text, not a WARC\n" * 50))
    code, output = run_extract(str(junk), "-o", str(tmp_path / "out"))
    assert code == 3 and f"not a WARC, ARC or WACZ file: {junk} (gzip data with no WARC or ARC record" in output
    assert not (tmp_path / "out").exists()
    code, output = run_extract(str(tmp_path / "nope.warc.gz"), "-o", str(tmp_path / "out"))
    assert code == 2 and "no such archive file" in output


@pytest.mark.parametrize(
    ("url", "post"),
    [
        ("https://b.example/2019/05/x/comment-page-3/", "https://b.example/2019/05/x/"),
        ("https://b.example/2019/05/x/comment-page-3/#comments", "https://b.example/2019/05/x/"),
        ("https://b.example/?p=7&cpage=2", "https://b.example/?p=7"),
        ("https://b.example/x/?cpage=2", "https://b.example/x/"),
        ("https://b.example/x/", "https://b.example/x/"),
    ],
)
def test_post_url_of_comment_pages(url: str, post: str) -> None:
    assert post_url(url) == post


def test_arc_files_are_read_too(tmp_path: Path) -> None:
    """The pre-WARC ARC format (Internet Archive crawls before 2009)."""
    body = site_page(POST_PATH)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body)
    version = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://test.arc 0.0.0.0 20240301120000 text/plain %d\n%s\n" % (len(version), version)
    arc += b"http://blog.example%s 127.0.0.1 20240301120000 text/html %d\n%s\n" % (
        POST_PATH.encode(), len(http) + len(body), http + body
    )
    (tmp_path / "old.arc").write_bytes(arc)
    code, output = run_extract(str(tmp_path / "old.arc"), "-o", str(tmp_path / "out"))
    assert code == 0, output
    [article] = read_jsonl(tmp_path / "out" / "articles.jsonl")
    assert article["title"] == "Hello archive world"
    assert article["fetched_at"] == "2024-03-01T12:00:00Z" and article["warc_file"] == "old.arc"
    assert len(read_jsonl(tmp_path / "out" / "comments.jsonl")) == 2


def test_a_later_capture_adds_newer_comments_once(tmp_path: Path) -> None:
    post = "http://blog.example" + POST_PATH
    builder = WarcBuilder(tmp_path / "two-visits.warc.gz")
    early = site_page(POST_PATH).split(b'<li id="comment-12"')[0] + b"</ol></div></body></html>"
    builder.response(post, early, date="2024-03-01T12:00:00Z")
    builder.response(post, site_page(POST_PATH), date="2024-04-01T12:00:00Z")
    builder.close()
    code, output = run_extract(str(builder.path), "-o", str(tmp_path / "out"))
    assert code == 0, output
    comments = read_jsonl(tmp_path / "out" / "comments.jsonl")
    assert [c["id"] for c in comments] == ["comment-11", "comment-12"]
    assert comments[0]["fetched_at"] == "2024-03-01T12:00:00Z"
    assert read_jsonl(tmp_path / "out" / "articles.jsonl")[0]["comments_found"] == 2


def test_progress_lines_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import archiver.extract

    monkeypatch.setattr(archiver.extract, "PROGRESS_EVERY_SECONDS", 0.0)
    builder = _three_posts(tmp_path / "p.warc.gz", True)
    result = CliRunner().invoke(cli, ["extract", str(builder.path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    progress = [line for line in result.stderr.splitlines() if line.startswith("archiver: extract: ")]
    assert progress and progress[-1].startswith("archiver: extract: 3 records read, 3 HTML")
