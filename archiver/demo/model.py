"""The demo blog's content, generated from a seed: the single source of truth.

The same :class:`SiteModel` renders the pages (``archiver.demo.render``) and tells the
tests what a perfect crawl must find (every post, every comment with its parent and its
position in the stitched thread), so a test never hard-codes a count.

The layout copies WordPress defaults: archive pages list ``posts_per_page`` posts, newest
first; comments are threaded and paginated by top-level thread (``comments_per_page``), the
post URL shows the newest comment page and older ones live at ``/comment-page-N/``.

A model can grow while it is served (:meth:`SiteModel.add_post`, :meth:`SiteModel.add_comment`),
so tests of incremental crawls can publish posts and comments between two runs; hold
:meth:`archiver.demo.server.DemoServer.edit` around changes to a model being served.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

# Eastern Daylight Time: every demo post is dated in September/October 2011.
EASTERN = timezone(timedelta(hours=-4), "EDT")

_TOPICS = (
    "Pentagon", "drone program", "Haqqani network", "NATO allies", "cyber command", "embassy security",
    "Joint Chiefs", "intelligence budget", "Afghan border", "missile defense", "special operations",
    "CIA station", "State Department", "counterterrorism talks", "nuclear inspectors", "navy fleet",
)
_VERBS = (
    "weighs", "reviews", "questions", "expands", "delays", "defends", "rethinks", "tightens", "briefs",
    "warns about", "backs", "scales back",
)
_SENTENCES = (
    "Officials said the decision followed weeks of closed-door meetings.",
    "A senior military official, who declined to be named, described the talks as candid.",
    "The move comes as lawmakers press for more oversight of the program.",
    "Analysts expect the issue to dominate the next round of budget hearings.",
    "The department did not immediately respond to a request for comment.",
    "Critics argue the plan leaves too many questions unanswered.",
    "Allies have been briefed on the outline, according to two diplomats.",
    "The review is expected to be finished before the end of the year.",
    "It is the third such meeting since the spring.",
    "Both sides called the relationship important but strained.",
)
_AUTHORS = (
    "Barbara Starr", "Larry Shaughnessy", "Suzanne Kelly", "Jill Dougherty", "Charley Keyes",
    "Mike Mount", "Elise Labott",
)
_CATEGORIES = ("Pakistan", "Afghanistan", "Military", "Intelligence", "Diplomacy", "Cyber")
_TAGS = ("Leon Panetta", "Mike Mullen", "drones", "al Qaeda", "budget", "NATO", "Kabul", "Congress")
_COMMENTERS = (
    "Jyotrindra", "Raj Patel", "Mike in Ohio", "sam", "Veteran67", "Kathy B.", "Joe Smith",
    "Ana Lucía", "peacenik", "D. Müller", "TexasTom", "ObservantReader",
)
_COMMENT_TEXTS = (
    "This relationship has always been more complicated than the headlines suggest.",
    "Why is nobody asking what this costs the taxpayer?",
    "Good reporting, thanks for the context.",
    "I served over there and this matches what we saw on the ground.",
    "The real question is what happens after the drawdown.",
    "Nothing will change until Congress takes oversight seriously.",
    "Interesting piece. The quote from the official says a lot.",
    "Does anyone have a link to the full transcript?",
)
_REPLY_TEXTS = (
    "I agree with you, but the article covers that in the fourth paragraph.",
    "That is not what the official said at all.",
    "Thanks, that is a fair point.",
    "Source please?",
)


@dataclass
class DemoComment:
    """One comment or pingback as the page shows it; ``children`` are its replies."""

    number: int
    author: str
    author_url: str | None
    published: datetime
    text: str
    kind: str = "comment"
    parent: int | None = None
    children: list[DemoComment] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The id WordPress puts on the ``li`` (``comment-123``); items use it too."""
        return f"comment-{self.number}"

    def walk(self, depth: int = 1):
        """This comment and its replies in reading order, with their depth."""
        yield self, depth
        for child in self.children:
            yield from child.walk(depth + 1)


