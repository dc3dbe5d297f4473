"""The title a page declares for itself, folded for comparison with what it shows.

The headline finder (:mod:`archiver.parsers.headline`) and the main-post finder
(:mod:`archiver.parsers.scope`) both ask which heading the page's own title agrees with:
``og:title`` / ``twitter:title`` and ``<title>``, compared with case, spaces and
punctuation left out.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from archiver.parsers.text import collapse, inline_text
from archiver.parsers.xpath import fast_xpath

DECLARED = fast_xpath(
    "//meta[@property='og:title' or @name='og:title' or @name='twitter:title' or @property='twitter:title']/@content"
)
_FOLD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Text reduced to lower-case letters and digits, for comparing titles."""
    return _FOLD.sub("", text).casefold()


def declared_titles(tree: HtmlElement) -> tuple[list[str], str]:
    """(og/twitter titles, the ``<title>`` text), folded for comparison."""
    metas = [fold(str(v)) for v in DECLARED(tree)]
    title = fold(tree.findtext(".//title") or "")
    return [m for m in metas if m], title


def agrees(heading: str, metas: list[str], title: str) -> bool:
    """A folded heading that is a declared title, or the start of the ``<title>``."""
    return len(heading) >= 8 and (heading in metas or title.startswith(heading))


def without_badge(heading: HtmlElement) -> str | None:
    """The heading's text without the label it opens with, when it opens with one: an
    element of four words at most before any text of the heading's own, icons aside
    ("<span class='badge'>Question</span> Forum statistics bug…", a forum's node link
    "<a>Ruby</a> <span>Ruby：极致的脚本语言</span>")."""
    if (heading.text or "").strip():
        return None
    badge = ""
    for child in heading:
        if isinstance(child.tag, str) and (badge := collapse(inline_text(child))):
            break
        if (child.tail or "").strip():
            return None  # words of the heading's own before any label
    text = collapse(inline_text(heading))
    if not badge or len(badge) > 30 or len(badge.split()) > 4 or not text.startswith(badge):
        return None
    rest = text[len(badge):].strip()
    return rest if len(rest) > len(badge) else None
