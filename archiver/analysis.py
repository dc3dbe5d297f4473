"""What a crawl needs from one response, computed from plain data so it can run anywhere.

The blog spider hands every HTML response to :func:`analyse`: classify the page, parse the
post and its comments, and collect the links the crawl may follow. Nothing here touches
Scrapy or the spider's state, and both its input (url, headers, body, provenance) and its
output (:class:`Analysis`) pickle cheaply, so the same function runs in the crawling
process or in a worker process on another core (:class:`ParsePool`). Parsing is most of
the per-page cost of a crawl; off the reactor's core it overlaps with fetching.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import sys
import traceback
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver import discovery, lifeline
from archiver.discovery import PageKind
from archiver.page import Page
from archiver.parallel import usable_cpus
from archiver.parsers import ParseResult, parse_page
from archiver.threads import PageFacts

logger = logging.getLogger(__name__)


@dataclass
class Analysis:
    """One page as the crawl sees it: its kind, what was parsed, where to go next.

    Link lists are empty unless the page's kind and the requested follow mode call for
    them; ``error`` is set (and ``result`` None) when the parser raised. For a post (or a
    comment page) ``page_facts`` says where the page sits among the post's comment pages,
    and ``post_pages`` which page of a post split into several it is and where the others are.
    """

    kind: PageKind
    result: ParseResult | None = None
    comment_pages: list[str] = field(default_factory=list)
    page_facts: PageFacts | None = None
    post_pages: discovery.PostPages | None = None
    posts: list[str] = field(default_factory=list)
    pagination: list[str] = field(default_factory=list)
    permalinks: list[str] = field(default_factory=list)
    taxonomy: list[str] = field(default_factory=list)
    error: str | None = None


def analyse(url: str, body: bytes, headers: dict[str, str], status: int, provenance: dict[str, Any],
            follow: str, comment_page: bool = False, hint: str = "") -> Analysis:
    """Classify and parse one response, and list its links for the ``follow`` mode.

    ``comment_page`` skips classification: a post's comment page is parsed for its
    comments whatever it looks like. Feeds and sitemaps are only classified here; their
    entries are read by the spider from the body it already holds. ``hint`` is what the
    crawl knows of the page beyond its markup: ``"linked"``, a listing linked it as one of
    its posts; ``"asked"``, it is the one page a ``follow=none`` crawl was asked for.
    """
    page = Page(url=url, body=body, headers=headers, status=status, provenance=provenance)
    kind = PageKind.POST if comment_page else discovery.classify(page)
    result: ParseResult | None = None
    vouched = comment_page  # a post by what the crawl knows, not by its markup
    if kind is PageKind.LISTING and discovery.may_be_post(page):
        # A post whose markup names no entry (no article, no hentry, no og:type) looks like
        # a listing to the classifier; a comment thread on it says it is a post, and so does
        # a listing that linked it as one (it holds at most one entry).
        try:
            result = parse_page(page)
        except Exception:  # noqa: BLE001 - parsed again below, where a failure is reported
            result = None
        if result is not None and result.comments:
            kind = PageKind.POST
        elif hint == "linked":
            kind, vouched = PageKind.POST, True
    if kind is PageKind.LISTING and hint == "asked" and not discovery.post_links(page):
        kind, vouched = PageKind.POST, True  # the one page asked for lists no post: it is the post
    analysis = Analysis(kind)
    if kind is PageKind.POST:
        try:
            analysis.result = result if result is not None else parse_page(page)
        except Exception:  # noqa: BLE001 - reported by the spider (with this traceback), the crawl goes on
            analysis.error = traceback.format_exc()
            return analysis
        analysis.comment_pages = discovery.comment_page_links(page, analysis.result.comment_pages)
        analysis.page_facts = discovery.comment_page_facts(page, analysis.comment_pages,
                                                           [c.id for c in analysis.result.comments])
        analysis.post_pages = discovery.post_page_links(page)
        if follow == "site" and not vouched:
            analysis.permalinks = discovery.permalinks(page)
            analysis.taxonomy = discovery.taxonomy_links(page)
    elif kind is PageKind.LISTING:
        analysis.posts = discovery.post_links(page)
        if follow != "none":
            analysis.pagination = discovery.pagination_links(page)
        if follow == "site":
            analysis.permalinks = discovery.permalinks(page)
            analysis.taxonomy = discovery.taxonomy_links(page)
    return analysis


def plain_headers(headers: Any) -> dict[str, str]:
    """Scrapy's ``Headers`` (bytes keys, lists of bytes) as the str dict a Page keeps."""
    plain = {}
    for key, values in headers.items():
        value = values[-1] if isinstance(values, list | tuple) and values else values
        plain[key.decode("latin-1").lower() if isinstance(key, bytes) else str(key).lower()] = (
            value.decode("latin-1") if isinstance(value, bytes) else str(value or "")
        )
    return plain


def worker_count(setting: Any) -> int:
    """Worker processes for ``ARCHIVER_PARSE_WORKERS``: ``auto`` is one per spare core (the
    reactor keeps one), 0 parses in the crawling process."""
    if setting in (None, "", "auto"):
        return min(4, usable_cpus() - 1)
    return max(0, int(setting))


