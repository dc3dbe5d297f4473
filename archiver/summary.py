"""The end-of-crawl summary: what was archived, what did not add up, what failed.

An extension (enabled in ``EXTENSIONS``) that reads the crawl's stats when the spider
closes, logs a short report and writes it as ``<crawl>/summary.json``, so a script can
check a crawl without parsing its log. Counts come from the ``archiver/*`` stats the spider
and pipelines keep; posts whose declared comment count ("soundoff (N Responses)") differs
from the comments found are listed one by one, and so are posts with comments that lack
an author or a date or with comment records dropped for showing no text.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archiver.output import spider_directory

logger = logging.getLogger(__name__)

SUMMARY_FILE = "summary.json"


def comment_quality(stats: dict[str, Any]) -> dict[str, int]:
    """Crawl totals of comments without author or date and of records dropped for no text."""
    return {
        "comments_without_author": stats.get("archiver/comments/without_author", 0),
        "comments_without_date": stats.get("archiver/comments/without_date", 0),
        "comment_records_dropped": stats.get("archiver/comments/dropped_no_text", 0),
    }


def quality_warning(comments: int, without_author: int, without_date: int, dropped: int) -> str | None:
    """One line when more than half of the comments lack an author or a date, or when
    comment records were dropped for having no text; None when neither happened."""
    problems = []
    if comments and without_author * 2 > comments:
        problems.append(f"{without_author} of {comments} comments have no author")
    if comments and without_date * 2 > comments:
        problems.append(f"{without_date} of {comments} comments have no date")
    if dropped:
        problems.append(f"{dropped} comment {'record' if dropped == 1 else 'records'} without text dropped")
    if not problems:
        return None
    return "Comments incomplete: " + "; ".join(problems) + " (posts listed in summary.json)"


def comment_quality_warning(stats: dict[str, Any]) -> str | None:
    """:func:`quality_warning` for a crawl's stats."""
    quality = comment_quality(stats)
    return quality_warning(stats.get("archiver/comments", 0), quality["comments_without_author"],
                           quality["comments_without_date"], quality["comment_records_dropped"])


def build_summary(stats: dict[str, Any], mismatches: list[dict[str, Any]], folder: Path,
                  start_url: str | None, not_in_html: list[str] | None = None,
                  incomplete: list[dict[str, Any]] | None = None,
                  comment_sources: dict[str, Any] | None = None) -> dict[str, Any]:
    """The summary as a JSON-ready dict, from a stats dict and the spider's mismatch list.

    ``not_in_html`` lists posts whose comments a script loads (a script widget and no
    comment parsed): their comment count of zero is "not archivable from HTML", not "no
    comments", and the summary says so. ``incomplete`` lists posts with comments lacking
    an author or a date, or with comment records dropped for having no text.
    ``comment_sources`` holds the posts per comment platform and the shortfalls of
    platform threads against their declared size (``spiders/comment_sources.py``).
    """
    prefix = "archiver/errors/"
    errors = {key[len(prefix):]: value for key, value in stats.items() if key.startswith(prefix)}
    # Scrapy drops out-of-scope redirects when they are scheduled, before any errback.
    if stats.get("offsite/filtered"):
        errors["offsite"] = errors.get("offsite", 0) + stats["offsite/filtered"]
    errors = dict(sorted(errors.items()))
    files = sorted(
        str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file() and path.name != SUMMARY_FILE
    )
    return {
        "start_url": start_url,
        "folder": str(folder),
        "finish_reason": stats.get("finish_reason"),
        "posts": stats.get("archiver/posts", 0),
        "comments": stats.get("archiver/comments", 0),
        "comment_pages": stats.get("archiver/pages/comment_page", 0),
        "pages": {kind: stats.get(f"archiver/pages/{kind}", 0) for kind in ("post", "listing", "feed", "sitemap", "other")},
        "invalid_items": stats.get("archiver/items/invalid", 0),
        "duplicates_dropped": sum(v for k, v in stats.items() if k.startswith("archiver/items/duplicate/")),
        "comment_count_mismatches": mismatches,
        "comments_not_in_html": list(not_in_html or []),
        **comment_quality(stats),
        "posts_with_incomplete_comments": list(incomplete or []),
        "comment_platforms": dict((comment_sources or {}).get("comment_platforms", {})),
        "comment_source_shortfalls": list((comment_sources or {}).get("comment_source_shortfalls", [])),
        "errors": errors,
        "responses": stats.get("response_received_count", 0),
        "files": files + [SUMMARY_FILE],
    }


def format_summary(summary: dict[str, Any]) -> str:
    """A few human lines for the log and the ``archiver archive`` command."""
    lines = [
        (f"{summary['posts']} posts, {summary['comments']} comments "
        f"({summary['comment_pages']} extra comment pages), {summary['responses']} responses"),
        f"output: {summary['folder']} ({', '.join(summary['files'])})",
    ]
    if summary["errors"]:
        lines.append("errors: " + ", ".join(f"{kind} {count}" for kind, count in summary["errors"].items()))
    if summary["invalid_items"]:
        lines.append(f"invalid items: {summary['invalid_items']} (see invalid.jsonl)")
    for mismatch in summary["comment_count_mismatches"]:
        lines.append(f"declared {mismatch['declared']} comments, found {mismatch['found']}: {mismatch['url']}")
    if summary.get("comment_platforms"):
        lines.append("comment platforms: " + ", ".join(f"{name} {count}" for name, count in summary["comment_platforms"].items()))
    for gap in summary.get("comment_source_shortfalls", []):
        lines.append(f"{gap['platform']}: declared {gap['declared']} comments, found {gap['found']}: {gap['url']}")
    for url in summary["comments_not_in_html"]:
        lines.append(f"comments not in HTML (loaded by a script): {url}")
    missing = [f"{what}: {summary[key]}" for key, what in (
        ("comments_without_author", "comments without author"), ("comments_without_date", "comments without date"),
        ("comment_records_dropped", "comment records without text dropped")) if summary.get(key)]
    if missing:
        posts = len(summary.get("posts_with_incomplete_comments", []))
        lines.append(f"{', '.join(missing)} (posts: {posts}, listed in summary.json)")
    return "\n".join(lines)


class CrawlSummary:
    """Writes ``summary.json`` and logs the summary when the spider closes."""

    def __init__(self, crawler: Any) -> None:
        if not crawler.settings.getbool("ARCHIVER_SUMMARY_ENABLED", True):
            raise NotConfigured("ARCHIVER_SUMMARY_ENABLED is off")
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlSummary:
        return cls(crawler)

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = dict(self.crawler.stats.get_stats())
        stats.setdefault("finish_reason", reason)
        start_url = getattr(spider, "start_url", None)
        folder = spider_directory(spider)
        summary = build_summary(stats, list(getattr(spider, "mismatches", [])), folder, start_url,
                                list(getattr(spider, "comments_not_in_html", [])),
                                list(getattr(spider, "incomplete_comments", [])), _sources_summary(spider))
        (folder / SUMMARY_FILE).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        logger.info("Crawl summary:\n%s", format_summary(summary))


def _sources_summary(spider: Any) -> dict[str, Any] | None:
    """The comment platforms part of the summary, from the spider's comment sources."""
    sources = getattr(spider, "comment_sources", None)
    return sources.summary() if sources is not None else None
