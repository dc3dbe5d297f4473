"""The crawler against a real WordPress (Debian's 6.1) under each bundled theme.

``tests/wordpress`` starts MariaDB and PHP's web server on 127.0.0.1, installs and seeds a
small news site (12 posts by 3 authors, ~80 approved comments threaded four deep over
several comment pages, pingbacks, trackbacks, held and spam comments, a three-page post,
timezone Europe/Berlin). Each of six crawls, theme x comment order, runs a real
``scrapy crawl blog`` from the home page; every test below checks one property of every
crawl against what the database holds, so a failure names the theme, the order and the
property, and its message lists examples.

Texts are compared as a reader sees them (``tests.wordpress.truth.visible``: entities,
markup, WordPress's curly quotes and whitespace aside); dates as instants.

Needs Debian packages (see ``tests/wordpress/availability.py``); without them the module
is skipped, unless ARCHIVER_REQUIRE_WORDPRESS=1 (CI) makes it fail.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import CrawlOutput, run_blog_crawl
from tests.wordpress import Truth, WordPressSite, required, unavailable_reason, visible
from tests.wordpress.availability import LOCALE_VARIABLE, REQUIRE_VARIABLE, extra_themes
from tests.wordpress.truth import Comment, Post

UNAVAILABLE = unavailable_reason()
if UNAVAILABLE and not required():
    pytest.skip(UNAVAILABLE, allow_module_level=True)

# Debian's three, then any theme folder under $ARCHIVER_WORDPRESS_THEMES (unset in CI).
THEMES = ("twentytwentyone", "twentytwentytwo", "twentytwentythree", *(t.name for t in extra_themes()))
ORDERS = ("asc", "desc")
# Every theme in both orders in the run's language ($ARCHIVER_WORDPRESS_LOCALE, English if
# unset), and two of Debian's themes in a site language whose dates, quotes and counters
# differ (Debian's wordpress-l10n): French guillemets and "à 22 h 13 min", Russian "в".
RUN_LOCALE = os.environ.get(LOCALE_VARIABLE, "")
VARIANTS = [(theme, order, RUN_LOCALE) for theme in THEMES for order in ORDERS] + [
    ("twentytwentyone", "asc", "fr_FR"), ("twentytwentytwo", "desc", "ru_RU")]
EXAMPLES = 8  # problems listed in a failure message
# Themes that list pingbacks and trackbacks the way wp_list_comments(short_ping=true) prints
# them: "Pingback: <a href=URL>name</a>", with no date and no excerpt on the page. For a
# theme from $ARCHIVER_WORDPRESS_THEMES the crawled pages tell (Crawl.shows).
SHORT_PING_THEMES = {"twentytwentyone"}
DEBIAN_THEMES = frozenset(THEMES[:3])

# The page's ids (comment-28) and the REST API's, scoped to the platform (wordpress:28).
_COMMENT_ID = re.compile(r"(?:li-|div-)?comment-?(\d+)|wordpress:(\d+)|(\d+)")
_COMMENT_PAGE = re.compile(r"comment-page-\d+|[?&]cpage=\d+")


def wordpress_id(item_id: str | None) -> int | None:
    """The WordPress comment id in an item's id (``comment-28``, ``wordpress:28`` -> 28), None if it has none."""
    match = _COMMENT_ID.fullmatch(item_id or "")
    return int(next(group for group in match.groups() if group)) if match else None


