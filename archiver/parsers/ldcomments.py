"""Reader comments a page declares only in JSON-LD (schema.org ``Comment`` objects).

Some publishers render the thread with JavaScript but put the comments into the page's
JSON-LD (``"comment": [{"@type": "Comment", "author": …, "dateCreated": …, "text": …}]``,
replies nested in their parent's ``comment``). Used only when the HTML has no comment
markup: what readers saw comes first.
"""

from __future__ import annotations

import re
from typing import Any

from archiver.dates import parse_date
from archiver.items import Comment, content_id
from archiver.parsers.base import CommentContext
from archiver.parsers.text import collapse

_COMMENT_TYPES = frozenset({"Comment", "Answer"})
_ID_IN_URL = re.compile(r"#?comment-?(\d+)$|[?&]comment_id=(\d+)")
_MAX_DEPTH = 100


def ld_comments(article: dict[str, Any], context: CommentContext) -> list[Comment] | None:
    """The article object's ``comment`` list as threaded comments, None when it has none."""
    found: list[Comment] = []
    _collect(article.get("comment"), None, 1, context, found)
    return found or None


def _collect(value: Any, parent: Comment | None, depth: int, context: CommentContext, out: list[Comment]) -> None:
    if depth > _MAX_DEPTH:
        return
    for obj in value if isinstance(value, list) else [value]:
        if not isinstance(obj, dict) or not _is_comment(obj):
            continue
        comment = _comment(obj, context)
        if parent is not None:
            comment.parent_id = parent.id
        comment.depth = depth
        out.append(comment)
        _collect(obj.get("comment"), comment, depth + 1, context, out)


def _is_comment(obj: dict[str, Any]) -> bool:
    types = obj.get("@type")
    return any(t in _COMMENT_TYPES for t in (types if isinstance(types, list) else [types]) if isinstance(t, str))


def _comment(obj: dict[str, Any], context: CommentContext) -> Comment:
    author = obj.get("author")
    if isinstance(author, list):
        author = author[0] if author else None
    name = collapse(author.get("name") if isinstance(author, dict) else author if isinstance(author, str) else None)
    author_url = author.get("url") if isinstance(author, dict) and isinstance(author.get("url"), str) else None
    published = next(
        (parse_date(v, languages=context.languages, reference=context.published)
         for v in (obj.get("dateCreated"), obj.get("datePublished")) if isinstance(v, str)),
        None,
    )
    text = obj.get("text") if isinstance(obj.get("text"), str) else ""
    text = "\n\n".join(collapse(p) for p in text.split("\n\n") if collapse(p))
    key = _key(obj)
    return Comment(
        id=f"comment-{key}" if key else content_id(context.article_url, name, published, text),
        article_url=context.article_url,
        author=name or None,
        author_url=author_url,
        published=published,
        text=text,
    )


def _key(obj: dict[str, Any]) -> str | None:
    for field in ("@id", "url"):
        value = obj.get(field)
        match = _ID_IN_URL.search(value) if isinstance(value, str) else None
        if match:
            return next(g for g in match.groups() if g)
    return None
