"""Substack: ``GET <site>/api/v1/post/ID/comments?all_comments=true&sort=oldest_first``.

The endpoint Substack's pages call; undocumented, so used only where the operator allows
unofficial endpoints for the site. Comments nest as ``children``. Photos and user ids are
never read.
"""

from __future__ import annotations

from typing import Any

from archiver.platforms.base import (
    Platform,
    SourceError,
    SourceRequest,
    SourceResponse,
    SourceResult,
    iso_utc,
    plain_text,
)

PLATFORM = "substack"
OFFICIAL = False


def first_requests(platform: Platform, page_url: str, config: Any) -> list[SourceRequest]:
    params = platform.params
    if not params.get("post_id"):
        return []
    base = config.endpoint(PLATFORM, params["site"]).rstrip("/")
    return [SourceRequest(f"{base}/api/v1/post/{params['post_id']}/comments?all_comments=true&sort=oldest_first",
                          PLATFORM, "comments")]


def parse(response: SourceResponse, config: Any = None) -> SourceResult:
    try:
        data = response.ok_json()
        if not isinstance(data, dict) or not isinstance(data.get("comments"), list):
            raise SourceError("no 'comments' list")
    except SourceError as error:
        return SourceResult(error=str(error))
    result = SourceResult()
    _collect(response, data["comments"], None, result)
    result.declared = len(result.comments) + result.dropped
    return result


def _collect(response: SourceResponse, entries: list[Any], parent: str | None, result: SourceResult) -> None:
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("id") is None:
            continue
        text = "" if entry.get("deleted") else plain_text(entry.get("body"))
        if text:
            result.comments.append(response.comment(
                str(entry["id"]), author=entry.get("name") or None, published=iso_utc(entry.get("date")), text=text,
                parent_id=parent))
        else:
            result.dropped += 1
        if isinstance(entry.get("children"), list):
            _collect(response, entry["children"], response.scoped(entry["id"]), result)
