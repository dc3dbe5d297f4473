"""A URL is fetched once per crawl, whatever mix of links, redirects and refreshes leads to it.

A real ``scrapy crawl blog`` runs against a small site served here whose posts are also
reached through 301s and 302s, meta-refresh chains, redirect loops and a comment page
that redirects to its post. The server counts the requests per path, and the WARC must
hold one response record per URL (no ``revisit`` of a page fetched twice). A cookie
check, a redirect to the same URL that sets the cookie it asks for, is the one URL
asked twice: the second request differs.
"""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import CrawlOutput, run_blog_crawl
from tests.hostile_site import comment_li, comment_list, post_html
from tests.servers import serve_in_thread

ONE = "/2024/03/05/post-one/"
TWO = "/2024/03/06/post-two/"
THREE = "/2024/03/07/post-three/"
FOUR = "/2024/03/08/post-four/"
RELOADING = "/2024/03/09/reloading-post/"
COOKIE_CHECK = "/2024/03/10/behind-a-cookie-check/"  # redirects to itself, setting the cookie it then wants


def _refresh(to: str, delay: int = 0) -> str:
    return (f'<html><head><meta http-equiv="refresh" content="{delay}; url={to}"><title>Moved</title></head>'
            f'<body><p>This page moved to <a href="{to}">{to}</a>.</p></body></html>')


def _listing(paths: list[str]) -> str:
    entries = "".join(f'<article class="post hentry"><h2 class="entry-title"><a href="{p}" rel="bookmark">{p}</a>'
                      "</h2></article>" for p in paths)
    return f"<html><head><title>Redirecting blog</title></head><body>{entries}</body></html>"


def _post_three(page: int) -> str:
    """Comments on two pages; the post URL shows page 1, whose own URL redirects to the post."""
    if page == 2:
        comments = (comment_li("31", "Ann", "Third comment.") + comment_li("32", "Bob", "Fourth comment.")
                    + f'<div class="nav-links"><a class="prev" href="{THREE}comment-page-1/#comments">'
                    "Older comments</a></div>")
    else:
        comments = (comment_li("11", "Cid", "First comment.") + comment_li("12", "Dee", "Second comment.")
                    + f'<div class="nav-links"><a class="next" href="{THREE}comment-page-2/#comments">'
                    "Newer comments</a></div>")
    return post_html("Post three", "<p>Comments on two pages.</p>", comment_list(comments, declared=4))


ROUTES: dict[str, tuple[int, dict[str, str], str]] = {
    "/robots.txt": (200, {"Content-Type": "text/plain"}, "User-agent: *\nDisallow:\n"),
    "/": (200, {}, _listing(["/old/", "/refresh/", ONE, "/old-a/", "/old-b/", "/loop-a/", "/loop-b/", "/self/",
                             "/early/", THREE, RELOADING, "/refresh-to-two/", COOKIE_CHECK])),
    # post one: linked, behind a 301 and at the end of a two-step refresh chain
    "/old/": (301, {"Location": ONE}, ""),
    "/refresh/": (200, {}, _refresh("/refresh-2/")),
    "/refresh-2/": (200, {}, _refresh(ONE)),
    ONE: (200, {}, post_html("Post one", f'<p>Body one. See <a href="{FOUR}">the fourth post</a>.</p>',
                             comment_list(comment_li("1", "Ann", "Hello.")))),
    # post two: never linked, reached by a 301, a 302 and a refresh
    "/old-a/": (301, {"Location": TWO}, ""),
    "/old-b/": (302, {"Location": TWO}, ""),
    "/refresh-to-two/": (200, {}, _refresh(TWO)),
    TWO: (200, {}, post_html("Post two", "<p>Body two.</p>")),
    # redirect loops: two linked URLs redirecting to each other, and one to itself
    "/loop-a/": (302, {"Location": "/loop-b/"}, ""),
    "/loop-b/": (302, {"Location": "/loop-a/"}, ""),
    "/self/": (301, {"Location": "/self/"}, ""),
    # post four: a 301 target linked from post one's page as well
    "/early/": (301, {"Location": FOUR}, ""),
    FOUR: (200, {}, post_html("Post four", "<p>Body four.</p>")),
    # post three: its comment page 1 redirects to the post URL, fetched already
    THREE: (200, {}, _post_three(1)),
    f"{THREE}comment-page-2/": (200, {}, _post_three(2)),
    f"{THREE}comment-page-1/": (301, {"Location": THREE}, ""),
    # a post that reloads itself every 30 seconds: a page, not a redirect
    COOKIE_CHECK: (200, {}, post_html("Post behind a cookie check", "<p>Seen with the cookie.</p>")),
    RELOADING: (200, {}, post_html("Reloading post", "<p>Reloads itself.</p>", meta=f'<meta http-equiv="refresh" '
                                   f'content="30; url={RELOADING}">')),
}


