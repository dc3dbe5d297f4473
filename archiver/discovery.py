"""Which links of a fetched page lead to more of the blog: pure functions over a Page.

The spider asks three questions of every response: what kind of page is it (a post, a
listing of posts, a feed, a sitemap), which links lead to posts, listing pages and comment
pages, and whether a link is in the crawl's scope. Keeping the answers here, away from
Scrapy, lets them be tested on saved pages and reused by other crawlers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from archiver.dates import parse_date
from archiver.page import Page
from archiver.parsers.wordpress import comment_page_links as wordpress_comment_pages
from archiver.parsers.xpath import class_index

LINK_CACHE_SIZE = 1 << 13


class PageKind(str, Enum):
    POST = "post"
    LISTING = "listing"
    FEED = "feed"
    SITEMAP = "sitemap"
    OTHER = "other"


# WordPress date permalinks (/2011/09/16/slug/) and ?p=123 short links.
_DATED_PERMALINK = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)/(?:(?P<d>[0-3]\d)/)?[^/?#]+(?:\.html?|/)?$")
_COMMENT_PAGE_PATH = re.compile(r"/comment-page-\d+/?$")
_LISTING_PAGE = re.compile(r"/page/\d+/?$|[?&]paged=\d+")
_TAXONOMY = re.compile(r"/(?:category|tag|topics?|section)/[^/]+/?(?:page/\d+/?)?$")
# Links that never hold new content: reply forms, login, comment feeds, assets.
_JUNK_QUERY = frozenset({"replytocom", "share", "like", "action", "redirect_to", "print"})
_JUNK_PATH = re.compile(
    r"/(?:wp-login\.php|wp-admin/|wp-comments-post\.php|xmlrpc\.php|wp-json/|feed/(?:atom/|rss/)?$|"
    r"comments/feed/?$|trackback/?$|amp/?$)|\.(?:jpe?g|png|gif|webp|svg|css|js|ico|pdf|zip|mp[34]|woff2?)$",
    re.IGNORECASE,
)
# An absolute http(s) link with no query, fragment, upper case host or anything but
# printable ASCII: already in the form _clean_link gives, so it skips urlsplit/urlunsplit.
_PLAIN_LINK = re.compile(r"https?://([a-z0-9.:\-]+)(/[!-\"$-~]*)?")
_OLDER_TEXT = re.compile(r"older (?:posts|entries)|next page|previous (?:posts|entries)|newer (?:posts|entries)", re.IGNORECASE)

_BOOKMARKS = etree.XPath(
    "//*[self::h1 or self::h2 or self::h3][contains(@class, 'title') or ancestor::*[contains(@class, 'hentry')"
    " or self::article]]//a[@href] | //a[contains(concat(' ', normalize-space(@rel), ' '), ' bookmark ')]"
)
# Where listing pagination and taxonomy links live: links with these rel tokens, and links
# inside elements whose class contains one of these names. Found through the page's class
# index and its anchors rather than XPath scans of every element (~1 ms a page).
_PAGINATION_RELS = frozenset({"next", "prev"})
_PAGINATION_CLASSES = ("navigation", "nav-links", "pagination", "nav-previous", "nav-next", "wp-pagenavi")
_HEAD_PAGINATION = etree.XPath("//link[@rel='next' or @rel='prev']")
_TAXONOMY_RELS = frozenset({"tag", "category"})
_TAXONOMY_CLASSES = ("widget_categories", "tagcloud", "cat-item")
_SINGLE_MARKERS = etree.XPath(
    "//body[contains(concat(' ', normalize-space(@class), ' '), ' single ')]"
    " | //meta[@property='og:type'][@content='article']"
)
# Post entries on a page; the <article> elements many themes use for each comment are not.
_ENTRIES = etree.XPath(
    "(//*[contains(concat(' ', normalize-space(@class), ' '), ' hentry ')] | //article)"
    "[not(ancestor-or-self::*[@id='comments' or contains(concat(' ', normalize-space(@class), ' '), ' comment ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comment-body ')"
    " or contains(@class, 'commentlist') or contains(@class, 'comment-list') or contains(@class, 'comments-area')])]"
)
_ENTRY_HEADLINE = etree.XPath(".//h1")
_STATIC_PAGE = etree.XPath("//body[contains(concat(' ', normalize-space(@class), ' '), ' page ')]")
_COMMENT_AREA = etree.XPath("//*[@id='comments' or @id='respond' or contains(@class, 'commentlist') or contains(@class, 'comment-list')]")


def clean_link(url: str | None) -> str | None:
    """``url`` without its fragment, None for links that never lead to new content.

    The fragment is cut before the memoised part: ``.../post/#comment-97825`` links, one
    per comment and never repeated, all share the cache entry of ``.../post/``.
    """
    return _clean_link(url.partition("#")[0] if "#" in url else url) if url else None


# Blog pages repeat the same few hundred links (menus, sidebars, tag clouds) on every page,
# so link normalisation is memoised. The caches are LRU and small: the repeated links stay
# hot, while links seen on one page only (comment anchors, reply links, most permalinks)
# pass through. Bigger caches hardly raise the hit rate but grow a long crawl's memory
# (65,536 entries each held ~70 MiB on a 5,000-post site).
@lru_cache(maxsize=LINK_CACHE_SIZE)
def _clean_link(url: str) -> str | None:
    plain = _PLAIN_LINK.fullmatch(url)
    if plain is not None and "?" not in url:  # the common case, ~10x cheaper
        path = plain.group(2)
        if path and _JUNK_PATH.search(path):
            return None
        return url if path else url + "/"
    return _clean_parsed(url)


def _clean_parsed(url: str) -> str | None:
    """:func:`_clean_link` the long way, through urlsplit; the reference for the fast path."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(key in _JUNK_QUERY for key, _ in query) or _JUNK_PATH.search(parts.path):
        return None
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def _resolve(base: str, href: str) -> str | None:
    """A page's ``href`` as a clean absolute link (what ``clean_link(page.absolute(href))`` gives).

    The fragment goes first (resolving and cleaning drop it anyway), so the per-comment
    anchors of a thread resolve through one cache entry.
    """
    href = href.strip()
    if "#" in href:
        href = href.partition("#")[0]
    if href.startswith(("http://", "https://")):
        return _resolve_from("", href)  # absolute: the same result on every page
    if href.startswith("/") and not href.startswith("//"):
        return _resolve_from(_site_root(base), href)  # same on every page of the host
    return _resolve_from(base, href)


