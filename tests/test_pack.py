"""``archiver pack``: CDXJ index and WACZ of a crawl folder; the WACZ validates and round-trips."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from archiver.cli import cli
from archiver.pack import read_cdxj
from tests.test_extract_support import POST_PATH, build_site, serve, wget_warc

WACZ_CLI = Path(sys.executable).with_name("wacz")


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A crawl folder as ``scrapy crawl blog`` leaves it: warc/ plus articles.jsonl."""
    work = tmp_path_factory.mktemp("pack")
    root = build_site(work / "site")
    with serve(root) as base_url:
        warc = wget_warc(base_url, work)
    folder = work / "crawl-2024"
    (folder / "warc").mkdir(parents=True)
    shutil.copy(warc, folder / "warc" / warc.name)
    code, output = invoke("extract", "--quiet", str(folder / "warc" / warc.name), "-o", str(folder))
    assert code == 0, output
    code, output = invoke("pack", str(folder))
    assert code == 0, output
    return folder, base_url


def test_wacz_validates_with_the_reference_validator(crawl: tuple[Path, str]) -> None:
    folder, _ = crawl
    wacz = folder / "crawl-2024.wacz"
    checked = subprocess.run(
        [str(WACZ_CLI), "validate", "-f", str(wacz)], capture_output=True, text=True, timeout=60, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "is valid" in checked.stdout


def test_pages_list_the_posts(crawl: tuple[Path, str]) -> None:
    folder, base = crawl
    with zipfile.ZipFile(folder / "crawl-2024.wacz") as package:
        lines = package.read("pages/pages.jsonl").decode().splitlines()
        assert "archive/blog.warc.gz" in package.namelist()
    header, *pages = (json.loads(line) for line in lines)
    assert header["format"] == "json-pages-1.0"
    urls = {page["url"]: page for page in pages}
    articles = [json.loads(line) for line in (folder / "articles.jsonl").read_text().splitlines()]
    assert set(urls) == {article["url"] for article in articles}
    assert urls[base + POST_PATH]["title"] == "Hello archive world"


def test_cdxj_entries_point_at_their_records(crawl: tuple[Path, str]) -> None:
    folder, base = crawl
    entries = read_cdxj(folder / "index.cdxj")
    lines = (folder / "index.cdxj").read_text().splitlines()
    assert lines == sorted(lines), "replay tools binary-search the index"
    assert not any(line.startswith("- ") for line in lines), "warcinfo records are not captures"
    urls = {data.get("url") for _, data in entries}
    assert base + POST_PATH in urls and base + "/logo.png" in urls
    for _, data in entries:
        if "url" not in data:
            continue
        with open(folder / "warc" / data["filename"], "rb") as handle:
            handle.seek(int(data["offset"]))
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Target-URI") == data["url"]


def test_extract_from_wacz_gives_the_same_items(crawl: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = crawl
    code, output = invoke("extract", "--quiet", str(folder / "crawl-2024.wacz"), "-o", str(tmp_path))
    assert code == 0, output
    for name in ("articles.jsonl", "comments.jsonl"):
        from_wacz = (tmp_path / name).read_text()
        assert from_wacz == (folder / name).read_text()
        assert from_wacz.strip()


def test_pack_needs_warcs_and_articles(tmp_path: Path) -> None:
    code, output = invoke("pack", str(tmp_path))
    assert code == 2 and "no WARC files" in output
    code, output = invoke("pack", str(tmp_path / "absent"))
    assert code == 2 and "not a crawl folder" in output


def test_warcio_crawl_with_revisits_packs_validates_and_round_trips(tmp_path: Path) -> None:
    """Revisits inside a WACZ resolve against originals in another WARC of the same package."""
    from tests.test_extract_support import WarcBuilder, site_page

    crawl = tmp_path / "revisits"
    (crawl / "warc").mkdir(parents=True)
    post = "http://blog.example" + POST_PATH
    first = WarcBuilder(crawl / "warc" / "a.warc.gz")
    first.response(post, site_page(POST_PATH), date="2024-03-01T12:00:00Z")
    first.response(post + "comment-page-2/", site_page(POST_PATH + "comment-page-2/"), encode=False)
    first.close()
    second = WarcBuilder(crawl / "warc" / "b.warc.gz")
    second._headers = first._headers
    second.revisit("http://blog.example/?p=7", post, date="2024-04-01T12:00:00Z")
    second.close()
    code, output = invoke("extract", "-q", *(str(p) for p in sorted((crawl / "warc").iterdir())), "-o", str(crawl))
    assert code == 0, output
    assert invoke("pack", str(crawl))[0] == 0
    wacz = crawl / "revisits.wacz"
    checked = subprocess.run([str(WACZ_CLI), "validate", "-f", str(wacz)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout
    code, output = invoke("extract", "-q", str(wacz), "-o", str(tmp_path / "again"))
    assert code == 0, output
    summary = json.loads((tmp_path / "again" / "summary.json").read_text())
    assert summary["revisits_resolved"] == 1
    for name in ("articles.jsonl", "comments.jsonl"):
        assert (tmp_path / "again" / name).read_text() == (crawl / name).read_text()
