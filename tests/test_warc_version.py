"""``ARCHIVER_WARC_VERSION = "1.0"``: WARC/1.0 files for readers that know no 1.1.

warctools' ``warcvalid`` (PyPI ``warctools``, in the test extra) is such a reader. On a
WARC/1.1 file it stops at the first record with ``Exception: sequence item 0: expected
str instance, bytes found``: it finds an unknown version and fails while formatting that
very complaint. The crawls below write the demo blog twice with 1.0 (the second run
stores unchanged pages as revisit records) and once with the default 1.1; ``warcvalid``
accepts the 1.0 files and rejects the 1.1 one, and ``warcio check`` verifies every digest
of both.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.demo import DemoServer
from archiver.warc.records import warc_version
from tests.conftest import CrawlOutput, run_blog_crawl

BIN = Path(sys.executable).parent
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
MICROSECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")
PROFILE_1_0 = "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"


def warcvalid(files: list[Path]) -> subprocess.CompletedProcess[str]:
    tool = BIN / "warcvalid"
    assert tool.exists(), "warctools is missing: pip install -e '.[test]'"
    return subprocess.run([str(tool), *map(str, files)], capture_output=True, text=True, check=False, timeout=60)


def warcio_check(files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "warcio"), "check", "-v", *map(str, files)], capture_output=True, text=True,
                          check=False, timeout=60)


def records(files: list[Path]) -> list[dict[str, Any]]:
    found = []
    for path in files:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                headers = record.rec_headers
                found.append({"version": headers.protocol, "type": record.rec_type,
                              "fields": {name: value for name, value in headers.headers},
                              "body": record.content_stream().read() if record.rec_type == "warcinfo" else b""})
    return found


def warcs(crawl: CrawlOutput) -> list[Path]:
    return sorted((crawl.folder / "warc").glob("*.warc.gz"))


@pytest.fixture(scope="module")
def crawls(demo_site: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, CrawlOutput]:
    """The demo blog crawled twice with WARC/1.0 (into one folder) and once with 1.1."""
    old = tmp_path_factory.mktemp("warc10")
    done = {}
    for run in ("first", "second"):
        done[run] = run_blog_crawl(old, f"url={demo_site.url}/", settings={"ARCHIVER_WARC_VERSION": "1.0"})
        assert done[run].returncode == 0, done[run].log[-3000:]
    done["1.1"] = run_blog_crawl(tmp_path_factory.mktemp("warc11"), f"url={demo_site.url}/")
    assert done["1.1"].returncode == 0
    return done


def test_warcvalid_accepts_warc_1_0_and_rejects_1_1(crawls: dict[str, CrawlOutput]) -> None:
    old = warcs(crawls["second"])
    assert len(old) == 2  # one file per run
    valid = warcvalid(old)
    assert valid.returncode == 0 and not valid.stderr, valid.stderr
    refused = warcvalid(warcs(crawls["1.1"]))
    assert refused.returncode != 0
    assert "expected str instance, bytes found" in refused.stderr


def test_warcio_check_passes_on_both_versions(crawls: dict[str, CrawlOutput]) -> None:
    for files in (warcs(crawls["second"]), warcs(crawls["1.1"])):
        checked = warcio_check(files)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "fail" not in checked.stdout and checked.stdout.count("digest pass") > 0


def test_every_record_is_warc_1_0(crawls: dict[str, CrawlOutput]) -> None:
    found = records(warcs(crawls["second"]))
    assert {record["version"] for record in found} == {"WARC/1.0"}
    assert all(SECOND.match(record["fields"]["WARC-Date"]) for record in found)
    info = [record for record in found if record["type"] == "warcinfo"]
    assert len(info) == 2 and all(b"format: WARC File Format 1.0\r\n" in record["body"] for record in info)
    assert all(b"conformsTo: http://bibnum.bnf.fr/WARC/" in record["body"] for record in info)
    revisits = [record["fields"] for record in found if record["type"] == "revisit"]
    assert revisits, "the second run wrote no revisit record"
    originals = {record["fields"]["WARC-Record-ID"] for record in found if record["type"] == "response"}
    for fields in revisits:
        assert fields["WARC-Profile"] == PROFILE_1_0
        assert fields["WARC-Refers-To"] in originals
        assert "WARC-Refers-To-Target-URI" not in fields and "WARC-Refers-To-Date" not in fields


def test_default_stays_warc_1_1(crawls: dict[str, CrawlOutput]) -> None:
    found = records(warcs(crawls["1.1"]))
    assert {record["version"] for record in found} == {"WARC/1.1"}
    assert any(MICROSECONDS.match(record["fields"]["WARC-Date"]) for record in found)


def test_items_point_at_their_1_0_records(crawls: dict[str, CrawlOutput]) -> None:
    first = crawls["first"]
    assert first.articles
    for article in first.articles:
        assert SECOND.match(article["fetched_at"])
        path = first.folder / "warc" / article["warc_file"]
        with path.open("rb") as stream:
            stream.seek(article["warc_offset"])
            record = next(iter(ArchiveIterator(stream)))
        assert record.rec_headers.get_header("WARC-Record-ID") == article["warc_record_id"]
        assert record.rec_headers.get_header("WARC-Date") == article["fetched_at"]


def test_extract_reads_warc_1_0_with_its_revisits(crawls: dict[str, CrawlOutput], tmp_path: Path) -> None:
    done = subprocess.run([str(BIN / "archiver"), "extract", "--quiet", "--jobs", "1",
                           *map(str, warcs(crawls["second"])), "-o", str(tmp_path)],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["articles"] == len(crawls["first"].articles)
    assert summary["revisits_resolved"] > 0 and summary["revisits_unresolved"] == 0


def test_archive_command_writes_warc_1_0(demo_site: DemoServer, tmp_path: Path) -> None:
    post = demo_site.model.posts[0]
    done = subprocess.run([str(BIN / "archiver"), "archive", demo_site.url + post.path, "-o", str(tmp_path),
                           "--warc-version", "1.0"], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    files = sorted(tmp_path.glob("*/warc/*.warc.gz"))
    assert files and {record["version"] for record in records(files)} == {"WARC/1.0"}
    valid = warcvalid(files)
    assert valid.returncode == 0, valid.stderr


def test_the_setting_takes_1_0_and_1_1_only() -> None:
    assert warc_version("1.0").line == "WARC/1.0"
    assert warc_version("WARC/1.0").number == "1.0"
    assert warc_version(None).number == warc_version("").number == "1.1"
    with pytest.raises(ValueError, match="must be 1.0 or 1.1"):
        warc_version("0.18")


def test_another_version_stops_the_crawl_at_its_start(tmp_path: Path) -> None:
    """Also in the default demo crawl, whose demo server must not hold the process open."""
    done = subprocess.run([str(BIN / "scrapy"), "crawl", "blog", "-s", f"ARCHIVER_OUTPUT_DIR={tmp_path}",
                           "-s", "ARCHIVER_DEMO_PORT=0", "-s", "ARCHIVER_WARC_VERSION=1.2",
                           "-s", "TELNETCONSOLE_ENABLED=False"],
                          cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, check=False,
                          timeout=60)
    assert done.returncode != 0
    assert "ARCHIVER_WARC_VERSION must be 1.0 or 1.1, not '1.2'" in done.stderr
    assert not list(tmp_path.glob("*/warc/*"))
