"""A post bundle: one Scrapy item holding a post's article and all its comments.

Scrapy's cost per item (spider middlewares, the item pipelines' chain, signals, tasks) is
about a tenth of a millisecond; a blog page carries an article and tens of comments, so
one item per comment costs more than fetching the page. The blog spider therefore yields
one bundle per post by default (``ARCHIVER_ITEMS = "post"``); the pipelines validate,
de-duplicate and write each member on its own, exactly as they would separate items.
With ``ARCHIVER_ITEMS = "each"`` every article and comment is its own Scrapy item, for
pipelines of one's own that want them one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

POST = "post"


def post_bundle(article: dict[str, Any], comments: list[dict[str, Any]]) -> dict[str, Any]:
    """The bundle item of one post."""
    return {"type": POST, "url": article.get("canonical_url") or article.get("url"),
            "article": article, "comments": comments}


def is_bundle(item: dict[str, Any]) -> bool:
    return item.get("type") == POST


def members(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The articles and comments an item stands for: itself, or a bundle's contents."""
    if not is_bundle(item):
        return [item]
    article = item.get("article")
    return [article, *item["comments"]] if article is not None else list(item["comments"])


def keep_members(bundle: dict[str, Any], refuse: Callable[[dict[str, Any]], str | None]) -> int:
    """Remove the members ``refuse`` gives a reason for; how many are left."""
    article = bundle.get("article")
    if article is not None and refuse(article) is not None:
        bundle["article"] = None
    comments = bundle["comments"]
    kept = [comment for comment in comments if refuse(comment) is None]
    if len(kept) != len(comments):
        bundle["comments"] = kept
    return len(kept) + (bundle.get("article") is not None)
