"""robots.txt for a worker that starts with a batch of requests in hand.

Scrapy 2.19's ``RobotsTxtMiddleware`` lets every request of a host wait on one Deferred
while robots.txt is fetched, but awaiting a Deferred turns its result into ``None`` for
whoever waits next: the first waiting request gets the parser, the next ones get
``None``, which the middleware reads as "no robots.txt, all allowed". An embedded crawl
rarely has two requests waiting (it starts with one URL); a pool worker joining a crawl
takes several requests from the shared queue at once, and a disallowed one among them
was fetched (seen in the pool tests with the demo blog's ``/private/`` page). Here each
waiter gets its own branch of the Deferred, which passes the parser on unchanged.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

SCRAPY_ROBOTS = "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"
ROBOTS = "archiver.redis.robots.WaitingRobotsTxtMiddleware"


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
