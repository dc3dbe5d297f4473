"""WordPress and look-alike blog themes: the visible post header, body, labels and comments.

Selector tables are data, most specific first; a theme variant is one more row. Every
selector skips the comment area and sidebars, so a comment's date or a "recent posts"
widget can never become the article's.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from archiver.dates import parse_date
from archiver.items import Comment
from archiver.page import Page
from archiver.parsers.base import CommentContext, Layer
from archiver.parsers.body import container_body
from archiver.parsers.comments import declared_count, extract_comments
from archiver.parsers.text import clean_byline, inline_text, labels


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# Not part of the post: comment area, sidebars, widgets, related-post blocks, share bars.
_OUTSIDE = (
    "not(ancestor-or-self::*[@id='comments' or @id='respond' or @id='sidebar' or @id='secondary'"
    f" or {_cls('comments-area')} or {_cls('commentlist')} or {_cls('comment-list')} or {_cls('comment')}"
    f" or {_cls('widget')} or {_cls('sidebar')} or {_cls('widget-area')} or {_cls('jp-relatedposts')}"
    f" or {_cls('related-posts')} or {_cls('yarpp-related')} or self::aside or self::nav])"
)

TITLE = [
    f"//h1[{_cls('entry-title')}]",
    f"//h1[{_cls('post-title')}]",
    f"//h2[{_cls('entry-title')}]",
    f"//*[{_cls('hentry')}]//h1",
    f"//h1[{_cls('title')}]",
    f"//h2[{_cls('post-title')}]",
    f"//*[{_cls('post')}]//h2/a[@rel='bookmark']",
    "//article//h1",
    "//h1[@itemprop='headline']",
]
PUBLISHED = [
    f"//time[{_cls('published')}]/@datetime",
    f"//time[{_cls('entry-date')}]/@datetime",
    f"//*[{_cls('entry-meta')} or {_cls('post-meta')} or {_cls('entry-header')} or {_cls('byline')}]//time/@datetime",
    f"//abbr[{_cls('published')}]/@title",
    "//*[@itemprop='datePublished']/@content",
    "//*[@itemprop='datePublished']/@datetime",
    "//article//time/@datetime",
]
PUBLISHED_TEXT = [
    f"//*[{_cls('entry-date')}]",
    f"//*[{_cls('post-date')}]",
    f"//*[{_cls('posted-on')}]",
    f"//*[{_cls('published')}]",
    f"//*[{_cls('date')} and ({_cls('post')} or ancestor::*[{_cls('post')} or {_cls('hentry')}])]",
]
UPDATED = [
    f"//time[{_cls('updated')}]/@datetime",
    "//*[@itemprop='dateModified']/@content",
    "//*[@itemprop='dateModified']/@datetime",
]
AUTHORS = [
    f"//*[{_cls('entry-meta')} or {_cls('byline')} or {_cls('entry-header')} or {_cls('post-meta')}]"
    f"//*[{_cls('author')}]//*[{_cls('fn')}]",
    f"//*[{_cls('byline')}]//*[{_cls('author')}]//a",
    f"//*[{_cls('entry-author-name')}]",
    f"//*[{_cls('author')} and {_cls('vcard')}]//*[{_cls('fn')}]",
    "//a[@rel='author']",
    f"//*[{_cls('author')} and {_cls('vcard')}]",
    f"//*[{_cls('byline')}]//a",
    "//*[@itemprop='author']//*[@itemprop='name']",
]
TAGS = [
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ') and not(contains(@rel, 'category'))]",
    f"//*[{_cls('tags-links')} or {_cls('post-tags')} or {_cls('entry-tags')} or {_cls('tag-links')}]//a",
]
CATEGORIES = [
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' category ')]",
    f"//*[{_cls('cat-links')} or {_cls('post-categories')} or {_cls('entry-categories')}]//a",
]
COMMENT_COUNT = [
    f"//*[{_cls('comments-title')}]",
    "//*[@id='comments']//*[self::h2 or self::h3 or self::h4][1]",
    f"//*[{_cls('comments-area')}]//*[self::h2 or self::h3][1]",
    "//*[@id='comments-title']",
    f"//*[{_cls('comment-count')} or {_cls('comments-count')}]",
]
_GENERATOR = re.compile(r"wordpress", re.IGNORECASE)
_WP_MARKERS = (b"wp-content", b"wp-includes", b"comment-reply", b"wordpress")


def _compile(paths: list[str], outside: bool = True) -> list[etree.XPath]:
    return [etree.XPath(f"({p})[{_OUTSIDE}]" if outside else p) for p in paths]


_TITLE = _compile(TITLE)
_PUBLISHED = _compile(PUBLISHED)
_PUBLISHED_TEXT = _compile(PUBLISHED_TEXT)
_UPDATED = _compile(UPDATED)
_AUTHORS = _compile(AUTHORS)
_TAGS = _compile(TAGS)
_CATEGORIES = _compile(CATEGORIES)
_COMMENT_COUNT = _compile(COMMENT_COUNT, outside=False)


def first_match(tree: HtmlElement, xpaths: list[etree.XPath]) -> list[Any]:
    for xpath in xpaths:
        found = xpath(tree)
        if found:
            return list(found)
    return []


class WordPressParser(Layer):
    name = "wordpress"
    version = 1

    def applies(self, page: Page) -> bool:
        generator = page.tree.xpath("//meta[@name='generator']/@content")
        if generator and _GENERATOR.search(str(generator[0])):
            return True
        head = page.body[:200_000].lower()
        return any(marker in head for marker in _WP_MARKERS)

    def article(self, page: Page) -> dict[str, Any]:
        tree = page.tree
        language = page_language(page)
        return {
            "title": self.title(tree),
            "published": self.date(tree, _PUBLISHED, _PUBLISHED_TEXT, language),
            "updated": self.date(tree, _UPDATED, [], language),
            **self.authors(tree),
            "tags": labels(first_match(tree, _TAGS)),
            "categories": labels(first_match(tree, _CATEGORIES)),
            "body": container_body(page),
            "comment_count": self.comment_count(tree),
        }

    def title(self, tree: HtmlElement) -> str | None:
        found = first_match(tree, _TITLE)
        return inline_text(found[0]) or None if found else None

    def date(
        self, tree: HtmlElement, attrs: list[etree.XPath], texts: list[etree.XPath], language: str | None
    ) -> str | None:
        languages = (language,) if language else None
        for value in first_match(tree, attrs):
            parsed = parse_date(str(value), languages=languages)
            if parsed:
                return parsed
        for xpath in texts:
            for node in xpath(tree):
                parsed = parse_date(inline_text(node), languages=languages)
                if parsed:
                    return parsed
        return None

    def authors(self, tree: HtmlElement) -> dict[str, Any]:
        found = first_match(tree, _AUTHORS)
        names: list[str] = []
        for node in found:
            for name in clean_byline(inline_text(node)):
                if name not in names:
                    names.append(name)
        return {"authors": names, "byline": inline_text(found[0]) if found else None}

    def comment_count(self, tree: HtmlElement) -> int | None:
        for node in first_match(tree, _COMMENT_COUNT):
            count = declared_count(inline_text(node))
            if count is not None:
                return count
        return None

    def comments(self, page: Page, context: CommentContext) -> list[Comment] | None:
        return extract_comments(page, context)

    def comment_pages(self, page: Page) -> list[str]:
        return comment_page_links(page)


_COMMENT_PAGE_LINK = re.compile(r"comment-page-\d+|[?&]cpage=\d+")


def comment_page_links(page: Page) -> list[str]:
    """Links to the post's other comment pages ("Older/Newer Comments", page numbers)."""
    links: list[str] = []
    for href in page.tree.xpath("//a/@href"):
        if _COMMENT_PAGE_LINK.search(str(href)):
            url = page.absolute(str(href))
            if url:
                url = url.split("#")[0]
                if url not in links and url != page.url:
                    links.append(url)
    return links


def page_language(page: Page) -> str | None:
    """The page's primary language subtag from ``<html lang>`` or Content-Language."""
    value = page.tree.get("lang") or page.tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not value:
        metas = page.tree.xpath("//meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content")
        value = str(metas[0]) if metas else page.header("content-language")
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


PARSER = WordPressParser()
