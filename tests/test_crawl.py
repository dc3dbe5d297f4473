"""End to end: ``scrapy crawl blog`` against the demo blog finds exactly what the model holds.

Each crawl is a real subprocess over real HTTP on 127.0.0.1; the expected values come from
the demo's site model, never from a previous run.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from archiver.demo import DemoServer
from archiver.demo.model import DemoPost, slugify
from tests.conftest import CrawlOutput, run_blog_crawl


class Crawl:
    """A crawl's output plus the server requests it caused."""

    def __init__(self, output: CrawlOutput, hits: Counter[str]) -> None:
        self.output = output
        self.hits = hits


def crawl(demo: DemoServer, folder: Path, *arguments: str) -> Crawl:
    before = Counter(demo.hits)
    gzipped, chunked = demo.gzipped, demo.chunked
    output = run_blog_crawl(folder, *arguments)
    assert output.returncode == 0, output.log[-3000:]
    hits = Counter(demo.hits)
    hits.subtract(before)
    hits["(gzip)"] = demo.gzipped - gzipped
    hits["(chunked)"] = demo.chunked - chunked
    return Crawl(output, hits)


@pytest.fixture(scope="module")
def full(demo_site: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    return crawl(demo_site, tmp_path_factory.mktemp("full"), f"url={demo_site.url}/")


def articles_by_path(output: CrawlOutput, base: str) -> dict[str, dict]:
    return {a["url"].removeprefix(base): a for a in output.articles}


def test_every_post_and_comment_once(full: Crawl, demo_site: DemoServer) -> None:
    model = demo_site.model
    out = full.output
    assert sorted(articles_by_path(out, demo_site.url)) == sorted(p.path for p in model.posts)
    assert len(out.comments) == model.comment_total
    assert len({c["id"] for c in out.comments}) == len(out.comments)
    assert out.invalid == []
    assert out.summary["posts"] == len(model.posts)
    assert out.summary["comments"] == model.comment_total
    assert out.summary["comment_count_mismatches"] == []


def test_complete_comments_give_no_warning(full: Crawl) -> None:
    """Every demo comment has an author, a date and a text: nothing counted, no warning."""
    summary = full.output.summary
    assert (summary["comments_without_author"], summary["comments_without_date"],
            summary["comment_records_dropped"], summary["posts_with_incomplete_comments"]) == (0, 0, 0, [])
    assert "Comments incomplete" not in full.output.log


def test_article_fields(full: Crawl, demo_site: DemoServer) -> None:
    found = articles_by_path(full.output, demo_site.url)
    for post in demo_site.model.posts:
        article = found[post.path]
        assert article["title"] == post.title
        assert article["published"] == post.published.isoformat()
        assert article["authors"] == post.authors
        assert sorted(article["tags"]) == sorted(post.tags)
        assert sorted(article["categories"]) == sorted(post.categories)
        assert article["comment_count"] == article["comments_found"] == post.comment_count
        assert post.paragraphs[-1] in article["body"]


def expected_thread(post: DemoPost) -> list[tuple]:
    return [
        (c.id, f"comment-{c.parent}" if c.parent else None, depth, position, c.kind, c.author, c.text)
        for position, (c, depth) in enumerate(post.flat_comments(), start=1)
    ]


def test_threads_stitched_across_comment_pages(full: Crawl, demo_site: DemoServer) -> None:
    by_article: dict[str, list[dict]] = {}
    for comment in full.output.comments:
        by_article.setdefault(comment["article_url"].removeprefix(demo_site.url), []).append(comment)
    assert demo_site.model.multi_page_posts()
    for post in demo_site.model.posts:
        got = sorted(by_article.get(post.path, []), key=lambda c: c["position"])
        assert [(c["id"], c["parent_id"], c["depth"], c["position"], c["kind"], c["author"], c["text"])
                for c in got] == expected_thread(post), post.path


def test_comment_pages_fetched_and_recorded(full: Crawl, demo_site: DemoServer) -> None:
    post = demo_site.model.multi_page_posts()[0]
    pages = len(demo_site.model.comment_pages(post))
    comments = [c for c in full.output.comments if c["article_url"] == demo_site.url + post.path]
    page_urls = {c["page_url"] for c in comments}
    assert page_urls == {f"{demo_site.url}{post.path}comment-page-{n}/" for n in range(1, pages + 1)}
    for n in range(1, pages + 1):
        assert full.hits[f"{post.path}comment-page-{n}/"] == 1


def test_politeness_redirects_errors_and_encodings(full: Crawl, demo_site: DemoServer) -> None:
    model = demo_site.model
    assert full.hits["/robots.txt"] == 1
    assert full.hits[model.private_path] == 0, "robots.txt disallows it"
    assert full.hits[model.redirect_path] == 1
    assert full.hits[model.missing_path] == 1
    assert full.output.summary["errors"] == {"http_404": 1, "robots": 1}
    assert full.hits["(gzip)"] > len(model.posts)
    assert full.hits["(chunked)"] >= 1
    assert demo_site.url + model.chunked_post.path in {a["url"] for a in full.output.articles}
    twice = {path for path, count in full.hits.items() if count > 1 and not path.startswith("(")}
    # Every URL once, the redirect's target too (linked directly and reached through the old slug).
    assert twice == set(), twice
    assert full.hits[model.redirect_target.path] == 1


def test_summary_lists_files(full: Crawl) -> None:
    assert {"articles.jsonl", "comments.jsonl", "summary.json"} <= set(full.output.summary["files"])
    assert "Crawl summary" in full.output.log


def test_start_from_feed_listing_mode(demo_site: DemoServer, tmp_path: Path) -> None:
    done = crawl(demo_site, tmp_path, f"url={demo_site.url}/feed/", "follow=listing")
    expected = [p.path for p in demo_site.model.feed_posts()]
    assert sorted(articles_by_path(done.output, demo_site.url)) == sorted(expected)
    assert len(done.output.comments) == sum(p.comment_count for p in demo_site.model.feed_posts())


def test_start_from_sitemap(demo_site: DemoServer, tmp_path: Path) -> None:
    done = crawl(demo_site, tmp_path, f"url={demo_site.url}/sitemap.xml", "follow=none")
    assert sorted(articles_by_path(done.output, demo_site.url)) == sorted(p.path for p in demo_site.model.posts)
    assert done.hits["/"] == 0, "follow=none: no listing pages"


def test_start_from_category_page(demo_site: DemoServer, tmp_path: Path) -> None:
    name, posts = max(demo_site.model.categories().items(), key=lambda item: len(item[1]))
    done = crawl(demo_site, tmp_path, f"url={demo_site.url}/category/{slugify(name)}/", "follow=listing")
    assert sorted(articles_by_path(done.output, demo_site.url)) == sorted(p.path for p in posts)
    for article in done.output.articles:
        assert name in article["categories"]


def test_single_post_and_since(demo_site: DemoServer, tmp_path: Path) -> None:
    post = demo_site.model.multi_page_posts()[0]
    done = crawl(demo_site, tmp_path / "one", f"url={demo_site.url}{post.path}", "mode=single")
    assert [a["url"] for a in done.output.articles] == [demo_site.url + post.path]
    assert len(done.output.comments) == post.comment_count
    assert sum(v for k, v in done.hits.items() if not k.startswith("(")) == 2 + len(demo_site.model.comment_pages(post))

    middle = demo_site.model.posts[len(demo_site.model.posts) // 2]
    since = middle.published.date().isoformat()
    later = crawl(demo_site, tmp_path / "since", f"url={demo_site.url}/sitemap.xml", "follow=none", f"since={since}")
    expected = [p.path for p in demo_site.model.posts if p.published.date() >= middle.published.date()]
    assert sorted(articles_by_path(later.output, demo_site.url)) == sorted(expected)


def test_max_pages_and_deny(demo_site: DemoServer, tmp_path: Path) -> None:
    model = demo_site.model
    done = crawl(demo_site, tmp_path, f"url={demo_site.url}/", "max_pages=4", "deny=/(?:tag|category)/")
    # The home page plus three posts; the newest post's comment pages do not count.
    assert sorted(a["url"] for a in done.output.articles) == sorted(demo_site.url + p.path for p in model.posts[:3])
    assert sum(1 for c in done.output.comments if c["article_url"].endswith(model.posts[0].path)) == model.posts[0].comment_count
    assert not [path for path, n in done.hits.items() if n and ("/tag/" in path or "/category/" in path)]


def test_start_from_a_comment_page_archives_the_whole_post(demo_site: DemoServer, tmp_path: Path) -> None:
    post = demo_site.model.multi_page_posts()[0]
    done = crawl(demo_site, tmp_path, f"url={demo_site.url}{post.path}comment-page-2/", "mode=single")
    assert [a["url"] for a in done.output.articles] == [demo_site.url + post.path]
    assert [c["id"] for c in sorted(done.output.comments, key=lambda c: c["position"])] == [
        c.id for c, _ in post.flat_comments()]


def _without_capture(items: list[dict]) -> list[dict]:
    """Items minus where and when they were captured (two crawls differ only there)."""
    volatile = ("warc_file", "warc_record_id", "warc_offset", "fetched_at")
    return sorted(({k: v for k, v in item.items() if k not in volatile} for item in items),
                  key=lambda item: (item.get("id") or "", item.get("url") or ""))


def test_in_process_parsing_and_an_item_per_comment_give_the_same_output(
        full: Crawl, demo_site: DemoServer, tmp_path: Path) -> None:
    """The default crawl parses in a worker process and yields a bundle per post; parsing in
    the crawling process with one Scrapy item per article and comment writes the same files."""
    assert "parse worker" not in full.output.log.lower()  # the pool ran without falling back
    plain = run_blog_crawl(tmp_path, f"url={demo_site.url}/",
                           settings={"ARCHIVER_PARSE_WORKERS": 0, "ARCHIVER_ITEMS": "each"})
    assert plain.returncode == 0, plain.log[-3000:]
    assert _without_capture(plain.articles) == _without_capture(full.output.articles)
    assert _without_capture(plain.comments) == _without_capture(full.output.comments)
    assert f"'item_scraped_count': {len(plain.articles) + len(plain.comments)}" in plain.log
    assert f"'item_scraped_count': {len(full.output.articles)}" in full.output.log
