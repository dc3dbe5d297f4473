"""What happens in the browser page between loading and reading its DOM.

:func:`settle` runs after the page's ``load`` event (as a scrapy-playwright page method):
it scrolls to the bottom, where comment widgets usually wait to be seen before they
load, waits until the page has made no request for a moment (bounded), and then copies
the document of every frame into the page in place of its ``<iframe>``
(:func:`inline_frames`), so that a thread an embed shows in a frame of its own origin
(Coral, Hyvor Talk, Talkyard and most comment platforms embed that way) is part of the
DOM the parsers read. :func:`wire_headers` keeps the browser's requests as they went
over the wire.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

_SCROLL = "() => window.scrollTo(0, Math.max(document.body ? document.body.scrollHeight : 0, " \
          "document.documentElement.scrollHeight))"
# Replace an <iframe> by a <div> holding the body of the document it showed; the frame's
# URL stays on the div (data-archiver-frame) so a reader knows where the part came from.
_INLINE = """(frame, html) => {
  const holder = document.createElement('div');
  holder.setAttribute('data-archiver-frame', frame.getAttribute('src') || '');
  holder.innerHTML = html;
  frame.replaceWith(holder);
}"""


async def settle(page: Any, recorder: Any, quiet: float, limit: float) -> bool:
    """Scroll to the bottom, wait for the network to fall quiet, inline the frames.

    True if the page stopped fetching within ``limit`` seconds (after that the DOM is
    read as it is, and the requests still running are not archived).
    """
    await _try(page.evaluate(_SCROLL), "scroll")
    fell_quiet = await recorder.quiet(quiet, limit)
    if not fell_quiet:
        logger.info("%s still fetching after %.0f s; reading its DOM as it is", page.url, limit)
    await inline_frames(page)
    return fell_quiet


async def inline_frames(page: Any) -> int:
    """Put each frame's body into its parent document in place of the ``<iframe>``,
    deepest frames first (a frame's copy then holds its own frames' copies); returns how
    many were inlined. Frames the page cannot reach any more are left alone."""
    frames = [frame for frame in page.frames if frame.parent_frame is not None and not frame.is_detached()]
    frames.sort(key=_depth, reverse=True)
    inlined = 0
    for frame in frames:
        try:
            html = await frame.evaluate("() => document.body ? document.body.innerHTML : ''")
            element = await frame.frame_element()
            await element.evaluate(_INLINE, html)
        except Exception as error:  # noqa: BLE001 - detached or navigating: skip that frame
            logger.debug("Frame %s not inlined: %s", frame.url, error)
            continue
        inlined += 1
    return inlined


def _depth(frame: Any) -> int:
    depth = 0
    while frame.parent_frame is not None:
        depth, frame = depth + 1, frame.parent_frame
    return depth


async def wire_headers(page: Any, request: Any) -> None:
    """scrapy-playwright's page init callback: remove its route, so the browser's requests
    are not intercepted.

    scrapy-playwright routes every request of the page through a handler of its own (to
    put Scrapy's headers on them). Chromium does not report what a routed request really
    sent: Playwright then shows only the headers the route passed on, without
    ``Accept-Encoding``, ``Connection``, ``Host`` or the ``Sec-Fetch-*`` headers, so the
    archive would not hold the request as it went over the wire. Without the route the
    browser sends its own headers, with the crawl's ``User-Agent`` (set on the context).
    """
    await page.unroute("**")


async def _try(step: Any, what: str) -> None:
    try:
        await step
    except Exception as error:  # noqa: BLE001 - a page without a body, a page navigating away
        logger.debug("Browser step %s failed: %s", what, error)
