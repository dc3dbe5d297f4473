"""Parse workers end when the process that started them is killed (archiver/lifeline.py).

A real ``scrapy crawl blog`` with two parse workers and a real ``archiver extract --jobs 2``
are killed with SIGKILL while their workers are up; within a few seconds no process they
started may be left running. Processes are found through ``/proc`` (Linux): a killed
process's children are re-parented, so they are recorded, with their start times (a pid
may be reused), before the kill. A worker that exited but was never reaped (the init of
a container may not reap) is a zombie and counts as gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from archiver.demo import build_site, serve_demo
from tests.conftest import ROOT, SCRAPY
from tests.test_extract_support import WarcBuilder, site_page

ARCHIVER = SCRAPY.parent / "archiver"

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, start time) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), fields[0], fields[19]


def descendants(pid: int) -> dict[int, str]:
    """Every live process below ``pid``: pid -> start time."""
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (stat := _stat(int(name))) is not None:
            table[int(name)] = stat
    found: dict[int, str] = {}
    parents = [pid]
    while parents:
        parent = parents.pop()
        for child, (ppid, state, started) in table.items():
            if ppid == parent and state != "Z" and child not in found:
                found[child] = started
                parents.append(child)
    return found


def running(processes: dict[int, str]) -> list[int]:
    """The recorded processes that still run (same pid and start time, not a zombie)."""
    left = []
    for pid, started in processes.items():
        stat = _stat(pid)
        if stat is not None and stat[1] != "Z" and stat[2] == started:
            left.append(pid)
    return left


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "(gone)"


def wait_until(condition: Callable[[], object], timeout: float, message: Callable[[], str]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(message())
        time.sleep(0.02)


def assert_none_left(started: dict[int, str], timeout: float = 10.0) -> None:
    wait_until(lambda: not running(started), timeout,
               lambda: "processes left running after the kill:\n" + "\n".join(
                   f"{pid}: {command_line(pid)}" for pid in running(started)))


def workers_of(pid: int, marker: str) -> dict[int, str]:
    return {child: started for child, started in descendants(pid).items() if marker in command_line(child)}


def test_a_crawl_killed_with_sigkill_leaves_no_parse_worker(tmp_path: Path) -> None:
    with serve_demo(build_site(posts=12, comments=60), delay=0.02) as demo:
        log = (tmp_path / "crawl.log").open("wb")
        crawl = subprocess.Popen(
            [str(SCRAPY), "crawl", "blog", "-a", f"url={demo.url}/", "-s", f"ARCHIVER_OUTPUT_DIR={tmp_path}",
             "-s", "ARCHIVER_PARSE_WORKERS=2", "-s", "TELNETCONSOLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        articles = tmp_path / f"127.0.0.1_{demo.url.rsplit(':', 1)[1]}" / "articles.jsonl"
        try:
            # Workers up and parsing (an article is written), then the site stops answering
            # so the crawl cannot end by itself before it is killed.
            wait_until(lambda: len(workers_of(crawl.pid, "spawn_main")) == 2 and articles.exists()
                       and articles.stat().st_size > 0, 60,
                       lambda: "no parse workers or no article: " + (tmp_path / "crawl.log").read_text()[-3000:])
            with demo.edit():
                assert crawl.poll() is None, "the crawl ended before it was killed"
                started = descendants(crawl.pid)
                assert len(workers_of_pids(started, "spawn_main")) == 2
                os.kill(crawl.pid, signal.SIGKILL)
                crawl.wait(timeout=10)
                assert_none_left(started)
        finally:
            if crawl.poll() is None:
                crawl.kill()
                crawl.wait()
            log.close()


def workers_of_pids(processes: dict[int, str], marker: str) -> list[int]:
    return [pid for pid in processes if marker in command_line(pid)]


def _big_warc(path: Path, pages: int) -> Path:
    """Plain (uncompressed) records, so the input is over extract's 2 MiB pool threshold."""
    builder = WarcBuilder(path, gzip_records=False)
    page = site_page("/2019/05/hello-world/")
    for number in range(pages):
        body = page.replace(b"/2019/05/hello-world/", f"/2019/05/post-{number}/".encode())
        builder.response(f"http://blog.example/2019/05/post-{number}/", body, encode=False)
    return builder.close()


def test_extract_killed_with_sigkill_leaves_no_parse_worker(tmp_path: Path) -> None:
    warc = _big_warc(tmp_path / "big.warc", 2000)
    assert warc.stat().st_size > 2 * 1024 * 1024
    extract = subprocess.Popen([str(ARCHIVER), "extract", "--quiet", "--jobs", "2", str(warc), "-o",
                                str(tmp_path / "out")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        # The forkserver and its two workers are up; stop the run so that it cannot shut
        # its pool down by itself, then kill it.
        wait_until(lambda: len(workers_of(extract.pid, "forkserver")) >= 3 or extract.poll() is not None, 60,
                   lambda: "no parse workers started")
        extract.send_signal(signal.SIGSTOP)
        assert extract.poll() is None, "extract ended before its workers were seen: " + extract.stderr.read().decode()
        started = descendants(extract.pid)
        assert len(workers_of_pids(started, "forkserver")) >= 3, {pid: command_line(pid) for pid in started}
        os.kill(extract.pid, signal.SIGKILL)
        extract.wait(timeout=10)
        assert_none_left(started)
    finally:
        if extract.poll() is None:
            extract.kill()
            extract.wait()
