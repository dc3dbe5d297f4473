"""Article body text: from a known content container when the markup has one, else trafilatura.

Kept apart from the field parsers because body quality is measured on its own (the
extraction-benchmark F1, ``python -m tests.eval.body_f1``) and has its own speed budget:
the container path costs a few hundred microseconds, trafilatura ~18 ms a page.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

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
