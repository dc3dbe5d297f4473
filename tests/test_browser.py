"""A real browser for comments only a script inserts: Chromium against a local blog.

``tests/script_comments_server.py`` serves three posts on 127.0.0.1: one whose thread a
script fetches from a JSON endpoint (two pages, gzip-encoded) after the page has loaded
(flagged "comments not in HTML"), one whose thread is in an iframe of another origin,
filled the same way (a Talkyard embed: flagged by the platform detection only), and one
with its comments in the HTML. A real ``scrapy crawl blog -a browser=auto`` (Debian's Chromium
through scrapy-playwright, restarted after every page here) must find every comment with
its parent, render only the two pages that need it, archive the browser's requests (the
XHR responses with the headers sent and received) and the rendered DOM only as a
``conversion`` record, and leave WARC files that ``warcio check`` passes and pywb replays.

Without Chromium the module is skipped with the line that installs it, unless
``ARCHIVER_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes it fail.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import CrawlOutput, run_blog_crawl
from tests.replay import pywb
from tests.script_comments_server import PLAIN_COMMENTS, POSTS, THREADS, ScriptSite, api_page, serve
from tests.test_warc_replay import pywb_bin  # noqa: F401 - the pywb fixture, shared

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_VARIABLE = "ARCHIVER_REQUIRE_BROWSER"
WIDGET, FRAMED, PLAIN = "/2024/05/02/widget-thread/", "/2024/05/03/framed-thread/", "/2024/05/01/plain-thread/"

if not CHROMIUM.exists():
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{CHROMIUM} is missing and {REQUIRE_VARIABLE}=1: apt-get install chromium", pytrace=False)
    pytest.skip(f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)",
                allow_module_level=True)


class Crawled:
    """One crawl of the script site: its output, the site's request log, the WARC records."""

    def __init__(self, output: CrawlOutput, site: ScriptSite) -> None:
        self.output = output
        self.base = site.url
        self.hits = dict(site.hits)
        self.files = sorted((output.folder / "warc").glob("*.warc.gz"))
        self.records = [record for path in self.files for record in read_records(path)]

    def comments_of(self, path: str) -> list[dict[str, Any]]:
        url = self.base + path
        return [c for c in self.output.comments if c["article_url"] == url]

    def records_for(self, uri: str, kind: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r["uri"] == uri and r["type"] == kind]


def read_records(path: Path) -> list[dict[str, Any]]:
    records = []
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            body = record.content_stream().read()
            records.append({
                "file": path.name, "offset": iterator.get_record_offset(), "type": record.rec_type,
                "id": record.rec_headers.get_header("WARC-Record-ID"),
                "uri": record.rec_headers.get_header("WARC-Target-URI"),
                "warc": dict(record.rec_headers.headers),
                "http": dict(record.http_headers.headers) if record.http_headers else {},
                "body": body,
            })
    return records


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    with serve() as site:
        output = run_blog_crawl(tmp_path_factory.mktemp("browser"), f"url={site.url}/", "follow=listing",
                                "browser=auto", settings={"ARCHIVER_BROWSER_RESTART_EVERY": 1}, timeout=240)
        yield Crawled(output, site)


def number(comment_id: str | None) -> int | None:
    return int(comment_id.rsplit("-", 1)[1]) if comment_id else None


def test_crawl_finishes_cleanly(crawled: Crawled) -> None:
    assert crawled.output.returncode == 0, crawled.output.log[-3000:]
    assert "Traceback" not in crawled.output.log, crawled.output.log[-3000:]
    assert not crawled.output.invalid
    assert crawled.output.summary["comments_not_in_html"] == []


@pytest.mark.parametrize("path", [WIDGET, FRAMED])
def test_every_script_comment_with_its_parent(crawled: Crawled, path: str) -> None:
    truth = {c.id: c for c in THREADS[POSTS[path][1]]}
    found = {number(c["id"]): c for c in crawled.comments_of(path)}
    assert set(found) == set(truth)
    for key, comment in found.items():
        assert number(comment["parent_id"]) == truth[key].parent
        assert comment["author"] == truth[key].author
        assert comment["text"] == truth[key].text
        assert comment["published"] == truth[key].published
    article = next(a for a in crawled.output.articles if a["url"] == crawled.base + path)
    assert article["comments_found"] == len(truth)


def test_comments_in_the_html_are_read_without_a_browser(crawled: Crawled) -> None:
    found = {number(c["id"]): number(c["parent_id"]) for c in crawled.comments_of(PLAIN)}
    assert found == {c.id: c.parent for c in PLAIN_COMMENTS}
    assert crawled.hits[PLAIN] == 1  # fetched by Scrapy only
    assert crawled.hits[WIDGET] == crawled.hits[FRAMED] == 2  # by Scrapy, then by the browser
    assert crawled.hits["/static/comments.js"] == 2  # only a browser runs the page's script


def test_browser_restarted_between_pages(crawled: Crawled) -> None:
    assert "Browser restarted after 1 pages" in crawled.output.log
    assert "Browser: 2 pages rendered (0 failed)" in crawled.output.log