@lru_cache(maxsize=256)
def _site_root(base: str) -> str:
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}/"


# Memoised per (base, href); absolute and root-relative links get a base shared by all
# pages of the site, so the menus and sidebars every page repeats are resolved once.
@lru_cache(maxsize=LINK_CACHE_SIZE)
def _resolve_from(base: str, href: str) -> str | None:
    if not href or href.startswith(("javascript:", "mailto:", "data:")):
        return None
    try:
        return clean_link(urljoin(base, href) if base else href)
    except ValueError:
        return None


def _anchors(page: Page) -> list[tuple[Any, str]]:
    """Every ``<a href>`` of the page with its clean link, computed once per page and shared
    by the link finders below (each used to resolve all of the page's links again)."""
    cached = page.__dict__.get("_discovery_anchors")
    if cached is None:
        base = page.base_url
        cached = []
        for node in page.tree.iter("a"):
            href = node.get("href")
            link = _resolve(base, href) if href else None
            if link:
                cached.append((node, link))
        page.__dict__["_discovery_anchors"] = cached
    return cached


@lru_cache(maxsize=LINK_CACHE_SIZE)
def post_url_of(url: str) -> str:
    """The post a comment page belongs to: ``.../slug/comment-page-3/`` → ``.../slug/``."""
    if "comment-page-" not in url and "?" not in url and _PLAIN_LINK.fullmatch(url):
        return url  # nothing to take off, and already in urlunsplit's form
    return _post_url_parsed(url)


def _post_url_parsed(url: str) -> str:
    """:func:`post_url_of` the long way, through urlsplit; the reference for the fast path."""
    parts = urlsplit(url)
    path = _COMMENT_PAGE_PATH.sub("/", parts.path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "cpage"]
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


