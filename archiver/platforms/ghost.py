"""Ghost's native comments: the members API its comments widget calls.

``GET <site>/members/api/comments/?filter=post_id:ID&limit=100&order=created_at asc``,
paged by ``meta.pagination``; each comment carries its first replies, and
``/members/api/comments/<id>/replies/`` the rest. Not documented for other clients, so
used only where the operator allows unofficial endpoints for the site. Member avatars,
ids and e-mails are never read.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from archiver.platforms.base import Platform, SourceError, SourceRequest, SourceResponse, SourceResult, html_text, iso_utc

PLATFORM = "ghost"
OFFICIAL = False
LIMIT = 100


def first_requests(platform: Platform, page_url: str, config: Any) -> list[SourceRequest]:
    params = platform.params
    if not params.get("post_id"):
        return []
    return [page_request(config.endpoint(PLATFORM, params["site"]).rstrip("/"), params["post_id"], 1)]


def page_request(site: str, post_id: str, page: int) -> SourceRequest:
    query = urlencode({"filter": f"post_id:'{post_id}'", "limit": LIMIT, "page": page, "order": "created_at asc"})
    return SourceRequest(f"{site}/members/api/comments/?{query}", PLATFORM, "comments",
                         context={"site": site, "post_id": post_id, "page": page})


def parse(response: SourceResponse, config: Any = None) -> SourceResult:
    try:
        data = response.ok_json()
        if not isinstance(data, dict) or not isinstance(data.get("comments"), list):
            raise SourceError("no 'comments' list")
    except SourceError as error:
        return SourceResult(error=str(error))
    context = response.request.context
    result = SourceResult()
    for entry in data["comments"]:
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        _add(response, entry, result)
        replies = entry.get("replies") if isinstance(entry.get("replies"), list) else []
        for reply in replies:
            if isinstance(reply, dict) and reply.get("id"):
                _add(response, {**reply, "parent_id": reply.get("parent_id") or entry["id"]}, result)
        count = (entry.get("count") or {}).get("replies") if isinstance(entry.get("count"), dict) else None
        if response.request.step == "comments" and isinstance(count, int) and count > len(replies):
            result.follow.append(SourceRequest(f"{context['site']}/members/api/comments/{entry['id']}/replies/?limit={LIMIT}",
                                               PLATFORM, "replies", context={**context, "parent": entry["id"]}))
    pagination = (data.get("meta") or {}).get("pagination") if isinstance(data.get("meta"), dict) else None
    if isinstance(pagination, dict):
        if response.request.step == "comments" and isinstance(pagination.get("total"), int):
            result.declared = pagination["total"]
        if pagination.get("next") and response.request.step == "comments":
            result.follow.append(page_request(context["site"], context["post_id"], int(pagination["next"])))
    return result


def _add(response: SourceResponse, entry: dict[str, Any], result: SourceResult) -> None:
    text = html_text(entry.get("html")) if entry.get("status", "published") == "published" else ""
    if not text:
        result.dropped += 1
        return
    member = entry.get("member") if isinstance(entry.get("member"), dict) else {}
    parent = entry.get("parent_id") or response.request.context.get("parent")
    result.comments.append(response.comment(
        str(entry["id"]), author=member.get("name") or None, published=iso_utc(entry.get("created_at")), text=text,
        parent_id=response.scoped(parent)))