class RedirectingSite:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()

    def handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = self.path.partition("?")[0]
                with site._lock:
                    site.hits[path] += 1
                status, headers, text = ROUTES.get(path, (404, {}, "Not found"))
                if path == COOKIE_CHECK and "checked=1" not in (self.headers.get("Cookie") or ""):
                    status, headers, text = 302, {"Location": COOKIE_CHECK, "Set-Cookie": "checked=1; Path=/"}, ""
                body = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", headers.get("Content-Type", "text/html; charset=utf-8"))
                for name, value in headers.items():
                    if name != "Content-Type":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlOutput, Counter[str], str]:
    site = RedirectingSite()
    with serve_in_thread(site.handler()) as base:
        output = run_blog_crawl(tmp_path_factory.mktemp("redirects"), f"url={base}/")
    assert output.returncode == 0, output.log[-3000:]
    return output, site.hits, base


def _warc_records(folder: Path, base: str) -> Counter[tuple[str, str]]:
    records: Counter[tuple[str, str]] = Counter()
    for path in sorted((folder / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("response", "revisit"):
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    records[(record.rec_type, uri.removeprefix(base))] += 1
    return records


def test_every_url_is_fetched_once(crawled: tuple[CrawlOutput, Counter[str], str]) -> None:
    _, hits, _ = crawled
    # The cookie check answers a first time with a redirect to itself: the one URL asked twice.
    assert {path: count for path, count in hits.items() if count != 1} == {COOKIE_CHECK: 2}
    assert set(hits) == set(ROUTES), "every route was reached"


def test_the_warc_holds_one_response_per_url_and_no_revisit(crawled: tuple[CrawlOutput, Counter[str], str]) -> None:
    output, _, base = crawled
    records = _warc_records(output.folder, base)
    assert [key for key in records if key[0] == "revisit"] == []
    assert {key: count for key, count in records.items() if count != 1} == {("response", COOKIE_CHECK): 2}
    assert {path for _, path in records} == set(ROUTES)


def test_posts_are_archived_once_with_their_comments(crawled: tuple[CrawlOutput, Counter[str], str]) -> None:
    output, _, base = crawled
    urls = Counter(a["url"].removeprefix(base) for a in output.articles)
    assert urls == Counter([ONE, TWO, THREE, FOUR, RELOADING, COOKIE_CHECK])
    three = [c for c in output.comments if c["article_url"].endswith(THREE)]
    assert [c["text"] for c in three] == ["First comment.", "Second comment.", "Third comment.", "Fourth comment."]
    assert output.summary["posts"] == 6


def test_redirect_loops_are_counted_without_refetching(crawled: tuple[CrawlOutput, Counter[str], str]) -> None:
    output, hits, _ = crawled
    assert hits["/loop-a/"] == hits["/loop-b/"] == hits["/self/"] == 1
    errors = output.summary["errors"]
    assert errors.get("redirect_loop") == 3, errors  # /loop-a/, /loop-b/ and /self/: none reaches a page
    assert "ignored" not in errors, "a redirect to a page fetched anyway is no error"
