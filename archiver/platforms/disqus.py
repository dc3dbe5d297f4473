"""Disqus: the thread data its embed page carries, and its public API with the operator's key.

Two ways, in this order:

* **The public API** (``ARCHIVER_DISQUS_API_KEY``, the operator's own public key from
  disqus.com/api/applications; never a key found in a page): ``threads/details`` finds
  the thread by the page's identifier (or URL) and gives its post count, then
  ``threads/listPosts`` pages through every post, 100 at a time, oldest first.
* **The embed page** (``https://disqus.com/embed/comments/?f=SHORTNAME&t_i=ID&t_u=URL``,
  what the widget's iframe loads): its ``<script id="disqus-threadData">`` holds the
  thread (id, post count) and the first page of posts. It is no documented API, so it is
  used only where the operator turns unofficial endpoints on for the site; with a key as
  well, the pages after the first come from ``listPosts``. Without a key, a longer thread
  is archived in part and its shortfall reported.

Deleted, spam and unapproved posts are left out; e-mail, IP and avatar fields never read.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode

from archiver.platforms.base import Platform, SourceError, SourceRequest, SourceResponse, SourceResult, html_text, iso_utc

PLATFORM = "disqus"
OFFICIAL = True  # the API; the embed page is unofficial (see first_requests)
API = "https://disqus.com/api/3.0"
EMBED = "https://disqus.com/embed/comments/"
PAGE_SIZE = 100
_THREAD_DATA = re.compile(r"""<script[^>]*\bid=["']disqus-threadData["'][^>]*>(.*?)</script>""", re.DOTALL | re.IGNORECASE)


def first_requests(platform: Platform, page_url: str, config: Any) -> list[SourceRequest]:
    params = platform.params
    shortname = params.get("shortname")
    if not shortname:
        return []
    key = config.disqus_api_key
    if key:
        query = {"api_key": key, "forum": shortname}
        if params.get("identifier"):
            query["thread:ident"] = params["identifier"]
        else:
            query["thread:link"] = params.get("url") or page_url
        url = f"{config.endpoint(PLATFORM, API)}/threads/details.json?{urlencode(query)}"
        return [SourceRequest(url, PLATFORM, "details")]
    if config.unofficial_allowed(PLATFORM):
        query = {"base": "default", "f": shortname, "t_u": params.get("url") or page_url, "s_o": "asc"}
        if params.get("identifier"):
            query["t_i"] = params["identifier"]
        base = config.endpoint(PLATFORM + "_embed", EMBED)
        return [SourceRequest(f"{base}?{urlencode(query)}", PLATFORM, "embed")]
    return []


def list_posts(config: Any, thread: str, cursor: str | None) -> SourceRequest:
    query = {"api_key": config.disqus_api_key, "thread": thread, "limit": PAGE_SIZE, "order": "asc"}
    if cursor:
        query["cursor"] = cursor
    url = f"{config.endpoint(PLATFORM, API)}/threads/listPosts.json?{urlencode(query)}"
    return SourceRequest(url, PLATFORM, "posts", context={"thread": thread})


def parse(response: SourceResponse, config: Any = None) -> SourceResult:
    step = response.request.step
    try:
        if step == "embed":
            return _embed(response, config)
        data = _api_answer(response)
    except SourceError as error:
        return SourceResult(error=str(error))
    if step == "details":
        thread = data.get("response") or {}
        if not isinstance(thread, dict) or thread.get("id") is None:
            return SourceResult(error="no thread in the answer")
        return SourceResult(declared=_int(thread.get("posts")), follow=[list_posts(config, str(thread["id"]), None)])
    result = SourceResult()
    _collect(response, data.get("response"), result)
    cursor = data.get("cursor") or {}
    if cursor.get("hasNext") and cursor.get("next"):
        result.follow = [list_posts(config, response.request.context["thread"], str(cursor["next"]))]
    return result


def _api_answer(response: SourceResponse) -> dict[str, Any]:
    """The API's envelope ``{"code": 0, "response": …}``; its error codes as SourceError."""
    try:
        data = response.json()
    except SourceError:
        if response.status != 200:
            raise SourceError(f"HTTP {response.status}") from None
        raise
    if not isinstance(data, dict):
        raise SourceError("not a Disqus API answer")
    if data.get("code") != 0 or response.status != 200:
        raise SourceError(f"Disqus API error {data.get('code')} (HTTP {response.status}): {str(data.get('response'))[:200]}")
    return data


def _embed(response: SourceResponse, config: Any) -> SourceResult:
    if response.status != 200:
        raise SourceError(f"HTTP {response.status}")
    match = _THREAD_DATA.search(response.body.decode("utf-8", errors="replace"))
    if match is None:
        raise SourceError("no disqus-threadData in the embed page")
    try:
        data = json.loads(match.group(1))
    except ValueError as error:
        raise SourceError(f"thread data is not JSON: {error}") from error
    payload = data.get("response") if isinstance(data, dict) else None
    if not isinstance(payload, dict):
        raise SourceError("thread data without 'response'")
    thread = payload.get("thread") or {}
    result = SourceResult(declared=_int(thread.get("posts")))
    _collect(response, payload.get("posts"), result)
    cursor = payload.get("cursor") or {}
    if cursor.get("hasNext") and thread.get("id") is not None and config is not None and config.disqus_api_key:
        result.follow = [list_posts(config, str(thread["id"]), cursor.get("next"))]
    return result


def _collect(response: SourceResponse, posts: Any, result: SourceResult) -> None:
    for post in posts if isinstance(posts, list) else []:
        if not isinstance(post, dict) or post.get("id") is None:
            continue
        hidden = post.get("isDeleted") or post.get("isSpam") or post.get("isApproved") is False
        text = "" if hidden else html_text(post.get("message"))
        if not text:
            result.dropped += 1
            continue
        author = post.get("author") if isinstance(post.get("author"), dict) else {}
        result.comments.append(response.comment(
            str(post["id"]), author=author.get("name") or None,
            author_url=author.get("url") or author.get("profileUrl") or None,
            published=iso_utc(post.get("createdAt")), text=text, parent_id=response.scoped(post.get("parent"))))


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