def instant(value: str | None) -> datetime | None:
    """An ISO 8601 date as an aware datetime; None when missing, unparsable or without offset."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None


def _bare(url: str | None) -> str:
    return (url or "").split("#")[0].split("?")[0]


@dataclass
class Crawl:
    """One crawl of the site and its items matched to the database's posts and comments."""

    theme: str
    order: str
    output: CrawlOutput
    truth: Truth
    articles: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    unmatched_articles: list[dict[str, Any]] = field(default_factory=list)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    unmatched_comments: list[dict[str, Any]] = field(default_factory=list)
    locale: str = ""
    _pages: dict[str, str] | None = None

    def __post_init__(self) -> None:
        for article in self.output.articles:
            post = self.post_of(article.get("url"))
            if post is None:
                self.unmatched_articles.append(article)
            else:
                self.articles.setdefault(post.id, []).append(article)
        for item in self.output.comments:
            number = wordpress_id(item.get("id"))
            if number is None:
                self.unmatched_comments.append(item)
            else:
                self.comments.setdefault(number, []).append(item)

    def post_html(self, post: Post) -> str:
        """The HTML of every page of ``post`` the crawl archived, read back from its WARC files."""
        if self._pages is None:
            self._pages = {}
            for path in sorted((self.output.folder / "warc").glob("*.warc.gz")):
                with path.open("rb") as stream:
                    for record in ArchiveIterator(stream):
                        if record.rec_type == "response":
                            url = record.rec_headers.get_header("WARC-Target-URI") or ""
                            text = record.content_stream().read().decode("utf-8", "replace")
                            self._pages[url] = self._pages.get(url, "") + text
        return "\n".join(text for url, text in self._pages.items() if _bare(url).startswith(post.permalink))

    def shows(self, post: Post, text: str) -> bool:
        """Whether a page of ``post`` shows ``text`` (compared as a reader sees it)."""
        return visible(text, markup=True) in visible(self.post_html(post), markup=True)

    def post_of(self, url: str | None) -> Post | None:
        """The post a page URL belongs to (the post, one of its pages or comment pages)."""
        bare = _bare(url)
        return next((p for p in self.truth.posts if bare.startswith(p.permalink)), None)

    def article(self, post: Post) -> dict[str, Any] | None:
        found = self.articles.get(post.id, [])
        return found[0] if found else None

    def found_comments(self) -> Iterator[tuple[Comment, dict[str, Any]]]:
        """(database comment, crawled item) for every approved comment the crawl found."""
        for comment in self.truth.comments:
            items = self.comments.get(comment.id)
            if items:
                yield comment, items[0]

    def found_articles(self) -> Iterator[tuple[Post, dict[str, Any]]]:
        for post in self.truth.posts:
            article = self.article(post)
            if article is not None:
                yield post, article


def check(crawl: Crawl, problems: list[str], what: str, checked: int) -> None:
    """Fail with the first problems listed; fail too when nothing was there to check."""
    where = f"{crawl.theme}, comment_order {crawl.order}" + (f", {crawl.locale}" if crawl.locale else "")
    assert checked, f"{where}: no {what} to check (crawl found none; log tail:\n{crawl.output.log[-1500:]})"
    shown = "\n  ".join(problems[:EXAMPLES])
    more = f"\n  ... and {len(problems) - EXAMPLES} more" if len(problems) > EXAMPLES else ""
    assert not problems, f"{where}: {len(problems)} of {checked} {what} wrong:\n  {shown}{more}"


def _label(comment: Comment, truth: Truth) -> str:
    return f"comment {comment.id} ({comment.type or 'comment'} on {truth.post(comment.post_id).slug})"


# --- fixtures ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WordPressSite]:
    if UNAVAILABLE:
        pytest.fail(f"{UNAVAILABLE} ({REQUIRE_VARIABLE}=1 requires these tests to run)")
    with WordPressSite(tmp_path_factory.mktemp("wordpress")) as running:
        yield running


@pytest.fixture(scope="module")
def truth(site: WordPressSite) -> Truth:
    return site.truth()


@pytest.fixture(scope="module", params=VARIANTS,
                ids=[f"{theme}-{order}" + (f"-{locale}" if locale else "") for theme, order, locale in VARIANTS])
