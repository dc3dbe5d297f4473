"""A page whose comments a real Isso server holds (Isso from PyPI, on 127.0.0.1).

The blog is a small local page embedding Isso the way its documentation shows
(``<script data-isso=… src=…/js/embed.min.js>`` and ``<section id="isso-thread">``); the
comments are posted to Isso through its own API, replies included, with e-mail addresses.
A crawl of the page must give every comment once, with author, website, date, text and
parent, the Isso answer in the WARC, and no e-mail or identicon hash in the items.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import CrawlOutput, run_blog_crawl
from tests.isso_server import Isso, IssoUnavailable, ensure_isso, isso
from tests.servers import serve_in_thread

THREAD = "/2024/04/01/isso-thread/"


def page_handler(isso_url: str) -> type[BaseHTTPRequestHandler]:
    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path != THREAD:
                self.send_error(404)
                return
            body = (f"<!doctype html><html><head><meta charset='utf-8'><title>Isso thread</title></head><body>"
                    f"<article class='post'><h1>Isso thread</h1><div class='entry-content'><p>The post's text, "
                    f"long enough to be read as its body.</p></div></article>"
                    f"<script data-isso='{isso_url}/' src='{isso_url}/js/embed.min.js'></script>"
                    f"<section id='isso-thread' data-title='Isso thread'></section></body></html>").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    return Page


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Isso]]:
    try:
        ensure_isso()
    except IssoUnavailable as error:
        pytest.skip(f"Isso unavailable: {error}")
    workdir = tmp_path_factory.mktemp("isso")
    with isso(workdir, "http://127.0.0.1/") as server:
        with serve_in_thread(page_handler(server.url)) as blog:
            first = server.post(THREAD, "First! Looking forward to the **next** part.", "Ana",
                                email="ana@example.org", website="https://ana.example.org/")
            second = server.post(THREAD, "A second thought,\n\nin two paragraphs.", "Käthe", email="k@example.org")
            reply = server.post(THREAD, "Replying to Ana.", "Tom & Jerry Fan", parent=first["id"])
            server.post(THREAD, "A reply to the reply (Isso nests one level).", "Ana", parent=reply["id"])
            server.post(THREAD, "Replying to Käthe.", "night owl", parent=second["id"])
            server.post("/another/thread/", "A comment on another page: not this thread's.", "Zoë")
            yield blog, server


@pytest.fixture(scope="module")
def crawled(seeded: tuple[str, Isso], tmp_path_factory: pytest.TempPathFactory) -> CrawlOutput:
    blog, _ = seeded
    return run_blog_crawl(tmp_path_factory.mktemp("isso-crawl"), f"url={blog}{THREAD}", "mode=single")


def test_every_isso_comment_with_its_parent(seeded: tuple[str, Isso], crawled: CrawlOutput) -> None:
    _, server = seeded
    mine = [c for c in server.posted if c["text"] and "another page" not in c["text"]]
    assert crawled.returncode == 0, crawled.log[-2000:]
    got = {c["id"]: c for c in crawled.comments}
    assert set(got) == {f"isso:{c['id']}" for c in mine}
    for posted in mine:
        item = got[f"isso:{posted['id']}"]
        assert item["parent_id"] == (f"isso:{posted['parent']}" if posted["parent"] else None)
        assert item["author"] == posted["author"]
        assert item["author_url"] == posted["website"]
        assert item["published"] == datetime.fromtimestamp(posted["created"], UTC).replace(microsecond=0).isoformat()
        assert item["platform"] == "isso" and item["source_url"].startswith(server.url)
    assert got[f"isso:{mine[1]['id']}"]["text"] == "A second thought,\n\nin two paragraphs."
    assert got[f"isso:{mine[0]['id']}"]["text"] == "First! Looking forward to the next part."
    assert [c["position"] for c in crawled.comments] == list(range(1, len(mine) + 1))
    assert crawled.summary["comment_platforms"] == {"isso": 1}
    assert crawled.summary["comment_source_shortfalls"] == []


def test_isso_answer_in_warc_and_no_private_fields(seeded: tuple[str, Isso], crawled: CrawlOutput) -> None:
    _, server = seeded
    uris = []
    for path in Path(crawled.folder, "warc").glob("*.warc.gz"):
        with path.open("rb") as stream:
            uris += [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(stream)
                     if r.rec_type == "response"]
    assert any(u.startswith(f"{server.url}/?uri=") for u in uris)
    text = (crawled.folder / "comments.jsonl").read_text(encoding="utf-8")
    assert "ana@example.org" not in text and "k@example.org" not in text
    hashes = {c.get("hash") for c in server.posted}
    assert not [h for h in hashes if h and h in text]
