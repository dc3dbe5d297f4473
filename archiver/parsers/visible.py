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

from typing import Any

from archiver.page import Page
from archiver.parsers.base import Layer
from archiver.parsers.byline import find_byline
from archiver.parsers.headline import agreed_title, post_heading
from archiver.parsers.postdate import timed_by_byline, visible_dates
from archiver.parsers.scope import PostScope
from archiver.parsers.taxonomy import breadcrumb_categories, kicker_categories, post_labels
from archiver.parsers.text import inline_text
from archiver.parsers.wordpress import PARSER as WORDPRESS
from archiver.parsers.wordpress import date_languages


class VisibleParser(Layer):
    name = "page"
    version = 1

    def article(self, page: Page) -> dict[str, Any]:
        tree = page.tree
        languages = date_languages(page)
        scope = PostScope(tree)
        headline = WORDPRESS.headline(tree, scope)
        if headline is None:
            headline = post_heading(scope)
        labels = post_labels(tree, scope)
        names, byline = find_byline(tree, scope, headline)
        published, updated = visible_dates(tree, scope, headline, languages)
        published = timed_by_byline(published, byline)
        if not names and labels.authors:
            names, byline = labels.authors, ", ".join(labels.authors)
        categories = (labels.categories or breadcrumb_categories(tree, scope, page.url)
                      or kicker_categories(tree, headline, page.url, labels.tags))
        return {
            "title": agreed_title(tree, headline),
            "published": published,
            "updated": updated if updated != published else None,
            "authors": names,
            "byline": byline,
            "tags": labels.tags,
            "categories": categories,
            "comment_count": WORDPRESS.comment_count(tree, scope),
        }


PARSER = VisibleParser()
