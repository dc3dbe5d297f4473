"""A real browser as the last resort, for comment threads that only a script puts into a page.

Off by default. ``scrapy crawl blog -a browser=auto`` renders, in Chromium, each post page
whose thread only a script shows and no platform adapter reads (:func:`wants_render`:
Coral, Hyvor Talk, Talkyard, widgets nobody has an adapter for); ``browser=always``
renders every post page. The page is first fetched and archived as usual; the rendering
is one more request of the post (like a comment page), and the parsers then read the
comments from the DOM the browser built.

What goes into the WARC (:mod:`archiver.browser.middleware`): every request the browser
made for the page, as ``response`` and ``request`` records with the headers and bodies it
sent and received (:mod:`archiver.browser.capture`), so the archive replays in pywb like
one Browsertrix made; and the rendered DOM, only as a ``conversion`` record
(:mod:`archiver.browser.records`), which the items parsed from it point at.

The browser is Debian's ``chromium`` (``apt-get install chromium``) driven by Playwright
through scrapy-playwright (``pip install -e '.[browser]'``); Playwright's own browser
download is not needed. ``docs/comments.md`` has the settings and what a page costs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archiver.browser.middleware import RENDER_KEY

BROWSER_MODES = ("off", "auto", "always")
HANDLER = "archiver.browser.handler.LazyPlaywrightDownloadHandler"


class BrowserUnavailable(RuntimeError):
    """``browser=auto|always`` was asked for and Chromium or scrapy-playwright is missing."""


def wants_render(mode: str, script_thread: bool, sources: Any = None) -> bool:
    """Whether a post page is rendered in the browser.

    ``always``: every post page. ``auto``: a page with a comment platform that only a
    browser can read (``needs_browser``: Coral, Hyvor Talk, Talkyard…), and a page whose
    thread a script loads ("comments not in HTML") when no platform adapter asked for it
    (a widget nobody reads, a Disqus without a key). ``sources`` is what the platform
    detection found for the post (``spiders.comment_sources.ThreadSources``: its
    ``platforms`` and the adapter ``requests`` made), None when it found nothing.
    """
    if mode == "always":
        return True
    if mode != "auto":
        return False
    platforms = getattr(sources, "platforms", None) or []
    if any(getattr(platform, "needs_browser", False) for platform in platforms):
        return True
    return script_thread and not getattr(sources, "requests", 0)


def install(settings: Any, mode: str, from_archive: bool = False) -> None:
    """Turn rendering on in a crawl's (not yet frozen) settings.

    A crawl that reads the blog from a web archive (``from_archive``) cannot render: the
    browser would fetch the live site. ValueError says so.

    scrapy-playwright's handler (started on the first page it renders:
    :mod:`archiver.browser.handler`) takes over ``http`` and ``https`` downloads; requests
    not marked for rendering still go through Scrapy's own HTTP/1.1 handler, which it
    extends. Raises :class:`BrowserUnavailable` with what to install when a part is missing.
    """
    if mode == "off":
        return
    if from_archive:
        raise ValueError(f"browser={mode} renders pages of the live web; it cannot be combined with archive=")
    try:
        import scrapy_playwright  # noqa: F401
    except ImportError as error:
        raise BrowserUnavailable(f"browser={mode} needs scrapy-playwright: pip install -e '.[browser]'") from error
    executable = (settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS") or {}).get("executable_path")
    if executable and not Path(executable).exists():
        raise BrowserUnavailable(f"browser={mode} needs Chromium at {executable} (Debian: apt-get install chromium; "
                                 "elsewhere set PLAYWRIGHT_LAUNCH_OPTIONS' executable_path)")
    settings.set("ARCHIVER_BROWSER", mode, priority="cmdline")
    handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
    handlers.update({"http": HANDLER, "https": HANDLER})
    settings.set("DOWNLOAD_HANDLERS", handlers, priority="cmdline")
    settings.set("PLAYWRIGHT_MAX_PAGES_PER_CONTEXT", settings.getint("ARCHIVER_BROWSER_PAGES", 2), priority="cmdline")
    # The restart every ARCHIVER_BROWSER_RESTART_EVERY pages relies on it.
    settings.set("PLAYWRIGHT_RESTART_DISCONNECTED_BROWSER", True, priority="cmdline")


def render_request(url: str, callback: Any, errback: Any, *, meta: dict[str, Any], priority: int = 0) -> Any:
    """The request that renders ``url`` in the browser (it was fetched once already)."""
    from scrapy import Request

    return Request(url, callback=callback, errback=errback, priority=priority, dont_filter=True,
                   meta={**meta, RENDER_KEY: True})
