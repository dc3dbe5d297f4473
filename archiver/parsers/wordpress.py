"""WordPress and look-alike blog themes: the visible post header, body, labels and comments.

Selector tables are data, most specific first; a theme variant is one more row. Every
match must belong to the post (:mod:`archiver.parsers.scope`), so a comment's date, a
"recent posts" widget or a teaser's byline can never become the article's. Tags and
categories are told apart by :mod:`archiver.parsers.taxonomy`.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from archiver.dates import parse_date, parse_date_in
from archiver.items import Comment
from archiver.page import Page
from archiver.parsers.base import CommentContext, Layer
from archiver.parsers.body import container_body
from archiver.parsers.comments import declared_count, extract_comments
from archiver.parsers.datetext import with_time
from archiver.parsers.headline import agreed_title, agreeing_heading, dateline_after
from archiver.parsers.memo import remembered
from archiver.parsers.scope import PostScope
from archiver.parsers.taxonomy import breadcrumb_categories, label_block, post_labels
from archiver.parsers.byline import clean_byline, in_hidden_box
from archiver.parsers.text import inline_text
from archiver.parsers.xpath import Row, fast_xpath, has_class
from archiver.threads import post_url

_cls = has_class


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
]
PUBLISHED_TEXT = [
    "//*[@itemprop='datePublished'][not(@content)][not(@datetime)]",
    f"//*[{_cls('entry-date')}]",
    f"//*[{_cls('post-date')}]",
    f"//*[{_cls('postmetadata')}]",
    f"//*[{_cls('posted-on')}]",
    f"//*[{_cls('published')}]",
    f"//*[{_cls('date')} and ({_cls('post')} or ancestor::*[{_cls('post')} or {_cls('hentry')}])]",
]
# Any time element of the article: after every named date, attribute or text (a <time>
# in the post's own text is no more the post's date than a date badge named as one).
PUBLISHED_ANY = ["//article//time/@datetime"]
UPDATED = [
    f"//time[{_cls('updated')}]/@datetime",
    "//*[@itemprop='dateModified']/@content",
    "//*[@itemprop='dateModified']/@datetime",
]
AUTHORS = [
    (f"//*[{_cls('entry-meta')} or {_cls('byline')} or {_cls('entry-header')} or {_cls('post-meta')}]"
     f"//*[{_cls('author')}]//*[{_cls('fn')}]"),
    f"//*[{_cls('byline')}]//*[{_cls('author')}]//a",
    f"//*[{_cls('entry-author-name')}]",
    f"//*[{_cls('author')} and {_cls('vcard')}]//*[{_cls('fn')}]",
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]",
    f"//*[{_cls('author')} and {_cls('vcard')}]",
    f"//*[{_cls('byline')}]//a",
    "//*[@itemprop='author']//*[@itemprop='name']",
]
COMMENT_COUNT = [
    f"//*[{_cls('comments-title')}]",
    "//*[@id='comments']//*[self::h2 or self::h3 or self::h4][1]",
    f"//*[{_cls('comments-area')}]//*[self::h2 or self::h3][1]",
    "//*[@id='comments-title']",
    f"//*[{_cls('comment-count')} or {_cls('comments-count')}]",
    "//*[@id='comments'][self::h2 or self::h3 or self::h4]",  # the heading is the anchor itself
    f"//*[@id='comments' or {_cls('comments-area')}]//*[{_cls('comments__headline')} or {_cls('comments-header')} or {_cls('comments_intro')}]",
]
# The post header's link to its thread ("91 Ergänzungen"), read only inside the post.
COMMENT_LINK_COUNT = ["//a[substring(@href, string-length(@href) - 8) = '#comments']"]
_GENERATOR = re.compile(r"wordpress", re.IGNORECASE)
# Compiled once: ``tree.xpath(string)`` compiles its expression on every call.
_GENERATOR_META = fast_xpath("//meta[@name='generator']/@content")
CANONICAL = fast_xpath("/descendant::link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href")
_H1 = fast_xpath("//h1")
_CONTENT_LANGUAGE = fast_xpath("//meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content")
# Byte strings of a WordPress page, each looked for with bytes.find (a fast scan for one
# string; a regex of the alternatives is tried at every "w" and "c" of the page, ~5x slower
# on a page without any). Case-blind would be 10x slower.
_WP_MARKERS = (b"wp-content", b"wp-includes", b"comment-reply", b"WordPress", b"Wordpress", b"wordPress",
               b"wordpress")


class _LinksEndingWith:
    """A row ``//a[substring(@href, string-length(@href) - N) = 'suffix']`` as a Python
    test over the page's links: libxml2 spends ~1 us per link on the three string
    functions, more than ``str.endswith`` with the loop around it."""

    def __init__(self, path: str, suffix: str) -> None:
        self.path = path
        self.suffix = suffix

    def __call__(self, tree: HtmlElement, present: frozenset[str] | None = None) -> list[HtmlElement]:
        suffix = self.suffix
        return [a for a in tree.iter("a") if (a.get("href") or "").endswith(suffix)]


_HREF_SUFFIX = re.compile(r"//a\[substring\(@href, string-length\(@href\) - (\d+)\) = '([^']*)'\]")


Selector = Row | _LinksEndingWith


def _compile(paths: list[str]) -> list[Selector]:
    rows: list[Selector] = []
    for path in paths:
        suffix = _HREF_SUFFIX.fullmatch(path)
        if suffix and int(suffix.group(1)) + 1 == len(suffix.group(2)):
            rows.append(_LinksEndingWith(path, suffix.group(2)))
        else:
            rows.append(Row(path))
    return rows


_TITLE = _compile(TITLE)
_PUBLISHED = _compile(PUBLISHED)
_PUBLISHED_TEXT = _compile(PUBLISHED_TEXT)
_PUBLISHED_ANY = _compile(PUBLISHED_ANY)
_UPDATED = _compile(UPDATED)
_AUTHORS = _compile(AUTHORS)
_COMMENT_COUNT = _compile(COMMENT_COUNT)
_COMMENT_LINK_COUNT = _compile(COMMENT_LINK_COUNT)


def first_match(tree: HtmlElement, rows: list[Selector], scope: PostScope | None = None) -> list[Any]:
    """Matches of the first selector that finds anything (inside the post, given a scope)."""
    present = scope.class_tokens if scope is not None else None
    for row in rows:
        found = list(row(tree, present))
        if scope is not None:
            found = scope.filter(found)
        if found:
            return found
    return []


_LISTED_BYLINES = 3


def _without_listed_bylines(nodes: list[HtmlElement]) -> list[HtmlElement]:
    """``nodes`` without the author elements that stand in three lines or more of one
    shape, apart from each other (each in a block of its own, the blocks alike): the
    bylines of a list of posts, a teaser's each ("Andy Kroll" under "Occupy Wall Street,
    …"), not the post's. A post's co-authors share one line."""
    lines = {node: node if (block := label_block(node)) is None else block for node in nodes}
    shapes: dict[tuple[str, str], set[HtmlElement]] = {}
    for line in lines.values():
        shapes.setdefault((line.tag, line.get("class") or ""), set()).add(line)
    listed = {shape for shape, alike in shapes.items() if len(alike) >= _LISTED_BYLINES
              and not any(a in alike for line in alike for a in line.iterancestors())}
    if not listed:
        return nodes
    return [node for node in nodes if (lines[node].tag, lines[node].get("class") or "") not in listed]


