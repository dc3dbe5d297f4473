"""Decode response bodies strictly: a body that does not decode is counted, never parsed.

Takes the place of Scrapy's ``HttpCompressionMiddleware`` (same priority, same
``Accept-Encoding``, same ``DOWNLOAD_MAXSIZE`` and ``DOWNLOAD_WARNSIZE`` handling, same
``httpcompression/*`` stats). Scrapy's version keeps whatever decoded before an error: a
gzip body with one flipped byte reached the spider as garbled text or as the first part
of the page, and was classified and parsed as if it were the page. Here the body goes
through :func:`archiver.content_encoding.decode`: a corrupt stream, a bad CRC or a stream
that ends early raises :class:`UndecodableResponse`, which the spider's errback counts as
``archiver/errors/undecodable``. The response itself is already in the WARC file, as the
server sent it: the WARC extension captures it before any downloader middleware runs.

A body Scrapy flagged as cut short (``dataloss``, with ``DOWNLOAD_FAIL_ON_DATALOSS``
off) may end inside its compressed stream; what decodes is passed on, as Scrapy would.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.downloadermiddlewares.httpcompression import ACCEPTED_ENCODINGS
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response, TextResponse
from scrapy.responsetypes import responsetypes

from archiver.content_encoding import BodyTooLarge, UndecodableBody, decode, split_encodings

logger = logging.getLogger(__name__)

_CUT_SHORT_FLAGS = ("dataloss", "download_stopped")


class UndecodableResponse(IgnoreRequest):
    """The response body does not decode with its Content-Encoding; it is archived as
    served and not parsed."""


class StrictHttpCompressionMiddleware:
    """Enabled in ``DOWNLOADER_MIDDLEWARES`` at 590, where Scrapy's own one sits."""

    def __init__(self, crawler: Any) -> None:
        self.stats = crawler.stats
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        self.warn_size = crawler.settings.getint("DOWNLOAD_WARNSIZE")

    @classmethod
    def from_crawler(cls, crawler: Any) -> StrictHttpCompressionMiddleware:
        if not crawler.settings.getbool("COMPRESSION_ENABLED"):
            raise NotConfigured
        return cls(crawler)

    def process_request(self, request: Any, spider: Any = None) -> None:
        request.headers.setdefault("Accept-Encoding", b", ".join(ACCEPTED_ENCODINGS))

    def process_response(self, request: Any, response: Response, spider: Any = None) -> Response:
        if request.method == "HEAD":
            return response
        values = response.headers.getlist("Content-Encoding")
        if not values:
            return response
        codings = split_encodings(values)
        max_size = request.meta.get("download_maxsize", self.max_size)
        warn_size = request.meta.get("download_warnsize", self.warn_size)
        cut_short = any(flag in response.flags for flag in _CUT_SHORT_FLAGS)
        try:
            decoded = decode(response.body, codings, max_size=max_size, allow_cut=cut_short)
        except BodyTooLarge as error:
            message = (f"Ignored response {response} because its body ({len(response.body)} B compressed, "
                       f"{error.size} B decompressed so far) exceeded DOWNLOAD_MAXSIZE ({max_size} B) during "
                       "decompression.")
            logger.warning(message)
            raise IgnoreRequest(message) from None
        except UndecodableBody as error:
            message = (f"Body of {response.url} does not decode (Content-Encoding: {', '.join(codings)}): {error}; "
                       "archived as served, not parsed")
            logger.warning(message)
            raise UndecodableResponse(message) from None
        body = decoded.body
        if len(response.body) < warn_size <= len(body):
            logger.warning(f"{response} body size after decompression ({len(body)} B) is larger than the "
                           f"download warning size ({warn_size} B).")
        if decoded.as_sent:
            logger.debug("%s declares Content-Encoding %s but is plain markup: taken as it is", response.url,
                         ", ".join(codings))
        elif decoded.kept:
            logger.warning(f"{type(self).__name__} cannot decode the response for {response.url} from "
                           f"unsupported encoding(s) '{','.join(decoded.kept)}'.")
        if self.stats is not None:
            self.stats.inc_value("httpcompression/response_bytes", len(body))
            self.stats.inc_value("httpcompression/response_count")
        if decoded.kept:
            response.headers["Content-Encoding"] = [coding.encode("latin-1") for coding in decoded.kept]
        respcls = responsetypes.from_args(headers=response.headers, url=response.url, body=body)
        kwargs: dict[str, Any] = {"body": body}
        if issubclass(respcls, TextResponse):
            kwargs["encoding"] = None  # found again from the decoded body, as Scrapy does
        response = response.replace(cls=respcls, **kwargs)
        if not decoded.kept:
            del response.headers["Content-Encoding"]
        return response
