"""The blog spider's comment sources: platform APIs and feeds asked for each post's thread.

When a post page is parsed, :meth:`CommentSources.start` detects its comment platforms
(:func:`archiver.platforms.detect`), records them on the article, and asks each adapter
for its first requests. They travel like the post's comment pages: the post waits for
them (``PostThreads.expect``), they stay on the post's worker in a pool, and the existing
downloader stack handles them (robots.txt of the API host, Retry-After, AutoThrottle,
``DOWNLOAD_SLOTS``), so every answer is in the WARC like any page. Each answer is read by
its adapter's pure parser (:meth:`CommentSources.parse_source`); next pages and
fallbacks are requested in turn. When the post is emitted, :meth:`CommentSources.merge`
joins the API's comments with the HTML's (:func:`archiver.platforms.merge_thread`) and
notes any shortfall against the thread's declared size.

Settings (defaults and meaning in ``archiver/settings.py``, ``docs/comments.md``):
``ARCHIVER_COMMENT_SOURCES``, ``ARCHIVER_UNOFFICIAL_ENDPOINTS`` (and ``-a unofficial=``),
``ARCHIVER_PLATFORM_ENDPOINTS``, ``ARCHIVER_DISQUS_API_KEY``, ``ARCHIVER_GITHUB_TOKEN``,
``ARCHIVER_COMMENT_SOURCE_MAX_REQUESTS``, ``ARCHIVER_COMMENT_ROBOTS_EXEMPT``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from archiver import platforms
from archiver.analysis import plain_headers
from archiver.items import Article, Comment
from archiver.platforms import Platform, SourceConfig, SourceRequest, SourceResponse
from spiders.crawl_stats import error_kind

logger = logging.getLogger(__name__)

SOURCE_META = "archiver_source"  # meta: the SourceRequest (as a dict) a request was made for
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
# Platforms whose answers carry no parents (a WordPress comment feed): the page's are kept.
_UNTHREADED_STEPS = {("wordpress", "feed")}


@dataclass
class ThreadSources:
    """What the sources of one post gave so far."""

    platforms: list[Platform]
    comments: list[Comment] = field(default_factory=list)
    declared: dict[str, int] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    requests: int = 0
    unthreaded: set[str] = field(default_factory=set)
    dropped: int = 0


class CommentSources:
    """Per-crawl glue between the blog spider and the platform adapters."""

    def __init__(self, spider: Any, config: SourceConfig, max_requests: int, robots_exempt: frozenset[str]) -> None:
        self.spider = spider
        self.config = config
        self.max_requests = max_requests
        self.robots_exempt = robots_exempt
        self.threads: dict[str, ThreadSources] = {}
        self.platform_posts: Counter[str] = Counter()
        self.shortfalls: list[dict[str, Any]] = []
        self._serial = 0

    @classmethod
    def from_crawler(cls, crawler: Any, spider: Any) -> CommentSources:
        settings = crawler.settings
        enabled = settings.getlist("ARCHIVER_COMMENT_SOURCES", sorted(platforms.ADAPTERS))
        unknown = sorted(set(enabled) - set(platforms.ADAPTERS))
        if unknown:
            raise ValueError(f"ARCHIVER_COMMENT_SOURCES: unknown platform(s) {', '.join(unknown)}; "
                             f"known: {', '.join(sorted(platforms.ADAPTERS))}")
        config = SourceConfig(
            enabled=frozenset(enabled),
            unofficial=frozenset(_unofficial(settings, spider)),
            endpoints={str(k): str(v) for k, v in settings.getdict("ARCHIVER_PLATFORM_ENDPOINTS", {}).items()},
            disqus_api_key=settings.get("ARCHIVER_DISQUS_API_KEY", "") or "",
            github_token=settings.get("ARCHIVER_GITHUB_TOKEN", "") or "",
        )
        return cls(spider, config, settings.getint("ARCHIVER_COMMENT_SOURCE_MAX_REQUESTS", 200),
                   frozenset(h.lower() for h in settings.getlist("ARCHIVER_COMMENT_ROBOTS_EXEMPT", [])))

    # --- a post page: detect, record, ask --------------------------------------------------
    def start(self, key: str, response: Response, article: Article, found: list[Any] | None = None) -> Iterator[Request]:
        """Request the threads of the post page's platforms (``found`` by the parser, which
        also put their names on the article; detected here when not given)."""
        if found is None:
            found = platforms.detect(response.url, plain_headers(response.headers), response.body)
            article.comment_platforms = [p.name for p in found]
        if not found:
            return
        stats = self.spider.crawler.stats
        for platform in found:
            stats.inc_value(f"archiver/platforms/{platform.name}")
            self.platform_posts[platform.name] += 1
            if platform.needs_browser:
                stats.inc_value("archiver/platforms/needs_browser")
        state = ThreadSources(found)
        self.threads[key] = state
        page_url = article.canonical_url or article.url
        for platform in found:
            for source in platforms.first_requests(platform, page_url, self.config):
                request = self._request(key, state, source)
                if request is not None:
                    yield request

    def _request(self, key: str, state: ThreadSources, source: SourceRequest) -> Request | None:
        if state.requests >= self.max_requests:
            state.errors.setdefault(source.platform, []).append(f"over {self.max_requests} requests, stopped")
            return None
        state.requests += 1
        self._serial += 1
        token = f"{source.url}#archiver-source-{self._serial}"  # the post's outstanding part
        host = urlsplit(source.url).hostname or ""
        meta: dict[str, Any] = {"archiver_post": key, "archiver_comment_page": token, SOURCE_META: asdict(source),
                                "handle_httpstatus_all": True, "allow_offsite": True}
        if host.lower() in self.robots_exempt:
            meta["dont_obey_robotstxt"] = True
        if self.spider.loopback_fast and host in _LOOPBACK:
            meta["autothrottle_dont_adjust_delay"] = True
        self.spider.threads.expect(key, token)
        self.spider.crawler.stats.inc_value(f"archiver/comment_sources/{source.platform}/requests")
        return Request(source.url, method=source.method, body=source.body, headers=source.headers, meta=meta,
                       callback=self.parse_source, errback=self.source_failed, priority=20, dont_filter=True)

    # --- answers ---------------------------------------------------------------------------
    def parse_source(self, response: Response) -> Iterator[Any]:
        """One answer of a comment source: read it, ask for what it leads to, let the post finish."""
        key = response.meta["archiver_post"]
        source = SourceRequest(**response.meta[SOURCE_META])
        answer = SourceResponse(response.url, response.status, plain_headers(response.headers), response.body,
                                source, response.meta.get("archiver_warc") or {})
        state = self.threads.get(key)
        stats = self.spider.crawler.stats
        try:
            result = platforms.parse(answer, self.config)
        except Exception as error:  # noqa: BLE001 - a bad answer loses its comments, not the post
            logger.exception("Could not read %s answer %s", source.platform, response.url)
            result = platforms.SourceResult(error=f"{error.__class__.__name__}: {error}")
        if state is not None:
            state.comments.extend(result.comments)
            state.dropped += result.dropped
            if (source.platform, source.step) in _UNTHREADED_STEPS:
                state.unthreaded.add(source.platform)
            if result.declared is not None:
                state.declared[source.platform] = max(state.declared.get(source.platform, 0), result.declared)
            if result.error:
                state.errors.setdefault(source.platform, []).append(f"{response.url}: {result.error}")
            for follow in result.follow:
                request = self._request(key, state, follow)
                if request is not None:
                    yield request
        stats.inc_value(f"archiver/comment_sources/{source.platform}/comments", len(result.comments))
        if result.error:
            stats.inc_value(f"archiver/comment_sources/{source.platform}/errors")
            logger.info("Comment source %s: %s (%s)", source.platform, result.error, response.url)
        yield from self._part_done(key, response.meta["archiver_comment_page"])

    def source_failed(self, failure: Failure) -> Iterator[Any]:
        """A request that got no answer (refused, robots.txt, timeout): the post goes on without it."""
        request = failure.request  # type: ignore[attr-defined]
        key = request.meta["archiver_post"]
        platform = request.meta[SOURCE_META]["platform"]
        kind = error_kind(failure)
        self.spider.crawler.stats.inc_value(f"archiver/comment_sources/{platform}/errors")
        self.spider.crawler.stats.inc_value(f"archiver/errors/{kind}")
        logger.info("Comment source %s failed: %s (%s)", platform, kind, request.url)
        state = self.threads.get(key)
        if state is not None:
            state.errors.setdefault(platform, []).append(f"{request.url}: {kind}")
        yield from self._part_done(key, request.meta["archiver_comment_page"])

    def _part_done(self, key: str, token: str) -> Iterator[Any]:
        post = self.spider.threads.get(key)
        if post is None:
            return
        post.outstanding.discard(token)
        yield from self.spider._finish(key)

    # --- the post is emitted: one thread -----------------------------------------------------
    def merge(self, key: str, article: Article, comments: list[Comment]) -> list[Comment]:
        """The post's thread with its sources' comments merged in; shortfalls noted."""
        state = self.threads.pop(key, None)
        if state is None:
            return comments
        article_url = article.canonical_url or article.url
        for comment in state.comments:
            comment.article_url = article_url
        merged, _report = platforms.merge_thread(comments, state.comments, frozenset(state.unthreaded))
        for comment in merged:
            comment.article_url = article_url
        found = Counter(c.platform for c in merged if c.source_url)
        for platform, declared in state.declared.items():
            if found[platform] < declared:
                self.spider.crawler.stats.inc_value("archiver/comment_sources/shortfall")
                self.shortfalls.append({"url": article_url, "platform": platform, "declared": declared,
                                        "found": found[platform], "errors": state.errors.get(platform, [])[:5]})
        for platform in state.platforms:
            if platform.name not in state.declared and state.errors.get(platform.name):
                self.shortfalls.append({"url": article_url, "platform": platform.name, "declared": None,
                                        "found": found[platform.name], "errors": state.errors[platform.name][:5]})
        return merged

    def summary(self) -> dict[str, Any]:
        """What ``summary.json`` shows of the comment platforms."""
        return {"comment_platforms": dict(sorted(self.platform_posts.items())),
                "comment_source_shortfalls": list(self.shortfalls)}


def _unofficial(settings: Any, spider: Any) -> set[str]:
    """Platforms whose unofficial endpoints are allowed for this crawl's site: the
    ``unofficial`` spider argument, and ``ARCHIVER_UNOFFICIAL_ENDPOINTS`` (a list of
    platforms, or a dict of site host -> platforms, ``*`` for any site)."""
    allowed: set[str] = set()
    argument = getattr(spider, "unofficial", None)
    if argument:
        allowed.update(p.strip() for p in str(argument).split(",") if p.strip())
    raw = settings.get("ARCHIVER_UNOFFICIAL_ENDPOINTS", None)
    if isinstance(raw, str) and raw.strip().startswith("{"):
        raw = settings.getdict("ARCHIVER_UNOFFICIAL_ENDPOINTS")
    if isinstance(raw, dict):
        host = (urlsplit(getattr(spider, "start_url", "") or "").hostname or "").removeprefix("www.")
        for site, names in raw.items():
            if site in ("*", host, f"www.{host}"):
                allowed.update([names] if isinstance(names, str) else names)
    elif raw:
        allowed.update(settings.getlist("ARCHIVER_UNOFFICIAL_ENDPOINTS"))
    return allowed
