"""Isso (a self-hosted comment server): ``GET <server>?uri=<thread>``, its documented API.

One answer holds the whole thread when no ``limit`` is sent: top-level comments with
their ``replies`` (Isso nests one level; a reply to a reply points at the top-level
comment), ``total_replies`` as the declared size. ``hash`` (an identicon hash of the
commenter's e-mail or IP) and ``gravatar_image`` are never read.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from archiver.platforms.base import Platform, SourceError, SourceRequest, SourceResponse, SourceResult, html_text, iso_utc

PLATFORM = "isso"
OFFICIAL = True
_DELETED = 4  # Isso's mode of a comment deleted while it had replies: kept as an empty placeholder


def first_requests(platform: Platform, page_url: str, config: Any) -> list[SourceRequest]:
    server, uri = platform.params.get("server"), platform.params.get("uri")
    if not server or not uri:
        return []
    base = config.endpoint(PLATFORM, server)
    url = base.rstrip("/") + "/?" + urlencode({"uri": uri, "sort": "oldest"})
    return [SourceRequest(url, PLATFORM, "thread", headers={"Accept": "application/json"})]


def parse(response: SourceResponse, config: Any = None) -> SourceResult:
    if response.status == 404:  # Isso's answer for a thread nobody has commented on yet
        return SourceResult(declared=0)
    try:
        data = response.ok_json()
        if not isinstance(data, dict) or not isinstance(data.get("replies"), list):
            raise SourceError("no 'replies' list")
    except SourceError as error:
        return SourceResult(error=str(error))
    result = SourceResult(declared=data.get("total_replies") if isinstance(data.get("total_replies"), int) else None)
    _collect(response, data["replies"], result)
    return result


def _collect(response: SourceResponse, entries: list[Any], result: SourceResult) -> None:
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        text = html_text(entry.get("text")) if entry.get("mode") != _DELETED else ""
        if text and entry.get("id") is not None:
            result.comments.append(response.comment(
                str(entry["id"]), author=(entry.get("author") or None), author_url=(entry.get("website") or None),
                published=iso_utc(entry.get("created")), text=text, parent_id=response.scoped(entry.get("parent"))))
        else:
            result.dropped += 1
        if isinstance(entry.get("replies"), list):
            _collect(response, entry["replies"], result)
