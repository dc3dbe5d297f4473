"""Commento: ``POST <origin>/api/comment/list`` with the page's domain and path.

The endpoint its widget calls; not documented for other clients, so used only where the
operator allows unofficial endpoints for the site. The answer holds every comment
(``parentHex`` "root" at top level) and the commenters by hex id; their photos are never
read.
"""

from __future__ import annotations

import json
from typing import Any

from archiver.platforms.base import (
    Platform,
    SourceError,
    SourceRequest,
    SourceResponse,
    SourceResult,
    html_text,
    iso_utc,
    plain_text,
)

PLATFORM = "commento"
OFFICIAL = False


def first_requests(platform: Platform, page_url: str, config: Any) -> list[SourceRequest]:
    params = platform.params
    if not params.get("origin"):
        return []
    body = json.dumps({"commenterToken": "anonymous", "domain": params.get("domain", ""),
                       "path": params.get("path", "/")}).encode()
    url = f"{config.endpoint(PLATFORM, params['origin']).rstrip('/')}/api/comment/list"
    return [SourceRequest(url, PLATFORM, "list", method="POST", body=body,
                          headers={"Content-Type": "application/json", "Accept": "application/json"})]


def parse(response: SourceResponse, config: Any = None) -> SourceResult:
    try:
        data = response.ok_json()
        if not isinstance(data, dict) or not data.get("success"):
            raise SourceError(f"Commento error: {str(data.get('message') if isinstance(data, dict) else data)[:200]}")
    except SourceError as error:
        return SourceResult(error=str(error))
    commenters = data.get("commenters") if isinstance(data.get("commenters"), dict) else {}
    result = SourceResult()
    for entry in data.get("comments") or []:
        if not isinstance(entry, dict) or not entry.get("commentHex"):
            continue
        text = "" if entry.get("deleted") else (html_text(entry.get("html")) or plain_text(entry.get("markdown")))
        if not text:
            result.dropped += 1
            continue
        who = commenters.get(entry.get("commenterHex")) or {}
        link = who.get("link") if isinstance(who, dict) else None
        result.comments.append(response.comment(
            entry["commentHex"], author=(who.get("name") if isinstance(who, dict) else None) or None,
            author_url=link if link and link != "undefined" else None, published=iso_utc(entry.get("creationDate")),
            text=text, parent_id=response.scoped(entry.get("parentHex"))))
    result.declared = len(result.comments) + result.dropped
    return result
