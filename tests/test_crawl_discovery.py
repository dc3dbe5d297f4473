"""Link discovery and page classification (archiver.discovery) on saved and demo pages."""

from __future__ import annotations

import gzip
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from archiver import discovery
from archiver.demo import build_site, render
from archiver.discovery import PageKind, Scope
from archiver.page import Page

BASE = "http://blog.example.org"
CNN = Path(__file__).parent / "fixtures" / "pages" / "cnn_com" / "security-clearance-2011" / "page.html.gz"
SITE = build_site()


def html(path: str, text: str) -> Page:
    return Page(BASE + path, text.encode(), {"Content-Type": "text/html; charset=UTF-8"})


def test_classify_demo_pages_and_model_page() -> None:
    post = SITE.multi_page_posts()[0]
    assert discovery.classify(html(post.path, render.post_page(SITE, post, None))) is PageKind.POST
    assert discovery.classify(html(post.path + "comment-page-1/", render.post_page(SITE, post, 1))) is PageKind.POST
    listing = render.listing_page(SITE, "/", SITE.title, SITE.posts, 1)
    assert listing is not None
    assert discovery.classify(html("/", listing)) is PageKind.LISTING
    cnn = Page("http://security.blogs.cnn.com/2011/09/16/a-key-friendship/", gzip.decompress(CNN.read_bytes()))
    assert discovery.classify(cnn) is PageKind.POST


_PLAIN = ("<!DOCTYPE html><html><head><title>Road works</title>{head}</head><body><div class='top'>"
          "<a href='/'>Home</a></div><h1>Road works on the bridge start in July</h1>{body}</body></html>")


def test_classify_a_post_no_entry_marks_by_its_comment_area_or_metadata() -> None:
    """No article, hentry, og:type or dated permalink: a comment area, Open Graph's article
    time, or one schema.org article in JSON-LD say it is a post; a list of items does not."""
    text = "<p>The council met on Tuesday to discuss the plan.</p>"
    plain = _PLAIN.format(head="", body=text)
    assert discovery.classify(html("/notes/bridge", plain)) is PageKind.LISTING
    area = _PLAIN.format(head="", body=text + "<div id='comments'><p>Comments are closed.</p></div>")
    assert discovery.classify(html("/notes/bridge", area)) is PageKind.POST
    timed = _PLAIN.format(head="<meta property='article:published_time' content='2011-06-03T09:30:00Z'>", body=text)
    assert discovery.classify(html("/notes/bridge", timed)) is PageKind.POST
    ld = "<script type='application/ld+json'>{{\"@context\": \"https://schema.org\", \"@type\": \"{kind}\"}}</script>"
    assert discovery.classify(html("/notes/bridge", _PLAIN.format(head=ld.format(kind="NewsArticle"), body=text))) \
        is PageKind.POST
    assert discovery.classify(html("/notes/", _PLAIN.format(head=ld.format(kind="ItemList"), body=text))) \
        is PageKind.LISTING
    teasers = ld.format(kind="BlogPosting") * 3
    assert discovery.classify(html("/notes/", _PLAIN.format(head=teasers, body=text))) is PageKind.LISTING


def test_a_listing_of_entries_no_theme_marks() -> None:
    """ikiwiki's front page: entries are blocks of one shape, each a title link and more;
    a menu of short links and a tag list are not entries."""
    entry = ("<div class='inlinepage'><div class='inlineheader'><span class='author'>Ruth Okafor</span>"
             "<span class='header'><a href='./posts/{slug}/'>{title}</a></span></div>"
             "<div class='inlinecontent'><p>The council met on Tuesday to discuss the plan.</p></div>"
             "<div class='inlinefooter'>Posted Fri May 13 09:30:00 2011 Tags: <a href='./tags/roads/' rel='tag'>roads</a>"
             "</div></div>")
    menu = "<ul class='menu'><li><a href='/about/'>About this blog</a></li><li><a href='/contact/'>Contact the editors</a></li></ul>"
    body = menu + "<div id='content'>" + "".join(entry.format(slug=s, title=t) for s, t in [
        ("road-works", "Road works start in July"), ("library-hours", "Library hours grow on weekends"),
        ("budget", "Council budget passes")]) + "</div>"
    page = html("/index.html", _PLAIN.format(head="", body=body))
    assert discovery.classify(page) is PageKind.LISTING
    assert discovery.post_links(page) == [f"{BASE}/posts/{slug}/" for slug in ("road-works", "library-hours", "budget")]


