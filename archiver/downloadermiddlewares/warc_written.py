"""Hold each response until its WARC records are on disk.

The WARC extension (:mod:`archiver.extensions.warc`) hands a response's records to its
writer thread and leaves a :class:`~archiver.extensions.warc.PendingRecords` in the
request's meta. This middleware sits closest to the downloader (its ``process_response``
runs first), waits for the write, and so every later middleware, the spider and its
items see ``meta["archiver_warc"]`` (file, record id, offset) as they always have. Other
responses are processed while one waits: the reactor never blocks on the disk.
"""

from __future__ import annotations

from typing import Any

from archiver.extensions.warc import PENDING_KEY


class WarcWrittenMiddleware:
    """Enabled in ``DOWNLOADER_MIDDLEWARES`` at 990 (after every built-in one on the way in)."""

    async def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        pending = request.meta.pop(PENDING_KEY, None)
        if pending is not None:
            await pending.settle()
        return response
