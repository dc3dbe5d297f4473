"""Forum posts: a run of records that no name calls comments, found by their numbered ids.

Forum software names its entries for posts and messages, not comments: vBulletin's
``li.postbit#post_949757``, XenForo's ``article.message#js-post-6331423``, phpBB's
``div.post#p12345``, MyBB's ``div.post#post_123``. A thread page is a run of them under
one parent: each a name, a date and a text. Blog pages hold runs of numbered posts too
(``article#post-123`` in an archive listing or a "related posts" box), but those are
teasers: each opens with a headline that links to its post, where a forum post shows
its writer's name. Such runs are left alone.

Runs are looked for only on pages where no comment record was found otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

__all__ = ["numbered_post_runs", "shows_post_number"]

# An id of a word that speaks of posts or messages and a number ("post_949757",
# "js-post-6331423", "p12345" is a comment id already, "msg12345", "message-42").
_POST_ID = re.compile(r"(?P<prefix>[a-z_-]*?(?:post|message|msg)s?)[-_]?(?P<number>\d+)", re.IGNORECASE)
# The post number a forum shows beside each post ("#1", "# 661").
_POST_NUMBER = re.compile(r"#\s?(\d{1,6})")


def numbered_post_runs(ids: dict[str, list[HtmlElement]], record_tags: frozenset[str],
                       excluded: Callable[[HtmlElement], bool],
                       looks_like_record: Callable[[list[HtmlElement]], bool],
                       teaser: Callable[[HtmlElement], bool]) -> list[tuple[HtmlElement, str]]:
    """The members of every run of numbered posts, with their numbers, in no set order:
    two or more siblings of one tag whose ids share a post-like prefix, outside any
    excluded place, none a ``teaser``, and two thirds or more of them records by
    ``looks_like_record`` (only those are returned)."""
    groups: dict[tuple[HtmlElement, str, str], list[tuple[HtmlElement, str]]] = {}
    for value, elements in ids.items():
        match = _POST_ID.fullmatch(value)
        if match is None:
            continue
        for el in elements:
            parent = el.getparent()
            if el.tag in record_tags and parent is not None:
                groups.setdefault((parent, el.tag, match.group("prefix").lower()), []).append((el, match.group("number")))
    found: list[tuple[HtmlElement, str]] = []
    for members in groups.values():
        if len(members) < 2 or excluded(members[0][0]) or any(teaser(el) for el, _number in members):
            continue
        good = [(el, number) for el, number in members if looks_like_record([el])]
        if len(good) * 3 >= len(members) * 2:
            found += good
    return found


def shows_post_number(el: HtmlElement, number: int) -> bool:
    """Whether a post shows the number ``number`` as its place in the thread ("#1"), in a
    short element of its own."""
    for node in el.iter("a", "span", "strong", "b", "em", "li", "div"):
        text = (node.text or "").strip()
        if len(text) <= 8 and (match := _POST_NUMBER.fullmatch(text)) and int(match.group(1)) == number:
            return True
    return False
