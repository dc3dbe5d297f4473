"""Reader comments from the markup blogs use for them, as a threaded list of Comment items.

One extractor covers the WordPress family and its look-alikes: a comment is an element
whose id is ``comment-N`` / ``li-comment-N`` / ``div-comment-N`` or whose class list has
``comment`` (``li.comment``, ``article.comment-body``, ``dt.comment``, hAtom ``li.hentry``
in a comment list, Impreza ``w-comments-item``…), inside a comment area. Its fields are
read with the selector tables below, first match wins; a theme variant is a new row.

Threading comes from nesting (``ul.children`` inside the parent ``li``) or, where the
markup is broken and ``ul.children`` is a sibling of its parent, from ``depth-N`` classes
and document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from archiver.dates import parse_date
from archiver.items import Comment, CommentKind, content_id
from archiver.page import Page
from archiver.parsers.base import CommentContext
from archiver.parsers.text import collapse, inline_text, text_of

# Elements that hold a blog's comment thread (not sidebar "recent comments" widgets).
COMMENT_AREAS = etree.XPath(
    "//*[@id='comments' or @id='comment_list' or @id='commentlist' or @id='thecomments'"
    " or contains(concat(' ', normalize-space(@class), ' '), ' commentlist ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comment-list ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comments-list ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comments-area ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' w-comments-list ')]"
)
_ID_PATTERN = re.compile(r"^(?:li-|div-)?comment-?(\d+)$|^comment_(\d+)$|^c(\d{2,})$")
_COMMENT_CLASSES = frozenset({"comment", "pingback", "trackback", "w-comments-item", "comment-item"})
_DEPTH_CLASS = re.compile(r"\bdepth-(\d+)\b")

# Field selectors, relative to one comment element, most specific first.
AUTHOR = [
    ".//*[contains(concat(' ', @class, ' '), ' comment-author ')]//*[contains(concat(' ', @class, ' '), ' fn ')]",
    ".//*[contains(concat(' ', @class, ' '), ' w-comments-item-author ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment-author-name ')]",
    ".//cite[contains(concat(' ', @class, ' '), ' fn ')]",
    ".//*[contains(concat(' ', @class, ' '), ' vcard ')]//*[contains(concat(' ', @class, ' '), ' fn ')]",
    ".//*[contains(concat(' ', @class, ' '), ' fn ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment-author ')]",
    ".//*[contains(concat(' ', @class, ' '), ' commentauthor ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment_author ')]",
    ".//cite",
    ".//*[contains(concat(' ', @class, ' '), ' author ')]",
    ".//strong",
]
DATE_ATTRIBUTES = [
    ".//time/@datetime",
    ".//abbr[contains(concat(' ', @class, ' '), ' published ')]/@title",
]
DATE_TEXT = [
    ".//*[contains(concat(' ', @class, ' '), ' comment-metadata ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment-meta ')]",
    ".//*[contains(concat(' ', @class, ' '), ' commentmetadata ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment-date ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment_date ')]",
    ".//*[contains(concat(' ', @class, ' '), ' w-comments-item-date ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment-time ')]",
    ".//*[contains(concat(' ', @class, ' '), ' date ')]",
    ".//time",
    ".//small",
]
TEXT = [
    ".//*[contains(concat(' ', @class, ' '), ' comment-content ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment-text ')]",
    ".//*[contains(concat(' ', @class, ' '), ' w-comments-item-text ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment_text ')]",
    ".//*[contains(concat(' ', @class, ' '), ' commenttext ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment-entry ')]",
    ".//*[contains(concat(' ', @class, ' '), ' entry-content ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment-body ')]",
]
# Parts of a comment element that are never its text.
NOT_TEXT = (
    ".//*[contains(concat(' ', @class, ' '), ' comment-author ') or contains(@class, 'comment-meta')"
    " or contains(concat(' ', @class, ' '), ' reply ') or contains(@class, 'comment-reply')"
    " or contains(@class, 'commentmetadata') or contains(@class, 'w-comments-item-meta')"
    " or contains(@class, 'comment-footer') or contains(@class, 'comment-actions')"
    " or contains(@class, 'sharedaddy') or contains(@class, 'comment-likes')"
    " or contains(@class, 'comment-like') or contains(@class, 'vcard') or contains(@class, 'avatar')"
    " or contains(concat(' ', @class, ' '), ' children ') or self::cite or self::footer]"
)


@dataclass(frozen=True)
class CommentSelectors:
    """Compiled field selectors. A site module builds its own with :meth:`with_rows`, putting
    its markup's rows before the shared ones."""

    author: tuple[etree.XPath, ...]
    date_attributes: tuple[etree.XPath, ...]
    date_text: tuple[etree.XPath, ...]
    text: tuple[etree.XPath, ...]
    not_text: tuple[etree.XPath, ...]

    @classmethod
    def compile(cls, author: list[str], date_attributes: list[str], date_text: list[str],
                text: list[str], not_text: list[str]) -> CommentSelectors:
        def c(rows: list[str]) -> tuple[etree.XPath, ...]:
            return tuple(etree.XPath(r) for r in rows)

        return cls(c(author), c(date_attributes), c(date_text), c(text), c(not_text))

    def with_rows(self, *, author: list[str] = [], date_text: list[str] = [],  # noqa: B006
                  text: list[str] = [], not_text: list[str] = []) -> CommentSelectors:  # noqa: B006
        extra = CommentSelectors.compile(author, [], date_text, text, not_text)
        return CommentSelectors(
            extra.author + self.author, self.date_attributes, extra.date_text + self.date_text,
            extra.text + self.text, extra.not_text + self.not_text,
        )


