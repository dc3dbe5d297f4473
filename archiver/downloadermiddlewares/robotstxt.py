"""robots.txt for every request that waits on it, not just the first.

Scrapy 2.19's ``RobotsTxtMiddleware`` lets every request of a host wait on one Deferred
while robots.txt is fetched, but awaiting a Deferred turns its result into ``None`` for
whoever waits next: the first waiting request gets the parser, the next ones get
``None``, which the middleware reads as "no robots.txt, all allowed". Any run that starts with
several requests of one host hits this: a resumed crawl re-seeding its frontier, a pool
worker taking a batch from the shared queue (where a disallowed page was fetched). Here
each waiter gets its own branch of the Deferred, which passes the parser on unchanged.
Enabled in place of Scrapy's middleware in ``archiver/settings.py``.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class WaitingRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with every waiting request given the parser."""

    async def robot_parser(self, request: Any) -> Any:
        waiting = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(waiting, Deferred):
            return await maybe_deferred_to_future(branch(waiting))
        return await super().robot_parser(request)


def branch(source: Deferred[Any]) -> Deferred[Any]:
    """A Deferred firing with ``source``'s result, which stays in place for the next branch."""
    result: Deferred[Any] = Deferred()

    def forward(value: Any) -> Any:
        result.callback(value)
        return value

    source.addCallback(forward)
    return result
