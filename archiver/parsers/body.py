"""Article body text: from a known content container when the markup has one, else trafilatura.

Kept apart from the field parsers because body quality is measured on its own (the
extraction-benchmark F1, ``python -m tests.eval.body_f1``) and has its own speed budget:
the container path costs a few hundred microseconds, trafilatura ~18 ms a page.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from archiver.page import Page
from archiver.parsers.text import text_of


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# Blocks inside a post body that are not the post's text.
BODY_NOISE = etree.XPath(
    f".//*[{_cls('sharedaddy')} or {_cls('jp-relatedposts')} or {_cls('wp-block-buttons')}"
    f" or {_cls('share')} or {_cls('social')} or {_cls('addtoany_share_save_container')}"
    f" or {_cls('wpcnt')} or {_cls('post-tags')} or {_cls('tags-links')} or {_cls('cat-links')}"
    f" or {_cls('entry-meta')} or {_cls('entry-footer')} or {_cls('navigation')}"
    " or @id='jp-post-flair' or self::nav or self::aside]"
)


# Content containers of blog themes, most specific first (outside comments and sidebars).
BODY = [
    f"//*[{_cls('entry-content')}]",
    f"//*[{_cls('post-content')}]",
    "//*[@itemprop='articleBody']",
    f"//*[{_cls('article-content')}]",
    f"//*[{_cls('post-entry')}]",
    f"//*[{_cls('storycontent')}]",
    f"//*[{_cls('entry')}]",
]
_OUTSIDE = (
    "not(ancestor-or-self::*[@id='comments' or @id='respond' or @id='sidebar' or @id='secondary'"
    f" or {_cls('comments-area')} or {_cls('commentlist')} or {_cls('comment-list')} or {_cls('comment')}"
    f" or {_cls('widget')} or {_cls('sidebar')} or self::aside or self::nav])"
)
_BODY = [etree.XPath(f"({path})[{_OUTSIDE}]") for path in BODY]


def container_body(page: Page) -> str | None:
    """Body text from the theme's content container, for pages of a known CMS."""
    for xpath in _BODY:
        found = xpath(page.tree)
        if found:
            return container_text(found)
    return None


def fallback_body(page: Page) -> str | None:
    """Body text of any page, for the generic layer."""
    return extract_body(page.text, page.url)


def container_text(candidates: list[HtmlElement]) -> str | None:
    """Body text of the largest candidate content container, without share/related blocks."""
    if not candidates:
        return None
    container = max(candidates, key=lambda el: len(el.text_content() or ""))
    return text_of(container, skip=BODY_NOISE(container)) or None


def extract_body(html: str, url: str | None = None) -> str | None:
    """Main text of an arbitrary page with trafilatura, paragraphs separated by blank lines."""
    import trafilatura  # heavy import, only when a page needs the fallback

    text = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    if not text:
        return None
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
