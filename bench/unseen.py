"""The second synthetic site: a regional newspaper of the early 2010s on its own CMS.

The archiver's parsers were written against WordPress and a corpus of real pages; this
site is none of those. It renders the *same plan* as :mod:`bench.markup` (the same posts,
bodies, comments, comment texts and reply threads, split into the same comment pages) in
markup of another kind, so a crawl of it can be checked against the plan exactly:

* XHTML 1.0 Transitional, ``http-equiv`` charset, OpenGraph but no JSON-LD, no
  ``<article>``, ``<time>`` or ``hentry``; dates only as text ("Wednesday 14 March 2012
  10.05 GMT"), a "today's date" in the masthead and a "last modified" line;
* stories at ``/<section>/YYYY/MM/DD/<slug>/`` with ``h1.headline``, a standfirst, a
  byline "By NAME, Political Reporter", an inline advert and a related-stories aside in
  the body, share bars above and below, topic links, previous/next story links;
* comments as ``div.cmnt-item#c-48213`` with a header line "NAME wrote on 14 March 2012,
  10:05" (some names linked to the commenter's site, some comments badged "Editor's
  pick"), the text in ``div.cmnt-body`` (a quarter of replies open with a quote of the
  comment they answer: "NAME wrote: …"), a footer "Link | Reply | Report abuse | 12
  Recommend", and replies nested in ``div.replies``; 50 to a page, later pages at
  ``?cpage=N``; a moderation notice, sort links and a comment form;
* a right rail with most read stories, *latest comments* (names, story links, snippets,
  dates), a newsletter form, a topic cloud, monthly archives and the paper's blogs;
* section fronts, topic pages and the home page in 20s at ``?page=N``, monthly archives
  on one page each, staff pages, static pages, ``/rss.xml``, ``/sitemap.xml``.

:class:`UnseenRenderer` also gives the facts behind each page (:meth:`story`,
:meth:`comments`), which :mod:`bench.completeness` compares a crawl's output with.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from bench.markup import Renderer
from bench.plan import (
    AUTHORS,
    CATEGORIES,
    COMMENTERS,
    COMMENTS_PER_PAGE,
    WORDS,
    Post,
    SitePlan,
    comment_thread,
    slugify,
)

SITE_NAME = "The Harbour Gazette"
PER_PAGE = 20  # stories per section front, topic or home page
MODIFIED_AFTER = timedelta(hours=3)  # "This article was last modified at …", after publication
ROLES = dict(zip(AUTHORS, (
    "Security Correspondent", "Political Reporter", "Diplomatic Editor", "Chief Political Correspondent",
    "Courts Reporter", "Health Editor", "Political Reporter", "Justice Correspondent",
), strict=True))
PHOTOGRAPHERS = ("Ian Marsh", "Kate Doyle", "Tom Beale")
STATIC_PAGES = {"/about/": "About us", "/contact/": "Contact us", "/terms/": "Terms and house rules",
                "/privacy/": "Privacy policy"}
_SENTENCE_END = re.compile(r"(?<=[.?!]) ")


@dataclass(frozen=True)
class CommentFacts:
    """One comment as the page shows it, for checking what an extractor read."""

    cid: int
    page: int
    parent: int | None
    depth: int
    author: str
    website: str | None
    when: datetime
    paragraphs: tuple[str, ...]
    quote: tuple[str, str] | None  # (name, sentence) of the comment quoted at the top of the text
    pick: bool
    votes: int

    @property
    def shown_date(self) -> str:
        return comment_date(self.when)


@dataclass(frozen=True)
class StoryFacts:
    """One story's header and body as the page shows them."""

    path: str
    title: str
    author: str
    published: datetime
    section: str
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]


def story_date(when: datetime) -> str:
    return f"{when:%A} {when.day} {when:%B %Y %H.%M} GMT"


def comment_date(when: datetime) -> str:
    return f"{when.day} {when:%B %Y, %H:%M}"