@lru_cache(maxsize=LINK_CACHE_SIZE)
def is_comment_page(url: str) -> bool:
    return post_url_of(url) != clean_link(url)


@lru_cache(maxsize=LINK_CACHE_SIZE)
def looks_like_post_url(url: str) -> bool:
    path = urlsplit(url).path
    return bool(_DATED_PERMALINK.search(path)) and not _LISTING_PAGE.search(path)


def url_date(url: str) -> str | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM-01``) from a dated permalink, None otherwise."""
    match = _DATED_PERMALINK.search(urlsplit(post_url_of(url)).path)
    if not match:
        return None
    return f"{match['y']}-{match['m']}-{match['d'] or '01'}"


def classify(page: Page) -> PageKind:
    """Post, listing, feed or sitemap, from content type, root element and markup."""
    head = page.body[:2048].lstrip().lower()
    xml_type = page.content_type.endswith("xml") or head.startswith(b"<?xml")
    if xml_type or not page.looks_like_html():
        if b"<urlset" in head or b"<sitemapindex" in head:
            return PageKind.SITEMAP
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return PageKind.FEED
        if xml_type and "html" not in page.content_type:
            return PageKind.OTHER
    if not page.looks_like_html():
        return PageKind.OTHER
    if _SINGLE_MARKERS(page.tree):
        return PageKind.POST
    if _STATIC_PAGE(page.tree):  # WordPress "page" (About, Contact): not a post
        return PageKind.OTHER
    entries = _ENTRIES(page.tree)
    if len(entries) == 1 and (_COMMENT_AREA(page.tree) or _ENTRY_HEADLINE(entries[0])):
        return PageKind.POST
    if looks_like_post_url(page.url) and len(entries) <= 1:
        return PageKind.POST
    return PageKind.LISTING


def _links(page: Page, nodes: Iterable[object]) -> list[str]:
    base = page.base_url
    links = (_resolve(base, node.get("href") or "") for node in nodes)  # type: ignore[attr-defined]
    return _unique(link for link in links if link)


def post_links(page: Page) -> list[str]:
    """Links to the posts a listing lists: entry titles and bookmarks (not sidebar widgets).

    A page without entry titles falls back to :func:`permalinks`.
    """
    links = [link for link in _links(page, _BOOKMARKS(page.tree)) if not _LISTING_PAGE.search(link)]
    return _unique(post_url_of(link) for link in links) or permalinks(page)


def permalinks(page: Page) -> list[str]:
    """Every dated post permalink on the page, wherever it is (sidebars, related posts)."""
    return _unique(facts.post for _, facts in _anchor_facts(page) if facts.dated_post)


def _unique(links: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(links))


@dataclass(frozen=True)
class _LinkFacts:
    """What the link finders ask of one clean link, answered once per distinct link."""

    link: str
    post: str  # the post it belongs to (itself, or the post of a comment page)
    dated_post: bool
    comment_page: bool
    listing_page: bool
    taxonomy: bool


@lru_cache(maxsize=LINK_CACHE_SIZE)
def _facts(link: str) -> _LinkFacts:
    path = urlsplit(link).path
    return _LinkFacts(link, post_url_of(link), looks_like_post_url(link), is_comment_page(link),
                      bool(_LISTING_PAGE.search(link)), bool(_TAXONOMY.search(path)))


def _anchor_facts(page: Page) -> list[tuple[Any, _LinkFacts]]:
    """:func:`_anchors` with each link's facts, computed once per page."""
    cached = page.__dict__.get("_discovery_facts")
    if cached is None:
        cached = [(node, _facts(link)) for node, link in _anchors(page)]
        page.__dict__["_discovery_facts"] = cached
    return cached


@lru_cache(maxsize=4096)
def _marks(token: str, classes: tuple[str, ...]) -> bool:
    return any(name in token for name in classes)


def _marked_links(page: Page, rels: frozenset[str], classes: tuple[str, ...]) -> list[str]:
    """Links whose ``rel`` holds one of ``rels`` or that sit inside an element whose class
    contains one of ``classes``, in document order."""
    index = class_index(page.tree)
    inside: set[Any] = set()
    for token in index.tokens:
        if _marks(token, classes):
            for element in index.with_class(token):
                inside.update(element.iter("a"))
    return _unique(
        link for node, link in _anchors(page)
        if node in inside or ((rel := node.get("rel")) and not rels.isdisjoint(rel.split()))
    )


