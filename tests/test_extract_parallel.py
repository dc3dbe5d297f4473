"""``archiver extract --jobs N``: parsing in worker processes gives the serial run's output.

Workers are real processes (forkserver or spawn); inputs are tiny, so the size threshold
that normally keeps small inputs in one process is lowered to 0, batches hold two pages
(several batches in flight) and the calling process does not parse pages itself while the
workers start, as it does in a real run.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import archiver.extract
import archiver.parallel
from archiver.cli import cli
from archiver.extract import parse_batch_encoded
from archiver.parallel import PageInput, PagePool, parse_batch
from tests.test_extract_support import CORPUS_PAGE, PNG, POST_PATH, WarcBuilder, site_page

BLOG = "http://blog.example"
DYING_URL = BLOG + "/post-2/"


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archiver.extract, "POOL_MIN_INPUT_BYTES", 0)
    monkeypatch.setattr(archiver.parallel, "BATCH_PAGES", 2)
    monkeypatch.setattr(archiver.parallel, "HELP_WHILE_STARTING", False)  # the workers parse every page


def _post(number: int) -> bytes:
    return site_page(POST_PATH).replace(b"/2019/05/hello-world/", f"/post-{number}/".encode())


def _archives(folder: Path) -> list[Path]:
    """Three files: revisits read before their originals, originals with comment pages,
    listings and non-HTML, and a later capture that adds comments to a post."""
    post = BLOG + POST_PATH
    originals = WarcBuilder(folder / "b-originals.warc.gz")
    originals.response(post, site_page(POST_PATH), date="2024-03-01T12:00:00Z")
    originals.response(BLOG + "/logo.png", PNG, content_type="image/png", encode=False)
    for number in (2, 1):
        originals.response(post + f"comment-page-{number}/", site_page(f"{POST_PATH}comment-page-{number}/"))
    listing = f'<html><body><a href="{POST_PATH}">one</a> <a href="/post-1/">two</a></body></html>'
    originals.response(BLOG + "/", listing.encode(), encode=False)
    originals.response(BLOG + "/2019/02/json-parsing/", gzip.decompress(CORPUS_PAGE.read_bytes()))
    originals.response(BLOG + "/missing/", b"<html>gone</html>", status="404 Not Found")
    for number in (1, 2, 3):
        originals.response(f"{BLOG}/post-{number}/", _post(number), encode=number != 2)
    revisits = WarcBuilder(folder / "a-revisits.warc", gzip_records=False)
    revisits._headers = originals._headers  # revisit digests come from the originals
    revisits.revisit(BLOG + "/?p=7", post, date="2024-04-01T12:00:00Z", with_id=False)
    revisits.revisit(BLOG + "/feed-copy/", post, date="2024-04-02T12:00:00Z")
    later = WarcBuilder(folder / "c-later.warc.gz")
    early = _post(3).split(b'<li id="comment-12"')[0] + b"</ol></div></body></html>"
    later.response(f"{BLOG}/post-3/", early, date="2024-02-01T12:00:00Z")
    later.response(BLOG + "/post-4/", _post(4), date="2024-05-01T12:00:00Z")
    return [revisits.close(), originals.close(), later.close()]


def _extract(archives: list[Path], output: Path, *options: str) -> tuple[int, str, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["extract", "--quiet", *map(str, archives), "-o", str(output), *options])
    files = {name: (output / name).read_text(encoding="utf-8") for name in ("articles.jsonl", "comments.jsonl")}
    summary = json.loads((output / "summary.json").read_text())
    summary.pop("output")
    files["summary"] = summary
    return result.exit_code, result.stderr, files


def test_pool_output_is_the_serial_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archives = _archives(tmp_path)
    submitted: list[int] = []
    real_submit = PagePool._submit
    monkeypatch.setattr(PagePool, "_submit", lambda self, batch: submitted.append(len(batch)) or real_submit(self, batch))
    code, errors, serial = _extract(archives, tmp_path / "one", "--jobs", "1")
    assert code == 0, errors
    assert not submitted, "--jobs 1 parses in-process"
    code, errors, pooled = _extract(archives, tmp_path / "two", "--jobs", "2")
    assert code == 0 and "warning" not in errors, errors
    assert submitted, "the pool parsed some batches"
    assert pooled == serial
    assert serial["summary"]["revisits_resolved"] == 2 and serial["summary"]["skipped"]["not a post"] == 1
    thread = [json.loads(line) for line in serial["comments.jsonl"].splitlines()]
    assert [c["id"] for c in thread if c["article_url"] == BLOG + POST_PATH] == [
        "comment-11", "comment-12", "comment-13", "comment-14"
    ]


def test_all_pages_is_the_same_in_the_pool(tmp_path: Path) -> None:
    archives = _archives(tmp_path)
    code, errors, serial = _extract(archives, tmp_path / "one", "--jobs", "1", "--all-pages")
    assert code == 0, errors
    code, errors, pooled = _extract(archives, tmp_path / "two", "--jobs", "3", "--all-pages")
    assert code == 0, errors
    assert pooled == serial and "not a post" not in serial["summary"]["skipped"]


def _dying_task(batch: list[PageInput], posts_only: bool) -> list[dict[str, Any]]:
    """The extract task, except that a worker given DYING_URL dies on the spot (OOM killer)."""
    if multiprocessing.parent_process() is not None and any(page.url == DYING_URL for page in batch):
        os._exit(9)
    return parse_batch_encoded(batch, posts_only)


def _raising_task(batch: list[PageInput], posts_only: bool) -> list[dict[str, Any]]:
    """parse_batch, except that DYING_URL raises in a worker (and parses in the caller)."""
    if multiprocessing.parent_process() is not None and any(page.url == DYING_URL for page in batch):
        raise MemoryError("worker out of memory")
    return parse_batch(batch, posts_only)


def test_a_dead_worker_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archives = _archives(tmp_path)
    code, errors, serial = _extract(archives, tmp_path / "one", "--jobs", "1")
    assert code == 0, errors
    monkeypatch.setattr(archiver.extract, "parse_batch_encoded", _dying_task)
    code, errors, pooled = _extract(archives, tmp_path / "two", "--jobs", "2")
    assert code == 0, errors
    assert "archiver: warning: parallel parsing stopped (BrokenProcessPool" in errors
    assert pooled == serial


@pytest.mark.parametrize("task", [_dying_task, _raising_task])
def test_pages_a_worker_failed_are_parsed_in_the_caller_in_order(task: Any) -> None:
    pages = [
        PageInput(f"{BLOG}/post-{n}/", [("Content-Type", "text/html")], _post(n), {"warc_offset": n})
        for n in range(1, 9)
    ]
    expected = [(page, result) for page, result in zip(pages, task(pages, True), strict=True)]
    warnings: list[str] = []
    with PagePool(2, task=task, warn=warnings.append) as pool:
        assert list(pool.map(pages)) == expected
    assert bool(warnings) == (task is _dying_task)


def _raising_everywhere(batch: list[PageInput], posts_only: bool) -> list[dict[str, Any]]:
    raise ValueError("parser bug")


def test_a_parser_bug_still_fails_the_run(tmp_path: Path) -> None:
    pages = [PageInput(f"{BLOG}/post-{n}/", None, _post(n), {}) for n in range(1, 5)]
    with pytest.raises(ValueError, match="parser bug"), PagePool(2, task=_raising_everywhere) as pool:
        list(pool.map(pages))


def test_small_inputs_start_no_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archiver.extract, "POOL_MIN_INPUT_BYTES", 10**9)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for a small input")

    monkeypatch.setattr(archiver.parallel, "ProcessPoolExecutor", no_pool)
    code, errors, _ = _extract(_archives(tmp_path), tmp_path / "out", "--jobs", "4")
    assert code == 0, errors


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "x.warc"), "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output + result.stderr


@pytest.mark.parametrize("article_url", ["http://blog.example/ü/\"quoted\"/", None])
def test_a_comment_encoded_by_a_worker_is_the_serial_line(article_url: str | None) -> None:
    from archiver.extract import EncodedComment, _encoded
    from archiver.items import Comment, Provenance

    comment = Comment(
        id="c-1", article_url="http://x/", author='Zoë "Z" \\ O\'Neil', text="line one\nline two \u2028 😀",
        parent_id=None, depth=2, position=7, page_url="http://x/comment-page-2/",
        provenance=Provenance(warc_file="a.warc.gz", warc_offset=12),
    )
    encoded = _encoded(comment.to_dict())
    assert isinstance(encoded, tuple)
    restored = EncodedComment(*encoded)
    comment.article_url = restored.article_url = article_url  # type: ignore[assignment]
    comment.position = restored.position = 3
    assert restored.json_line() == json.dumps(comment.to_dict(), ensure_ascii=False)
