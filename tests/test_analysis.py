"""Parsing beside the crawl: the worker pool gives what in-process parsing gives, and
survives the death of a worker."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from archiver.analysis import Analysis, ParsePool, analyse, plain_headers, worker_count
from archiver.demo import DemoServer
from archiver.discovery import PageKind
from tests.conftest import ROOT

CASE = Path(__file__).parent / "fixtures" / "pages" / "cnn_com" / "security-clearance-2011"
META = json.loads((CASE / "meta.json").read_text())
URL = META["url"]


def _model_page() -> bytes:
    return gzip.decompress((CASE / "page.html.gz").read_bytes())


def _args(body: bytes) -> tuple:
    return (URL, body, META["headers"], 200, {"warc_file": "x.warc.gz"}, "site")


def test_pool_gives_what_in_process_parsing_gives_and_outlives_dead_workers() -> None:
    body = _model_page()
    here = analyse(*_args(body))
    assert here.kind is PageKind.POST and here.result is not None and here.result.comments

    async def kill_workers(pool: ParsePool) -> None:
        for pid in list(pool._executor._processes):  # type: ignore[union-attr]
            os.kill(pid, signal.SIGKILL)

    async def run() -> tuple:
        pool = ParsePool(1)
        pool.MAX_RESTARTS = 1
        try:
            there = await pool.analyse(*_args(body))
            await kill_workers(pool)
            restarted = await pool.analyse(*_args(body))  # the pool breaks: new workers parse it
            assert pool.active and pool.restarts == 1
            await kill_workers(pool)
            in_process = await pool.analyse(*_args(body))  # past MAX_RESTARTS: parsed here
            return there, restarted, in_process, pool.active
        finally:
            pool.close()

    there, restarted, in_process, active = asyncio.run(run())
    assert there.result.article == here.result.article
    assert there.result.comments == here.result.comments
    assert there.permalinks == here.permalinks and there.comment_pages == here.comment_pages
    assert restarted.result.comments == here.result.comments
    assert in_process.result.comments == here.result.comments
    assert not active


def crash_on_poison(url: str, *args: object) -> Analysis:
    """Parses like a worker does, but dies on one URL, as a parser crashing in C would."""
    if url.endswith("/poison/"):
        os._exit(70)
    return analyse(url, *args)


def test_a_page_that_kills_the_worker_is_given_up_and_the_rest_still_parse() -> None:
    body = _model_page()

    async def run() -> tuple:
        pool = ParsePool(1, work=crash_on_poison)
        try:
            poisoned = await pool.analyse("http://blog.example/poison/", *_args(body)[1:])
            after = await pool.analyse(*_args(body))
            return poisoned, after, pool.restarts, pool.active
        finally:
            pool.close()

    poisoned, after, restarts, active = asyncio.run(run())
    assert poisoned.result is None and "died twice" in (poisoned.error or "")
    assert after.result is not None and after.result.comments
    assert restarts == 2 and active


def hang_on_tar_pit(url: str, *args: object) -> Analysis:
    """Parses like a worker does, but never finishes one URL."""
    if url.endswith("/tar-pit/"):
        time.sleep(3600)
    return analyse(url, *args)


def test_a_page_the_parser_never_finishes_is_given_up_after_the_timeout() -> None:
    body = _model_page()

    async def run() -> tuple:
        pool = ParsePool(1, work=hang_on_tar_pit, timeout=2.0)
        try:
            await pool.analyse(*_args(body))  # the worker is up
            stuck, other = await asyncio.gather(pool.analyse("http://blog.example/tar-pit/", *_args(body)[1:]),
                                                pool.analyse(*_args(body)))
            after = await pool.analyse(*_args(body))
            return stuck, other, after, pool.restarts
        finally:
            pool.close()

    started = time.monotonic()
    stuck, other, after, restarts = asyncio.run(run())
    assert time.monotonic() - started < 60
    assert stuck.result is None and "took more than 2.0 s" in (stuck.error or "")
    assert other.result is not None and after.result is not None and after.result.comments
    assert restarts == 1


def test_a_parser_error_is_returned_not_raised(monkeypatch) -> None:
    def fail(page):
        raise ValueError("a parser bug")

    monkeypatch.setattr("archiver.analysis.parse_page", fail)
    broken = analyse(*_args(_model_page()))
    assert broken.kind is PageKind.POST and broken.result is None
    assert "ValueError: a parser bug" in (broken.error or "") and "Traceback" in broken.error


def test_settings_and_headers() -> None:
    assert worker_count(0) == 0 and worker_count("2") == 2
    assert 0 <= worker_count("auto") <= 4
    assert plain_headers({b"Content-Type": [b"text/html"], b"ETag": [b'"a"', b'"b"']}) == {
        "content-type": "text/html", "etag": '"b"'}


UNGUARDED_SCRIPT = """
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

settings = get_project_settings()
settings.set("ARCHIVER_OUTPUT_DIR", {output!r})
settings.set("LOG_LEVEL", "INFO")
process = CrawlerProcess(settings)
process.crawl("blog", url={url!r}, mode="single")
process.start()
"""


def test_a_script_without_main_guard_parses_in_process(demo_site: DemoServer, tmp_path: Path) -> None:
    """Spawned workers would run such a script's crawl again; the crawl parses itself instead."""
    post = demo_site.model.posts[0]
    script = tmp_path / "crawl_one.py"
    script.write_text(UNGUARDED_SCRIPT.format(output=str(tmp_path / "out"), url=demo_site.url + post.path))
    done = subprocess.run([sys.executable, str(script)], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Parsing in the crawling process: parse workers would run this program's main script" in done.stderr
    assert done.stderr.count("Spider opened") == 1  # nothing started a second crawl
    (folder,) = (tmp_path / "out").iterdir()
    assert len((folder / "comments.jsonl").read_text().splitlines()) == post.comment_count
