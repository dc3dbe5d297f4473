"""A blog that is gone from the web, read back from a web archive run by pywb.

The demo blog is archived into a pywb collection built here (two visits of the archive's
crawler: all of it in October 2011, the home page and the newest post again in March
2012 after more comments), pywb from PyPI serves it (its CDX API and ``id_`` replay are
what Common Crawl's index and arquivo.pt run), and ``scrapy crawl blog -a archive=…``
crawls it back through them. The truth comes from the demo's model at each visit, never
from an earlier run. Then the output is checked the ways a researcher would: ``warcio
check``, replay in a fresh pywb under the original URLs, ``archiver extract``, and a
second run that asks the archive for nothing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from archiver.archives.timestamps import iso
from archiver.demo import build_site
from archiver.demo.model import SiteModel
from tests.archive_servers import Pywb, jsonl, pywb_archive
from tests.archived_blog import ORIGINAL, SECOND_VISIT, Visit, two_visits, write_warc
from tests.conftest import CrawlOutput, run_blog_crawl
from tests.replay import pywb as replay_tools

COLLECTION = "blog"


def crawl_stats(log: str) -> dict[str, int]:
    """The ``archiver/…`` counters of a crawl's stats dump."""
    return {name: int(value) for name, value in re.findall(r"'(archiver/[^']+)': (\d+)", log)}


class Archive:
    def __init__(self, model: SiteModel, visits: tuple[Visit, Visit], pywb: Pywb) -> None:
        self.model, self.visits, self.pywb = model, visits, pywb

    @property
    def cdx(self) -> str:
        return self.pywb.cdx(COLLECTION)

    def captured(self, url: str) -> dict[str, str]:
        """Capture times (ISO) of ``url`` in each visit."""
        return {name: iso(page.timestamp) for name, visit in zip(("first", "second"), self.visits, strict=True)
                for page in visit.pages if page.url == url}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    try:
        replay_tools.ensure_pywb()
    except replay_tools.PywbUnavailable as error:
        pytest.skip(f"pywb cannot be installed: {error}")
    model = build_site()
    first, second = two_visits(model)
    folder = tmp_path_factory.mktemp("archive")
    warcs = [write_warc(folder / "visit-2011.warc.gz", first.pages),
             write_warc(folder / "visit-2012.warc.gz", second.pages)]
    with pywb_archive(folder / "pywb", {COLLECTION: warcs}) as pywb:
        yield Archive(model, (first, second), pywb)


def crawl(archive: Archive, folder: Path, *arguments: str, **settings: object) -> CrawlOutput:
    output = run_blog_crawl(folder, f"url={ORIGINAL}/", f"archive={archive.cdx}", *arguments,
                            settings={"ARCHIVER_PARSE_WORKERS": 0, **settings}, timeout=300)
    assert output.returncode == 0, output.log[-3000:]
    return output


@pytest.fixture(scope="module")
def autumn(archive: Archive, tmp_path_factory: pytest.TempPathFactory) -> CrawlOutput:
    """The blog as the archive saw it in 2011: until the end of that year."""
    return crawl(archive, tmp_path_factory.mktemp("autumn"), "until=2011-12-31",
                 ARCHIVER_CONTACT="archivist@example.org")


def test_every_post_and_comment_of_the_capture(archive: Archive, autumn: CrawlOutput) -> None:
    first = archive.visits[0]
    assert sorted(a["url"] for a in autumn.articles) == sorted(ORIGINAL + p.path for p in archive.model.posts)
    by_post: dict[str, list[str]] = {}
    for comment in autumn.comments:
        by_post.setdefault(comment["article_url"], []).append(comment["id"])
    expected = {ORIGINAL + path: ids for path, ids in first.comments.items() if ids}
    assert by_post == expected  # every comment, in thread order, of the 2011 capture only
    assert autumn.invalid == []
    assert autumn.folder.name == f"blog.example.org-127.0.0.1_{archive.pywb.url.rsplit(':', 1)[1]}"


def test_items_point_at_their_capture(archive: Archive, autumn: CrawlOutput) -> None:
    for item in autumn.articles + autumn.comments:
        page_url = item.get("page_url") or item["url"]
        assert item["captured_at"] == archive.captured(page_url)["first"]
        assert item["fetched_at"] == item["captured_at"]  # the record's WARC-Date: the capture's time
        assert item["archive"] == archive.pywb.url.removeprefix("http://")
        stamp = "".join(ch for ch in item["captured_at"] if ch.isdigit())
        assert item["archive_url"] == archive.pywb.replay(COLLECTION, stamp, page_url)
    post = archive.model.posts[0]
    article = next(a for a in autumn.articles if a["url"] == ORIGINAL + post.path)
    assert article["comments_found"] == len(archive.visits[0].comments[post.path])