DEFAULT_SELECTORS = CommentSelectors.compile(AUTHOR, DATE_ATTRIBUTES, DATE_TEXT, TEXT, [NOT_TEXT])
_SAYS = re.compile(r"\s*(?:says|said|sagt|schreibt|dijo|dice|a dit|ha detto)\s*:?\s*$", re.IGNORECASE)
_PINGBACK_TEXT = re.compile(r"^\s*(pingback|trackback)\s*:", re.IGNORECASE)


def find_comment_elements(page: Page) -> list[HtmlElement]:
    """Comment entries in document order, outermost element per comment."""
    areas = COMMENT_AREAS(page.tree)
    entries: list[HtmlElement] = []
    seen: set[HtmlElement] = set()
    for area in areas:
        if area in seen:
            continue
        for el in area.iter(etree.Element):
            if el in seen or not _is_comment_entry(el):
                continue
            if any(a in seen and _comment_key(a) == _comment_key(el) for a in el.iterancestors()):
                continue  # inner wrapper of an entry already taken (div#comment-5 in li#li-comment-5)
            seen.add(el)
            entries.append(el)
        seen.update(area.iter())
    return entries


def _is_comment_entry(el: HtmlElement) -> bool:
    if el.tag in ("a", "span", "p", "time", "img", "form", "input", "textarea", "h2", "h3"):
        return False
    if _ID_PATTERN.match(el.get("id") or ""):
        return True
    classes = set((el.get("class") or "").split())
    return bool(classes & _COMMENT_CLASSES) and el.tag in ("li", "article", "div", "dt")


def _comment_key(el: HtmlElement) -> str | None:
    match = _ID_PATTERN.match(el.get("id") or "")
    return next((g for g in match.groups() if g), None) if match else None


def extract_comments(
    page: Page, context: CommentContext, selectors: CommentSelectors = DEFAULT_SELECTORS
) -> list[Comment] | None:
    """All comments on the page in document order, or None if no comment markup is found."""
    entries = find_comment_elements(page)
    if not entries:
        return None
    entry_set = set(entries)
    comments: list[Comment] = []
    parents: dict[HtmlElement, Comment] = {}
    stack: list[Comment] = []  # last comment seen at each depth, for sibling-style threading
    for el in entries:
        comment = _read_comment(page, el, entry_set, context, selectors)
        parent_el = _nesting_parent(el, entry_set)
        depth_class = _depth_from_class(el)
        if parent_el is not None and parent_el in parents:
            parent = parents[parent_el]
            comment.parent_id = parent.id
            comment.depth = parent.depth + 1
        elif depth_class and depth_class > 1:
            comment.depth = depth_class
            del stack[depth_class - 1 :]
            comment.parent_id = stack[-1].id if stack else None
        else:
            comment.depth = depth_class or 1
        del stack[comment.depth - 1 :]
        stack.append(comment)
        parents[el] = comment
        comments.append(comment)
    _dedupe_ids(comments)
    return comments


def _nesting_parent(el: HtmlElement, entries: set[HtmlElement]) -> HtmlElement | None:
    for ancestor in el.iterancestors():
        if ancestor in entries:
            return ancestor
    if el.tag == "dd":
        return None
    return None


def _depth_from_class(el: HtmlElement) -> int | None:
    match = _DEPTH_CLASS.search(el.get("class") or "")
    return int(match.group(1)) if match else None


