"""Bad input and a full disk through the real ``archiver`` console script.

Each case must end in one line on stderr, a non-zero exit, no traceback, and no damage to
files an earlier run wrote. The disk is "filled" with a file-size limit
(``RLIMIT_FSIZE``) in the child process, which fails writes exactly like a full disk.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.output import crawl_directory, crawl_name_for, safe_name
from tests.hostile_site import comment_list, post_html, wide_thread

ARCHIVER = Path(sys.executable).parent / "archiver"


def run(*args: str, file_limit: int | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run([str(ARCHIVER), *args], capture_output=True, text=True, timeout=120, check=False,
                          preexec_fn=limit if file_limit else None, cwd=cwd)


def assert_one_line_error(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("archiver: error: "), done.stderr


@pytest.fixture(scope="module")
def warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 posts with 20 comments each, as a WARC written with warcio."""
    path = tmp_path_factory.mktemp("warc") / "blog.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for n in range(40):
            html = post_html(f"Post {n}", f"<p>Body of post {n}.</p>",
                             comment_list(wide_thread(20, prefix=f"p{n}c"), declared=20)).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"http://blog.test/2024/03/{n:02d}/post-{n}/", "response", payload=io.BytesIO(html), http_headers=headers))
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_extract_on_a_full_disk_keeps_the_previous_output_whole(warc: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("extract", str(warc), "-o", str(out)).returncode == 0
    before = snapshot(out)
    assert before["comments.jsonl"].count(b"\n") == 800
    done = run("extract", str(warc), "-o", str(out), file_limit=30_000)
    assert_one_line_error(done)
    assert "disk full or file size limit" in done.stderr
    assert snapshot(out) == before  # no torn file, no .partial left behind


def test_export_on_a_full_disk_keeps_the_previous_output_whole(warc: Path, tmp_path: Path) -> None:
    extracted = tmp_path / "extracted"
    assert run("extract", str(warc), "-o", str(extracted)).returncode == 0
    out = tmp_path / "dataset"
    assert run("export", str(extracted), "--format", "jsonl", "-o", str(out)).returncode == 0
    before = snapshot(out)
    assert_one_line_error(run("export", str(extracted), "--format", "csv", "-o", str(out), file_limit=20_000))
    after = snapshot(out)
    assert {name: after[name] for name in before} == before
    assert not [name for name in after if name.endswith(".partial")]


@pytest.mark.parametrize(
    "args",
    [
        ("archive", "not a url"),
        ("archive", "ftp://example.org/file"),
        ("extract", "/no/such/file.warc.gz"),
        ("export", "/no/such/crawl", "--format", "csv", "-o", "x"),
        ("pack", "/no/such/crawl"),
        ("parse", "/no/such/page.html"),
    ],
)
def test_bad_arguments_give_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    assert_one_line_error(run(*args, cwd=tmp_path))


def test_archive_of_an_unreachable_host_fails_cleanly(tmp_path: Path) -> None:
    done = run("archive", "http://127.0.0.1:9/post/", "-o", str(tmp_path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "connection_refused" in done.stderr


def test_extract_of_a_non_archive_is_one_line_with_a_reason(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.warc.gz"
    bogus.write_text("Not an archive at all, just some notes.\nSecond line.\n")
    done = run("extract", str(bogus), "-o", str(tmp_path / "out"))
    assert done.returncode == 3
    assert_one_line_error(done)
    assert f"not a WARC, ARC or WACZ file: {bogus} (no WARC or ARC record in it)" in done.stderr


def test_warc_cut_in_the_middle_keeps_the_whole_records(warc: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.warc.gz"
    data = warc.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out"
    done = run("extract", str(cut), "-o", str(out))
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    articles = (out / "articles.jsonl").read_text().splitlines()
    assert 10 <= len(articles) < 40


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the permissions say")
def test_unreadable_input_and_unwritable_output(warc: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "page.html").write_text("<p>x</p>")
    locked.chmod(0)
    try:
        assert_one_line_error(run("parse", str(locked / "page.html")))
        assert_one_line_error(run("extract", str(warc), "-o", str(locked / "out")))
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("hostile", ["../../etc", "/etc/passwd", "..", "a/../../b", "\x00", "...", "~root", "C:\\x"])
def test_names_from_urls_and_settings_stay_inside_the_output_folder(hostile: str, tmp_path: Path) -> None:
    name = safe_name(hostile)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    folder = crawl_directory({"ARCHIVER_OUTPUT_DIR": str(tmp_path), "ARCHIVER_CRAWL_NAME": hostile})
    assert folder.resolve().parent == tmp_path.resolve()
    assert crawl_name_for(f"http://{hostile}/") .count("/") == 0


def test_archive_refuses_a_crawl_folder_another_run_holds(tmp_path: Path) -> None:
    from archiver.lock import CrawlLock

    lock = CrawlLock(tmp_path / "127.0.0.1_9").acquire()
    try:
        done = run("archive", "http://127.0.0.1:9/post/", "-o", str(tmp_path))
    finally:
        lock.release()
    assert_one_line_error(done)
    assert "Another run of this crawl is in progress" in done.stderr