def test_warc_records_say_what_they_are_copies_of(archive: Archive, autumn: CrawlOutput) -> None:
    from warcio.archiveiterator import ArchiveIterator

    files = sorted((autumn.folder / "warc").glob("*.warc.gz"))
    check = subprocess.run([str(Path(sys.executable).parent / "warcio"), "check", *map(str, files)],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    copies = {}
    for path in files:
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_headers.get_header("WARC-Source-URI"):
                    copies[record.rec_headers.get_header("WARC-Target-URI")] = record.rec_headers
    post = ORIGINAL + archive.model.posts[0].path
    headers = copies[post]
    stamp = "".join(ch for ch in archive.captured(post)["first"] if ch.isdigit())
    assert headers.get_header("WARC-Date") == archive.captured(post)["first"]
    assert headers.get_header("WARC-Source-URI") == archive.pywb.replay(COLLECTION, stamp, post)
    assert headers.get_header("WARC-Creation-Date") > "2020"
    # every page the archive held in range was copied once; nothing else claims to be a copy
    in_range = {p.url for p in archive.visits[0].pages if p.status != 404 and "/robots.txt" not in p.url
                and "/feed/" not in p.url and "sitemap" not in p.url and "/author/" not in p.url}
    assert in_range <= set(copies) <= {p.url for p in archive.visits[0].pages}


def test_replays_in_pywb_under_the_original_urls(archive: Archive, autumn: CrawlOutput, tmp_path: Path) -> None:
    files = sorted((autumn.folder / "warc").glob("*.warc.gz"))
    post = archive.model.posts[0]
    original = ORIGINAL + post.path
    stamp = "".join(ch for ch in archive.captured(original)["first"] if ch.isdigit())
    with replay_tools.replay(files, tmp_path / "pywb") as wayback:
        status, html = wayback.fetch(original, stamp)
        assert status == 200
        assert post.title in html
        status, raw = wayback.fetch(original, stamp, modifier="id_")
        source = archive.visits[0].page(post.path)
        from tests.archived_blog import decoded

        assert raw == decoded(source).decode("utf-8")
        # the archived redirect replays as a redirect to the original URL of its target
        old = archive.visits[0].page(archive.model.redirect_path)
        status, location = head(wayback.url(old.url, old.timestamp, "id_"))
        assert (status, location) == (301, ORIGINAL + archive.model.redirect_target.path)


def head(url: str) -> tuple[int, str | None]:
    """Status and Location of ``url``, redirects not followed."""
    import urllib.error
    import urllib.request

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    try:
        with urllib.request.build_opener(Stay).open(url, timeout=30) as response:
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def test_extract_gives_the_same_items(autumn: CrawlOutput, tmp_path: Path) -> None:
    files = sorted((autumn.folder / "warc").glob("*.warc.gz"))
    done = subprocess.run([str(Path(sys.executable).parent / "archiver"), "extract", *map(str, files),
                           "-o", str(tmp_path), "--jobs", "1"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert_same_items(jsonl(tmp_path / "articles.jsonl"), autumn.articles)
    assert_same_items(jsonl(tmp_path / "comments.jsonl"), autumn.comments)


CAPTURE_FIELDS = ("url", "fetched_at", "captured_at", "archive", "archive_url", "warc_file", "warc_record_id",
                  "warc_offset")


def assert_same_items(extracted: list[dict], crawled: list[dict]) -> None:
    """Item for item the same, the capture's provenance included (fields that only one of
    the two paths writes yet are left to their own tests)."""
    def key(item: dict) -> tuple[str, str]:
        return (item.get("url") or item["article_url"], item.get("id") or "")

    assert sorted(map(key, extracted)) == sorted(map(key, crawled))
    by_key = {key(item): item for item in extracted}
    for item in crawled:
        other = by_key[key(item)]
        shared = set(item) & set(other)
        assert {f: item[f] for f in shared} == {f: other[f] for f in shared}
        assert {f: other.get(f) for f in CAPTURE_FIELDS} == {f: item.get(f) for f in CAPTURE_FIELDS}


def test_a_later_moment_reads_the_later_capture(archive: Archive, tmp_path: Path) -> None:
    """at= March 2012: the home page and the newest post of the second visit, with the
    comments added since; every other post as the first visit left it."""
    at = SECOND_VISIT.strftime("%Y-%m-%d")
    output = crawl(archive, tmp_path, f"at={at}")
    newest = archive.model.posts[0]
    found = [c["id"] for c in output.comments if c["article_url"] == ORIGINAL + newest.path]
    assert found == archive.visits[1].comments[newest.path]
    assert len(found) > len(archive.visits[0].comments[newest.path])
    for comment in output.comments:
        page = comment["page_url"]
        visit = "second" if page.startswith(ORIGINAL + newest.path) else "first"
        assert comment["captured_at"] == archive.captured(page)[visit]
    assert sorted(a["url"] for a in output.articles) == sorted(ORIGINAL + p.path for p in archive.model.posts)


def test_a_repeated_crawl_asks_the_archive_nothing(archive: Archive, autumn: CrawlOutput,
                                                   tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "again"
    shutil.copytree(autumn.folder.parent, folder)
    output = crawl(archive, folder, "until=2011-12-31", "revisit=all", "emit=all")
    stats = crawl_stats(output.log)
    assert "archiver/archive/cdx_queries" not in stats and "archiver/archive/captures" not in stats
    assert stats["archiver/archive/from_warc"] >= len(archive.model.posts)
    assert stats["archiver/posts"] == len(archive.model.posts)


def test_export_keeps_the_capture(autumn: CrawlOutput, tmp_path: Path) -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "archiver"), "export", str(autumn.folder),
                           "--format", "jsonl", "-o", str(tmp_path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    exported = {row["url"]: row for row in jsonl(tmp_path / "articles.jsonl")}
    for article in autumn.articles:
        row = exported[article["url"]]
        assert (row["captured_at"], row["archive"], row["archive_url"]) == (
            article["captured_at"], article["archive"], article["archive_url"])