class WordPressParser(Layer):
    name = "wordpress"
    version = 1

    def applies(self, page: Page) -> bool:
        # The byte search first: it finds a WordPress page's markers in its first few
        # hundred bytes, where the generator test is an XPath pass over the whole tree.
        body = page.body
        if any(body.find(marker, 0, 200_000) >= 0 for marker in _WP_MARKERS):
            return True
        generator = _GENERATOR_META(page.tree)
        return bool(generator and _GENERATOR.search(str(generator[0])))

    def article(self, page: Page) -> dict[str, Any]:
        tree = page.tree
        languages = date_languages(page)
        scope = PostScope(tree)
        headline = self.headline(tree, scope)
        labels = post_labels(tree, scope)
        categories = labels.categories or breadcrumb_categories(tree, scope, page.url)
        return {
            "title": agreed_title(tree, headline),
            "published": self.date(tree, scope, _PUBLISHED, _PUBLISHED_TEXT, languages, _PUBLISHED_ANY)
            or dateline_after(headline if headline is not None else _first_h1(tree, scope), languages),
            "updated": self.date(tree, scope, _UPDATED, [], languages),
            **self.authors(tree, scope, labels.authors),
            "tags": labels.tags,
            "categories": categories,
            "body": container_body(page),
            "comment_count": self.comment_count(tree, scope),
        }

    def headline(self, tree: HtmlElement, scope: PostScope) -> HtmlElement | None:
        """The heading that agrees with the declared title, else the theme's title element.
        A theme's title rows also match teasers of other posts (``h2.entry-title`` in a
        "trending" box), so agreement decides first. Worked out once per page (the visible
        layer asks too)."""
        return remembered((self, "headline", tree, scope.root, scope.main), lambda: self._headline(tree, scope))

    def _headline(self, tree: HtmlElement, scope: PostScope) -> HtmlElement | None:
        themed = [el for row in _TITLE for el in scope.filter(row(tree, scope.class_tokens)) if inline_text(el)]
        return agreeing_heading(tree, scope, themed)

    def date(
        self, tree: HtmlElement, scope: PostScope, attrs: list[Row], texts: list[Row],
        languages: tuple[str, ...] | None, fallback: list[Row] | tuple = (),
    ) -> str | None:
        for value in first_match(tree, attrs, scope):
            parsed = parse_date(str(value), languages=languages)
            if parsed:
                return parsed
        for xpath in texts:
            for node in scope.filter(xpath(tree, scope.class_tokens)):
                parsed = parse_date_in(inline_text(node), languages=languages)
                if parsed:
                    return with_time(node, parsed, languages)[0] if len(parsed) == 10 else parsed
        for value in first_match(tree, fallback, scope):
            parsed = parse_date(str(value), languages=languages)
            if parsed:
                return parsed
        return None

    def authors(self, tree: HtmlElement, scope: PostScope, archive_names: list[str]) -> dict[str, Any]:
        found = [node for node in first_match(tree, _AUTHORS, scope)
                 if (node.tag != "a" or _names_a_person(node)) and not in_hidden_box(node)]
        found = _without_listed_bylines(found)
        names: list[str] = []
        for node in found:
            for name in clean_byline(inline_text(node)):
                if name not in names:
                    names.append(name)
        if not names:
            names = [n for name in archive_names for n in clean_byline(name)]
        byline = inline_text(found[0]) if found else (", ".join(archive_names) or None)
        return {"authors": names, "byline": byline}

    def comment_count(self, tree: HtmlElement, scope: PostScope) -> int | None:
        """The first comment counter that holds a number: thread headings (which sit in the
        comment area, so no post scope), then the post header's link to its comments.
        Worked out once per page (the visible layer asks too)."""
        return remembered((self, "comment_count", tree, scope.root, scope.main),
                          lambda: self._comment_count(tree, scope))

    def _comment_count(self, tree: HtmlElement, scope: PostScope) -> int | None:
        for rows, within in ((_COMMENT_COUNT, None), (_COMMENT_LINK_COUNT, scope)):
            for row in rows:
                for node in row(tree, scope.class_tokens):
                    if within is not None and not within.belongs(node):
                        continue
                    count = declared_count(inline_text(node))
                    if count is not None:
                        return count
        return None

    def comments(self, page: Page, context: CommentContext) -> list[Comment] | None:
        return extract_comments(page, context)

    def comment_pages(self, page: Page) -> list[str]:
        return comment_page_links(page)


