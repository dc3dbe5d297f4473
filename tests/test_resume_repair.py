"""The repairs a run makes before it resumes a killed one, on files cut at every byte."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.jsonl import read_records, repair_tail
from archiver.state.policy import RevisitPolicy
from archiver.state.store import PostRecord, iso
from archiver.warc.exchange import HttpExchange
from archiver.warc.naming import OPEN_SUFFIX
from archiver.warc.writer import (
    RotatingWarcWriter,
    complete_members_length,
    repair_open_files,
)

WARCIO = Path(sys.executable).parent / "warcio"


def exchange(number: int) -> HttpExchange:
    body = f"<html><body>page {number}</body></html>".encode() * 20
    return HttpExchange(url=f"http://blog.example.org/{number}/", method="GET", request_headers=[],
                        request_body=b"", status=200, response_headers=[(b"Content-Type", b"text/html")],
                        body=body, fetched_at=datetime(2026, 11, 25, 14, 30, number, tzinfo=UTC))


def test_torn_jsonl_tail_is_cut_to_the_last_whole_line(tmp_path: Path) -> None:
    path = tmp_path / "comments.jsonl"
    path.write_text('{"id": 1}\n{"id": 2}\n{"id": 3, "te', encoding="utf-8")
    assert repair_tail(path) == len('{"id": 3, "te')
    assert [r["id"] for r in read_records(path)] == [1, 2]
    assert repair_tail(path) == 0  # whole files are left alone
    path.write_text('{"id": 1, "no newline"', encoding="utf-8")
    repair_tail(path)
    assert path.read_bytes() == b""


@pytest.fixture
def open_warc(tmp_path: Path) -> tuple[Path, list[int]]:
    """A WARC file left ``.open`` with three exchanges, and where each exchange ended."""
    writer = RotatingWarcWriter(tmp_path, {"software": "test"})
    ends = []
    for number in range(3):
        writer.write(exchange(number))
        assert writer._file is not None
        ends.append(writer._file.tell())
    writer._file.close()
    (path,) = tmp_path.glob(f"*{OPEN_SUFFIX}")
    return path, ends


def test_cut_warc_keeps_every_whole_record(open_warc: tuple[Path, list[int]]) -> None:
    path, _ = open_warc
    data = path.read_bytes()
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        starts = [iterator.get_record_offset() for _ in iterator]
    boundaries = [0, *starts[1:], len(data)]  # where each whole record ends
    assert complete_members_length(path) == len(data)
    for cut in range(1, len(data), 37):  # cut anywhere, inside every record
        path.write_bytes(data[:cut])
        assert complete_members_length(path) == max(b for b in boundaries if b <= cut)


def test_repair_renames_and_the_result_passes_warcio_check(open_warc: tuple[Path, list[int]]) -> None:
    path, ends = open_warc
    data = path.read_bytes()
    path.write_bytes(data[: ends[1] + 50])  # the third exchange cut 50 bytes in
    (repaired,) = repair_open_files(path.parent)
    assert repaired.name == path.name.removesuffix(OPEN_SUFFIX)
    assert repaired.stat().st_size == ends[1]
    check = subprocess.run([str(WARCIO), "check", str(repaired)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout


def test_warc_with_no_whole_record_is_removed(tmp_path: Path) -> None:
    stub = tmp_path / f"blog-archiver-20261125143000-00000-host-1.warc.gz{OPEN_SUFFIX}"
    stub.write_bytes(b"\x1f\x8b\x08\x00partial")
    assert repair_open_files(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_revisit_policy() -> None:
    now = datetime(2026, 11, 25, tzinfo=UTC)
    cycle = iso(now - timedelta(hours=1))

    def post(age_days: float, archived: datetime) -> PostRecord:
        return PostRecord("u", (now - timedelta(days=age_days)).isoformat(), iso(archived), iso(archived))

    recent = RevisitPolicy(days=30)
    earlier = now - timedelta(days=1)
    assert recent.should_fetch(None, cycle, now) == (True, "new")
    assert recent.should_fetch(post(3, earlier), cycle, now) == (True, "recent")
    assert recent.should_fetch(post(45, earlier), cycle, now) == (False, "not_revisited")
    assert RevisitPolicy(mode="all").should_fetch(post(45, earlier), cycle, now) == (True, "revisit_all")
    assert recent.should_fetch(post(3, now), cycle, now) == (False, "done_this_cycle")
    with pytest.raises(ValueError):
        RevisitPolicy(mode="sometimes")


def test_repair_never_overwrites_a_finished_file(open_warc: tuple[Path, list[int]]) -> None:
    path, ends = open_warc
    taken = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
    taken.write_bytes(b"another file")
    (repaired,) = repair_open_files(path.parent)
    assert repaired.name.endswith("-repaired-1.warc.gz")
    assert taken.read_bytes() == b"another file"
    assert repaired.stat().st_size == ends[2]
