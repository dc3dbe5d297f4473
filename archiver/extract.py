"""Re-extract articles and comments from archived responses, with no network access.

Every HTML response in the given WARC/ARC/WACZ files goes through the same parsers as a
live crawl (:func:`archiver.parsers.parse_page`), with provenance taken from the record
itself. Comment pages of a post (``/comment-page-N/``, ``?cpage=N``) are collected and
joined into one thread per post with :func:`archiver.threads.stitch` once the whole input
has been read, since a post's pages may sit anywhere in the archive; the later pages of a
post split into several (``…/post/2/``) add their body text to the first page's article
(and their WARC records to its ``pages``) instead of becoming articles. Articles stream
out as they are found; comments wait for the end of the run (only items, never pages,
are held). An article or comment seen twice (re-crawls, revisits) is written once. The
summary counts comments without author or date and comment records dropped for having
no text, per post, as a crawl's does.

What cannot be trusted is said, never dropped quietly: damaged records (bad digests, a
payload that does not decode) are listed and skipped, revisits whose original is not in
the input are listed, and every item parsed from a record marked ``WARC-Truncated``
carries ``truncated: true``, its record listed in the summary with what came of it.

Parsing, the bulk of the time, runs on every core (``jobs``): this process reads the
archive and hands pages in batches to worker processes (:class:`archiver.parallel.PagePool`),
then stitches and writes their results in input order, so the output is the same as with
``jobs=1``, which parses in this process.
"""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from archiver import discovery
from archiver.archives.provenance import CaptureFields
from archiver.errors import ArchiveError, InputError
from archiver.items import Article, Comment
from archiver.output import written_whole
from archiver.page import Page
from archiver.parallel import (
    PageInput,
    PagePool,
    Result,
    article_from_dict,
    comment_from_dict,
    parse_batch,
    to_page,
)
from archiver.summary import quality_warning
from archiver.threads import PageFacts, comment_page_number, stitch
from archiver.warc.reader import (
    ArchiveReader,
    HtmlRecord,
    ReadReport,
    Source,
    expand_inputs,
    input_problem,
)

PROGRESS_EVERY_SECONDS = 5.0
# Inputs smaller than this are parsed in this process whatever ``jobs`` says: starting
# the workers costs about 0.5 s of imports (once, in the forkserver), more than a few
# hundred pages take to parse on one core. 2 MiB of WARC is ~200 pages of a typical blog.
POOL_MIN_INPUT_BYTES = 2 * 1024 * 1024


@dataclass
class ExtractSummary:
    """Counts of one extraction run; ``report`` says what was read, skipped or damaged."""

    output: Path
    inputs: int
    articles: int = 0
    comments: int = 0
    duplicates: int = 0
    report: ReadReport = field(default_factory=ReadReport)
    # Problems worth a line on stderr that lost nothing (a worker process died).
    warnings: list[str] = field(default_factory=list)
    comments_without_author: int = 0
    comments_without_date: int = 0
    comment_records_dropped: int = 0
    # Posts with comments lacking an author or a date, or records dropped for no text.
    incomplete: list[dict[str, Any]] = field(default_factory=list)
    # Items marked truncated, by the key (file name, record id, offset) of their record.
    truncated_items: dict[tuple[Any, ...], dict[str, int]] = field(default_factory=dict)

    def truncated_records(self) -> list[dict[str, Any]]:
        """The records marked WARC-Truncated that were parsed, each with the number of
        articles and comments it gave (all of them marked ``truncated: true``)."""
        listed = []
        for record in self.report.truncated:
            counts = self.truncated_items.get(record["key"], {})
            listed.append({**{k: v for k, v in record.items() if k != "key"},
                           "articles": counts.get("articles", 0), "comments": counts.get("comments", 0)})
        return listed

    def mark_truncated(self, item: dict[str, Any] | None, keys: list[tuple[Any, ...]], kind: str) -> bool:
        """Count an item whose record (one of ``keys``) was truncated; True if it was."""
        hit = [key for key in keys if key in self.report.truncated_keys]
        for key in dict.fromkeys(hit):
            counts = self.truncated_items.setdefault(key, {})
            counts[kind] = counts.get(kind, 0) + 1
        if hit and item is not None:
            item["truncated"] = True
        return bool(hit)

    def as_dict(self) -> dict[str, Any]:
        report = self.report
        return {
            "output": str(self.output),
            "warc_files": self.inputs,
            "records": report.records,
            "html_responses": report.html,
            "articles": self.articles,
            "comments": self.comments,
            "duplicates_dropped": self.duplicates,
            "comments_without_author": self.comments_without_author,
            "comments_without_date": self.comments_without_date,
            "comment_records_dropped": self.comment_records_dropped,
            "posts_with_incomplete_comments": list(self.incomplete),
            "skipped": dict(sorted(report.skipped.items())),
            "revisits_resolved": report.revisits_resolved,
            "revisits_unresolved": report.revisits_unresolved,
            "unresolved_revisits": report.unresolved,
            "truncated_records": self.truncated_records(),
            "damaged_records": report.errors,
            "partial": report.partial,
        }

    def line(self) -> str:
        report = self.report
        text = (
            f"{self.articles} articles, {self.comments} comments from {report.html} HTML responses "
            f"({report.records} records in {self.inputs} WARC files) -> {self.output}"
        )
        if report.partial:
            parts = []
            if report.errors:
                parts.append(f"{len(report.errors)} damaged records skipped")
            if report.unresolved:
                parts.append(f"{len(report.unresolved)} revisits without their original")
            text += "; PARTIAL: " + ", ".join(parts)
        return text