def main_module_reimport_safe() -> bool:
    """Whether a spawned worker can import the program's main module without running it.

    A spawned interpreter imports the parent's main script again (as ``__mp_main__``) unless
    the program was started with ``python -m``. A script of one's own that starts a crawl
    at module level, with no ``if __name__ == "__main__":`` guard, would start the crawl
    again in every worker; such a program parses in the crawling process instead.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        return True
    path = getattr(main, "__file__", None)
    if not path:
        return True  # an interactive session: nothing to run again
    try:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "__main__" in source


# A small WordPress post with a comment: parsing it imports and compiles what blog pages
# need, but not trafilatura (~37 MiB), which only pages without a recognisable body load.
_WARM_UP_PAGE = (
    b'<html lang="en"><head><title>Warm up</title></head><body class="single single-post">'
    b'<article class="post type-post hentry"><h1 class="entry-title">Warm up</h1><div class="entry-content">'
    + b"".join(b"<p>Paragraph %d of the warm-up post, long enough to be read as body text.</p>" % n for n in range(6))
    + b'</div></article><div id="comments"><ol class="commentlist"><li class="comment" id="comment-1">'
    b'<div class="comment-author vcard"><cite class="fn">Reader</cite></div>'
    b'<div class="comment-content"><p>A comment.</p></div></li></ol></div></body></html>'
)


def _warm_up() -> None:
    """Run in each new worker: imports and compiled selectors are ready before the first page.

    The worker is this library's own process, so it also moves everything allocated so far
    (modules, compiled patterns) out of the garbage collector's reach: a page makes
    thousands of short-lived objects, and each full collection would walk them all again.
    """
    analyse("http://warm.up/2020/01/01/post/", _WARM_UP_PAGE, {"content-type": "text/html; charset=utf-8"},
            200, {}, "site")
    gc.collect()
    gc.freeze()


class ParsePool:
    """Worker processes running :func:`analyse`, awaited from the crawl's asyncio loop.

    Workers are started with ``spawn`` (a fresh interpreter: forking a process that runs a
    reactor and threads is unsafe) as soon as the pool is made, so their start overlaps
    with the first downloads. A worker that dies (a crash in a C library, the OOM killer)
    breaks the pool: a new one is started and the pages that were in flight are sent
    again, once; a page that breaks the new pool too is given up as a parse error, so a
    page that crashes the parser can never crash the crawl. After ``MAX_RESTARTS`` the
    workers are given up and pages are parsed in the crawling process. Workers exit when
    the crawling process dies, whatever killed it (:mod:`archiver.lifeline`), so a crawl
    killed with SIGKILL leaves no parse worker behind.
    """

    MAX_RESTARTS = 3

    def __init__(self, workers: int, work: Any = None, timeout: float | None = None) -> None:
        self.workers = workers
        self.work = work or analyse  # a module-level function of the same arguments
        self.timeout = timeout or None  # seconds one page may take; then its worker is killed
        self.restarts = 0
        self._executor: ProcessPoolExecutor | None = self._start()

    def _start(self) -> ProcessPoolExecutor:
        start, start_args = lifeline.initializer(_warm_up)
        executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=start, initargs=start_args)
        for _ in range(self.workers):  # start them now, not on the first page
            executor.submit(int)
        return executor

    @property
    def active(self) -> bool:
        return self._executor is not None

    async def analyse(self, *args: Any) -> Analysis:
        """:func:`analyse` in a worker (or here once the workers are given up)."""
        for _attempt in range(2):
            executor = self._executor
            if executor is None:
                return self.work(*args)
            try:
                future: Future[Analysis] = executor.submit(self.work, *args)
                return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
            except TimeoutError as error:  # a page the parser never finishes: stop that worker
                if executor is not self._executor:  # queued behind one that did: try the new workers
                    continue
                _kill_workers(executor)
                self._broken(executor, error)
                return Analysis(PageKind.OTHER, error=f"parsing {args[0]} took more than {self.timeout} s; given up")
            except (BrokenExecutor, RuntimeError) as error:
                self._broken(executor, error)
        return Analysis(PageKind.OTHER, error=f"the parse worker died twice while parsing {args[0]}")

    def _broken(self, executor: ProcessPoolExecutor, error: BaseException) -> None:
        """Replace a broken pool (once: every page in flight reports the same break)."""
        if executor is not self._executor:
            return
        executor.shutdown(wait=False, cancel_futures=True)
        self.restarts += 1
        if self.restarts > self.MAX_RESTARTS:
            logger.error("Parse workers failed %d times (%s); parsing in the crawling process from now on",
                         self.restarts, error)
            self._executor = None
            return
        logger.error("A parse worker died or hung (%s); starting new workers", error or type(error).__name__)
        self._executor = self._start()

    def close(self, wait: bool = True) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=True)


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """Kill an executor's processes (a task that runs cannot be cancelled otherwise); the
    other pages they held see a broken pool and are sent to the new one."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.kill()
