"""``archiver export``: formats, cross-crawl dedup, filters, pseudonymisation, data card."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from archiver.cli import cli
from archiver.export import Pseudonymizer
from archiver.items import Article, Comment, Provenance
from tests.test_extract_support import CORPUS_PAGE, POST_PATH, WarcBuilder, site_page

HOST = "http://blog.example"
COMMENTERS = ("Grace Reader", "Linus Skeptic", "Ada Writer")


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.output


def _crawl(folder: Path, date: str, pages: list[tuple[str, bytes]]) -> Path:
    """A crawl folder made the way a user would: WARC of the pages, then ``archiver extract``."""
    (folder / "warc").mkdir(parents=True)
    builder = WarcBuilder(folder / "warc" / "crawl.warc.gz")
    for url, body in pages:
        builder.response(url, body, date=date)
    builder.close()
    code, output = invoke("extract", "--quiet", str(builder.path), "-o", str(folder))
    assert code == 0, output
    return folder


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    work = tmp_path_factory.mktemp("crawls")
    post = [(f"{HOST}{POST_PATH}{p}", site_page(POST_PATH + p)) for p in ("", "comment-page-1/", "comment-page-2/")]
    corpus = [(f"{HOST}/2019/02/json-parsing/", gzip.decompress(CORPUS_PAGE.read_bytes()))]
    first = _crawl(work / "march", "2024-03-01T12:00:00Z", post)
    second = _crawl(work / "april", "2024-04-01T12:00:00Z", post[:1] + corpus)
    tagged = work / "tagged.jsonl"
    provenance = Provenance("other.warc.gz", "<urn:uuid:1>", 0, "2024-05-01T00:00:00Z")
    items = [
        Article(url=f"{HOST}/tagged/", title="Tagged post by Grace Reader", published="2023-01-02T00:00:00Z",
                tags=["Elections"], provenance=provenance),
        Comment(id="comment-1", article_url=f"{HOST}/tagged/", author="grace  reader", text="Me again.",
                provenance=provenance),
        Comment(id="comment-2", article_url=f"{HOST}/tagged/", author="Bob", text="Hi Grace Reader!",
                parent_id="comment-999", provenance=provenance),
    ]
    tagged.write_text("".join(json.dumps(i.to_dict()) + "\n" for i in items))
    return [first, second, tagged]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_dedup_keeps_the_latest_capture_and_the_seen_range(crawls: list[Path], tmp_path: Path) -> None:
    code, output = invoke("export", *map(str, crawls), "-o", str(tmp_path))
    assert code == 0, output
    articles = {a["article_url"]: a for a in _jsonl(tmp_path / "articles.jsonl")}
    post = articles[HOST + POST_PATH]
    assert (post["first_seen"], post["last_seen"]) == ("2024-03-01T12:00:00Z", "2024-04-01T12:00:00Z")
    assert post["fetched_at"] == "2024-04-01T12:00:00Z" and post["source"] == str(crawls[1])
    comments = _jsonl(tmp_path / "comments.jsonl")
    thread = [c for c in comments if c["article_url"] == HOST + POST_PATH]
    assert [c["site_comment_id"] for c in thread] == ["comment-11", "comment-12", "comment-13", "comment-14"]
    assert len({c["id"] for c in comments}) == len(comments)
    assert {c["article_url"] for c in comments} <= set(articles), "every comment joins an article"


def test_parent_ids_refer_to_comments_in_the_export(crawls: list[Path], tmp_path: Path) -> None:
    invoke("export", *map(str, crawls), "-o", str(tmp_path))
    comments = _jsonl(tmp_path / "comments.jsonl")
    ids = {c["id"] for c in comments}
    by_site_id = {(c["article_url"], c["site_comment_id"]): c for c in comments}
    reply = by_site_id[(HOST + POST_PATH, "comment-14")]
    assert reply["parent_id"] == by_site_id[(HOST + POST_PATH, "comment-13")]["id"]
    assert all(c["parent_id"] in ids for c in comments if c["parent_id"])
    assert by_site_id[(HOST + "/tagged/", "comment-2")]["parent_id"] is None  # its parent is not archived
    card = json.loads((tmp_path / "datapackage.json").read_text())
    assert card["x_archiver"]["counts"]["parent_ids_outside_export"] == 1


def test_csv_and_parquet_hold_the_same_rows(crawls: list[Path], tmp_path: Path) -> None:
    for fmt in ("csv", "parquet", "jsonl"):
        assert invoke("export", *map(str, crawls), "--format", fmt, "-o", str(tmp_path / fmt))[0] == 0
    expected = _jsonl(tmp_path / "jsonl" / "comments.jsonl")
    with open(tmp_path / "csv" / "comments.csv", newline="", encoding="utf-8") as handle:
        from_csv = list(csv.DictReader(handle))
    from_parquet = pq.read_table(tmp_path / "parquet" / "comments.parquet").to_pylist()
    assert [r["text"] for r in from_csv] == [r["text"] for r in expected] == [r["text"] for r in from_parquet]
    assert [int(r["depth"]) for r in from_csv] == [r["depth"] for r in from_parquet]
    articles = pq.read_table(tmp_path / "parquet" / "articles.parquet")
    authors = articles.schema.field("authors").type
    assert pa.types.is_list(authors) and pa.types.is_string(authors.value_type)
    with open(tmp_path / "csv" / "articles.csv", newline="", encoding="utf-8") as handle:
        rows = {r["article_url"]: r for r in csv.DictReader(handle)}
    assert json.loads(rows[HOST + "/tagged/"]["tags"]) == ["Elections"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--site", "lemire.me"], {"https://lemire.me/blog/2019/08/02/json-parsing-simdjson-vs-json-for-modern-c/"}),
        (["--since", "2019-06-01", "--until", "2019-12-31"],
         {"https://lemire.me/blog/2019/08/02/json-parsing-simdjson-vs-json-for-modern-c/"}),
        (["--until", "2019-06-01"], {HOST + POST_PATH}),
        (["--tag", "elections"], {HOST + "/tagged/"}),
    ],
)
def test_filters_select_articles_and_their_comments(
    crawls: list[Path], tmp_path: Path, options: list[str], expected: set[str]
) -> None:
    code, output = invoke("export", *map(str, crawls), *options, "-o", str(tmp_path))
    assert code == 0, output
    assert {a["article_url"] for a in _jsonl(tmp_path / "articles.jsonl")} == expected
    comments = _jsonl(tmp_path / "comments.jsonl")
    assert comments and {c["article_url"] for c in comments} <= expected
    card = json.loads((tmp_path / "datapackage.json").read_text())
    assert card["resources"][0]["count"] == len(expected)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_pseudonymized_export_has_no_raw_names(crawls: list[Path], tmp_path: Path, fmt: str) -> None:
    code, output = invoke(
        "export", *map(str, crawls), "--format", fmt, "--pseudonymize", "-o", str(tmp_path),
        env={"ARCHIVER_PSEUDONYM_KEY": "correct horse battery staple"},
    )
    assert code == 0, output
    for file in tmp_path.iterdir():
        data = file.read_bytes().lower()
        for name in (*COMMENTERS, "grace  reader", "reader-one.example"):
            assert name.lower().encode() not in data, f"{name} in {file.name}"
    if fmt == "jsonl":
        comments = _jsonl(tmp_path / "comments.jsonl")
        grace = {c["author"] for c in comments if c["site_comment_id"] in ("comment-11", "comment-13", "comment-1")}
        assert len(grace) == 1, "a repeat commenter keeps one pseudonym, whatever the spacing or case"
        assert any(grace.pop() in c["text"] for c in comments if c["site_comment_id"] == "comment-2")


def test_pseudonyms_depend_on_the_key() -> None:
    one, two = Pseudonymizer("k1"), Pseudonymizer("k2")
    assert one.name("Grace Reader") == one.name(" grace reader ") != two.name("Grace Reader")
    assert one.url("https://a.example/") == one.url("https://A.example") != one.url("https://b.example/")


def test_pseudonymize_needs_a_key_and_inputs_must_exist(crawls: list[Path], tmp_path: Path) -> None:
    code, output = invoke("export", str(crawls[0]), "--pseudonymize", "-o", str(tmp_path), env={})
    assert code == 2 and "needs a key" in output
    code, output = invoke("export", str(tmp_path / "missing"), "-o", str(tmp_path))
    assert code == 2 and "no such crawl folder" in output
    code, output = invoke("export", str(crawls[0]), "--since", "May 2019", "-o", str(tmp_path))
    assert code == 2 and "YYYY-MM-DD" in output


def test_data_card_describes_the_export(crawls: list[Path], tmp_path: Path) -> None:
    invoke("export", *map(str, crawls), "--format", "csv", "-o", str(tmp_path))
    card = json.loads((tmp_path / "datapackage.json").read_text())
    info = card["x_archiver"]
    assert [r["path"] for r in card["resources"]] == ["articles.csv", "comments.csv"]
    assert info["counts"]["articles"] == 3 and info["counts"]["duplicates_merged"] > 0
    assert info["crawled"] == {"earliest": "2024-03-01T12:00:00Z", "latest": "2024-05-01T00:00:00Z"}
    assert info["sources"] == [str(p) for p in crawls]
    assert info["tool"].startswith("blog-archiver ")
    readme = (tmp_path / "README.md").read_text()
    assert "Articles: 3" in readme and "`parent_id`" in readme


def test_export_of_a_wget_crawl(tmp_path: Path) -> None:
    from tests.test_extract_support import build_site, serve, wget_warc

    with serve(build_site(tmp_path / "site")) as base:
        warc = wget_warc(base, tmp_path)
    assert invoke("extract", "-q", str(warc), "-o", str(tmp_path / "crawl"))[0] == 0
    code, output = invoke("export", str(tmp_path / "crawl"), "--format", "csv", "-o", str(tmp_path / "data"))
    assert code == 0, output
    with open(tmp_path / "data" / "comments.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    thread = [r for r in rows if r["article_url"] == base + POST_PATH]
    assert [r["site_comment_id"] for r in thread] == ["comment-11", "comment-12", "comment-13", "comment-14"]
    by_id = {r["id"]: r for r in thread}
    assert by_id[thread[3]["parent_id"]]["site_comment_id"] == "comment-13"