def post_url(url: str) -> str:
    """The post a comment page belongs to: its URL without the comment-page part."""
    return discovery.post_url_of(url)


_CAPTURES = CaptureFields()


def page_input(record: HtmlRecord) -> PageInput:
    """What the parsers need of a record (to send to a worker): URL, headers, body, provenance."""
    meta = record.meta
    provenance = {
        "warc_file": meta.source.name,
        "warc_record_id": meta.record_id,
        "warc_offset": meta.offset,
        "fetched_at": meta.date,
    }
    # A copy of a web archive's capture names it, as the crawl's items did (docs/archives.md).
    provenance.update(_CAPTURES.of(meta.source, meta.offset, meta.record_id))
    return PageInput(
        url=meta.target_uri or "",
        headers=meta.headers,
        body=record.body,
        provenance=provenance,
        status=meta.status or 200,
    )


def page_from_record(record: HtmlRecord) -> Page:
    return to_page(page_input(record))


@dataclass
class ParsedPage:
    """One parsed post or comment page, as the reading process holds it."""

    url: str
    article: Article
    comments: list[Any]  # Comment, or EncodedComment when workers parse
    facts: PageFacts | None = None
    dropped: int = 0
    parts: discovery.PostPages | None = None


class _Threads:
    """Articles and comment pages grouped by post, for dedup and stitching."""

    def __init__(self) -> None:
        self.article_urls: dict[str, str] = {}
        self.fallback_articles: dict[str, Article] = {}
        self.pages: dict[str, list[tuple[str, list[Comment]]]] = {}
        self.facts: dict[str, dict[str, PageFacts]] = {}
        self.dropped: dict[str, dict[str, int]] = {}
        # Later pages of posts split into several, by the first page's post URL and number.
        self.parts: dict[str, dict[int, ParsedPage]] = {}

    def add(self, parsed: ParsedPage) -> Article | None:
        """Record one parsed page; returns the article if it is new and should be written."""
        page_url, article, comments = parsed.url, parsed.article, parsed.comments
        parts = parsed.parts
        if parts is not None and parts.number > 1 and 1 in parts.links:  # a later page of a split post
            self.parts.setdefault(post_url(parts.links[1]), {}).setdefault(parts.number, parsed)
            return None
        post = post_url(page_url)
        # Every capture counts: a later capture of a page may hold newer comments, and
        # stitch() keeps each comment id once.
        self.pages.setdefault(post, []).append((page_url, comments))
        if parsed.facts is not None:
            self.facts.setdefault(post, {})[page_url] = parsed.facts
        if parsed.dropped:
            held = self.dropped.setdefault(post, {})
            held[page_url] = max(held.get(page_url, 0), parsed.dropped)
        if comment_page_number(page_url) is not None:
            self.fallback_articles.setdefault(post, article)
            return None
        if post in self.article_urls:
            return None
        self.article_urls[post] = article.canonical_url or article.url
        return article

    def missing_articles(self) -> list[Article]:
        """Posts known only from comment pages: their first comment page's article; later
        pages of a split post whose first page is not in the input: their own articles."""
        found = []
        for post, article in self.fallback_articles.items():
            if post not in self.article_urls:
                article.url = post
                self.article_urls[post] = article.canonical_url or post
                found.append(article)
        for post, parts in self.parts.items():
            if post not in self.article_urls:  # nothing to join them to
                for part in parts.values():
                    found.append(part.article)
        return found

    def threads(self) -> Iterator[tuple[str, list[Any], int]]:
        """One stitched thread per article, with the comment records its pages dropped for
        having no text; pages of the same article under other URLs merge."""
        groups: dict[str, list[str]] = {}
        for post in self.pages:
            groups.setdefault(self.article_urls.get(post, post), []).append(post)
        for article_url, posts in groups.items():
            pages = [page for post in posts for page in self.pages[post]]
            facts = {url: fact for post in posts for url, fact in self.facts.get(post, {}).items()}
            comments = stitch(pages, facts)
            for comment in comments:
                comment.article_url = article_url
            yield article_url, comments, self._dropped(posts, pages)

    def _dropped(self, posts: list[str], pages: list[tuple[str, list[Any]]]) -> int:
        """Records dropped on the posts' pages; a page repeating another counted once."""
        ids = {url: {c.id for c in comments} for url, comments in pages}
        total, seen = 0, []
        for post in posts:
            for url, count in self.dropped.get(post, {}).items():
                held = ids.get(url, set())
                if held and held in seen:
                    continue
                seen.append(held)
                total += count
        return total

    def joined(self, article: dict[str, Any]) -> None:
        """A split post's article (as its JSON dict): the body of every page in order, and
        each page's URL and WARC record in ``pages``; the first page's own stay as they are."""
        parts = self.parts.get(post_url(article["url"]))
        if not parts:
            return
        first = {"number": 1, "url": article["url"], "body": article.get("body"),
                 **{key: article.get(key) for key in ("warc_file", "warc_record_id", "warc_offset", "fetched_at")}}
        pages = [first] + [
            {"number": number, "url": part.url, "body": part.article.body,
             **{key: getattr(part.article.provenance, key)
                for key in ("warc_file", "warc_record_id", "warc_offset", "fetched_at")}}
            for number, part in sorted(parts.items())
        ]
        article["body"] = "\n\n".join(page["body"] for page in pages if page["body"]) or None
        listed = [{key: value for key, value in page.items() if key != "body"} for page in pages]
        rebuilt: dict[str, Any] = {}
        for key, value in article.items():  # pages before the provenance fields, as Article.to_dict puts it
            if key == "warc_file":
                rebuilt["pages"] = listed
            if key != "pages":
                rebuilt[key] = value
        rebuilt.setdefault("pages", listed)
        article.clear()
        article.update(rebuilt)


