"""Comment threads: order, parents and depth, within one page and across comment pages.

A post's comments may be spread over several pages (``/comment-page-N/``, ``?cpage=N``).
Each page is parsed on its own; :func:`stitch` then joins the pages of one post into a
single thread: positions run on from page to page in reading order (which page is which,
and which way the thread reads, is worked out from the pages: :func:`reading_order`), a
comment seen on two pages is kept once, and a reply whose parent sits on another page
keeps its parent id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from archiver.items import Comment, Provenance

_PAGE_NUMBER = re.compile(r"(?:comment-page-|[?&]cpage=)(\d+)")
_PATH_PAGE = re.compile(r"/comment-page-\d+/?$")


def number_comments(
    comments: list[Comment], *, article_url: str, page_url: str, provenance: Provenance
) -> None:
    """Fill the page-level fields of freshly parsed comments: position 1..n, urls, provenance."""
    for position, comment in enumerate(comments, start=1):
        comment.position = position
        comment.article_url = article_url
        comment.page_url = page_url
        comment.provenance = provenance


def comment_page_number(url: str) -> int | None:
    """The comment page number in a WordPress comment-page URL, None for the post itself."""
    match = _PAGE_NUMBER.search(url)
    return int(match.group(1)) if match else None


def post_url(url: str) -> str:
    """The post's own URL for any of its comment pages: ``/comment-page-N/``, ``cpage=N``
    and the fragment removed (``…/post/comment-page-2/#comments`` -> ``…/post/``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = _PATH_PAGE.sub("/", parts.path)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "cpage"])
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


@dataclass
class PageFacts:
    """What one page of a post says about its place among the post's comment pages.

    Read from the page by :func:`archiver.discovery.comment_page_facts`: the number it
    shows as current (a pagination's current marker, a ``rel=canonical`` comment-page URL,
    or the comment-page URLs of its own comments' permalinks), the other pages its
    page-number links name (``2`` -> ``…/comment-page-2/``; the bare post URL as ``1``),
    and its "Older comments" / "Newer comments" (previous / next) links. URLs are compared
    without fragment and trailing slash.
    """

    number: int | None = None
    numbered: dict[str, int] = field(default_factory=dict)
    older: str | None = None
    newer: str | None = None


def stitch(pages: Iterable[tuple[str, list[Comment]]],
           facts: Mapping[str, PageFacts] | None = None) -> list[Comment]:
    """Join the comment lists of one post's pages into one thread in reading order.

    ``pages`` holds (page_url, comments) pairs in any order; ``facts`` what each page says
    about its number and its neighbours (by page URL), when known. Duplicates (the same
    comment id on two pages, e.g. the post page repeating a numbered page) are dropped
    after their first appearance; positions are renumbered 1..n. The reading order is
    worked out by :func:`reading_order`.
    """
    thread: list[Comment] = []
    seen: set[str] = set()
    for _page_url, comments in reading_order(list(pages), facts):
        for comment in comments:
            if comment.id in seen:
                continue
            seen.add(comment.id)
            thread.append(comment)
    for position, comment in enumerate(thread, start=1):
        comment.position = position
    return thread


def reading_order(pages: list[tuple[str, list[Comment]]],
                  facts: Mapping[str, PageFacts] | None = None) -> list[tuple[str, list[Comment]]]:
    """The pages of one post in the order a reader reads the whole thread.

    Which page is which: a numbered URL (``/comment-page-N/``, ``cpage=N``) says it; a page
    without one (the post's own URL) takes the number it shows as current, or the one its
    neighbours give it (the page its "Newer comments" link leads to is one after it, a
    page whose "Older comments" link leads to it is one before), or the number of the
    numbered page whose comments it repeats, or else the number no other page has (the
    post URL is page 1 when the others are 2..n, page n when they are 1..n-1).

    Which way to read: WordPress numbers comment pages oldest first whatever the order a
    page lists its comments in. When the pages list their top-level comments newest first
    (``comment_order=desc``, by their dates, else by numeric ids), the thread reads from
    the newest page down; otherwise from page 1 up. Should the pages' dates show the
    numbering itself running newest first, the direction flips. A page repeating a
    numbered one comes after it, so its comments keep the numbered page's URL.
    """
    numbers = page_numbers(pages, facts or {})
    numbered = sorted({n for n in numbers if n is not None})
    descending = _newest_first(pages, numbers) == _numbers_rise_with_time(pages, numbers)

    def key(item: tuple[int, tuple[str, list[Comment]]]) -> tuple[int, int, int]:
        arrival, (url, _comments) = item
        number = numbers[arrival]
        if number is None:
            return (1, 0, arrival)
        rank = numbered.index(number)
        return (0, -rank if descending else rank, 0 if comment_page_number(url) is not None else 1)

    return [pair for _, pair in sorted(enumerate(pages), key=key)]


def page_numbers(pages: list[tuple[str, list[Comment]]], facts: Mapping[str, PageFacts]) -> list[int | None]:
    """The comment page number of each page (in ``pages`` order), None when none can be told."""
    facts = {_page_key(url): fact for url, fact in facts.items()}
    keys = [_page_key(url) for url, _ in pages]
    numbers: list[int | None] = []
    for (url, _comments), key in zip(pages, keys, strict=True):
        fact = facts.get(key)
        numbers.append(comment_page_number(url) or (fact.number if fact else None))

    def known(url: str | None) -> int | None:
        if url is None:
            return None
        link = _page_key(url)
        if link in keys:
            return numbers[keys.index(link)]
        return comment_page_number(url)

    changed = True
    while changed:  # neighbours' links name the pages they lead to
        changed = False
        for index, key in enumerate(keys):
            if numbers[index] is not None:
                continue
            guess = _number_from_links(key, facts, known)
            if guess is not None and guess >= 1:
                numbers[index] = guess
                changed = True
    by_number = {n: {c.id for c in comments} for (_, comments), n in zip(pages, numbers, strict=True) if n is not None}
    for index, (_url, comments) in enumerate(pages):  # a page repeating a numbered one is that page
        ids = {c.id for c in comments}
        if numbers[index] is None and ids:
            numbers[index] = next((n for n, held in sorted(by_number.items()) if ids <= held), None)
    taken = {n for n in numbers if n is not None}
    unknown = [i for i, n in enumerate(numbers) if n is None]
    if taken and len(unknown) == 1:  # the post page is the number no other page has
        numbers[unknown[0]] = next(n for n in range(1, max(taken) + 2) if n not in taken)
    return numbers


def _number_from_links(key: str, facts: Mapping[str, PageFacts], known: Any) -> int | None:
    own = facts.get(key)
    if own is not None:
        if (after := known(own.newer)) is not None:
            return after - 1
        if (before := known(own.older)) is not None:
            return before + 1
    for other_url, fact in facts.items():
        if other_url == key:
            continue
        for link, number in fact.numbered.items():
            if _page_key(link) == key:
                return number
        other = known(other_url)
        if other is None:
            continue
        if fact.older and _page_key(fact.older) == key:
            return other - 1
        if fact.newer and _page_key(fact.newer) == key:
            return other + 1
    return None


def _newest_first(pages: list[tuple[str, list[Comment]]], numbers: list[int | None]) -> bool:
    """Whether the pages list their top-level comments newest first: by dates where the
    comments have them, else by numeric comment ids (which sites hand out in time order)."""
    for value in (_instant, _id_number):
        votes = 0
        for _url, comments in pages:
            keys = [k for c in comments if getattr(c, "parent_id", None) is None
                    and (k := value(c)) is not None]
            votes += sum((b > a) - (b < a) for a, b in zip(keys, keys[1:]))
        if votes:
            return votes < 0
    return False


def _numbers_rise_with_time(pages: list[tuple[str, list[Comment]]], numbers: list[int | None]) -> bool:
    """Whether higher page numbers hold newer top-level comments (WordPress's numbering, and
    the answer when the dates do not tell)."""
    spans: dict[int, list[datetime]] = {}
    for (_url, comments), number in zip(pages, numbers, strict=True):
        if number is None:
            continue
        for comment in comments:
            if getattr(comment, "parent_id", None) is None and (when := _instant(comment)) is not None:
                spans.setdefault(number, []).append(when)
    votes = 0
    ordered = sorted(spans)
    for low, high in zip(ordered, ordered[1:]):
        if min(spans[high]) >= max(spans[low]):
            votes += 1
        elif max(spans[high]) <= min(spans[low]):
            votes -= 1
    return votes >= 0


def _instant(comment: Any) -> datetime | None:
    """A comment's date as a comparable naive UTC (or naive local) datetime."""
    value = getattr(comment, "published", None)
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo is not None else when


_TRAILING_NUMBER = re.compile(r"(\d+)$")


def _id_number(comment: Any) -> int | None:
    match = _TRAILING_NUMBER.search(getattr(comment, "id", "") or "")
    return int(match.group(1)) if match else None


def _page_key(url: str) -> str:
    """A page URL as pages and links are compared: no fragment, no trailing slash."""
    return url.partition("#")[0].rstrip("/")
