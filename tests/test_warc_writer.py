"""The rotating writer: names, ``.open`` files, rotation, recovery from a failed write."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.warc.naming import safe_part, warc_filename
from archiver.warc.writer import RotatingWarcWriter
from tests.test_warc_records import exchange

OPENED = datetime(2026, 11, 25, 14, 30, 0, tzinfo=UTC)


def writer(folder: Path, **options: object) -> RotatingWarcWriter:
    return RotatingWarcWriter(
        folder, {"software": "test/1"}, clock=lambda: OPENED, **options
    )


def types(path: Path) -> list[str]:
    with path.open("rb") as stream:
        return [record.rec_type for record in ArchiveIterator(stream)]


def test_name_has_prefix_time_serial_host_and_pid() -> None:
    name = warc_filename("blog-archiver", OPENED, 3, "crawler_01.example", 1234)
    assert name == "blog-archiver-20261125143000-00003-crawler-01.example-1234.warc.gz"
    assert safe_part("../../etc", "x") == "etc"
    assert safe_part("", "fallback") == "fallback"


def test_file_is_open_while_written_and_renamed_when_closed(tmp_path: Path) -> None:
    warc = writer(tmp_path)
    location = warc.write(exchange())
    expected = warc_filename(
        "blog-archiver", OPENED, 0, socket.gethostname(), os.getpid()
    )
    assert location.warc_file == expected
    assert [p.name for p in tmp_path.iterdir()] == [expected + ".open"]
    assert warc.close() == tmp_path / expected
    assert [p.name for p in tmp_path.iterdir()] == [expected]
    assert types(tmp_path / expected) == ["warcinfo", "response", "request"]
    assert warc.close() is None


def test_rotation_keeps_pairs_together(tmp_path: Path) -> None:
    warc = writer(tmp_path, max_size=1500, prefix="t")
    locations = [warc.write(exchange(body=b"x" * 500)) for _ in range(5)]
    warc.close()
    files = sorted(tmp_path.iterdir())
    assert len(files) > 1
    assert not [p for p in files if p.name.endswith(".open")]
    for path in files:
        kinds = types(path)
        assert kinds[0] == "warcinfo" and kinds.count("warcinfo") == 1
        assert kinds[1:] == ["response", "request"] * ((len(kinds) - 1) // 2)
    assert {loc.warc_file for loc in locations} == {p.name for p in files}
    check = [str(Path(sys.executable).parent / "warcio"), "check", *map(str, files)]
    assert subprocess.run(check, check=False).returncode == 0


def test_serial_skips_names_already_taken(tmp_path: Path) -> None:
    taken = warc_filename("blog-archiver", OPENED, 0, socket.gethostname(), os.getpid())
    (tmp_path / taken).write_bytes(b"another writer's file")
    (
        tmp_path
        / warc_filename("blog-archiver", OPENED, 1, socket.gethostname(), os.getpid())
    ).with_suffix(".gz.open").write_bytes(b"")
    location = writer(tmp_path).write(exchange())
    assert "-00002-" in location.warc_file
    assert (tmp_path / taken).read_bytes() == b"another writer's file"


def test_exchange_that_cannot_be_recorded_leaves_the_file_untouched(
    tmp_path: Path,
) -> None:
    warc = writer(tmp_path)
    warc.write(exchange())
    with pytest.raises(TypeError):
        warc.write(exchange(request_body=12345))  # not bytes: the request record fails
    warc.close()
    (path,) = tmp_path.iterdir()
    assert types(path) == ["warcinfo", "response", "request"]


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """Make writes past ``limit`` bytes fail with EFBIG, as a full disk would fail them."""
    resource = pytest.importorskip("resource")
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)


def test_write_failing_halfway_is_cut_back(tmp_path: Path) -> None:
    warc = writer(tmp_path)
    first = warc.write(exchange())
    (path,) = tmp_path.iterdir()
    size = path.stat().st_size
    with file_size_limit(size + 1000), pytest.raises(OSError):
        warc.write(exchange(body=os.urandom(200_000)))  # incompressible: 1000 bytes fit
    assert path.stat().st_size == size
    second = warc.write(exchange(url="http://blog.example.org/next"))
    warc.close()
    (path,) = tmp_path.iterdir()
    assert types(path) == ["warcinfo", "response", "request", "response", "request"]
    with path.open("rb") as stream:
        stream.seek(second.warc_offset)
        record = next(iter(ArchiveIterator(stream)))
    assert record.rec_headers.get_header("WARC-Record-ID") == second.warc_record_id
    assert second.warc_offset == size > first.warc_offset
