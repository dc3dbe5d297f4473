"""Local stand-ins for comment platforms, serving their documented URL shapes on 127.0.0.1.

Two real HTTP servers (threads of the test process): a **blog** whose post pages embed
Disqus, Blogger and Remark42 threads the way those platforms' snippets do (and which also
serves Blogger's JSON comment feed, as blogspot hosts do), and a **platform host** standing
in for disqus.com (the embed page with its ``disqus-threadData`` script, the public API's
``threads/details`` and ``threads/listPosts`` with cursors, API keys and the API's error
envelope) and for a Remark42 server (``/api/v1/find``). The threads are generated from a
seed; :class:`Threads` holds them, so tests know every comment and its parent.

``python -m tests.platform_servers`` serves both until Ctrl-C and prints their URLs.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.servers import serve_in_thread

API_KEY = "operator-test-key"
EMBED_POSTS = 50  # posts the embed page carries, as Disqus's does
DISQUS_SHORTNAME = "lakeside-test"


@dataclass
class Remark:
    """One comment of a generated thread: its id, parent id (or None), author, time, text."""

    id: int
    parent: int | None
    author: str
    created: datetime
    text: str
    deleted: bool = False


@dataclass
class Threads:
    """The generated threads, by platform: what the servers serve and the tests expect."""

    disqus: list[Remark] = field(default_factory=list)
    blogger: list[Remark] = field(default_factory=list)
    remark42: list[Remark] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)

    @classmethod
    def generate(cls, seed: int = 7, disqus: int = 130, blogger: int = 230, remark42: int = 12) -> Threads:
        rng = random.Random(seed)
        return cls(disqus=_thread(rng, disqus, 5_000_000, deleted=(3, 40)), blogger=_thread(rng, blogger, 7_000),
                   remark42=_thread(rng, remark42, 900))


def _thread(rng: random.Random, size: int, first_id: int, deleted: tuple[int, ...] = ()) -> list[Remark]:
    start = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    remarks: list[Remark] = []
    for n in range(size):
        parent = remarks[rng.randrange(len(remarks))].id if remarks and rng.random() < 0.4 else None
        remarks.append(Remark(first_id + n * 3, parent, f"Reader {rng.randrange(40)}",
                              start + timedelta(minutes=37 * n), f"Comment number {n} says <b>something</b> &amp; more.",
                              deleted=n in deleted))
    return remarks


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def disqus_post(remark: Remark) -> dict[str, Any]:
    """A post as Disqus's API and embed data give it (fields an archiver must not keep too)."""
    return {"id": str(remark.id), "parent": remark.parent, "createdAt": _iso(remark.created),
            "message": "" if remark.deleted else f"<p>{remark.text}</p>", "raw_message": remark.text,
            "isDeleted": remark.deleted, "isSpam": False, "isApproved": True, "forum": DISQUS_SHORTNAME,
            "thread": "9001", "author": {"name": remark.author, "username": remark.author.lower().replace(" ", ""),
                                         "profileUrl": f"https://disqus.com/by/{remark.author.lower().replace(' ', '')}/",
                                         "url": "", "avatar": {"permalink": "https://avatar.invalid/x.jpg"},
                                         "emailHash": "d41d8cd98f00b204e9800998ecf8427e"},
            "ipAddress": "203.0.113.9"}


def _page(title: str, head: str, body: str) -> bytes:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
            f"<article class='post'><h1>{title}</h1><p class='byline'>By Staff</p>"
            f"<div class='entry-content'><p>{title}: the article's text, long enough to be a body.</p></div>"
            f"</article>{body}</body></html>").encode()


