"""Incremental runs of one crawl against a demo blog that grows between runs.

The demo blog is recent (newest post two days old, posts about three days apart), so
some posts are young enough to be re-visited and some are not. Between runs the test
publishes comments and a post on the running server; each run must write exactly the
items that are new, turn pages whose payload did not change into WARC ``revisit``
records, and pywb must replay a page from such a revisit.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.demo import DemoServer, build_site, serve_demo
from archiver.demo.model import DemoPost
from tests.conftest import run_blog_crawl
from tests.replay import pywb

NOW = datetime.now(UTC)


@dataclass
class Run:
    """What one run added to the crawl folder."""

    articles: list[dict[str, Any]]
    comments: list[dict[str, Any]]
    warcs: list[Path]
    record: dict[str, Any]
    log: str


@dataclass
class Story:
    """Three runs of one crawl, the posts changed between them, and the final folder."""

    demo: DemoServer
    folder: Path
    runs: list[Run]
    young: DemoPost
    unchanged: DemoPost
    edited: DemoPost
    old: DemoPost
    added: DemoPost
    young_new: list[str]
    old_new: list[str]


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def crawl_once(demo: DemoServer, output: Path, *arguments: str) -> Run:
    folder = output / f"127.0.0.1_{demo.url.rsplit(':', 1)[1]}"
    before = {name: len(lines(folder / name)) for name in ("articles.jsonl", "comments.jsonl")}
    warcs_before = set((folder / "warc").glob("*.warc.gz"))
    done = run_blog_crawl(output, f"url={demo.url}/", *arguments)
    assert done.returncode == 0, done.log[-3000:]
    assert not done.invalid
    return Run(
        articles=done.articles[before["articles.jsonl"]:],
        comments=done.comments[before["comments.jsonl"]:],
        warcs=sorted(set((folder / "warc").glob("*.warc.gz")) - warcs_before),
        record=lines(folder / "runs.jsonl")[-1],
        log=done.log,
    )


def records(paths: list[Path]) -> list[Any]:
    found = []
    for path in paths:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                found.append((record.rec_type, record.rec_headers))
    return found


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Story]:
    output = tmp_path_factory.mktemp("incremental")
    with serve_demo(build_site(newest=NOW - timedelta(days=2))) as demo:
        model = demo.model
        young = model.posts[0]
        old = next(p for p in model.posts if NOW - p.published > timedelta(days=31) and p.threads)
        unchanged = model.posts[4]  # recent, so re-visited, and never changed
        first = crawl_once(demo, output)
        with demo.edit():
            reply_to = young.threads[0]  # on the oldest comment page: the reply lands there
            young_new = [model.add_comment(young, "Late reply on page one.", NOW, parent=reply_to).id,
                         model.add_comment(young, "A new thread after the first run.", NOW).id]
            old_new = [model.add_comment(old, "Comment on an old post.", NOW).id]
            edited = model.posts[2]  # a correction to the text of a recent post
            edited.paragraphs[0] = "Update: officials confirmed the report on Tuesday."
        second = crawl_once(demo, output)
        with demo.edit():
            added = model.add_post("Cyber command publishes a late report", NOW - timedelta(hours=1))
            model.add_comment(added, "First!", NOW)
        third = crawl_once(demo, output, "revisit=all")
        folder = next(p for p in output.iterdir() if p.is_dir())
        yield Story(demo, folder, [first, second, third], young, unchanged, edited, old, added, young_new, old_new)


def test_first_run_archives_the_whole_blog(story: Story) -> None:
    first = story.runs[0]
    model_posts = story.demo.model.posts
    assert len(first.articles) == len(model_posts) - 1  # the post added before the third run
    assert first.record["new_articles"] == len(first.articles)


def test_second_run_writes_only_the_new_comments_of_recent_posts(story: Story) -> None:
    second = story.runs[1]
    # The young post's text did not change, only its comments: it is not written again.
    # The edited post is, as a new version with its own capture time and WARC record.
    (article,) = second.articles
    assert article["url"] == story.demo.url + story.edited.path
    assert "Update: officials confirmed" in article["body"]
    (before,) = [a for a in story.runs[0].articles if a["url"] == article["url"]]
    assert article["fetched_at"] > before["fetched_at"]
    assert article["warc_record_id"] != before["warc_record_id"]
    assert sorted(c["id"] for c in second.comments) == sorted(story.young_new)
    reply = next(c for c in second.comments if c["id"] == story.young_new[0])
    assert reply["parent_id"] == story.young.threads[0].id
    assert second.record["posts_not_revisited"] >= 1  # the old post was not fetched
    assert second.record["new_comments"] == 2 and second.record["unchanged_items"] > 0


def test_unchanged_pages_become_revisit_records(story: Story) -> None:
    first, second = story.runs[0], story.runs[1]
    originals = {h.get_header("WARC-Target-URI"): h for t, h in records(first.warcs) if t == "response"}
    kinds = {h.get_header("WARC-Target-URI"): (t, h) for t, h in records(second.warcs) if t in ("response", "revisit")}
    unchanged = story.demo.url + story.unchanged.path
    kind, headers = kinds[unchanged]
    assert kind == "revisit"
    assert headers.get_header("WARC-Profile") == "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    original = originals[unchanged]
    assert headers.get_header("WARC-Refers-To") == original.get_header("WARC-Record-ID")
    assert headers.get_header("WARC-Refers-To-Target-URI") == unchanged
    assert headers.get_header("WARC-Refers-To-Date") == original.get_header("WARC-Date")
    assert headers.get_header("WARC-Payload-Digest") == original.get_header("WARC-Payload-Digest")
    changed = story.demo.url + story.young.path
    assert kinds[changed][0] == "response"  # new comments: a full record
    assert second.record["warc_revisits"] >= 5


def test_third_run_writes_the_new_post_and_with_revisit_all_the_old_posts_comment(story: Story) -> None:
    third = story.runs[2]
    assert [a["title"] for a in third.articles] == [story.added.title]
    new_ids = {c["id"] for c in third.comments}
    assert new_ids == {c.id for c, _ in story.added.flat_comments()} | set(story.old_new)


def test_union_of_runs_holds_every_item_once(story: Story) -> None:
    model = story.demo.model
    articles = lines(story.folder / "articles.jsonl")
    comments = lines(story.folder / "comments.jsonl")
    versions = sorted(story.demo.url + p.path for p in [*model.posts, story.edited])  # the edit: 2 versions
    assert sorted(a["url"] for a in articles) == versions
    assert sorted(c["id"] for c in comments) == sorted(c.id for c in model.all_comments())
    assert [r["run"] for r in lines(story.folder / "runs.jsonl")] == [1, 2, 3]
    summary = json.loads((story.folder / "summary.json").read_text())
    assert summary["posts"] >= 1  # the summary describes the last run


def test_pywb_replays_a_page_from_its_revisit_record(story: Story, tmp_path: Path) -> None:
    try:
        pywb.ensure_pywb()
    except pywb.PywbUnavailable as error:
        pytest.skip(str(error))
    page = story.demo.url + story.unchanged.path
    revisit = next(h for t, h in records(story.runs[1].warcs)
                   if t == "revisit" and h.get_header("WARC-Target-URI") == page)
    stamp = "".join(ch for ch in revisit.get_header("WARC-Date") if ch.isdigit())[:14]
    warcs = sorted((story.folder / "warc").glob("*.warc.gz"))
    with pywb.replay(warcs, tmp_path / "wayback") as wayback:
        status, html = wayback.fetch(page, stamp, "id_")
        with urllib.request.urlopen(wayback.url(page, stamp, "id_"), timeout=30) as answer:
            memento = answer.headers["Memento-Datetime"]
    assert status == 200
    assert story.unchanged.title in html
    # The capture served is the revisit itself (its date), its body taken from the original.
    assert parsedate_to_datetime(memento).strftime("%Y%m%d%H%M%S") == stamp


def test_recent_posts_are_revisited_with_conditional_requests(tmp_path: Path) -> None:
    """With ETags, an unchanged recent post answers 304 and costs neither a parse nor comment pages."""
    with serve_demo(build_site(newest=NOW - timedelta(days=2), posts=6, comments=20), validators=True) as demo:
        first = crawl_once(demo, tmp_path)
        assert len(first.articles) == 6
        second = crawl_once(demo, tmp_path)
        assert demo.not_modified >= 5  # every post is young: all revisited, all unchanged
    assert second.articles == [] and second.comments == []
    assert second.record["posts_not_modified"] == demo.not_modified
    # Only the post behind the old permalink's 301 is fetched in full: that link is not a post.
    assert second.record["posts_fetched"] == 1
