"""The post header as any page shows it: headline, date, byline, labels, comment counter.

The CMS layers know a theme's names for these; this layer finds them on pages of any
platform by what they are (a headline agreeing with the declared title, a date line
near it, a "By …" line or an element named for the author, label links by where they
point), inside the post and never in comments, sidebars or teasers
(:class:`~archiver.parsers.scope.PostScope`). It comes after the CMS layers, which win
where they know the markup, and before the metadata, which describes the page for
machines rather than what readers saw.
"""

from __future__ import annotations

from functools import cache, partial
from typing import Any

from lxml.html import HtmlElement

from archiver.page import Page
from archiver.parsers.base import Layer
from archiver.parsers.byline import box_heading_names, find_byline
from archiver.parsers.headline import agreed_title, post_heading
from archiver.parsers.postdate import timed_by_byline, visible_dates
from archiver.parsers.scope import PostScope
from archiver.parsers.site import declared_names, host_names, is_the_site
from archiver.parsers.taxonomy import archive_categories, breadcrumb_categories, kicker_categories, post_labels
from archiver.parsers.wordpress import PARSER as WORDPRESS
from archiver.parsers.wordpress import date_languages


class VisibleParser(Layer):
    name = "page"
    version = 1

    def article(self, page: Page) -> dict[str, Any]:
        # Every layer's dates are read (a later, more precise one may refine an earlier),
        # so the dates are worked out now. The other fields are zero-argument callables the
        # registry calls only when the layers before left the field empty: on a page the
        # CMS layer read, the byline search, the title and the labels cost nothing.
        tree = page.tree
        languages = date_languages(page)
        scope = PostScope(tree)
        headline = WORDPRESS.headline(tree, scope)
        if headline is None:
            headline = post_heading(scope)
        published, updated = visible_dates(tree, scope, headline, languages)
        byline = cache(partial(_byline, tree, scope, headline, page.url))
        if published and len(published) == 10:  # the time a byline shows ("Posted by NAME at 2:24 AM")
            published = timed_by_byline(published, byline()[1])
        return {
            "title": partial(agreed_title, tree, headline),
            "published": published,
            "updated": updated if updated != published else None,
            "authors": lambda: byline()[0],
            "byline": lambda: byline()[1],
            "tags": lambda: post_labels(tree, scope).tags,
            "categories": partial(_categories, tree, scope, page.url, headline),
            "comment_count": partial(WORDPRESS.comment_count, tree, scope),
        }


def _byline(tree: HtmlElement, scope: PostScope, headline: HtmlElement | None, url: str) -> tuple[list[str], str | None]:
    """(names, byline as shown): the post's byline, else the names its author-archive
    labels give. The site named after a person is where they write ("Troy L. Smith,
    Cleveland.com"), not a second author."""
    names, byline = find_byline(tree, scope, headline, url)
    if len(names) > 1:
        declared, hosts = declared_names(tree), host_names(url)
        names = names[:1] + [name for name in names[1:] if not is_the_site(name, declared, hosts)]
    authors = post_labels(tree, scope).authors
    if not names and authors:
        names, byline = authors, ", ".join(authors)
    if not names:
        names = box_heading_names(tree, scope)
        byline = names[0] if names else None
    return names, byline


def _categories(tree: HtmlElement, scope: PostScope, url: str, headline: HtmlElement | None) -> list[str]:
    """The post's category labels, else the sections its breadcrumb trail names, else the
    section label above its headline."""
    labels = post_labels(tree, scope)
    return (labels.categories or breadcrumb_categories(tree, scope, url)
            or kicker_categories(tree, headline, url, labels.tags) or archive_categories(tree, scope, labels.tags))


PARSER = VisibleParser()
