"""HTML of the synthetic blog: a WordPress news theme, as the archiver's parsers meet it in the wild.

Pages carry what makes real blog pages heavy for a crawler: inline CSS and scripts,
JSON-LD, a sidebar with archives, tag cloud, recent posts and comments (so 200+ links per
page), threaded comments (``ol.commentlist`` / ``li.comment`` / ``ul.children``) split over
``comment-page-N/`` pages. Parts shared by every page are rendered once per site.

Reply links point at ``#respond`` rather than ``?replytocom=N``: the latter makes every
comment a distinct URL of the same page, a crawler trap that would measure the trap,
not the crawler.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from html import escape

from bench.plan import (
    AUTHORS,
    CATEGORIES,
    COMMENTERS,
    COMMENTS_PER_PAGE,
    PER_PAGE,
    WORDS,
    Listing,
    Post,
    SitePlan,
    comment_thread,
    slugify,
)

SITE_NAME = "The Capitol Ledger"


def _date_text(when: datetime) -> str:
    return f"{when:%B} {when.day}, {when.year}"


def _time_text(when: datetime) -> str:
    hour = when.hour % 12 or 12
    return f"{_date_text(when)} at {hour}:{when:%M} {'am' if when.hour < 12 else 'pm'}"


class Renderer:
    """Renders every page of one :class:`SitePlan`; boilerplate is built once in ``__init__``."""

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan
        rng = random.Random(plan.seed * 7919)
        self.sentences = [self._sentence(rng) for _ in range(4000)]
        self.style = self._inline_style(rng)
        self.header = self._header()
        self.sidebar = self._sidebar()
        self.footer = self._footer()

    # --- text -----------------------------------------------------------------------------
    @staticmethod
    def _sentence(rng: random.Random) -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
        return " ".join(words).capitalize() + rng.choice((".", ".", ".", "?", "!"))

    def paragraphs(self, rng: random.Random, count: int, sentences: tuple[int, int]) -> str:
        return "".join(
            "<p>" + " ".join(rng.choice(self.sentences) for _ in range(rng.randint(*sentences))) + "</p>\n"
            for _ in range(count)
        )

    # --- shared boilerplate -------------------------------------------------------------
    @staticmethod
    def _inline_style(rng: random.Random) -> str:
        rules = []
        for i in range(110):
            name = f"wp-block-{rng.choice(WORDS[40:])}-{i}"
            rules.append(
                f".{name}{{margin:0 0 {rng.randint(1, 30) / 10}em;padding:{rng.randint(0, 24)}px;"
                f"color:#{rng.randrange(0x1000000):06x};font-size:var(--wp--preset--font-size--{rng.choice(('small', 'medium', 'large'))})}}"
            )
        return "\n".join(rules)

    def _head(self, title: str, canonical: str, extra: str = "") -> str:
        return (
            '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)} | {SITE_NAME}</title>\n"
            f'<link rel="canonical" href="{canonical}">\n'
            '<meta name="generator" content="WordPress 6.4.2">\n'
            f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} &raquo; Feed" href="/feed/">\n'
            "<link rel='stylesheet' id='newsblog-style-css' href='/wp-content/themes/newsblog/style.css?ver=2.1' media='all'>\n"
            "<link rel='stylesheet' id='wp-block-library-css' href='/wp-includes/css/dist/block-library/style.min.css?ver=6.4.2' media='all'>\n"
            f"<style id='global-styles-inline-css'>\n{self.style}\n</style>\n"
            "<script src='/wp-includes/js/jquery/jquery.min.js?ver=3.7.1' id='jquery-core-js'></script>\n"
            "<script>window._wpemojiSettings = {\"baseUrl\":\"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/72x72\\/\","
            "\"ext\":\".png\",\"source\":{\"concatemoji\":\"\\/wp-includes\\/js\\/wp-emoji-release.min.js?ver=6.4.2\"}};</script>\n"
            f"{extra}</head>\n"
        )

    def _header(self) -> str:
        menu = "".join(
            f'<li class="menu-item"><a href="/category/{slugify(c)}/">{c}</a></li>' for c in CATEGORIES[:8]
        )
        return (
            '<div id="page" class="site">\n'
            '<a class="skip-link screen-reader-text" href="#content">Skip to content</a>\n'
            '<header id="masthead" class="site-header">\n'
            f'<p class="site-title"><a href="/" rel="home">{SITE_NAME}</a></p>\n'
            '<p class="site-description">Politics, security and the courts, from the Hill</p>\n'
            f'<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">'
            f'<li class="menu-item"><a href="/">Home</a></li>{menu}'
            '<li class="menu-item"><a href="/about/">About</a></li>'
            '<li class="menu-item"><a href="/contact/">Contact</a></li></ul></nav>\n'
            "</header>\n"
        )

    def _sidebar(self) -> str:
        plan = self.plan
        newest = plan.posts[::-1]
        recent = "".join(f'<li><a href="{p.path}">{escape(p.title)}</a></li>' for p in newest[:10])
        commented = [p for p in newest if p.comments][:5]
        recent_comments = "".join(
            f'<li class="recentcomments"><span class="comment-author-link">{COMMENTERS[p.index % len(COMMENTERS)]}</span>'
            f' on <a href="{p.path}#comment-{p.first_comment}">{escape(p.title)}</a></li>'
            for p in commented
        )
        months = "".join(
            f'<li><a href="/{m}/">{datetime.strptime(m, "%Y/%m"):%B %Y}</a></li>' for m in plan.months
        )
        counts = {c: 0 for c in CATEGORIES}
        for post in plan.posts:
            counts[post.category] += 1
        categories = "".join(
            f'<li class="cat-item"><a href="/category/{slugify(c)}/">{c}</a> ({n})</li>' for c, n in counts.items()
        )
        cloud = "".join(
            f'<a href="/tag/{slugify(t)}/" class="tag-cloud-link tag-link-{i}" style="font-size: {8 + i % 14}pt;">{t}</a>\n'
            for i, t in enumerate(plan.tags)
        )
        blogroll = "".join(
            f'<li><a href="https://{w}.example.net/">{w.capitalize()} Weekly</a></li>' for w in WORDS[60:75]
        )
        return (
            '<aside id="secondary" class="widget-area sidebar">\n'
            '<section class="widget widget_search"><form role="search" method="get" class="search-form" action="/">'
            '<input type="search" class="search-field" name="s"><button type="submit">Search</button></form></section>\n'
            f'<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>{recent}</ul></section>\n'
            f'<section class="widget widget_recent_comments"><h2 class="widget-title">Recent Comments</h2><ul id="recentcomments">{recent_comments}</ul></section>\n'
            f'<section class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul>{months}</ul></section>\n'
            f'<section class="widget widget_categories"><h2 class="widget-title">Categories</h2><ul>{categories}</ul></section>\n'
            f'<section class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div class="tagcloud">{cloud}</div></section>\n'
            f'<section class="widget widget_links"><h2 class="widget-title">Blogroll</h2><ul>{blogroll}</ul></section>\n'
            '<section class="widget widget_meta"><h2 class="widget-title">Meta</h2><ul><li><a href="/wp-login.php">Log in</a></li>'
            '<li><a href="/feed/">Entries feed</a></li><li><a href="https://wordpress.org/">WordPress.org</a></li></ul></section>\n'
            "</aside>\n"
        )

    def _footer(self) -> str:
        return (
            '<footer id="colophon" class="site-footer"><div class="site-info">'
            '<a href="/about/">About</a> | <a href="/contact/">Contact</a> | <a href="/privacy-policy/">Privacy Policy</a> | '
            f'&copy; {SITE_NAME}. Proudly powered by <a href="https://wordpress.org/">WordPress</a></div></footer>\n'
            "</div>\n<script src='/wp-includes/js/comment-reply.min.js?ver=6.4.2' id='comment-reply-js' async></script>\n"
            "</body>\n</html>\n"
        )

    def _page(self, head: str, main: str, body_class: str) -> str:
        return (
            f'{head}<body class="{body_class} wp-theme-newsblog">\n{self.header}<div id="content" class="site-content">\n'
            f'<main id="primary" class="site-main">\n{main}</main>\n{self.sidebar}</div>\n{self.footer}'
        )

    # --- posts and their comment pages ------------------------------------------------------
    def post_page(self, post: Post, number: int) -> str:
        """The post with its ``number``-th page of comments (1 = the post's own URL)."""
        rng = random.Random(post.index * 104729 + self.plan.seed)
        body = self.paragraphs(rng, rng.randint(6, 12), (3, 7))
        jsonld = (
            '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
            f'"headline":"{post.title}","datePublished":"{post.published.isoformat()}",'
            f'"author":{{"@type":"Person","name":"{post.author}"}},"mainEntityOfPage":"{post.path}",'
            f'"commentCount":{post.comments},"publisher":{{"@type":"Organization","name":"{SITE_NAME}"}}}}</script>\n'
        )
        jsonld += (
            f'<meta property="og:type" content="article">\n<meta property="og:title" content="{escape(post.title)}">\n'
            f'<meta property="og:url" content="{post.path}">\n<meta property="og:site_name" content="{SITE_NAME}">\n'
            f'<meta property="article:published_time" content="{post.published.isoformat()}">\n'
        )
        # Canonical is the post itself on every comment page, as SEO plugins set it.
        head = self._head(post.title, post.path, jsonld)
        main = self._article(post, body) + self._post_nav(post) + self._comments(post, number)
        body_class = f"post-template-default single single-post postid-{post.index + 100} single-format-standard"
        return self._page(head, main, body_class)

    def _article(self, post: Post, body: str) -> str:
        tags = ", ".join(f'<a href="/tag/{slugify(t)}/" rel="tag">{t}</a>' for t in post.tags)
        category = f'<a href="/category/{slugify(post.category)}/" rel="category tag">{post.category}</a>'
        published = post.published
        updated = published + timedelta(hours=3)
        share = "".join(
            f'<li><a class="share-{s}" href="https://{s}.example.com/share?u={post.path}" rel="nofollow noopener" target="_blank">{s}</a></li>'
            for s in ("facebook", "twitter", "linkedin", "reddit", "email")
        )
        return (
            f'<article id="post-{post.index + 100}" class="post-{post.index + 100} post type-post status-publish format-standard hentry '
            f'category-{slugify(post.category)}">\n<header class="entry-header">\n'
            f'<h1 class="entry-title">{escape(post.title)}</h1>\n<div class="entry-meta">'
            f'<span class="posted-on"><a href="{post.path}" rel="bookmark">'
            f'<time class="entry-date published" datetime="{published.isoformat()}">{_date_text(published)}</time>'
            f'<time class="updated" datetime="{updated.isoformat()}">{_date_text(updated)}</time></a></span>'
            f' <span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/{slugify(post.author)}/">'
            f"{post.author}</a></span></span></div>\n</header>\n"
            f'<div class="entry-content">\n{body}</div>\n'
            f'<div class="sharedaddy"><ul class="share-buttons">{share}</ul></div>\n'
            f'<footer class="entry-footer"><span class="cat-links">Posted in {category}</span> '
            f'<span class="tags-links">Tagged {tags}</span></footer>\n</article>\n'
        )

    def _post_nav(self, post: Post) -> str:
        posts = self.plan.posts
        links = []
        if post.index > 0:
            older = posts[post.index - 1]
            links.append(f'<div class="nav-previous"><a href="{older.path}" rel="prev">{escape(older.title)}</a></div>')
        if post.index + 1 < len(posts):
            newer = posts[post.index + 1]
            links.append(f'<div class="nav-next"><a href="{newer.path}" rel="next">{escape(newer.title)}</a></div>')
        related = "".join(
            f'<li><a href="{p.path}">{escape(p.title)}</a></li>'
            for p in posts[max(0, post.index - 7) : post.index - 1]
        )
        return (
            f'<nav class="navigation post-navigation"><div class="nav-links">{"".join(links)}</div></nav>\n'
            f'<div class="jp-relatedposts related-posts"><h3>Related</h3><ul>{related}</ul></div>\n'
        )

    def _comments(self, post: Post, number: int) -> str:
        respond = (
            '<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>'
            '<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">'
            '<p class="comment-form-comment"><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>'
            '<p class="comment-form-author"><input id="author" name="author" type="text"></p>'
            f'<input type="hidden" name="comment_post_ID" value="{post.index + 100}"></form></div>\n'
        )
        if not post.comments:
            return f'<div id="comments" class="comments-area">\n{respond}</div>\n'
        first = (number - 1) * COMMENTS_PER_PAGE
        count = min(COMMENTS_PER_PAGE, post.comments - first)
        ids = [post.first_comment + first + i for i in range(count)]
        rng = random.Random(ids[0] * 31 + self.plan.seed)
        thread = self._thread(rng, post, ids)
        nav = self._comment_nav(post, number)
        return (
            f'<div id="comments" class="comments-area">\n<h2 class="comments-title">{post.comments} thoughts on '
            f"&ldquo;{escape(post.title)}&rdquo;</h2>\n{nav}<ol class=\"commentlist\">\n{thread}</ol>\n{nav}{respond}</div>\n"
        )

    def _thread(self, rng: random.Random, post: Post, ids: list[int]) -> str:
        children, depth = comment_thread(rng, ids)
        return "".join(self._comment(rng, post, cid, depth, children) for cid in children[None])

    def _comment(self, rng: random.Random, post: Post, cid: int, depth: dict[int, int], children: dict) -> str:
        when = post.published + timedelta(minutes=37 * (cid - post.first_comment + 1))
        author = COMMENTERS[cid % len(COMMENTERS)]
        name = (
            f'<a href="https://{slugify(author)}.example.org/" rel="external nofollow ugc" class="url">{author}</a>'
            if cid % 3 == 0
            else author
        )
        replies = children[cid]
        nested = (
            '<ul class="children">\n'
            + "".join(self._comment(rng, post, c, depth, children) for c in replies)
            + "</ul>\n"
            if replies
            else ""
        )
        parity = "even" if cid % 2 == 0 else "odd"
        return (
            f'<li id="comment-{cid}" class="comment {parity} depth-{depth[cid]}">\n'
            f'<article id="div-comment-{cid}" class="comment-body">\n<footer class="comment-meta">'
            f'<div class="comment-author vcard"><img alt="" src="https://secure.gravatar.com/avatar/{cid:032x}?s=56&amp;d=mm" '
            f'class="avatar avatar-56 photo" height="56" width="56" loading="lazy"><b class="fn">{name}</b> '
            '<span class="says">says:</span></div>\n'
            f'<div class="comment-metadata"><a href="{post.path}#comment-{cid}"><time datetime="{when.isoformat()}">'
            f"{_time_text(when)}</time></a></div></footer>\n"
            f'<div class="comment-content">{self.paragraphs(rng, rng.randint(1, 2), (1, 3))}</div>\n'
            f'<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#respond" data-commentid="{cid}" '
            f'data-postid="{post.index + 100}" aria-label="Reply to {author}">Reply</a></div>\n'
            f"</article>\n{nested}</li>\n"
        )

    @staticmethod
    def _comment_nav(post: Post, number: int) -> str:
        if post.comment_pages == 1:
            return ""
        pages = []
        for n in range(1, post.comment_pages + 1):
            if n == number:
                pages.append(f'<span aria-current="page" class="page-numbers current">{n}</span>')
            else:
                pages.append(f'<a class="page-numbers" href="{post.comment_page_path(n)}#comments">{n}</a>')
        return f'<nav class="navigation comment-navigation"><div class="nav-links">{" ".join(pages)}</div></nav>\n'

    # --- archives and static pages ------------------------------------------------------------
    def listing_page(self, listing: Listing, number: int) -> str:
        chosen = listing.posts[(number - 1) * PER_PAGE : number * PER_PAGE]
        entries = "".join(self._excerpt(p) for p in chosen)
        pages = " ".join(
            f'<a class="page-numbers" href="{listing.page_path(n)}">{n}</a>'
            for n in range(max(1, number - 3), min(listing.pages, number + 3) + 1)
            if n != number
        )
        older = f'<a class="next page-numbers" href="{listing.page_path(number + 1)}">Older posts</a>' if number < listing.pages else ""
        title = "" if listing.base == "/" else f'<header class="page-header"><h1 class="page-title">{escape(listing.title)}</h1></header>\n'
        main = f'{title}{entries}<nav class="navigation pagination"><div class="nav-links">{pages} {older}</div></nav>\n'
        if listing.base == "/":
            body_class = "home blog"
        else:
            body_class = f"archive {listing.base.strip('/').split('/')[0]}"
        if number > 1:
            body_class += f" paged paged-{number}"
        return self._page(self._head(listing.title, listing.page_path(number)), main, body_class)

    def _excerpt(self, post: Post) -> str:
        rng = random.Random(post.index * 7 + 3)
        tags = ", ".join(f'<a href="/tag/{slugify(t)}/" rel="tag">{t}</a>' for t in post.tags)
        return (
            f'<article class="post type-post hentry excerpt"><header class="entry-header"><h2 class="entry-title">'
            f'<a href="{post.path}" rel="bookmark">{escape(post.title)}</a></h2>'
            f'<div class="entry-meta"><time class="entry-date published" datetime="{post.published.isoformat()}">'
            f"{_date_text(post.published)}</time> by {post.author}</div></header>\n"
            f'<div class="entry-summary">{self.paragraphs(rng, 1, (3, 5))}'
            f'<a class="more-link" href="{post.path}">Continue reading</a></div>\n'
            f'<footer class="entry-footer"><a href="/category/{slugify(post.category)}/" rel="category tag">{post.category}</a> '
            f'{tags} <a href="{post.path}#comments">{post.comments} Comments</a></footer></article>\n'
        )

    def static_page(self, path: str, title: str) -> str:
        rng = random.Random(len(path))
        main = f'<article class="page"><h1 class="entry-title">{title}</h1><div class="entry-content">{self.paragraphs(rng, 4, (3, 6))}</div></article>\n'
        return self._page(self._head(title, path), main, f"page-template-default page page-{slugify(title)}")

    def author_page(self, author: str) -> str:
        mine = [p for p in reversed(self.plan.posts) if p.author == author][:PER_PAGE]
        path = f"/author/{slugify(author)}/"
        main = f'<header class="page-header"><h1 class="page-title">Author: {author}</h1></header>\n' + "".join(
            self._excerpt(p) for p in mine
        )
        return self._page(self._head(author, path), main, f"archive author author-{slugify(author)}")

    def feed(self) -> str:
        items = "".join(
            f"<item><title>{escape(p.title)}</title><link>{p.path}</link>"
            f"<pubDate>{p.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>\n"
            for p in self.plan.posts[::-1][:PER_PAGE]
        )
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{SITE_NAME}</title><link>/</link>\n{items}</channel></rss>\n'


STATIC_PAGES = {"/about/": "About", "/contact/": "Contact", "/privacy-policy/": "Privacy Policy"}
AUTHOR_PATHS = {f"/author/{slugify(a)}/": a for a in AUTHORS}
