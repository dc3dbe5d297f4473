"""Reading a blog from Common Crawl's kind of archive: an index, and WARC files read by range.

The blog's captures are written as Common Crawl writes its WARC files
(:func:`tests.archive_servers.write_commoncrawl_warc`) and served by a static server with
``Range`` support, as ``data.commoncrawl.org`` serves them; pywb indexes them, its index
naming each file by the path it has on the file server, as Common Crawl's index server
(pywb) does. The crawl lists the captures through that index and fetches each record by
a range request, keeping it byte for byte.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.archives.timestamps import iso
from archiver.demo import build_site
from archiver.demo.model import SiteModel
from tests.archive_servers import FileServer, Pywb, jsonl, pywb_archive, serve_files, write_commoncrawl_warc
from tests.archived_blog import ORIGINAL, Visit, two_visits
from tests.conftest import CrawlOutput, run_blog_crawl
from tests.replay import pywb as replay_tools
from tests.test_archives_pywb import assert_same_items, crawl_stats

COLLECTION = "CC-MAIN-2011-42"
WARC_PATH = f"crawl-data/{COLLECTION}/segments/1318000000000.0/warc/CC-MAIN-20111015120000-00000.warc.gz"


class CommonCrawl:
    def __init__(self, model: SiteModel, visit: Visit, index: Pywb, files: FileServer) -> None:
        self.model, self.visit, self.index, self.files = model, visit, index, files

    @property
    def warc(self) -> Path:
        return self.files.root / WARC_PATH


@pytest.fixture(scope="module")
def commoncrawl(tmp_path_factory: pytest.TempPathFactory) -> CommonCrawl:
    try:
        replay_tools.ensure_pywb()
    except replay_tools.PywbUnavailable as error:
        pytest.skip(f"pywb cannot be installed: {error}")
    model = build_site()
    first, _ = two_visits(model)
    root = tmp_path_factory.mktemp("data.commoncrawl")
    warc = write_commoncrawl_warc(root / WARC_PATH, first.pages)
    with serve_files(root) as files, pywb_archive(tmp_path_factory.mktemp("index"), {COLLECTION: [warc]},
                                                  filenames={warc.name: WARC_PATH}) as index:
        yield CommonCrawl(model, first, index, files)


@pytest.fixture(scope="module")
def crawled(commoncrawl: CommonCrawl, tmp_path_factory: pytest.TempPathFactory) -> CrawlOutput:
    output = run_blog_crawl(tmp_path_factory.mktemp("cc"), f"url={ORIGINAL}/",
                            f"archive={commoncrawl.index.cdx(COLLECTION)}", f"warcs={commoncrawl.files.url}/",
                            settings={"ARCHIVER_PARSE_WORKERS": 0}, timeout=300)
    assert output.returncode == 0, output.log[-3000:]
    return output


def test_every_post_and_comment_by_range_requests(commoncrawl: CommonCrawl, crawled: CrawlOutput) -> None:
    assert sorted(a["url"] for a in crawled.articles) == sorted(ORIGINAL + p.path for p in commoncrawl.model.posts)
    found: dict[str, list[str]] = {}
    for comment in crawled.comments:
        found.setdefault(comment["article_url"], []).append(comment["id"])
    assert found == {ORIGINAL + path: ids for path, ids in commoncrawl.visit.comments.items() if ids}
    ranges = [hit for hit in commoncrawl.files.hits if hit.path == f"/{WARC_PATH}"]
    assert ranges and all(hit.range and hit.status == 206 for hit in ranges)
    assert len({hit.range for hit in ranges}) == len(ranges)  # each record fetched once
    assert crawl_stats(crawled.log)["archiver/archive/captures"] == len(ranges)


def test_records_are_kept_byte_for_byte(commoncrawl: CommonCrawl, crawled: CrawlOutput) -> None:
    source = commoncrawl.warc.read_bytes()
    files = sorted((crawled.folder / "warc").glob("*.warc.gz"))
    kept = b"".join(path.read_bytes() for path in files)
    for item in crawled.articles:
        url, fragment = item["archive_url"].split("#")
        assert url == f"{commoncrawl.files.url}/{WARC_PATH}"
        fields = dict(part.split("=") for part in fragment.split("&"))
        offset, length = int(fields["offset"]), int(fields["length"])
        record = source[offset:offset + length]
        assert record in kept
        at = (crawled.folder / "warc" / item["warc_file"]).read_bytes()
        assert at[item["warc_offset"]:item["warc_offset"] + length] == record  # the item points at it
        page = commoncrawl.visit.page(item["url"].removeprefix(ORIGINAL))
        assert item["captured_at"] == item["fetched_at"] == iso(page.timestamp)
        assert item["archive"] == commoncrawl.index.url.removeprefix("http://")
    check = subprocess.run([str(Path(sys.executable).parent / "warcio"), "check", *map(str, files)],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr


def test_each_copy_says_where_it_came_from(commoncrawl: CommonCrawl, crawled: CrawlOutput) -> None:
    """After each kept record, a metadata record naming the file, the range and the answer."""
    records = []
    for path in sorted((crawled.folder / "warc").glob("*.warc.gz")):
        with open(path, "rb") as handle:
            records += [(r.rec_type, r.rec_headers, r.content_stream().read()) for r in ArchiveIterator(handle)]
    ids = {headers.get_header("WARC-Record-ID") for kind, headers, _ in records if kind == "response"}
    described = {}
    for kind, headers, body in records:
        if kind == "metadata" and headers.get_header("WARC-Refers-To") in ids:
            fields = dict(line.split(": ", 1) for line in body.decode().splitlines() if line)
            described[headers.get_header("WARC-Refers-To")] = fields
    copies = [h for k, h, _ in records if k == "response" and h.get_header("WARC-Warcinfo-ID")]
    assert copies and {h.get_header("WARC-Record-ID") for h in copies} <= set(described)
    fields = next(iter(described.values()))
    assert fields["via"] == f"{commoncrawl.files.url}/{WARC_PATH}"
    assert fields["range"].startswith("bytes=") and fields["http-status"] == "206"


def test_replays_and_extracts_as_crawled(commoncrawl: CommonCrawl, crawled: CrawlOutput, tmp_path: Path) -> None:
    files = sorted((crawled.folder / "warc").glob("*.warc.gz"))
    post = commoncrawl.model.posts[0]
    page = commoncrawl.visit.page(post.path)
    with replay_tools.replay(files, tmp_path / "pywb") as wayback:
        status, html = wayback.fetch(ORIGINAL + post.path, page.timestamp)
        assert status == 200 and post.title in html
    done = subprocess.run([str(Path(sys.executable).parent / "archiver"), "extract", *map(str, files),
                           "-o", str(tmp_path / "extracted"), "--jobs", "1"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert_same_items(jsonl(tmp_path / "extracted" / "articles.jsonl"), crawled.articles)
    assert_same_items(jsonl(tmp_path / "extracted" / "comments.jsonl"), crawled.comments)