@dataclass
class DemoPost:
    number: int
    slug: str
    title: str
    published: datetime
    authors: list[str]
    paragraphs: list[str]
    categories: list[str]
    tags: list[str]
    threads: list[DemoComment] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/{self.published:%Y/%m/%d}/{self.slug}/"

    def flat_comments(self) -> list[tuple[DemoComment, int]]:
        """Every comment with its depth, in the stitched thread's reading order."""
        return [pair for thread in self.threads for pair in thread.walk()]

    @property
    def comment_count(self) -> int:
        return len(self.flat_comments())


@dataclass
class SiteModel:
    """The whole demo blog. ``posts`` are newest first, like every WordPress listing."""

    title: str
    posts: list[DemoPost]
    posts_per_page: int = 5
    comments_per_page: int = 4
    feed_size: int = 10
    private_path: str = "/private/2011/09/20/staff-notes/"
    missing_path: str = "/2011/08/01/removed-post/"

    # --- navigation ---------------------------------------------------------------------
    @property
    def redirect_target(self) -> DemoPost:
        """The post whose old slug redirects to it (301), as WordPress does after a rename."""
        return self.posts[-1]

    @property
    def redirect_path(self) -> str:
        return f"{self.redirect_target.path[:-1]}-draft/"

    @property
    def private_section(self) -> str:
        """The section robots.txt disallows."""
        return "/private/"

    @property
    def chunked_post(self) -> DemoPost:
        """The post whose page is sent with ``Transfer-Encoding: chunked``."""
        return self.posts[1]

    def listing_pages(self, posts: list[DemoPost]) -> list[list[DemoPost]]:
        size = self.posts_per_page
        return [posts[i : i + size] for i in range(0, len(posts), size)] or [[]]

    def comment_pages(self, post: DemoPost) -> list[list[DemoComment]]:
        """Top-level threads per comment page, page 1 = oldest."""
        size = self.comments_per_page
        return [post.threads[i : i + size] for i in range(0, len(post.threads), size)]

    def categories(self) -> dict[str, list[DemoPost]]:
        return {name: [p for p in self.posts if name in p.categories] for name in _used(self.posts, "categories")}

    def tags(self) -> dict[str, list[DemoPost]]:
        return {name: [p for p in self.posts if name in p.tags] for name in _used(self.posts, "tags")}

    def feed_posts(self) -> list[DemoPost]:
        return self.posts[: self.feed_size]

    def post_at(self, path: str) -> DemoPost | None:
        return next((p for p in self.posts if p.path == path), None)

    # --- truth for tests --------------------------------------------------------------
    @property
    def comment_total(self) -> int:
        return sum(p.comment_count for p in self.posts)

    def multi_page_posts(self) -> list[DemoPost]:
        return [p for p in self.posts if len(self.comment_pages(p)) > 1]

    def all_comments(self) -> list[DemoComment]:
        return [comment for post in self.posts for comment, _ in post.flat_comments()]

    # --- growth while served ------------------------------------------------------------
    def add_post(self, title: str, published: datetime, paragraphs: list[str] | None = None,
                 categories: list[str] | None = None, tags: list[str] | None = None) -> DemoPost:
        """Publish a post (kept newest first, as listings show them) and return it."""
        slug = slugify(title)
        while any(p.slug == slug for p in self.posts):
            slug += "-2"
        post = DemoPost(
            number=max((p.number for p in self.posts), default=57000) + 1, slug=slug, title=title,
            published=published, authors=[_AUTHORS[0]],
            paragraphs=paragraphs or [_SENTENCES[0], " ".join(_SENTENCES[1:4])],
            categories=categories or [_CATEGORIES[0]], tags=tags or [_TAGS[0]],
        )
        self.posts.append(post)
        self.posts.sort(key=lambda p: p.published, reverse=True)
        return post

    def add_comment(self, post: DemoPost, text: str, published: datetime, author: str = "Late Reader",
                    parent: DemoComment | None = None) -> DemoComment:
        """A new comment on ``post``: a new thread, or a reply to ``parent``."""
        number = max((c.number for c in self.all_comments()), default=1_500_000) + 7
        comment = DemoComment(number=number, author=author, author_url=None, published=published.replace(second=0),
                              text=text, parent=parent.number if parent else None)
        if parent is None:
            post.threads.append(comment)
        else:
            parent.children.append(comment)
        return comment


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _used(posts: list[DemoPost], attribute: str) -> list[str]:
    names: list[str] = []
    for post in posts:
        for name in getattr(post, attribute):
            if name not in names:
                names.append(name)
    return sorted(names)


