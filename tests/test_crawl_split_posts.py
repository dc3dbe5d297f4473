"""A post split into pages (WordPress's <!--nextpage-->) whose later pages a listing links too.

Many classic themes print a post's full content on the home page, page links included
("Pages: 1 2 3"), so the crawl meets ``/post/2/`` and ``/post/3/`` as ordinary links
while ``/post/`` is still being fetched. Whichever answers first, the article must come
out once, with the body of every page in order and each page's WARC record in ``pages``.
Served over real HTTP on 127.0.0.1; the later pages answer slowly, so the first page is
parsed while they are still on their way (the order that used to lose them).
"""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.conftest import run_blog_crawl
from tests.servers import serve_in_thread

POST = "/2024/03/05/the-long-read/"
PARAGRAPHS = {
    1: "Page one: the river rises in the hills north of the town.",
    2: "Page two: the floods of 1903 changed everything along its banks.",
    3: "Page three: today the river is cleaner than it has been for a century.",
}
SLOW_SECONDS = 1.0


def _page_links(current: int) -> str:
    links = []
    for number in PARAGRAPHS:
        href = POST if number == 1 else f"{POST}{number}/"
        links.append(f'<span class="post-page-numbers current">{number}</span>' if number == current
                     else f'<a class="post-page-numbers" href="{href}">{number}</a>')
    return f'<nav class="post-nav-links"><span class="label">Pages:</span> {" ".join(links)}</nav>'


def _post_page(number: int) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The long read</title></head>
<body><main><article class="post-7 post type-post hentry">
<h1 class="entry-title">The long read</h1>
<div class="entry-meta">By <span class="author vcard"><a class="url fn n" href="/author/ann/">Ann Example</a></span>
<time class="entry-date published" datetime="2024-03-05T09:00:00+01:00">March 5, 2024</time></div>
<div class="entry-content"><p>{PARAGRAPHS[number]}</p>{_page_links(number)}</div>
</article></main></body></html>"""


def _home() -> str:
    """The home page as such themes print it: the post's first page in full, page links too."""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>River Gazette</title></head>
<body><main><h1 class="site-title">River Gazette</h1>
<article class="post-7 post type-post hentry"><h2 class="entry-title"><a href="{POST}">The long read</a></h2>
<div class="entry-content"><p>{PARAGRAPHS[1]}</p>{_page_links(1)}</div></article>
<article class="post-6 post type-post hentry"><h2 class="entry-title"><a href="/2024/03/01/short-note/">A short note</a></h2>
<div class="entry-content"><p>Just a short note.</p></div></article>
</main></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?")[0]
        pages = {"/": _home(), POST: _post_page(1), f"{POST}2/": _post_page(2), f"{POST}3/": _post_page(3),
                 "/2024/03/01/short-note/": _post_page(1).replace(PARAGRAPHS[1], "Just a short note.")
                 .replace("The long read", "A short note").replace(_page_links(1), "")}
        if path not in pages:
            self.send_error(404)
            return
        if path.startswith(POST) and path != POST:
            time.sleep(SLOW_SECONDS)
        body = pages[path].encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_later_pages_linked_from_a_listing_are_stitched_into_the_post(tmp_path: Path) -> None:
    with serve_in_thread(_Handler) as base:
        done = run_blog_crawl(tmp_path, f"url={base}/")
    assert done.returncode == 0, done.log[-3000:]
    split = [a for a in done.articles if a["url"].startswith(base + POST)]
    assert [a["url"] for a in split] == [base + POST], "one article for the post, at its first page"
    article = split[0]
    body = article["body"] or ""
    positions = [body.find(text) for text in PARAGRAPHS.values()]
    assert -1 not in positions, f"body lacks a page: {body!r}"
    assert positions == sorted(positions), f"pages out of order: {body!r}"
    assert [(p["number"], p["url"]) for p in article.get("pages") or []] == [
        (1, base + POST), (2, f"{base}{POST}2/"), (3, f"{base}{POST}3/")]
    assert all(p["warc_record_id"] for p in article["pages"])
