"""The test site's truth, read back from its database, and what a reader sees of it.

``php/truth.php`` prints the posts and the approved comments as stored; these classes hold
them and derive what a page shows, which is what the crawl is compared with:

* texts as a reader sees them (:func:`visible`): WordPress prints stored text through
  ``wptexturize`` (straight quotes become curly, ``...`` an ellipsis, `` - `` a dash) and
  entity escaping, and a comment's HTML shows only as its text; names of users and terms
  are stored with ``&amp;``. So both sides are compared with entities decoded, tags
  removed, WordPress's typographic characters folded back to plain ones and whitespace
  collapsed: a difference that remains is a difference in the words;
* the thread order of a post's comments (:meth:`Truth.thread_order`): WordPress pages a
  thread by top-level comments, oldest first, ``comment_order`` only flips the top-level
  comments' order, and replies follow their parent, oldest first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|blockquote|h[1-6])\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_GUILLEMETS = re.compile(r"\u00ab\s*|\s*\u00bb")
# What wptexturize and convert_chars print for plain characters.
_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u00d7": "x",
})


def visible(text: str | None, *, markup: bool = False) -> str:
    """``text`` as compared: entities decoded, tags removed (when ``markup``), typography
    folded, whitespace collapsed."""
    if text is None:
        return ""
    if markup:
        text = _TAG.sub("", _BLOCK_TAG.sub(" ", text))
    text = html.unescape(text).translate(_TYPOGRAPHY).replace("\u2026", "...")
    text = _GUILLEMETS.sub('"', text)  # French sites' wptexturize: « word » for "word"
    return _SPACE.sub(" ", text).strip()


def gmt(value: str) -> datetime:
    """A ``YYYY-MM-DD HH:MM:SS`` GMT column as an aware datetime."""
    return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


@dataclass(frozen=True)
class Post:
    id: int
    slug: str
    title: str
    author: str
    date: str
    date_gmt: str
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    permalink: str
    pages: tuple[str, ...]
    comment_count: int

    @property
    def instant(self) -> datetime:
        return gmt(self.date_gmt)


@dataclass(frozen=True)
class Comment:
    id: int
    post_id: int
    author: str
    author_url: str
    date: str
    date_gmt: str
    content: str
    parent: int
    type: str

    @property
    def instant(self) -> datetime:
        return gmt(self.date_gmt)

    @property
    def kind(self) -> str:
        """The archiver's name for the type: comment, pingback or trackback."""
        return self.type if self.type in ("pingback", "trackback") else "comment"


@dataclass(frozen=True)
class Truth:
    home: str
    timezone: str
    posts: tuple[Post, ...]
    comments: tuple[Comment, ...]
    hidden: tuple[dict[str, Any], ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Truth:
        posts = tuple(Post(**{**p, "tags": tuple(p["tags"]), "categories": tuple(p["categories"]),
                              "pages": tuple(p["pages"])}) for p in data["posts"])
        return cls(home=data["home"], timezone=data["timezone"], posts=posts,
                   comments=tuple(Comment(**c) for c in data["comments"]),
                   hidden=tuple(data["hidden_comments"]))

    def post(self, post_id: int) -> Post:
        return next(p for p in self.posts if p.id == post_id)

    def comments_of(self, post_id: int) -> list[Comment]:
        return [c for c in self.comments if c.post_id == post_id]

    def comment(self, comment_id: int) -> Comment | None:
        return next((c for c in self.comments if c.id == comment_id), None)

    def thread_order(self, post_id: int, comment_order: str) -> list[int]:
        """Comment ids of a post in the order WordPress shows its whole thread, read from
        its first comment to its last: top-level comments oldest first (``asc``) or newest
        first (``desc``), each followed by its replies, depth first, oldest first."""
        comments = self.comments_of(post_id)
        children: dict[int, list[Comment]] = {}
        for comment in sorted(comments, key=lambda c: (c.date_gmt, c.id)):
            children.setdefault(comment.parent, []).append(comment)
        order: list[int] = []

        def walk(comment: Comment) -> None:
            order.append(comment.id)
            for child in children.get(comment.id, []):
                walk(child)

        top = children.get(0, [])
        for comment in (reversed(top) if comment_order == "desc" else top):
            walk(comment)
        return order
