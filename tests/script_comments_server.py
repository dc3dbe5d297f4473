"""A small blog whose comment threads only a script puts into the page, for the browser tests.

Served on 127.0.0.1 (``serve()``), it has three posts:

* ``/2024/05/02/widget-thread/``: an empty ``<div id="coral_thread">`` and a script that,
  once the page has loaded, fetches the thread from a JSON endpoint of the same server,
  ``/api/comments?post=42&page=1`` then ``&page=2`` (paged like a comment platform's API,
  the JSON sent gzip-encoded to clients that accept it), and inserts it as nested lists
  (the parsers note "comments not in HTML", the platform detection sees Coral);
* ``/2024/05/03/framed-thread/``: a Talkyard-style embed, the thread inside an iframe of
  another origin (``http://localhost:PORT/embed/77``: 127.0.0.1 and localhost are
  different origins, as an embed's server is to its host page), filled by a script from
  ``/api/comments?post=77`` (only the platform detection flags it: a ``needs_browser`` platform);
* ``/2024/05/01/plain-thread/``: two comments in the HTML, no script: a page that needs no
  browser.

:data:`THREADS` is the truth: every comment with its parent. :attr:`ScriptSite.hits`
counts requests per path (query left out) so a test can tell what a browser fetched.

``python -m tests.script_comments_server`` serves it until Ctrl-C.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from tests.servers import serve_in_thread


@dataclass(frozen=True)
class ThreadComment:
    id: int
    parent: int | None
    author: str
    published: str  # ISO 8601 with offset
    text: str


def _thread(post: int, rows: list[tuple[int, int | None, str, str]]) -> list[ThreadComment]:
    return [ThreadComment(i, parent, author, f"2024-05-0{2 + (i % 3)}T1{i % 10}:0{i % 6}:00+00:00", text)
            for i, parent, author, text in rows]


THREADS: dict[int, list[ThreadComment]] = {
    42: _thread(42, [
        (101, None, "Ada Reader", "The first comment, inserted by the widget once the page had loaded."),
        (102, 101, "Ben Replies", "A reply to Ada, one level down in the thread."),
        (103, 102, "Cleo Deeper", "A reply to Ben: the third level of the same thread."),
        (104, None, "Dan Second", "A second top-level comment, after Ada's thread."),
        (105, 104, "Eve Answers", "Eve answers Dan; this one arrives on the API's second page."),
        (106, None, "Finn Last", "The last top-level comment, also from the second page of the API."),
    ]),
    77: _thread(77, [
        (201, None, "Gina Framed", "A comment shown inside the embedded frame of another origin."),
        (202, 201, "Hugo Framed", "Hugo replies to Gina inside the same embedded frame."),
        (203, None, "Iris Framed", "A second top-level comment of the framed thread."),
    ]),
}
PAGE_SIZE = 4  # comments per API page: post 42's thread takes two requests

POSTS = {
    "/2024/05/02/widget-thread/": ("Comments a widget loads", 42),
    "/2024/05/03/framed-thread/": ("Comments in an embedded frame", 77),
    "/2024/05/01/plain-thread/": ("Comments in the HTML", None),
}
PLAIN_COMMENTS = [
    ThreadComment(1, None, "Jo Plain", "2024-05-01T09:00:00+00:00", "A comment the server wrote into the page."),
    ThreadComment(2, 1, "Kim Plain", "2024-05-01T10:00:00+00:00", "A reply the server wrote into the page too."),
]

# Builds WordPress-style nested lists from the API's comments, as comment widgets do.
COMMENTS_JS = """
(function () {
  function render(list, byParent, parent, depth) {
    (byParent[parent] || []).forEach(function (c) {
      var li = document.createElement('li');
      li.className = 'comment depth-' + depth;
      li.id = 'comment-' + c.id;
      li.innerHTML = '<article class="comment-body"><footer class="comment-meta">' +
        '<div class="comment-author vcard"><b class="fn"></b> <span class="says">says:</span></div>' +
        '<div class="comment-metadata"><a href="#comment-' + c.id + '"><time datetime="' + c.date + '">' +
        c.date.slice(0, 10) + '</time></a></div></footer><div class="comment-content"><p></p></div></article>';
      li.querySelector('.fn').textContent = c.author;
      li.querySelector('.comment-content p').textContent = c.text;
      if (byParent[c.id]) {
        var children = document.createElement('ol');
        children.className = 'children';
        render(children, byParent, c.id, depth + 1);
        li.appendChild(children);
      }
      list.appendChild(li);
    });
  }
  function load(holder, post) {
    var all = [];
    function page(n) {
      return fetch('/api/comments?post=' + post + '&page=' + n, {headers: {'Accept': 'application/json'}})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          all = all.concat(data.comments);
          if (data.next_page) { return page(data.next_page); }
        });
    }
    page(1).then(function () {
      var byParent = {};
      all.forEach(function (c) { (byParent[c.parent || 0] = byParent[c.parent || 0] || []).push(c); });
      var list = document.createElement('ol');
      list.className = 'comment-list';
      render(list, byParent, 0, 1);
      holder.innerHTML = '<h2 class="comments-title">' + all.length + ' comments</h2>';
      holder.appendChild(list);
    });
  }
  window.addEventListener('load', function () {
    var holder = document.querySelector('[data-thread]');
    setTimeout(function () { load(holder, holder.getAttribute('data-thread')); }, 100);
  });
})();
"""


@dataclass
class ScriptSite:
    """The running site: its URL (127.0.0.1) and the requests it answered, per path."""

    url: str = ""
    posts: dict[str, tuple[str, int | None]] = field(default_factory=lambda: dict(POSTS))
    hits: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def frame_origin(self) -> str:
        """The embed's origin: the same server under another name (another origin)."""
        return self.url.replace("127.0.0.1", "localhost")

    def hit(self, path: str) -> None:
        with self.lock:
            self.hits[path] += 1