def test_xhr_responses_archived_with_request_and_wire_headers(crawled: Crawled) -> None:
    for post, page in ((42, 1), (42, 2), (77, 1)):
        host = crawled.base if post == 42 else crawled.base.replace("127.0.0.1", "localhost")
        uri = f"{host}/api/comments?post={post}&page={page}"
        (response,) = crawled.records_for(uri, "response")
        assert json.loads(response["body"]) == api_page(post, page)
        # The browser read the body decoded: the coding the server used is kept as a record.
        assert response["http"]["X-Archive-Orig-Content-Encoding"] == "gzip"
        assert "Content-Encoding" not in response["http"]
        assert response["http"]["Content-Length"] == str(len(response["body"]))
        (request,) = crawled.records_for(uri, "request")
        assert request["warc"]["WARC-Concurrent-To"] == response["id"]
        sent = request["http"]
        assert "gzip" in sent["Accept-Encoding"]  # added by the network stack, as sent
        assert sent["Sec-Fetch-Mode"] == "cors"
        assert sent["User-Agent"].startswith("blog-archiver/")


def test_rendered_dom_is_a_conversion_record_that_comments_point_to(crawled: Crawled) -> None:
    for path in (WIDGET, FRAMED):
        page_url = crawled.base + path
        comments = crawled.comments_of(path)
        (offset,) = {c["warc_offset"] for c in comments}
        (record,) = [r for r in crawled.records if r["offset"] == offset and r["file"] == comments[0]["warc_file"]]
        assert record["type"] == "conversion"
        assert record["id"] == comments[0]["warc_record_id"]
        assert record["uri"] == f"urn:dom:{page_url}"
        assert record["warc"]["WARC-Date"] == comments[0]["fetched_at"]
        html = record["body"].decode()
        assert all(c["text"] in html for c in comments)
        # It refers to the browser's own capture of the page (identical: a revisit).
        (page,) = [r for r in crawled.records if r["id"] == record["warc"]["WARC-Refers-To"]]
        assert page["uri"] == page_url and page["type"] in ("response", "revisit")


def test_no_response_record_holds_a_rendered_dom(crawled: Crawled) -> None:
    texts = [c.text for thread in THREADS.values() for c in thread]
    for record in crawled.records:
        if record["type"] == "response" and "html" in record["http"].get("Content-Type", ""):
            assert not any(text.encode() in record["body"] for text in texts), record["uri"]


def test_warcio_check_passes(crawled: Crawled) -> None:
    warcio = Path(sys.executable).parent / "warcio"
    done = subprocess.run([str(warcio), "check", "-v", *map(str, crawled.files)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "conversion" in done.stdout


def test_pywb_replays_the_page_and_its_script_comments(pywb_bin: Path, crawled: Crawled,  # noqa: F811
                                                       tmp_path: Path) -> None:
    page_url = crawled.base + WIDGET
    rendered_at = crawled.comments_of(WIDGET)[0]["fetched_at"]
    timestamp = "".join(ch for ch in rendered_at if ch.isdigit())[:14]
    with pywb.replay(crawled.files, tmp_path / "pywb") as wayback:
        status, html = wayback.fetch(page_url, timestamp, modifier="id_")
        assert status == 200
        assert 'id="coral_thread"' in html and "Ada Reader" not in html  # the page as the server sent it
        status, data = wayback.fetch(f"{crawled.base}/api/comments?post=42&page=2", timestamp, modifier="id_")
        assert status == 200 and json.loads(data) == api_page(42, 2)
        shown = asyncio.run(_replayed_in_chromium(wayback.url(page_url, timestamp)))
    assert all(c.text in shown for c in THREADS[42])


async def _replayed_in_chromium(url: str) -> str:
    """The text of the replayed page's frames once its script has run (pywb shows the page in
    a replay frame of its own UI): the archived XHRs feed the widget."""
    from playwright.async_api import async_playwright

    last = THREADS[42][-1].text
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = await browser.new_page()
            await page.goto(url)
            for _ in range(300):  # up to ~30 s for the replay frame to run the widget's script
                texts = [await _text(frame) for frame in page.frames]
                if any(last in text for text in texts):
                    break
                await asyncio.sleep(0.1)
            return "\n".join(texts)
        finally:
            await browser.close()


async def _text(frame: Any) -> str:
    try:
        return await frame.evaluate("() => document.body ? document.body.innerText : ''")
    except Exception:  # noqa: BLE001 - a frame navigating or detached: nothing to read yet
        return ""


def test_browser_is_off_by_default(tmp_path: Path) -> None:
    with serve() as site:
        output = run_blog_crawl(tmp_path, f"url={site.url}/", "follow=listing")
        hits = dict(site.hits)
    assert output.returncode == 0, output.log[-3000:]
    assert output.summary["comments_not_in_html"] == [site.url + WIDGET]
    assert output.summary["comment_platforms"] == {"coral": 1, "talkyard": 1}
    assert not any(c["article_url"] in (site.url + WIDGET, site.url + FRAMED) for c in output.comments)
    assert "/static/comments.js" not in hits and "scrapy-playwright" not in output.log
