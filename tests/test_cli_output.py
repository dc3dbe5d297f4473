"""What the ``archiver`` commands write on their standard streams, run as real processes.

Every stderr line starts with ``archiver:``, library messages included (warcio's writes
to stderr and its logger, Python warnings, in parse workers too), ``--quiet`` leaves
library messages out, and a reader that closes standard output early (``| head -1``)
ends a command quietly with status 0.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.demo import DemoServer
from tests.conftest import ROOT, SCRAPY
from tests.hostile_site import comment_list, post_html, wide_thread

ARCHIVER = SCRAPY.parent / "archiver"
PAGE = b"<html><body><article><h1>Hello</h1><p>Some text of the post.</p></article></body></html>"


def run(*arguments: str, **options: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ARCHIVER), *arguments], capture_output=True, text=True, check=False, timeout=120,
                          **options)


def unprefixed(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("archiver: ")]


def test_parse_into_a_reader_that_stops_after_one_line(tmp_path: Path) -> None:
    """``archiver parse PAGE | head -1``: far more output than a pipe holds, read one line."""
    page = tmp_path / "busy.html"
    page.write_text(post_html("A busy thread", "<p>Many readers.</p>", comment_list(wide_thread(1500))))
    process = subprocess.Popen([str(ARCHIVER), "parse", str(page), "--url", "http://blog.example/2020/01/01/busy/"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, stderr
    assert first.startswith(b'{"type": "article"')
    assert stderr == ""  # no "Broken pipe" error, no "Exception ignored" at exit


def test_archive_with_standard_output_closed(demo_site: DemoServer, tmp_path: Path) -> None:
    """The summary has nowhere to go: the post is archived all the same, and no error."""
    post = demo_site.model.posts[0]
    process = subprocess.Popen([str(ARCHIVER), "archive", demo_site.url + post.path, "-o", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command writes anything
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, stderr
    assert stderr == ""
    assert list(tmp_path.glob("*/articles.jsonl")) and list(tmp_path.glob("*/warc/*.warc.gz"))


def _record(uri: str, body: bytes) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False, warc_version="WARC/1.1")
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))
    return out.getvalue()


def warc_that_makes_warcio_warn(path: Path) -> Path:
    """A target URI with a space (warcio's logger: "Replacing spaces in invalid
    WARC-Target-URI"), then a record whose Content-Length is 9 bytes short (warcio writes
    "Record not followed by newline" to stderr, over three lines), then a good record."""
    short = _record("http://blog.example/2019/05/short/", PAGE)
    length = int(re.search(rb"Content-Length: (\d+)\r\n", short).group(1))  # type: ignore[union-attr]
    short = short.replace(b"Content-Length: %d\r\n" % length, b"Content-Length: %d\r\n" % (length - 9), 1)
    path.write_bytes(_record("http://blog.example/2019/05/a post/", PAGE) + short
                     + _record("http://blog.example/2019/05/good/", PAGE))
    return path


def test_warcio_messages_carry_the_prefix_and_obey_quiet(tmp_path: Path) -> None:
    warc = warc_that_makes_warcio_warn(tmp_path / "odd.warc")
    loud = run("extract", str(warc), "-o", str(tmp_path / "loud"), "--jobs", "1")
    assert unprefixed(loud.stderr) == [], loud.stderr
    assert "archiver: warning: warcio: Replacing spaces in invalid WARC-Target-URI" in loud.stderr
    assert re.search(r"^archiver: warning: warcio: Record not followed by newline.*; Offset: \d+; Remainder: ",
                     loud.stderr, re.MULTILINE), loud.stderr
    quiet = run("extract", "--quiet", str(warc), "-o", str(tmp_path / "quiet"), "--jobs", "1")
    assert unprefixed(quiet.stderr) == [], quiet.stderr
    assert "warcio:" not in quiet.stderr and "Replacing spaces" not in quiet.stderr
    assert "Record not followed" not in quiet.stderr
    assert quiet.returncode == loud.returncode  # quiet changes what is said, not the outcome


def warning_batch(batch: list[Any], posts_only: bool) -> list[dict[str, Any]]:
    """A PagePool task that warns (run in a worker process by the test below)."""
    warnings.warn("a library warned in a worker", UserWarning, stacklevel=1)
    return [{"skipped": "not a post"} for _ in batch]


def test_python_warnings_carry_the_prefix_in_the_process_and_its_workers() -> None:
    script = textwrap.dedent("""
        import sys, warnings
        from archiver import console, parallel
        console.install(quiet=sys.argv[1] == "quiet")
        warnings.warn("a library warned", UserWarning)
        parallel.HELP_WHILE_STARTING = False
        from tests.test_cli_output import warning_batch
        with parallel.PagePool(1, task=warning_batch) as pool:
            list(pool.map([parallel.PageInput("http://blog.example/", None, b"", {})] * 2))
    """)
    loud = subprocess.run([sys.executable, "-c", script, "loud"], cwd=ROOT, capture_output=True, text=True,
                          check=True, timeout=120)
    assert unprefixed(loud.stderr) == [], loud.stderr
    assert "archiver: warning: <string>: UserWarning: a library warned" in loud.stderr
    assert "archiver: warning: test_cli_output: UserWarning: a library warned in a worker" in loud.stderr
    quiet = subprocess.run([sys.executable, "-c", script, "quiet"], cwd=ROOT, capture_output=True, text=True,
                           check=True, timeout=120)
    assert quiet.stderr == ""


def test_standard_output_closed_from_the_start(tmp_path: Path) -> None:
    """``>&-``: ``parse`` cannot write its items and says so (as ``cat`` does); a command that
    writes nothing to standard output does not mind."""
    page = tmp_path / "post.html"
    page.write_bytes(PAGE)
    parse = subprocess.run(["bash", "-c", f'"{ARCHIVER}" parse "{page}" --url http://blog.example/post/ >&-'],
                           capture_output=True, text=True, check=False, timeout=120)
    assert parse.returncode == 1
    assert parse.stderr == "archiver: error: cannot write the items: standard output is closed\n"
    warc = tmp_path / "one.warc"
    warc.write_bytes(_record("http://blog.example/2019/05/good/", PAGE))
    extract = subprocess.run(["bash", "-c", f'"{ARCHIVER}" extract "{warc}" -o "{tmp_path / "out"}" >&-'],
                             capture_output=True, text=True, check=False, timeout=120)
    assert extract.returncode == 0, extract.stderr
    assert unprefixed(extract.stderr) == []
