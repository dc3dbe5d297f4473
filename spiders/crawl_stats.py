"""What a crawl's stats say: the short name of a failure, and what a run added.

Kept apart from the spider: both read Scrapy and Twisted objects only, and the names they
produce (``archiver/errors/<kind>``, the counts of a run in ``runs.jsonl``) are part of
the summary and the state a user reads.
"""

from __future__ import annotations

from typing import Any

from twisted.python.failure import Failure


def run_counts(stats: dict[str, Any]) -> dict[str, Any]:
    """What a run added, for its line in ``runs.jsonl``."""
    return {
        "new_articles": stats.get("archiver/files/articles.jsonl", 0),
        "new_comments": stats.get("archiver/files/comments.jsonl", 0),
        "unchanged_items": sum(v for k, v in stats.items() if k.startswith("archiver/items/unchanged/")),
        "posts_fetched": stats.get("archiver/pages/post", 0),
        "posts_not_modified": stats.get("archiver/posts/not_modified", 0),
        "posts_not_revisited": stats.get("archiver/posts/revisit/not_revisited", 0),
        "resumed_requests": stats.get("archiver/frontier/resumed", 0),
        "responses": stats.get("response_received_count", 0),
        "warc_revisits": stats.get("archiver/warc/revisits", 0),
    }


def error_kind(failure: Failure) -> str:
    """A short stats name for why a request failed: ``http_404``, ``timeout``, ``robots``…"""
    from scrapy import exceptions as scrapy_errors
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import error as twisted_errors

    from archiver.downloadermiddlewares.httpcompression import UndecodableResponse

    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if getattr(failure.value, "error_kind", None):  # errors that name their kind (not_archived…)
        return str(failure.value.error_kind)
    kinds: list[tuple[tuple[type[BaseException], ...], str]] = [
        ((scrapy_errors.DownloadTimeoutError, twisted_errors.TimeoutError, twisted_errors.TCPTimedOutError), "timeout"),
        ((scrapy_errors.CannotResolveHostError, twisted_errors.DNSLookupError), "dns"),
        ((scrapy_errors.DownloadConnectionRefusedError, twisted_errors.ConnectionRefusedError), "connection_refused"),
        ((scrapy_errors.DownloadCancelledError,), "too_large"),  # DOWNLOAD_MAXSIZE
        ((scrapy_errors.ResponseDataLossError,), "connection_lost"),
        ((UndecodableResponse,), "undecodable"),  # a body its Content-Encoding does not decode
    ]
    for types, kind in kinds:
        if failure.check(*types):
            return kind
    if failure.check(scrapy_errors.IgnoreRequest):
        message = str(failure.value).lower()
        for marker, kind in (("robots", "robots"), ("offsite", "offsite"), ("redirection", "redirect_loop"),
                             ("download_maxsize", "too_large")):
            if marker in message:
                return kind
        return "ignored"
    return failure.type.__name__.lower() if failure.type else "other"