def _page(title: str, day: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Script Blog</title></head>
<body class="post-template-default single single-post">
<article class="post type-post hentry">
<h1 class="entry-title">{escape(title)}</h1>
<div class="entry-meta">Posted on <time class="entry-date published" datetime="{day}T08:00:00+00:00">{day}</time>
by <span class="author vcard"><a class="url fn n" href="/author/editor/">The Editor</a></span></div>
<div class="entry-content">
<p>This post is about comment threads that a script puts into the page after it has loaded.
A crawler that reads only the HTML the server sends sees none of them.</p>
<p>A browser sees them, because it runs the script, and its requests can be archived.</p>
</div>
</article>
{body}
</body></html>"""


def post_page(path: str, frame_origin: str, posts: dict[str, tuple[str, int | None]] = POSTS) -> str:
    title, thread = posts[path]
    day = path[1:11].replace("/", "-")
    if thread == 42:
        body = ('<div id="comments"><div id="coral_thread" data-thread="42"></div></div>\n'
                '<script src="/static/comments.js"></script>')
    elif thread == 77:
        body = (f'<div id="comments"><div class="talkyard-comments" data-discussion-id="77">'
                f'<iframe src="{frame_origin}/embed/77" title="comments" width="100%" height="600"></iframe>'
                '</div></div>')
    else:
        items = "".join(_plain_comment(c) for c in PLAIN_COMMENTS if c.parent is None)
        body = f'<div id="comments"><h2 class="comments-title">2 comments</h2><ol class="comment-list">{items}</ol></div>'
    return _page(title, day, body)


def _plain_comment(comment: ThreadComment) -> str:
    replies = "".join(_plain_comment(c) for c in PLAIN_COMMENTS if c.parent == comment.id)
    children = f'<ol class="children">{replies}</ol>' if replies else ""
    return (f'<li class="comment" id="comment-{comment.id}"><article class="comment-body"><footer class="comment-meta">'
            f'<div class="comment-author vcard"><b class="fn">{escape(comment.author)}</b> <span class="says">says:</span>'
            f'</div><div class="comment-metadata"><time datetime="{comment.published}">{comment.published[:10]}</time>'
            f'</div></footer><div class="comment-content"><p>{escape(comment.text)}</p></div></article>{children}</li>')


def embed_page(post: int) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Comments</title></head><body>'
            f'<div class="thread-holder" data-thread="{post}"></div><script src="/static/comments.js"></script>'
            f'</body></html>')


def api_page(post: int, number: int) -> dict[str, object]:
    thread = THREADS.get(post, [])
    rows = thread[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
    more = number * PAGE_SIZE < len(thread)
    return {"post": post, "page": number, "total": len(thread), "next_page": number + 1 if more else None,
            "comments": [{"id": c.id, "parent": c.parent, "author": c.author, "date": c.published, "text": c.text}
                         for c in rows]}


def listing(posts: dict[str, tuple[str, int | None]]) -> str:
    links = "".join(f'<article class="post"><h2 class="entry-title"><a href="{path}" rel="bookmark">{escape(title)}'
                    f'</a></h2></article>' for path, (title, _) in posts.items())
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Script Blog</title></head>'
            f'<body class="home blog">{links}</body></html>')


def _handler(site: ScriptSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            parts = urlsplit(self.path)
            site.hit(parts.path)
            query = parse_qs(parts.query)
            if parts.path == "/robots.txt":
                self._send(200, b"User-agent: *\nAllow: /\n", "text/plain; charset=utf-8")
            elif parts.path == "/":
                self._send(200, listing(site.posts).encode(), "text/html; charset=utf-8")
            elif parts.path in site.posts:
                page = post_page(parts.path, site.frame_origin, site.posts)
                self._send(200, page.encode(), "text/html; charset=utf-8")
            elif parts.path == "/embed/77":
                self._send(200, embed_page(77).encode(), "text/html; charset=utf-8")
            elif parts.path == "/static/comments.js":
                self._send(200, COMMENTS_JS.encode(), "application/javascript; charset=utf-8")
            elif parts.path == "/api/comments" and query.get("post", [""])[0].isdigit():
                data = api_page(int(query["post"][0]), int(query.get("page", ["1"])[0]))
                self._send(200, json.dumps(data).encode(), "application/json", compress=True)
            else:
                self._send(404, b"<html><body>Not found</body></html>", "text/html; charset=utf-8")

        def _send(self, status: int, body: bytes, content_type: str, compress: bool = False) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if compress and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                body = gzip.compress(body)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
            pass

    return Handler


@contextmanager
def serve(widget_posts: int = 0) -> Iterator[ScriptSite]:
    """The site on a free port of 127.0.0.1 until the block ends; ``widget_posts`` more posts
    like the widget one (``/2024/06/01/widget-N/``, thread 42) make it a site to measure on."""
    site = ScriptSite(posts={**POSTS, **{f"/2024/06/01/widget-{n}/": (f"Comments a widget loads, part {n}", 42)
                                         for n in range(1, widget_posts + 1)}})
    with serve_in_thread(_handler(site)) as url:
        site.url = url
        yield site


if __name__ == "__main__":
    import time

    with serve() as running:
        print(f"Serving the script-comments blog at {running.url}/ (Ctrl-C stops it)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