def pagination_links(page: Page) -> list[str]:
    """Links to the other pages of a listing ("Older posts", ``/page/N/``, ``rel=next``)."""
    marked = [*_links(page, _HEAD_PAGINATION(page.tree)), *_marked_links(page, _PAGINATION_RELS, _PAGINATION_CLASSES)]
    links = dict.fromkeys(link for link in marked if not is_comment_page(link))
    for node, facts in _anchor_facts(page):
        if facts.link in links or facts.comment_page or facts.dated_post:
            continue
        if facts.listing_page or _OLDER_TEXT.search(node.text_content() or ""):
            links[facts.link] = None
    return list(links)


def taxonomy_links(page: Page) -> list[str]:
    """Links to category and tag listings."""
    links = dict.fromkeys(_marked_links(page, _TAXONOMY_RELS, _TAXONOMY_CLASSES))
    for _, facts in _anchor_facts(page):
        if facts.taxonomy:
            links.setdefault(facts.link, None)
    return list(links)


def comment_page_links(page: Page, from_parser: Iterable[str] = ()) -> list[str]:
    """The post's other comment pages: what the parser found, plus WordPress's own links."""
    links: list[str] = []
    for url in [*from_parser, *wordpress_comment_pages(page)]:
        link = clean_link(url)
        if link and link not in links and link != clean_link(page.url):
            links.append(link)
    return links


@dataclass
class Entry:
    """One link from a feed or sitemap, with the date the feed or sitemap gives it."""

    url: str
    date: str | None = None


def feed_entries(body: bytes) -> list[Entry]:
    """Item links of an RSS or Atom feed, with their publication dates (feedparser)."""
    import feedparser  # imported here: only feed responses need it

    parsed = feedparser.parse(body)
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if link:
            when = item.get("published") or item.get("updated")
            entries.append(Entry(link, parse_date(when) if when else None))
    return entries


@dataclass
class SitemapLinks:
    """A sitemap's links: ``sitemaps`` for an index, ``pages`` for a URL set."""

    sitemaps: list[Entry] = field(default_factory=list)
    pages: list[Entry] = field(default_factory=list)


def sitemap_links(body: bytes) -> SitemapLinks:
    """Parse a sitemap or sitemap index with Scrapy's own (entity-safe) sitemap reader."""
    from scrapy.utils.sitemap import Sitemap

    result = SitemapLinks()
    try:
        sitemap = Sitemap(body)
    except Exception:  # noqa: BLE001 - a broken sitemap yields no links, not a crash
        return result
    target = result.sitemaps if sitemap.type == "sitemapindex" else result.pages
    for entry in sitemap:
        if entry.get("loc"):
            target.append(Entry(entry["loc"].strip(), entry.get("lastmod")))
    return result


def is_before(date: str | None, since: datetime | None) -> bool:
    """True when an ISO ``date`` is known and earlier than ``since`` (day precision)."""
    if not date or since is None:
        return False
    return date[:10] < since.date().isoformat()


@dataclass
class Scope:
    """Which URLs a crawl may fetch: the start host, an optional path prefix, allow/deny regexes."""

    hosts: frozenset[str]
    prefix: str = ""
    allow: re.Pattern[str] | None = None
    deny: re.Pattern[str] | None = None

    @classmethod
    def for_start(cls, url: str, prefix: str = "", allow: str = "", deny: str = "") -> Scope:
        host = (urlsplit(url).netloc or "").lower()
        bare = host.removeprefix("www.")
        return cls(
            hosts=frozenset({host, bare, f"www.{bare}"}),
            prefix=prefix,
            allow=re.compile(allow) if allow else None,
            deny=re.compile(deny) if deny else None,
        )

    def accepts(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.netloc.lower() not in self.hosts:
            return False
        if self.prefix and not parts.path.startswith(self.prefix):
            return False
        if self.deny and self.deny.search(url):
            return False
        return not (self.allow and not self.allow.search(url))