def extract(
    paths: list[Path],
    output: Path,
    progress: Callable[[str], None] | None = None,
    all_pages: bool = False,
    jobs: int = 1,
) -> ExtractSummary:
    """Extract every article and comment of the archives in ``paths`` into ``output``.

    Only pages the crawler would treat as posts (:func:`archiver.discovery.classify`) are
    parsed, so listings, tag and category pages do not become articles; ``all_pages``
    parses every HTML response. Writes ``articles.jsonl``, ``comments.jsonl`` and
    ``summary.json``. Damaged records are skipped and listed in the summary (``partial``);
    a missing input is an InputError. ``jobs`` is how many processes parse (1: only this
    one); the output does not depend on it.
    """
    sources = _sources(paths)
    summary = ExtractSummary(output=output, inputs=len(sources))
    reader = ArchiveReader(sources, summary.report)
    threads = _Threads()
    seen_articles: set[str] = set()
    output.mkdir(parents=True, exist_ok=True)
    ticker = _Ticker(progress, summary)
    workers = jobs if jobs > 1 and _input_bytes(paths) >= POOL_MIN_INPUT_BYTES else 0
    # Every output goes to a draft first: a run that fails halfway (disk full, a crash)
    # leaves the previous files whole instead of torn ones. The pool lets its workers go
    # once every page is parsed and waits for them only at the end, after the writing.
    with PagePool(workers, posts_only=not all_pages, task=parse_batch_encoded, warn=summary.warnings.append) as pool, \
            written_whole(output / "articles.jsonl") as articles_path, \
            written_whole(output / "comments.jsonl") as comments_path:
        draft = articles_path.with_name("articles.jsonl.stream")
        try:
            with open(draft, "w", encoding="utf-8") as articles_out:
                parsed = _parse_in_pool(reader, pool, summary) if workers else _parse_here(reader, all_pages, summary)
                for page in parsed:
                    article = threads.add(page)
                    if article is not None:
                        summary.duplicates += _write_article(articles_out, article, seen_articles, summary)
                    ticker.tick()
                for article in threads.missing_articles():
                    summary.duplicates += _write_article(articles_out, article, seen_articles, summary)
            found: dict[str, int] = {}
            with open(comments_path, "w", encoding="utf-8") as comments_out:
                for article_url, comments, dropped in threads.threads():
                    for comment in comments:
                        _write(comments_out, comment, _truncated_comment(summary, comment))
                    found[article_url] = found.get(article_url, 0) + len(comments)
                    summary.comments += len(comments)
                    _count_incomplete(summary, article_url, comments, dropped)
            _finish_articles(draft, articles_path, found, threads, summary)
        finally:
            draft.unlink(missing_ok=True)
    warning = quality_warning(summary.comments, summary.comments_without_author, summary.comments_without_date,
                              summary.comment_records_dropped)
    if warning:
        summary.warnings.append(warning)
    with written_whole(output / "summary.json") as summary_path:
        summary_path.write_text(json.dumps(summary.as_dict(), indent=2) + "\n", encoding="utf-8")
    return summary