def blog_handler(threads: Threads, platform_url: str) -> type[BaseHTTPRequestHandler]:
    class Blog(_Handler):
        def route(self, path: str, query: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]]:
            if path == "/2024/03/01/disqus-thread/":
                script = (f"<div id='disqus_thread'></div><script>var disqus_config = function () {{ "
                          f"this.page.url = '{self.base}{path}'; this.page.identifier = 'post-17'; }};"
                          f"(function() {{ var d = document, s = d.createElement('script'); "
                          f"s.src = 'https://{DISQUS_SHORTNAME}.disqus.com/embed.js'; }})();</script>")
                return 200, "text/html; charset=utf-8", _page("Disqus thread", "", script), {}
            if path == "/2024/03/02/blogger-thread/":
                head = ("<meta content='blogger' name='generator'/><link rel='service.post' type='application/atom+xml'"
                        " href='https://www.blogger.com/feeds/424242/posts/default'/>")
                body = "<div class='post-body entry-content' id='post-body-8080'></div>"
                return 200, "text/html; charset=utf-8", _page("Blogger thread", head, body), {}
            if path == "/feeds/8080/comments/default":
                return 200, "application/json; charset=utf-8", _blogger_feed(threads.blogger, query, self.base), {}
            if path == "/2024/03/03/remark42-thread/":
                script = (f"<div id='remark42'></div><script>var remark_config = {{ host: '{platform_url}', "
                          f"site_id: 'lakeside', url: '{self.base}{path}' }};</script>")
                return 200, "text/html; charset=utf-8", _page("Remark42 thread", "", script), {}
            return 404, "text/plain", b"not found", {}

    Blog.threads = threads
    return Blog


def platform_handler(threads: Threads) -> type[BaseHTTPRequestHandler]:
    class PlatformHost(_Handler):
        def route(self, path: str, query: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]]:
            if path == "/embed/comments/":
                return _disqus_embed(threads.disqus, query)
            if path.startswith("/api/3.0/"):
                return _disqus_api(threads, path, query)
            if path == "/api/v1/find":
                return _remark42(threads.remark42, query)
            return 404, "text/plain", b"not found", {}

    PlatformHost.threads = threads
    return PlatformHost


class _Handler(BaseHTTPRequestHandler):
    threads: Threads

    @property
    def base(self) -> str:
        return f"http://{self.headers.get('Host')}"

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        key = parts.path
        self.threads.hits[key] = self.threads.hits.get(key, 0) + 1
        status, kind, body, headers = self.route(parts.path, parse_qs(parts.query))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def route(self, path: str, query: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]]:
        raise NotImplementedError

    def log_message(self, *args: Any) -> None:
        pass


def _json(status: int, data: Any, headers: dict[str, str] | None = None) -> tuple[int, str, bytes, dict[str, str]]:
    return status, "application/json; charset=utf-8", json.dumps(data).encode(), headers or {}


def _disqus_embed(thread: list[Remark], query: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]]:
    if query.get("f") != [DISQUS_SHORTNAME] or query.get("t_i") != ["post-17"]:
        return 404, "text/html", b"<html><body>Thread not found</body></html>", {}
    data = {"code": 0, "response": {"thread": {"id": "9001", "posts": len([r for r in thread if not r.deleted]),
                                               "identifiers": ["post-17"], "forum": DISQUS_SHORTNAME},
                                    "posts": [disqus_post(r) for r in thread[:EMBED_POSTS]],
                                    "cursor": {"hasNext": len(thread) > EMBED_POSTS, "next": f"{EMBED_POSTS}:0:0",
                                               "prev": None}}}
    page = (f"<!DOCTYPE html><html><head><title>Disqus Comments</title></head><body><div id='layout'></div>"
            f"<script type='text/json' id='disqus-forumData'>{{\"code\": 0}}</script>"
            f"<script type='text/json' id='disqus-threadData'>{json.dumps(data)}</script></body></html>")
    return 200, "text/html; charset=utf-8", page.encode(), {}


