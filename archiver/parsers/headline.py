"""The post's headline element, found by agreement with the title the page declares.

A page has many headings: the site name in an ``h1``, widget titles, a newsletter box's
"While you are here…". The headline is the heading whose text the page also declares as
its title (``og:title``, ``twitter:title``, or the start of ``<title>`` before the site
suffix). The date line of old themes ("8. Dezember 2010 um 09:43 · Rezepte · 6
Kommentare") sits right after that heading, so it is found from there too.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from archiver.dates import parse_date_in
from archiver.parsers.scope import PostScope
from archiver.parsers.text import collapse, inline_text
from archiver.parsers.xpath import fast_xpath

HEADINGS = fast_xpath("//h1 | //h2 | //h3")
_DECLARED = fast_xpath(
    "//meta[@property='og:title' or @name='og:title' or @name='twitter:title' or @property='twitter:title']/@content"
)
_MAX_HEADINGS = 40
_FOLD = re.compile(r"[\W_]+", re.UNICODE)


def _fold(text: str) -> str:
    """Text reduced to lower-case letters and digits, for comparing titles."""
    return _FOLD.sub("", text).casefold()


def declared_titles(tree: HtmlElement) -> tuple[list[str], str]:
    """(og/twitter titles, the ``<title>`` text), folded for comparison."""
    metas = [_fold(str(v)) for v in _DECLARED(tree)]
    title = _fold(tree.findtext(".//title") or "")
    return [m for m in metas if m], title


def agreeing_heading(tree: HtmlElement, scope: PostScope) -> HtmlElement | None:
    """The first post heading whose text equals a declared title or begins ``<title>``."""
    metas, title = declared_titles(tree)
    if not metas and not title:
        return None
    for heading in HEADINGS(tree)[:_MAX_HEADINGS]:
        text = _fold(inline_text(heading))
        if len(text) < 4 or not scope.belongs(heading):
            continue
        if text in metas or (title.startswith(text) and len(text) * 3 >= len(title)):
            return heading
    return None


def dateline_after(heading: HtmlElement | None, languages: tuple[str, ...] | None) -> str | None:
    """A date in the first blocks after the headline (old themes' post-meta line)."""
    if heading is None:
        return None
    node = heading
    for _ in range(3):
        node = node.getnext()
        if node is None or not isinstance(node.tag, str):
            break
        text = collapse(inline_text(node))
        if text and len(text) <= 200:
            found = parse_date_in(text, languages=languages)
            if found:
                return found
    return None