def _count_incomplete(summary: ExtractSummary, article_url: str, comments: list[Any], dropped: int) -> None:
    """Count a post's comments without author or date, and its records dropped for no text."""
    without_author = sum(1 for c in comments if not c.author)
    without_date = sum(1 for c in comments if not c.published)
    if not (without_author or without_date or dropped):
        return
    summary.comments_without_author += without_author
    summary.comments_without_date += without_date
    summary.comment_records_dropped += dropped
    summary.incomplete.append({"url": article_url, "comments": len(comments), "without_author": without_author,
                               "without_date": without_date, "dropped_no_text": dropped})


Parsed = Iterator[ParsedPage]


def _parse_here(reader: ArchiveReader, all_pages: bool, summary: ExtractSummary) -> Parsed:
    """Each post's URL, article and comments, parsed in this process (``jobs=1``)."""
    from archiver.parsers import parse_page

    for record in reader:
        page = page_from_record(record)
        if not all_pages and discovery.classify(page) is not discovery.PageKind.POST:
            summary.report.skip("not a post")
            continue
        result = parse_page(page)
        facts, parts = discovery.placement(page, result)
        yield ParsedPage(page.url, result.article, result.comments, facts, result.dropped, parts)


def _parse_in_pool(reader: ArchiveReader, pool: PagePool, summary: ExtractSummary) -> Parsed:
    """The same as :func:`_parse_here`, parsed by the pool's workers, in input order."""
    for page, result in pool.map(page_input(record) for record in reader):
        if "skipped" in result:
            summary.report.skip(result["skipped"])
            continue
        record = _record_key(page.provenance)
        comments = [
            EncodedComment(*encoded, record=record) if isinstance(encoded, tuple) else comment_from_dict(encoded)
            for encoded in result["comments"]
        ]
        yield ParsedPage(page.url, article_from_dict(result["article"]), comments,  # type: ignore[arg-type]
                         result.get("page_facts"), result.get("dropped", 0), result.get("post_pages"))


def parse_batch_encoded(batch: list[PageInput], posts_only: bool) -> list[Result]:
    """The pool's task: :func:`archiver.parallel.parse_batch`, with every comment as
    ``(id, JSON line in pieces)`` for :class:`EncodedComment`.

    Encoding 20,000 comments as JSON took the reading process 0.25 s at the end of a
    1,800-page run, with every worker idle; workers now do it while they parse.
    """
    results = parse_batch(batch, posts_only)
    for result in results:
        if "comments" in result:
            result["comments"] = [_encoded(data) for data in result["comments"]]
    return results


