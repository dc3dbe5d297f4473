"""Turn one or more crawls' JSON Lines into a research data set: two tables and a data card.

Inputs are crawl folders (``articles.jsonl`` + ``comments.jsonl``) or JSONL files of
items. The output has an ``articles`` table keyed by ``article_url`` (the canonical URL,
which is what every comment's ``article_url`` holds) and a ``comments`` table joined to
it by that column, written as JSONL, CSV or Parquet, plus ``README.md`` and
``datapackage.json`` describing schema, counts, dates and sources.

Re-crawls overlap, so items are deduplicated across inputs: the capture with the latest
``fetched_at`` wins and ``first_seen``/``last_seen`` keep the range of captures. Comment
ids from sites (``comment-123``) are only unique within a site, so the export gives each
comment an id derived from its article and site id; ``parent_id`` uses the same ids and is
emptied when the parent is not in the export.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver import __version__
from archiver.errors import InputError
from archiver.output import written_whole

FORMATS = ("jsonl", "csv", "parquet")
PROVENANCE = ("warc_file", "warc_record_id", "warc_offset", "fetched_at", "first_seen", "last_seen", "source")
# (column, Frictionless type, description); lists are JSON arrays in CSV, list<string> in Parquet.
ARTICLE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("article_url", "string", "Canonical URL (or fetched URL); the key comments join on"),
    ("url", "string", "URL the page was fetched from"),
    ("site", "string", "Host name of article_url"),
    ("title", "string", "Headline"),
    ("published", "string", "Publication date, ISO 8601 with the page's offset"),
    ("updated", "string", "Last update date, ISO 8601"),
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
    ("published", "string", "Comment date, ISO 8601"),
    ("text", "string", "Comment text"),
    ("parent_id", "string", "id of the comment replied to, empty for top-level comments"),
    ("depth", "integer", "1 for top-level comments, 2 for replies, ..."),
    ("position", "integer", "Reading order within the article's thread"),
    ("page_url", "string", "Page the comment was read from"),
    ("kind", "string", "comment, pingback or trackback"),
)
_PROVENANCE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("warc_file", "string", "WARC file holding the capture the item was parsed from"),
    ("warc_record_id", "string", "WARC-Record-ID of that capture"),
    ("warc_offset", "integer", "Byte offset of that record in warc_file"),
    ("fetched_at", "string", "When that capture was fetched"),
    ("first_seen", "string", "Earliest fetch of this item across the inputs"),
    ("last_seen", "string", "Latest fetch of this item across the inputs"),
    ("source", "string", "Input (crawl folder or file) the kept capture came from"),
)


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
    names = [c[0] for c in (*columns, *_PROVENANCE_COLUMNS)]
    return [{name: item.get(name) for name in names} for item in items]


def export(
    inputs: list[Path],
    output: Path,
    fmt: str = "jsonl",
    filters: Filters | None = None,
    key: str | None = None,
) -> ExportResult:
    """Write ``articles`` and ``comments`` tables plus README.md and datapackage.json."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    filters = filters or Filters()
    raw_articles, raw_comments, duplicates = collect(inputs)
    pseudonymizer = Pseudonymizer(key) if key else None
    articles, comments, orphans = shape(raw_articles, raw_comments, filters, pseudonymizer)
    output.mkdir(parents=True, exist_ok=True)
    result = ExportResult(output, len(articles), len(comments), duplicates, orphans)
    for name, rows, columns in (("articles", articles, ARTICLE_COLUMNS), ("comments", comments, COMMENT_COLUMNS)):
        path = output / f"{name}.{fmt}"
        with written_whole(path) as draft:
            _WRITERS[fmt](draft, rows, (*columns, *_PROVENANCE_COLUMNS))
        result.files.append(path.name)
    card = data_card(inputs, articles, comments, fmt, filters, pseudonymized=key is not None, result=result)
    with written_whole(output / "datapackage.json") as draft:
        draft.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    with written_whole(output / "README.md") as draft:
        draft.write_text(readme(card), encoding="utf-8")
    return result


def _write_jsonl(path: Path, rows: list[dict[str, Any]], columns: Iterable[tuple[str, str, str]]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _write_csv(path: Path, rows: list[dict[str, Any]], columns: Iterable[tuple[str, str, str]]) -> None:
    names = [c[0] for c in columns]
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=names)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in row.items()})


def _write_parquet(path: Path, rows: list[dict[str, Any]], columns: Iterable[tuple[str, str, str]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "integer": pa.int64(), "array": pa.list_(pa.string())}
    schema = pa.schema([(name, types[kind]) for name, kind, _ in columns])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path, compression="zstd")


_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}


def _span(values: Iterable[str | None]) -> dict[str, str | None]:
    present = sorted(v for v in values if v)
    return {"earliest": present[0] if present else None, "latest": present[-1] if present else None}


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
    media = {"jsonl": "application/jsonl", "csv": "text/csv", "parquet": "application/vnd.apache.parquet"}

    def resource(name: str, rows: list[dict[str, Any]], columns: tuple[tuple[str, str, str], ...]) -> dict[str, Any]:
        fields = [{"name": n, "type": t, "description": d} for n, t, d in (*columns, *_PROVENANCE_COLUMNS)]
        return {
            "name": name,
            "path": f"{name}.{fmt}",
            "format": fmt,
            "mediatype": media[fmt],
            "count": len(rows),
            "schema": {"fields": fields, "primaryKey": ["article_url" if name == "articles" else "id"]},
        }

    comments_resource = resource("comments", comments, COMMENT_COLUMNS)
    comments_resource["schema"]["foreignKeys"] = [
        {"fields": ["article_url"], "reference": {"resource": "articles", "fields": ["article_url"]}}
    ]
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
            "published": _span([a.get("published") for a in articles] + [c.get("published") for c in comments]),
            "crawled": _span([r.get("first_seen") for r in (*articles, *comments)] + [r.get("last_seen") for r in (*articles, *comments)]),
            "filters": filters.as_dict(),
            "pseudonymized": pseudonymized,
        },
    }


def readme(card: dict[str, Any]) -> str:
    """The human half of the data card, from the same facts as datapackage.json."""
    info = card["x_archiver"]
    lines = [
        f"# {card['title']}",
        "",
        f"Exported {card['created']} with {info['tool']}.",
        "",
        (
            f"- Articles: {info['counts']['articles']}; comments: {info['counts']['comments']}"
            f" (captures merged across inputs: {info['counts']['duplicates_merged']})"
        ),
        f"- Published: {info['published']['earliest']} to {info['published']['latest']}",
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
    for resource in card["resources"]:
        lines += [f"## {resource['path']} ({resource['count']} rows)", "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{f['name']}` | {f['type']} | {f['description']} |" for f in resource["schema"]["fields"]]
        lines.append("")
    return "\n".join(lines)
