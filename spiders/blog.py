"""``scrapy crawl blog -a url=URL``: archive a news blog's posts and every reader comment.

URL may be a home, archive, category or tag page, an RSS/Atom feed, a sitemap, or one
post. Without a URL the bundled demo blog is started on 127.0.0.1 and crawled, so the
command works offline. Arguments (each has an ``ARCHIVER_*`` setting as its default, see
``docs/crawling.md``):

``follow``    ``site`` (posts, listings, categories and tags anywhere in scope),
              ``listing`` (the start listing's pages and posts only) or ``none`` (the
              start page, its comment pages; a feed's or sitemap's entries);
              ``mode=single`` is ``follow=none``.
``allow``/``deny``  regexes a URL must / must not match; ``prefix``: a path prefix.
``max_pages`` stop scheduling new pages after N (comment pages of a post not counted).
``since``     skip posts published before this date.
``revisit``   which posts archived by earlier runs are fetched again: ``recent`` (younger
              than ``ARCHIVER_REVISIT_DAYS``), ``all`` or ``none``.
``emit``      ``new`` (only new or changed articles and comments) or ``all``.
``browser``   ``off``; ``auto`` renders in Chromium the post pages whose comments a script
              loads, ``always`` every post page (:mod:`archiver.browser`).
``sitemaps``  ``on`` (with ``follow=site``, also read the sitemaps robots.txt names) or ``off``.

Every post is emitted once, with its comments from all its comment pages stitched into one
thread (positions and parents across pages, in the order the site shows the thread) and,
for a post split into several pages, the body of every page, after the last of its pages
has answered: as
one Scrapy item holding the article and its comments (``ARCHIVER_ITEMS = "post"``,
:mod:`archiver.bundles`) or an item each (``"each"``). Responses are classified and parsed
by :func:`archiver.analysis.analyse`, in parse worker processes when there are any
(``ARCHIVER_PARSE_WORKERS``), so parsing runs beside the reactor instead of in it.

Runs are incremental (``docs/scheduling.md``): the crawl folder's state store
(:mod:`archiver.state`) says which posts earlier runs archived, with their validators for
conditional requests. Every request is noted in the store's frontier until its work is
written (a post: until the post and its comments were emitted), so a run that is killed
is continued by the next one.

With ``ARCHIVER_REDIS_URL`` set the run is one worker of a pool sharing the crawl through
Redis (:mod:`archiver.redis`, ``docs/distributed.md``): the request queue, the seen-set and
the state are shared, each worker writes its own folder, and without a URL the worker
waits for seeds pushed by ``archiver enqueue``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack, closing
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from archiver import discovery
from archiver.analysis import (
    Analysis,
    ParsePool,
    analyse,
    main_module_reimport_safe,
    plain_headers,
)
from archiver import browser as rendering
from archiver.archives import options as archive_options
from archiver.bundles import post_bundle
from archiver.discovery import PageKind, Scope
from archiver.downloadermiddlewares.redirect import AlreadyRequested
from archiver.lock import CrawlLocked
from archiver.output import spider_directory
from archiver.redis import switch
from archiver.state import CrawlSession, CrawlState, PendingRequest
from archiver.state.store import iso
from archiver.summary import comment_quality_warning
from spiders.comment_sources import CommentSources
from spiders.crawl_stats import error_kind, run_counts
from spiders.options import CrawlOptions
from spiders.post_threads import ItemsInFlight, PendingPost, PostPart, PostThreads

logger = logging.getLogger(__name__)

_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
POST_PRIORITY = 10  # posts and their comment pages before more listing pages: items flow early
COMMENT_PAGE_PRIORITY = 20
FRONTIER_KEY = "archiver_frontier"  # meta: the URL a request is noted under in the frontier
# Meta keys a pending request keeps across a crash (all JSON values).
_DURABLE_META = ("archiver_post", "archiver_comment_page", "archiver_post_page", "autothrottle_dont_adjust_delay",
                 "archiver_pass", "archiver_expect_post")
PASS_KEY = "archiver_pass"  # meta, in a pool: the pass (cycle start) a request belongs to
EXPECT_POST = "archiver_expect_post"  # meta: a listing linked the page as one of its posts


class BlogSpider(scrapy.Spider):
    name = "blog"

    def __init__(self, url: str | None = None, follow: str | None = None, mode: str | None = None,
                 allow: str | None = None, deny: str | None = None, prefix: str | None = None,
                 max_pages: str | int | None = None, since: str | None = None, revisit: str | None = None,
                 emit: str | None = None, browser: str | None = None, sitemaps: str | None = None,
                 **kwargs: Any) -> None:
        # from, until, at, archive, replay, warcs: a crawl from a web archive (docs/archives.md)
        self._archive_arguments = {name: kwargs.pop(name, None) for name in archive_options.ARGUMENTS}
        super().__init__(**kwargs)
        if mode not in (None, "", "single", "crawl"):
            raise ValueError(f"mode must be 'single' or 'crawl', not {mode!r}")
        self.start_url: str | None = url
        self._arguments = {"follow": "none" if mode == "single" else follow, "allow": allow, "deny": deny,
                           "prefix": prefix, "max_pages": max_pages, "since": since, "revisit": revisit,
                           "emit": emit, "browser": browser, "sitemaps": sitemaps}
        self.threads = PostThreads()
        self._robots_sitemaps: list[str] = []  # named by robots.txt, read when the crawl is idle
        self.seen: set[str] = set()
        self.done_posts: set[str] = set()
        self.mismatches: list[dict[str, Any]] = []
        # Posts whose comments a script loads (Disqus and the like): archived, reported.
        self.comments_not_in_html: list[str] = []
        # Posts with comments lacking an author or a date, or records dropped for no text.
        self.incomplete_comments: list[dict[str, Any]] = []
        self.pages_scheduled = 0
        self._resources = ExitStack()
        self.session: CrawlSession | None = None
        self.in_flight = ItemsInFlight(self._commit)
        self._committing: dict[str, PendingPost] = {}
        self.shared: Any = None  # archiver.redis.shared.SharedState when in a pool
        self.pool: Any = None  # archiver.redis.worker.PoolWorker when in a pool
        self._pass = ""  # in a pool: the pass the local caches (seen, done_posts) belong to
        self.parsers: ParsePool | None = None  # worker processes that parse pages, if any

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """``-s ARCHIVER_REDIS_URL=…`` is all it takes: the Redis scheduler is switched on here."""
        super().update_settings(settings)
        if switch.redis_url(settings):
            switch.use_redis_scheduler(settings)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> BlogSpider:
        spider: BlogSpider = super().from_crawler(crawler, *args, **kwargs)
        if switch.redis_url(crawler.settings):
            spider._join_pool(crawler)
        spider._configure(crawler.settings)
        spider.comment_sources = CommentSources.from_crawler(crawler, spider)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        crawler.signals.connect(spider._engine_stopped, signal=signals.engine_stopped)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider._item_through, signal=signal)
        crawler.signals.connect(spider._robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(spider._read_robots_sitemaps, signal=signals.spider_idle)
        spider._open_session()
        return spider

    @property
    def crawl_state(self) -> CrawlState | None:
        """The crawl folder's state store (other components read and write it too)."""
        return self.session.state if self.session else None

    def _join_pool(self, crawler: Any) -> None:
        """Share the crawl through Redis: the worker's folder, the shared state, its loop.

        Runs before the settings are frozen, so the crawl folder can become the worker's.
        """
        from archiver.redis.shared import SharedState, connect
        from archiver.redis.worker import PoolWorker

        settings = crawler.settings
        name = switch.crawl_name(settings, self.start_url)
        worker = switch.worker_id(settings)
        switch.use_worker_folder(settings, name, worker)
        self.shared = SharedState(connect(switch.redis_url(settings)), switch.crawl_keys(settings, name), worker,
                                  lease=settings.getfloat("ARCHIVER_REDIS_LEASE", 60.0))
        try:  # fails here, before any file is written, when Redis is unreachable
            self.shared.heartbeat()
        except Exception as error:
            logger.error("Cannot reach the pool's Redis server %s: %s", switch.redis_url(settings), error)
            raise
        self.pool = PoolWorker(self, self.shared, standing=not self.start_url,
                               tick=settings.getfloat("ARCHIVER_REDIS_TICK", 1.0))
        crawler.signals.connect(self.pool.idle, signal=signals.spider_idle)
        crawler.signals.connect(self._callback_failed, signal=signals.spider_error)
        logger.info("Worker %s of crawl %s (Redis keys %s:%s:*)", worker, name, self.shared.keys.prefix, name)

    def _callback_failed(self, failure: Failure, response: Response, **_: Any) -> None:
        """In a pool, a page whose callback raised leaves the frontier, or the pass never ends.

        (An embedded run keeps it there and fetches it again in the next run.)
        """
        if not response.meta.get("archiver_post_pending") and not response.meta.get("archiver_post"):
            self._done(response)

    def _open_session(self) -> None:
        """Lock the crawl folder, repair what a killed run left, open the state store.

        A second run of the same crawl is refused here, before anything is written.
        """
        folder = spider_directory(self)
        try:
            if self.shared is not None:
                self.session = CrawlSession.open_worker(folder, self.shared)
            else:
                self.session = CrawlSession.open(folder)
        except CrawlLocked as refused:
            logger.error("%s", refused)
            self._resources.close()
            # Scrapy's runner logs the exception again with a traceback ("Task exception
            # was never retrieved"); the line above already said all there is to say.
            logging.getLogger("asyncio").addFilter(_reported_refusal)
            raise

    def _configure(self, settings: Any) -> None:
        """Arguments win over settings; the demo blog starts here when no URL was given."""
        CrawlOptions.read(self._arguments, settings).apply_to(self)
        self.archive = archive_options.configure(self._archive_arguments, settings, self.start_url)
        rendering.install(settings, self.browser, from_archive=self.archive is not None)
        self.scope: Scope | None = None
        if not self.start_url and self.shared is None:
            self.start_url = self._start_demo(settings)
        if self.start_url:  # a standing pool worker learns its start from the first seed
            self.start_url = self._scope_to(self.start_url)

    def _scope_to(self, url: str) -> str:
        """Set the crawl's scope from its start URL; return the URL as the crawl starts it."""
        if "//" not in url:
            url = f"https://{url}"
        url = discovery.clean_link(url) or url
        if discovery.is_comment_page(url):  # start at the post; its comment pages follow
            url = discovery.post_url_of(url)
        self.scope = Scope.for_start(url, **self.scope_filters)
        # Scrapy's offsite middleware then keeps redirects in scope too (links are checked
        # by self.scope before any Request is made; a 3xx Location is not).
        self.allowed_domains = [(urlsplit(url).hostname or "").removeprefix("www.")]
        return url

    def _start_demo(self, settings: Any) -> str:
        from archiver.demo import build_site, serve_demo

        model = build_site(seed=settings.getint("ARCHIVER_DEMO_SEED", 2011),
                           posts=settings.getint("ARCHIVER_DEMO_POSTS", 12),
                           comments=settings.getint("ARCHIVER_DEMO_COMMENTS", 60))
        try:  # a fixed port keeps the demo's URLs, so a second run is incremental like any other
            demo = self._resources.enter_context(serve_demo(model, port=settings.getint("ARCHIVER_DEMO_PORT", 0)))
        except OSError:  # taken: any free port (that run then sees a "new" blog)
            demo = self._resources.enter_context(serve_demo(model))
        self.crawl_name = "demo"  # one folder, output/demo/, whatever port the demo got
        logger.info("No url given: crawling the bundled demo blog at %s (%d posts, %d comments)",
                    demo.url, len(model.posts), model.comment_total)
        return f"{demo.url}/"

    def _closed(self, spider: scrapy.Spider, reason: str) -> None:
        if self.pool is not None:
            self.pool.stop()
        if len(self.threads):
            logger.warning("%d posts still waiting for comment pages at close; not emitted", len(self.threads))
            self.crawler.stats.set_value("archiver/posts/incomplete", len(self.threads))
        warning = comment_quality_warning(self.crawler.stats.get_stats())
        if warning:
            logger.warning("%s", warning)
        if self.session is not None:
            self.session.close(reason, run_counts(self.crawler.stats.get_stats()))
        self._resources.close()

    def _item_through(self, item: Any, **_: Any) -> None:
        self.in_flight.through(item)

    def _engine_stopped(self) -> None:
        """The lock is given up last, once every component has finished its files."""
        if self.session is not None:
            self.session.lock.release()

    # --- requests ---------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        if self.parse_workers and not main_module_reimport_safe():
            logger.warning("Parsing in the crawling process: parse workers would run this program's main "
                           "script again; start the crawl under `if __name__ == \"__main__\":` to use them")
            self.parse_workers = 0
        if self.parse_workers:  # started with the crawl: they warm up while the first page downloads
            timeout = self.crawler.settings.getfloat("ARCHIVER_PARSE_TIMEOUT", 120.0)
            self.parsers = self._resources.enter_context(closing(ParsePool(self.parse_workers, timeout=timeout)))
        if self.pool is not None:  # what an earlier process with this worker id held, then the loop
            self._enter_pass(self.shared.cycle_started())
            self.pool.take_over(include_self=True)
            self.pool.start()
        if self.start_url:
            request = self._request(self.start_url, self.parse, count=True)
            if request is not None:
                yield request
        if self.shared is None:
            for resumed in self._resumed_requests():
                yield resumed

    def seed_request(self, url: str) -> Request | None:
        """A request for a seed from ``archiver enqueue`` (None: requested already this pass)."""
        if self.scope is None:
            self.start_url = self._scope_to(url)
            logger.info("First seed: crawling %s", self.start_url)
        self._enter_pass(self.shared.cycle_started())  # a seed after the last pass starts a new one
        url = discovery.clean_link(url) or url
        self.seen.discard(url)  # the shared seen-set decides
        return self._request(url, self.parse, count=True)

    def claim_redirect(self, url: str) -> bool:
        """A redirect or meta refresh leads to ``url``: True (now noted as requested) unless
        this crawl requested it already, in which case it is not fetched again
        (:mod:`archiver.downloadermiddlewares.redirect`)."""
        if url in self.seen:
            return False
        self.seen.add(url)
        return self.shared is None or self.shared.claim_url(url)

    def _enter_pass(self, started: str | None) -> None:
        """In a pool, forget the local caches of an earlier pass when a new one has begun.

        The seen-set and the posts done are cached per worker; a pass ends (and its shared
        seen-set is cleared) when nothing is pending anywhere, so a request or seed of a
        later pass is the first sign of it a worker gets.
        """
        if started and started != self._pass:
            if self._pass:
                logger.info("A new pass began at %s", started)
            self._pass = started
            self.seen.clear()
            self.done_posts.clear()

    def rebuild(self, pending: PendingRequest) -> Request | None:
        """A request taken over from a stopped worker, fetched again whatever the seen-set says."""
        if self.scope is None:
            self.start_url = self._scope_to(pending.url)
        self.seen.add(pending.url)
        return Request(pending.url, callback=self.parse, errback=self.failed, priority=pending.priority,
                       meta={**pending.meta, FRONTIER_KEY: pending.url}, dont_filter=True)

    def _resumed_requests(self) -> Iterator[Request]:
        """The frontier an interrupted run left: its pages and unfinished posts, fetched again.

        Comment pages are not re-sent on their own: their post is still pending (it leaves
        the frontier only once emitted) and asks for them again when it is re-fetched.
        """
        state = self.crawl_state
        if state is None or self.session is None or not self.session.run.resumed:
            return
        for pending in state.pending():
            if pending.callback == "parse_comment_page":
                state.done(pending.url)
                continue
            if pending.url in self.seen:
                continue
            self.seen.add(pending.url)
            self.pages_scheduled += int(pending.counted)
            self.crawler.stats.inc_value("archiver/frontier/resumed")
            yield Request(pending.url, callback=self.parse, errback=self.failed, priority=pending.priority,
                          meta={**pending.meta, FRONTIER_KEY: pending.url})

    def _request(self, url: str, callback: Any, *, count: bool = True, priority: int = 0,
                 meta: dict[str, Any] | None = None) -> Request | None:
        """A request for ``url`` unless already requested, out of scope or over ``max_pages``.

        Seen URLs are dropped here, before a Request object exists: link-heavy pages repeat
        the same few hundred links, and building Requests for them costs far more than a
        set lookup.
        """
        if url in self.seen or self.scope is None or not self.scope.accepts(url):
            return None
        if count and self.max_pages and self._pages_counted() >= self.max_pages:
            self.crawler.stats.inc_value("archiver/pages/over_max_pages")
            return None
        self.seen.add(url)
        shared = self.shared  # comment pages are the post's worker's own: only pages are shared
        if shared is not None and callback != self.parse_comment_page and not shared.claim_url(url):
            return None
        headers = self._revisit_headers(url) if callback == self.parse else {}
        if headers is None:
            return None
        if count:
            self.pages_scheduled += 1
            if shared is not None:
                shared.count_page()
        meta = dict(meta or {})
        if shared is not None:
            meta[PASS_KEY] = self._pass
        if self.loopback_fast and urlsplit(url).hostname in _LOOPBACK:
            meta["autothrottle_dont_adjust_delay"] = True
        if headers:
            meta["handle_httpstatus_list"] = [304]
        self._note_pending(url, callback.__name__, priority, meta, count)
        meta[FRONTIER_KEY] = url
        return Request(url, callback=callback, errback=self.failed, priority=priority, meta=meta, headers=headers)

    def _pages_counted(self) -> int:
        return self.shared.pages_counted() if self.shared is not None else self.pages_scheduled

    def _revisit_headers(self, url: str) -> dict[str, str] | None:
        """None to skip a post archived before; else the conditional headers to send (may be empty).

        Only URLs archived as posts are subject to the re-visit policy; listings, feeds and
        sitemaps are always fetched, since they are where new posts appear.
        """
        state = self.crawl_state
        if state is None or self.session is None:
            return {}
        post = state.post(url)
        if post is None:
            return {}
        cycle = self.shared.cycle_started() if self.shared is not None else self.session.run.cycle_started
        fetch, why = self.revisit.should_fetch(post, cycle, datetime.now(UTC))
        self.crawler.stats.inc_value(f"archiver/posts/revisit/{why}")
        if not fetch:
            return None
        page = state.page(url)
        headers = {}
        if page is not None and page.status == 200:
            if page.etag:
                headers["If-None-Match"] = page.etag
            if page.last_modified:
                headers["If-Modified-Since"] = page.last_modified
        return headers

    def _note_pending(self, url: str, callback: str, priority: int, meta: dict[str, Any], counted: bool) -> None:
        state = self.crawl_state
        if state is not None:
            durable = {key: meta[key] for key in _DURABLE_META if key in meta}
            pending = PendingRequest(url, callback, priority, durable, counted)
            state.add_pending(pending, datetime.now(UTC))

    def _done(self, response_or_request: Response | Request) -> None:
        """The request's work is written: drop it from the frontier."""
        state = self.crawl_state
        url = response_or_request.meta.get(FRONTIER_KEY)
        if state is not None and url:
            state.done(url)

    def _note_fetch(self, response: Response) -> None:
        """Remember when the page was fetched and its validators, for a conditional re-visit."""
        state = self.crawl_state
        if state is None:
            return
        provenance = response.meta.get("archiver_warc") or {}
        fetched_at = provenance.get("fetched_at") or iso(datetime.now(UTC))
        etag = response.headers.get(b"ETag")
        modified = response.headers.get(b"Last-Modified")
        state.record_page(discovery.clean_link(response.url) or response.url, fetched_at, response.status,
                          etag.decode("latin-1") if etag else None, modified.decode("latin-1") if modified else None)

    def _robots_parsed(self, robotparser: Any, request: Request, **_: Any) -> None:
        """A host's robots.txt was read: with ``follow=site``, keep the sitemaps it names.

        Listings reach only what their pagination reaches (a theme may print none); a
        sitemap lists every post. Sitemaps outside the crawl's scope (another host, another
        prefix) are dropped like any link, so only the start host's count.
        """
        if self.follow != "site" or not self.robots_sitemaps or self.scope is None:
            return
        for url in discovery.robots_sitemaps(robotparser):
            link = discovery.clean_link(url)
            if link and self.scope.accepts(link) and link not in self._robots_sitemaps:
                self._robots_sitemaps.append(link)
        if self.shared is not None:
            # In a pool, idleness is the pool's to judge (archiver.redis.worker): a request
            # made when this worker goes idle would come after its pass was declared over.
            self._request_robots_sitemaps()

    def _request_robots_sitemaps(self) -> bool:
        """Request the sitemaps robots.txt named and not requested yet; True if any was."""
        waiting, self._robots_sitemaps = self._robots_sitemaps, []
        requests = [r for url in waiting if (r := self._request(url, self.parse, count=False)) is not None]
        if requests:
            logger.info("Reading %d sitemap(s) that robots.txt names: %s", len(requests),
                        ", ".join(r.url for r in requests))
            self.crawler.stats.inc_value("archiver/sitemaps/from_robots", len(requests))
        for request in requests:
            self.crawler.engine.crawl(request)
        return bool(requests)

    def _read_robots_sitemaps(self, **_: Any) -> None:
        """``spider_idle``: once the listings have run dry, fetch the sitemaps robots.txt
        named. They fill the gaps the listings left; posts found already are not fetched
        again, and a crawl with ``max_pages`` has spent its pages on what the listings show.
        Not counted against ``max_pages`` (as a post's comment pages are not)."""
        if self.shared is None and self._request_robots_sitemaps():
            raise DontCloseSpider

    def _follow(self, urls: list[str], callback: Any = None, priority: int = 0,
                meta: dict[str, Any] | None = None) -> Iterator[Request]:
        for url in urls:
            request = self._request(url, callback or self.parse, priority=priority, meta=meta)
            if request is not None:
                yield request

    # --- responses --------------------------------------------------------------------
    async def _analyse(self, response: Response, comment_page: bool = False, hint: str = "") -> Analysis:
        """Classify and parse the response: in a parse worker when there is one, else here."""
        args = (response.url, response.body, plain_headers(response.headers), response.status,
                response.meta.get("archiver_warc") or {}, self.follow, comment_page, hint)
        if self.parsers is not None:
            return await self.parsers.analyse(*args)
        return analyse(*args)

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        if self.shared is not None:
            self._enter_pass(response.meta.get(PASS_KEY))
        self._note_fetch(response)
        if response.status == 304:  # a re-visited post that has not changed: no new comments
            self.crawler.stats.inc_value("archiver/posts/not_modified")
            self._post_unchanged(response)
            return
        # What the crawl knows of the page beyond its markup (archiver.analysis.analyse)
        hint = ("asked" if self.follow == "none" and response.url == self.start_url
                else "linked" if response.meta.get(EXPECT_POST) else "")
        analysis = await self._analyse(response, hint=hint)
        for output in self._parsed(response, analysis):
            yield output
        if not response.meta.get("archiver_post_pending"):
            self._done(response)

    def _post_unchanged(self, response: Response) -> None:
        state = self.crawl_state
        key = discovery.post_url_of(discovery.clean_link(response.url) or response.url)
        if state is not None:
            known = state.post(key)
            state.record_post(key, known.published if known else None, iso(datetime.now(UTC)))
        self._done(response)

    def _parsed(self, response: Response, analysis: Analysis) -> Iterator[Any]:
        kind = analysis.kind
        if analysis.error and kind is not PageKind.POST:  # not even classified (posts report below)
            self._parse_failed(response, analysis)
        self.crawler.stats.inc_value(f"archiver/pages/{kind.value}")
        if kind is PageKind.SITEMAP:
            yield from self._from_sitemap(response.body)
        elif kind is PageKind.FEED:
            entries = discovery.feed_entries(response.body)
            yield from self._follow(self._since_filter(entries), priority=POST_PRIORITY)
        elif kind is PageKind.POST:
            yield from self._post(response, analysis)
        elif kind is PageKind.LISTING:
            yield from self._listing(response.url, analysis)

    def _since_filter(self, entries: list[discovery.Entry]) -> list[str]:
        kept = [e.url for e in entries if not discovery.is_before(e.date or discovery.url_date(e.url), self.since)]
        skipped = len(entries) - len(kept)
        if skipped:
            self.crawler.stats.inc_value("archiver/posts/skipped_since", skipped)
        return [link for url in kept if (link := discovery.clean_link(url))]

    def _from_sitemap(self, body: bytes) -> Iterator[Request]:
        links = discovery.sitemap_links(body)
        yield from self._follow([u for e in links.sitemaps if (u := discovery.clean_link(e.url))])
        yield from self._follow(self._since_filter(links.pages), priority=POST_PRIORITY)

    def _listing(self, url: str, analysis: Analysis) -> Iterator[Request]:
        if self.follow == "none" and url != self.start_url:
            return
        posts = [p for p in analysis.posts if not discovery.is_before(discovery.url_date(p), self.since)]
        yield from self._follow(posts, priority=POST_PRIORITY, meta={EXPECT_POST: True})
        yield from self._follow(analysis.pagination)
        yield from self._follow(analysis.permalinks, priority=POST_PRIORITY)
        yield from self._follow(analysis.taxonomy)

    def _post(self, response: Response, analysis: Analysis) -> Iterator[Any]:
        key = discovery.post_url_of(discovery.clean_link(response.url) or response.url)
        if key in self.done_posts or self.threads.get(key) is not None:
            return
        result = analysis.result
        if result is None:
            self._parse_failed(response, analysis)
            return
        if result.article is None:
            return
        parts = analysis.post_pages
        if parts is not None and parts.number > 1:  # a later page of a split post: archive it from its first
            first = parts.links.get(1)
            request = self._request(first, self.parse, priority=POST_PRIORITY) if first else None
            if request is not None:
                yield request
            # The first page asks for this one again, as one of its parts.
            self.seen.discard(discovery.clean_link(response.url) or response.url)
            return
        post = self.threads.start(key, result.article, response.url, result.comments)
        # A script-loaded thread (Disqus…) is reported when the post ends up with no comment.
        post.script_thread = "comments not in HTML" in result.notes
        if analysis.page_facts is not None:
            post.facts[response.url] = analysis.page_facts
        if result.dropped:
            post.dropped[response.url] = result.dropped
        frontier_url = response.meta.get(FRONTIER_KEY)
        if frontier_url:  # leaves the frontier with the post, once its items are written
            post.frontier.add(frontier_url)
            response.meta["archiver_post_pending"] = True
        if parts is not None and parts.links:
            article = result.article
            post.parts[1] = PostPart(1, response.url, article.body, article.provenance)
            yield from self._post_parts(key, parts.links)
        yield from self._comment_pages(key, analysis.comment_pages)
        # Comment platforms (WordPress REST, Disqus…): their threads are parts of the post too.
        yield from self.comment_sources.start(key, response, result.article, result.platforms)
        # A thread no adapter reads (Coral, Hyvor, an unknown widget): a browser renders the page.
        if rendering.wants_render(self.browser, post.script_thread, self.comment_sources.threads.get(key)):
            yield self._render(key, response.url)
        yield from self._finish(key)
        yield from self._follow(analysis.permalinks, priority=POST_PRIORITY)
        yield from self._follow(analysis.taxonomy)

    def _parse_failed(self, response: Response, analysis: Analysis) -> None:
        logger.error("Could not parse %s:\n%s", response.url, analysis.error)
        self.crawler.stats.inc_value("archiver/errors/parse")

    def _render(self, key: str, url: str) -> Request:
        """The post page once more, rendered by a browser: a part of the post, like a comment page."""
        self.threads.expect(key, url)
        return rendering.render_request(url, self.parse_rendered, self.failed, priority=COMMENT_PAGE_PRIORITY,
                                        meta={"archiver_post": key, "archiver_comment_page": url})

    async def parse_rendered(self, response: Response) -> AsyncIterator[Any]:
        """The post page as the browser showed it: its comments replace the page's when there
        are more of them (read from the DOM, they point at its ``conversion`` record)."""
        self.crawler.stats.inc_value("archiver/pages/rendered")
        analysis = await self._analyse(response, comment_page=True)
        for output in self._rendered_parsed(response, analysis):
            yield output

    def _rendered_parsed(self, response: Response, analysis: Analysis) -> Iterator[Any]:
        key, url = response.meta["archiver_post"], response.meta["archiver_comment_page"]
        post = self.threads.get(key)
        if post is None:
            return
        if analysis.result is None:
            self._parse_failed(response, analysis)
            self.threads.failed(key, url)
        elif len(analysis.result.comments) > len(post.pages.get(url, [])):
            result = analysis.result
            self.threads.arrived(key, url, result.comments, analysis.page_facts, result.dropped)
        else:
            self.threads.arrived(key, url, post.pages.get(url, []))
        yield from self._finish(key)

    def _comment_pages(self, key: str, links: list[str]) -> Iterator[Request]:
        for link in links:
            if discovery.post_url_of(link) != key:
                continue
            yield from self._post_request(key, link, {})

    def _post_parts(self, key: str, links: dict[int, str]) -> Iterator[Request]:
        """Requests for the other pages of a post split into several (``…/post/2/``).

        They travel as the post's own parts, like its comment pages: not counted against
        ``max_pages``, kept on the post's worker in a pool, asked for again when the post
        is re-fetched after a crash.

        A page already requested as an ordinary link (a theme that prints the post in full
        on its home page prints its page links there too) is asked for again as a part:
        that earlier request ends in :meth:`_post`, which ignores a later page of a post
        already under way, so without this the post would be emitted with its first page only.
        """
        for number, link in sorted(links.items()):
            if number > 1:
                post = self.threads.get(key)
                if (post is not None and link not in post.outstanding and link not in post.failed
                        and number not in post.parts):
                    self.seen.discard(link)
                yield from self._post_request(key, link, {"archiver_post_page": number})

    def _post_request(self, key: str, link: str, meta: dict[str, Any]) -> Iterator[Request]:
        request = self._request(link, self.parse_comment_page, count=False, priority=COMMENT_PAGE_PRIORITY,
                                meta={"archiver_post": key, "archiver_comment_page": link, **meta})
        if request is not None:
            self.threads.expect(key, link)
            self.threads.get(key).frontier.add(link)  # type: ignore[union-attr]
            yield request

    async def parse_comment_page(self, response: Response) -> AsyncIterator[Any]:
        """A comment page of a post, or a later page of a post split into several."""
        part = response.meta.get("archiver_post_page")
        self.crawler.stats.inc_value("archiver/pages/post_part" if part else "archiver/pages/comment_page")
        analysis = await self._analyse(response, comment_page=True)
        if part:
            for output in self._post_part_parsed(response, analysis, part):
                yield output
            return
        for output in self._comment_page_parsed(response, analysis):
            yield output

    def _comment_page_parsed(self, response: Response, analysis: Analysis) -> Iterator[Any]:
        key = response.meta["archiver_post"]
        if analysis.result is None:  # the post is still emitted, with the comment pages that parsed
            self._parse_failed(response, analysis)
            self.threads.failed(key, response.meta["archiver_comment_page"])
            yield from self._finish(key)
            return
        result = analysis.result
        self.threads.arrived(key, response.meta["archiver_comment_page"], result.comments, analysis.page_facts,
                             result.dropped)
        yield from self._comment_pages(key, analysis.comment_pages)
        yield from self._finish(key)

    def _post_part_parsed(self, response: Response, analysis: Analysis, number: int) -> Iterator[Any]:
        key, url = response.meta["archiver_post"], response.meta["archiver_comment_page"]
        result = analysis.result
        if result is None or result.article is None:  # the post is still emitted, with the pages that parsed
            if result is None:
                self._parse_failed(response, analysis)
            self.threads.failed(key, url)
            yield from self._finish(key)
            return
        article = result.article
        self.threads.part_arrived(key, url, PostPart(number, response.url, article.body, article.provenance,
                                                     result.comments))
        if analysis.post_pages is not None:  # "Next page" links: each page leads to the next
            yield from self._post_parts(key, analysis.post_pages.links)
        yield from self._comment_pages(key, analysis.comment_pages)
        yield from self._finish(key)

    def _finish(self, key: str) -> Iterator[dict[str, Any]]:
        post = self.threads.finish_if_complete(key)
        if post is None:
            return
        self.done_posts.add(key)
        self._committing[key] = post
        yield from self._emit(key, post)

    def _commit(self, key: str) -> None:
        """Every item of the post is written: it leaves the frontier and counts as archived.

        A crash before this point re-fetches the post next run, and the pipelines drop
        the items already written.
        """
        post = self._committing.pop(key)
        state = self.crawl_state
        if state is None:
            return
        state.record_post(key, post.article.published, iso(datetime.now(UTC)))
        state.done(*post.frontier)

    def _emit(self, key: str, post: PendingPost) -> Iterator[dict[str, Any]]:
        article = post.article
        if discovery.is_before(article.published, self.since):
            self.crawler.stats.inc_value("archiver/posts/skipped_since")
            self.in_flight.expect(key, [])
            return
        post.join_parts()
        comments = self.comment_sources.merge(key, article, post.thread())
        article.comments_found = len(comments)
        stats = self.crawler.stats
        stats.inc_value("archiver/posts")
        stats.inc_value("archiver/comments", len(comments))
        if post.script_thread and not comments:  # e.g. a Disqus thread loaded by JavaScript
            stats.inc_value("archiver/posts/comments_not_in_html")
            self.comments_not_in_html.append(key)
        self._count_incomplete(article, comments, post.dropped_total())
        if article.comment_count is not None and article.comment_count != len(comments):
            stats.inc_value("archiver/comments/count_mismatch")
            self.mismatches.append({"url": article.canonical_url or article.url,
                                    "declared": article.comment_count, "found": len(comments)})
        if post.failed:
            stats.inc_value("archiver/posts/comment_pages_failed")
        posts = stats.get_value("archiver/posts")
        if self.progress_every and posts % self.progress_every == 0:
            logger.info("Progress: %d posts, %d comments archived", posts, stats.get_value("archiver/comments", 0))
        items = [article.to_dict(), *(comment.to_dict() for comment in comments)]
        if self.item_mode == "post":  # one Scrapy item for the post: per-item framework costs once
            items = [post_bundle(items[0], items[1:])]
        self.in_flight.expect(key, items)
        yield from items

    def _count_incomplete(self, article: Any, comments: list[Any], dropped: int) -> None:
        """Count comments without author or date, and records dropped for having no text."""
        without_author = sum(1 for c in comments if not c.author)
        without_date = sum(1 for c in comments if not c.published)
        if not (without_author or without_date or dropped):
            return
        stats = self.crawler.stats
        for name, value in (("without_author", without_author), ("without_date", without_date),
                            ("dropped_no_text", dropped)):
            if value:
                stats.inc_value(f"archiver/comments/{name}", value)
        self.incomplete_comments.append({"url": article.canonical_url or article.url, "comments": len(comments),
                                         "without_author": without_author, "without_date": without_date,
                                         "dropped_no_text": dropped})

    # --- failures ---------------------------------------------------------------------
    def failed(self, failure: Failure) -> Iterator[Any]:
        """Count a failed request by kind; a failed comment page still lets its post finish."""
        request = failure.request  # type: ignore[attr-defined]
        key = request.meta.get("archiver_post")
        if failure.check(AlreadyRequested):  # redirected to a page this crawl fetches anyway: no error
            if key and self.threads.get(key) is not None:
                self.threads.arrived(key, request.meta["archiver_comment_page"], [])
                yield from self._finish(key)
            elif not key:
                self._done(request)
            return
        kind = error_kind(failure)
        self.crawler.stats.inc_value(f"archiver/errors/{kind}")
        logger.info("Failed %s: %s", request.url, kind)
        if key and self.threads.get(key) is not None:
            self.threads.failed(key, request.meta["archiver_comment_page"])
            yield from self._finish(key)
        elif not key:
            self._done(request)


def _reported_refusal(record: logging.LogRecord) -> bool:
    """A logging filter: False for the repeat of a refusal already logged by the spider."""
    return not (record.exc_info and isinstance(record.exc_info[1], CrawlLocked))
