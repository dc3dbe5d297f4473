"""Turn one or more crawls' JSON Lines into a research data set: two tables and a data card.

Inputs are crawl folders (``articles.jsonl`` + ``comments.jsonl``) or JSONL files of
items. The output has an ``articles`` table keyed by ``article_url`` (the canonical URL,
which is what every comment's ``article_url`` holds) and a ``comments`` table joined to
it by that column, written as JSONL, CSV, Parquet or one SQLite database, plus ``README.md`` and
``datapackage.json`` describing schema, counts, dates and sources.

Re-crawls overlap, so items are deduplicated across inputs: the capture with the latest
``fetched_at`` wins and ``first_seen``/``last_seen`` keep the range of captures. Comment
ids from sites (``comment-123``) are only unique within a site, so the export gives each
comment an id derived from its article and site id; ``parent_id`` uses the same ids and is
emptied when the parent is not in the export.

Dates are typed: a page's date is kept as written (``published``: with an offset, a
local time without zone, or a day only) and given as ``published_utc`` (the instant, only
when the page gave a zone), ``published_date`` (the day as written) and
``published_precision`` (``zoned``, ``local`` or ``date``), so that a range filter or a
``min()`` compares instants, never strings, and naive or date-only values stay apart.
Parquet stores them as ``timestamp[us, tz=UTC]`` and ``date32``; the SQLite export (one
database Datasette opens, with full-text search and foreign keys) as ISO 8601 text.

Pseudonymisation replaces author names and author URLs by keyed HMAC-SHA256 digests:
the same person gets the same pseudonym in every export made with the same key (so
repeat commenters stay linkable), and nobody without the key can test a guessed name.
Known names are also replaced inside comment text and article bodies and titles.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver import __version__
from archiver.errors import InputError
from archiver.output import written_whole

FORMATS = ("jsonl", "csv", "parquet", "sqlite")
SQLITE_FILE = "blog.db"  # the SQLite export's database; Datasette names it "blog"
PROVENANCE = ("warc_file", "warc_record_id", "warc_offset", "fetched_at", "first_seen", "last_seen", "source")
PRECISIONS = ("zoned", "local", "date")


def _date_columns(name: str, what: str) -> tuple[tuple[str, str, str], ...]:
    """The four columns of one page date: as written, the instant, the day, the precision."""
    return (
        (name, "string", f"{what} as the page gave it (ISO 8601): with its UTC offset, a local time "
                         "without zone, or a day only"),
        (f"{name}_utc", "datetime", f"{what} as an instant in UTC; empty unless the page gave a zone "
                                    f"({name}_precision = zoned)"),
        (f"{name}_date", "date", f"The day of the {what.lower()} as written on the page (the site's own calendar day), "
                                 "for every precision"),
        (f"{name}_precision", "string", f"zoned: {name}_utc is exact; local: a time without zone "
                                        f"({name}_utc empty); date: a day only ({name}_utc empty); empty: no date"),
    )


# (column, Frictionless type, description); lists are JSON arrays in CSV and SQLite,
# list<string> in Parquet; datetimes are timestamp[us, tz=UTC] in Parquet and ISO 8601
# UTC text ("...Z") elsewhere; dates are date32 in Parquet and YYYY-MM-DD elsewhere.
ARTICLE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("article_url", "string", "Canonical URL (or fetched URL); the key comments join on"),
    ("url", "string", "URL the page was fetched from"),
    ("site", "string", "Host name of article_url"),
    ("title", "string", "Headline"),
    *_date_columns("published", "Publication date"),
    *_date_columns("updated", "Last update date"),
    ("authors", "array", "Author names (pseudonyms when pseudonymised)"),
    ("byline", "string", "Byline as printed"),
    ("body", "string", "Article text, paragraphs separated by blank lines"),
    ("tags", "array", "Tags"),
    ("categories", "array", "Categories"),
    ("comment_count", "integer", "Comment count the page declares"),
    ("comments_found", "integer", "Comments extracted from the page"),
    ("language", "string", "Language subtag"),
    ("site_name", "string", "Site name the page declares"),
    ("parser", "string", "Parser layers that produced the item"),
)
COMMENT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "string", "Comment id, unique in this export"),
    ("site_comment_id", "string", "The comment's id on its site (unique per site only)"),
    ("article_url", "string", "The article the comment belongs to (articles.article_url)"),
    ("author", "string", "Commenter name (pseudonym when pseudonymised)"),
    ("author_url", "string", "Commenter's link (pseudonym when pseudonymised)"),
    *_date_columns("published", "Comment date"),
    ("title", "string", "The comment's own heading (subject line), when it shows one"),
    ("text", "string", "Comment text"),
    ("parent_id", "string", "id of the comment replied to, empty for top-level comments"),
    ("depth", "integer", "1 for top-level comments, 2 for replies, ..."),
    ("position", "integer", "Reading order within the article's thread"),
    ("page_url", "string", "Page the comment was read from"),
    ("kind", "string", "comment, pingback or trackback"),
)
_CRAWL_TIMES = ("fetched_at", "first_seen", "last_seen", "captured_at")
_PROVENANCE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("warc_file", "string", "WARC file holding the capture the item was parsed from"),
    ("warc_record_id", "string", "WARC-Record-ID of that capture"),
    ("warc_offset", "integer", "Byte offset of that record in warc_file"),
    ("fetched_at", "datetime", "When that capture was fetched (UTC)"),
    ("captured_at", "datetime", "For a page read from a web archive: when the archive captured it (UTC)"),
    ("archive", "string", "The web archive it was read from: wayback, commoncrawl, arquivo or a CDX server's host"),
    ("archive_url", "string", "The capture's address in that archive (id_ replay URL, or WARC file URL and range)"),
    ("first_seen", "datetime", "Earliest fetch of this item across the inputs (UTC)"),
    ("last_seen", "datetime", "Latest fetch of this item across the inputs (UTC)"),
    ("source", "string", "Input (crawl folder or file) the kept capture came from"),
)
# How each Frictionless type is stored, per typed format (for the data card).
STORAGE = {
    "parquet": {"string": "string", "integer": "int64", "array": "list<string>",
                "datetime": "timestamp[us, tz=UTC]", "date": "date32"},
    "sqlite": {"string": "TEXT", "integer": "INTEGER", "array": "TEXT (JSON array)",
               "datetime": "TEXT (ISO 8601 UTC, ...Z)", "date": "TEXT (YYYY-MM-DD)"},
}
# SQLite compares the times as text: each column keeps one width (page dates to the
# second, crawl times to the microsecond).
_SQL_TIMESPEC = dict.fromkeys(_CRAWL_TIMES, "microseconds")


def page_date(text: Any) -> tuple[datetime | None, date | None, str | None]:
    """A page's date string -> (instant in UTC or None, day as written, precision).

    ``2011-09-16T16:25:00-04:00`` is ``zoned`` (its instant is known), ``2011-09-16T16:25:00``
    ``local`` (a wall-clock time of unknown zone: no instant), ``2011-09-16`` a ``date``;
    None or text that is no ISO 8601 date gives nothing.
    """
    if not isinstance(text, str) or not text.strip():
        return None, None, None
    value = text.strip()
    try:
        if len(value) == 10:
            return None, date.fromisoformat(value), "date"
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None, None, None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return None, moment.date(), "local"
    return moment.astimezone(UTC), moment.date(), "zoned"


def _instant(text: Any) -> datetime | None:
    """A crawl time (``fetched_at``...) as an aware UTC datetime; None when unreadable."""
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def iso_utc(moment: datetime, timespec: str | None = None) -> str:
    """``2011-09-16T20:25:00Z``; microseconds only when there are any (or as ``timespec`` says)."""
    spec = timespec or ("microseconds" if moment.microsecond else "seconds")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec=spec) + "Z"


@dataclass
class Filters:
    """Which articles to keep; comments follow their article."""

    site: str | None = None
    since: str | None = None
    until: str | None = None
    tag: str | None = None

    def keep(self, article: dict[str, Any]) -> bool:
        host = article.get("site") or ""
        if self.site and not (host == self.site or host.endswith("." + self.site)):
            return False
        day = (article.get("published") or "")[:10]
        if (self.since or self.until) and not day:
            return False
        if self.since and day < self.since:
            return False
        if self.until and day > self.until:
            return False
        if self.tag:
            labels = {str(v).casefold() for v in [*article.get("tags", []), *article.get("categories", [])]}
            return self.tag.casefold() in labels
        return True

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


class Pseudonymizer:
    """Keyed HMAC-SHA256 pseudonyms for names and URLs, and scrubbing of names in text."""

    def __init__(self, key: str) -> None:
        self._key = key.encode("utf-8")
        self._names: dict[str, str] = {}

    def name(self, value: str | None) -> str | None:
        if not value or not value.strip():
            return value
        normal = " ".join(value.split()).casefold()
        pseudonym = "person-" + self._digest("name", normal)
        self._names[" ".join(value.split())] = pseudonym
        return pseudonym

    def url(self, value: str | None) -> str | None:
        if not value:
            return value
        normal = value.strip().rstrip("/").casefold()
        return "url-" + self._digest("url", normal)

    def scrub(self, text: str | None) -> str | None:
        """Replace every known name (as a whole word, any case) in ``text`` by its pseudonym."""
        if not text or not self._names:
            return text
        return self._pattern.sub(lambda m: self._by_fold[" ".join(m.group(0).split()).casefold()], text)

    def freeze(self) -> None:
        """Build the name-matching pattern once every name has been seen."""
        names = sorted((n for n in self._names if len(n) >= 3), key=len, reverse=True)
        self._by_fold = {n.casefold(): p for n, p in self._names.items()}
        words = [r"\s+".join(map(re.escape, n.split())) for n in names] or [r"(?!)"]
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)

    def _digest(self, kind: str, value: str) -> str:
        return hmac.new(self._key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:20]


@dataclass
class ExportResult:
    output: Path
    articles: int = 0
    comments: int = 0
    duplicates: int = 0
    orphan_parents: int = 0
    files: list[str] = field(default_factory=list)


def read_items(inputs: list[Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(source label, item) for every item in crawl folders and JSONL files."""
    for path in inputs:
        if path.is_dir():
            files = [path / "articles.jsonl", path / "comments.jsonl"]
            if not any(f.is_file() for f in files):
                raise InputError(f"no articles.jsonl or comments.jsonl in {path}")
        elif path.is_file():
            files = [path]
        else:
            raise InputError(f"no such crawl folder or file: {path}")
        for file in files:
            if file.is_file():
                yield from ((str(path), item) for item in _jsonl(file))


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path}:{number}: not JSON ({error.msg})") from error
            if isinstance(item, dict):
                yield item