def _day(when: datetime) -> str:
    return f"{when.day} {when:%B %Y}"


def query_page(path: str, number: int, name: str) -> str:
    """Page ``number`` of a paged view: the path itself for 1, else ``path?name=N``."""
    return path if number == 1 else f"{path}?{name}={number}"


@dataclass(frozen=True)
class Front:
    """A paged list of stories (home, section front, topic), newest first."""

    base: str
    title: str
    posts: tuple[Post, ...]

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.posts) // PER_PAGE))

    def page_path(self, number: int) -> str:
        return query_page(self.base, number, "page")


class UnseenRenderer:
    """Renders every page of one :class:`SitePlan` as the newspaper; shared parts built once."""

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan
        self.words = Renderer(plan)  # the sentence pool, so bodies and comments match the first site
        self.sentences = self.words.sentences
        rng = random.Random(plan.seed * 6271)
        self.style = self._style(rng)
        newest = plan.posts[-1].published if plan.posts else datetime(2012, 1, 1)
        self.masthead = self._masthead(newest)
        self.rail = self._rail()
        self.footer = self._footer()

    # --- paths -------------------------------------------------------------------------
    @staticmethod
    def post_path(post: Post) -> str:
        return f"/{slugify(post.category)}{post.path}"

    def comment_page_path(self, post: Post, number: int) -> str:
        return query_page(self.post_path(post), number, "cpage")

    def post_page_paths(self) -> list[str]:
        return [self.comment_page_path(p, n) for p in self.plan.posts for n in range(1, p.comment_pages + 1)]

    def fronts(self) -> list[Front]:
        newest = tuple(reversed(self.plan.posts))
        fronts = [Front("/", "Home", newest)]
        for category in CATEGORIES:
            chosen = tuple(p for p in newest if p.category == category)
            if chosen:
                fronts.append(Front(f"/{slugify(category)}/", category, chosen))
        for tag in self.plan.tags:
            chosen = tuple(p for p in newest if tag in p.tags)
            if chosen:
                fronts.append(Front(f"/topics/{slugify(tag)}/", tag.capitalize(), chosen))
        return fronts

    @staticmethod
    def month_path(month: str) -> str:
        return f"/archive/{month}/"

    @staticmethod
    def staff_path(author: str) -> str:
        return f"/staff/{slugify(author)}/"

    def other_page_paths(self) -> list[str]:
        fronts = [f.page_path(n) for f in self.fronts() for n in range(1, f.pages + 1)]
        months = [self.month_path(m) for m in self.plan.months]
        return fronts + months + list(STATIC_PAGES) + [self.staff_path(a) for a in AUTHORS]

    # --- facts -------------------------------------------------------------------------
    def _draw(self, rng: random.Random, count: int, sentences: tuple[int, int]) -> tuple[str, ...]:
        """Paragraphs drawn exactly as :meth:`Renderer.paragraphs` draws them."""
        pool = self.sentences
        out = []
        for _ in range(count):
            n = rng.randint(*sentences)
            out.append(" ".join(rng.choice(pool) for _ in range(n)))
        return tuple(out)

    def story(self, post: Post) -> StoryFacts:
        rng = random.Random(post.index * 104729 + self.plan.seed)  # the first site's body of this post
        body = self._draw(rng, rng.randint(6, 12), (3, 7))
        return StoryFacts(self.post_path(post), post.title, post.author, post.published, post.category,
                          post.tags, body)

    def comments(self, post: Post, number: int) -> list[CommentFacts]:
        """The comments of one comment page in document order (a reply right after its parent's
        text, inside the parent's element): the first site's threads and texts."""
        if not post.comments:
            return []
        first = (number - 1) * COMMENTS_PER_PAGE
        count = min(COMMENTS_PER_PAGE, post.comments - first)
        ids = [post.first_comment + first + i for i in range(count)]
        rng = random.Random(ids[0] * 31 + self.plan.seed)
        children, depth = comment_thread(rng, ids)
        parent_of = {c: p for p, kids in children.items() for c in kids}
        texts: dict[int, tuple[str, ...]] = {}

        def draw(cid: int) -> None:  # replies first, as the first site draws them
            for child in children[cid]:
                draw(child)
            texts[cid] = self._draw(rng, rng.randint(1, 2), (1, 3))

        for top in children[None]:
            draw(top)
        facts: list[CommentFacts] = []

        def visit(cid: int) -> None:
            extra = random.Random(cid * 7 + self.plan.seed * 13)
            parent = parent_of[cid]
            quote = None
            if parent is not None and extra.random() < 0.25:
                quote = (COMMENTERS[parent % len(COMMENTERS)], _SENTENCE_END.split(texts[parent][0])[0])
            author = COMMENTERS[cid % len(COMMENTERS)]
            facts.append(CommentFacts(
                cid=cid, page=number, parent=parent, depth=depth[cid], author=author,
                website=f"http://{slugify(author)}.example.org/" if cid % 3 == 0 else None,
                when=post.published + timedelta(minutes=37 * (cid - post.first_comment + 1)),
                paragraphs=texts[cid], quote=quote, pick=extra.random() < 0.04, votes=extra.randint(0, 40),
            ))
            for child in children[cid]:
                visit(child)

        for top in children[None]:
            visit(top)
        return facts

    # --- shared parts ------------------------------------------------------------------
    @staticmethod
    def _style(rng: random.Random) -> str:
        rules = []
        for i in range(90):
            name = f"{rng.choice(('box', 'teaser', 'story', 'rail', 'nav', 'cmnt', 'ad')) }-{rng.choice(WORDS[40:])}-{i}"
            rules.append(f"#wrapper .{name}{{margin:{rng.randint(0, 20)}px {rng.randint(0, 20)}px;"
                         f"font:{rng.randint(10, 18)}px/{rng.randint(12, 24)}px Georgia,serif;"
                         f"color:#{rng.randrange(0x1000000):06x};background:#{rng.randrange(0x1000000):06x}}}")
        return "\n".join(rules)

    def _head(self, title: str, canonical: str, og_type: str = "website", description: str = "",
              keywords: str = "", section: str = "") -> str:
        meta = f'<meta name="description" content="{escape(description)}" />\n' if description else ""
        if keywords:
            meta += f'<meta name="keywords" content="{escape(keywords)}" />\n'
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:fb="http://ogp.me/ns/fb#" xml:lang="en" lang="en">\n'
            '<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
            f"<title>{escape(title)}{f' | {section}' if section else ''} | {SITE_NAME}</title>\n{meta}"
            f'<link rel="canonical" href="{canonical}" />\n'
            f'<meta property="og:title" content="{escape(title)}" />\n<meta property="og:type" content="{og_type}" />\n'
            f'<meta property="og:site_name" content="{SITE_NAME}" />\n'
            '<meta property="og:image" content="/static/img/og-gazette.jpg" />\n'
            '<meta property="fb:app_id" content="184937261534422" />\n'
            '<link rel="stylesheet" type="text/css" href="/static/css/gazette.css?v=20120301" media="screen" />\n'
            '<link rel="stylesheet" type="text/css" href="/static/css/print.css?v=20120301" media="print" />\n'
            '<!--[if lt IE 8]><link rel="stylesheet" type="text/css" href="/static/css/ie7.css" /><![endif]-->\n'
            f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} - Latest news" href="/rss.xml" />\n'
            '<script type="text/javascript" src="/static/js/jquery-1.7.1.min.js"></script>\n'
            '<script type="text/javascript" src="/static/js/gazette.js?v=20120301"></script>\n'
            "<script type=\"text/javascript\">//<![CDATA[\nvar _gaq = _gaq || [];\n_gaq.push(['_setAccount', "
            "'UA-2094417-1']);\n_gaq.push(['_trackPageview']);\n(function() { var ga = document.createElement('script'); "
            "ga.type = 'text/javascript'; ga.async = true; ga.src = ('https:' == document.location.protocol ? "
            "'https://ssl' : 'http://www') + '.google-analytics.com/ga.js'; var s = document.getElementsByTagName"
            "('script')[0]; s.parentNode.insertBefore(ga, s); })();\n//]]></script>\n"
            f'<style type="text/css">\n{self.style}\n</style>\n</head>\n'
        )

    def _masthead(self, today: datetime) -> str:
        sections = "".join(f'<li><a href="/{slugify(c)}/">{c}</a></li>' for c in CATEGORIES)
        return (
            '<div id="fb-root"></div>\n<div id="wrapper">\n'
            '<div id="leaderboard" class="advert"><script type="text/javascript">'
            "document.write('<div id=\"ad-728x90\"><' + 'iframe src=\"/static/ads/728x90.html\" width=\"728\" "
            "height=\"90\" frameborder=\"0\" scrolling=\"no\"></' + 'iframe></div>');</script></div>\n"
            '<div id="masthead">\n'
            f'<div id="todays-date">{today:%A} {_day(today)}</div>\n'
            f'<a href="/" id="logo" title="{SITE_NAME} home"><img src="/static/img/logo.gif" alt="{SITE_NAME}" '
            'width="380" height="60" /></a>\n'
            '<div id="weather">Harbour City <b>14&deg;C</b> Light rain</div>\n'
            '<form id="site-search" action="/search/" method="get"><div><input type="text" name="q" size="20" />'
            '<input type="submit" value="Search" /></div></form>\n</div>\n'
            f'<ul id="sections"><li class="first"><a href="/">Home</a></li>{sections}</ul>\n'
        )

    def _rail(self) -> str:
        plan = self.plan
        newest = plan.posts[::-1]
        most_read = "".join(
            f'<li><a href="{self.post_path(p)}">{escape(p.title)}</a></li>'
            for p in sorted(newest[:60], key=lambda p: (-p.comments, p.index))[:10]
        )
        latest = []
        for post in [p for p in newest if p.comments][:5]:
            pages = post.comment_pages
            last = self.comments(post, pages)[-1] if pages else None
            if last is None:
                continue
            words = " ".join(last.paragraphs[0].split()[:12])
            latest.append(
                f'<li><b>{last.author}</b> on <a href="{self.comment_page_path(post, pages)}#c-{last.cid}">'
                f'{escape(post.title)}</a><br /><q>{words}&hellip;</q> <span class="lc-when">{comment_date(last.when)}</span></li>'
            )
        cloud = " ".join(
            f'<a href="/topics/{slugify(t)}/" class="t{1 + i % 5}">{t}</a>' for i, t in enumerate(plan.tags)
        )
        months = "".join(
            f'<li><a href="{self.month_path(m)}">{datetime.strptime(m, "%Y/%m"):%B %Y}</a></li>' for m in plan.months
        )
        blogs = "".join(f'<li><a href="http://blogs.{w}.example.net/">{w.capitalize()} Notebook</a></li>'
                        for w in WORDS[60:72])
        return (
            '<div id="rail">\n'
            f'<div class="box most-read"><h3>Most read</h3><ol>{most_read}</ol></div>\n'
            f'<div class="box latest-comments"><h3>Latest comments</h3><ul>{"".join(latest)}</ul></div>\n'
            '<div class="box newsletter"><h3>Morning briefing</h3><p>The day\'s news in your inbox at 7am.</p>'
            '<form action="/newsletter/" method="post"><div><input type="text" name="email" size="18" />'
            '<input type="submit" value="Sign up" /></div></form></div>\n'
            f'<div class="box topics"><h3>Topics</h3><p class="topic-cloud">{cloud}</p></div>\n'
            f'<div class="box archive"><h3>Archive</h3><ul>{months}</ul></div>\n'
            f'<div class="box blogs"><h3>Our blogs</h3><ul>{blogs}</ul></div>\n'
            '<div class="box advert"><script type="text/javascript">document.write(\'<div id="ad-300x250"></div>\');'
            "</script></div>\n</div>\n"
        )

    def _footer(self) -> str:
        return (
            '<div id="footer"><ul><li><a href="/about/">About us</a></li><li><a href="/contact/">Contact us</a></li>'
            '<li><a href="/terms/">Terms and house rules</a></li><li><a href="/privacy/">Privacy</a></li>'
            '<li><a href="/rss.xml">RSS</a></li></ul>'
            f'<p>&copy; 2012 {SITE_NAME} Ltd. Registered in England No. 0482913. '
            'Harbour House, 1 Quay Street, Harbour City.</p></div>\n</div>\n'
            '<script type="text/javascript">var gz_page = {"s": "n", "t": 1};</script>\n'
            '<script type="text/javascript" src="/static/js/stats.js"></script>\n</body>\n</html>\n'
        )

    def _page(self, head: str, body_class: str, crumb: str, column: str) -> str:
        return (
            f'{head}<body class="{body_class}">\n{self.masthead}'
            f'<div id="breadcrumb"><a href="/">Home</a>{crumb}</div>\n'
            f'<div id="content-wrap">\n<div id="story-col">\n{column}</div>\n{self.rail}'
            f'<div class="clear"></div>\n</div>\n{self.footer}'
        )

    # --- stories -----------------------------------------------------------------------
    def post_page(self, post: Post, number: int) -> str:
        """The story with its ``number``-th page of comments (1 = the story's own URL)."""
        facts = self.story(post)
        path = facts.path
        section = f'/{slugify(post.category)}/'
        standfirst = random.Random(post.index * 7 + 11).choice(self.sentences)
        head = self._head(post.title, path, "article", standfirst, ", ".join(post.tags), post.category)
        crumb = f' &gt; <a href="{section}">{post.category}</a>'
        column = (self._story(post, facts, standfirst) + self._story_links(post)
                  + self._comments(post, number))
        return self._page(head, f"story section-{slugify(post.category)}", crumb, column)

    def _share(self, post: Post, where: str) -> str:
        path = self.post_path(post)
        return (
            f'<div class="share-bar share-{where}"><span>Share this:</span> '
            f'<a href="http://www.facebook.com/sharer.php?u=http%3A%2F%2Fwww.harbourgazette.example{path}" '
            'target="_blank" class="sh-fb">Facebook</a> '
            f'<a href="http://twitter.com/share?url=http%3A%2F%2Fwww.harbourgazette.example{path}&amp;via=harbourgazette" '
            'target="_blank" class="sh-tw">Twitter</a> '
            f'<a href="mailto:?subject={escape(post.title)}&amp;body=http://www.harbourgazette.example{path}" '
            'class="sh-em">Email</a> <a href="javascript:window.print()" class="sh-pr">Print</a> '
            f'<a href="{path}#comments" class="sh-cm">{post.comments} comments</a></div>\n'
        )

    def _story(self, post: Post, facts: StoryFacts, standfirst: str) -> str:
        paragraphs = [f"<p>{p}</p>\n" for p in facts.paragraphs]
        ad = ('<div class="inline-ad"><span class="ad-label">Advertisement</span><script type="text/javascript">'
              "document.write('<div id=\"ad-300x100\"></div>');</script></div>\n")
        paragraphs.insert(3, ad)
        older = self.plan.posts[post.index - 1] if post.index else None
        if older is not None:
            paragraphs.insert(6, f'<div class="story-aside"><h4>Related</h4><p><a href="{self.post_path(older)}">'
                                 f"{escape(older.title)}</a></p></div>\n")
        image = ""
        if post.index % 3 == 0:
            caption = random.Random(post.index).choice(self.sentences)
            image = (f'<div class="story-img"><img src="/static/img/stories/{post.index + 40000}.jpg" width="460" '
                     f'height="276" alt="" /><p class="caption">{caption} Photograph: '
                     f"{PHOTOGRAPHERS[post.index % 3]}/{SITE_NAME}</p></div>\n")
        topics = " | ".join(f'<a href="/topics/{slugify(t)}/">{t}</a>' for t in post.tags)
        modified = post.published + MODIFIED_AFTER
        return (
            f'<div class="story" id="story-{post.index + 40000}">\n<h1 class="headline">{escape(post.title)}</h1>\n'
            f'<p class="standfirst">{standfirst}</p>\n'
            f'<div class="story-info"><span class="story-by">By <a href="{self.staff_path(post.author)}">{post.author}</a>, '
            f'{ROLES[post.author]}</span><br />\n<span class="story-dt">{story_date(post.published)}</span></div>\n'
            f'{self._share(post, "top")}<div class="story-body">\n{image}{"".join(paragraphs)}</div>\n'
            f'<p class="story-modified">This article was last modified at {modified:%H.%M} GMT on '
            f"{modified:%A} {_day(modified)}</p>\n"
            f'<div class="story-topics">More on: {topics}</div>\n{self._share(post, "bottom")}</div>\n'
        )

    def _story_links(self, post: Post) -> str:
        posts = self.plan.posts
        related = "".join(
            f'<li><a href="{self.post_path(p)}">{escape(p.title)}</a> <span class="rel-date">{_day(p.published)}</span></li>'
            for p in posts[max(0, post.index - 7) : max(0, post.index - 1)]
        )
        nav = []
        if post.index > 0:
            nav.append(f'&lsaquo; <a href="{self.post_path(posts[post.index - 1])}">Previous story</a>')
        if post.index + 1 < len(posts):
            nav.append(f'<a href="{self.post_path(posts[post.index + 1])}">Next story</a> &rsaquo;')
        return (
            f'<div class="related-stories"><h3>Related stories</h3><ul>{related}</ul></div>\n'
            f'<div class="story-nav">{" | ".join(nav)}</div>\n'
        )

    def _comments(self, post: Post, number: int) -> str:
        form = (
            '<div id="add-comment"><h3>Have your say</h3>'
            f'<form action="/comments/submit/" method="post" id="cmnt-form"><div><input type="hidden" name="story" '
            f'value="{post.index + 40000}" /><label for="cf-name">Name</label> <input type="text" id="cf-name" name="name" />'
            '<label for="cf-email">Email (not published)</label> <input type="text" id="cf-email" name="email" />'
            '<textarea id="cf-body" name="body" rows="6" cols="50"></textarea>'
            '<input type="checkbox" name="remember" id="cf-remember" /> <label for="cf-remember">Remember me</label>'
            '<input type="submit" value="Post comment" /></div></form></div>\n'
        )
        rules = ('<p class="cmnt-rules">Comments are moderated. Please read our <a href="/terms/">house rules</a> '
                 "before posting.</p>\n")
        if not post.comments:
            return f'<div id="comments">\n<h2>Comments</h2>\n<p>No comments yet. Be the first to have your say.</p>\n{rules}{form}</div>\n'
        facts = self.comments(post, number)
        by_parent: dict[int | None, list[CommentFacts]] = {}
        for fact in facts:
            by_parent.setdefault(fact.parent, []).append(fact)
        page_url = self.comment_page_path(post, number)
        items = "".join(self._comment(f, by_parent, page_url) for f in by_parent[None])
        pager = self._pager(post, number)
        sort = ('<div class="cmnt-sort">Show: <a href="#comments" class="on">Oldest first</a> | '
                '<a href="#comments" onclick="return gzSort(\'newest\');">Newest first</a> | '
                '<a href="#comments" onclick="return gzSort(\'picks\');">Editor\'s picks</a></div>\n')
        return (
            f'<div id="comments">\n<h2>{post.comments} comments</h2>\n{rules}{sort}{pager}'
            f'<div class="cmnt-list">\n{items}</div>\n{pager}{form}</div>\n'
        )

    def _comment(self, fact: CommentFacts, by_parent: dict[int | None, list[CommentFacts]], page_url: str) -> str:
        name = (f'<a href="{fact.website}" rel="nofollow" target="_blank">{fact.author}</a>' if fact.website
                else fact.author)
        pick = ' <span class="pick">Editor\'s pick</span>' if fact.pick else ""
        quote = ""
        if fact.quote is not None:
            quote = f"<blockquote><p><strong>{fact.quote[0]} wrote:</strong></p><p>{fact.quote[1]}</p></blockquote>\n"
        text = "".join(f"<p>{p}</p>\n" for p in fact.paragraphs)
        replies = by_parent.get(fact.cid)
        nested = ('<div class="replies">\n' + "".join(self._comment(r, by_parent, page_url) for r in replies) + "</div>\n"
                  if replies else "")
        cid = fact.cid
        return (
            f'<div class="cmnt-item{" cmnt-picked" if fact.pick else ""}" id="c-{cid}">\n'
            f'<div class="cmnt-head"><img class="av" src="/static/img/av/{cid % 12}.png" width="40" height="40" alt="" /> '
            f"<strong>{name}</strong> wrote on {fact.shown_date}{pick}</div>\n"
            f'<div class="cmnt-body">\n{quote}{text}</div>\n'
            f'<div class="cmnt-foot"><a href="{page_url}#c-{cid}" title="Link to this comment">Link</a> | '
            f'<a href="#add-comment" onclick="return gzReply({cid});">Reply</a> | '
            f'<a href="#c-{cid}" onclick="return gzReport({cid});">Report abuse</a> | '
            f'<span class="votes" id="v-{cid}">{fact.votes}</span> <a href="#c-{cid}" onclick="return gzRec({cid});">'
            f"Recommend</a></div>\n{nested}</div>\n"
        )

    def _pager(self, post: Post, number: int) -> str:
        pages = post.comment_pages
        if pages == 1:
            return ""
        links = []
        for n in range(1, pages + 1):
            if n == number:
                links.append(f"<b>{n}</b>")
            else:
                href = self.post_path(post) if n == 1 else f"?cpage={n}"
                links.append(f'<a href="{href}#comments">{n}</a>')
        prev_link = ""
        if number > 1:
            href = self.post_path(post) if number == 2 else f"?cpage={number - 1}"
            prev_link = f'<a href="{href}#comments">&lsaquo; Previous</a> '
        next_link = f' <a href="?cpage={number + 1}#comments">Next &rsaquo;</a>' if number < pages else ""
        first = (number - 1) * COMMENTS_PER_PAGE + 1
        last = min(post.comments, number * COMMENTS_PER_PAGE)
        return (f'<div class="cmnt-pager">Comments {first}&ndash;{last} of {post.comments}: '
                f'{prev_link}{" ".join(links)}{next_link}</div>\n')

    # --- fronts, archives, other pages ---------------------------------------------------
    def _teaser(self, post: Post) -> str:
        excerpt = self.words.paragraphs(random.Random(post.index * 7 + 3), 1, (3, 5))
        excerpt = excerpt.removeprefix("<p>").removesuffix("</p>\n")
        path = self.post_path(post)
        return (
            f'<div class="teaser"><h3><a href="{path}">{escape(post.title)}</a></h3>\n'
            f'<p class="teaser-meta"><span class="t-date">{_day(post.published)}</span> | '
            f'<a href="/{slugify(post.category)}/">{post.category}</a> | <a href="{path}#comments">{post.comments} '
            f'comments</a></p>\n<p class="teaser-text">{excerpt}</p></div>\n'
        )

    def front_page(self, front: Front, number: int) -> str:
        chosen = front.posts[(number - 1) * PER_PAGE : number * PER_PAGE]
        links = []
        for n in range(max(1, number - 4), min(front.pages, number + 4) + 1):
            links.append(f"<b>{n}</b>" if n == number else f'<a href="{front.page_path(n)}">{n}</a>')
        older = f' <a href="{front.page_path(number + 1)}">Older stories &rsaquo;</a>' if number < front.pages else ""
        newer = f'<a href="{front.page_path(number - 1)}">&lsaquo; Newer stories</a> ' if number > 1 else ""
        heading = "Latest news" if front.base == "/" else front.title
        column = (f'<h1 class="front-title">{escape(heading)}</h1>\n<div class="teasers">\n'
                  f'{"".join(self._teaser(p) for p in chosen)}</div>\n'
                  f'<div class="pager">{newer}{" ".join(links)}{older}</div>\n')
        crumb = "" if front.base == "/" else f" &gt; {escape(front.title)}"
        title = heading if number == 1 else f"{heading} - page {number}"
        kind = "home" if front.base == "/" else f"front front-{front.base.strip('/').replace('/', '-')}"
        return self._page(self._head(title, front.page_path(number)), kind, crumb, column)

    def month_page(self, month: str) -> str:
        chosen = [p for p in self.plan.posts if p.published.strftime("%Y/%m") == month]
        label = f"{datetime.strptime(month, '%Y/%m'):%B %Y}"
        rows = "".join(
            f'<li><span class="a-date">{_day(p.published)}</span> <a href="{self.post_path(p)}">{escape(p.title)}</a> '
            f'<span class="a-sec">{p.category}</span></li>\n' for p in chosen
        )
        column = f'<h1 class="front-title">Archive: {label}</h1>\n<ul class="archive-list">\n{rows}</ul>\n'
        return self._page(self._head(f"Archive: {label}", self.month_path(month)), "archive", " &gt; Archive", column)

    def static_page(self, path: str, title: str) -> str:
        text = self.words.paragraphs(random.Random(len(path) * 5), 4, (3, 6))
        column = f'<div class="static-content"><h1>{title}</h1>\n{text}</div>\n'
        return self._page(self._head(title, path), "static", f" &gt; {title}", column)

    def staff_page(self, author: str) -> str:
        mine = [p for p in reversed(self.plan.posts) if p.author == author][:10]
        column = (f'<div class="staff-card"><h1>{author}</h1><p class="staff-role">{ROLES[author]}</p></div>\n'
                  f'<h2>Latest from {author}</h2>\n<div class="teasers">\n{"".join(self._teaser(p) for p in mine)}</div>\n')
        return self._page(self._head(author, self.staff_path(author)), "staff", " &gt; Staff", column)

    def feed(self) -> str:
        items = "".join(
            f"<item><title>{escape(p.title)}</title><link>{self.post_path(p)}</link><description>"
            f"{escape(p.category)}</description><pubDate>{p.published:%a, %d %b %Y %H:%M:%S GMT}</pubDate></item>\n"
            for p in self.plan.posts[::-1][:PER_PAGE]
        )
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{SITE_NAME}</title>'
                f"<link>/</link><description>Latest news</description>\n{items}</channel></rss>\n")

    def sitemap(self) -> str:
        urls = "".join(f"<url><loc>{self.post_path(p)}</loc></url>\n" for p in self.plan.posts)
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{urls}</urlset>\n")

    def pages(self) -> Iterator[tuple[str, str, bool]]:
        """Every HTML page as (path, html, holds a story)."""
        for post in self.plan.posts:
            for number in range(1, post.comment_pages + 1):
                yield self.comment_page_path(post, number), self.post_page(post, number), True
        for front in self.fronts():
            for number in range(1, front.pages + 1):
                yield front.page_path(number), self.front_page(front, number), False
        for month in self.plan.months:
            yield self.month_path(month), self.month_page(month), False
        for path, title in STATIC_PAGES.items():
            yield path, self.static_page(path, title), False
        for author in AUTHORS:
            yield self.staff_path(author), self.staff_page(author), False