def build_site(seed: int = 2011, posts: int = 12, comments: int = 60, newest: datetime | None = None) -> SiteModel:
    """A blog of ``posts`` posts and about ``comments`` comments, the same for the same seed.

    The newest post always gets enough threads for three comment pages with replies, and
    the oldest has none, so every demo exercises pagination, threading and empty threads.
    ``newest`` moves every date so the newest post is published then (by default the blog
    is from 2011); posts about three days apart, a recent blog has both posts young
    enough to be re-visited and posts too old to be.
    """
    rng = random.Random(seed)
    start = datetime(2011, 9, 1, 9, 0, tzinfo=EASTERN)
    made: list[DemoPost] = []
    used_slugs: set[str] = set()
    for number in range(posts):
        when = start + timedelta(days=number * 3 + rng.randint(0, 2), minutes=rng.randint(0, 600))
        title = f"{rng.choice(_TOPICS).capitalize()} {rng.choice(_VERBS)} {rng.choice(_TOPICS)}"
        slug = slugify(title)
        while slug in used_slugs:
            slug += "-2"
        used_slugs.add(slug)
        made.append(DemoPost(
            number=57000 + number,
            slug=slug,
            title=title,
            published=when,
            authors=rng.sample(_AUTHORS, rng.choice((1, 1, 2))),
            paragraphs=[" ".join(rng.sample(_SENTENCES, 3)) for _ in range(rng.randint(3, 6))],
            categories=sorted(rng.sample(_CATEGORIES, rng.randint(1, 2))),
            tags=sorted(rng.sample(_TAGS, rng.randint(1, 3))),
        ))
    made.sort(key=lambda p: p.published, reverse=True)
    _add_comments(rng, made, comments)
    if newest is not None and made:
        _shift(made, newest - made[0].published)
    return SiteModel(title="Security Clearance", posts=made)


def _shift(posts: list[DemoPost], delta: timedelta) -> None:
    for post in posts:
        post.published += delta
        for comment, _ in post.flat_comments():
            comment.published += delta


def _add_comments(rng: random.Random, posts: list[DemoPost], total: int) -> None:
    counter = iter(range(1_500_000, 10_000_000, 7))
    budget = {post.slug: 0 for post in posts}
    # Newest post: three comment pages. Oldest: no comments. The rest share what is left.
    budget[posts[0].slug] = 24 if posts else 0
    others = posts[1:-1]
    for index in range(max(total - 24, 0)):
        if others:
            budget[others[rng.randrange(len(others)) if index % 3 else index % len(others)].slug] += 1
    for post in posts:
        when = post.published
        remaining = budget[post.slug]
        while remaining > 0:
            when += timedelta(minutes=rng.randint(5, 300))
            thread = _comment(rng, next(counter), when, None)
            remaining -= 1
            if rng.random() < 0.35 and remaining > 0:  # replies, sometimes a reply to a reply
                reply = _comment(rng, next(counter), when + timedelta(minutes=7), thread.number)
                thread.children.append(reply)
                remaining -= 1
                if rng.random() < 0.4 and remaining > 0:
                    deeper = _comment(rng, next(counter), when + timedelta(minutes=9), reply.number)
                    reply.children.append(deeper)
                    remaining -= 1
            post.threads.append(thread)
    if len(posts) > 2:  # one pingback from another post of the blog
        target, source = posts[1], posts[0]
        when = max(source.published, target.published) + timedelta(hours=1)
        target.threads.append(DemoComment(
            number=next(counter), author=source.title, author_url=None, published=when,
            text=f"[...] {source.title} [...]", kind="pingback",
        ))


def _comment(rng: random.Random, number: int, when: datetime, parent: int | None) -> DemoComment:
    author = rng.choice(_COMMENTERS)
    url = None
    roll = rng.random()
    if roll < 0.2:
        url = f"http://{slugify(author) or 'reader'}.example.net/"
    elif roll < 0.25:  # spam-style: the author's name is a URL
        url = f"http://www.example-shop.test/offers/{number}"
        author = url
    texts = _REPLY_TEXTS if parent else _COMMENT_TEXTS
    return DemoComment(number=number, author=author, author_url=url, published=when.replace(second=0),
                       text=rng.choice(texts), parent=parent)
