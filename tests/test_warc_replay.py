"""What the crawl archived plays back in pywb, the reference replay tool.

pywb is installed from PyPI into its own virtualenv on first run (see
``tests/replay/pywb.py``); the test is skipped only when PyPI cannot be reached.
The site is shut down before replay starts, so every byte shown comes from the WARCs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.replay import pywb, site
from tests.test_warc_crawl import Crawl, crawl


def pypi_reachable(scratch: Path) -> bool:
    """Whether pip can download anything from the package index."""
    pip = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "-q",
        "-d",
        str(scratch),
    ]
    result = subprocess.run(
        [*pip, "six"], capture_output=True, timeout=120, check=False
    )
    return result.returncode == 0


@pytest.fixture(scope="module")
def pywb_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        return pywb.ensure_pywb()
    except pywb.PywbUnavailable:
        scratch = tmp_path_factory.mktemp("pip")
        if not pypi_reachable(scratch):
            pytest.skip(
                "PyPI is unreachable, so pywb cannot be installed for the replay test"
            )
        raise


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    return crawl(tmp_path_factory, "replayed")


def timestamp(done: Crawl, path: str) -> str:
    (item,) = [i for i in done.items if i["url"] == done.base + path]
    fetched = item["archiver_warc"]["fetched_at"]
    return "".join(ch for ch in fetched if ch.isdigit())[:14]


def test_pywb_replays_archived_pages(
    pywb_bin: Path, archived: Crawl, tmp_path: Path
) -> None:
    home, zipped = archived.base + "/", archived.base + "/gzip"
    with pywb.replay(archived.files, tmp_path / "pywb") as wayback:
        status, html = wayback.fetch(home, timestamp(archived, "/"))
        assert status == 200
        assert "Home of the probe site" in html
        status, html = wayback.fetch(zipped, timestamp(archived, "/gzip"))
        assert status == 200
        assert "This page travelled gzip-encoded" in html
        status, raw = wayback.fetch(
            zipped, timestamp(archived, "/gzip"), modifier="id_"
        )
        assert raw == site.GZIP_HTML.decode()
        status, html = wayback.fetch(
            archived.base + "/chunked", timestamp(archived, "/chunked")
        )
        assert status == 200
        assert "Sent in chunks." in html
