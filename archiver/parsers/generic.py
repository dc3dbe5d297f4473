"""The fallback for any news page: body by text density, title/date/author by common conventions.

It runs last and only fills fields no earlier layer found, so on a known CMS it costs
nothing but the cheap lookups. The body is the content container's or the page's main
text read in one walk (``body.fallback_body``, about a millisecond); trafilatura (~18 ms a
page) runs only where that reading is doubtful.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from archiver.dates import parse_date
from archiver.items import Comment
from archiver.page import Page
from archiver.parsers.base import CommentContext, Layer
from archiver.parsers.body import fallback_body
from archiver.parsers.comments import extract_comments
from archiver.parsers.headline import agreeing_heading
from archiver.parsers.postdate import htmldate_date, url_date
from archiver.parsers.scope import PostScope
from archiver.parsers.text import collapse, inline_text
from archiver.parsers.wordpress import comment_page_links, page_language
from archiver.parsers.xpath import fast_xpath

_TITLE_SEPARATORS = re.compile(r"\s+[|–—»:·-]\s+")
_H1 = fast_xpath("//h1[not(ancestor::header[@id='masthead']) and normalize-space()]")
_BYLINE = fast_xpath(
    "//*[contains(@class, 'byline') or contains(@class, 'author-name')"
    " or contains(concat(' ', normalize-space(@rel), ' '), ' author ')"
    " or contains(@class, 'article-author') or @itemprop='author']"
)
_FIELDS = ("title", "published", "body", "language")
_TIME = fast_xpath("//time[@datetime][not(ancestor::*[contains(@class, 'comment')])]/@datetime")


class GenericParser(Layer):
    name = "generic"
    version = 1

    def article(self, page: Page) -> dict[str, Any]:
        # Zero-argument callables: the registry calls one only if earlier layers left it empty.
        # A ``<time datetime>`` is read at once: it may refine a day-only date of an earlier layer.
        fields: dict[str, Any] = {key: partial(getattr(Fallbacks, key), page) for key in _FIELDS}
        fields["published"] = Fallbacks.time_element(page) or partial(Fallbacks.published, page)
        return fields

    def comments(self, page: Page, context: CommentContext) -> list[Comment] | None:
        return extract_comments(page, context)

    def comment_pages(self, page: Page) -> list[str]:
        return comment_page_links(page)


class Fallbacks:
    """One function per field, each a plain convention any news page may follow."""

    @staticmethod
    def title(page: Page) -> str | None:
        """The heading that agrees with the declared title, else the first h1 of the post (not
        one in the comments, a sidebar or a menu), else <title>."""
        scope = PostScope(page.tree)
        agreeing = agreeing_heading(page.tree, scope)
        if agreeing is not None:
            return inline_text(agreeing) or None
        h1 = [heading for heading in _H1(page.tree) if scope.belongs(heading)]  # not a comment form's "Send a comment"
        if h1:
            return inline_text(h1[0]) or None
        title = page.tree.findtext(".//title")
        if not title:
            return None
        parts = _TITLE_SEPARATORS.split(collapse(title))
        return max(parts, key=len) if parts else None

    @staticmethod
    def time_element(page: Page) -> str | None:
        """The first ``<time datetime>`` outside comments."""
        for value in _TIME(page.tree):
            parsed = parse_date(str(value))
            if parsed:
                return parsed
        return None

    @staticmethod
    def published(page: Page) -> str | None:
        """The day in the permalink, else htmldate's search over the whole page (the
        costliest, so the last)."""
        return url_date(page.url) or htmldate_date(page)


    @staticmethod
    def body(page: Page) -> str | None:
        """The content container's text, else the page's main text by density; trafilatura
        only where that reading is doubtful (see ``archiver.parsers.body``)."""
        return fallback_body(page)

    @staticmethod
    def language(page: Page) -> str | None:
        return page_language(page)


PARSER = GenericParser()
