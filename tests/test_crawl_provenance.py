"""With WARC writing on, every item of a demo crawl points at the response record it came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.demo import DemoServer
from tests.conftest import run_blog_crawl

WITH_WARC = {"EXTENSIONS": json.dumps({"archiver.extensions.warc.WarcExtension": 100,
                                      "archiver.summary.CrawlSummary": 500})}


def record_at(path: Path, offset: int) -> tuple[str, str]:
    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        return record.rec_type, record.rec_headers.get_header("WARC-Target-URI")


@pytest.mark.parametrize("thread", [True, False], ids=["writer-thread", "in-reactor"])
def test_items_point_at_their_response_records(demo_site: DemoServer, tmp_path: Path, thread: bool) -> None:
    post = demo_site.model.multi_page_posts()[0]
    done = run_blog_crawl(tmp_path, f"url={demo_site.url}{post.path}", "mode=single",
                          settings={**WITH_WARC, "ARCHIVER_WARC_THREAD": thread})
    assert done.returncode == 0, done.log[-3000:]
    assert ("written on a writer thread" in done.log) is thread
    assert len(done.comments) == post.comment_count
    for item in done.articles + done.comments:
        assert item["warc_file"] and item["warc_record_id"] and item["fetched_at"]
        source = item["url"] if item["type"] == "article" else item["page_url"]
        assert record_at(done.folder / "warc" / item["warc_file"], item["warc_offset"]) == ("response", source)
    assert len({c["warc_offset"] for c in done.comments}) == len(demo_site.model.comment_pages(post))
