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
from archiver.parsers.hints import words
from archiver.parsers.wordpress import CANONICAL
from archiver.parsers.wordpress import comment_page_links as wordpress_comment_pages
from archiver.parsers.xpath import class_index
from archiver.threads import PageFacts, comment_page_number

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
_BODY_CLASS = etree.XPath("string(//body/@class)")
# WordPress's body classes of an archive (by date, category, tag, author, custom taxonomy
# or post type) and of search results: "archive" always comes with one of the others.
_ARCHIVE_KINDS = frozenset({"date", "category", "tag", "author"})
_SEARCH_CLASSES = frozenset({"search-results", "search-no-results"})
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
    if _wordpress_archive(page):  # a day archive holding one post is still a listing
        return PageKind.LISTING
    entries = _ENTRIES(page.tree)
    if len(entries) == 1 and (_COMMENT_AREA(page.tree) or _ENTRY_HEADLINE(entries[0])):
        return PageKind.POST
    if not entries and _COMMENT_AREA(page.tree):
        return PageKind.POST  # no entry markup at all, and the comment area a post has (ikiwiki, hand-made blogs)
    if looks_like_post_url(page.url) and len(entries) <= 1:
        return PageKind.POST
    if _declares_one_article(page.body):
        return PageKind.POST
    return PageKind.LISTING


# What a page's metadata says it is: Open Graph's article times, or schema.org's article
# types in JSON-LD (a listing declares an ItemList or CollectionPage, or one article per teaser).
_ARTICLE_TIME = re.compile(rb"""<meta[^>]+property=["']article:published_time["']""", re.IGNORECASE)
_LD_TYPE = re.compile(rb'"@type"\s*:\s*\[?\s*"(NewsArticle|BlogPosting|Article|ReportageNewsArticle|'
                      rb'OpinionNewsArticle|AnalysisNewsArticle|LiveBlogPosting|ItemList|CollectionPage)"')


def _declares_one_article(body: bytes) -> bool:
    """Whether the page's metadata declares it one article: ``article:published_time``, or
    exactly one schema.org article type in its JSON-LD and no list of items."""
    if _ARTICLE_TIME.search(body):
        return True
    types = _LD_TYPE.findall(body)
    return len(types) == 1 and types[0] not in (b"ItemList", b"CollectionPage")


def may_be_post(page: Page) -> bool:
    """Whether a page classified as a listing may still be a post, worth parsing for a
    comment thread: it has at most one entry element, or a comment area, and does not send
    the reader elsewhere (a meta refresh to another page: "This page moved"). A listing of
    the common kind marks several entries and has no comment area."""
    if _moves_on(page):
        return False
    return len(_ENTRIES(page.tree)) <= 1 or bool(_COMMENT_AREA(page.tree))


_META_REFRESH = etree.XPath("//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']/@content")


def _moves_on(page: Page) -> bool:
    """Whether the page refreshes to another URL (not to itself)."""
    for content in _META_REFRESH(page.tree):
        _, _, target = str(content).partition("=")
        target = target.strip(" '\"")
        if target and clean_link(_resolve(page.base_url, target)) != clean_link(page.url):
            return True
    return False


def _wordpress_archive(page: Page) -> bool:
    """Whether WordPress's body classes call the page an archive or search results.

    A theme that links each post's date to its day archive (Customizr does) leads the
    crawl to ``/2023/08/08/``, whose one entry with its h1 would otherwise pass for the
    post itself.
    """
    classes = str(_BODY_CLASS(page.tree)).split()
    if not classes:
        return False
    tokens = set(classes)
    if "archive" in tokens and (not _ARCHIVE_KINDS.isdisjoint(tokens)
                                or any(c.startswith(("post-type-archive", "tax-")) for c in classes)):
        return True
    return not _SEARCH_CLASSES.isdisjoint(tokens)


def _links(page: Page, nodes: Iterable[object]) -> list[str]:
    base = page.base_url
    links = (_resolve(base, node.get("href") or "") for node in nodes)  # type: ignore[attr-defined]
    return _unique(link for link in links if link)


def post_links(page: Page) -> list[str]:
    """Links to the posts a listing lists: entry titles and bookmarks (not sidebar widgets).

    A page without entry titles falls back to :func:`permalinks`.
    """
    links = [link for link in _links(page, _BOOKMARKS(page.tree)) if not _LISTING_PAGE.search(link)]
    return _unique(post_url_of(link) for link in links) or permalinks(page) or entry_run_links(page)


