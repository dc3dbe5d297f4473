"""Which page of a post is which: comment pages in the thread's order, and posts split into pages.

The comment pages here are built the way WordPress builds them (pages numbered oldest
first whatever ``comment_order`` says; the post URL showing page 1 or the newest page and
linking that page as the bare post URL; page numbers with a current mark, or only
"Older/Newer Comments" links; ``/comment-page-N/`` or ``?cpage=N``). Each case is crawled
the way the spider crawls it (the post, then every comment page it links to, each parsed
on its own) and stitched; positions must follow the whole thread as the site shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from archiver import discovery
from archiver.items import Comment, Provenance
from archiver.page import Page
from archiver.parsers import parse_page
from archiver.parsers.body import page_link_blocks
from archiver.threads import PageFacts, number_comments, stitch

PRETTY = "https://blog.example.org/2023/08/08/night-trains-return/"
PLAIN = "https://blog.example.org/?p=11"
START = datetime(2023, 8, 8, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Site:
    """One post's comment pages as WordPress would serve them."""

    order: str  # comment_order: asc or desc (top-level comments within a page)
    default: str  # default_comments_page: oldest (post URL = page 1) or newest (= last page)
    links: str  # numbers (paginate_links) or older-newer (previous/next_comments_link only)
    post: str  # PRETTY (/comment-page-N/) or PLAIN (?p=11&cpage=N)
    top_level: int = 11
    per_page: int = 5
    permalinks: bool = True  # the comments' own links name their comment page

    @property
    def last(self) -> int:
        return -(-self.top_level // self.per_page)

    def url(self, number: int) -> str:
        """The page's own URL, which is the bare post URL for the default page."""
        if number == (1 if self.default == "oldest" else self.last):
            return self.post
        return f"{self.post}comment-page-{number}/" if self.post == PRETTY else f"{self.post}&cpage={number}"

    def numbered_url(self, number: int) -> str:
        return f"{self.post}comment-page-{number}/" if self.post == PRETTY else f"{self.post}&cpage={number}"

    def thread(self) -> list[int]:
        """The whole thread as a reader sees it: top level oldest or newest first, replies under."""
        order: list[int] = []
        tops = range(1, self.top_level + 1)
        for top in (reversed(tops) if self.order == "desc" else tops):
            order += [top, *self.replies(top)]
        return order

    def replies(self, top: int) -> list[int]:
        # Replies come long after the last top-level comment, so only top-level dates say
        # how pages are numbered.
        return [100 + top] if top % 2 else []

    def date(self, comment: int) -> datetime:
        if comment >= 100:
            return START + timedelta(days=30 + comment - 100)
        return START + timedelta(hours=comment)

    def page(self, number: int) -> str:
        first = (number - 1) * self.per_page + 1
        tops = list(range(first, min(first + self.per_page, self.top_level + 1)))
        if self.order == "desc":
            tops.reverse()
        here = self.url(number)
        items = "".join(self.comment(top, number, self.replies(top)) for top in tops)
        return (
            '<html><head><meta name="generator" content="WordPress 6.1"><title>Night trains return</title></head>'
            '<body class="single single-post"><article class="post hentry"><h1 class="entry-title">Night trains return'
            '</h1><div class="entry-content"><p>The night trains are back.</p></div></article>'
            f'<div id="comments" class="comments-area"><h2 class="comments-title">{self.top_level} comments</h2>'
            f'<ol class="comment-list">{items}</ol>{self.navigation(number)}</div>'
            f'<p><a href="{here}#respond">Leave a comment</a></p></body></html>'
        )

    def comment(self, comment: int, number: int, replies: list[int]) -> str:
        when = self.date(comment)
        link = self.numbered_url(number) if self.permalinks else self.post
        children = "".join(self.comment(reply, number, []) for reply in replies)
        nested = f'<ol class="children">{children}</ol>' if children else ""
        return (
            f'<li id="comment-{comment}" class="comment"><article id="div-comment-{comment}" class="comment-body">'
            f'<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Reader {comment}</b></div>'
            f'<div class="comment-metadata"><a href="{link}#comment-{comment}">'
            f'<time datetime="{when.isoformat()}">{when:%B %d, %Y at %H:%M}</time></a></div></footer>'
            f'<div class="comment-content"><p>Comment number {comment}.</p></div></article>{nested}</li>'
        )

    def navigation(self, number: int) -> str:
        older = f'{self.url(number - 1)}#comments' if number > 1 else None
        newer = f'{self.url(number + 1)}#comments' if number < self.last else None
        if self.links == "older-newer":
            return (
                '<div class="navigation">'
                f'<div class="alignleft">{f"<a href={older!r}>&laquo; Older Comments</a>" if older else ""}</div>'
                f'<div class="alignright">{f"<a href={newer!r}>Newer Comments &raquo;</a>" if newer else ""}</div>'
                "</div>"
            )
        parts = [f'<a class="prev page-numbers" href="{older}">Older comments</a>'] if older else []
        for other in range(1, self.last + 1):
            if other == number:
                parts.append(f'<span aria-current="page" class="page-numbers current">{other}</span>')
            else:
                parts.append(f'<a class="page-numbers" href="{self.url(other)}#comments">{other}</a>')
        if newer:
            parts.append(f'<a class="next page-numbers" href="{newer}">Newer comments</a>')
        return f'<nav class="navigation comments-pagination"><div class="nav-links">{"".join(parts)}</div></nav>'

    def serve(self, url: str) -> str:
        """The HTML at a URL: the bare post URL and the numbered URL of the default page
        show the same page."""
        for number in range(1, self.last + 1):
            if url.rstrip("/") in (self.url(number).rstrip("/"), self.numbered_url(number).rstrip("/")):
                return self.page(number)
        raise KeyError(url)


def crawl(site: Site) -> list[Comment]:
    """What the spider does with one post: fetch it and every comment page it (and they)
    link to, parse each on its own, then stitch them with what each page said."""
    todo, seen = [site.post], set()
    pages: list[tuple[str, list[Comment]]] = []
    facts: dict[str, PageFacts] = {}
    key = discovery.post_url_of(site.post)
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page = Page(url=url, body=site.serve(url).encode())
        result = parse_page(page)
        facts[url], _parts = discovery.placement(page, result)
        pages.append((url, result.comments))
        todo += [link for link in discovery.comment_page_links(page, result.comment_pages)
                 if discovery.post_url_of(link) == key]
    return stitch(pages, facts)


SITES = [
    Site(order, default, links, post)
    for order in ("asc", "desc")
    for default in ("oldest", "newest")
    for links in ("numbers", "older-newer")
    for post in (PRETTY, PLAIN)
]


@pytest.mark.parametrize("site", SITES, ids=lambda s: f"{s.order}-{s.default}-{s.links}-{'cpage' if s.post == PLAIN else 'pretty'}")
def test_positions_follow_the_thread_across_comment_pages(site: Site) -> None:
    thread = crawl(site)
    assert [int(c.id.removeprefix("comment-")) for c in thread] == site.thread()
    assert [c.position for c in thread] == list(range(1, len(thread) + 1))


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_pages_placed_without_permalinks_or_page_numbers(order: str) -> None:
    """Only "Older/Newer Comments" links and dates: twentytwentytwo's comments, page 1 at
    the bare post URL and never linked as /comment-page-1/."""
    site = Site(order, "oldest", "older-newer", PRETTY, permalinks=False)
    assert [int(c.id.removeprefix("comment-")) for c in crawl(site)] == site.thread()


def _comments(page_url: str, *ids: int, days: list[int] | None = None) -> list[Comment]:
    found = [Comment(id=f"comment-{i}", article_url=PRETTY, text=f"text {i}",
                     published=(START + timedelta(days=d)).isoformat() if days else None)
             for i, d in zip(ids, days or [0] * len(ids), strict=True)]
    number_comments(found, article_url=PRETTY, page_url=page_url, provenance=Provenance())
    return found


def test_post_page_that_is_page_one_is_read_first() -> None:
    """Page 2 links back to the bare post URL as its older page: the post page is page 1."""
    page2, page3 = PRETTY + "comment-page-2/", PRETTY + "comment-page-3/"
    thread = stitch(
        [(page3, _comments(page3, 5)), (PRETTY, _comments(PRETTY, 1, 2)), (page2, _comments(page2, 3, 4))],
        {page2: PageFacts(number=2, older=PRETTY + "#comments", newer=page3)},
    )
    assert [c.id for c in thread] == ["comment-1", "comment-2", "comment-3", "comment-4", "comment-5"]


def test_post_page_placed_by_the_number_no_other_page_has() -> None:
    """No links known at all: the post URL is the page number missing among the others."""
    page2, page3 = PRETTY + "?cpage=2", PRETTY + "?cpage=3"
    thread = stitch([(page2, _comments(page2, 3, 4)), (page3, _comments(page3, 5)), (PRETTY, _comments(PRETTY, 1, 2))])
    assert [c.id for c in thread] == ["comment-1", "comment-2", "comment-3", "comment-4", "comment-5"]


def test_newest_first_pages_read_from_the_newest_page_down() -> None:
    """Top-level comments newest first within pages: the thread starts on the newest page,
    which the post page shows (its number from its "Older comments" link)."""
    page1, page2 = PRETTY + "comment-page-1/", PRETTY + "comment-page-2/"
    thread = stitch(
        [(page1, _comments(page1, 2, 1, days=[1, 0])), (PRETTY, _comments(PRETTY, 5, days=[4])),
         (page2, _comments(page2, 4, 3, days=[3, 2]))],
        {PRETTY: PageFacts(older=page2)},
    )
    assert [c.id for c in thread] == ["comment-5", "comment-4", "comment-3", "comment-2", "comment-1"]


def test_post_page_placed_by_its_links_when_a_page_failed() -> None:
    """Page 2 failed to download: the post page is page 3 by its "Older comments" link to
    page 2 (not page 2, the number that happens to be missing)."""
    page1 = PRETTY + "comment-page-1/"
    pages = [(PRETTY, _comments(PRETTY, 5, days=[4])), (page1, _comments(page1, 2, 1, days=[1, 0]))]
    thread = stitch(pages, {PRETTY: PageFacts(older=PRETTY + "comment-page-2/#comments")})
    assert [c.id for c in thread] == ["comment-5", "comment-2", "comment-1"]
    # The same from a page-number link on page 1 naming the bare post URL as page 3.
    thread = stitch(pages, {page1: PageFacts(number=1, numbered={PRETTY: 3})})
    assert [c.id for c in thread] == ["comment-5", "comment-2", "comment-1"]


def test_page_numbers_counting_down_with_time_are_read_that_way() -> None:
    """A site whose page 1 holds the newest comments, listed oldest first within a page:
    dates say the numbering runs backwards, so the thread starts on the highest page."""
    page1, page2 = PRETTY + "?cpage=1", PRETTY + "?cpage=2"
    thread = stitch([(page1, _comments(page1, 3, 4, days=[2, 3])), (page2, _comments(page2, 1, 2, days=[0, 1]))])
    assert [c.id for c in thread] == ["comment-1", "comment-2", "comment-3", "comment-4"]


# --- posts split into pages (<!--nextpage-->) ---------------------------------------------

def _split_page(url: str, number: int, links: str) -> Page:
    body = (
        '<html><head><meta name="generator" content="WordPress 6.1"><title>The long read</title></head>'
        '<body class="single single-post"><article class="post hentry"><h1 class="entry-title">The long read</h1>'
        f'<div class="entry-content"><p>Page {number}: the river, part {number} of three.</p>'
        f'<p>More about the river on page {number}.</p>{links}</div></article></body></html>'
    )
    return Page(url=url, body=body.encode())


def test_pages_of_a_split_post_are_found_by_their_links() -> None:
    post = "https://blog.example.org/2023/05/14/the-long-read/"
    nav = (f'<p class="post-nav-links">Pages: <span class="post-page-numbers current" aria-current="page">1</span> '
           f'<a href="{post}2/" class="post-page-numbers">2</a> <a href="{post}3/" class="post-page-numbers">3</a></p>')
    found = discovery.post_page_links(_split_page(post, 1, nav))
    assert (found.number, found.links) == (1, {2: f"{post}2/", 3: f"{post}3/"})
    # Page 2 knows itself by its URL and the link back to page 1; "Next page" style links.
    nav2 = f'<div class="page-links"><a href="{post}">Previous page</a> <a href="{post}3/">Next page</a></div>'
    found = discovery.post_page_links(_split_page(f"{post}2/", 2, nav2))
    assert (found.number, found.links) == (2, {1: post, 3: f"{post}3/"})


def test_split_post_with_query_pages() -> None:
    post = "https://blog.example.org/?p=9"
    nav = f'<div class="page-links">Pages: 1 <a href="{post}&amp;page=2">2</a> <a href="{post}&amp;page=3">3</a></div>'
    found = discovery.post_page_links(_split_page(post, 1, nav))
    assert found.links == {2: f"{post}&page=2", 3: f"{post}&page=3"}


def test_numbered_links_that_are_no_pages_of_the_post_are_ignored() -> None:
    """A post whose URL ends in a number links to /blog/124/ as the next post, and a page
    listing links /page/2/: neither makes it a split post."""
    page = Page(url="https://blog.example.org/blog/123/", body=(
        b'<html><body class="single"><article class="post hentry"><h1>Post 123</h1>'
        b'<div class="entry-content"><p>Text.</p></div><a href="/blog/124/">124</a>'
        b'<a href="/page/2/">2</a></article></body></html>'))
    assert discovery.post_page_links(page).links == {}


def test_page_links_are_no_part_of_the_body() -> None:
    post = "https://blog.example.org/2023/05/14/the-long-read/"
    nav = (f'<p class="post-nav-links">Pages: <span class="current">1</span> <a href="{post}2/">2</a> '
           f'<a href="{post}3/">3</a></p>')
    result = parse_page(_split_page(post, 1, nav))
    assert result.article.body == "Page 1: the river, part 1 of three.\n\nMore about the river on page 1."
    # Prose that links to the next page is text, not navigation.
    prose = f'<p>Read on: the second part covers <a href="{post}2/">the floods</a>.</p>'
    page = _split_page(post, 1, prose)
    assert page_link_blocks(page.tree.find(".//div")) == []
    assert "the second part covers the floods" in parse_page(_split_page(post, 1, prose)).article.body


# --- canonical URLs ------------------------------------------------------------------------

@pytest.mark.parametrize("declared", [
    PRETTY + "comment-page-3/#comments",
    PRETTY + "#comments",
    "https://blog.example.org/?p=11&cpage=2",
])
def test_canonical_url_holds_no_comment_page_or_fragment(declared: str) -> None:
    body = (f'<html><head><link rel="canonical" href="{declared}"></head><body class="single">'
            '<article class="post hentry"><h1>Post</h1><div class="entry-content"><p>Text.</p></div></article>'
            '</body></html>').encode()
    article = parse_page(Page(url=PRETTY + "comment-page-3/", body=body)).article
    expected = PLAIN if "?p=11" in declared else PRETTY
    assert article.canonical_url == expected
