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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from archiver.dates import parse_date
from archiver.items import Comment, CommentKind, content_id
from archiver.page import Page
from archiver.parsers.base import CommentContext
from archiver.parsers.text import collapse, inline_text, text_of
from archiver.parsers.xpath import class_index, fast_xpath, has_class

# Elements that hold a blog's comment thread (not sidebar "recent comments" widgets).
AREA_IDS = frozenset({"comments", "comment_list", "commentlist", "thecomments"})
AREA_CLASSES = frozenset({"commentlist", "comment-list", "comments-list", "comments-area", "w-comments-list"})
def is_comment_area(el: HtmlElement) -> bool:
    """An element that holds a comment thread, by its id or one of its class tokens."""
    return el.get("id") in AREA_IDS or not AREA_CLASSES.isdisjoint((el.get("class") or "").split())


_ID_PATTERN = re.compile(r"^(?:li-|div-)?comment-?(\d+)$|^comment_(\d+)$|^c(\d{2,})$")
_COMMENT_CLASSES = frozenset({"comment", "pingback", "trackback", "w-comments-item", "comment-item"})
_DEPTH_CLASS = re.compile(r"\bdepth-(\d+)\b")

# Field selectors, relative to one comment element, most specific first.
# A row "X within C" matches X inside an element of class C within the same comment; it is
# tested in Python on the way up to the comment, because an XPath ``//C//X`` or
# ``X[ancestor::C]`` costs time that grows with the square of the thread depth.
AUTHOR = [
    ".//*[contains(concat(' ', @class, ' '), ' fn ')] within comment-author",
    ".//*[contains(concat(' ', @class, ' '), ' w-comments-item-author ')]",
    ".//*[contains(concat(' ', @class, ' '), ' comment-author-name ')]",
    ".//cite[contains(concat(' ', @class, ' '), ' fn ')]",
    ".//*[contains(concat(' ', @class, ' '), ' fn ')] within vcard",
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
    ".//*[contains(concat(' ', @class, ' '), ' comment_time ')]",
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
# Parts of a comment element that are never its text: class tokens, class substrings, tags.
NOT_TEXT_TOKENS = frozenset({"comment-author", "reply", "children", "vcard", "avatar"})
NOT_TEXT_PARTS = (
    "comment-meta", "comment-reply", "commentmetadata", "w-comments-item-meta", "comment-footer",
    "comment-actions", "sharedaddy", "comment-like", "comment-rating", "wprm-comment-rating",
)
NOT_TEXT_TAGS = frozenset({"cite", "footer"})


def is_not_text(el: HtmlElement) -> bool:
    """Author line, date line, reply link, like/share widgets, avatars, nested reply lists."""
    if el.tag in NOT_TEXT_TAGS:
        return True
    classes = el.get("class")
    if not classes:
        return False
    if not NOT_TEXT_TOKENS.isdisjoint(classes.split()):
        return True
    for part in NOT_TEXT_PARTS:  # a plain loop: runs for every classed element of every comment
        if part in classes:
            return True
    return False


@dataclass(frozen=True)
class Rule:
    """A compiled selector row: an XPath, optionally restricted to matches that sit inside
    an element with the class token ``within`` (inside the same comment)."""

    xpath: etree.XPath
    within: str | None = None
    token: str | None = None  # the row is exactly one class test: read from the class index

    @classmethod
    def parse(cls, row: str) -> Rule:
        path, _, within = row.partition(" within ")
        only = _ONLY_CLASS_TEST.fullmatch(path)
        return cls(
            fast_xpath(_CLASS_TEST.sub(lambda m: has_class(m.group(1)), path)), within or None,
            only.group(1) if only else None,
        )


# Class-token tests in the tables are rewritten to the faster form of archiver.parsers.xpath.
_CLASS_TEST = re.compile(r"contains\(concat\(' ', @class, ' '\), ' ([\w-]+) '\)")
_ONLY_CLASS_TEST = re.compile(r"\.//\*\[contains\(concat\(' ', @class, ' '\), ' ([\w-]+) '\)\]")


@dataclass(frozen=True)
class CommentSelectors:
    """Compiled field selectors. A site module builds its own with :meth:`with_rows`, putting
    its markup's rows before the shared ones."""

    author: tuple[Rule, ...]
    date_attributes: tuple[Rule, ...]
    date_text: tuple[Rule, ...]
    text: tuple[Rule, ...]
    not_text: tuple[Rule, ...]  # site-specific extras; the shared ones are is_not_text()

    @classmethod
    def compile(cls, author: list[str], date_attributes: list[str], date_text: list[str],
                text: list[str], not_text: list[str]) -> CommentSelectors:
        def c(rows: list[str]) -> tuple[Rule, ...]:
            return tuple(Rule.parse(r) for r in rows)

        return cls(c(author), c(date_attributes), c(date_text), c(text), c(not_text))

    def with_rows(self, *, author: list[str] = [], date_text: list[str] = [],  # noqa: B006
                  text: list[str] = [], not_text: list[str] = []) -> CommentSelectors:  # noqa: B006
        extra = CommentSelectors.compile(author, [], date_text, text, not_text)
        return CommentSelectors(
            extra.author + self.author, self.date_attributes, extra.date_text + self.date_text,
            extra.text + self.text, extra.not_text + self.not_text,
        )


DEFAULT_SELECTORS = CommentSelectors.compile(AUTHOR, DATE_ATTRIBUTES, DATE_TEXT, TEXT, [])
_SAYS = re.compile(r"\s*(?:says|said|sagt|schreibt|dijo|dice|a dit|ha detto)\s*:?\s*$", re.IGNORECASE)
_PINGBACK_TEXT = re.compile(r"^\s*(pingback|trackback)\s*:", re.IGNORECASE)


def _outermost_areas(page: Page) -> list[HtmlElement]:
    index = class_index(page.tree)
    areas = index.in_order(
        [el for name in AREA_IDS for el in index.with_id(name)]
        + [el for token in AREA_CLASSES for el in index.with_class(token)]
    )
    found = set(areas)
    return [area for area in areas if not any(a in found for a in area.iterancestors())]


_ENTRY_TAGS = frozenset({"li", "article", "div", "dt"})
_ID_PREFIXES = ("comment", "li-comment", "div-comment", "c")


def _candidates(page: Page) -> list[HtmlElement]:
    """Comment entry candidates of the whole page, in document order, refined by
    _is_comment_entry: an id that may be a comment id, or an entry tag with a comment
    class. Read from the class index: walking the comment areas' elements in Python costs
    ~1 ms on a page of 50 comments, and an XPath of the same test about as much."""
    index = class_index(page.tree)
    found = [el for key, elements in index.ids.items() if key.startswith(_ID_PREFIXES) for el in elements]
    for token in _COMMENT_CLASSES:
        found.extend(el for el in index.with_class(token) if el.tag in _ENTRY_TAGS)
    return index.in_order(found)


class CommentIndex:
    """The comment entries of a page and which entry any node in a comment area belongs to
    (its nearest enclosing entry; a ``<dd>`` belongs to the ``<dt>`` entry before it).

    Field selectors are evaluated once per comment area and their matches grouped by owner,
    so reading n nested comments costs O(page size), not O(n x thread size).
    """

    def __init__(self, page: Page) -> None:
        self.tree = page.tree
        self.areas = _outermost_areas(page)
        self.entries: list[HtmlElement] = []
        self.entry_set: set[HtmlElement] = set()
        self.parent: dict[HtmlElement, HtmlElement | None] = {}
        self._owner: dict[HtmlElement, HtmlElement | None] = {}
        self._grouped: dict[Rule, dict[HtmlElement, list]] = {}
        if not self.areas:
            return
        areas = set(self.areas)
        for el in _candidates(page):
            if not _is_comment_entry(el):
                continue
            enclosing = _enclosing_entry(el, self.entry_set, areas)
            if enclosing is False:
                continue  # outside every comment area
            if enclosing is not None and _same_comment(enclosing, el):
                continue  # inner wrapper of an entry already taken
            self.parent[el] = enclosing
            self.entries.append(el)
            self.entry_set.add(el)

    def owner(self, node: HtmlElement) -> HtmlElement | None:
        """The entry ``node`` belongs to (None outside any entry); entries own themselves."""
        path: list[HtmlElement] = []
        found: HtmlElement | None = None
        el: HtmlElement | None = node
        while el is not None:
            if el in self._owner:
                found = self._owner[el]
                break
            path.append(el)
            if el in self.entry_set:
                found = el
                break
            if el.tag == "dd":
                previous = el.getprevious()
                if previous is not None and previous in self.entry_set:
                    found = previous
                    break
            el = el.getparent()
        for visited in path:
            self._owner[visited] = found
        return found if node is not None else None

    def own(self, entry: HtmlElement, rule: Rule) -> list:
        """Matches of ``rule`` that belong to ``entry`` itself, not to a nested reply."""
        grouped = self._grouped.get(rule)
        if grouped is None:
            grouped = {}
            for match in self._matches(rule):
                node = match.getparent() if isinstance(match, str) else match
                owner = self.owner(node) if node is not None else None
                if owner is not None and (rule.within is None or _inside_class(node, rule.within, owner)):
                    grouped.setdefault(owner, []).append(match)
            self._grouped[rule] = grouped
        return grouped.get(entry, [])

    def _matches(self, rule: Rule) -> Iterator:
        """Matches of ``rule`` in the comment areas. A one-class rule is read from the class
        index: matches outside every entry are dropped by ``owner`` anyway."""
        if rule.token is not None:
            yield from class_index(self.tree).with_class(rule.token)
            return
        for area in self.areas:
            yield from rule.xpath(area)

    def first(self, entry: HtmlElement, rules: Iterable[Rule]) -> list:
        for xpath in rules:
            found = self.own(entry, xpath)
            if found:
                return found
        return []

    @contextmanager
    def detached(self) -> Iterator[None]:
        """The page without its comment entries for the duration of the block.

        Header selectors never want comment markup, and on a page with thousands of
        comments most of the tree is comments: without them each selector pass is short.
        The entries are put back exactly where they were (tails included) on exit.
        """
        placeholders: list[tuple[HtmlElement, HtmlElement]] = []
        try:
            for el in self.entries:
                parent = el.getparent()
                if self.parent.get(el) is None and parent is not None:
                    placeholder = etree.Comment("comment")
                    parent.replace(el, placeholder)
                    placeholders.append((placeholder, el))
            yield
        finally:
            for placeholder, el in reversed(placeholders):
                placeholder.getparent().replace(placeholder, el)


def _enclosing_entry(el: HtmlElement, entries: set[HtmlElement], areas: set[HtmlElement]) -> HtmlElement | None | bool:
    """The nearest entry around ``el``; None when ``el`` is in a comment area but in no
    entry, False when it is in no comment area (entries only ever sit inside areas, so the
    walk up meets an enclosing entry before the area)."""
    for ancestor in el.iterancestors():
        if ancestor in entries:
            return ancestor
        if ancestor in areas:
            return None
    return False


def _inside_class(node: HtmlElement, token: str, stop: HtmlElement) -> bool:
    """Whether an ancestor of ``node``, up to ``stop`` included, has the class ``token``."""
    for el in node.iterancestors():
        if token in (el.get("class") or "").split():
            return True
        if el is stop:
            return False
    return False


def find_comment_elements(page: Page) -> list[HtmlElement]:
    """Comment entries in document order, outermost element per comment."""
    return CommentIndex(page).entries


def _same_comment(outer: HtmlElement, inner: HtmlElement) -> bool:
    """An inner wrapper of an entry already taken (div#comment-5 in li#li-comment-5)."""
    key = _comment_key(inner)
    return key is not None and key == _comment_key(outer) or (
        key is None and inner.tag in ("article", "div") and _comment_key(outer) is not None
        and bool(set((inner.get("class") or "").split()) & {"comment", "comment-body"})
        and inner.getparent() is outer
    )


def _is_comment_entry(el: HtmlElement) -> bool:
    if el.tag in ("a", "span", "p", "time", "img", "form", "input", "textarea", "h2", "h3"):
        return False
    if _ID_PATTERN.match(el.get("id") or ""):
        return True
    classes = set((el.get("class") or "").split())
    return bool(classes & _COMMENT_CLASSES) and el.tag in ("li", "article", "div", "dt")


def _comment_key(el: HtmlElement) -> str | None:
    key = el.get("id")
    match = _ID_PATTERN.match(key) if key else None
    return (match.group(1) or match.group(2) or match.group(3)) if match else None  # the one group that matched


def extract_comments(
    page: Page, context: CommentContext, selectors: CommentSelectors = DEFAULT_SELECTORS
) -> list[Comment] | None:
    """All comments on the page in document order, or None if no comment markup is found."""
    index = context.index if isinstance(context.index, CommentIndex) else CommentIndex(page)
    if not index.entries:
        return None
    comments: list[Comment] = []
    by_element: dict[HtmlElement, Comment] = {}
    by_id: dict[str, Comment] = {}
    stack: list[Comment] = []  # last comment seen at each depth, for sibling-style threading
    for el in index.entries:
        comment = _read_comment(page, el, index, context, selectors)
        earlier = by_id.get(comment.id)
        if earlier is not None and (earlier.text, earlier.author) == (comment.text, comment.author):
            by_element[el] = earlier  # the same comment shown twice: emitted once, replies attach to it
            continue
        if earlier is not None:  # distinct comments that bad markup gave one id: both kept
            comment.id = _free_id(comment.id, by_id)
        parent_el = index.parent.get(el)
        depth_class = _depth_from_class(el)
        if parent_el is not None and parent_el in by_element:
            parent = by_element[parent_el]
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
        by_element[el] = comment
        by_id[comment.id] = comment
        comments.append(comment)
    return comments


def _free_id(base: str, taken: dict[str, Comment]) -> str:
    count = 2
    while f"{base}~{count}" in taken:
        count += 1
    return f"{base}~{count}"


def _depth_from_class(el: HtmlElement) -> int | None:
    classes = el.get("class")
    if not classes or "depth-" not in classes:  # the regex's literal part, tested first
        return None
    match = _DEPTH_CLASS.search(classes)
    return int(match.group(1)) if match else None


def _read_comment(
    page: Page, el: HtmlElement, index: CommentIndex, context: CommentContext, selectors: CommentSelectors
) -> Comment:
    author_el, author_text = next(
        ((a, name) for a in index.first(el, selectors.author) if (name := inline_text(a))), (None, "")
    )
    author = clean_author(author_text) if author_el is not None else None
    author_url = _author_url(page, author_el)
    published, date_el = _published(el, index, context, selectors)
    text = _text(el, index, selectors, author_el, date_el)
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


def clean_author(name: str) -> str:
    """A commenter's display name without "says:" and the punctuation themes put after it."""
    return _SAYS.sub("", name).strip(" ,;:|-–—")


def _author_url(page: Page, author_el: HtmlElement | None) -> str | None:
    if author_el is None:
        return None
    link = author_el if author_el.tag == "a" else next(iter(author_el.iter("a")), None)
    if link is None:
        parent = author_el.getparent()
        link = parent if parent is not None and parent.tag == "a" else None
    return page.absolute(link.get("href")) if link is not None else None


def _published(
    el: HtmlElement, index: CommentIndex, context: CommentContext, selectors: CommentSelectors
) -> tuple[str | None, HtmlElement | None]:
    """The comment's date and the element it was read from.

    A machine-readable attribute wins, unless it gives only a day and the visible text
    of a date element gives the same day with a time ("2020-12-24" vs "December 24,
    2020 at 3:53 am"): the more precise reading is kept.
    """
    found: tuple[str | None, HtmlElement | None] = (None, None)
    for xpath in selectors.date_attributes:
        for value in index.own(el, xpath):
            parsed = parse_date(str(value), languages=context.languages, reference=context.published)
            if parsed:
                found = (parsed, value.getparent())
                break
        if found[0]:
            break
    if found[0] and len(found[0]) > 10:
        return found
    candidates = []
    if found[1] is not None:  # the visible text around the machine-readable date
        candidates += [found[1], found[1].getparent()]
    for xpath in selectors.date_text:
        candidates.extend(index.own(el, xpath))
    for node in candidates:
        parsed = parse_date(inline_text(node), languages=context.languages, reference=context.published)
        if parsed and (found[0] is None or (parsed[:10] == found[0] and len(parsed) > 10)):
            return parsed, node
    return found


def _text(
    el: HtmlElement, index: CommentIndex, selectors: CommentSelectors,
    author_el: HtmlElement | None, date_el: HtmlElement | None,
) -> str:
    scope = [el]
    follower = el.getnext() if el.tag == "dt" else None
    if follower is not None and follower.tag == "dd":
        scope.append(follower)
    container = None
    for part in reversed(scope):
        for xpath in selectors.text:
            found = [n for n in index.own(el, xpath) if n is part or _within(n, part)]
            if found:
                container = found[0]
                break
        if container is not None:
            break
    skip = _Skip(index.entry_set, keep=el)
    for xpath in selectors.not_text:
        skip.extra.update(index.own(el, xpath))
    if container is not None:
        skip.keep_container = container
        text = text_of(container, skip=skip)
    else:
        # No text container: the text is what follows the author line, minus the date.
        part = scope[-1]
        if date_el is not None:
            skip.extra.add(date_el)
        start = author_el if part is el and author_el is not None else None
        text = text_of(part, skip=skip, start_after=start) or text_of(part, skip=skip)
    return text or _links_only(container if container is not None else scope[-1], skip)


class _Skip:
    """What a comment's text leaves out: other comments (nested replies) and the
    not-text parts of this one. A view over the index's entry set, never a copy of it."""

    def __init__(self, entries: set[HtmlElement], keep: HtmlElement) -> None:
        self.entries = entries
        self.keep = keep
        self.keep_container: HtmlElement | None = None
        self.extra: set[HtmlElement] = set()

    def __contains__(self, el: object) -> bool:
        if el is self.keep or el is self.keep_container:
            return False
        return el in self.extra or el in self.entries or is_not_text(el)  # type: ignore[arg-type]


def _within(node: HtmlElement, container: HtmlElement) -> bool:
    return any(a is container for a in node.iterancestors())


def _links_only(container: HtmlElement, skip: _Skip) -> str:
    """A comment that is only a linked image or an empty link keeps the link target."""
    hrefs: list[str] = []
    for link in container.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")) or _skipped(link, container, skip):
            continue
        if href not in hrefs:
            hrefs.append(href)
    return "\n".join(hrefs)


def _skipped(node: HtmlElement, container: HtmlElement, skip: _Skip) -> bool:
    for element in (node, *node.iterancestors()):
        if element is container:
            return False
        if element in skip:
            return True
    return False


def _kind(el: HtmlElement, text: str) -> CommentKind:
    classes = (el.get("class") or "").split()
    if "pingback" in classes:
        return "pingback"
    if "trackback" in classes:
        return "trackback"
    match = _PINGBACK_TEXT.match(text)
    return match.group(1).lower() if match else "comment"  # type: ignore[return-value]


def declared_count(text: str | None) -> int | None:
    """The number in a comment counter heading, ignoring headings that are no counter."""
    from archiver.parsers.text import first_int

    text = collapse(text)
    if not text or not re.search(r"\d|\b(?:one|no|ein|eine|un|una|uno|keine)\b", text, re.IGNORECASE):
        return None
    return first_int(text)
