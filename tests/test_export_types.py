"""Typed exports: dates as instants where the page gave a zone, read back with the real tools.

Two real crawls feed the export: the demo blog (every date with an offset) and a small
site served here whose dates mix zones, naive local times and days only, chosen so that
comparing the text gives the wrong answer (23:30 in California is later than 05:00 the
next morning in Berlin). pyarrow, pandas and duckdb read the Parquet files, sqlite3 and
Datasette's own test client the SQLite database; the expected answers are worked out here
from the crawls' JSON Lines with ``datetime``.
"""

from __future__ import annotations

import asyncio
import csv
import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from archiver.cli import cli
from archiver.demo import DemoServer
from tests.conftest import CrawlOutput, run_blog_crawl
from tests.servers import serve_in_thread

# path -> (title, date attribute, visible date, comments as (id, date attribute, visible date, text))
POSTS: dict[str, tuple[str, str, str, list[tuple[str, str, str, str]]]] = {
    "/2024/03/05/west-coast/": ("West coast night", "2024-03-05T23:30:00-08:00", "March 5, 2024 at 11:30 pm", [
        ("a1", "2024-03-06T08:00:00+01:00", "March 6, 2024 at 8:00 am", "The zeppelin landed early."),
        ("a2", "2024-03-06T09:00:00", "March 6, 2024 at 9:00 am", "Le café était froid."),
        ("a3", "2024-03-05T22:45:00-08:00", "March 5, 2024 at 10:45 pm", "Another zeppelin sighting tonight."),
    ]),
    "/2024/03/06/berlin-morning/": ("Berlin morning", "2024-03-06T05:00:00+01:00", "March 6, 2024 at 5:00 am", [
        ("b1", "2024-03-06T01:00:00-05:00", "March 6, 2024 at 1:00 am", "Up late in New York."),
    ]),
    "/2024/03/06/local-time/": ("A local time", "2024-03-06T10:00:00", "March 6, 2024 at 10:00 am", []),
    "/2024/03/04/day-only/": ("Only a day", "2024-03-04", "March 4, 2024", [
        ("d1", "2024-03-04", "March 4, 2024", "A comment dated by day."),
    ]),
}
WEST, BERLIN, LOCAL, DAY = POSTS
# 2024-03-06 06:00Z to 2024-03-07: West coast night (07:30Z) only, of the mixed site's posts;
# comments a1 (07:00Z), a3 (06:45Z) and b1 (06:00Z).
RANGE = (datetime(2024, 3, 6, 6, tzinfo=UTC), datetime(2024, 3, 7, tzinfo=UTC))


def _comment(cid: str, when: str, visible: str, text: str) -> str:
    return (f'<li class="comment" id="comment-{cid}"><article class="comment-body"><footer class="comment-meta">'
            f'<div class="comment-author vcard"><b class="fn">Reader {cid}</b></div><div class="comment-metadata">'
            f'<time datetime="{when}">{visible}</time></div></footer><div class="comment-content"><p>{text}</p>'
            "</div></article></li>")


def _post(title: str, when: str, visible: str, comments: list[tuple[str, str, str, str]]) -> str:
    thread = "".join(_comment(*c) for c in comments)
    return (f'<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body><div id="content">'
            f'<article class="post hentry"><h1 class="entry-title">{title}</h1>'
            f'<time class="entry-date published" datetime="{when}">{visible}</time>'
            '<span class="author vcard"><a class="fn url" href="/author/tester/">Test Writer</a></span>'
            f'<div class="entry-content"><p>{title}: a post whose date is written its own way.</p></div></article>'
            + (f'<div id="comments" class="comments-area"><ol class="comment-list">{thread}</ol></div>'
               if comments else "")
            + "</div></body></html>")


def _pages() -> dict[str, str]:
    entries = "".join(f'<article class="post hentry"><h2 class="entry-title"><a href="{path}" rel="bookmark">'
                      f"{post[0]}</a></h2></article>" for path, post in POSTS.items())
    pages = {"/": f"<html><head><title>Mixed zones</title></head><body>{entries}</body></html>"}
    pages.update({path: _post(*post) for path, post in POSTS.items()})
    return pages


