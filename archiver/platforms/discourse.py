"""Discourse embeds: the topic's posts from ``/t/ID.json`` (its documented JSON API).

The page names the topic (``DiscourseEmbed.topicId``) or only its own URL; then the
forum's embed view (``/embed/comments?embed_url=URL``) links the topic, and its id is
read from there. ``/t/ID.json`` gives the first posts and the ids of all
(``post_stream.stream``); the rest come 20 at a time from ``/t/ID/posts.json``. The
topic's first post is the article's excerpt, not a comment. Ids are
``discourse:<topic>/<post number>``, so ``reply_to_post_number`` is the parent.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from archiver.platforms.base import Platform, SourceError, SourceRequest, SourceResponse, SourceResult, html_text, iso_utc

PLATFORM = "discourse"
OFFICIAL = True
CHUNK = 20
_TOPIC_LINK = re.compile(r"""/t/[^"'\s/]+/(\d+)""")


def first_requests(platform: Platform, page_url: str, config: Any) -> list[SourceRequest]:
    params = platform.params
    forum = config.endpoint(PLATFORM, params.get("forum", "")).rstrip("/")
    if not forum:
        return []
    if params.get("topic_id"):
        return [topic_request(forum, params["topic_id"])]
    query = urlencode({"embed_url": params.get("embed_url") or page_url})
    return [SourceRequest(f"{forum}/embed/comments?{query}", PLATFORM, "embed", context={"forum": forum})]


def topic_request(forum: str, topic: str) -> SourceRequest:
    return SourceRequest(f"{forum}/t/{topic}.json", PLATFORM, "topic", context={"forum": forum, "topic": topic})


def parse(response: SourceResponse, config: Any = None) -> SourceResult:
    context = response.request.context
    if response.status != 200:
        return SourceResult(error=f"HTTP {response.status}")
    if response.request.step == "embed":
        match = _TOPIC_LINK.search(response.body.decode("utf-8", errors="replace"))
        if match is None:
            return SourceResult(error="the embed view links no topic", declared=0)
        return SourceResult(follow=[topic_request(context["forum"], match.group(1))])
    try:
        data = response.json()
        if not isinstance(data, dict):
            raise SourceError("not a topic")
    except SourceError as error:
        return SourceResult(error=str(error))
    stream = data.get("post_stream") if isinstance(data.get("post_stream"), dict) else data
    posts = stream.get("posts") if isinstance(stream.get("posts"), list) else []
    result = SourceResult()
    for post in posts:
        _add(response, context["topic"], post, result)
    if response.request.step == "topic":
        count = data.get("posts_count")
        result.declared = count - 1 if isinstance(count, int) and count > 0 else None
        loaded = {p.get("id") for p in posts if isinstance(p, dict)}
        rest = [i for i in stream.get("stream") or [] if i not in loaded]
        for start in range(0, len(rest), CHUNK):
            query = urlencode([("post_ids[]", i) for i in rest[start:start + CHUNK]])
            result.follow.append(SourceRequest(f"{context['forum']}/t/{context['topic']}/posts.json?{query}",
                                               PLATFORM, "posts", context=context))
    return result


def _add(response: SourceResponse, topic: str, post: Any, result: SourceResult) -> None:
    if not isinstance(post, dict) or post.get("post_number") in (None, 1):
        return
    if post.get("post_type") not in (None, 1) or post.get("hidden") or post.get("deleted_at"):
        result.dropped += 1
        return
    text = html_text(post.get("cooked"))
    if not text:
        result.dropped += 1
        return
    parent = post.get("reply_to_post_number")
    result.comments.append(response.comment(
        f"{topic}/{post['post_number']}", author=post.get("name") or post.get("username") or None,
        published=iso_utc(post.get("created_at")), text=text,
        parent_id=response.scoped(f"{topic}/{parent}") if parent and parent != 1 else None))
