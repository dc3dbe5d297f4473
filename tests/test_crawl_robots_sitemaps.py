"""Posts that no listing reaches, found through the sitemaps robots.txt names.

A theme may print no pagination (the home page shows the newest post and nothing leads to
the older ones), but WordPress 5.5 and later names its sitemap in robots.txt
(``Sitemap: …/wp-sitemap.xml``), as do most news sites. With ``follow=site`` the crawl
reads those sitemaps too; ``-a sitemaps=off`` and the narrower follow modes do not.
Served over real HTTP on 127.0.0.1.
"""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from scrapy.settings import Settings

from spiders.options import CrawlOptions
from tests.conftest import CrawlOutput, run_blog_crawl
from tests.servers import serve_in_thread

POSTS = {
    "/2024/05/03/bridge-reopens/": "Bridge reopens",
    "/2024/04/20/market-hall-plans/": "Market hall plans",
    "/2024/04/02/school-year-dates/": "School year dates",
}
NEWEST = "/2024/05/03/bridge-reopens/"
ELSEWHERE = "http://sitemaps.invalid/sitemap.xml"  # another host: out of scope, never asked for


def _post(path: str) -> str:
    title = POSTS[path]
    day = path[1:11].replace("/", "-")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body class="single postid-{len(path)}"><main><article class="post type-post hentry">
<h1 class="entry-title">{title}</h1>
<div class="entry-meta">By <span class="author vcard"><a class="url fn n" href="/author/lee/">Lee Example</a></span>
<time class="entry-date published" datetime="{day}T08:00:00+02:00">{day}</time></div>
<div class="entry-content"><p>{title}: what the council decided and what happens next.</p></div>
</article></main></body></html>"""


def _home() -> str:
    """The newest post's teaser, and no link to any older post or page of posts."""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Town Gazette</title></head>
<body class="home blog"><main><h1 class="site-title">Town Gazette</h1>
<article class="post type-post hentry"><h2 class="entry-title"><a href="{NEWEST}">{POSTS[NEWEST]}</a></h2>
<p>{POSTS[NEWEST]}: what the council decided.</p></article></main></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        base = f"http://{self.headers['Host']}"
        path = self.path.split("?")[0]
        if path == "/robots.txt":
            body, kind = (f"User-agent: *\nDisallow: /wp-admin/\n\nSitemap: {base}/wp-sitemap.xml\n"
                          f"Sitemap: {ELSEWHERE}\n"), "text/plain"
        elif path == "/wp-sitemap.xml":
            body, kind = ('<?xml version="1.0" encoding="UTF-8"?>'
                          '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                          f"<sitemap><loc>{base}/wp-sitemap-posts-post-1.xml</loc></sitemap></sitemapindex>"), "application/xml"
        elif path == "/wp-sitemap-posts-post-1.xml":
            urls = "".join(f"<url><loc>{base}{post}</loc></url>" for post in POSTS)
            body, kind = ('<?xml version="1.0" encoding="UTF-8"?>'
                          f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'), "application/xml"
        elif path == "/":
            body, kind = _home(), "text/html; charset=utf-8"
        elif path in POSTS:
            body, kind = _post(path), "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def _crawl(tmp_path: Path, *arguments: str) -> tuple[str, CrawlOutput]:
    with serve_in_thread(_Handler) as base:
        done = run_blog_crawl(tmp_path, f"url={base}/", *arguments)
    assert done.returncode == 0, done.log[-3000:]
    return base, done


def _titles(done: CrawlOutput) -> list[str]:
    return sorted(a["title"] for a in done.articles)


def test_posts_no_listing_reaches_come_from_the_sitemaps_robots_txt_names(tmp_path: Path) -> None:
    base, done = _crawl(tmp_path)
    assert _titles(done) == sorted(POSTS.values())
    assert {a["url"] for a in done.articles} == {base + path for path in POSTS}
    assert f"Reading 1 sitemap(s) that robots.txt names: {base}/wp-sitemap.xml" in done.log
    assert "sitemaps.invalid" not in done.log.replace(f"Sitemap: {ELSEWHERE}", "")
    assert done.summary["pages"]["sitemap"] == 2  # the index and its post sitemap


@pytest.mark.parametrize("argument", ["sitemaps=off", "follow=listing"])
def test_without_sitemaps_only_the_listed_post_is_found(tmp_path: Path, argument: str) -> None:
    _base, done = _crawl(tmp_path, argument)
    assert _titles(done) == [POSTS[NEWEST]]
    assert done.summary["pages"]["sitemap"] == 0


def test_a_sitemaps_argument_that_is_no_switch_is_refused() -> None:
    with pytest.raises(ValueError, match="sitemaps must be on or off"):
        CrawlOptions.read({"sitemaps": "maybe"}, Settings({"ARCHIVER_ROBOTS_SITEMAPS": True}))
    assert CrawlOptions.read({}, Settings({"ARCHIVER_ROBOTS_SITEMAPS": False})).robots_sitemaps is False
    assert CrawlOptions.read({"sitemaps": "on"}, Settings({"ARCHIVER_ROBOTS_SITEMAPS": False})).robots_sitemaps is True
