"""The plain values comment-platform code passes around, free of Scrapy.

Detection (:mod:`archiver.platforms.detect`) turns a page into :class:`Platform` values;
an adapter turns a platform into :class:`SourceRequest` values, and each answer, as a
:class:`SourceResponse`, into a :class:`SourceResult`: comments, the thread's declared
size, further requests (the next page, a fallback endpoint) and what went wrong. The
spider glue (``spiders/comment_sources.py``) only moves these between Scrapy and the
adapters, so every adapter is tested, and could be re-run over a WARC, without a crawl.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import lxml.html
from lxml import etree

from archiver.items import Comment, Provenance
from archiver.parsers.text import collapse, text_of


@dataclass
class Platform:
    """A comment platform a page uses, with what its adapter needs to find the thread.

    ``params`` holds strings only (site short name, thread identifier, API root, post
    id…). ``needs_browser`` is True for platforms no adapter can read with plain HTTP
    requests (Coral, OpenWeb, Viafoura, Hyvor, Talkyard, Facebook): only a browser
    rendering the page sees their comments.
    """

    name: str
    params: dict[str, str] = field(default_factory=dict)
    needs_browser: bool = False


@dataclass
class SourceRequest:
    """One request an adapter wants made. ``step`` names the parser that reads the answer;
    ``context`` (JSON values only) carries what that parser needs (post id, page number,
    fallbacks still untried)."""

    url: str
    platform: str
    step: str
    method: str = "GET"
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class SourceResponse:
    """An adapter's answer as its parser sees it: status, headers (lower-case keys), body,
    the request that asked for it, and the WARC record holding it."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    request: SourceRequest
    provenance: dict[str, Any] = field(default_factory=dict)

    def json(self) -> Any:
        """The body as JSON; :class:`SourceError` when it is not JSON."""
        try:
            return json.loads(self.body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as error:
            raise SourceError(f"not JSON ({error.__class__.__name__}) from {self.url}") from error

    def ok_json(self) -> Any:
        """The body of a 200 answer as JSON; :class:`SourceError` for any other status or a
        body that is not JSON."""
        if self.status != 200:
            raise SourceError(f"HTTP {self.status}")
        return self.json()

    def comment(self, platform_id: str, **fields: Any) -> Comment:
        """A Comment read from this response: platform-scoped id, source and provenance set."""
        return Comment(id=f"{self.request.platform}:{platform_id}", article_url="", platform=self.request.platform,
                       source_url=self.url, provenance=Provenance.from_mapping(self.provenance), **fields)

    def scoped(self, platform_id: Any) -> str | None:
        """A parent's id in the platform's id space, None for none (0, "", "root")."""
        if platform_id in (None, "", 0, "0", "root"):
            return None
        return f"{self.request.platform}:{platform_id}"


@dataclass
class SourceResult:
    """What one answer gave: comments, the declared size of the thread when the answer
    says it, more requests, and an error (the answer was unusable) if any."""

    comments: list[Comment] = field(default_factory=list)
    declared: int | None = None
    follow: list[SourceRequest] = field(default_factory=list)
    error: str | None = None
    # Comments this answer showed as deleted or without text: not emitted, counted.
    dropped: int = 0


class SourceError(Exception):
    """An answer an adapter cannot read (not JSON, not the expected shape)."""


def html_text(fragment: str | None) -> str:
    """Plain text of a comment's HTML: paragraphs separated by a blank line, as the HTML
    parsers give comment text."""
    if not fragment or not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return collapse(fragment)
    return text_of(root)


def plain_text(text: str | None) -> str:
    """A plain-text body (markdown, raw message) with paragraphs kept and spaces collapsed."""
    if not text:
        return ""
    blocks = [collapse(block) for block in text.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(block for block in blocks if block)


def iso_utc(value: str | float | int | None) -> str | None:
    """An API timestamp as ISO 8601 with offset: ``2020-01-02T03:04:05Z``, a naive UTC
    string, or epoch seconds. None when missing or unreadable."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, int | float):
            moment = datetime.fromtimestamp(float(value), UTC)
        else:
            text = str(value).strip().replace("Z", "+00:00")
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        return None
    return moment.replace(microsecond=0).isoformat()


def with_offset(local: str | None, gmt: str | None) -> str | None:
    """WordPress's pair of dates (local wall clock and GMT, both naive) as one local time
    with the site's offset at that moment; the GMT time alone when the local one is missing."""
    if not gmt:
        return iso_utc(local) if local else None
    try:
        moment_gmt = datetime.fromisoformat(gmt).replace(tzinfo=None)
        moment_local = datetime.fromisoformat(local).replace(tzinfo=None) if local else None
    except ValueError:
        return None
    if moment_local is None:
        return moment_gmt.replace(tzinfo=UTC).isoformat()
    offset = moment_local - moment_gmt
    if abs(offset) > timedelta(hours=15) or offset.total_seconds() % 60:
        return moment_gmt.replace(tzinfo=UTC).isoformat()
    return moment_local.replace(tzinfo=timezone(offset)).isoformat()


def header_int(headers: dict[str, str], name: str) -> int | None:
    """An integer header (``X-WP-Total``), None when absent or not a number."""
    value = headers.get(name.lower())
    try:
        return int(str(value).strip()) if value is not None else None
    except ValueError:
        return None
