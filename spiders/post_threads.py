"""Collects a post's comment pages until all have answered, then yields one stitched thread.

A post with paginated comments arrives as several responses in any order. Each is parsed
on its own; this accumulator keeps them per post, tracks which comment pages are still
outstanding (requested, neither answered nor failed), and once none are left hands the
article and the whole thread, stitched by :func:`archiver.threads.stitch`, to the spider.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archiver.items import Article, Comment
from archiver.threads import stitch


@dataclass
class PendingPost:
    """One post being assembled: its article, the comments per page, the pages still awaited."""

    article: Article
    pages: dict[str, list[Comment]] = field(default_factory=dict)
    outstanding: set[str] = field(default_factory=set)
    failed: list[str] = field(default_factory=list)
    # Frontier URLs (the post's request, its comment pages) that stay pending until emitted.
    frontier: set[str] = field(default_factory=set)

    def thread(self) -> list[Comment]:
        """All comments in reading order, positions 1..n, pointing at the article."""
        comments = stitch(self.pages.items())
        article_url = self.article.canonical_url or self.article.url
        for comment in comments:
            comment.article_url = article_url
        return comments


class PostThreads:
    """The posts whose comment pages are still being fetched, by post URL."""

    def __init__(self) -> None:
        self._posts: dict[str, PendingPost] = {}

    def __len__(self) -> int:
        return len(self._posts)

    def start(self, key: str, article: Article, page_url: str, comments: list[Comment]) -> PendingPost:
        post = PendingPost(article=article, pages={page_url: comments})
        self._posts[key] = post
        return post

    def get(self, key: str) -> PendingPost | None:
        return self._posts.get(key)

    def expect(self, key: str, page_url: str) -> None:
        """A request for one more comment page of ``key`` is on its way."""
        self._posts[key].outstanding.add(page_url)

    def arrived(self, key: str, page_url: str, comments: list[Comment]) -> None:
        post = self._posts[key]
        post.pages[page_url] = comments
        post.outstanding.discard(page_url)

    def failed(self, key: str, page_url: str) -> None:
        post = self._posts[key]
        post.outstanding.discard(page_url)
        post.failed.append(page_url)

    def finish_if_complete(self, key: str) -> PendingPost | None:
        """The post, removed from the accumulator, once no comment page is outstanding."""
        post = self._posts.get(key)
        if post is None or post.outstanding:
            return None
        return self._posts.pop(key)

    def drain(self) -> list[PendingPost]:
        """Every post still held (the crawl is ending): emitted with the pages that arrived."""
        posts = list(self._posts.values())
        self._posts.clear()
        return posts


class ItemsInFlight:
    """Holds each post's commit until every one of its items has left the item pipelines.

    Scrapy pulls items out of a callback ahead of the pipelines (into a queue of up to
    twice ``CONCURRENT_ITEMS``), so code after a callback's last ``yield`` runs before its
    items are written. A post may only leave the frontier once its items are on disk, so
    the spider registers them here and the ``item_scraped`` / ``item_dropped`` /
    ``item_error`` signals count them off; the commit runs when the last one is through.
    """

    def __init__(self, commit: Callable[[str], None]) -> None:
        self._commit = commit
        self._owner: dict[int, tuple[str, object]] = {}
        self._left: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._left)

    def expect(self, key: str, items: list[dict[str, Any]]) -> None:
        """``items`` of post ``key`` are about to be yielded; commit when all are through."""
        if not items:
            self._commit(key)
            return
        self._left[key] = self._left.get(key, 0) + len(items)
        for item in items:  # the object itself is kept, so its id cannot be reused meanwhile
            self._owner[id(item)] = (key, item)

    def through(self, item: object) -> None:
        """One item left the pipelines (written, dropped or failed)."""
        owner = self._owner.pop(id(item), None)
        if owner is None:
            return
        key = owner[0]
        self._left[key] -= 1
        if self._left[key] == 0:
            del self._left[key]
            self._commit(key)
