"""Reading a blog from an archive that speaks the Internet Archive's dialect.

The server (:func:`tests.archive_servers.serve_ia`) answers CDX queries as the Wayback
Machine's CDX server does (JSON arrays, ``resumeKey`` paging, regex filters) and replays
``id_`` captures, redirecting a timestamp that names no capture to the nearest one. The
tests crawl it as ``scrapy crawl blog -a archive=…`` and ``archiver archive URL
--archive … --at …`` do, make it answer 429, and kill a crawl half way.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from archiver.archives.cdx import parse_cdx
from archiver.archives.timestamps import iso
from archiver.demo import build_site
from tests.archive_servers import IAArchive, cdx_answer, jsonl, serve_ia
from tests.archived_blog import FIRST_VISIT, ORIGINAL, SECOND_VISIT, Visit, two_visits
from tests.conftest import ROOT, SCRAPY, CrawlOutput, run_blog_crawl
from tests.test_archives_pywb import crawl_stats

CONTACT = "archivist@example.org"


@pytest.fixture(scope="module")
def visits() -> tuple[object, Visit, Visit]:
    model = build_site()
    first, second = two_visits(model)
    return model, first, second


@pytest.fixture()
def ia(visits: tuple[object, Visit, Visit]) -> Iterator[IAArchive]:
    _, first, second = visits
    with serve_ia(first.pages + second.pages) as archive:
        yield archive


def crawl(archive: IAArchive, folder: Path, *arguments: str, **settings: object) -> CrawlOutput:
    output = run_blog_crawl(folder, f"url={ORIGINAL}/", f"archive={archive.cdx}", *arguments,
                            settings={"ARCHIVER_PARSE_WORKERS": 0, "ARCHIVER_CONTACT": CONTACT, **settings},
                            timeout=300)
    assert output.returncode == 0, output.log[-3000:]
    return output


def test_the_server_speaks_the_dialect(ia: IAArchive) -> None:
    """JSON and text answers, filters, collapse and resume keys, as the client reads them."""
    query = {"url": ["blog.example.org/"], "matchType": ["host"], "filter": ["statuscode:200", "!mimetype:text/plain"],
             "limit": ["5"], "showResumeKey": ["true"]}
    _, text = cdx_answer(ia, query)
    _, as_json = cdx_answer(ia, {**query, "output": ["json"]})
    by_text, by_json = parse_cdx(text), parse_cdx(as_json)
    assert by_text == by_json and len(by_json.rows) == 5 and by_json.resume_key
    assert all(row.status == "200" and row.mime != "text/plain" for row in by_json.rows)
    rest = parse_cdx(cdx_answer(ia, {**query, "output": ["json"], "resumeKey": [by_json.resume_key]})[1])
    assert {row.url for row in rest.rows}.isdisjoint(row.url for row in by_json.rows[:-1])
    collapsed = parse_cdx(cdx_answer(ia, {"url": ["blog.example.org/"], "matchType": ["exact"],
                                          "collapse": ["digest"], "output": ["json"]})[1])
    assert [row.timestamp[:4] for row in collapsed.rows] == ["2011", "2012"]  # the home page changed


def test_crawl_pages_through_the_index_by_resume_key(ia: IAArchive, visits: tuple, tmp_path: Path) -> None:
    model, first, _ = visits
    output = crawl(ia, tmp_path, "until=2011-12-31", ARCHIVER_ARCHIVE_PAGE_SIZE=7)
    assert sorted(a["url"] for a in output.articles) == sorted(ORIGINAL + p.path for p in model.posts)
    expected = {ORIGINAL + path: ids for path, ids in first.comments.items() if ids}
    found: dict[str, list[str]] = {}
    for comment in output.comments:
        found.setdefault(comment["article_url"], []).append(comment["id"])
    assert found == expected
    for item in output.articles + output.comments:
        page = item.get("page_url") or item["url"]
        stamp = first.page(urlsplit(page).path + (f"?{urlsplit(page).query}" if urlsplit(page).query else "")).timestamp
        assert item["captured_at"] == iso(stamp)
        assert item["archive_url"] == f"{ia.url}/web/{stamp}id_/{page}"
    queries = [parse_qs(urlsplit(hit.path).query) for hit in ia.requests("/cdx/search/cdx")]
    assert len(queries) > 2 and all(q["output"] == ["json"] for q in queries)
    assert sum("resumeKey" in q for q in queries) == len(queries) - 1  # every page after the first
    # the archive's Location of the captured 301 pointed into the archive: followed as the original's target
    target = ORIGINAL + model.redirect_target.path
    assert any(a["url"] == target for a in output.articles)
    assert all(CONTACT in hit.user_agent for hit in ia.hits)


def test_429_pauses_the_whole_crawl(ia: IAArchive, visits: tuple, tmp_path: Path) -> None:
    """A 429 on the index and one on a replay: nothing more is sent to the archive until
    the Retry-After has passed (but the one request the downloader had already sent
    when the 429 arrived, one at a time here), then the crawl goes on and loses nothing."""
    model, first, _ = visits
    ia.retry_after = 2
    post = ORIGINAL + model.posts[3].path
    ia.throttle = ["/cdx/search/cdx", f"/web/{first.page(model.posts[3].path).timestamp}id_/{post}"]
    output = crawl(ia, tmp_path, "until=2011-12-31", ARCHIVER_ARCHIVE_CONCURRENCY=1)
    assert len(output.articles) == len(model.posts)
    assert crawl_stats(output.log)["archiver/archive/pauses"] == 2
    hits = sorted(ia.hits, key=lambda hit: hit.at)
    refused = [index for index, hit in enumerate(hits) if hit.status == 429]
    assert len(refused) == 2
    for index in refused:
        refusal = hits[index]
        during = [hit for hit in hits[index + 1:] if hit.at - refusal.at < ia.retry_after - 0.05]
        assert len(during) <= 1, during
        again = next(hit for hit in hits[index + 1:] if hit.path == refusal.path)
        assert again.at - refusal.at >= ia.retry_after - 0.05 and again.status == 200


def test_one_post_at_a_date_with_its_comment_pages(ia: IAArchive, visits: tuple, tmp_path: Path) -> None:
    """``archiver archive URL --archive … --at …``: the post and its comment pages as the
    capture nearest that date holds them, found with one index query."""
    model, first, second = visits
    post = model.posts[0]
    for moment, visit in ((FIRST_VISIT, first), (SECOND_VISIT, second)):
        folder = tmp_path / moment.strftime("%Y")
        done = subprocess.run([str(Path(sys.executable).parent / "archiver"), "archive", ORIGINAL + post.path,
                               "--archive", ia.cdx, "--at", moment.strftime("%Y-%m-%d"), "-o", str(folder)],
                              capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
        assert done.returncode == 0, done.stderr + done.stdout
        (crawl_folder,) = [p for p in folder.iterdir() if p.is_dir()]
        comments = jsonl(crawl_folder / "comments.jsonl")
        assert [c["id"] for c in comments] == visit.comments[post.path]
        assert {c["captured_at"][:4] for c in comments} == {moment.strftime("%Y")}
    listings = [hit for hit in ia.requests("/cdx/search/cdx")]
    assert len(listings) == 2  # one prefix listing per run: the post and its comment pages


def test_a_moved_post_is_found_through_the_time_gate(ia: IAArchive, visits: tuple, tmp_path: Path) -> None:
    """The old address of a post: its capture is a 301; the target is outside the one-post
    listing, so it is asked of the replay at the redirect's own capture time, and the
    archive redirects (302) to its nearest capture."""
    model, first, _ = visits
    old = ORIGINAL + model.redirect_path
    command = [str(Path(sys.executable).parent / "archiver"), "archive", old, "--archive", ia.cdx,
               "--at", "2011-10-20", "-o", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    (article,) = jsonl(folder / "articles.jsonl")
    target = model.redirect_target
    assert article["url"] == ORIGINAL + target.path
    assert article["captured_at"] == iso(first.page(target.path).timestamp)
    redirect = first.page(model.redirect_path)
    gate = [hit for hit in ia.requests("/web/") if hit.status == 302]
    assert [hit.path for hit in gate] == [f"/web/{redirect.timestamp}id_/{ORIGINAL + target.path}"]
    # the same again: the listing, the redirect, the time gate's answer and the post all
    # come from the crawl folder; the archive is asked nothing
    asked = len(ia.hits)
    again = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert again.returncode == 0, again.stderr + again.stdout
    assert [hit.path for hit in ia.hits[asked:]] == []


def test_killed_and_resumed_loses_nothing_and_fetches_nothing_twice(ia: IAArchive, visits: tuple,
                                                                     tmp_path: Path) -> None:
    model, first, _ = visits
    newest = model.posts[0]
    page = first.page(f"{newest.path}comment-page-2/")
    ia.hold = f"/web/{page.timestamp}id_/{page.url}"  # the crawl is killed while it waits for this one
    arguments = ["-a", f"url={ORIGINAL}/", "-a", f"archive={ia.cdx}", "-a", "until=2011-12-31"]
    settings = {"ARCHIVER_OUTPUT_DIR": tmp_path, "ARCHIVER_PARSE_WORKERS": 0, "ARCHIVER_ARCHIVE_CONCURRENCY": 1,
                "LOG_LEVEL": "INFO", "TELNETCONSOLE_ENABLED": False}
    command = [str(SCRAPY), "crawl", "blog", *arguments]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    with open(tmp_path / "first.log", "wb") as log:
        first_run = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            assert ia.held.wait(120), "the crawl never reached the held page"
            state = next(tmp_path.glob("*/state.sqlite"))
            answered = {hit.path for hit in ia.requests("/web/") if hit.status == 200}
            _wait_for(lambda: _fetched_count(state) >= len(answered))
            # and in the WARC: a capture the state lists but the killed crawl had not yet
            # written is fetched again on resume (nothing lost); the test wants none of those
            _wait_for(lambda: answered <= _archived(state.parent))
            os.kill(first_run.pid, signal.SIGKILL)
            first_run.wait(30)
        finally:
            if first_run.poll() is None:
                first_run.kill()
    run_one = list(ia.hits)
    ia.hold = None
    ia.release.set()
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert second.returncode == 0, second.stderr[-3000:]
    folder = next(p for p in tmp_path.iterdir() if p.is_dir())
    articles, comments = jsonl(folder / "articles.jsonl"), jsonl(folder / "comments.jsonl")
    assert sorted(a["url"] for a in articles) == sorted(ORIGINAL + p.path for p in model.posts)
    assert len(comments) == len({c["id"] for c in comments}) == sum(len(ids) for ids in first.comments.values())
    run_two = ia.hits[len(run_one):]
    held = next(hit for hit in run_one if hit.path == ia_hold_path(page))
    answered_once = Counter(hit.path for hit in run_one + run_two if hit.path.startswith("/web/") and hit is not held)
    assert max(answered_once.values()) == 1, answered_once.most_common(3)
    assert not [hit for hit in run_two if hit.path.startswith("/cdx/")]  # the listing came from the state
    assert crawl_stats(second.stderr)["archiver/archive/from_warc"] > 0


def ia_hold_path(page: object) -> str:
    return f"/web/{page.timestamp}id_/{page.url}"  # type: ignore[attr-defined]


def _fetched_count(state: Path) -> int:
    with sqlite3.connect(state) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM archive_fetched").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def _archived(folder: Path) -> set[str]:
    """Archive paths (``/web/…id_/…``) of the captures whose response records the crawl's
    WARC files hold so far (a record still being written is left out)."""
    from warcio.archiveiterator import ArchiveIterator

    found: set[str] = set()
    for path in folder.rglob("*.warc.gz*"):  # the file being written ends in ".open"
        with path.open("rb") as stream:
            try:
                for record in ArchiveIterator(stream):
                    source = record.rec_headers.get_header("WARC-Source-URI")
                    if record.rec_type == "response" and source:
                        found.add(urlsplit(source).path)
            except Exception:  # noqa: BLE001 - the last record is being written
                continue
    return found


def _wait_for(condition: object, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out waiting for the crawl's state"
        time.sleep(0.1)