def _encoded(data: dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
    pieces = _json_pieces(data)
    if pieces is None:
        return data
    return (data["id"], pieces, data.get("author"), data.get("published"), data.get("parent_id"))


class EncodedComment:
    """A comment already encoded as its JSON line, but for the two values that stitching
    sets (``article_url`` and ``position``): what the reading process holds of each
    comment when workers parse. Behaves as a Comment for :func:`archiver.threads.stitch`
    (which reads its date and parent to tell the thread's order) and for the summary's
    counts of comments without author or date."""

    __slots__ = ("id", "pieces", "author", "published", "parent_id", "article_url", "position", "record")

    def __init__(self, comment_id: str, pieces: list[str], author: str | None = None, published: str | None = None,
                 parent_id: str | None = None, record: tuple[Any, ...] | None = None) -> None:
        self.id = comment_id
        self.pieces = pieces
        self.author = author
        self.published = published
        self.parent_id = parent_id
        self.article_url = ""
        self.position = 0
        self.record = record  # (warc_file, warc_record_id, warc_offset) of the page it was parsed from

    def json_line(self) -> str:
        """The line ``json.dumps(comment.to_dict(), ensure_ascii=False)`` would give."""
        head, middle, tail = self.pieces
        return f"{head}{json.dumps(self.article_url, ensure_ascii=False)}{middle}{self.position}{tail}"


# A string no comment holds: NUL characters are removed from pages before parsing.
_HOLE = "\x00archiver-hole\x00"
_HOLE_JSON = json.dumps(_HOLE)


def _json_pieces(data: dict[str, Any]) -> list[str] | None:
    """The comment's JSON line split where ``article_url`` and ``position`` go, or None
    when it cannot be (the comment then travels as its dict).

    JSON-encoding a dict encodes each value on its own, so the line with the real values
    put back in the holes is byte for byte the line of the whole dict.
    """
    keys = list(data)
    if keys.index("article_url") > keys.index("position"):
        return None
    pieces = json.dumps({**data, "article_url": _HOLE, "position": _HOLE}, ensure_ascii=False).split(_HOLE_JSON)
    return pieces if len(pieces) == 3 else None


def _input_bytes(paths: list[Path]) -> int:
    return sum(path.stat().st_size for path in paths)


def _finish_articles(draft: Path, final: Path, found: dict[str, int], threads: _Threads,
                     summary: ExtractSummary) -> None:
    """Copy the streamed articles to their final file with ``comments_found`` counting the
    whole stitched thread (as a crawl does), not just the comments on the post page, the
    body of a split post joined from all its pages, and ``truncated: true`` when a page
    it was parsed from is a record marked WARC-Truncated."""
    with open(draft, encoding="utf-8") as lines, open(final, "w", encoding="utf-8") as out:
        for line in lines:
            article = json.loads(line)
            article["comments_found"] = found.get(article["canonical_url"] or article["url"], 0)
            threads.joined(article)
            if summary.report.truncated_keys:
                pages = [article, *article.get("pages", [])]
                summary.mark_truncated(article, [_record_key(page) for page in pages], "articles")
            out.write(json.dumps(article, ensure_ascii=False) + "\n")


def _record_key(provenance: Any) -> tuple[Any, ...]:
    """The (warc_file, warc_record_id, warc_offset) an item or page names."""
    return (provenance.get("warc_file"), provenance.get("warc_record_id"), provenance.get("warc_offset"))


def _truncated_comment(summary: ExtractSummary, comment: Comment | EncodedComment) -> bool:
    """Whether the comment was parsed from a truncated record (and count it if so)."""
    if not summary.report.truncated_keys:
        return False
    if isinstance(comment, EncodedComment):
        key = comment.record
    else:
        key = _record_key(vars(comment.provenance))
    return key is not None and summary.mark_truncated(None, [key], "comments")


def _sources(paths: list[Path]) -> list[Source]:
    """The WARCs to read; an input that is no archive at all stops the run before it starts."""
    for path in paths:
        if not path.is_file():
            raise InputError(f"no such archive file: {path}")
    try:
        problems = [f"{path} ({problem})" for path in paths if (problem := input_problem(path))]
        if problems:
            raise ArchiveError("not a WARC, ARC or WACZ file: " + "; ".join(problems))
        return expand_inputs(paths)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"cannot open archive: {error}") from error


def _write_article(out: IO[str], article: Article, seen: set[str], summary: ExtractSummary) -> int:
    key = article.canonical_url or article.url
    if key in seen:
        return 1
    seen.add(key)
    _write(out, article)
    summary.articles += 1
    return 0


def _write(out: IO[str], item: Article | Comment | EncodedComment, truncated: bool = False) -> None:
    """One item's JSON line; ``truncated: true`` last when its record was truncated."""
    if isinstance(item, EncodedComment):
        line = item.json_line()
        out.write((line[:-1] + ', "truncated": true}' if truncated else line) + "\n")
    else:
        data = item.to_dict()
        if truncated:
            data["truncated"] = True
        out.write(json.dumps(data, ensure_ascii=False) + "\n")


class _Ticker:
    """A progress line every few seconds, so a long run shows it is alive."""

    def __init__(self, progress: Callable[[str], None] | None, summary: ExtractSummary) -> None:
        self.progress = progress
        self.summary = summary
        self.last = time.monotonic()

    def tick(self) -> None:
        if self.progress is None or time.monotonic() - self.last < PROGRESS_EVERY_SECONDS:
            return
        self.last = time.monotonic()
        report = self.summary.report
        self.progress(f"{report.records} records read, {report.html} HTML, {self.summary.articles} articles")
