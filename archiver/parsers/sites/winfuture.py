"""WinFuture (``winfuture.de``), a German tech news CMS (not WordPress).

Title, date, author and labels come from its metadata (``article:*``, JSON-LD), which the
metadata layer reads. What only the page's own markup says is the comment counter: a bare
number in the share bar (``div.social_link_comment``). The comments themselves live on a
separate page (``/news-kommentare,<id>.html``), loaded on demand, so a news page has a
counter and no comments (the note "comments not in HTML").
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from archiver.page import Page
from archiver.parsers.base import Layer
from archiver.parsers.text import first_int, inline_text
from archiver.parsers.xpath import fast_xpath

_COUNTER = fast_xpath("//*[contains(@class, 'social_link_comment')]/span[last()]")


class WinFutureParser(Layer):
    name = "winfuture"
    version = 1

    def applies(self, page: Page) -> bool:
        host = urlsplit(page.url).hostname or ""
        return host == "winfuture.de" or host.endswith(".winfuture.de")

    def article(self, page: Page) -> dict[str, Any]:
        counter = next(iter(_COUNTER(page.tree)), None)
        return {"comment_count": first_int(inline_text(counter)) if counter is not None else None}


PARSER = WinFutureParser()
