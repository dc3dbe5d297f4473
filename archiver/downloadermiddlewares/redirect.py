"""Redirects and meta refreshes that never fetch a URL twice in one crawl.

Scrapy's redirect middlewares follow a ``Location`` or a ``<meta http-equiv="refresh">``
wherever it points. The spider drops links it has requested already, but a redirect's
target never passes through the spider: a page reached by a link, a 301 and a refresh
chain was fetched three times, and the WARC writer stored the later copies as ``revisit``
records of the first. These subclasses ask the spider before following
(``spider.claim_redirect(url)``, which notes the URL as requested or says it was already):

* a 3xx to a URL this crawl requested already is not followed. Its own request fetches
  it; the redirecting request ends with :class:`AlreadyRequested`, which the spider
  treats as done, not as an error. A redirect back into its own chain is a loop and
  ends at once (``redirection loop``, counted ``redirect_loop``): no URL is fetched
  again to find out, unless the redirect sets a cookie (a cookie check, answered
  otherwise once the cookie is sent: followed as Scrapy does). A chain that joins
  another request's chain is a loop too when that chain turns out to circle (two linked
  URLs redirecting to each other: both are counted), found as soon as the hop that
  closes the circle is seen;
* a meta refresh to a URL requested already (or to the page itself) is not followed
  either: the page holding the refresh goes to the callback like any other page.

Spiders without ``claim_redirect`` get Scrapy's behaviour. Enabled in place of Scrapy's
``RedirectMiddleware`` and ``MetaRefreshMiddleware`` in ``archiver/settings.py``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from archiver import discovery

logger = logging.getLogger(__name__)

STAT_NOT_FOLLOWED = "archiver/redirects/already_requested"
STAT_LOOP = "archiver/errors/redirect_loop"


class AlreadyRequested(IgnoreRequest):
    """The redirect leads to a URL this crawl requested already: not fetched again."""


def _key(url: str) -> str:
    """A URL as the spider's seen-set holds it."""
    return discovery.clean_link(url) or url


def _chain(request: Request) -> set[str]:
    """The URLs the request went through to get here, itself included."""
    return {_key(url) for url in (*request.meta.get("redirect_urls", ()), request.url)}


def _claim(crawler: Any, url: str) -> bool | None:
    """True: follow (now noted as requested); False: requested already; None: the spider does not say."""
    claim = getattr(crawler.spider, "claim_redirect", None)
    return None if claim is None else bool(claim(url))


def _exempt(request: Request) -> bool:
    """robots.txt is fetched by its middleware, outside the crawl's seen-set."""
    return bool(request.meta.get("dont_obey_robotstxt"))


@dataclass
class _Joined:
    """Requests whose redirects joined the chain of a URL requested elsewhere.

    ``path`` holds their own chains and every URL followed since; the entry waits on the
    chain's open end until that URL answers: with a page (the chains end there) or with a
    redirect (followed on, a loop when it comes back to ``path``).
    """

    urls: list[str]
    path: set[str] = field(default_factory=set)


class FetchOnceRedirectMiddleware(RedirectMiddleware):
    """Scrapy's 3xx redirects, followed only to URLs the crawl has not requested yet."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self._hops: dict[str, str] = {}  # URL -> where its 3xx leads
        self._waiting: dict[str, list[_Joined]] = {}  # open chain end -> joined requests

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if _exempt(request):
            return result
        source = _key(request.url)
        if not isinstance(result, Request):
            self._waiting.pop(source, None)  # answered with a page or an error: those chains end here
            return result
        target = _key(result.url)
        chain = _chain(request)
        if target in chain and response.headers.getlist("Set-Cookie"):
            return result  # a cookie check: with the cookie, the URL answers otherwise (Scrapy's hop limit holds)
        self._hops[source] = target
        for joined in self._waiting.pop(source, []):
            if self._walk(joined, target):
                self._count_loop(joined)
        if target in chain:
            raise IgnoreRequest(f"redirection loop: {request.url} leads back to {result.url}")
        claimed = _claim(self.crawler, target)
        if claimed is None or claimed:
            return result
        if self._walk(_Joined([request.url], chain), target):
            raise IgnoreRequest(f"redirection loop: {request.url} leads to {result.url}, which leads back")
        self.crawler.stats.inc_value(STAT_NOT_FOLLOWED)
        raise AlreadyRequested(f"redirect to a URL requested already: {result.url}")

    def _walk(self, joined: _Joined, start: str) -> bool:
        """Follow the known hops from ``start``: True when they come back to the path
        (a loop); else the entry waits on the open end."""
        url: str | None = start
        while url is not None:
            if url in joined.path:
                return True
            joined.path.add(url)
            following = self._hops.get(url)
            if following is None:
                self._waiting.setdefault(url, []).append(joined)
                return False
            url = following
        return False

    def _count_loop(self, joined: _Joined) -> None:
        """Requests ended earlier as already requested turn out to lead into a loop."""
        stats = self.crawler.stats
        for url in joined.urls:
            stats.inc_value(STAT_NOT_FOLLOWED, -1)
            stats.inc_value(STAT_LOOP)
            logger.info("Failed %s: redirect_loop", url)


class FetchOnceMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's meta refreshes, followed only to URLs the crawl has not requested yet;
    otherwise the page holding the refresh is the response."""

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if not isinstance(result, Request) or _exempt(request):
            return result
        target = _key(result.url)
        if target in _chain(request) or _claim(self.crawler, target) is False:
            self.crawler.stats.inc_value("archiver/redirects/refresh_not_followed")
            return response
        return result
