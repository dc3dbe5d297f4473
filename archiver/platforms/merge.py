"""One thread from a platform's API and the page's HTML: each comment once, in one id space.

The HTML parsers read what the page shows (often the first page of a thread, pingbacks
and trackbacks, sometimes nothing); an API gives the whole thread with exact dates and
parents. :func:`merge_thread` joins them:

* a comment in both is matched by the platform's own id (WordPress's ``comment-42`` in
  the page is ``wordpress:42`` in the API; Blogger's ``c123`` is ``blogger:123``), else
  by author and the start of its text; the API's fields win, the page fills what the
  API lacks (a feed has no parents);
* a comment only in the page whose id belongs to the platform moves into its id space
  (``comment-7`` → ``wordpress:7``, parent likewise), so the thread has one id space;
* the order is the page's where the page showed the thread; comments only the API had
  are put where the site would show them (a reply after its parent's replies, a
  top-level comment among the others by date, in the page's direction); a thread the
  page did not show at all is in the platform's order: top-level comments oldest first,
  replies after their parent, oldest first;
* positions are 1..n again, depth follows the parents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from archiver.items import Comment

_SITE_ID = re.compile(r"^(?:li-|div-)?comment-?(\d+)$|^c(\d+)$")
_WORD = re.compile(r"\w+")
# The HTML id families each platform's ids show up as in its own pages.
HTML_ID_PLATFORMS = ("wordpress", "blogger")


@dataclass
class MergeReport:
    """How a thread was put together: comments in both, only from the API, only in the page."""

    matched: int = 0
    source_only: int = 0
    html_only: int = 0


def content_key(comment: Comment) -> str:
    """Author and the first words of the text, lower case: the same comment read twice."""
    words = _WORD.findall((comment.text or "").lower())[:12]
    return f"{(comment.author or '').strip().lower()}|{' '.join(words)}"


def site_number(html_id: str | None) -> str | None:
    """The site's numeric comment id in an HTML id (``comment-42``, ``li-comment-42``, ``c42``)."""
    match = _SITE_ID.match(html_id or "")
    return (match.group(1) or match.group(2)) if match else None


def merge_thread(html: list[Comment], sources: Iterable[Comment],
                 unthreaded: frozenset[str] = frozenset()) -> tuple[list[Comment], MergeReport]:
    """The thread from ``html`` (the page's comments in reading order) and ``sources``
    (comments from APIs, platform-scoped ids). ``unthreaded`` names platforms whose
    answers carry no parents (WordPress comment feeds): the page's parents are kept."""
    report = MergeReport()
    api: dict[str, Comment] = {}
    for comment in sources:
        known = api.get(comment.id)
        api[comment.id] = _fill(known, comment) if known else comment
    if not api:
        return html, report
    platforms = {c.platform for c in api.values() if c.platform}
    by_content = {}
    for comment in api.values():
        by_content.setdefault(content_key(comment), comment.id)
    renamed: dict[str, str] = {}  # HTML id -> id in the thread
    merged: dict[str, Comment] = {}
    order: list[str] = []
    for comment in html:
        target = _match(comment, api, by_content, platforms)
        if target is not None and target not in merged:
            source = api[target]
            keep_parent = source.platform in unthreaded
            merged[target] = _fill(source, comment, parent_from_html=keep_parent)
            report.matched += 1
        else:
            target = _scoped_id(comment.id, platforms) or comment.id
            if target in merged:  # shown twice, or two page comments matching one
                renamed[comment.id] = target
                continue
            platform = target.split(":", 1)[0] if target != comment.id else comment.platform
            merged[target] = replace(comment, id=target, platform=platform)
            report.html_only += 1
        renamed[comment.id] = target
        order.append(target)
    for target in order:  # page parents into the thread's id space
        comment = merged[target]
        if comment.parent_id in renamed and (comment.source_url is None or comment.platform in unthreaded):
            comment.parent_id = renamed[comment.parent_id]
    extra = [c for key, c in api.items() if key not in merged]
    report.source_only = len(extra)
    for comment in extra:
        merged[comment.id] = comment
    order = _place(order, extra, merged) if order else _tree_order(list(api.values()))
    return _numbered([merged[key] for key in order]), report


def _match(comment: Comment, api: dict[str, Comment], by_content: dict[str, str], platforms: set[str | None]) -> str | None:
    scoped = _scoped_id(comment.id, platforms)
    if scoped in api:
        return scoped
    if comment.platform and comment.id in api:
        return comment.id
    return by_content.get(content_key(comment))


