"""`archiver parse` prints JSON Lines and fails with one clear line on bad input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

CNN = Path(__file__).parent / "fixtures" / "pages" / "cnn_com" / "security-clearance-2011" / "page.html.gz"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "archiver", *args], check=False, input=stdin, capture_output=True, timeout=120)


def test_parse_gz_file_prints_article_then_comments() -> None:
    done = run("parse", str(CNN), "--url", "http://security.blogs.cnn.com/2011/09/16/x/")
    assert done.returncode == 0, done.stderr
    items = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [i["type"] for i in items] == ["article"] + ["comment"] * 4
    assert items[0]["url"] == "http://security.blogs.cnn.com/2011/09/16/x/"
    assert b"declared 5 comments, found 4" in done.stderr


def test_parse_notes_comments_without_author_and_dropped_records() -> None:
    from tests.hostile_site import HOLLOW_COMMENTS, comment_list, post_html

    page = post_html("Hollow comments", "<p>Some comments show no name.</p>", comment_list(HOLLOW_COMMENTS))
    done = run("parse", "-", "--url", "http://blog.example.org/2024/03/05/hollow/", stdin=page.encode())
    assert done.returncode == 0, done.stderr
    items = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [i["type"] for i in items] == ["article"] + ["comment"] * 4
    notes = done.stderr.decode().splitlines()
    assert notes == ["archiver: note: 1 comment record without text dropped",
                     "archiver: note: comments without author (3)"]


def test_parse_stdin() -> None:
    done = run("parse", "-", stdin=gzip.decompress(CNN.read_bytes()))
    assert done.returncode == 0
    assert json.loads(done.stdout.splitlines()[0])["title"].startswith("A key friendship")


def test_bad_inputs_give_one_line_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    broken_gz = tmp_path / "broken.html.gz"
    broken_gz.write_bytes(gzip.compress(b"<html><p>" + bytes(range(256)) * 50)[:60])
    for path in (tmp_path / "missing.html", empty, binary, tmp_path, broken_gz):
        done = run("parse", str(path))
        assert done.returncode != 0
        lines = done.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("archiver: error: "), done.stderr
        assert done.stdout == b""


def test_every_command_has_help() -> None:
    from click.testing import CliRunner

    from archiver.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["--help"]).exit_code == 0
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, name