def _own(el: HtmlElement, xpath: etree.XPath, entries: set[HtmlElement]) -> list[HtmlElement]:
    """Matches of ``xpath`` inside ``el`` that do not belong to a nested reply."""
    out = []
    for match in xpath(el):
        node = match.getparent() if isinstance(match, str) else match
        owner = next((a for a in ([node] if node in entries else []) + list(node.iterancestors()) if a in entries), None)
        if owner is el or owner is None:
            out.append(match)
    return out


def _first(el: HtmlElement, xpaths: Iterable[etree.XPath], entries: set[HtmlElement]) -> list[HtmlElement]:
    for xpath in xpaths:
        found = _own(el, xpath, entries)
        if found:
            return found
    return []


def _read_comment(
    page: Page, el: HtmlElement, entries: set[HtmlElement], context: CommentContext, selectors: CommentSelectors
) -> Comment:
    scope = _definition_pair(el)
    author_el = next((a for s in scope for a in _first(s, selectors.author, entries) if inline_text(a)), None)
    author = _SAYS.sub("", inline_text(author_el)) if author_el is not None else None
    author_url = _author_url(page, author_el)
    published = _published(scope, entries, context, selectors)
    text = _text(scope, entries, selectors)
    kind = _kind(el, text)
    key = _comment_key(el)
    comment_id = f"comment-{key}" if key else content_id(context.article_url, author, published, text)
    return Comment(
        id=comment_id,
        article_url=context.article_url,
        author=author or None,
        author_url=author_url,
        published=published,
        text=text,
        kind=kind,
    )


def _definition_pair(el: HtmlElement) -> list[HtmlElement]:
    """A ``<dt>`` comment header has its text in the following ``<dd>``; read both."""
    if el.tag == "dt":
        follower = el.getnext()
        if follower is not None and follower.tag == "dd":
            return [el, follower]
    return [el]


def _author_url(page: Page, author_el: HtmlElement | None) -> str | None:
    if author_el is None:
        return None
    link = author_el if author_el.tag == "a" else next(iter(author_el.iter("a")), None)
    if link is None:
        parent = author_el.getparent()
        link = parent if parent is not None and parent.tag == "a" else None
    return page.absolute(link.get("href")) if link is not None else None


def _published(
    scope: list[HtmlElement], entries: set[HtmlElement], context: CommentContext, selectors: CommentSelectors
) -> str | None:
    for part in scope:
        for xpath in selectors.date_attributes:
            for value in _own(part, xpath, entries):
                parsed = parse_date(str(value), languages=context.languages, reference=context.published)
                if parsed:
                    return parsed
    for part in scope:
        for xpath in selectors.date_text:
            for node in _own(part, xpath, entries):
                parsed = parse_date(inline_text(node), languages=context.languages, reference=context.published)
                if parsed:
                    return parsed
    return None


def _text(scope: list[HtmlElement], entries: set[HtmlElement], selectors: CommentSelectors) -> str:
    for part in reversed(scope):
        found = _first(part, selectors.text, entries)
        if found:
            container = found[0]
            break
    else:
        container = scope[-1]
    skip = [n for xpath in selectors.not_text for n in xpath(container) if n is not container]
    skip += [e for e in entries if e is not container and _is_inside(e, container)]
    return text_of(container, skip=skip)


def _is_inside(el: HtmlElement, container: HtmlElement) -> bool:
    return any(a is container for a in el.iterancestors())


def _kind(el: HtmlElement, text: str) -> CommentKind:
    classes = (el.get("class") or "").split()
    if "pingback" in classes:
        return "pingback"
    if "trackback" in classes:
        return "trackback"
    match = _PINGBACK_TEXT.match(text)
    return match.group(1).lower() if match else "comment"  # type: ignore[return-value]


def _dedupe_ids(comments: list[Comment]) -> None:
    """Pages that repeat a comment id (bad markup) keep both comments under distinct ids."""
    seen: dict[str, int] = {}
    for comment in comments:
        count = seen.get(comment.id, 0)
        seen[comment.id] = count + 1
        if count:
            comment.id = f"{comment.id}~{count + 1}"


def declared_count(text: str | None) -> int | None:
    """The number in a comment counter heading, ignoring headings that are no counter."""
    from archiver.parsers.text import first_int

    text = collapse(text)
    if not text or not re.search(r"\d|\b(?:one|no|ein|eine|un|una|uno|keine)\b", text, re.IGNORECASE):
        return None
    return first_int(text)