def _scoped_id(html_id: str, platforms: set[str | None]) -> str | None:
    number = site_number(html_id)
    if number is None:
        return None
    for platform in HTML_ID_PLATFORMS:
        if platform in platforms:
            return f"{platform}:{number}"
    return None


def _fill(primary: Comment, other: Comment, parent_from_html: bool = False) -> Comment:
    """``primary`` with its missing fields taken from ``other`` (the same comment read elsewhere)."""
    filled = replace(primary)
    for name in ("author", "author_url", "published", "title", "page_url"):
        if not getattr(filled, name) and getattr(other, name):
            setattr(filled, name, getattr(other, name))
    if parent_from_html and other.parent_id:
        filled.parent_id = other.parent_id
    if filled.kind == "comment" and other.kind != "comment":
        filled.kind = other.kind
    return filled


def _place(order: list[str], extra: list[Comment], merged: dict[str, Comment]) -> list[str]:
    """Insert comments only the API had into the page's order."""
    order = list(order)
    top = [key for key in order if not _parent_in(merged[key], order)]
    descending = _descending([merged[key] for key in top])
    for comment in sorted(extra, key=_age):
        parent = comment.parent_id
        if parent in order:
            order.insert(_subtree_end(order, merged, parent), comment.id)
            continue
        # A top-level comment goes before the first top-level block it precedes by date.
        at = len(order)
        for index, key in enumerate(order):
            other = merged[key]
            if _parent_in(other, order):
                continue
            later = _later(other, comment)
            if later is not None and later != descending:
                at = index
                break
        order.insert(at, comment.id)
    return order


def _later(one: Comment, other: Comment) -> bool | None:
    """Whether ``one`` was written after ``other``: by their dates, else (a ping shown
    without date) by their numeric ids in one platform, which grow with time; None when
    neither tells."""
    mine, theirs = _instant(one.published), _instant(other.published)
    if mine is not None and theirs is not None and mine != theirs:
        return mine > theirs
    if one.id.split(":")[0] == other.id.split(":")[0] and _number(one.id) and _number(other.id):
        return _number(one.id) > _number(other.id)
    return None


def _parent_in(comment: Comment, order: list[str]) -> bool:
    return comment.parent_id is not None and comment.parent_id in order


def _subtree_end(order: list[str], merged: dict[str, Comment], parent: str) -> int:
    """The index just after ``parent`` and everything below it."""
    inside = {parent}
    index = order.index(parent) + 1
    while index < len(order) and merged[order[index]].parent_id in inside:
        inside.add(order[index])
        index += 1
    return index


def _descending(comments: list[Comment]) -> bool:
    dated = [moment for c in comments if (moment := _instant(c.published)) is not None]
    return len(dated) > 1 and dated[0] > dated[-1]


def _instant(value: str | None) -> float | None:
    """A comment date as seconds since the epoch (naive times read as UTC), to compare
    dates written with different offsets."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _number(comment_id: str) -> int:
    digits = comment_id.rsplit(":", 1)[-1]
    return int(digits) if digits.isdigit() else 0


def _tree_order(comments: list[Comment]) -> list[str]:
    """Top-level comments oldest first, each followed by its replies, oldest first."""
    ids = {c.id for c in comments}
    children: dict[str | None, list[Comment]] = {}
    for index, comment in enumerate(comments):
        parent = comment.parent_id if comment.parent_id in ids else None
        children.setdefault(parent, []).append(comment)
    order: list[str] = []
    stack = sorted(children.get(None, []), key=_age, reverse=True)
    while stack:
        comment = stack.pop()
        order.append(comment.id)
        stack.extend(sorted(children.get(comment.id, []), key=_age, reverse=True))
    return order


def _age(comment: Comment) -> tuple[float, int]:
    moment = _instant(comment.published)
    return (moment if moment is not None else float("inf"), _number(comment.id))


def _numbered(comments: list[Comment]) -> list[Comment]:
    """Positions 1..n and depths from the parents."""
    depth: dict[str, int] = {}
    for position, comment in enumerate(comments, 1):
        comment.position = position
        if comment.parent_id in depth:
            comment.depth = depth[comment.parent_id] + 1  # type: ignore[index]
        else:
            comment.depth = 2 if comment.parent_id else 1
        depth[comment.id] = comment.depth
    return comments
