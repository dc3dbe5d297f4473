"""The parser contract: a layer reads a :class:`~archiver.page.Page` and returns what it found.

Layers are consulted in registry order (site, CMS, embedded metadata, generic). Each one
returns a partial set of article fields and, optionally, the page's comments; the registry
keeps the first non-empty value of every field, so a specific layer always wins over a
general one and a general one fills what the specific one missed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from archiver.items import Article, Comment
from archiver.page import Page


@dataclass
class CommentContext:
    """What comment extraction needs to know about the article it belongs to."""

    article_url: str
    language: str | None = None
    published: str | None = None  # the article's date: the year for year-less comment dates
    index: Any = None  # the page's comments.CommentIndex, built once by parse_page
    date_languages: tuple[str, ...] | None = None  # as wordpress.date_languages: "en-gb" reads day first

    @property
    def languages(self) -> tuple[str, ...] | None:
        if self.date_languages:
            return self.date_languages
        return (self.language,) if self.language else None


@dataclass
class ParseResult:
    """Everything read from one page: the article, its comments, and links to more comment pages."""

    article: Article | None
    comments: list[Comment] = field(default_factory=list)
    comment_pages: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dropped: int = 0  # comment records without text: never emitted, counted here
    platforms: list[Any] = field(default_factory=list)  # the comment platforms it uses (archiver.platforms.detect)

    def items(self) -> list[Article | Comment]:
        """The article first, then the comments in page order."""
        head: list[Article | Comment] = [self.article] if self.article else []
        return head + list(self.comments)


class Layer:
    """Base class of a parser layer. Subclasses override what they can read.

    ``article`` returns a dict of :class:`~archiver.items.Article` field values (missing or
    empty means "no opinion"). ``comments`` returns None when the layer does not recognise
    the page's comment markup, and a list (possibly empty) when it does.
    """

    name: ClassVar[str] = "layer"
    version: ClassVar[int] = 1

    def applies(self, page: Page) -> bool:
        return True

    def article(self, page: Page) -> dict[str, Any]:
        return {}

    def comments(self, page: Page, context: CommentContext) -> list[Comment] | None:
        return None

    def comment_pages(self, page: Page) -> list[str]:
        return []

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"