def _handler(pages: dict[str, str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.partition("?")[0]
            if path == "/robots.txt":
                status, kind, body = 200, "text/plain", b"User-agent: *\nDisallow:\n"
            elif path in pages:
                status, kind, body = 200, "text/html; charset=utf-8", pages[path].encode()
            else:
                status, kind, body = 404, "text/html", b"Not found"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@dataclass
class Exported:
    folder: Path
    base: str  # the mixed site's URL
    crawls: list[CrawlOutput]

    def path(self, fmt: str, name: str) -> Path:
        return self.folder / fmt / name

    @property
    def articles(self) -> list[dict[str, Any]]:
        return [a for crawl in self.crawls for a in crawl.articles]

    @property
    def comments(self) -> list[dict[str, Any]]:
        return [c for crawl in self.crawls for c in crawl.comments]


@pytest.fixture(scope="module")
def exported(demo_site: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    work = tmp_path_factory.mktemp("typed")
    demo = run_blog_crawl(work / "demo", f"url={demo_site.url}/")
    with serve_in_thread(_handler(_pages())) as base:
        mixed = run_blog_crawl(work / "mixed", f"url={base}/")
    for crawl in (demo, mixed):
        assert crawl.returncode == 0 and crawl.articles, crawl.log[-3000:]
    assert len(mixed.articles) == len(POSTS) and len(mixed.comments) == 5
    for fmt in ("parquet", "sqlite", "csv", "jsonl"):
        result = CliRunner().invoke(cli, ["export", str(demo.folder), str(mixed.folder), "--format", fmt,
                                          "-o", str(work / fmt)])
        assert result.exit_code == 0, result.output
    return Exported(work, base, [demo, mixed])


def _instant(text: str | None) -> datetime | None:
    """The expected instant: only a date with a zone has one."""
    if not text or len(text) == 10:
        return None
    moment = datetime.fromisoformat(text)
    return moment.astimezone(UTC) if moment.tzinfo else None


def test_parquet_dates_are_timestamps_with_zone(exported: Exported) -> None:
    for name, dates in (("articles", ("published", "updated")), ("comments", ("published",))):
        schema = pq.read_schema(exported.path("parquet", f"{name}.parquet"))
        for column in dates:
            assert schema.field(f"{column}_utc").type == pa.timestamp("us", tz="UTC")
            assert schema.field(f"{column}_date").type == pa.date32()
            assert schema.field(column).type == schema.field(f"{column}_precision").type == pa.string()
        for column in ("fetched_at", "first_seen", "last_seen"):
            assert schema.field(column).type == pa.timestamp("us", tz="UTC")


def test_pandas_min_and_max_compare_instants(exported: Exported) -> None:
    articles = pd.read_parquet(exported.path("parquet", "articles.parquet"))
    expected = [i for a in exported.articles if (i := _instant(a["published"]))]
    assert articles.published_utc.min() == pd.Timestamp(min(expected))
    assert articles.published_utc.max() == pd.Timestamp(max(expected))
    mixed = articles[articles.article_url.str.startswith(exported.base)].set_index("title")
    # The text sorts the Berlin morning (04:00Z) after the California night (07:30Z); the instants do not.
    assert mixed.published_utc.idxmin() == "Berlin morning" and mixed.published_utc.idxmax() == "West coast night"
    assert mixed.published.max() == POSTS[LOCAL][1], "as text, the local time would be the latest"
    assert mixed.loc["West coast night", "published"] == "2024-03-05T23:30:00-08:00"
    assert mixed.loc["West coast night", "published_date"] == date(2024, 3, 5), "the day as the page wrote it"
    local, day = mixed.loc["A local time"], mixed.loc["Only a day"]
    assert (local.published_precision, day.published_precision) == ("local", "date")
    assert pd.isna(local.published_utc) and pd.isna(day.published_utc)
    assert (local.published_date, day.published_date) == (date(2024, 3, 6), date(2024, 3, 4))
    assert set(articles.published_precision) == {"zoned", "local", "date"}


def test_pyarrow_range_filter_on_comments(exported: Exported) -> None:
    table = pq.read_table(exported.path("parquet", "comments.parquet"),
                          filters=[("published_utc", ">=", RANGE[0]), ("published_utc", "<", RANGE[1])])
    found = sorted(table.column("site_comment_id").to_pylist())
    expected = sorted(c["id"] for c in exported.comments
                      if (i := _instant(c["published"])) and RANGE[0] <= i < RANGE[1])
    assert found == expected == ["comment-a1", "comment-a3", "comment-b1"]
    precision = {c["site_comment_id"]: c["published_precision"]
                 for c in pq.read_table(exported.path("parquet", "comments.parquet")).to_pylist()}
    assert (precision["comment-a2"], precision["comment-d1"]) == ("local", "date")


def test_duckdb_date_range(exported: Exported) -> None:
    articles = exported.path("parquet", "articles.parquet")
    comments = exported.path("parquet", "comments.parquet")
    kind = duckdb.sql(f"SELECT DISTINCT typeof(published_utc) FROM read_parquet('{articles}')").fetchall()
    assert kind == [("TIMESTAMP WITH TIME ZONE",)]
    rows = duckdb.sql(f"""
        SELECT a.title, count(c.id) AS comments
        FROM read_parquet('{articles}') a LEFT JOIN read_parquet('{comments}') c USING (article_url)
        WHERE a.published_utc >= TIMESTAMPTZ '2024-03-06 06:00:00+00'
          AND a.published_utc < TIMESTAMPTZ '2024-03-07 00:00:00+00'
        GROUP BY a.title""").fetchall()
    assert rows == [("West coast night", 3)]
    september = duckdb.sql(f"""SELECT count(*) FROM read_parquet('{articles}')
        WHERE published_utc >= TIMESTAMPTZ '2011-09-01 00:00:00+00'
          AND published_utc < TIMESTAMPTZ '2011-10-01 00:00:00+00'""").fetchall()
    start, end = datetime(2011, 9, 1, tzinfo=UTC), datetime(2011, 10, 1, tzinfo=UTC)
    expected = sum(1 for a in exported.articles if (i := _instant(a["published"])) and start <= i < end)
    assert september == [(expected,)] and expected > 0


def test_sqlite_types_keys_and_full_text_search(exported: Exported) -> None:
    db = sqlite3.connect(exported.path("sqlite", "blog.db"))
    columns = {row[1]: row[2] for row in db.execute("PRAGMA table_info(comments)")}
    assert (columns["depth"], columns["published_utc"], columns["text"]) == ("INTEGER", "TEXT", "TEXT")
    keys = {(row[2], row[3], row[4]) for row in db.execute("PRAGMA foreign_key_list(comments)")}
    assert keys == {("articles", "article_url", "article_url"), ("comments", "parent_id", "id")}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*) FROM comments").fetchone() == (len(exported.comments),)

    def search(query: str) -> list[str]:
        return sorted(r[0] for r in db.execute(
            "SELECT c.site_comment_id FROM comments c JOIN comments_fts f ON f.rowid = c.rowid "
            "WHERE comments_fts MATCH ?", (query,)))

    assert search("zeppelin") == ["comment-a1", "comment-a3"]
    assert search("cafe") == ["comment-a2"], "diacritics are folded"
    thanks = sorted(c["id"] for c in exported.comments if re.search(r"\bthanks\b", c["text"], re.IGNORECASE))
    assert search("thanks") == thanks and thanks, "the demo's comments say thanks"
    titles = [r[0] for r in db.execute("SELECT a.title FROM articles a JOIN articles_fts f ON f.rowid = a.rowid "
                                       "WHERE articles_fts MATCH 'berlin'")]
    assert titles == ["Berlin morning"]
    in_range = sorted(r[0] for r in db.execute(
        "SELECT site_comment_id FROM comments WHERE published_utc >= ? AND published_utc < ?",
        ("2024-03-06T06:00:00Z", "2024-03-07")))
    assert in_range == ["comment-a1", "comment-a3", "comment-b1"]
    row = db.execute("SELECT published, published_utc, published_date, published_precision FROM articles "
                     "WHERE title = 'West coast night'").fetchone()
    assert row == ("2024-03-05T23:30:00-08:00", "2024-03-06T07:30:00Z", "2024-03-05", "zoned")
    fetched = [r[0] for r in db.execute("SELECT fetched_at FROM comments")]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", t) for t in fetched), "one width"


def test_datasette_opens_the_database(exported: Exported) -> None:
    from datasette.app import Datasette

    metadata = json.loads(exported.path("sqlite", "metadata.json").read_text())
    datasette = Datasette([str(exported.path("sqlite", "blog.db"))], metadata=metadata)

    async def get(path: str) -> Any:
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    async def run() -> tuple[Any, Any, Any, Any]:
        return await asyncio.gather(
            get("/blog.json"),
            get("/blog/comments.json?_search=zeppelin&_labels=on&_shape=array"),
            get("/blog/comments.json?published_utc__gte=2024-03-06T06:00:00Z&published_utc__lt=2024-03-07"
                "&_shape=array"),
            get("/blog/articles.json?_search=berlin&_shape=array"),
        )

    database, found, in_range, articles = asyncio.run(run())
    tables = {t["name"]: t for t in database["tables"]}
    assert tables["comments"]["fts_table"] == "comments_fts" and tables["articles"]["fts_table"] == "articles_fts"
    assert not tables["comments"]["hidden"] and tables["comments_fts"]["hidden"]
    assert sorted(r["site_comment_id"] for r in found) == ["comment-a1", "comment-a3"]
    assert {r["article_url"]["label"] for r in found} == {"West coast night"}, "comments link to their article"
    assert sorted(r["site_comment_id"] for r in in_range) == ["comment-a1", "comment-a3", "comment-b1"]
    assert [a["title"] for a in articles] == ["Berlin morning"]


def test_data_card_documents_the_types(exported: Exported) -> None:
    card = json.loads(exported.path("parquet", "datapackage.json").read_text())
    fields = {f["name"]: f for f in card["resources"][0]["schema"]["fields"]}
    assert (fields["published_utc"]["type"], fields["published_date"]["type"]) == ("datetime", "date")
    assert fields["published_utc"]["x_parquet_type"] == "timestamp[us, tz=UTC]"
    assert fields["published_precision"]["constraints"] == {"enum": ["zoned", "local", "date"]}
    precision = card["x_archiver"]["date_precision"]["articles.published"]
    demo = len(exported.crawls[0].articles)
    assert precision == {"zoned": demo + 2, "local": 1, "date": 1, "none": 0}
    assert card["x_archiver"]["date_precision"]["comments.published"]["local"] == 1
    readme = exported.path("parquet", "README.md").read_text()
    assert "## Dates" in readme and "`published_precision`" in readme and "timestamp[us, tz=UTC]" in readme
    sqlite_card = json.loads(exported.path("sqlite", "datapackage.json").read_text())
    assert [r["path"] for r in sqlite_card["resources"]] == ["blog.db", "blog.db"]
    assert [r["dialect"]["sql"]["table"] for r in sqlite_card["resources"]] == ["articles", "comments"]


def test_text_exports_carry_the_same_columns(exported: Exported) -> None:
    with open(exported.path("csv", "articles.csv"), newline="", encoding="utf-8") as handle:
        rows = {r["title"]: r for r in csv.DictReader(handle)}
    west = rows["West coast night"]
    assert (west["published_utc"], west["published_date"], west["published_precision"]) == (
        "2024-03-06T07:30:00Z", "2024-03-05", "zoned")
    assert rows["A local time"]["published_utc"] == ""
    lines = [json.loads(line) for line in exported.path("jsonl", "comments.jsonl").read_text().splitlines()]
    a2 = next(c for c in lines if c["site_comment_id"] == "comment-a2")
    assert (a2["published"], a2["published_utc"], a2["published_precision"]) == ("2024-03-06T09:00:00", None, "local")
    from frictionless import validate  # the Data Package's own validator: types, keys, enum of precisions

    report = validate(exported.path("csv", "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:10]