def test_classify_feed_and_sitemaps() -> None:
    rss = Page(BASE + "/feed/", render.feed(SITE, BASE).encode(), {"Content-Type": "application/rss+xml"})
    assert discovery.classify(rss) is PageKind.FEED
    index = Page(BASE + "/sitemap.xml", render.sitemap_index(BASE).encode(), {"Content-Type": "text/xml"})
    assert discovery.classify(index) is PageKind.SITEMAP
    untyped = Page(BASE + "/s", render.post_sitemap(SITE, BASE).encode())
    assert discovery.classify(untyped) is PageKind.SITEMAP
    assert discovery.classify(Page(BASE + "/x.png", b"\x89PNG\r\n\x1a\n....", {"Content-Type": "image/png"})) is PageKind.OTHER


def test_listing_links_posts_pagination_and_taxonomies() -> None:
    listing = render.listing_page(SITE, "/", SITE.title, SITE.posts, 2)
    assert listing is not None
    page = html("/page/2/", listing)
    entries = SITE.listing_pages(SITE.posts)[1]
    assert discovery.post_links(page) == [BASE + p.path for p in entries]
    assert set(discovery.pagination_links(page)) == {BASE + "/page/3/", BASE + "/"}
    taxonomies = discovery.taxonomy_links(page)
    assert all("/category/" in link or "/tag/" in link for link in taxonomies)
    assert len(taxonomies) == len(SITE.categories()) + len(SITE.tags())
    assert BASE + SITE.private_path in discovery.permalinks(page)


def test_comment_page_links_and_post_of_comment_page() -> None:
    post = SITE.multi_page_posts()[0]
    pages = len(SITE.comment_pages(post))
    page = html(post.path, render.post_page(SITE, post, None))
    assert discovery.comment_page_links(page) == [f"{BASE}{post.path}comment-page-{pages - 1}/"]
    assert discovery.post_url_of(f"{BASE}{post.path}comment-page-3/") == BASE + post.path
    assert discovery.post_url_of(f"{BASE}/?p=5&cpage=2") == f"{BASE}/?p=5"
    assert discovery.is_comment_page(f"{BASE}{post.path}comment-page-3/")
    assert not discovery.is_comment_page(BASE + post.path)


def test_clean_link_drops_fragments_and_junk() -> None:
    assert discovery.clean_link(BASE + "/a/#comments") == BASE + "/a/"
    assert discovery.clean_link("HTTP://Blog.Example.org/a/") == "http://blog.example.org/a/"
    assert discovery.clean_link(BASE + "/a/?replytocom=5#respond") is None
    assert discovery.clean_link(BASE + "/wp-login.php") is None
    assert discovery.clean_link(BASE + "/img/x.jpg") is None
    assert discovery.clean_link("mailto:x@example.org") is None


def test_url_dates_and_since() -> None:
    assert discovery.url_date(BASE + "/2011/09/16/slug/comment-page-2/") == "2011-09-16"
    assert discovery.url_date(BASE + "/about/") is None
    from datetime import datetime

    assert discovery.is_before("2011-09-15T10:00:00-04:00", datetime(2011, 9, 16))
    assert not discovery.is_before("2011-09-16", datetime(2011, 9, 16))
    assert not discovery.is_before(None, datetime(2011, 9, 16))