def _disqus_api(threads: Threads, path: str, query: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]]:
    if query.get("api_key") != [API_KEY]:
        return _json(400, {"code": 5, "response": "Invalid API key"})
    if path == "/api/3.0/threads/details.json":
        if query.get("forum") != [DISQUS_SHORTNAME] or query.get("thread:ident") != ["post-17"]:
            return _json(400, {"code": 2, "response": "Invalid argument, 'thread': Unable to find thread"})
        return _json(200, {"code": 0, "response": {"id": "9001", "posts": len([r for r in threads.disqus if not r.deleted]),
                                                   "forum": DISQUS_SHORTNAME, "identifiers": ["post-17"]}})
    if path == "/api/3.0/threads/listPosts.json":
        if query.get("thread") != ["9001"]:
            return _json(400, {"code": 2, "response": "Invalid argument, 'thread'"})
        if threads.hits.get("/api/3.0/threads/listPosts.json", 0) == 1:  # the first call is told to wait
            return _json(429, {"code": 13, "response": "You have exceeded your hourly limit of requests"},
                         {"Retry-After": "1", "X-Ratelimit-Remaining": "0"})
        start = int((query.get("cursor") or ["0:0:0"])[0].split(":")[0])
        limit = int((query.get("limit") or ["25"])[0])
        page = threads.disqus[start:start + limit]
        more = start + limit < len(threads.disqus)
        return _json(200, {"code": 0, "cursor": {"hasNext": more, "next": f"{start + limit}:0:0" if more else None,
                                                 "prev": None}, "response": [disqus_post(r) for r in page]},
                     {"X-Ratelimit-Remaining": "999", "X-Ratelimit-Limit": "1000"})
    return _json(404, {"code": 1, "response": "Endpoint not found"})


def _blogger_feed(thread: list[Remark], query: dict[str, list[str]], base: str) -> bytes:
    start = int((query.get("start-index") or ["1"])[0])
    size = min(int((query.get("max-results") or ["25"])[0]), 200)  # Blogger caps a page
    entries = []
    for remark in thread[start - 1:start - 1 + size]:
        links = [{"rel": "alternate", "type": "text/html", "href": f"{base}/2024/03/02/blogger-thread/?showComment={remark.id}#c{remark.id}"}]
        if remark.parent:
            links.append({"rel": "related", "type": "application/atom+xml",
                          "href": f"{base}/feeds/8080/comments/default/{remark.parent}"})
        entries.append({"id": {"$t": f"tag:blogger.com,1999:blog-424242.post-{remark.id}"},
                        "published": {"$t": remark.created.isoformat(timespec="milliseconds")},
                        "content": {"type": "html", "$t": remark.text}, "link": links,
                        "author": [{"name": {"$t": remark.author}, "uri": {"$t": "https://www.blogger.com/profile/1"},
                                    "email": {"$t": "noreply@blogger.com"},
                                    "gd$image": {"src": "https://img.invalid/avatar.png"}}],
                        "thr$in-reply-to": {"ref": "tag:blogger.com,1999:blog-424242.post-8080"}})
    feed = {"version": "1.0", "encoding": "UTF-8", "feed": {
        "openSearch$totalResults": {"$t": str(len(thread))}, "openSearch$startIndex": {"$t": str(start)},
        "openSearch$itemsPerPage": {"$t": str(size)}, "entry": entries}}
    return json.dumps(feed).encode()


def _remark42(thread: list[Remark], query: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]]:
    if query.get("site") != ["lakeside"]:
        return _json(400, {"code": 12, "details": "site not found", "error": "can't find site"})
    comments = [{"id": f"r{r.id}", "pid": f"r{r.parent}" if r.parent else "", "text": f"<p>{r.text}</p>",
                 "user": {"name": r.author, "id": "anonymous_1", "picture": "https://img.invalid/p.png", "ip": ""},
                 "locator": {"site": "lakeside", "url": query.get("url", [""])[0]},
                 "time": r.created.isoformat().replace("+00:00", "Z"), "delete": r.deleted} for r in thread]
    return _json(200, {"comments": comments, "info": {"url": query.get("url", [""])[0], "count": len(thread)}})


@contextmanager
def serve(threads: Threads | None = None) -> Iterator[tuple[str, str, Threads]]:
    """Serve the blog and the platform host; yields their base URLs and the threads."""
    threads = threads or Threads.generate()
    with ExitStack() as stack:
        platform = stack.enter_context(serve_in_thread(platform_handler(threads)))
        blog = stack.enter_context(serve_in_thread(blog_handler(threads, platform)))
        yield blog, platform, threads


if __name__ == "__main__":
    import time

    with serve() as (blog_url, platform_url, _):
        print(f"blog: {blog_url}/  platform host: {platform_url}/")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
