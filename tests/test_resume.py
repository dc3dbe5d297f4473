"""``kill -9`` a real crawl at several points, run the same command again, and check the result.

The demo blog answers slowly (a delay per request, two requests at a time) so the kills
land mid-crawl: early (as soon as the first WARC file is being written), in the middle
(once some posts were written), and right after a WARC file rotation (small
``ARCHIVER_WARC_MAX_SIZE``). A torn last JSON line is also left behind, as a write cut by
the kill would. The last run goes to the end; the union of all runs must hold every post
and comment of the demo model exactly once, and every WARC file must pass ``warcio check``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from archiver.demo import DemoServer, build_site, serve_demo
from tests.conftest import ROOT, SCRAPY

WARCIO = Path(sys.executable).parent / "warcio"
SETTINGS = {"CONCURRENT_REQUESTS": 2, "ARCHIVER_WARC_MAX_SIZE": 60_000, "LOG_LEVEL": "INFO",
            "TELNETCONSOLE_ENABLED": False}


def command(demo: DemoServer, output: Path) -> list[str]:
    args = [str(SCRAPY), "crawl", "blog", "-a", f"url={demo.url}/", "-s", f"ARCHIVER_OUTPUT_DIR={output}"]
    for name, value in SETTINGS.items():
        args += ["-s", f"{name}={value}"]
    return args


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def run_until(demo: DemoServer, output: Path, condition: Callable[[Path], bool], timeout: float = 60,
              stop: signal.Signals = signal.SIGKILL) -> str:
    """Start the crawl and send ``stop`` as soon as ``condition(folder)`` holds; return its log."""
    folder = crawl_folder(demo, output)
    log = output / f"run-{time.monotonic_ns()}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(command(demo, output), cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        try:
            while not condition(folder):
                assert process.poll() is None, "the crawl ended before the kill point: " + log.read_text()[-2000:]
                assert time.monotonic() < deadline, "kill point not reached"
                time.sleep(0.01)
            os.kill(process.pid, stop)
        finally:
            process.wait(timeout=30)
    assert process.returncode == (-signal.SIGKILL if stop == signal.SIGKILL else 0)
    return log.read_text(errors="replace")


def run_to_end(demo: DemoServer, output: Path) -> str:
    done = subprocess.run(command(demo, output), check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stderr


def crawl_folder(demo: DemoServer, output: Path) -> Path:
    return output / f"127.0.0.1_{demo.url.rsplit(':', 1)[1]}"


def warc_files(folder: Path, suffix: str = ".warc.gz") -> list[Path]:
    return sorted((folder / "warc").glob(f"*{suffix}"))


@dataclass
class Resumed:
    demo: DemoServer
    folder: Path
    logs: list[str]
    kills: int


@pytest.fixture(scope="module")
def resumed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Resumed]:
    output = tmp_path_factory.mktemp("resume")
    model = build_site(posts=24, comments=140)
    with serve_demo(model, delay=0.04) as demo:
        folder = crawl_folder(demo, output)
        logs = [run_until(demo, output, lambda f: bool(warc_files(f, ".open")))]  # early
        posts = len(model.posts)
        logs.append(run_until(demo, output, lambda f: len(lines(f / "articles.jsonl")) >= posts // 3))  # middle
        with (folder / "comments.jsonl").open("a", encoding="utf-8") as torn:  # a write cut by a kill
            torn.write('{"type": "comment", "id": "comment-99')
        finished = len(warc_files(folder))
        logs.append(run_until(demo, output, lambda f: len(warc_files(f)) > finished + 1))  # just rotated
        logs.append(run_to_end(demo, output))
        yield Resumed(demo, folder, logs, kills=3)


def test_union_of_runs_holds_every_post_and_comment_once(resumed: Resumed) -> None:
    model = resumed.demo.model
    articles = lines(resumed.folder / "articles.jsonl")
    comments = lines(resumed.folder / "comments.jsonl")
    assert sorted(a["url"] for a in articles) == sorted(resumed.demo.url + p.path for p in model.posts)
    assert sorted(c["id"] for c in comments) == sorted(c.id for c in model.all_comments())
    by_id = {c["id"]: c for c in comments}
    for post in model.posts:  # threads stitched across comment pages, also for re-fetched posts
        for position, (comment, _) in enumerate(post.flat_comments(), start=1):
            assert by_id[comment.id]["position"] == position
            assert by_id[comment.id]["parent_id"] == (f"comment-{comment.parent}" if comment.parent else None)


def test_every_warc_file_is_finished_and_valid(resumed: Resumed) -> None:
    assert warc_files(resumed.folder, ".open") == []
    files = warc_files(resumed.folder)
    assert len(files) >= 4
    check = subprocess.run([str(WARCIO), "check", *map(str, files)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr


def test_each_restart_resumed_and_repaired_what_the_kill_left(resumed: Resumed) -> None:
    later = resumed.logs[1:]
    assert all("Resuming the interrupted crawl" in log for log in later)
    assert any("Repaired WARC file" in log for log in later)
    assert "removed a torn last line" in resumed.logs[2]
    runs = lines(resumed.folder / "runs.jsonl")
    # A killed run's line is written by the run after it; the last one resumed and finished.
    assert [r["finish_reason"] for r in runs] == ["interrupted"] * resumed.kills + ["finished"]
    assert runs[-1]["resumed"] is True and runs[-1]["resumed_requests"] > 0


def test_a_second_run_after_the_end_fetches_nothing_new(resumed: Resumed) -> None:
    """The demo blog is from 2011: no post is young enough to be re-visited."""
    log = run_to_end(resumed.demo, resumed.folder.parent)
    assert "Resuming" not in log
    last = lines(resumed.folder / "runs.jsonl")[-1]
    assert last["new_articles"] == 0 and last["new_comments"] == 0
    # Every post link is skipped unfetched; only the old permalink's 301 leads to its post.
    assert last["posts_not_revisited"] >= len(resumed.demo.model.posts) - 1
    assert last["posts_fetched"] <= 1


def test_a_run_stopped_gracefully_is_resumed(tmp_path: Path) -> None:
    """SIGTERM (Ctrl-C) stops a run cleanly with work left; the next run picks it up."""
    model = build_site(posts=12, comments=60)
    with serve_demo(model, delay=0.05) as demo:
        run_until(demo, tmp_path, lambda f: len(lines(f / "articles.jsonl")) >= 4, stop=signal.SIGTERM)
        log = run_to_end(demo, tmp_path)
    folder = crawl_folder(demo, tmp_path)
    assert "Resuming the interrupted crawl" in log
    assert [r["finish_reason"] for r in lines(folder / "runs.jsonl")] == ["shutdown", "finished"]
    assert sorted(a["url"] for a in lines(folder / "articles.jsonl")) == sorted(demo.url + p.path for p in model.posts)
    assert sorted(c["id"] for c in lines(folder / "comments.jsonl")) == sorted(c.id for c in model.all_comments())
