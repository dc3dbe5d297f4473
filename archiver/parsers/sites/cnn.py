"""CNN blogs of the 2011 era (``*.blogs.cnn.com``, WordPress.com VIP "cnn-blogs" theme).

The theme splits the post date and time into two blocks ("September 16th, 2011" and
"04:25 PM ET"), puts the byline as the body's first paragraph ("By Pentagon
Correspondent Barbara Starr") while the "Post by:" line is often empty, lists categories
after "Filed under:", and heads the thread with "soundoff (N Responses)".
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from archiver.dates import parse_date
from archiver.items import Comment
from archiver.page import Page
from archiver.parsers.base import CommentContext, Layer
from archiver.parsers.comments import declared_count, extract_comments
from archiver.parsers.text import clean_byline, inline_text, labels, text_of
from archiver.parsers.xpath import fast_xpath

_DATE = fast_xpath("//*[contains(@class, 'cnnBlogContentDateHead')]")
_TIME = fast_xpath("//*[contains(@class, 'cnnBlogContentTime')]")
_TITLE = fast_xpath("//*[contains(@class, 'cnnBlogContentTitle')]")
_CONTENT = fast_xpath("//*[contains(@class, 'cnnEntryContent')]")
_POST_BY = fast_xpath("//*[contains(@class, 'cnnPostBy')]//a")
_FILED_UNDER = fast_xpath("//*[contains(@class, 'cnnPostFiled')]//a")
_SOUNDOFF = fast_xpath("//*[contains(@class, 'cnnCommentsHead')]")
_BYLINE_PARAGRAPH = re.compile(r"^\s*by\s+\S", re.IGNORECASE)


class CnnBlogParser(Layer):
    name = "cnn_blogs"
    version = 1

    def applies(self, page: Page) -> bool:
        host = urlsplit(page.url).hostname or ""
        # find() with an end bound: the same test as searching a slice, without copying it.
        return host.endswith(".blogs.cnn.com") or page.body.find(b"cnnBlogContent", 0, 200_000) >= 0

    def article(self, page: Page) -> dict[str, Any]:
        tree = page.tree
        content = next(iter(_CONTENT(tree)), None)
        byline_el = _byline_paragraph(content)
        byline = inline_text(byline_el) if byline_el is not None else None
        post_by = [inline_text(a) for a in _POST_BY(tree) if inline_text(a)]
        return {
            "title": inline_text(next(iter(_TITLE(tree)), None)) or None,
            "published": self.published(tree),
            "authors": clean_byline(byline) or post_by,
            "byline": byline or (", ".join(post_by) or None),
            "body": text_of(content, skip=[byline_el] if byline_el is not None else []) or None,
            "categories": labels(_FILED_UNDER(tree)),
            "comment_count": declared_count(inline_text(next(iter(_SOUNDOFF(tree)), None))),
            "site_name": "CNN",
        }

    def published(self, tree: HtmlElement) -> str | None:
        day = inline_text(next(iter(_DATE(tree)), None))
        time = inline_text(next(iter(_TIME(tree)), None))
        return parse_date(f"{day} {time}".strip(), languages=("en",))

    def comments(self, page: Page, context: CommentContext) -> list[Comment] | None:
        return extract_comments(page, context)


def _byline_paragraph(content: HtmlElement | None) -> HtmlElement | None:
    if content is None:
        return None
    first = next(iter(content.iter("p")), None)
    if first is not None and _BYLINE_PARAGRAPH.match(inline_text(first)) and len(inline_text(first)) < 120:
        return first
    return None


PARSER = CnnBlogParser()
