"""Which part of a page is the post itself: the main post element and a membership test.

Header fields (title, byline, date, labels) must come from the post, not from a sidebar
widget, a comment, a menu, or a teaser of another post. Themes mark these places in
different ways, and their markup is often broken (a theme that leaves a widget open puts
the whole content column inside the sidebar; another calls its content column
``sidebar``). So the test walks up from a candidate element and stops at the first
*content root* (``main``, ``#content``, ``.site-content``…) or at the main post element:
what lies above the content a node sits in says nothing about the node.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from archiver.parsers.text import inline_text
from archiver.parsers.titles import agrees, declared_titles, fold
from archiver.parsers.xpath import (
    attached,
    class_index,
    class_tokens,
    fast_xpath,
    has_class,
)

_POST_ID = re.compile(r"\bpostid-(\d+)\b")
_POST_CANDIDATES = fast_xpath(
    f"(//article | //*[{has_class('hentry')} or {has_class('type-post')}])"
    f"[not(ancestor-or-self::*[@id='comments' or @id='respond' or {has_class('comment')}"
    f" or {has_class('comments-area')} or {has_class('commentlist')}])]"
)
_HEADLINE = fast_xpath(".//h1")
EXCLUDED_IDS = frozenset({"comments", "respond", "sidebar", "secondary", "related", "footer", "colophon"})
EXCLUDED_CLASSES = frozenset({
    "comments-area", "commentlist", "comment-list", "comment", "comments", "widget", "sidebar",
    "widget-area", "jp-relatedposts", "related-posts", "yarpp-related", "related", "relates",
    "menu", "site-footer",
    # WordPress's blocks of site-wide lists, which block themes place anywhere with no
    # widget around them: every category, the tag cloud, the archives, the latest posts
    # and comments, the pages, and a query loop of other posts
    "wp-block-categories", "wp-block-tag-cloud", "wp-block-archives",
    "wp-block-latest-posts", "wp-block-latest-comments", "wp-block-page-list", "wp-block-query",
})
EXCLUDED_TAGS = frozenset({"aside", "nav"})
CONTENT_ROOT_IDS = frozenset({"content", "main", "primary", "main-content"})
CONTENT_ROOT_CLASSES = frozenset({"site-content", "content-area", "site-main"})
# Blogger puts a blog's posts in its main widget (``<div class="widget Blog" id="Blog1">``,
# every template): a content root, not a sidebar widget.
BLOGGER_MAIN_WIDGET = "Blog"
_POST_MARKS = frozenset({"hentry", "type-post"})
_OTHER_POST = re.compile(r"(?:^|\s)post-(\d+)(?=\s|$)")


def _classes(el: HtmlElement) -> set[str]:
    return set((el.get("class") or "").split())


_LAST_MAIN: list[tuple[HtmlElement, HtmlElement | None]] = []


def main_post(tree: HtmlElement) -> HtmlElement | None:
    """The element of the page's own post (:func:`find_main_post`), found once per page:
    the last page's answer is kept while the same tree is asked about."""
    last = _LAST_MAIN[0] if _LAST_MAIN else None
    if last is not None and last[0] is tree:
        return last[1]
    found = find_main_post(tree)
    _LAST_MAIN[:] = [(tree, found)]
    return found


def find_main_post(tree: HtmlElement) -> HtmlElement | None:
    """The element of the page's own post: WordPress's ``.post-N`` for ``body.postid-N``,
    else the first post-like element (``article``, ``.hentry``) that holds an ``h1``."""
    own = own_post_id(tree)
    if own:
        name = f"post-{own}"
        index = class_index(tree)
        found = index.in_order(
            el for el in index.with_id(name) + index.with_class(name) if el.tag != "body" and attached(el, tree)
        )
        if len(found) > 1:  # the class on a small box too (a featured image's), before the post
            headed = [el for el in found if _HEADLINE(el)]
            return headed[0] if headed else max(found, key=lambda el: len(el.text_content()))
        if found:
            return found[0]
    candidates = _post_candidates(tree)
    if own:  # the page's own post has no element named for it: another post's is a teaser
        candidates = [el for el in candidates if not _names_other_post(el, own)]
    headed = [el for el in candidates if _HEADLINE(el)]
    if len(headed) > 1:  # a teaser or a related post with an h1 of its own comes first on some pages
        metas, title = declared_titles(tree)
        for el in headed:
            if any(agrees(fold(inline_text(h1)), metas, title) for h1 in _HEADLINE(el)):
                return el
        return max(headed, key=lambda el: len(el.text_content()))  # the post, not a short teaser
    if headed:
        return headed[0]
    return candidates[0] if len(candidates) == 1 else None


def own_post_id(tree: HtmlElement) -> str | None:
    """The id of the page's own post, as WordPress's ``body.postid-N`` gives it."""
    body = tree.find("body")
    match = _POST_ID.search(body.get("class") or "") if body is not None else None
    return match.group(1) if match else None


def _names_other_post(el: HtmlElement, own: str) -> bool:
    """Whether ``el`` carries WordPress's ``post-M`` class of a post other than ``own``."""
    other = _OTHER_POST.search(el.get("class") or "")
    return other is not None and other.group(1) != own


_XML_SPACE = re.compile("[\x20\t\r\n]+")
_COMMENT_AREA_IDS = ("comments", "respond")
_COMMENT_AREA_CLASSES = ("comment", "comments-area", "commentlist")


