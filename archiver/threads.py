"""Comment threads: order, parents and depth, within one page and across comment pages.

A post's comments may be spread over several pages (``/comment-page-N/``, ``?cpage=N``).
Each page is parsed on its own; :func:`stitch` then joins the pages of one post into a
single thread: positions run on from page to page in reading order, a comment seen on
two pages is kept once, and a reply whose parent sits on another page keeps its parent id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def stitch(pages: Iterable[tuple[str, list[Comment]]]) -> list[Comment]:
    """Join the comment lists of one post's pages into one thread in reading order.

    ``pages`` holds (page_url, comments) pairs in any order. Duplicates (the same comment id
    on two pages) are dropped after their first appearance; positions are renumbered 1..n.
    """
    ordered = sorted(pages, key=lambda pair: _stitch_key(pair[0], pair[1]))
    thread: list[Comment] = []
    seen: set[str] = set()
    for _page_url, comments in ordered:
        for comment in comments:
            if comment.id in seen:
                continue
            seen.add(comment.id)
            thread.append(comment)
    for position, comment in enumerate(thread, start=1):
        comment.position = position
    return thread


def _stitch_key(page_url: str, comments: list[Comment]) -> int:
    """Numbered comment pages in number order (WordPress numbers them oldest first); the
    post page last, since it repeats one of the numbered pages (first or newest, by site
    option) and its duplicates are then dropped."""
    number = comment_page_number(page_url)
    return 10**9 if number is None else number