def _when(value: str | None) -> datetime:
    """fetched_at as a comparable UTC time; unknown sorts first."""
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _merge(table: dict[Any, dict[str, Any]], key: Any, item: dict[str, Any], source: str) -> bool:
    """Keep the latest capture of ``key``; returns True when ``key`` was already there."""
    item = {**item, "source": source}
    seen = item.get("fetched_at")
    old = table.get(key)
    if old is None:
        item["first_seen"] = item["last_seen"] = seen
        table[key] = item
        return False
    times = [t for t in (old["first_seen"], old["last_seen"], seen) if t]
    first = min(times, key=_when, default=None)
    last = max(times, key=_when, default=None)
    if _when(seen) >= _when(old.get("fetched_at")):
        table[key] = item
    table[key]["first_seen"], table[key]["last_seen"] = first, last
    return True


def collect(inputs: list[Path]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Deduplicated articles and comments of all inputs, and how many duplicates were merged."""
    articles: dict[str, dict[str, Any]] = {}
    comments: dict[tuple[str, str], dict[str, Any]] = {}
    duplicates = 0
    for source, item in read_items(inputs):
        kind = item.get("type") or ("comment" if "article_url" in item else "article")
        if kind == "article":
            key = item.get("canonical_url") or item.get("url")
            if key:
                duplicates += _merge(articles, key, {**item, "article_url": key}, source)
        elif kind == "comment" and item.get("article_url") and item.get("id"):
            duplicates += _merge(comments, (item["article_url"], str(item["id"])), item, source)
    return list(articles.values()), list(comments.values()), duplicates


def comment_key(article_url: str, site_id: str) -> str:
    return "c-" + hashlib.sha1(f"{article_url}\x1f{site_id}".encode()).hexdigest()[:16]


def shape(
    articles: list[dict[str, Any]],
    comments: list[dict[str, Any]],
    filters: Filters,
    pseudonymizer: Pseudonymizer | None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Filter, give comments export-wide ids, pseudonymise; rows in the output column order."""
    for article in articles:
        article["site"] = urlsplit(article["article_url"]).hostname or ""
    kept = sorted((a for a in articles if filters.keep(a)), key=lambda a: a["article_url"])
    urls = {a["article_url"] for a in kept}
    thread = sorted(
        (c for c in comments if c["article_url"] in urls),
        key=lambda c: (c["article_url"], c.get("position") or 0),
    )
    ids = {(c["article_url"], str(c["id"])) for c in thread}
    orphans = 0
    for comment in thread:
        parent = comment.get("parent_id")
        comment["site_comment_id"] = str(comment["id"])
        comment["id"] = comment_key(comment["article_url"], str(comment["id"]))
        if parent and (comment["article_url"], str(parent)) in ids:
            comment["parent_id"] = comment_key(comment["article_url"], str(parent))
        elif parent:
            comment["parent_id"], orphans = None, orphans + 1
    if pseudonymizer:
        _pseudonymize(kept, thread, pseudonymizer)
    return _rows(kept, ARTICLE_COLUMNS), _rows(thread, COMMENT_COLUMNS), orphans


def _pseudonymize(articles: list[dict[str, Any]], comments: list[dict[str, Any]], p: Pseudonymizer) -> None:
    for article in articles:
        article["authors"] = [p.name(a) for a in article.get("authors") or []]
    for comment in comments:
        comment["author"] = p.name(comment.get("author"))
        comment["author_url"] = p.url(comment.get("author_url"))
    p.freeze()
    for article in articles:
        for key in ("title", "byline", "body"):
            article[key] = p.scrub(article.get(key))
    for comment in comments:
        comment["text"] = p.scrub(comment.get("text"))


def _rows(items: list[dict[str, Any]], columns: tuple[tuple[str, str, str], ...]) -> list[dict[str, Any]]:
    """Rows in column order, typed: page dates split into their four columns, crawl times
    as UTC datetimes."""
    names = [c[0] for c in (*columns, *_PROVENANCE_COLUMNS)]
    dates = [c[0] for c in columns if c[0] + "_precision" in names]
    rows = []
    for item in items:
        row = {name: item.get(name) for name in names}
        for name in dates:
            row[f"{name}_utc"], row[f"{name}_date"], row[f"{name}_precision"] = page_date(row[name])
        for name in _CRAWL_TIMES:
            row[name] = _instant(row[name])
        rows.append(row)
    return rows


def export(
    inputs: list[Path],
    output: Path,
    fmt: str = "jsonl",
    filters: Filters | None = None,
    key: str | None = None,
) -> ExportResult:
    """Write ``articles`` and ``comments`` tables plus README.md and datapackage.json.

    ``sqlite`` writes both tables into one database (:data:`SQLITE_FILE`) with full-text
    search and foreign keys, and ``metadata.json`` for Datasette.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    filters = filters or Filters()
    raw_articles, raw_comments, duplicates = collect(inputs)
    pseudonymizer = Pseudonymizer(key) if key else None
    articles, comments, orphans = shape(raw_articles, raw_comments, filters, pseudonymizer)
    output.mkdir(parents=True, exist_ok=True)
    result = ExportResult(output, len(articles), len(comments), duplicates, orphans)
    tables = (("articles", articles, ARTICLE_COLUMNS), ("comments", comments, COMMENT_COLUMNS))
    if fmt == "sqlite":
        with written_whole(output / SQLITE_FILE) as draft:
            draft.unlink(missing_ok=True)  # a draft left by a killed run
            _write_sqlite(draft, articles, comments)
        result.files.append(SQLITE_FILE)
    else:
        for name, rows, columns in tables:
            path = output / f"{name}.{fmt}"
            with written_whole(path) as draft:
                _WRITERS[fmt](draft, rows, (*columns, *_PROVENANCE_COLUMNS))
            result.files.append(path.name)
    card = data_card(inputs, articles, comments, fmt, filters, pseudonymized=key is not None, result=result)
    if fmt == "sqlite":
        with written_whole(output / "metadata.json") as draft:
            metadata = json.dumps(datasette_metadata(card), indent=2, ensure_ascii=False)
            draft.write_text(metadata + "\n", encoding="utf-8")
        result.files.append("metadata.json")
    with written_whole(output / "datapackage.json") as draft:
        draft.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    with written_whole(output / "README.md") as draft:
        draft.write_text(readme(card), encoding="utf-8")
    return result


def _text(value: Any) -> Any:
    """A value as JSONL and CSV hold it: datetimes as ISO 8601 UTC, days as YYYY-MM-DD."""
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _write_jsonl(path: Path, rows: list[dict[str, Any]], columns: Iterable[tuple[str, str, str]]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps({k: _text(v) for k, v in row.items()}, ensure_ascii=False) + "\n" for row in rows)


def _write_csv(path: Path, rows: list[dict[str, Any]], columns: Iterable[tuple[str, str, str]]) -> None:
    names = [c[0] for c in columns]
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=names)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else _text(v)
                             for k, v in row.items()})


def _write_parquet(path: Path, rows: list[dict[str, Any]], columns: Iterable[tuple[str, str, str]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "integer": pa.int64(), "array": pa.list_(pa.string()),
             "datetime": pa.timestamp("us", tz="UTC"), "date": pa.date32()}
    schema = pa.schema([(name, types[kind]) for name, kind, _ in columns])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path, compression="zstd")


_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}
_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "array": "TEXT", "datetime": "TEXT", "date": "TEXT"}
# Full-text search: diacritics folded (cafe finds café), any script's letters and digits.
_FTS_TOKENIZER = "unicode61 remove_diacritics 2"


def _sql_column(name: str, kind: str, table: str) -> str:
    declaration = f'"{name}" {_SQL_TYPES[kind]}'
    if (table, name) in (("articles", "article_url"), ("comments", "id")):
        return declaration + " PRIMARY KEY NOT NULL"
    if table == "comments" and name == "article_url":
        return declaration + " NOT NULL REFERENCES articles(article_url) DEFERRABLE INITIALLY DEFERRED"
    if table == "comments" and name == "parent_id":
        return declaration + " REFERENCES comments(id) DEFERRABLE INITIALLY DEFERRED"
    if name.endswith("_precision"):
        allowed = ", ".join(f"'{p}'" for p in PRECISIONS)
        return declaration + f' CHECK ("{name}" IN ({allowed}))'
    return declaration


def _sql_value(name: str, value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return iso_utc(value, _SQL_TIMESPEC.get(name, "seconds"))
    return _text(value)


def _write_sqlite(path: Path, articles: list[dict[str, Any]], comments: list[dict[str, Any]]) -> None:
    """Both tables in one database, as Datasette and sqlite3 read it.

    Keys: ``articles.article_url`` and ``comments.id``; ``comments.article_url`` references
    the article and ``comments.parent_id`` the comment replied to (checked when the data is
    committed). ``comments_fts`` (comment text) and ``articles_fts`` (title, body) are FTS5
    indexes over the tables (external content, joined on rowid), which Datasette finds by
    themselves. Timestamps are ISO 8601 text in UTC with a ``Z``, one width per column
    (page dates to the second, crawl times to the microsecond), so comparing them as
    text compares the instants. Rows are in export order: comments by article, then
    in thread order.
    """
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        with db:
            tables = (("articles", articles, ARTICLE_COLUMNS), ("comments", comments, COMMENT_COLUMNS))
            for table, rows, columns in tables:
                fields = (*columns, *_PROVENANCE_COLUMNS)
                body = ",\n  ".join(_sql_column(name, kind, table) for name, kind, _ in fields)
                db.execute(f"CREATE TABLE {table} (\n  {body}\n)")
                names = [name for name, _, _ in fields]
                marks = ", ".join("?" for _ in names)
                quoted = ", ".join(f'"{n}"' for n in names)
                db.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
                               ([_sql_value(n, row[n]) for n in names] for row in rows))
            for statement in (
                "CREATE INDEX comments_article_url ON comments(article_url, position)",
                "CREATE INDEX comments_parent_id ON comments(parent_id)",
                "CREATE INDEX comments_published_utc ON comments(published_utc)",
                "CREATE INDEX articles_published_utc ON articles(published_utc)",
                "CREATE INDEX articles_site ON articles(site)",
                f'CREATE VIRTUAL TABLE comments_fts USING fts5(text, content="comments", '
                f'tokenize="{_FTS_TOKENIZER}")',
                f'CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content="articles", '
                f'tokenize="{_FTS_TOKENIZER}")',
                "INSERT INTO comments_fts(comments_fts) VALUES ('rebuild')",
                "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
            ):
                db.execute(statement)
        db.execute("VACUUM")
    finally:
        db.close()


def datasette_metadata(card: dict[str, Any]) -> dict[str, Any]:
    """``metadata.json`` for ``datasette blog.db -m metadata.json``: titles, column
    descriptions, label columns (comments show their article's title), default sorts,
    facets and the full-text search tables."""
    info = card["x_archiver"]
    tables: dict[str, Any] = {}
    for resource in card["resources"]:
        name = resource["name"]
        tables[name] = {
            "description": f"{resource['count']} {name}; see README.md beside the database for the columns",
            "columns": {f["name"]: f["description"] for f in resource["schema"]["fields"]},
            "fts_table": f"{name}_fts",
        }
    tables["articles"].update({"label_column": "title", "sort_desc": "published_utc",
                               "facets": ["site", "published_precision"]})
    tables["comments"]["facets"] = ["kind", "published_precision"]  # rows are in thread order per article
    return {
        "title": card["title"],
        "description": (f"{info['counts']['articles']} articles and {info['counts']['comments']} reader comments "
                        f"from {', '.join(info['sites']) or 'no site'}, exported by {info['tool']}"),
        "source": info["tool"],
        "databases": {Path(SQLITE_FILE).stem: {"tables": tables}},
    }



def _span(values: Iterable[Any]) -> dict[str, str | None]:
    """Earliest and latest of datetimes or dates (None ignored), as text."""
    present = sorted(v for v in values if v is not None)
    return {"earliest": _text(present[0]) if present else None, "latest": _text(present[-1]) if present else None}


def _precisions(rows: list[dict[str, Any]], name: str) -> dict[str, int]:
    counts = Counter(row.get(f"{name}_precision") or "none" for row in rows)
    return {p: counts.get(p, 0) for p in (*PRECISIONS, "none")}


def data_card(
    inputs: list[Path],
    articles: list[dict[str, Any]],
    comments: list[dict[str, Any]],
    fmt: str,
    filters: Filters,
    *,
    pseudonymized: bool,
    result: ExportResult,
) -> dict[str, Any]:
    """A Frictionless Data Package descriptor with the export's counts, dates and sources."""
    media = {"jsonl": "application/jsonl", "csv": "text/csv", "parquet": "application/vnd.apache.parquet",
             "sqlite": "application/vnd.sqlite3"}
    storage = STORAGE.get(fmt, {})

    def resource(name: str, rows: list[dict[str, Any]], columns: tuple[tuple[str, str, str], ...]) -> dict[str, Any]:
        fields: list[dict[str, Any]] = []
        for column, kind, description in (*columns, *_PROVENANCE_COLUMNS):
            described: dict[str, Any] = {"name": column, "type": kind, "description": description}
            if kind in storage:
                described[f"x_{fmt}_type"] = storage[kind]
            if column.endswith("_precision"):
                described["constraints"] = {"enum": list(PRECISIONS)}
            fields.append(described)
        described_resource: dict[str, Any] = {
            "name": name,
            "path": SQLITE_FILE if fmt == "sqlite" else f"{name}.{fmt}",
            "format": fmt,
            "mediatype": media[fmt],
            "count": len(rows),
            "schema": {"fields": fields, "primaryKey": ["article_url" if name == "articles" else "id"]},
        }
        if fmt == "sqlite":
            described_resource["dialect"] = {"sql": {"table": name}}
        return described_resource

    comments_resource = resource("comments", comments, COMMENT_COLUMNS)
    comments_resource["schema"]["foreignKeys"] = [
        {"fields": ["article_url"], "reference": {"resource": "articles", "fields": ["article_url"]}},
        {"fields": ["parent_id"], "reference": {"resource": "", "fields": ["id"]}},
    ]
    dated = [*articles, *comments]
    crawled = [r.get(k) for r in dated for k in ("first_seen", "last_seen")]
    return {
        "name": "blog-archiver-export",
        "title": "Blog articles and reader comments",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "resources": [resource("articles", articles, ARTICLE_COLUMNS), comments_resource],
        "x_archiver": {
            "tool": f"blog-archiver {__version__}",
            "sources": [str(path) for path in inputs],
            "sites": sorted({a["site"] for a in articles if a.get("site")}),
            "counts": {
                "articles": len(articles),
                "comments": len(comments),
                "duplicates_merged": result.duplicates,
                "parent_ids_outside_export": result.orphan_parents,
            },
            # Days as written on the pages (every precision), then the instants where a zone was given.
            "published": _span([r.get("published_date") for r in dated]),
            "published_utc": _span([r.get("published_utc") for r in dated]),
            "date_precision": {
                "articles.published": _precisions(articles, "published"),
                "articles.updated": _precisions(articles, "updated"),
                "comments.published": _precisions(comments, "published"),
            },
            "crawled": _span(crawled),
            "filters": filters.as_dict(),
            "pseudonymized": pseudonymized,
        },
    }


_DATES_NOTE = """\
## Dates

Pages give their dates in three ways, and the columns keep them apart. For each date
(`published` and `updated` of articles, `published` of comments) there are four columns:

| column | holds |
|---|---|
| `published` | the date as the page gave it, ISO 8601: `2011-09-16T16:25:00-04:00` (with its \
UTC offset), `2011-09-16T16:25:00` (a local time, zone unknown) or `2011-09-16` (a day only) |
| `published_utc` | the instant in UTC, only when the page gave a zone; empty for local times and days |
| `published_date` | the calendar day as written on the page (the site's own day), for all three |
| `published_precision` | `zoned`, `local` or `date` (empty when there is no date) |

Order and filter by `published_utc` for exact times: it compares instants, so a post at
23:30 in California comes after one at 05:00 the next morning in Berlin. Rows whose
`published_utc` is empty have no known instant; a local time cannot be placed without the
site's zone, which the page did not give. Filter by `published_date` to keep every dated
row at the precision of a day (`--since` / `--until` select articles that way).
Crawl times (`fetched_at`, `first_seen`, `last_seen`) are always UTC.

"""

_STORAGE_NOTE = {
    "parquet": "Parquet types: `published_utc` and the crawl times are `timestamp[us, tz=UTC]`, "
               "`published_date` is `date32`, lists are `list<string>`.",
    "sqlite": f"SQLite: both tables are in `{SQLITE_FILE}`; times are ISO 8601 text in UTC "
              "(`2011-09-16T20:25:00Z`; crawl times to the microsecond), one width per column, so text "
              "comparison orders them (`published_utc >= '2011-09-16'`); "
              "lists are JSON arrays (`json_each`). `comments.article_url` references `articles`, "
              "`comments.parent_id` references `comments.id`. Full-text search: `comments_fts` (text) and "
              "`articles_fts` (title, body), e.g. `SELECT comments.* FROM comments JOIN comments_fts ON "
              "comments_fts.rowid = comments.rowid WHERE comments_fts MATCH 'drone'`. Browse it with "
              f"`datasette {SQLITE_FILE} -m metadata.json`.",
    "csv": "CSV: times are ISO 8601 text in UTC (`...Z`), lists are JSON arrays.",
    "jsonl": "JSON Lines: times are ISO 8601 text in UTC (`...Z`).",
}


def readme(card: dict[str, Any]) -> str:
    """The human half of the data card, from the same facts as datapackage.json."""
    info = card["x_archiver"]
    fmt = card["resources"][0]["format"]
    precision = info["date_precision"]
    lines = [
        f"# {card['title']}",
        "",
        f"Exported {card['created']} with {info['tool']}.",
        "",
        (
            f"- Articles: {info['counts']['articles']}; comments: {info['counts']['comments']}"
            f" (captures merged across inputs: {info['counts']['duplicates_merged']})"
        ),
        f"- Published (days as written): {info['published']['earliest']} to {info['published']['latest']}",
        f"- Published (UTC, zoned dates): {info['published_utc']['earliest']} to {info['published_utc']['latest']}",
        "- Date precision: " + "; ".join(
            f"{name} " + ", ".join(f"{k} {v}" for k, v in counts.items()) for name, counts in precision.items()
        ),
        f"- Crawled: {info['crawled']['earliest']} to {info['crawled']['latest']}",
        f"- Sites: {', '.join(info['sites']) or 'none'}",
        f"- Sources: {', '.join(info['sources'])}",
        f"- Filters: {json.dumps(info['filters']) if info['filters'] else 'none'}",
        "",
        "Join the tables on `article_url`. `parent_id` refers to `comments.id` in this export.",
        "",
    ]
    if info["pseudonymized"]:
        lines += [
            "Author names and author URLs are pseudonymised with a keyed HMAC-SHA256: the same",
            "name gives the same pseudonym throughout, so repeat commenters stay linkable, and",
            "known names are replaced inside texts as well. The key is not part of the export.",
            "",
        ]
    lines += [_DATES_NOTE + _STORAGE_NOTE[fmt], ""]
    typed = fmt in STORAGE
    for resource in card["resources"]:
        where = f"table `{resource['name']}` of {resource['path']}" if fmt == "sqlite" else resource["path"]
        lines += [f"## {where} ({resource['count']} rows)", ""]
        if typed:
            lines += [f"| column | type | {fmt} type | meaning |", "|---|---|---|---|"]
            lines += [f"| `{f['name']}` | {f['type']} | {f[f'x_{fmt}_type']} | {f['description']} |"
                      for f in resource["schema"]["fields"]]
        else:
            lines += ["| column | type | meaning |", "|---|---|---|"]
            lines += [f"| `{f['name']}` | {f['type']} | {f['description']} |" for f in resource["schema"]["fields"]]
        lines.append("")
    return "\n".join(lines)
