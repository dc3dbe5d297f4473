"""Comment platforms: which one a page uses, and adapters that read their threads.

Many blogs and most news sites keep comments outside the page's HTML: WordPress's REST
API holds the whole thread while a theme may show none, and Disqus, Isso, Remark42 and
the like load theirs with a script. This package is plain code, no Scrapy:

* :func:`detect` (``detect.py``): the platforms of a page, with their parameters;
* one adapter module per platform: ``first_requests(platform, page_url, config)`` lists
  the requests that start reading a thread, ``parse(response, config)`` reads one answer
  into comments (platform-scoped ids such as ``disqus:123``), the declared thread size,
  and further requests (next page, fallback endpoint);
* :func:`merge_thread` (``merge.py``): the API's and the HTML's comments of one thread as
  one thread, each comment once.

The spider glue is ``spiders/comment_sources.py``; ``docs/comments.md`` lists what each
platform costs and needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType

from archiver.platforms import blogger, disqus, isso, wordpress
from archiver.platforms.base import Platform, SourceRequest, SourceResponse, SourceResult
from archiver.platforms.detect import BROWSER_ONLY, detect
from archiver.platforms.merge import MergeReport, merge_thread

ADAPTERS: dict[str, ModuleType] = {module.PLATFORM: module for module in (wordpress, blogger, disqus, isso)}


def _register_more() -> None:
    """Adapters for the less common platforms, registered after the main four."""
    from archiver.platforms import commento, discourse, ghost, github, remark42, substack

    for module in (remark42, commento, discourse, github, substack, ghost):
        for name in getattr(module, "PLATFORMS", (module.PLATFORM,)):
            ADAPTERS[name] = module


_register_more()


@dataclass
class SourceConfig:
    """What the adapters may use, from the crawl's settings (``spiders/comment_sources.py``).

    ``enabled``: platforms whose adapters run. ``unofficial``: platforms whose undocumented
    endpoints (Disqus's embed page, Commento, Substack, Ghost) the operator allowed for
    this site. ``endpoints``: base URLs that replace a platform's public one (a mirror,
    a proxy, a test server), keyed by platform name (``disqus``, ``disqus_embed``,
    ``github``…). Keys and tokens are the operator's own.
    """

    enabled: frozenset[str] = frozenset(ADAPTERS)
    unofficial: frozenset[str] = frozenset()
    endpoints: dict[str, str] = field(default_factory=dict)
    disqus_api_key: str = ""
    github_token: str = ""

    def endpoint(self, name: str, default: str) -> str:
        return self.endpoints.get(name) or default

    def unofficial_allowed(self, name: str) -> bool:
        return name in self.unofficial or "*" in self.unofficial


def first_requests(platform: Platform, page_url: str, config: SourceConfig) -> list[SourceRequest]:
    """The requests that start reading ``platform``'s thread, [] when it cannot be read
    (no adapter, turned off, unofficial and not allowed, a parameter missing)."""
    adapter = ADAPTERS.get(platform.name)
    if adapter is None or platform.name not in config.enabled:
        return []
    if not getattr(adapter, "OFFICIAL", True) and not config.unofficial_allowed(platform.name):
        return []
    requests: list[SourceRequest] = adapter.first_requests(platform, page_url, config)
    return requests


def parse(response: SourceResponse, config: SourceConfig) -> SourceResult:
    """One answer read by its platform's adapter."""
    result: SourceResult = ADAPTERS[response.request.platform].parse(response, config)
    return result


__all__ = ["ADAPTERS", "BROWSER_ONLY", "MergeReport", "Platform", "SourceConfig", "SourceRequest", "SourceResponse",
           "SourceResult", "detect", "first_requests", "merge_thread", "parse"]

