"""Remark42 (self-hosted): ``GET <host>/api/v1/find?site=SITE&url=URL&format=plain``.

Its documented public API gives the whole thread in one answer, each comment with ``pid``
(its parent, empty at top level) and the thread's ``info.count``. User pictures and
ids are never read.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from archiver.platforms.base import Platform, SourceError, SourceRequest, SourceResponse, SourceResult, html_text, iso_utc

PLATFORM = "remark42"
OFFICIAL = True


def first_requests(platform: Platform, page_url: str, config: Any) -> list[SourceRequest]:
    params = platform.params
    if not params.get("host"):
        return []
    query = urlencode({"site": params.get("site_id") or "remark", "url": params.get("url") or page_url,
                       "sort": "+time", "format": "plain"})
    return [SourceRequest(f"{config.endpoint(PLATFORM, params['host']).rstrip('/')}/api/v1/find?{query}",
                          PLATFORM, "find")]


def parse(response: SourceResponse, config: Any = None) -> SourceResult:
    try:
        data = response.ok_json()
        comments = data.get("comments") if isinstance(data, dict) else None
        if not isinstance(comments, list):
            raise SourceError("no 'comments' list")
    except SourceError as error:
        return SourceResult(error=str(error))
    info = data.get("info") if isinstance(data.get("info"), dict) else {}
    result = SourceResult(declared=info.get("count") if isinstance(info.get("count"), int) else None)
    for entry in comments:
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        text = "" if entry.get("delete") else html_text(entry.get("text"))
        if not text:
            result.dropped += 1
            continue
        user = entry.get("user") if isinstance(entry.get("user"), dict) else {}
        result.comments.append(response.comment(
            str(entry["id"]), author=user.get("name") or None, published=iso_utc(entry.get("time")), text=text,
            parent_id=response.scoped(entry.get("pid"))))
    return result