_COMMENT_PAGE_LINK = re.compile(r"comment-page-\d+|[?&]cpage=\d+")
# Link texts of comment pagination whatever the URL scheme ("« Older Comments", "Ältere Kommentare").
_COMMENT_PAGE_TEXT = re.compile(
    r"^\W*(?:older|newer|previous|next|earlier|later|ältere|neuere|vorherige|nächste|"
    r"anteriores|siguientes|précédents|suivants)\s+(?:comments?|kommentare|comentarios|commentaires)\W*$",
    re.IGNORECASE,
)


def _candidate_links(tree: HtmlElement) -> list[tuple[HtmlElement, str, bool]]:
    """(link, href, found by URL): links to a comment-page URL, or whose text names
    comments in some language. One pass in Python: an XPath ``contains()`` costs libxml2
    ~0.5 us a call, more than this loop spends on a link."""
    found = []
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if href is None:
            continue
        if "comment-page-" in href or "cpage=" in href:
            found.append((anchor, href, bool(_COMMENT_PAGE_LINK.search(href))))
            continue
        text = anchor.text_content() if len(anchor) else anchor.text
        # Link texts worth the pagination regex ("Comments", "COMMENTS", "Comentarios").
        if text and ("omment" in text or "OMMENT" in text or "omentario" in text):
            found.append((anchor, href, False))
    return found


