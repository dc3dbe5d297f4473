"""Comments a real WordPress keeps out of its pages, read from its REST API and feeds.

The test WordPress (``tests/wordpress``, Debian's 6.1) is switched so that its pages show
pingbacks and trackbacks but no comment (``php/comment-views.php``), while the REST API
and the comment feeds still hold every comment. A crawl from the home page must archive
every approved comment from the API with author, date, text and parent, every ping from
the HTML, each once; the API's answers must be in the WARC (and play back in pywb). Then
the API is blocked under ``/wp-json/`` (the crawl falls back to ``?rest_route=``) and
closed altogether (the comment feed gives the newest comments, the shortfall is reported).

Needs the same Debian packages as ``tests/test_wordpress.py``.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import CrawlOutput, run_blog_crawl
from tests.test_wordpress import Crawl, check, instant, wordpress_id
from tests.wordpress import Truth, WordPressSite, required, unavailable_reason, visible
from tests.wordpress.availability import REQUIRE_VARIABLE

UNAVAILABLE = unavailable_reason()
if UNAVAILABLE and not required():
    pytest.skip(UNAVAILABLE, allow_module_level=True)

LONG_POST = "council-budget-winners-and-losers"  # 22 comments, more than a feed's ten


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WordPressSite]:
    if UNAVAILABLE:
        pytest.fail(f"{UNAVAILABLE} ({REQUIRE_VARIABLE}=1 requires these tests to run)")
    with WordPressSite(tmp_path_factory.mktemp("wordpress-api")) as running:
        running.configure("twentytwentythree", "asc")
        yield running


@pytest.fixture(scope="module")
def truth(site: WordPressSite) -> Truth:
    return site.truth()


@pytest.fixture(scope="module")
def api_crawl(site: WordPressSite, truth: Truth, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """The whole site crawled while its pages show no comment."""
    site.views(pings_only=True, rest="open")
    output = run_blog_crawl(tmp_path_factory.mktemp("api-crawl"), f"url={site.url}/", timeout=300)
    return Crawl(theme="twentytwentythree", order="asc", output=output, truth=truth)


def _post_crawl(site: WordPressSite, truth: Truth, tmp: Path, rest: str) -> Crawl:
    site.views(pings_only=True, rest=rest)
    post = next(p for p in truth.posts if p.slug == LONG_POST)
    output = run_blog_crawl(tmp, f"url={post.permalink}", "mode=single", timeout=300)
    return Crawl(theme="twentytwentythree", order="asc", output=output, truth=truth)


def _records(output: CrawlOutput) -> list[dict[str, Any]]:
    """Every response record of the crawl's WARCs: URI, status, record id, body."""
    records = []
    for path in sorted((output.folder / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    records.append({"uri": record.rec_headers.get_header("WARC-Target-URI"),
                                    "id": record.rec_headers.get_header("WARC-Record-ID"),
                                    "status": int(record.http_headers.get_statuscode()),
                                    "body": record.content_stream().read(), "file": path.name})
    return records


# --- the pages show no comment: every one comes from the API --------------------------------

def test_pages_show_pings_but_no_comment(site: WordPressSite, truth: Truth, api_crawl: Crawl) -> None:
    """The premise: a post page holds its pings' names and none of its comments' texts."""
    post = next(p for p in truth.posts if p.slug == "mayor-debate-recap")
    with urllib.request.urlopen(post.permalink, timeout=30) as answer:
        page = visible(answer.read().decode("utf-8"), markup=True)
    comments = [c for c in truth.comments_of(post.id) if c.kind == "comment"]
    pings = [c for c in truth.comments_of(post.id) if c.kind != "comment"]
    assert comments and pings
    assert not [c.id for c in comments if visible(c.content, markup=True) in page]
    assert all(visible(p.author) in page for p in pings)


def test_crawl_finishes_cleanly(api_crawl: Crawl) -> None:
    out = api_crawl.output
    assert out.returncode == 0, out.log[-2000:]
    assert out.summary.get("finish_reason") == "finished"
    assert not out.invalid


def test_every_approved_comment_found_once(api_crawl: Crawl) -> None:
    truth = api_crawl.truth
    problems = [f"comment {c.id} ({c.kind} on {truth.post(c.post_id).slug}): found "
                f"{len(api_crawl.comments.get(c.id, []))} times"
                for c in truth.comments if len(api_crawl.comments.get(c.id, [])) != 1]
    hidden = {h["id"] for h in truth.hidden}
    problems += [f"held/spam comment {n} found" for n in api_crawl.comments if n in hidden]
    problems += [f"item {i['id']!r} holds no WordPress id" for i in api_crawl.unmatched_comments]
    check(api_crawl, problems, "approved comments", len(truth.comments))


def test_comments_come_from_the_rest_api(api_crawl: Crawl) -> None:
    """Comments: platform wordpress, id in its id space, read from a /wp/v2/comments answer;
    pings: from the HTML (the anonymous API has none), in the same id space."""
    problems, checked = [], 0
    for comment, item in api_crawl.found_comments():
        checked += 1
        if item.get("id") != f"wordpress:{comment.id}" or item.get("platform") != "wordpress":
            problems.append(f"comment {comment.id}: id {item.get('id')!r}, platform {item.get('platform')!r}")
        from_api = "/wp/v2/comments" in (item.get("source_url") or "")
        if from_api != (comment.kind == "comment"):
            problems.append(f"{comment.kind} {comment.id}: source_url {item.get('source_url')!r}")
    check(api_crawl, problems, "comment sources", checked)


@pytest.mark.parametrize("field", ["author", "author_url", "published", "text", "parent", "depth", "kind"])
def test_comment_fields(api_crawl: Crawl, field: str) -> None:
    truth = api_crawl.truth

    def depth(comment: Any) -> int:
        parent = truth.comment(comment.parent)
        return 1 if parent is None else 1 + depth(parent)

    expected = {"author": lambda c: visible(c.author), "author_url": lambda c: c.author_url or None,
                "published": lambda c: c.instant, "text": lambda c: visible(c.content, markup=True),
                "parent": lambda c: c.parent or None, "depth": depth, "kind": lambda c: c.kind}[field]
    actual = {"author": lambda i: visible(i.get("author")), "author_url": lambda i: i.get("author_url") or None,
              "published": lambda i: instant(i.get("published")), "text": lambda i: visible(i.get("text")),
              "parent": lambda i: wordpress_id(i.get("parent_id")), "depth": lambda i: i.get("depth"),
              "kind": lambda i: i.get("kind")}[field]
    # twentytwentythree shows pings with their date and excerpt, so every field is compared.
    problems = [f"comment {c.id} ({c.kind}): {field} {actual(i)!r}, expected {expected(c)!r}"
                for c, i in api_crawl.found_comments() if expected(c) != actual(i)]
    check(api_crawl, problems, f"comment {field}s", len(list(api_crawl.found_comments())))


def test_thread_order(api_crawl: Crawl) -> None:
    """Positions 1..n per post in the order the site would show the thread (oldest first)."""
    truth = api_crawl.truth
    problems, checked = [], 0
    for post in truth.posts:
        items = sorted((i for i in api_crawl.output.comments if api_crawl.post_of(i.get("article_url")) == post),
                       key=lambda i: i["position"])
        if not items:
            continue
        checked += 1
        got = [wordpress_id(i["id"]) for i in items]
        if [i["position"] for i in items] != list(range(1, len(items) + 1)) or got != truth.thread_order(post.id, "asc"):
            problems.append(f"post {post.slug}: {got}, expected {truth.thread_order(post.id, 'asc')}")
    check(api_crawl, problems, "threads", checked)


def test_summary_lists_the_platform_and_no_shortfall(api_crawl: Crawl) -> None:
    summary = api_crawl.output.summary
    assert summary["comment_platforms"] == {"wordpress": len(api_crawl.truth.posts)}
    assert summary["comment_source_shortfalls"] == []
    assert summary["comment_count_mismatches"] == []
    assert all(a.get("comment_platforms") == ["wordpress"] for a in api_crawl.output.articles)


def test_api_answers_in_the_warc(api_crawl: Crawl) -> None:
    """Each API comment points at the WARC response record of the answer it was read from,
    and that record's JSON holds the comment."""
    records = {r["id"]: r for r in _records(api_crawl.output)}
    api_records = [r for r in records.values() if "/wp/v2/comments" in r["uri"]]
    assert api_records and all(r["status"] == 200 for r in api_records)
    problems, checked = [], 0
    for comment, item in api_crawl.found_comments():
        if comment.kind != "comment":
            continue
        checked += 1
        record = records.get(item.get("warc_record_id"))
        if record is None or record["uri"] != item.get("source_url"):
            problems.append(f"comment {comment.id}: record {item.get('warc_record_id')} not the answer "
                            f"{item.get('source_url')}")
            continue
        if comment.id not in {entry["id"] for entry in json.loads(record["body"])}:
            problems.append(f"comment {comment.id}: not in the archived answer {record['uri']}")
    check(api_crawl, problems, "API comments' records", checked)


def test_api_answers_replay_in_pywb(api_crawl: Crawl, site: WordPressSite, tmp_path: Path) -> None:
    from tests.replay import pywb

    try:
        pywb.ensure_pywb()
    except pywb.PywbUnavailable as error:
        pytest.skip(f"pywb unavailable: {error}")
    answer = next(r for r in _records(api_crawl.output) if "/wp/v2/comments" in r["uri"] and r["status"] == 200)
    warcs = sorted((api_crawl.output.folder / "warc").glob("*.warc.gz"))
    with pywb.replay(warcs, tmp_path / "pywb") as wayback:
        status, text = wayback.fetch(answer["uri"], modifier="id_")
    assert status == 200
    assert json.loads(text) == json.loads(answer["body"])


# --- the API blocked: ?rest_route=, then the comment feed -------------------------------------

def test_rest_route_when_wp_json_is_blocked(site: WordPressSite, truth: Truth,
                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    done = _post_crawl(site, truth, tmp_path_factory.mktemp("no-wp-json"), "no-wp-json")
    post = next(p for p in truth.posts if p.slug == LONG_POST)
    expected = {c.id for c in truth.comments_of(post.id)}
    assert set(done.comments) == expected, done.output.log[-2000:]
    assert all("rest_route=" in (i.get("source_url") or "") for i in done.output.comments)
    records = _records(done.output)
    assert [r["status"] for r in records if "/wp-json/wp/v2/comments" in r["uri"]] == [403]
    assert done.output.summary["comment_source_shortfalls"] == []


def test_comment_feed_when_the_api_is_closed(site: WordPressSite, truth: Truth,
                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    """The feed holds the newest comments only: those are archived (a reply's parent from its
    "In reply to" line), and the post is reported short of its declared count."""
    done = _post_crawl(site, truth, tmp_path_factory.mktemp("closed"), "closed")
    post = next(p for p in truth.posts if p.slug == LONG_POST)
    approved = sorted(truth.comments_of(post.id), key=lambda c: (c.date_gmt, c.id))
    feed = [item for item in done.output.comments if "/feed/" in (item.get("source_url") or "")]
    newest = {c.id for c in approved[-len(feed):]} if feed else set()
    assert 0 < len(feed) < len(approved)
    assert {wordpress_id(i["id"]) for i in feed} == newest
    for item in feed:
        comment = truth.comment(wordpress_id(item["id"]) or 0)
        assert comment is not None and visible(item["text"]) == visible(comment.content, markup=True)
        assert instant(item["published"]) == comment.instant and visible(item["author"]) == visible(comment.author)
        assert wordpress_id(item["parent_id"]) == (comment.parent or None)  # "In reply to" names it
    summary = done.output.summary
    assert [m["declared"] for m in summary["comment_count_mismatches"]] == [len(approved)]
    (gap,) = summary["comment_source_shortfalls"]
    assert gap["platform"] == "wordpress" and gap["found"] == len(feed) and any("401" in e for e in gap["errors"])