def _post_candidates(tree: HtmlElement) -> list[HtmlElement]:
    """What ``_POST_CANDIDATES`` selects, from the page's class index: the XPath tests the
    class of every element of the page, the index has the few elements named so."""
    index = class_index(tree)
    named = [el for token in _POST_MARKS for el in index.with_class(token)
             if _has_token(el.get("class"), token) and attached(el, tree)]
    found = index.in_order([*tree.iter("article"), *named])
    return [el for el in found if not _in_comment_area(el)]


def _has_token(value: str | None, token: str) -> bool:
    """XPath's :func:`has_class` test: ``token`` among the value's words split at XML
    white space (``normalize-space``; Python's ``split`` knows more spaces)."""
    return bool(value) and token in value and token in _XML_SPACE.split(value)  # type: ignore[operator]


def _in_comment_area(el: HtmlElement) -> bool:
    """Whether ``el`` or an ancestor is the comment area (``#comments``, ``.commentlist``…)."""
    for node in (el, *el.iterancestors()):
        if node.get("id") in _COMMENT_AREA_IDS:
            return True
        classes = node.get("class")
        if classes and any(_has_token(classes, token) for token in _COMMENT_AREA_CLASSES):
            return True
    return False


def _excluded(el: HtmlElement, allow_nav: bool = False) -> bool:
    """Whether ``el`` is a sidebar, widget, menu, related list, comment area or footer
    (a ``nav`` or ``aside`` too, unless ``allow_nav``)."""
    return (el.get("id") in EXCLUDED_IDS or bool(_classes(el) & EXCLUDED_CLASSES)
            or el.tag in EXCLUDED_TAGS and not allow_nav)


def _in_excluded_area(el: HtmlElement) -> bool:
    """Whether an ancestor of ``el`` is excluded: where a teaser of the page's own post
    sits (a menu's latest posts list it too)."""
    return any(_excluded(node) for node in el.iterancestors())


class PostScope:
    """Membership test of header candidates against the page's main post."""

    def __init__(self, tree: HtmlElement) -> None:
        self.root = tree
        self.main = main_post(tree)
        self._main_ancestors = set(self.main.iterancestors()) if self.main is not None else set()
        self._own_post = own_post_id(tree)
        self._verdicts: dict[tuple[HtmlElement, bool], bool] = {}
        self._holders: set[HtmlElement] | None = None
        self.class_tokens = class_tokens(tree)  # lets selector rows skip classes the page never uses

    def belongs(self, node: object, allow_nav: bool = False) -> bool:
        """True unless the node sits in a comment, sidebar, widget, menu or another post."""
        element = node.getparent() if isinstance(node, str) else node  # attribute results
        if not isinstance(element, etree.ElementBase) or not isinstance(element.tag, str):
            return False
        path: list[HtmlElement] = []
        for el in (element, *element.iterancestors()):
            known = self._verdicts.get((el, allow_nav))
            if known is not None:
                verdict = known
                break
            path.append(el)
            decided = self._decide(el, allow_nav)
            if decided is not None:
                verdict = decided
                break
        else:  # no mark on the way up: part of the page, unless cut off from it (a comment
            verdict = path[-1] is self.root  # entry detached while header fields are read)
        for el in path:  # every node on the way up shares the verdict of where it stopped
            self._verdicts[(el, allow_nav)] = verdict
        return verdict

    def _decide(self, el: HtmlElement, allow_nav: bool) -> bool | None:
        if el is self.main:
            return True
        classes = _classes(el)
        if (el.tag == "main" or el.get("id") in CONTENT_ROOT_IDS or classes & CONTENT_ROOT_CLASSES
                or BLOGGER_MAIN_WIDGET in classes and "widget" in classes):
            return True
        if self._own_post and classes & _POST_MARKS and el not in self._main_ancestors:
            if self.main is not None and classes == _classes(self.main) and not _in_excluded_area(el):
                return True  # the page's own post in parts, each with its post_class() (a header, then the body)
            if _names_other_post(el, self._own_post):
                return False  # WordPress's post_class of another post than the page's (postid-N): a teaser
        if self.main is not None and (el.tag == "article" or classes & _POST_MARKS) and el not in self._main_ancestors:
            if self._inner_post(el):
                return True
            return False  # a teaser of another post
        if _excluded(el, allow_nav):
            if el.tag not in EXCLUDED_TAGS and el in self._post_holders():
                return None  # named for a sidebar, yet holding the post: a layout column ("mainwrap sidebar")
            return False
        return None

    def _post_holders(self) -> set[HtmlElement]:
        """The ancestors of the page's post: of its element and of the ``h1`` that shows
        its declared title (a "widget-hero" box may hold the post's header inside the
        post's element; found once per page, when an element named for a sidebar is first
        met: most pages have one)."""
        if self._holders is None:
            metas, title = declared_titles(self.root)
            headline = next((h1 for h1 in _HEADLINE(self.root) if agrees(fold(inline_text(h1)), metas, title)), None)
            self._holders = {a for post in (self.main, headline) if post is not None for a in post.iterancestors()}
        return self._holders

    def _inner_post(self, el: HtmlElement) -> bool:
        """An ``<article>`` inside the main post's element that holds its ``h1``: the post
        itself, wrapped twice (a theme's ``div.post-N`` around a bare ``<article>``), not a
        teaser; teasers inside a post carry lesser headings."""
        return any(a is self.main for a in el.iterancestors()) and _HEADLINE(el) != []

    def filter(self, nodes: list, allow_nav: bool = False) -> list:
        return [n for n in nodes if self.belongs(n, allow_nav)]