# Where a run of similar blocks is site furniture, not a list of posts.
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "select"})
_FURNITURE_WORDS = frozenset({"menu", "nav", "navigation", "sidebar", "widget", "footer", "header", "breadcrumb",
                              "breadcrumbs", "tag", "tags", "category", "categories", "archive", "archives", "comment",
                              "comments", "share", "sharing", "social"})
_MIN_TITLE_WORDS = 2
_MIN_TEASER_EXTRA = 20


def entry_run_links(page: Page) -> list[str]:
    """The posts of a listing whose entries no theme marks (no ``article``, ``hentry``,
    title class or ``rel=bookmark``): the largest run of two or more sibling blocks of one
    shape, each holding a title link (two words or more) to another page of the site and
    more text than that link (a date, a teaser). Menus, sidebars and footers are passed over;
    a link to a tag, category, comment page or further listing page is no title."""
    anchors = _anchor_facts(page)
    host = urlsplit(page.url).netloc
    best: list[str] = []
    parents = {node.getparent() for node, _ in anchors}
    blocks = {block for parent in parents if parent is not None for block in (parent, *parent.iterancestors())}
    for parent in (el for el in page.tree.iter() if el in blocks):  # document order: the first of equal runs wins
        groups: dict[tuple[str, str], list[Any]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in _FURNITURE_TAGS:
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for (_tag, classes), members in groups.items():
            if len(members) < 2 or len(members) <= len(best) or _furniture(parent) or _furniture_name(classes):
                continue
            links = [link for member in members if (link := _title_link(member, host, page.base_url)) is not None]
            if len(links) * 3 >= len(members) * 2 and len(set(links)) == len(links) and len(links) > len(best):
                best = links
    return best


def _furniture_name(value: str) -> bool:
    """Whether a class or id names site furniture (``main-menu``, ``tagcloud`` is not: one word)."""
    return any(not _FURNITURE_WORDS.isdisjoint(words(token)) for token in value.split())


def _furniture(el: Any) -> bool:
    """Whether ``el`` or an ancestor is a menu, sidebar, header or footer."""
    for node in (el, *el.iterancestors()):
        if node.tag in _FURNITURE_TAGS or _furniture_name(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def _title_link(member: Any, host: str, base: str) -> str | None:
    """The first link of an entry block that reads as a post title, when the block holds
    more than it."""
    for node in member.iter("a"):
        href = node.get("href")
        text = " ".join(node.text_content().split())
        if not href or len(text.split()) < _MIN_TITLE_WORDS:
            continue
        link = _resolve(base, href)
        facts = _facts(link) if link else None
        if (facts is None or urlsplit(link).netloc != host or facts.taxonomy or facts.comment_page
                or facts.listing_page or _JUNK_PATH.search(link)):
            return None
        whole = len(" ".join(member.text_content().split()))
        return post_url_of(link) if whole >= len(text) + _MIN_TEASER_EXTRA else None
    return None


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


# Comment pagination: a link's label as a page number ("2", "Page 2", "Seite 2"), its
# direction ("« Older Comments", "Newer comments »", rel=prev, class "nav-previous"), a
# comment's own permalink fragment (#comment-79), and marks of the current page.
_PAGE_LABEL = re.compile(r"^\D{0,15}?(\d{1,5})$")
_OLDER_LABEL = re.compile(
    r"older|previous|\bprev\b|earlier|ältere|vorherige|frühere|anciens|précédent|anteriores|«|‹|←", re.IGNORECASE)
_NEWER_LABEL = re.compile(
    r"newer|\bnext\b|later|neuere|nächste|spätere|récents|suivant|siguientes|recientes|»|›|→", re.IGNORECASE)
_COMMENT_FRAGMENT = re.compile(r"^(?:li-|div-)?comment-?(\d+)$")
_DIGITS = re.compile(r"\d+")


def comment_page_facts(page: Page, links: Iterable[str] = (), comment_ids: Iterable[str] = ()) -> PageFacts:
    """What ``page`` says about its place among its post's comment pages (see
    :class:`archiver.threads.PageFacts`; :func:`archiver.threads.stitch` uses it).

    ``links`` are the post's other comment pages found on the page
    (:func:`comment_page_links`), ``comment_ids`` the ids of the comments parsed from it.
    Its own number comes from its URL, else its ``rel=canonical`` when that is a comment
    page of the same post, else the current-page mark beside its comment-page links
    (``<span aria-current="page" class="page-numbers current">2</span>``), else the
    comment-page URLs its own comments' permalinks carry (``…/comment-page-3/#comment-79``).
    Links to the post's comment pages, and links to the post itself that are page numbers
    or "Older/Newer comments" links, give the other pages' numbers and the neighbours.
    """
    here = clean_link(page.url) or page.url
    own = post_url_of(here)
    facts = PageFacts(number=comment_page_number(here))
    links = list(links)
    if not links and facts.number is None:  # one page of comments: nothing to place
        return facts
    if facts.number is None:
        facts.number = _canonical_number(page, own)
    own_ids = {m.group() for i in comment_ids if (m := _DIGITS.search(i or ""))}
    permalinks: list[int | None] = []
    numbered_nodes: list[Any] = []
    bare_nodes: list[Any] = []
    wanted = {clean_link(link) for link in links}
    for node, link in _anchors(page):
        link_facts = _facts(link)
        if link_facts.post != own:
            continue
        fragment = (node.get("href") or "").partition("#")[2]
        permalink = _COMMENT_FRAGMENT.match(fragment)
        if permalink:  # a comment's own link: says on which page that comment is
            if permalink.group(1) in own_ids:
                permalinks.append(comment_page_number(link))
            continue
        if link_facts.comment_page or link in wanted:
            numbered_nodes.append((node, link))
        elif link == own and link != here:
            bare_nodes.append((node, link))
    containers = {ancestor for node, _ in numbered_nodes for ancestor in _near_ancestors(node)}
    for node, link in numbered_nodes:
        _read_pagination_link(facts, node, link)
    for node, link in bare_nodes:  # the post's own URL: a pagination link only when it says so
        label = " ".join(node.text_content().split())
        fragment = (node.get("href") or "").partition("#")[2]
        in_pagination = any(ancestor in containers for ancestor in _near_ancestors(node))
        if in_pagination or fragment == "comments" or "omment" in label or "OMMENT" in label:
            _read_pagination_link(facts, node, link, numbers=in_pagination)
    if facts.number is None:
        facts.number = _current_mark(containers)
    if facts.number is None:
        numbered = [n for n in permalinks if n is not None]
        if numbered and len(numbered) * 2 > len(permalinks):
            facts.number = max(set(numbered), key=numbered.count)
    return facts


def _canonical_number(page: Page, own: str) -> int | None:
    canonical = CANONICAL(page.tree)
    if not canonical:
        return None
    url = clean_link(page.absolute(str(canonical[0])) or "")
    if not url or post_url_of(url) != own:
        return None
    return comment_page_number(url)


def _near_ancestors(node: Any, levels: int = 2) -> list[Any]:
    found = []
    for ancestor in node.iterancestors():
        found.append(ancestor)
        if len(found) == levels:
            break
    return found


def _read_pagination_link(facts: PageFacts, node: Any, link: str, numbers: bool = True) -> None:
    label = " ".join(node.text_content().split())
    number = _PAGE_LABEL.match(label) if numbers else None
    if number:
        facts.numbered.setdefault(link, int(number.group(1)))
        return
    rel = (node.get("rel") or "").lower().split()
    classes = (node.get("class") or "").lower()
    older = "prev" in rel or "prev" in classes or bool(_OLDER_LABEL.search(label))
    newer = "next" in rel or "next" in classes or bool(_NEWER_LABEL.search(label))
    if older and not newer and facts.older is None:
        facts.older = link
    elif newer and not older and facts.newer is None:
        facts.newer = link


def _current_mark(containers: Iterable[Any]) -> int | None:
    """The number of the current-page mark in a comment pagination, if there is one."""
    for container in containers:
        for el in container.iter():
            if el.tag == "a" and el.get("href"):
                continue
            classes = f" {el.get('class') or ''} "
            if el.get("aria-current") == "page" or " current " in classes:
                number = _PAGE_LABEL.match(" ".join(el.text_content().split()))
                if number:
                    return int(number.group(1))
    return None


def placement(page: Page, result: Any) -> tuple[PageFacts, PostPages]:
    """Where a parsed post or comment page sits: among the post's comment pages
    (:func:`comment_page_facts`) and among the pages of a post split into several
    (:func:`post_page_links`). ``result`` is the page's ``ParseResult``."""
    links = comment_page_links(page, result.comment_pages)
    return comment_page_facts(page, links, [c.id for c in result.comments]), post_page_links(page)


# A multi-page post (WordPress's <!--nextpage-->): its pages are …/post/2/, …/post/3/ or
# ?page=2 (&page=2 after ?p=N), linked as page numbers ("Pages: 1 2 3", a.post-page-numbers)
# or "Next page" / "Previous page".
_POST_PAGE_PATH = re.compile(r"^(?P<base>.+/)(?P<n>\d{1,3})/?$")
_RAW_PAGE_HREF = re.compile(r"/\d{1,3}/?(?:#.*)?$|[?&]page=\d")
_POST_PAGE_LABEL = re.compile(
    r"^\D{0,12}?\d{1,3}$|next page|previous page|nächste seite|vorherige seite|page suivante|page précédente"
    r"|página siguiente|página anterior", re.IGNORECASE)


@dataclass
class PostPages:
    """The pages of a post split into several (``<!--nextpage-->``): which one this page
    is, and the URL of every page it links to, by number (page 1 included when linked)."""

    number: int = 1
    links: dict[int, str] = field(default_factory=dict)


def post_page_links(page: Page) -> PostPages:
    """The other pages of a multi-page post, read from its page links.

    A link counts when its text is a page number ("2", "Page 2") or "Next page" /
    "Previous page" and it leads to ``<post>/N/`` or ``<post>?page=N`` of this page's own
    post: ``<post>`` is this page's URL when it is page 1; a page whose URL ends in
    ``/N/`` (or has ``page=N``) is page N of ``<post>`` only when it also links back to
    ``<post>`` itself as page 1. Numbers come from the URLs, so a "Next page" link needs
    none of its own.
    """
    here = clean_link(page.url) or page.url
    base, own_number = _split_post_page(here)
    if own_number is None:
        base = here
    found = PostPages(number=own_number or 1)
    page_base = page.base_url
    for node in page.tree.iter("a"):
        href = node.get("href")
        # Page 1 of a later page is the bare post URL; other page links end in a number.
        if not href or own_number is None and not _RAW_PAGE_HREF.search(href):
            continue
        link = _resolve(page_base, href)
        if not link or link == here:
            continue
        link_base, number = _split_post_page(link)
        if number is None and link == base and own_number is not None:
            link_base, number = base, 1
        if number is None or link_base != base or number < 1 or number == found.number:
            continue
        label = " ".join(node.text_content().split())
        if label and _POST_PAGE_LABEL.search(label):
            found.links.setdefault(number, link)
    if own_number is not None and 1 not in found.links:  # not a page of a post after all
        return PostPages()
    return found


def _split_post_page(url: str) -> tuple[str, int | None]:
    """``(…/post/, 2)`` for ``…/post/2/`` or ``…/?p=5&page=2``; ``(url, None)`` otherwise."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    pages = [v for k, v in query if k == "page"]
    if pages and pages[0].isdigit():
        rest = urlencode([(k, v) for k, v in query if k != "page"])
        return urlunsplit((parts.scheme, parts.netloc, parts.path, rest, "")), int(pages[0])
    if parts.query:
        return url, None
    match = _POST_PAGE_PATH.match(parts.path)
    if not match or _LISTING_PAGE.search(parts.path) or _COMMENT_PAGE_PATH.search(parts.path):
        return url, None
    return urlunsplit((parts.scheme, parts.netloc, match.group("base"), "", "")), int(match.group("n"))


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


def robots_sitemaps(robotparser: Any) -> list[str]:
    """The sitemap URLs a parsed robots.txt names ("Sitemap:" lines), from whichever of
    Scrapy's robots.txt parsers read it: Protego (the default) or the standard library's."""
    parser = getattr(robotparser, "rp", None)
    if parser is None:
        return []
    found = getattr(parser, "sitemaps", None)  # Protego: an iterator of the URLs
    if found is None and callable(getattr(parser, "site_maps", None)):
        found = parser.site_maps()  # urllib.robotparser: a list, or None
    return [url for url in (found or []) if isinstance(url, str)]


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
