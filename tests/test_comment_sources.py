"""Crawls of pages whose comments live on a platform: Disqus, Blogger, Remark42.

The platforms are stand-ins on 127.0.0.1 (``tests/platform_servers.py``) serving the URL
shapes, pagination and error envelopes their documentation gives; the crawl is a real
``scrapy crawl blog`` of one post, with ``ARCHIVER_PLATFORM_ENDPOINTS`` pointing the
adapters at the stand-ins. Every comment must come out once with its parent, the
answers must be in the WARC, and what could not be read must show in summary.json.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests import platform_servers
from tests.conftest import CrawlOutput, run_blog_crawl
from tests.platform_servers import API_KEY, Remark, Threads


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, str, Threads]]:
    with platform_servers.serve() as running:
        yield running


def crawl(tmp_path: Path, servers: tuple[str, str, Threads], path: str, *arguments: str,
          settings: dict[str, Any] | None = None) -> CrawlOutput:
    blog, platform, _ = servers
    endpoints = {"disqus": f"{platform}/api/3.0", "disqus_embed": f"{platform}/embed/comments/"}
    return run_blog_crawl(tmp_path, f"url={blog}{path}", "mode=single", *arguments,
                          settings={"ARCHIVER_PLATFORM_ENDPOINTS": json.dumps(endpoints), **(settings or {})})


def expected(remarks: list[Remark], platform: str) -> dict[str, str | None]:
    """Comment id -> parent id of every comment the public can read."""
    return {f"{platform}:{r.id}": f"{platform}:{r.parent}" if r.parent else None for r in remarks if not r.deleted}


def response_uris(output: CrawlOutput) -> list[tuple[str, int]]:
    """URI and status of every response record (a URI answered twice is listed twice)."""
    uris = []
    for path in (output.folder / "warc").glob("*.warc.gz"):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    uris.append((record.rec_headers.get_header("WARC-Target-URI"),
                                 int(record.http_headers.get_statuscode())))
    return uris


DISQUS_POST = "/2024/03/01/disqus-thread/"


def test_disqus_through_the_api_with_the_operators_key(tmp_path: Path, servers: tuple[str, str, Threads]) -> None:
    """threads/details, then listPosts page after page (the first call told to wait by a 429
    with Retry-After): every readable post once, with its parent; the key is the setting's."""
    out = crawl(tmp_path, servers, DISQUS_POST, settings={"ARCHIVER_DISQUS_API_KEY": API_KEY})
    assert out.returncode == 0, out.log[-2000:]
    want = expected(servers[2].disqus, "disqus")
    got = {c["id"]: c["parent_id"] for c in out.comments}
    assert got == want
    assert all(c["platform"] == "disqus" and "/threads/listPosts.json" in c["source_url"] for c in out.comments)
    by_id = {c["id"]: c for c in out.comments}
    for remark in [r for r in servers[2].disqus if not r.deleted][:5]:
        item = by_id[f"disqus:{remark.id}"]
        assert item["author"] == remark.author
        assert item["published"] == remark.created.isoformat()
        assert item["text"] == "Comment number {} says something & more.".format(remark.text.split()[2])
    assert [a["comment_platforms"] for a in out.articles] == [["disqus"]]
    assert out.articles[0]["comments_found"] == len(want)
    assert out.summary["comment_platforms"] == {"disqus": 1}
    assert out.summary["comment_source_shortfalls"] == []
    assert out.summary["comments_not_in_html"] == []
    statuses = [s for uri, s in response_uris(out) if "listPosts" in uri]
    assert 429 in statuses and statuses.count(200) == 2  # 128 posts: two pages of 100


def test_disqus_embed_page_gives_the_first_posts_and_a_shortfall(tmp_path: Path,
                                                                 servers: tuple[str, str, Threads]) -> None:
    """Without a key but with the embed page allowed for the site: its thread data's posts,
    and the thread's declared size against them in summary.json."""
    out = crawl(tmp_path, servers, DISQUS_POST, "unofficial=disqus")
    assert out.returncode == 0, out.log[-2000:]
    first = servers[2].disqus[:platform_servers.EMBED_POSTS]
    assert {c["id"]: c["parent_id"] for c in out.comments} == expected(first, "disqus")
    declared = len(expected(servers[2].disqus, "disqus"))
    assert out.summary["comment_source_shortfalls"] == [
        {"url": out.articles[0]["canonical_url"] or out.articles[0]["url"], "platform": "disqus",
         "declared": declared, "found": len(out.comments), "errors": []}]


def test_disqus_not_read_without_key_or_permission(tmp_path: Path, servers: tuple[str, str, Threads]) -> None:
    """Neither an API key nor unofficial endpoints: nothing is requested from the platform;
    the post is archived, its platform named, its thread listed as not in the HTML."""
    before = dict(servers[2].hits)
    out = crawl(tmp_path, servers, DISQUS_POST)
    assert out.returncode == 0 and out.comments == []
    assert servers[2].hits.get("/embed/comments/", 0) == before.get("/embed/comments/", 0)
    assert out.summary["comment_platforms"] == {"disqus": 1}
    assert len(out.summary["comments_not_in_html"]) == 1


def test_blogger_json_feed_paged(tmp_path: Path, servers: tuple[str, str, Threads]) -> None:
    out = crawl(tmp_path, servers, "/2024/03/02/blogger-thread/")
    assert out.returncode == 0, out.log[-2000:]
    assert {c["id"]: c["parent_id"] for c in out.comments} == expected(servers[2].blogger, "blogger")
    feeds = [uri for uri, _ in response_uris(out) if "/feeds/8080/comments/default" in uri]
    assert len(feeds) == 2  # 230 comments, 200 a page
    assert out.summary["comment_source_shortfalls"] == []


def test_remark42_find(tmp_path: Path, servers: tuple[str, str, Threads]) -> None:
    out = crawl(tmp_path, servers, "/2024/03/03/remark42-thread/")
    assert out.returncode == 0, out.log[-2000:]
    want = {f"remark42:r{r.id}": f"remark42:r{r.parent}" if r.parent else None for r in servers[2].remark42}
    assert {c["id"]: c["parent_id"] for c in out.comments} == want
    assert [c["position"] for c in out.comments] == list(range(1, len(want) + 1))


def test_no_email_ip_or_avatar_in_the_items(tmp_path: Path, servers: tuple[str, str, Threads]) -> None:
    out = crawl(tmp_path, servers, DISQUS_POST, settings={"ARCHIVER_DISQUS_API_KEY": API_KEY})
    text = (out.folder / "comments.jsonl").read_text(encoding="utf-8")
    assert out.comments
    for secret in ("203.0.113.9", "emailHash", "d41d8cd98f00b204e9800998ecf8427e", "avatar", "noreply@blogger.com"):
        assert secret not in text
