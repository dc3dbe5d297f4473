"""Article fields from embedded metadata: JSON-LD, OpenGraph, ``article:*`` meta, ``rel=canonical``.

Metadata is what the publisher declares for machines. It comes after the visible markup
of a known CMS (the page header is what readers saw) and before the generic heuristics.
JSON-LD and OpenGraph are read from the shared lxml tree with extruct, which tolerates the
broken JSON that CMS plugins often emit.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from archiver.dates import parse_date
from archiver.items import Comment
from archiver.page import Page
from archiver.parsers.base import CommentContext, Layer
from archiver.parsers.ldcomments import ld_comments
from archiver.parsers.site import declared_names, folded, host_names, is_the_site
from archiver.parsers.text import clean_byline, collapse, is_plausible_name
from archiver.parsers.wordpress import CANONICAL, page_language
from archiver.parsers.xpath import fast_xpath
from archiver.threads import comment_page_number, post_url

logger = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
     "OpinionNewsArticle", "TechArticle", "ScholarlyArticle", "LiveBlogPosting", "Report", "Recipe",
     "SocialMediaPosting", "DiscussionForumPosting"}
)
PAGE_TYPES = frozenset({"WebPage", "ItemPage"})
META_PUBLISHED = ("article:published_time", "og:published_time", "datePublished", "date", "dc.date",
                  "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "pubdate")
META_UPDATED = ("article:modified_time", "og:updated_time", "dateModified", "last-modified", "dcterms.modified")
_CDATA = re.compile(r"^\s*(?:<!--|/\*\s*<!\[CDATA\[\s*\*/|//\s*<!\[CDATA\[)|(?:-->|/\*\s*\]\]>\s*\*/|//\s*\]\]>)\s*$")
_META = fast_xpath("//meta[(@property or @name or @itemprop) and (@content or @value)]")
LD_SCRIPTS = fast_xpath("//script[@type='application/ld+json']/text()")  # the texts of a page's JSON-LD blocks


class MetadataParser(Layer):
    name = "metadata"
    version = 1

    def article(self, page: Page) -> dict[str, Any]:
        meta = _meta_tags(page)
        ld, page_ld = _article_object(page)
        language = page_language(page) or _locale(meta.get("og:locale")) or _locale(ld.get("inLanguage"))
        languages = (language,) if language else None
        return {
            "canonical_url": self.canonical(page, meta),
            "title": _without_the_site(collapse(_text(ld.get("headline"))) or collapse(meta.get("og:title")),
                                       page, _publisher(ld)) or None,
            "published": _first_date(
                [ld.get("datePublished"), *map(meta.get, META_PUBLISHED), page_ld.get("datePublished")], languages
            ),
            "updated": _first_date(
                [ld.get("dateModified"), *map(meta.get, META_UPDATED), page_ld.get("dateModified")], languages
            ),
            "authors": _not_the_site(
                _ld_authors(ld.get("author")) or _meta_authors(meta) or _ld_authors(page_ld.get("author")),
                page, _publisher(ld)),
            # No labels: article:tag/section, keywords and JSON-LD articleSection are lists
            # for machines, not the labels a reader is shown (those come from the page).
            "comment_count": _int(ld.get("commentCount")),
            "language": language,
            "site_name": collapse(meta.get("og:site_name")) or _publisher(ld) or None,
        }

    def comments(self, page: Page, context: CommentContext) -> list[Comment] | None:
        """Comments declared in JSON-LD, only for pages without comment markup in the HTML."""
        if context.index is not None and getattr(context.index, "entries", None):
            return None
        article, _ = _article_object(page)
        return ld_comments(article, context) if article else None

    def canonical(self, page: Page, meta: _Meta) -> str | None:
        """The post's own URL as ``rel=canonical`` or ``og:url`` declare it, without a
        comment-page part or a fragment: block themes declare the comment page a post
        shows (``…/post/comment-page-3/#comments``), which is not the article's address."""
        links = CANONICAL(page.tree)
        href = str(links[0]) if links else meta.get("og:url")
        url = page.absolute(href) if href else None
        if not url:
            return None
        return post_url(url) if comment_page_number(url) is not None else url.partition("#")[0]


class _Meta(dict[str, list[str]]):
    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        values = super().get(key.lower())
        return values[0] if values else default

    def getall(self, key: str) -> list[str]:
        return super().get(key.lower(), [])


def declared_time(page: Page) -> str | None:
    """The moment the page declares the post published, to the minute or finer, from
    ``article:published_time`` and the like or the JSON-LD article; None when it declares
    a day only or nothing (a ``datePublished`` meta inside a comment's microdata is that
    comment's)."""
    meta = _meta_tags(page)
    ld, _page_ld = _article_object(page)
    keys = [key for key in META_PUBLISHED if key.lower() != "datepublished"]
    found = _first_date([ld.get("datePublished"), *(meta.get(key) for key in keys)], None)
    return found if found and len(found) > 10 else None


def _meta_tags(page: Page) -> _Meta:
    meta = _Meta()
    for el in _META(page.tree):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = collapse(el.get("content") if el.get("content") is not None else el.get("value"))
        if key and value and value not in meta.setdefault(key, []):
            meta[key].append(value)
    return meta


@lru_cache(maxsize=1)
def _jsonld() -> Any:
    """extruct's JSON-LD reader, imported on the first page that has JSON-LD: importing
    extruct loads all its syntaxes (rdflib, mf2py; ~30 MiB), which a crawling process that
    leaves parsing to its workers never needs."""
    from extruct.jsonld import JsonLdExtractor

    return JsonLdExtractor()


def _article_object(page: Page) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first JSON-LD object of an article type (looking inside ``@graph`` too), and the
    first WebPage object (whose dates are the post's when a plugin emits no Article)."""
    if not LD_SCRIPTS(page.tree):  # nothing for extruct (and no need to import it)
        return {}, {}
    try:
        documents = _jsonld().extract_items(page.tree, base_url=page.url)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        # One broken block must not hide the others: read the blocks one by one.
        logger.debug("unreadable JSON-LD on %s: %s", page.url, error)
        documents = _scripts_one_by_one(page)
    article: dict[str, Any] = {}
    recipe: dict[str, Any] | None = None
    webpage: dict[str, Any] = {}
    by_id: dict[str, dict[str, Any]] = {}
    for obj in jsonld_objects(documents):
        if isinstance(obj.get("@id"), str) and len(obj) > 1:
            by_id.setdefault(obj["@id"], obj)
        types = obj.get("@type") or obj.get("type")  # "type" without "@": a common slip, read anyway
        types = [t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)]
        if (not article or article is recipe) and any(t in ARTICLE_TYPES and t != "Recipe" for t in types):
            article = obj  # (the post's Article before a recipe card's Recipe, whichever comes first)
        elif not article and "Recipe" in types:
            article = recipe = obj
        elif not webpage and any(t in PAGE_TYPES for t in types):
            webpage = obj
    for obj in (article, webpage):  # an author given as a reference to a Person of the graph
        author = obj.get("author")
        if author is not None:
            obj["author"] = _resolved(author, by_id)
    return article, webpage


def _resolved(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """``{"@id": "#/person/1"}`` replaced by the object of the graph with that id."""
    if isinstance(value, list):
        return [_resolved(item, by_id) for item in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return by_id.get(value["@id"], value)
    return value


def _scripts_one_by_one(page: Page) -> list[Any]:
    documents = []
    for script in LD_SCRIPTS(page.tree):
        text = _CDATA.sub("", str(script)).strip()
        try:
            documents.append(json.loads(text, strict=False))
        except (ValueError, RecursionError):
            continue
    return documents


def jsonld_objects(value: Any) -> Iterator[dict[str, Any]]:
    """Objects of JSON-LD documents and their ``@graph`` lists, in document order.
    Iterative: a hostile page can nest lists deeper than Python's recursion limit."""
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            if "@graph" in item:
                stack.append(item["@graph"])


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def _first_date(candidates: list[Any], languages: tuple[str, ...] | None) -> str | None:
    """The first candidate that reads as a date; a day alone gives way to a later
    candidate's timestamp of the same day (JSON-LD "2013-08-27" beside
    article:published_time "2013-08-27T20:28:57+00:00")."""
    first: str | None = None
    for value in candidates:
        parsed = parse_date(_text(value), languages=languages)
        if not parsed:
            continue
        if first is None:
            first = parsed
            if len(first) > 10:
                return first
        elif len(parsed) > 10 and parsed[:10] == first:
            return parsed
    return first


def _ld_authors(value: Any) -> list[str]:
    """The people JSON-LD names as authors; an ``Organization`` (the site's own
    "Redakcja Forsal.pl", a publisher) is a credit, not a byline."""
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and _organisation(item):
            continue
        name = item.get("name") if isinstance(item, dict) else item
        name = _text(name)
        if name:
            for clean in clean_byline(name):
                if clean not in names:
                    names.append(clean)
    return names


_TITLE_TAIL = re.compile(r"\s+[|·•–—-]\s+([^|·•–—]{2,60})$")


def _without_the_site(title: str, page: Page, *site_names: str | None) -> str:
    """A declared title without the site's name after it ("Wie man … herstellt | homify",
    "Energiewende … - BMBF"), which plugins append to ``og:title`` as to ``<title>``."""
    match = _TITLE_TAIL.search(title) if title else None
    if match is None:
        return title
    declared, hosts = declared_names(page.tree, *site_names), host_names(page.url)
    tail = match.group(1)
    if is_the_site(tail, declared, hosts) or folded(tail) in hosts:
        return title[: match.start()].strip()
    return title


def _not_the_site(names: list[str], page: Page, *site_names: str | None) -> list[str]:
    """Declared authors without the site itself: plugins fill the author with the blog's
    name ("Eat What Tonight", "Lrt.lt" beside the columnist), a credit and no byline."""
    declared, hosts = declared_names(page.tree, *site_names), host_names(page.url)
    return [name for name in names if not is_the_site(name, declared, hosts)]


def _organisation(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and (k.endswith("Organization") or k in ("Corporation", "NewsMediaOrganization"))
               for k in kinds)


_WRITTEN_BY = re.compile(r"^(?:written by|geschrieben von|verfasst von|écrit par|escrito por|scritto da|autor|author)$",
                         re.IGNORECASE)


def _meta_authors(meta: _Meta) -> list[str]:
    for key in ("author", "article:author", "og:article:author", "dable:author", "parsely-author", "sailthru.author",
                "dc.creator"):  # (Korean CMSs write "og:article:author" and Dable's "dable:author")
        values = [v for v in meta.getall(key) if is_plausible_name(v)]
        if values:
            return [n for v in values for n in clean_byline(v)]
    for number in range(1, 5):  # Yoast: twitter:label1 "Written by", twitter:data1 "NAME"
        if _WRITTEN_BY.match(meta.get(f"twitter:label{number}") or ""):
            names = clean_byline(meta.get(f"twitter:data{number}"))
            if names:
                return names
    return []


def _publisher(ld: dict[str, Any]) -> str | None:
    publisher = ld.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    return collapse(_text(publisher.get("name"))) if isinstance(publisher, dict) else None


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _locale(value: Any) -> str | None:
    text = _text(value)
    if not text:
        return None
    primary = text.replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


PARSER = MetadataParser()
