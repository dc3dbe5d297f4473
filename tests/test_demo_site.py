"""The demo blog serves what its model says, with the HTTP behaviours crawls must handle."""

from __future__ import annotations

import gzip
import http.client
import subprocess
import sys
import urllib.request
from urllib.parse import urlsplit

import feedparser
from scrapy.utils.sitemap import Sitemap

from archiver.demo import DemoServer, build_site
from archiver.demo.model import SiteModel


def fetch(demo: DemoServer, path: str, gzip_ok: bool = False) -> http.client.HTTPResponse:
    parts = urlsplit(demo.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    connection.request("GET", path, headers=headers)
    return connection.getresponse()


def test_same_seed_same_site_other_seed_other_site() -> None:
    first, again, other = build_site(seed=7), build_site(seed=7), build_site(seed=8)
    assert [p.title for p in first.posts] == [p.title for p in again.posts]
    assert [c.id for p in first.posts for c, _ in p.flat_comments()] == [
        c.id for p in again.posts for c, _ in p.flat_comments()]
    assert [p.title for p in first.posts] != [p.title for p in other.posts]


def test_size_is_configurable_and_covers_the_cases() -> None:
    site: SiteModel = build_site(posts=6, comments=30)
    assert len(site.posts) == 6
    assert 28 <= site.comment_total <= 32
    assert site.multi_page_posts(), "one post must have several comment pages"
    assert any(depth > 1 for p in site.posts for _, depth in p.flat_comments()), "nested replies"
    assert any(c.kind == "pingback" for p in site.posts for c, _ in p.flat_comments())
    assert any(c.author_url for p in site.posts for c, _ in p.flat_comments())


def test_post_page_declares_total_and_links_older_comments(demo_site: DemoServer) -> None:
    post = demo_site.model.multi_page_posts()[0]
    pages = demo_site.model.comment_pages(post)
    reply = fetch(demo_site, post.path)
    html = reply.read().decode("utf-8")
    assert reply.status == 200
    assert reply.getheader("Content-Type") == "text/html; charset=UTF-8"
    assert f"soundoff ({post.comment_count} Responses)" in html
    assert f"{post.path}comment-page-{len(pages) - 1}/#comments" in html
    for thread in pages[-1]:
        assert f'id="{thread.id}"' in html
    assert f'id="{pages[0][0].id}"' not in html


def test_gzip_only_when_accepted(demo_site: DemoServer) -> None:
    plain = fetch(demo_site, "/")
    assert plain.getheader("Content-Encoding") is None
    body = plain.read()
    packed = fetch(demo_site, "/", gzip_ok=True)
    assert packed.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.read()) == body


def test_chunked_post(demo_site: DemoServer) -> None:
    reply = fetch(demo_site, demo_site.model.chunked_post.path, gzip_ok=True)
    assert reply.getheader("Transfer-Encoding") == "chunked"
    assert reply.getheader("Content-Length") is None
    assert demo_site.model.chunked_post.title.encode() in reply.read()


def test_redirect_404_and_robots(demo_site: DemoServer) -> None:
    model = demo_site.model
    moved = fetch(demo_site, model.redirect_path)
    assert moved.status == 301
    assert moved.getheader("Location") == demo_site.url + model.redirect_target.path
    assert fetch(demo_site, model.missing_path).status == 404
    robots = fetch(demo_site, "/robots.txt").read().decode()
    assert f"Disallow: {model.private_section}" in robots
    assert model.private_path.startswith(model.private_section)
    assert f'href="{model.private_path}"' in fetch(demo_site, "/").read().decode()


def test_archive_pagination_reaches_every_post(demo_site: DemoServer) -> None:
    model = demo_site.model
    pages = model.listing_pages(model.posts)
    assert len(pages) > 1
    last = fetch(demo_site, f"/page/{len(pages)}/").read().decode()
    assert model.posts[-1].path in last
    assert "Older posts" in fetch(demo_site, "/").read().decode()
    assert fetch(demo_site, f"/page/{len(pages) + 1}/").status == 404


def test_feed_and_sitemaps(demo_site: DemoServer) -> None:
    model = demo_site.model
    feed = feedparser.parse(fetch(demo_site, "/feed/").read())
    assert [e.link for e in feed.entries] == [demo_site.url + p.path for p in model.feed_posts()]
    index = Sitemap(fetch(demo_site, "/sitemap.xml").read())
    assert index.type == "sitemapindex"
    (child,) = [entry["loc"] for entry in index]
    urls = Sitemap(fetch(demo_site, urlsplit(child).path).read())
    assert sorted(e["loc"] for e in urls) == sorted(demo_site.url + p.path for p in model.posts)


def test_category_listing_lists_its_posts(demo_site: DemoServer) -> None:
    name, posts = next(iter(demo_site.model.categories().items()))
    from archiver.demo.model import slugify

    html = fetch(demo_site, f"/category/{slugify(name)}/").read().decode()
    for post in posts[: demo_site.model.posts_per_page]:
        assert post.path in html


def test_module_prints_url_and_serves() -> None:
    process = subprocess.Popen([sys.executable, "-m", "archiver.demo", "--port", "0", "--posts", "3"],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "/robots.txt", timeout=10) as reply:
            assert b"Disallow" in reply.read()
    finally:
        process.terminate()
        process.wait(timeout=10)
