"""The opening post of a forum-style thread, told apart from the replies that follow it.

Forum software (Vanilla, XenForo, vBulletin, phpBB) and community pages that show a
question or a story as the first entry of its discussion give the post the same markup
as its replies: a name, a date and a text, one record of a run. The comment finder sees
a run and takes every record of it, the post included; the header layers, which read the
page with the records cut out, then miss the post's text, name and date.

The post is told apart by where it stands, not by its class names: it is the first
record, it comes right after the page's headline with nothing in between but its own
header, and it stands outside the list that holds the other records. A reply picked out
and shown above the list (an editor's pick, a pinned comment) comes after the post's
text, not after its headline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from lxml import etree
from lxml.html import HtmlElement

from archiver.parsers.posts import shows_post_number
from archiver.parsers.text import SKIP_TAGS
from archiver.parsers.titles import agrees, declared_titles, fold, without_badge
from archiver.parsers.xpath import document_order

__all__ = ["follows_the_headline", "opening_record"]

# Text a header may show between the headline and the post (a "Started by" line, a
# category, a pager), in characters; the text of an article is longer.
_BETWEEN = 160
_HEADINGS = ("h1", "h2")
_HEADING_BEFORE = etree.XPath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4][1]")


class _Record(Protocol):
    element: HtmlElement
    parent: object


def opening_record(tree: HtmlElement, records: Sequence[_Record]) -> _Record | None:
    """The first record when it is the thread's own post (see the module docstring)."""
    if len(records) < 3 or records[0].parent is not None:
        return None
    first = records[0].element
    others = [r.element for r in records[1:] if r.parent is None]
    if len(others) < 2:
        return None
    if not _set_apart(first, others) and not _numbered_first(records):
        return None  # in the same list as the replies, under no heading of theirs: one of them
    headline = _headline(tree)
    if headline is None or not _follows_closely(first, headline):
        return None
    return records[0]


def follows_the_headline(tree: HtmlElement, element: HtmlElement) -> bool:
    """Whether ``element`` comes right after the page's headline, with at most a header
    line's text between: where a post that shares its replies' markup stands."""
    headline = _headline(tree)
    return headline is not None and _follows_closely(element, headline)


def _numbered_first(records: Sequence[_Record]) -> bool:
    """Whether the records are a forum's numbered posts (:mod:`archiver.parsers.posts`)
    and the first two show the numbers 1 and 2: the thread's first page, which opens with
    the post (a later page starts at "#661")."""
    return (getattr(records[0], "numbered_post", False) and shows_post_number(records[0].element, 1)
            and shows_post_number(records[1].element, 2))


def _set_apart(first: HtmlElement, others: list[HtmlElement]) -> bool:
    """Whether the first record stands apart from the others: outside the element that
    holds them all, or before a heading that opens them ("Comments", "Kommentare")."""
    holder = _common_ancestor(others)
    if holder is None or holder is first:
        return False
    if not any(a is holder for a in first.iterancestors()):
        return True
    heading = _HEADING_BEFORE(others[0])
    return bool(heading) and first not in heading[0].iterancestors() and document_order([first, heading[0]])[0] is first


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    """The nearest element that holds all of ``elements``."""
    chain = [elements[0], *elements[0].iterancestors()]
    for el in elements[1:]:
        above = {el, *el.iterancestors()}
        chain = [a for a in chain if a in above]
        if not chain:
            return None
    return chain[0]


def _headline(tree: HtmlElement) -> HtmlElement | None:
    """The page's headline: the first h1, or failing one the first h2, whose text is the
    title the page declares (og:title, or the start of ``<title>``)."""
    metas, title = declared_titles(tree)
    for tag in _HEADINGS:
        for heading in tree.iter(tag):
            if agrees(fold(heading.text_content()), metas, title) or (
                    (rest := without_badge(heading)) and agrees(fold(rest), metas, title)):
                return heading  # (a forum's "Question" badge before the title too)
    return None


def _follows_closely(record: HtmlElement, headline: HtmlElement) -> bool:
    """Whether the record comes after the headline with at most a header line's text
    between them (walking back from the record through its and its ancestors' earlier
    siblings until the headline, or an element that holds it, is reached)."""
    between = 0
    for el in [record, *record.iterancestors()]:
        if el is headline:
            return True
        for sibling in el.itersiblings(preceding=True):
            if sibling is headline:
                return True
            if any(d is headline for d in sibling.iterdescendants(*_HEADINGS)):
                return _text_after(sibling, headline) + between <= _BETWEEN
            between += _shown_length(sibling)
            if between > _BETWEEN:
                return False
    return False


def _text_after(holder: HtmlElement, headline: HtmlElement) -> int:
    """Length of the text ``holder`` shows after ``headline``."""
    length = 0
    for el in [headline, *headline.iterancestors()]:
        if el is holder:
            break
        length += len((el.tail or "").strip())
        for sibling in el.itersiblings():
            length += _shown_length(sibling)
    return length


def _shown_length(el: HtmlElement) -> int:
    """Length of the visible text of ``el`` (scripts and style sheets left out)."""
    if not isinstance(el.tag, str):
        return len((el.tail or "").strip())
    length = len((el.tail or "").strip())
    if el.tag in SKIP_TAGS:
        return length
    for node in el.iter():
        if isinstance(node.tag, str) and node.tag in SKIP_TAGS:
            continue
        length += len((node.text or "").strip()) if isinstance(node.tag, str) else 0
        if node is not el:
            length += len((node.tail or "").strip())
    return length
