"""The shape of the synthetic blog: posts, their comments, archives and every page's path.

Everything is derived from ``(posts, seed)`` with seeded random generators, so the same
flags always give byte-identical sites and a generated folder can be reused between runs.
The plan holds no HTML; :mod:`bench.markup` renders it and :mod:`bench.site` writes it.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property

PER_PAGE = 10  # posts per listing page (WordPress default)
COMMENTS_PER_PAGE = 50  # comments per comment page (WordPress default)
FIRST_POST = datetime(2009, 1, 5, 8, 0, tzinfo=UTC)
POST_INTERVAL = timedelta(hours=8)

_VOCABULARY = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which"
    " but have an they you were her she there been one all we their has would when if so no will"
    " government senate budget election policy court ruling agency officials security report"
    " investigation campaign voters economy market energy climate health hospital school teachers"
    " students research data program federal state city council mayor governor president minister"
    " spokesman statement interview analysis survey percent million billion year week month today"
    " yesterday tomorrow morning evening night decision vote debate law bill committee hearing"
    " testimony witness evidence lawyer judge jury trial appeal sources document email letter"
    " memo review clearance contractor military defense intelligence network internet privacy"
    " café naïve über façade résumé déjà"
)
WORDS = tuple(_VOCABULARY.split())
CATEGORIES = (
    "Politics", "Security", "Justice", "Economy", "Technology", "Health", "Science", "World",
    "Opinion", "Energy", "Education", "Media",
)
AUTHORS = (
    "Jennifer Rizzo", "Adam Levine", "Elise Labott", "Tom Cohen", "Paul Courson",
    "Alan Silverleib", "Ashley Hayes", "Carol Cratty",
)
COMMENTERS = tuple(
    f"{first} {last}"
    for first in ("Marta", "Joe", "Sam", "Priya", "Kenji", "Olu", "Anna", "Bert", "Chloé", "Diego")
    for last in ("K.", "Smith", "from Ohio", "Nguyen", "Müller", "Okafor", "Reyes", "T", "Lee", "W.")
)
TAG_COUNT = 60
THREAD_DEPTH = 4  # deepest reply level


def slugify(text: str) -> str:
    """An ASCII URL slug, accents dropped, as WordPress's ``sanitize_title`` makes them."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c for c in word.lower() if c.isalnum()) for word in ascii_text.split()) or "x"


@dataclass(frozen=True)
class Post:
    """One post: its identity, labels, and how many comments (numbered from ``first_comment``)."""

    index: int
    title: str
    slug: str
    published: datetime
    author: str
    category: str
    tags: tuple[str, ...]
    comments: int
    first_comment: int

    @property
    def path(self) -> str:
        return f"{self.published:/%Y/%m/%d}/{self.slug}/"

    @property
    def comment_pages(self) -> int:
        return max(1, -(-self.comments // COMMENTS_PER_PAGE))

    def comment_page_path(self, number: int) -> str:
        """Page 1 is the post itself, as in WordPress; later pages are ``comment-page-N/``."""
        return self.path if number == 1 else f"{self.path}comment-page-{number}/"


@dataclass(frozen=True)
class Listing:
    """A paginated archive (home, category, tag, month): its base path and its posts, newest first."""

    base: str
    title: str
    posts: tuple[Post, ...]

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.posts) // PER_PAGE))

    def page_path(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"


@dataclass
class SitePlan:
    """The whole blog; ``posts`` are in publication order (oldest first)."""

    posts: list[Post]
    seed: int
    tags: tuple[str, ...] = field(default_factory=tuple)

    @cached_property
    def listings(self) -> list[Listing]:
        newest = tuple(reversed(self.posts))
        listings = [Listing("/", "Home", newest)]
        for category in CATEGORIES:
            chosen = tuple(p for p in newest if p.category == category)
            if chosen:
                listings.append(Listing(f"/category/{slugify(category)}/", category, chosen))
        for tag in self.tags:
            chosen = tuple(p for p in newest if tag in p.tags)
            if chosen:
                listings.append(Listing(f"/tag/{slugify(tag)}/", tag, chosen))
        for month in self.months:
            chosen = tuple(p for p in newest if p.published.strftime("%Y/%m") == month)
            listings.append(Listing(f"/{month}/", month, chosen))
        return listings

    @cached_property
    def months(self) -> list[str]:
        """``YYYY/MM`` of every month with posts, newest first."""
        return sorted({p.published.strftime("%Y/%m") for p in self.posts}, reverse=True)

    @property
    def total_comments(self) -> int:
        return sum(p.comments for p in self.posts)

    def post_page_paths(self) -> list[str]:
        """Every page that holds a post or a page of its comments: what an archive must fetch."""
        return [p.comment_page_path(n) for p in self.posts for n in range(1, p.comment_pages + 1)]

    def listing_page_paths(self) -> list[str]:
        return [lst.page_path(n) for lst in self.listings for n in range(1, lst.pages + 1)]


def _comment_count(rng: random.Random) -> int:
    """About 20 comments per post on average, skewed like real blogs: many quiet posts, a few busy."""
    roll = rng.random()
    if roll < 0.25:
        return 0
    if roll < 0.60:
        return rng.randint(1, 10)
    if roll < 0.90:
        return rng.randint(11, 40)
    return rng.randint(41, 160)


def comment_thread(rng: random.Random, ids: list[int]) -> tuple[dict[int | None, list[int]], dict[int, int]]:
    """Who answers whom among one comment page's ``ids`` (in order): ``children`` maps each
    comment (``None`` for the page's top level) to its replies, ``depth`` gives each one's
    level from 1. About three in ten comments answer an earlier one of the page, to at most
    :data:`THREAD_DEPTH` levels. Every site renders the same threads from the same ``rng``."""
    children: dict[int | None, list[int]] = {None: []}
    depth: dict[int, int] = {}
    for position, cid in enumerate(ids):
        candidates = [c for c in ids[:position] if depth[c] < THREAD_DEPTH]
        parent = rng.choice(candidates) if candidates and rng.random() < 0.3 else None
        depth[cid] = depth[parent] + 1 if parent else 1
        children.setdefault(parent, []).append(cid)
        children[cid] = []
    return children, depth


def _title(rng: random.Random) -> str:
    words = rng.sample(WORDS[40:], rng.randint(4, 9))
    return " ".join(words).capitalize()


def plan_site(posts: int, seed: int = 1) -> SitePlan:
    """The plan of a blog with ``posts`` posts."""
    rng = random.Random(seed)
    tags = tuple(sorted({w for w in WORDS[40:] if len(w) > 3}))[:TAG_COUNT]
    plan: list[Post] = []
    next_comment = 1
    used_slugs: set[str] = set()
    for index in range(posts):
        title = _title(rng)
        slug = slugify(title)
        if slug in used_slugs:
            slug = f"{slug}-{index}"
        used_slugs.add(slug)
        count = _comment_count(rng)
        plan.append(
            Post(
                index=index,
                title=title,
                slug=slug,
                published=FIRST_POST + index * POST_INTERVAL,
                author=rng.choice(AUTHORS),
                category=rng.choice(CATEGORIES),
                tags=tuple(rng.sample(tags, 3)),
                comments=count,
                first_comment=next_comment,
            )
        )
        next_comment += count
    return SitePlan(posts=plan, seed=seed, tags=tags)