def comment_page_links(page: Page) -> list[str]:
    """Links to this post's other comment pages ("Older/Newer Comments", page numbers).

    Links to comment pages of *other* posts (a "recent comments" widget) are left out: a
    link counts when it leads to this post (by page URL or canonical URL), or, for links
    found by their text only, when it stays on the same site. Worked out once per page:
    on a page without comments every layer that reads them asks in turn.
    """
    return list(remembered(("comment page links", page.tree, page.url), lambda: _comment_page_links(page)))


def _comment_page_links(page: Page) -> list[str]:
    own = _own_post_urls(page)
    hosts = {_host(u) for u in own}
    links: list[str] = []
    for anchor, href, by_url in _candidate_links(page.tree):
        if not by_url and not _COMMENT_PAGE_TEXT.match(" ".join(anchor.text_content().split())[:60]):
            continue
        url = page.absolute(href)
        if not url:
            continue
        url = url.split("#")[0]
        belongs = _same_post(url, own) if by_url else _host(url) in hosts
        if belongs and url not in links and url != page.url:
            links.append(url)
    return links


def _own_post_urls(page: Page) -> set[str]:
    canonical = CANONICAL(page.tree)
    urls = {post_url(page.url)}
    if canonical:
        absolute = page.absolute(str(canonical[0]))
        if absolute:
            urls.add(post_url(absolute))
    return {_comparable(u) for u in urls}


def _comparable(url: str) -> str:
    """A URL without scheme and trailing slash, for "same post" comparisons."""
    return re.sub(r"^[a-z]+://", "", url).rstrip("/")


def _same_post(url: str, own: set[str]) -> bool:
    return _comparable(post_url(url)) in own


def _host(url: str) -> str:
    return _comparable(url).split("/")[0].lower()


def _first_h1(tree: HtmlElement, scope: PostScope) -> HtmlElement | None:
    return next(iter(scope.filter(_H1(tree))), None)


def _language_tag(page: Page) -> str | None:
    value = page.tree.get("lang") or page.tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not value:
        metas = _CONTENT_LANGUAGE(page.tree)
        value = str(metas[0]) if metas else page.header("content-language")
    return value.strip().replace("_", "-").lower() if value else None


def page_language(page: Page) -> str | None:
    """The page's primary language subtag from ``<html lang>`` or Content-Language."""
    value = _language_tag(page)
    if not value:
        return None
    primary = value.split("-")[0]
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


# English outside North America writes numeric dates day first ("12/04/2020" is 12 April).
_DAY_FIRST_ENGLISH = frozenset({"gb", "uk", "au", "nz", "ie", "in", "za", "sg", "hk", "mt", "ng", "ke", "pk"})


def date_languages(page: Page) -> tuple[str, ...] | None:
    """The languages to read the page's dates in: ``("en-gb",)`` for day-first English
    (``en-GB``, ``en-AU``…), which :mod:`archiver.dates` reads as English written day first."""
    tag = _language_tag(page)
    language = page_language(page)
    if not language:
        return None
    region = tag.split("-")[1] if tag and "-" in tag else ""
    return ("en-gb",) if language == "en" and region in _DAY_FIRST_ENGLISH else (language,)


PARSER = WordPressParser()


_PROFILE_PATH = re.compile(r"/(?:author|authors|autor|autoren|auteur|user|users|profile|profiles|people|staff|members?|"
                           r"redaktion|journalist|writers?|contributors?)(?:/|$|\?)", re.IGNORECASE)
_BY_BEFORE = re.compile(r"(?:\b(?:by|von|par|por|di|door|av|przez|and|und|et|y|e)|[,&])\s*$", re.IGNORECASE)


def _names_a_person(link: HtmlElement) -> bool:
    """Whether a link in a byline block names its author: marked so (``rel=author``, an
    author class), pointing at a profile, or right after "by"/"and"/",". A byline block
    also holds the permalink, the section ("in FSU Football") and share buttons."""
    if "author" in (link.get("rel") or "") or "author" in (link.get("class") or "") or "fn" in (link.get("class") or "").split():
        return True
    href = link.get("href") or ""
    if _PROFILE_PATH.search(href.split("#")[0]):
        return True
    previous = link.getprevious()
    before = (previous.tail if previous is not None else (link.getparent().text if link.getparent() is not None else "")) or ""
    return bool(_BY_BEFORE.search(before))