def test_scope() -> None:
    scope = Scope.for_start(BASE + "/politics/", prefix="/politics/", deny=r"/drafts/")
    assert scope.accepts(BASE + "/politics/a/")
    assert scope.accepts("http://www.blog.example.org/politics/b/")
    assert not scope.accepts(BASE + "/sport/a/")
    assert not scope.accepts(BASE + "/politics/drafts/x/")
    assert not scope.accepts("http://other.example.org/politics/a/")
    only = Scope.for_start(BASE + "/", allow=r"/2011/")
    assert only.accepts(BASE + "/2011/09/x/") and not only.accepts(BASE + "/2012/01/x/")


def test_feed_and_sitemap_entries() -> None:
    entries = discovery.feed_entries(render.feed(SITE, BASE).encode())
    assert [e.url for e in entries] == [BASE + p.path for p in SITE.feed_posts()]
    assert entries[0].date == SITE.feed_posts()[0].published.isoformat()
    index = discovery.sitemap_links(render.sitemap_index(BASE).encode())
    assert [e.url for e in index.sitemaps] == [BASE + "/post-sitemap.xml"] and index.pages == []
    urls = discovery.sitemap_links(render.post_sitemap(SITE, BASE).encode())
    assert len(urls.pages) == len(SITE.posts)
    assert discovery.sitemap_links(b"not xml at all").pages == []


_URL_TEXT = st.text(alphabet="abcXYZ019/?#:.%&=-_~ \t;'\"äé@[]", max_size=30)


@settings(max_examples=3000, deadline=None)
@given(prefix=st.sampled_from(["http://", "https://", "HTTP://", "http://ex.org", "https://a.b:8080/", "ftp://x/"]),
       rest=_URL_TEXT, marker=st.sampled_from(["", "/comment-page-2/", "?cpage=3", "/wp-admin/", "/x.png"]))
def test_fast_link_paths_agree_with_urlsplit(prefix: str, rest: str, marker: str) -> None:
    """clean_link and post_url_of skip urlsplit for plain links; the answer must not change."""
    url = prefix + rest + marker
    assert _outcome(discovery._clean_link.__wrapped__, url) == _outcome(discovery._clean_parsed, url)
    assert _outcome(discovery.post_url_of.__wrapped__, url) == _outcome(discovery._post_url_parsed, url)


def _outcome(function, url: str) -> object:
    try:
        return function(url)
    except ValueError as error:  # urlsplit's "Invalid IPv6 URL": the same error both ways
        return type(error)


def _one_entry_page(body_class: str) -> Page:
    """A page with one entry and its h1, as a day archive holding one post shows it."""
    return html("/2023/08/08/", f"""<html><body class="{body_class}"><main>
<article class="post-9 post type-post hentry"><h1 class="entry-title"><a href="/2023/08/08/night-trains/">Night
trains return</a></h1><div class="entry-content"><p>The first sleeper left at ten.</p></div></article>
</main></body></html>""")


def test_wordpress_archives_with_one_post_are_listings() -> None:
    """Themes that link a post's date to its day archive lead the crawl there; WordPress's
    body classes say it is an archive, however few posts it holds."""
    assert discovery.classify(_one_entry_page("archive date wp-embed-responsive")) is PageKind.LISTING
    assert discovery.classify(_one_entry_page("archive category category-rail")) is PageKind.LISTING
    assert discovery.classify(_one_entry_page("archive tax-region term-north")) is PageKind.LISTING
    assert discovery.classify(_one_entry_page("search search-results")) is PageKind.LISTING
    # The same page without those classes reads as the post; "archive" alone (a site's own
    # section name) is not WordPress's archive mark.
    assert discovery.classify(_one_entry_page("wp-embed-responsive")) is PageKind.POST
    assert discovery.classify(_one_entry_page("archive")) is PageKind.POST
    assert discovery.classify(_one_entry_page("archive date single single-post")) is PageKind.POST
    assert discovery.post_links(_one_entry_page("archive date")) == [BASE + "/2023/08/08/night-trains/"]
