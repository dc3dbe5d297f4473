"""The browser's exchanges and its rendered DOM as WARC records, and the restart gate, without a browser.

What Playwright reports of a request (wire headers, a decoded body) becomes records that
warcio reads back and checks; the rendered DOM becomes a ``conversion`` record under its
own ``urn:dom:`` URI; the gate restarts the browser only when no page is open.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archiver.browser.capture import browser_exchange, started_at
from archiver.browser.memory import descendants, tree_memory
from archiver.browser.middleware import RestartGate
from archiver.browser.records import dom_record, record_date
from archiver.warc.writer import RotatingWarcWriter

MOMENT = datetime(2026, 11, 25, 14, 30, 0, 123456, tzinfo=UTC)
BODY = json.dumps({"comments": [{"id": 1, "text": "Hello"}]}).encode()


def xhr(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "url": "https://blog.example/api/comments?post=1",
        "method": "GET",
        "request_headers": [(":authority", "blog.example"), ("Accept", "application/json"),
                            ("Accept-Encoding", "gzip, deflate, br, zstd"), ("Sec-Fetch-Mode", "cors")],
        "request_body": b"",
        "status": 200,
        "response_headers": [("Content-Type", "application/json"), ("Content-Encoding", "gzip"),
                             ("Content-Length", str(len(gzip.compress(BODY)))), ("Set-Cookie", "a=1\nb=2")],
        "body": BODY,
        "started": MOMENT,
    }
    values.update(changes)
    return values


def records(folder: Path) -> list[tuple[str, dict[str, str], dict[str, str], bytes]]:
    found = []
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                http = dict(record.http_headers.headers) if record.http_headers else {}
                found.append((record.rec_type, dict(record.rec_headers.headers), http,
                              record.content_stream().read()))
    return found


def test_a_decoded_body_keeps_its_coding_only_as_a_record() -> None:
    exchange = browser_exchange(**xhr())
    names = [name for name, _ in exchange.response_headers]
    assert b"Content-Encoding" not in names
    assert (b"X-Archive-Orig-Content-Encoding", b"gzip") in exchange.response_headers
    assert exchange.body == BODY and exchange.truncated is None


def test_http2_pseudo_headers_left_out_and_joined_values_split() -> None:
    exchange = browser_exchange(**xhr())
    assert all(not name.startswith(b":") for name, _ in exchange.request_headers)
    assert [v for n, v in exchange.response_headers if n == b"Set-Cookie"] == [b"a=1", b"b=2"]


def test_a_body_the_browser_no_longer_holds_is_marked_truncated() -> None:
    assert browser_exchange(**xhr(body=None)).truncated == "unspecified"
    assert browser_exchange(**xhr(body=None)).body == b""
    empty = xhr(body=None, status=302, response_headers=[("Location", "/b"), ("Content-Length", "0")])
    assert browser_exchange(**empty).truncated is None


def test_records_read_back_and_pass_warcio_check(tmp_path: Path) -> None:
    writer = RotatingWarcWriter(tmp_path, {"software": "test"})
    response = writer.write(browser_exchange(**xhr()))
    page = writer.write(browser_exchange(**xhr(url="https://blog.example/post/", body=b"<html></html>",
                                                response_headers=[("Content-Type", "text/html")])))
    html = "<html><body><ol><li id='comment-1'>Hello</li></ol></body></html>".encode()
    build = partial(dom_record, page_url="https://blog.example/post/", html=html,
                    content_type="text/html; charset=utf-8", taken_at=MOMENT, refers_to=page.warc_record_id)
    dom = writer.write_record(build)
    writer.close()
    assert dom.record_type == "conversion" and dom.warc_offset > response.warc_offset
    found = records(tmp_path)
    types = [kind for kind, *_ in found]
    assert types == ["warcinfo", "response", "request", "response", "request", "conversion"]
    _, warc, http, body = found[1]
    assert body == BODY and http["Content-Length"] == str(len(BODY))
    assert http["X-Archive-Orig-Content-Length"] == str(len(gzip.compress(BODY)))
    _, warc, _, body = found[-1]
    assert warc["WARC-Target-URI"] == "urn:dom:https://blog.example/post/"
    assert warc["WARC-Refers-To"] == page.warc_record_id
    assert warc["WARC-Date"] == "2026-11-25T14:30:00.123456Z"
    assert warc["Content-Type"] == "text/html; charset=utf-8" and body == html
    warcio = Path(sys.executable).parent / "warcio"
    done = subprocess.run([str(warcio), "check", *map(str, tmp_path.glob("*.warc.gz"))], check=False)
    assert done.returncode == 0


def test_record_dates_follow_the_warc_version() -> None:
    assert record_date(MOMENT, "WARC/1.1") == "2026-11-25T14:30:00.123456Z"
    assert record_date(MOMENT, "WARC/1.0") == "2026-11-25T14:30:00Z"


def test_start_time_from_playwright_timing() -> None:
    started = started_at({"startTime": MOMENT.timestamp() * 1000})  # ms since the epoch, a float
    assert abs((started - MOMENT).total_seconds()) < 1e-3
    assert started_at({"startTime": -1}).tzinfo is UTC


def test_restart_only_when_no_page_is_open() -> None:
    events: list[str] = []

    async def scenario() -> None:
        async def restart() -> None:
            events.append(f"restart with {gate.open} open")

        gate = RestartGate(2, restart)
        await gate.enter()
        await gate.enter()
        events.append("two pages open")
        third = asyncio.ensure_future(gate.enter())
        await asyncio.sleep(0)
        assert not third.done()  # due, but two pages are still open
        await gate.leave()
        await asyncio.sleep(0)
        assert not third.done()
        await gate.leave()
        await third
        events.append(f"third page open, {gate.since_restart} since restart")
        await gate.leave()

    asyncio.run(scenario())
    assert events == ["two pages open", "restart with 0 open", "third page open, 1 since restart"]


def test_never_restarts_with_zero() -> None:
    calls: list[int] = []

    async def scenario() -> None:
        async def restart() -> None:
            calls.append(1)

        gate = RestartGate(0, restart)
        for _ in range(5):
            await gate.enter()
            await gate.leave()

    asyncio.run(scenario())
    assert calls == []


def test_memory_of_a_process_tree() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert child.pid in descendants(os.getpid())
        alone = tree_memory(child.pid)
        assert alone is not None and alone > 0
        assert (tree_memory(os.getpid()) or 0) > alone
    finally:
        child.kill()
        child.wait()


def test_which_pages_auto_renders() -> None:
    from types import SimpleNamespace

    from archiver.browser import wants_render

    coral = SimpleNamespace(platforms=[SimpleNamespace(name="coral", needs_browser=True)], requests=0)
    disqus = SimpleNamespace(platforms=[SimpleNamespace(name="disqus", needs_browser=False)], requests=2)
    unread = SimpleNamespace(platforms=[SimpleNamespace(name="disqus", needs_browser=False)], requests=0)
    assert wants_render("auto", False, coral)  # only a browser reads it, noted or not
    assert wants_render("auto", True, None)  # an unknown widget
    assert wants_render("auto", True, unread)  # a platform whose adapter asked nothing (no key)
    assert not wants_render("auto", True, disqus)  # its adapter reads the thread
    assert not wants_render("auto", False, None)  # comments in the HTML
    assert wants_render("always", False, None)
    assert not wants_render("off", True, coral)


def test_install_switches_the_handlers_or_says_what_is_missing(tmp_path: Path) -> None:
    import pytest
    from scrapy.settings import Settings

    from archiver.browser import HANDLER, BrowserUnavailable, install

    settings = Settings({"PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": sys.executable}})
    install(settings, "auto")
    assert settings.getdict("DOWNLOAD_HANDLERS") == {"http": HANDLER, "https": HANDLER}
    assert settings.get("ARCHIVER_BROWSER") == "auto"
    untouched = Settings()
    install(untouched, "off")
    assert not untouched.getdict("DOWNLOAD_HANDLERS")
    missing = Settings({"PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": str(tmp_path / "chromium")}})
    with pytest.raises(BrowserUnavailable, match="apt-get install chromium"):
        install(missing, "auto")
    with pytest.raises(ValueError, match="archive="):
        install(Settings(), "always", from_archive=True)
