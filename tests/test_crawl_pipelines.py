"""Item pipelines on a real crawler: validation to invalid.jsonl, de-duplication, line-flushed files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from archiver.bundles import post_bundle
from archiver.items import Article, Comment
from pipelines.items import (
    DedupeItemsPipeline,
    JsonLinesPipeline,
    ValidateItemsPipeline,
)
from spiders.blog import BlogSpider

URL = "http://blog.example.org/2011/09/16/post/"


@pytest.fixture
def crawler(tmp_path: Path):
    crawler = get_crawler(BlogSpider, {"ARCHIVER_OUTPUT_DIR": str(tmp_path)})
    crawler.spider = crawler._create_spider(url="http://blog.example.org/")
    return crawler


def folder(tmp_path: Path) -> Path:
    return tmp_path / "blog.example.org"


def article(**fields) -> dict:
    return Article(url=URL, canonical_url=URL, title="A post", **fields).to_dict()


def comment(number: int, **fields) -> dict:
    return Comment(id=f"comment-{number}", article_url=URL, text="Hi", position=number, **fields).to_dict()


def test_invalid_item_is_counted_written_and_dropped(crawler, tmp_path: Path) -> None:
    pipeline = ValidateItemsPipeline.from_crawler(crawler)
    good = comment(1)
    assert pipeline.process_item(good) is good
    bad = comment(2, depth=0)
    bad["position"] = "second"
    with pytest.raises(DropItem):
        pipeline.process_item(bad)
    pipeline.close_spider()
    (line,) = (folder(tmp_path) / "invalid.jsonl").read_text().splitlines()
    record = json.loads(line)
    assert record["item"]["id"] == "comment-2"
    assert any(error.startswith("position") for error in record["errors"])
    assert crawler.stats.get_value("archiver/items/invalid") == 1
    assert crawler.stats.get_value("archiver/items/invalid/comment") == 1


def test_dedupe_by_canonical_url_and_comment_id(crawler) -> None:
    pipeline = DedupeItemsPipeline.from_crawler(crawler)
    pipeline.process_item(article())
    pipeline.process_item(comment(1))
    pipeline.process_item(comment(2))
    with pytest.raises(DropItem):
        pipeline.process_item(comment(1))
    moved = article()
    moved["url"] = URL + "?utm_source=feed"
    with pytest.raises(DropItem):
        pipeline.process_item(moved)
    assert crawler.stats.get_value("archiver/items/duplicate/comment") == 1
    assert crawler.stats.get_value("archiver/items/duplicate/article") == 1


def test_jsonl_lines_are_complete_while_the_crawl_runs(crawler, tmp_path: Path) -> None:
    pipeline = JsonLinesPipeline.from_crawler(crawler)
    pipeline.open_spider()
    pipeline.process_item(article())
    pipeline.process_item(comment(1, author="Zoë"))
    # Read before close: every written item is already a whole line on disk.
    articles = (folder(tmp_path) / "articles.jsonl").read_text(encoding="utf-8")
    comments = (folder(tmp_path) / "comments.jsonl").read_text(encoding="utf-8")
    assert articles.endswith("\n") and json.loads(articles)["title"] == "A post"
    assert json.loads(comments)["author"] == "Zoë"
    pipeline.close_spider()
    assert crawler.stats.get_value("archiver/files/comments.jsonl") == 1


def test_post_bundle_members_are_validated_deduplicated_and_written_one_by_one(crawler, tmp_path: Path) -> None:
    """A bundle loses its invalid and repeated members; the rest become ordinary lines."""
    validate = ValidateItemsPipeline.from_crawler(crawler)
    dedupe = DedupeItemsPipeline.from_crawler(crawler)
    write = JsonLinesPipeline.from_crawler(crawler)
    write.open_spider()
    bad = comment(3)
    bad["depth"] = "deep"
    first = post_bundle(article(), [comment(1), comment(2), bad])
    for pipeline in (validate, dedupe, write):
        first = pipeline.process_item(first)
    again = post_bundle(article(), [comment(2), comment(4)])  # the post re-read with one new comment
    for pipeline in (validate, dedupe, write):
        again = pipeline.process_item(again)
    assert again["article"] is None and [c["id"] for c in again["comments"]] == ["comment-4"]
    with pytest.raises(DropItem):  # nothing new at all: the bundle itself is dropped
        dedupe.process_item(post_bundle(article(), [comment(1)]))
    for pipeline in (validate, write):
        pipeline.close_spider()
    written = [json.loads(line) for line in (folder(tmp_path) / "comments.jsonl").read_text().splitlines()]
    assert [c["id"] for c in written] == ["comment-1", "comment-2", "comment-4"]
    assert len((folder(tmp_path) / "articles.jsonl").read_text().splitlines()) == 1
    (invalid,) = (folder(tmp_path) / "invalid.jsonl").read_text().splitlines()
    assert json.loads(invalid)["item"]["id"] == "comment-3"
    assert crawler.stats.get_value("archiver/files/comments.jsonl") == 3


def test_an_invalid_item_is_kept_once_across_runs(tmp_path: Path) -> None:
    """A re-run that parses the same broken item again does not add it to invalid.jsonl again."""
    bad = comment(5)
    bad["depth"] = 0
    for _run in range(2):
        crawler = get_crawler(BlogSpider, {"ARCHIVER_OUTPUT_DIR": str(tmp_path)})
        crawler.spider = crawler._create_spider(url="http://blog.example.org/")
        pipeline = ValidateItemsPipeline.from_crawler(crawler)
        with pytest.raises(DropItem):
            pipeline.process_item(dict(bad))
        pipeline.close_spider()
        assert crawler.stats.get_value("archiver/items/invalid") == 1
        crawler.spider.session.lock.release()  # the run is over: the next one may lock the folder
    edited = dict(bad, text="Edited, still broken")
    with pytest.raises(DropItem):
        pipeline.process_item(edited)
    pipeline.close_spider()
    lines = (folder(tmp_path) / "invalid.jsonl").read_text().splitlines()
    assert [json.loads(line)["item"]["text"] for line in lines] == ["Hi", "Edited, still broken"]
