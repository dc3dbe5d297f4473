"""One run per crawl folder: a second run of the same crawl is refused, not interleaved."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from archiver.demo import build_site, serve_demo
from archiver.lock import CrawlLock, CrawlLocked
from tests.conftest import ROOT, SCRAPY


def test_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    first = CrawlLock(tmp_path).acquire()
    with pytest.raises(CrawlLocked, match="Another run of this crawl is in progress"):
        CrawlLock(tmp_path).acquire()
    first.release()
    with CrawlLock(tmp_path) as again:
        assert again.held


def test_a_concurrent_second_run_is_refused(tmp_path: Path) -> None:
    with serve_demo(build_site(posts=6, comments=20), delay=0.1) as demo:
        crawl = [str(SCRAPY), "crawl", "blog", "-a", f"url={demo.url}/", "-s", f"ARCHIVER_OUTPUT_DIR={tmp_path}",
                 "-s", "CONCURRENT_REQUESTS=1", "-s", "TELNETCONSOLE_ENABLED=False"]
        first = subprocess.Popen(crawl, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lock = tmp_path / f"127.0.0.1_{demo.url.rsplit(':', 1)[1]}" / ".lock"
        deadline = time.monotonic() + 30
        while not (lock.exists() and lock.read_text().startswith("pid")):
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        second = subprocess.run(crawl, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
        assert first.poll() is None, "the first run should still be crawling"
        _, first_log = first.communicate(timeout=90)
    assert second.returncode != 0
    assert f"Another run of this crawl is in progress (pid {first.pid}" in second.stderr
    assert "refusing to start a second one" in second.stderr
    assert "Traceback" not in second.stderr  # one clear line, not the runner's repeat of it
    assert first.returncode == 0, first_log[-2000:]
    folder = lock.parent
    articles = (folder / "articles.jsonl").read_text().splitlines()
    assert len(articles) == 6  # the refused run wrote nothing
    assert "pid" in lock.read_text()
