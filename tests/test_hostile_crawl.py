"""A real crawl of a misbehaving site: every failure contained, counted, and nothing lost.

One ``scrapy crawl blog`` runs against :mod:`tests.hostile_site`; the tests then check
the items, the summary's error counts, what the server saw, and the WARC files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import ROOT, CrawlOutput, run_blog_crawl
from tests.hostile_site import HostileServer, serve_hostile

WARCIO = Path(sys.executable).parent / "warcio"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlOutput, HostileServer]:
    out = tmp_path_factory.mktemp("hostile")
    with serve_hostile() as (url, site):
        crawl = run_blog_crawl(out, f"url={url}", settings={"DOWNLOAD_TIMEOUT": 2}, timeout=240)
    return crawl, site


@pytest.fixture(scope="module")
def crawl(hostile: tuple[CrawlOutput, HostileServer]) -> CrawlOutput:
    return hostile[0]


@pytest.fixture(scope="module")
def site(hostile: tuple[CrawlOutput, HostileServer]) -> HostileServer:
    return hostile[1]


def _article(crawl: CrawlOutput, path: str) -> dict:
    (article,) = [a for a in crawl.articles if a["url"].endswith(path)]
    return article


def _comments(crawl: CrawlOutput, path: str) -> list[dict]:
    return [c for c in crawl.comments if c["article_url"].endswith(path)]


def test_crawl_finishes_cleanly(crawl: CrawlOutput) -> None:
    assert crawl.returncode == 0, crawl.log[-3000:]
    assert crawl.summary["finish_reason"] == "finished"
    assert crawl.invalid == []
    # Scrapy logs tracebacks of failed downloads; none may run through the archiver's code.
    for package in ("archiver", "spiders", "pipelines"):
        assert f'File "{ROOT / package}' not in crawl.log
    assert "Unhandled error" not in crawl.log
    assert "Error processing" not in crawl.log  # no pipeline or callback crashed


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/cp1252-no-charset.html", "Caf\u00e9 cr\u00e8me \u2013 no charset"),
        ("/latin1.html", "Se\u00f1or Gar\u00e7on"),
        ("/shift-jis.html", "\u65e5\u672c\u8a9e\u306e\u8a18\u4e8b"),
        ("/lying-meta.html", "Lying meta \u00e9t\u00e9"),
        ("/bom.html", "BOM page \u2713"),
        ("/malformed.html", "Malformed markup"),
        ("/deep-nesting.html", "Deeply nested"),
        ("/nul-bytes.html", "NUL bytes"),
    ],
)
def test_broken_markup_and_encodings_still_give_the_article(crawl: CrawlOutput, path: str, title: str) -> None:
    article = _article(crawl, path)
    assert article["title"] == title
    assert article["body"]


def test_text_survives_odd_encodings(crawl: CrawlOutput) -> None:
    assert "Na\u00efve \u201cquotes\u201d" in _article(crawl, "/cp1252-no-charset.html")["body"]
    assert "\u3053\u3093\u306b\u3061\u306f\u4e16\u754c" in _article(crawl, "/shift-jis.html")["body"]
    assert "\0" not in _article(crawl, "/nul-bytes.html")["body"]


def test_binary_and_empty_bodies_are_not_articles(crawl: CrawlOutput) -> None:
    urls = {a["url"].rsplit("/", 1)[-1] for a in crawl.articles}
    assert not urls & {"document.html", "image.html", "empty.html", "huge.html", "bomb.html"}


def test_every_failure_is_counted_by_kind(crawl: CrawlOutput) -> None:
    errors = crawl.summary["errors"]
    assert errors["http_403"] == 1
    assert errors["http_404"] == 1
    assert errors["http_410"] == 1
    assert errors["timeout"] == 1  # /slow.html never finishes
    assert errors["too_large"] == 2  # the 50 MB page and the gzip bomb, cut at DOWNLOAD_MAXSIZE
    assert errors["connection_lost"] == 1  # reset mid-body
    assert errors["redirect_loop"] == 2  # /loop-a.html and /loop-b.html are both linked
    assert errors["offsite"] == 1  # redirect to another host is out of scope
    assert errors["robots"] == 1


def test_bodies_that_do_not_decode_are_counted_and_archived_not_parsed(crawl: CrawlOutput) -> None:
    """A gzip body with a flipped byte and one cut short: neither is parsed half decoded."""
    assert crawl.summary["errors"]["undecodable"] == 2
    pages = {a["url"].rsplit("/", 1)[-1] for a in crawl.articles}
    assert not pages & {"broken-gzip.html", "truncated-gzip.html"}
    archived = set()
    for path in sorted((crawl.folder / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.rec_type == "response" and uri.endswith(("/broken-gzip.html", "/truncated-gzip.html")):
                    archived.add(uri.rsplit("/", 1)[-1])
    assert archived == {"broken-gzip.html", "truncated-gzip.html"}


def test_robots_disallowed_page_is_never_fetched(site: HostileServer) -> None:
    assert "GET /private/secret.html" not in site.hits


def test_retry_after_is_honoured(crawl: CrawlOutput, site: HostileServer) -> None:
    first, second = site.hit_times["/rate-limited.html"]
    assert second - first >= 1.0  # the server asked for one second
    assert _article(crawl, "/rate-limited.html")["title"] == "After the rate limit"


def test_server_errors_succeed_on_retry(crawl: CrawlOutput, site: HostileServer) -> None:
    assert site.hits["/flaky.html"] == 3
    assert _article(crawl, "/flaky.html")["title"] == "Flaky server"


def test_five_thousand_comments_with_replies_fifty_deep(crawl: CrawlOutput) -> None:
    comments = _comments(crawl, "/five-thousand-comments.html")
    assert len(comments) == 5000
    by_id = {c["id"]: c for c in comments}
    assert len(by_id) == 5000
    assert [c["position"] for c in comments] == list(range(1, 5001))
    deepest = max(comments, key=lambda c: c["depth"])
    chain = 1
    while by_id[deepest["id"]]["parent_id"]:
        deepest = by_id[deepest["parent_id"]]
        chain += 1
    assert chain == 50


def test_duplicate_comment_ids_are_emitted_once(crawl: CrawlOutput) -> None:
    comments = _comments(crawl, "/duplicate-ids.html")
    assert Counter(c["id"] for c in comments) == Counter({comments[0]["id"]: 1, comments[1]["id"]: 1})
    assert len(comments) == 2


def test_emoji_and_link_only_comments_are_kept(crawl: CrawlOutput) -> None:
    texts = [c["text"] for c in _comments(crawl, "/odd-comments.html")]
    assert texts[0] == "\U0001f600\U0001f44d"
    assert "https://example.org/x" in texts[1]


def test_script_loaded_comments_are_reported_not_zeroed(crawl: CrawlOutput) -> None:
    article = _article(crawl, "/disqus.html")
    assert article["title"] == "Comments by JavaScript"
    assert any(url.endswith("/disqus.html") for url in crawl.summary["comments_not_in_html"])
    assert "comments not in HTML" in crawl.log


def test_jsonl_files_are_whole_lines(crawl: CrawlOutput) -> None:
    for name in ("articles.jsonl", "comments.jsonl"):
        text = (crawl.folder / name).read_text(encoding="utf-8")
        assert text.endswith("\n")
        for line in text.splitlines():
            json.loads(line)


def test_warc_files_are_valid_and_hold_every_answer(crawl: CrawlOutput) -> None:
    files = sorted((crawl.folder / "warc").glob("*.warc.gz"))
    assert files and not list((crawl.folder / "warc").glob("*.open"))
    check = subprocess.run([str(WARCIO), "check", *map(str, files)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    statuses: Counter[str] = Counter()
    for path in files:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    statuses[record.http_headers.get_statuscode()] += 1
    for status in ("200", "302", "301", "403", "404", "410", "429", "500"):
        assert statuses[status] >= 1, statuses
    # every article points at a response record in those files
    names = {path.name for path in files}
    assert all(a["warc_file"] in names and a["warc_record_id"] for a in crawl.articles)


def _warc_record_ids(crawl: CrawlOutput) -> dict[tuple[str, int], str]:
    """(WARC file, offset) -> WARC-Record-ID of every response record the crawl wrote."""
    found = {}
    for path in sorted((crawl.folder / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                if record.rec_type == "response":
                    found[(path.name, iterator.get_record_offset())] = record.rec_headers.get_header("WARC-Record-ID")
    return found


def test_split_post_is_one_article_with_every_page(crawl: CrawlOutput) -> None:
    """A post split into three pages: one article, the first page's URL and record, the
    body of all three pages without their "Pages: 1 2 3" links, each page's WARC record
    listed in ``pages``; its comments stitched across its two comment pages."""
    article = _article(crawl, "/split/")
    assert not [a for a in crawl.articles if "/split/" in a["url"] and not a["url"].endswith("/split/")]
    assert article["body"] == "\n\n".join(
        f"Part {n} of the split story.\n\nParagraph two of part {n}." for n in (1, 2, 3))
    pages = article["pages"]
    assert [(p["number"], p["url"].rsplit(":", 1)[-1].split("/", 1)[-1]) for p in pages] == [
        (1, "split/"), (2, "split/2/"), (3, "split/3/")]
    assert (pages[0]["warc_record_id"], pages[0]["warc_offset"]) == (article["warc_record_id"], article["warc_offset"])
    records = _warc_record_ids(crawl)
    for page in pages:
        assert records[(page["warc_file"], page["warc_offset"])] == page["warc_record_id"]
    comments = _comments(crawl, "/split/")
    assert [(c["id"], c["position"]) for c in comments] == [
        ("comment-s1", 1), ("comment-s2", 2), ("comment-s3", 3), ("comment-s4", 4)]
    assert article["comments_found"] == article["comment_count"] == 4


def test_comments_without_author_or_text_are_counted(crawl: CrawlOutput) -> None:
    """The record without text is no comment: dropped and counted; comments without a
    name are kept and counted, for the crawl and for their post."""
    comments = _comments(crawl, "/hollow-comments.html")
    assert [c["id"] for c in comments] == ["comment-h1", "comment-h2", "comment-h3", "comment-h5"]
    assert all(c["text"] for c in crawl.comments)
    summary = crawl.summary
    assert summary["comment_records_dropped"] == 1
    assert summary["comments_without_author"] == 3
    assert summary["comments_without_date"] == 0
    (listed,) = [p for p in summary["posts_with_incomplete_comments"] if p["url"].endswith("/hollow-comments.html")]
    assert {k: v for k, v in listed.items() if k != "url"} == {
        "comments": 4, "without_author": 3, "without_date": 0, "dropped_no_text": 1}
    assert len(summary["posts_with_incomplete_comments"]) == 1
    # Three of some 5,000 comments lack an author: only the dropped record is worth a warning.
    warnings = [line for line in crawl.log.splitlines() if "WARNING" in line and "Comments incomplete" in line]
    assert len(warnings) == 1 and "1 comment record without text dropped" in warnings[0]
    assert "have no author" not in warnings[0]


def test_script_widget_beside_parsed_comments_is_not_reported(crawl: CrawlOutput) -> None:
    assert [c["text"] for c in _comments(crawl, "/disqus-and-html.html")] == ["Read from the HTML."]
    reported = crawl.summary["comments_not_in_html"]
    assert len(reported) == 1 and reported[0].endswith("/disqus.html")


def test_crawl_of_mostly_unsigned_comments_ends_with_a_warning(tmp_path: Path) -> None:
    with serve_hostile() as (url, _site):
        crawl = run_blog_crawl(tmp_path, f"url={url}hollow-comments.html", "mode=single")
    assert crawl.returncode == 0, crawl.log[-3000:]
    warnings = [line for line in crawl.log.splitlines() if "WARNING" in line and "Comments incomplete" in line]
    assert len(warnings) == 1
    assert "3 of 4 comments have no author" in warnings[0]
    assert "1 comment record without text dropped" in warnings[0]
    assert crawl.summary["posts_with_incomplete_comments"][0]["without_author"] == 3
    # archiver extract over the crawl's WARC counts and warns the same way.
    extracted = tmp_path / "extracted"
    done = subprocess.run([sys.executable, "-m", "archiver", "extract", "-q", "-j", "1",
                           *map(str, sorted((crawl.folder / "warc").glob("*.warc.gz"))), "-o", str(extracted)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    summary = json.loads((extracted / "summary.json").read_text())
    assert (summary["comments_without_author"], summary["comments_without_date"],
            summary["comment_records_dropped"]) == (3, 0, 1)
    assert summary["posts_with_incomplete_comments"] == crawl.summary["posts_with_incomplete_comments"]
    assert "archiver: warning: Comments incomplete: 3 of 4 comments have no author" in done.stderr


def test_a_later_page_of_a_split_post_archives_the_whole_post(tmp_path: Path) -> None:
    with serve_hostile() as (url, _site):
        crawl = run_blog_crawl(tmp_path, f"url={url}split/2/", "mode=single")
    assert crawl.returncode == 0, crawl.log[-3000:]
    (article,) = crawl.articles
    assert article["url"] == f"{url}split/"
    assert [p["number"] for p in article["pages"]] == [1, 2, 3]
    assert "Part 2 of the split story." in article["body"]
    assert len(crawl.comments) == 4
