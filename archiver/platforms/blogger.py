"""Blogger: a post's JSON comment feed, ``/feeds/POSTID/comments/default?alt=json``.

Served by the blog's own host (so its robots.txt and politeness apply), paged with
``start-index`` and ``max-results`` against ``openSearch$totalResults``, the declared
size. A reply names its parent in a ``related`` link (``…/comments/default/PARENTID``).
Author e-mail (Blogger's ``noreply@blogger.com``) and avatar images are never read.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode, urlsplit

from archiver.platforms.base import Platform, SourceError, SourceRequest, SourceResponse, SourceResult, html_text, iso_utc

PLATFORM = "blogger"
OFFICIAL = True
PAGE_SIZE = 200
_ENTRY_ID = re.compile(r"post-(\d+)$")
_PARENT = re.compile(r"/comments/default/(\d+)")


def first_requests(platform: Platform, page_url: str, config: Any) -> list[SourceRequest]:
    post_id = platform.params.get("post_id")
    if not post_id:
        return []
    parts = urlsplit(page_url)
    return [feed_request(config.endpoint(PLATFORM, f"{parts.scheme}://{parts.netloc}"), post_id, 1)]


def feed_request(base: str, post_id: str, start: int) -> SourceRequest:
    query = urlencode({"alt": "json", "max-results": PAGE_SIZE, "start-index": start})
    return SourceRequest(f"{base.rstrip('/')}/feeds/{post_id}/comments/default?{query}", PLATFORM, "feed",
                         context={"base": base, "post_id": post_id, "start": start})


def parse(response: SourceResponse, config: Any = None) -> SourceResult:
    try:
        data = response.ok_json()
        feed = data.get("feed") if isinstance(data, dict) else None
        if not isinstance(feed, dict):
            raise SourceError("no 'feed' object")
    except SourceError as error:
        return SourceResult(error=str(error))
    total = _value(feed.get("openSearch$totalResults"))
    result = SourceResult(declared=int(total) if str(total or "").isdigit() else None)
    entries = feed.get("entry") if isinstance(feed.get("entry"), list) else []
    for entry in entries:
        comment = _comment(response, entry)
        if comment is None:
            result.dropped += 1
        else:
            result.comments.append(comment)
    context = response.request.context
    following = context["start"] + len(entries)
    if entries and result.declared is not None and following <= result.declared:
        result.follow = [feed_request(context["base"], context["post_id"], following)]
    return result


def _comment(response: SourceResponse, entry: Any) -> Any:
    if not isinstance(entry, dict):
        return None
    match = _ENTRY_ID.search(str(_value(entry.get("id")) or ""))
    text = html_text(_value(entry.get("content")) or _value(entry.get("summary")))
    if match is None or not text:
        return None
    authors = entry.get("author") if isinstance(entry.get("author"), list) else []
    author = authors[0] if authors and isinstance(authors[0], dict) else {}
    parent = None
    for link in entry.get("link") or []:
        if isinstance(link, dict) and link.get("rel") == "related":
            found = _PARENT.search(link.get("href", ""))
            parent = found.group(1) if found else None
    permalink = next((link.get("href") for link in entry.get("link") or []
                      if isinstance(link, dict) and link.get("rel") == "alternate"), None)
    return response.comment(match.group(1), author=_value(author.get("name")) or None,
                            author_url=_value(author.get("uri")) or None, published=iso_utc(_value(entry.get("published"))),
                            text=text, parent_id=response.scoped(parent), page_url=permalink)


def _value(node: Any) -> Any:
    """GData JSON wraps values as ``{"$t": value}``."""
    return node.get("$t") if isinstance(node, dict) else node
