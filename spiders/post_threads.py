"""Collects a post's pages until all have answered, then yields one article and one thread.

A post with paginated comments, or split into several pages itself (``<!--nextpage-->``),
arrives as several responses in any order. Each is parsed on its own; this accumulator
keeps them per post, tracks which pages are still outstanding (requested, neither answered
nor failed), and once none are left hands the spider the article (its body joined from the
post's pages, with their WARC records in ``pages``) and the whole thread, stitched by
:func:`archiver.threads.stitch` with what each page said about its place among the
comment pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archiver.items import Article, Comment, Provenance
from archiver.threads import PageFacts, stitch


@dataclass
class PostPart:
    """One page of a post split into several: its number, URL, body text and WARC record."""

    number: int
    url: str
    body: str | None
    provenance: Provenance
    comments: list[Comment] = field(default_factory=list)


@dataclass
class PendingPost:
    """One post being assembled: its article, the comments per page, the pages still awaited."""

    article: Article
    pages: dict[str, list[Comment]] = field(default_factory=dict)
    outstanding: set[str] = field(default_factory=set)
    failed: list[str] = field(default_factory=list)
    # Frontier URLs (the post's request, its comment pages) that stay pending until emitted.
    frontier: set[str] = field(default_factory=set)
    # What each comment page (and the post page) says about its number and neighbours.
    facts: dict[str, PageFacts] = field(default_factory=dict)
    # Comment records dropped for having no text, per page (see ParseResult.dropped).
    dropped: dict[str, int] = field(default_factory=dict)
    # The post's own pages when it is split into several (<!--nextpage-->), by number.
    parts: dict[int, PostPart] = field(default_factory=dict)
    # The post page holds a script-loaded thread (Disqus…) and no comment markup.
    script_thread: bool = False

    def thread(self) -> list[Comment]:
        """All comments in reading order, positions 1..n, pointing at the article.

        The comments come from the post page and its comment pages; a later page of a
        split post shows the same thread and counts only when the first page showed none.
        """
        pages = dict(self.pages)
        if not any(pages.values()):
            for part in sorted(self.parts.values(), key=lambda p: p.number):
                if part.comments:
                    pages[part.url] = part.comments
                    break
        comments = stitch(pages.items(), self.facts)
        article_url = self.article.canonical_url or self.article.url
        for comment in comments:
            comment.article_url = article_url
        return comments

    def join_parts(self) -> None:
        """A post split into several pages: the article's body is the pages' bodies in
        order, and ``pages`` lists each page's URL and WARC record. The article keeps the
        first page's URL and provenance."""
        if len(self.parts) < 2:
            return
        parts = sorted(self.parts.values(), key=lambda p: p.number)
        self.article.body = "\n\n".join(part.body for part in parts if part.body) or None
        self.article.pages = [
            {"number": part.number, "url": part.url, "warc_file": part.provenance.warc_file,
             "warc_record_id": part.provenance.warc_record_id, "warc_offset": part.provenance.warc_offset,
             "fetched_at": part.provenance.fetched_at}
            for part in parts
        ]

    def dropped_total(self) -> int:
        """Comment records without text on the post's pages, a page repeating another
        (the post page showing a numbered comment page) counted once."""
        total, seen = 0, []
        for url, count in self.dropped.items():
            ids = {c.id for c in self.pages.get(url, [])}
            if ids and ids in seen:
                continue
            seen.append(ids)
            total += count
        return total


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

    def arrived(self, key: str, page_url: str, comments: list[Comment], facts: PageFacts | None = None,
                dropped: int = 0) -> None:
        post = self._posts[key]
        post.pages[page_url] = comments
        if facts is not None:
            post.facts[page_url] = facts
        if dropped:
            post.dropped[page_url] = dropped
        post.outstanding.discard(page_url)

    def part_arrived(self, key: str, page_url: str, part: PostPart) -> None:
        """A later page of a post split into several answered."""
        post = self._posts[key]
        post.parts.setdefault(part.number, part)
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