def crawl(request: pytest.FixtureRequest, site: WordPressSite, truth: Truth,
          tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """The site crawled from its home page with one theme, comment order and language."""
    theme, order, locale = request.param
    site.configure(theme, order, locale)
    output = run_blog_crawl(tmp_path_factory.mktemp(f"crawl-{theme}-{order}"), f"url={site.url}/", timeout=300)
    return Crawl(theme=theme, order=order, output=output, truth=truth, locale=locale)


# --- the crawl --------------------------------------------------------------------------

def test_crawl_finishes_cleanly(crawl: Crawl) -> None:
    out = crawl.output
    problems = []
    if out.returncode != 0:
        problems.append(f"scrapy exited with {out.returncode}: {out.log[-1500:]}")
    if out.summary.get("finish_reason") != "finished":
        problems.append(f"finish_reason {out.summary.get('finish_reason')!r}")
    problems += [f"invalid item: {i['errors']}" for i in out.invalid]
    check(crawl, problems, "crawl checks", 1)


# --- posts ------------------------------------------------------------------------------

def test_every_post_found_once(crawl: Crawl) -> None:
    problems = []
    for post in crawl.truth.posts:
        found = crawl.articles.get(post.id, [])
        if len(found) != 1:
            problems.append(f"post {post.slug}: {len(found)} articles {[a['url'] for a in found]}")
    problems += [f"article not a post of the site: {a['url']} ({a.get('title')!r})" for a in crawl.unmatched_articles]
    check(crawl, problems, "posts", len(crawl.truth.posts))


def test_post_title(crawl: Crawl) -> None:
    problems = [f"post {post.slug}: title {article.get('title')!r}, expected {post.title!r}"
                for post, article in crawl.found_articles() if visible(article.get("title")) != visible(post.title)]
    check(crawl, problems, "post titles", len(list(crawl.found_articles())))


def _shown_authors(crawl: Crawl, post: Post) -> list[str]:
    """The post's author, or none where the theme shows no author name on the post's pages."""
    if crawl.theme in DEBIAN_THEMES or crawl.shows(post, post.author):
        return [visible(post.author)]
    return []


def test_post_authors(crawl: Crawl) -> None:
    problems = [f"post {post.slug}: authors {article.get('authors')!r}, expected {_shown_authors(crawl, post)!r}"
                for post, article in crawl.found_articles()
                if [visible(a) for a in article.get("authors") or []] != _shown_authors(crawl, post)]
    check(crawl, problems, "post authors", len(list(crawl.found_articles())))


_BEFORE_COMMENTS = re.compile(r"id=[\"']comments[\"']|class=[\"'][^\"']*comment-?list")


def _date_only_shown(crawl: Crawl, post: Post, date: str, published: str | None) -> bool:
    """A date without time is right when it is the local day of ``date`` (a post's or a
    comment's) and no page of the post shows or declares that time (themes that print
    "January 15, 2023" only); a local time without offset when no page declares the
    instant (themes that print "March 22, 2023 at 1:00 pm" and no ``datetime``)."""
    if not date or not published:
        return False
    if published == date[:19] and len(published) == 19:
        return date not in crawl.post_html(post)
    if published != date[:10]:
        return False
    local = datetime.fromisoformat(date)
    clock = {local.strftime("%H:%M"), f"{local.hour % 12 or 12}:{local:%M}"}
    html = crawl.post_html(post)
    if date == post.date:  # the post's time would stand before its comments
        html = _BEFORE_COMMENTS.split(html, maxsplit=1)[0]
    return date not in html and not any(time in visible(html, markup=True) for time in clock)


def test_post_published(crawl: Crawl) -> None:
    """The post's instant; its local day where the theme shows the date alone."""
    problems = [f"post {post.slug}: published {article.get('published')!r}, expected {post.date} ({post.date_gmt} GMT)"
                for post, article in crawl.found_articles()
                if instant(article.get("published")) != post.instant
                and not _date_only_shown(crawl, post, post.date, article.get("published"))]
    check(crawl, problems, "post dates", len(list(crawl.found_articles())))


def _shown_tags(crawl: Crawl, post: Post) -> tuple[str, ...]:
    """The post's tags, or none where the theme shows no tag link on the post's pages."""
    if crawl.theme in DEBIAN_THEMES or "/tag/" in crawl.post_html(post):
        return post.tags
    return ()


def test_post_tags(crawl: Crawl) -> None:
    problems = [f"post {post.slug}: tags {article.get('tags')!r}, expected {list(_shown_tags(crawl, post))!r}"
                for post, article in crawl.found_articles()
                if sorted(visible(t) for t in article.get("tags") or [])
                != sorted(visible(t) for t in _shown_tags(crawl, post))]
    check(crawl, problems, "post tag lists", len(list(crawl.found_articles())))


def _shown_categories(crawl: Crawl, post: Post) -> tuple[str, ...]:
    """The post's categories, or none where the theme shows no category link on its pages."""
    if crawl.theme in DEBIAN_THEMES or "/category/" in crawl.post_html(post):
        return post.categories
    return ()


def test_post_categories(crawl: Crawl) -> None:
    problems = [f"post {post.slug}: categories {article.get('categories')!r}, "
                f"expected {list(_shown_categories(crawl, post))!r}"
                for post, article in crawl.found_articles()
                if sorted(visible(c) for c in article.get("categories") or [])
                != sorted(visible(c) for c in _shown_categories(crawl, post))]
    check(crawl, problems, "post category lists", len(list(crawl.found_articles())))


def _declares_canonical(crawl: Crawl, post: Post) -> bool:
    """Whether the post's pages declare a canonical URL (FoundationPress removes it)."""
    html = crawl.post_html(post)
    return crawl.theme in DEBIAN_THEMES or "rel=\"canonical\"" in html or "rel='canonical'" in html


def test_post_canonical_url(crawl: Crawl) -> None:
    """The post's permalink: no comment-page-N, no cpage, no fragment; none where the
    pages declare none (the article's url is then the permalink)."""
    problems = [f"post {post.slug}: canonical_url {article.get('canonical_url')!r}, expected {post.permalink!r}"
                for post, article in crawl.found_articles()
                if not (article.get("canonical_url") is None and article.get("url") == post.permalink
                        and not _declares_canonical(crawl, post))
                and (article.get("canonical_url") != post.permalink
                     or _COMMENT_PAGE.search(article.get("canonical_url") or "")
                     or "#" in (article.get("canonical_url") or ""))]
    check(crawl, problems, "canonical URLs", len(list(crawl.found_articles())))


def _missing_paragraphs(post: Post, article: dict[str, Any]) -> list[str]:
    body = visible(article.get("body"))
    return [f"page {number}: {visible(paragraph, markup=True)!r}"
            for number, page in enumerate(post.pages, start=1)
            for paragraph in page.split("\n\n")
            if visible(paragraph, markup=True) and visible(paragraph, markup=True) not in body]


def _body_check(crawl: Crawl, found: list[tuple[Post, dict[str, Any]]], what: str) -> None:
    problems = []
    for post, article in found:
        missing = _missing_paragraphs(post, article)
        if missing:
            problems.append(f"post {post.slug} ({len(post.pages)} page(s)): body "
                            f"{(article.get('body') or '')[:100]!r} lacks {'; '.join(missing)}")
    check(crawl, problems, what, len(found))


def test_post_body(crawl: Crawl) -> None:
    """Every paragraph of every single-page post is in its body."""
    found = [(post, article) for post, article in crawl.found_articles() if len(post.pages) == 1]
    _body_check(crawl, found, "single-page post bodies")


def test_multipage_post_body(crawl: Crawl) -> None:
    """A post split with <!--nextpage-->: its body holds the text of every page."""
    found = [(post, article) for post, article in crawl.found_articles() if len(post.pages) > 1]
    _body_check(crawl, found, "multi-page post bodies")


# --- comments ---------------------------------------------------------------------------

def test_every_approved_comment_found_once(crawl: Crawl) -> None:
    truth = crawl.truth
    problems = []
    for comment in truth.comments:
        count = len(crawl.comments.get(comment.id, []))
        if count != 1:
            problems.append(f"{_label(comment, truth)}: found {count} times")
    known = {c.id for c in truth.comments} | {h["id"] for h in truth.hidden}
    problems += [f"item {items[0]['id']} on {items[0].get('page_url')}: no such comment in the database"
                 for number, items in crawl.comments.items() if number not in known]
    problems += [f"item {i.get('id')!r} by {i.get('author')!r} on {i.get('page_url')}: id holds no WordPress "
                 f"comment id (text {i.get('text', '')[:60]!r})" for i in crawl.unmatched_comments]
    check(crawl, problems, "approved comments", len(truth.comments))


def test_no_unapproved_or_spam_comment(crawl: Crawl) -> None:
    hidden = crawl.truth.hidden
    problems = [f"{h['status']} comment {h['id']} found" for h in hidden if h["id"] in crawl.comments]
    texts = {visible(h["content"], markup=True): h for h in hidden}
    problems += [f"{texts[visible(item.get('text'))]['status']} comment text found in item {item.get('id')}"
                 for item in crawl.output.comments if visible(item.get("text")) in texts]
    check(crawl, problems, "held, spam and trashed comments", len(hidden))


def test_no_comment_with_empty_text(crawl: Crawl) -> None:
    problems = [f"item {item.get('id')} by {item.get('author')!r} on {item.get('page_url')}: empty text"
                for item in crawl.output.comments if not visible(item.get("text"))]
    check(crawl, problems, "comment items", len(crawl.output.comments))


def _short_ping(crawl: Crawl, comment: Comment) -> bool:
    """A pingback or trackback shown without its date and excerpt."""
    if comment.kind == "comment":
        return False
    if crawl.theme in DEBIAN_THEMES:
        return crawl.theme in SHORT_PING_THEMES
    return not crawl.shows(crawl.truth.post(comment.post_id), comment.content)


def _field_check(crawl: Crawl, what: str, expected: Any, actual: Any,
                 shown: Any = lambda comment: True) -> None:
    """Compare ``expected(comment)`` with ``actual(item)`` for every comment found
    (whose field the page ``shown``)."""
    truth = crawl.truth
    problems, checked = [], 0
    for comment, item in crawl.found_comments():
        if not shown(comment):
            continue
        checked += 1
        want, got = expected(comment), actual(item)
        if want != got:
            problems.append(f"{_label(comment, truth)}: {what} {got!r}, expected {want!r}")
    check(crawl, problems, f"comment {what}s", checked)


def test_comment_author(crawl: Crawl) -> None:
    _field_check(crawl, "author", lambda c: visible(c.author), lambda i: visible(i.get("author")))


def test_comment_author_url(crawl: Crawl) -> None:
    _field_check(crawl, "author_url", lambda c: c.author_url or None, lambda i: i.get("author_url") or None)


def test_comment_published(crawl: Crawl) -> None:
    """The same instant as the database's date (the page shows local time with its offset);
    none for a ping the theme shows without a date; its day where the theme shows no time."""
    truth = crawl.truth
    problems, checked = [], 0
    for comment, item in crawl.found_comments():
        checked += 1
        want = None if _short_ping(crawl, comment) else comment.instant
        got = item.get("published")
        if instant(got) != want and not (
                want is not None and _date_only_shown(crawl, truth.post(comment.post_id), comment.date, got)):
            problems.append(f"{_label(comment, truth)}: published instant {instant(got)!r} ({got!r}), "
                            f"expected {want!r}")
    check(crawl, problems, "comment published instants", checked)


def test_comment_text(crawl: Crawl) -> None:
    """The stored content as the page shows it (pings shown without their excerpt aside:
    test_no_comment_with_empty_text covers them)."""
    _field_check(crawl, "text", lambda c: visible(c.content, markup=True), lambda i: visible(i.get("text")),
                 shown=lambda c: not _short_ping(crawl, c))


def test_comment_parent(crawl: Crawl) -> None:
    _field_check(crawl, "parent", lambda c: c.parent or None, lambda i: wordpress_id(i.get("parent_id")))


def test_comment_depth(crawl: Crawl) -> None:
    truth = crawl.truth

    def depth(comment: Comment) -> int:
        parent = truth.comment(comment.parent)
        return 1 if parent is None else 1 + depth(parent)

    _field_check(crawl, "depth", depth, lambda i: i.get("depth"))


def test_comment_kind(crawl: Crawl) -> None:
    """comment, pingback or trackback, as WordPress stores it."""
    _field_check(crawl, "kind", lambda c: c.kind, lambda i: i.get("kind"))


def test_comment_positions_in_thread_order(crawl: Crawl) -> None:
    """Per post, positions 1..n follow the whole thread as WordPress shows it, across its
    comment pages: top-level comments oldest first (asc) or newest first (desc), each
    followed by its replies. Comments the crawl missed are left out of the expected order.
    A theme from $ARCHIVER_WORDPRESS_THEMES may list pings apart from the comments, where
    it likes: there the comments keep the thread order and the pings are not placed."""
    truth = crawl.truth
    pings = {c.id for c in truth.comments if c.kind != "comment"} if crawl.theme not in DEBIAN_THEMES else set()
    problems, checked = [], 0
    by_post: dict[int, list[dict[str, Any]]] = {}
    for item in crawl.output.comments:
        post = crawl.post_of(item.get("article_url"))
        if post is not None:
            by_post.setdefault(post.id, []).append(item)
    for post in truth.posts:
        items = sorted(by_post.get(post.id, []), key=lambda i: i.get("position") or 0)
        if not items:
            continue
        checked += 1
        positions = [i.get("position") for i in items]
        if positions != list(range(1, len(items) + 1)):
            repeated = [p for p, n in Counter(positions).items() if n > 1]
            problems.append(f"post {post.slug}: positions {positions} are not 1..{len(items)} (repeated {repeated})")
            continue
        got = [number for i in items if (number := wordpress_id(i.get("id"))) not in pings]
        expected = [n for n in truth.thread_order(post.id, crawl.order) if n in set(got)]
        if got != expected:
            first = next((k for k, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
                         min(len(got), len(expected)))
            problems.append(f"post {post.slug}: ids by position {got}, expected {expected} (first difference "
                            f"at position {first + 1})")
    check(crawl, problems, "posts' comment threads", checked)
