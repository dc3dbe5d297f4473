"""What the archiver got right and wrong on the second site, field by field, against its plan.

The second site (:mod:`bench.unseen`) is rendered from a plan whose every fact is known:
each story's title, author, time, section, topics and paragraphs, each comment's id, page,
parent, author, time and paragraphs. :func:`check` compares extracted articles and
comments (a crawl's ``articles.jsonl`` / ``comments.jsonl``, or ``parse_page`` results)
with those facts and counts every miss by field, with a few examples of each.

A comment is matched by its id (``comment-<N>`` for ``div#c-<N>``), else by its own first
paragraph among the comments of its story, in which case the id is counted as a miss.
A field is right when:

* post **title** equal; **author** the one name of the byline (role left out);
  **date** the published time to the minute; **body** holds the first and last
  paragraphs and no comment's text; **tags** the story's topics; **section** among the
  categories; **updated** the "last modified" time to the minute; a body holding page
  furniture (the advert label, share bar, topic links, "last modified" line, the
  related-stories aside) is counted apart, as "post body boilerplate";
* comment **author** equal; **date** to the minute; **text** holds every paragraph of the
  comment and none of its replies', nor its header ("wrote on …") or footer ("Report
  abuse"); **parent** the comment it answers (none for a top-level one); **author link**
  the commenter's site where the name links to one.

Only the fields in :data:`REQUIRED` decide whether a crawl is complete; the others
(tags, section, updated, body boilerplate, author link, id) are counted and reported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.plan import plan_site
from bench.site import Site
from bench.unseen import MODIFIED_AFTER, CommentFacts, StoryFacts, UnseenRenderer

EXAMPLES = 3
# What a reader of the archive needs of every item: missing any of these is a failed check.
REQUIRED = ("post title", "post author", "post date", "post body", "comment author", "comment date",
            "comment text", "comment parent")


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _minute(value: str | None) -> str:
    return (value or "")[:16]


@dataclass
class Check:
    """Posts and comments expected and found, and the misses of each field."""

    posts: int = 0
    posts_found: int = 0
    comments: int = 0
    comments_found: int = 0
    misses: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    extra_articles: list[str] = field(default_factory=list)
    extra_comments: int = 0
    wrong: set[str] = field(default_factory=set)  # items found with a required field wrong

    def miss(self, what: str, example: str, item: str = "") -> None:
        self.misses[what] = self.misses.get(what, 0) + 1
        if item and what in REQUIRED:
            self.wrong.add(item)
        shown = self.examples.setdefault(what, [])
        if len(shown) < EXAMPLES:
            shown.append(example)

    @property
    def complete(self) -> bool:
        """Every post and comment found, with no miss of a required field."""
        return (self.posts_found == self.posts and self.comments_found == self.comments
                and not any(self.misses.get(name) for name in REQUIRED))

    @property
    def share(self) -> float:
        """Items found with every required field right, over items expected."""
        right = self.posts_found + self.comments_found - len(self.wrong)
        return max(0, right) / max(1, self.posts + self.comments)

    def counts(self) -> str:
        return (f"{self.posts_found}/{self.posts} posts, {self.comments_found}/{self.comments} comments found"
                + (f"; {len(self.extra_articles)} other pages taken for articles" if self.extra_articles else "")
                + (f"; {self.extra_comments} comments that are none of the site's" if self.extra_comments else ""))

    def summary(self) -> str:
        """One line: what was found, then every field missed with its count."""
        misses = ", ".join(f"{name} {count}" for name, count in self.misses.items() if count)
        return f"{self.counts()}; field misses: {misses or 'none'}"

    def details(self) -> list[str]:
        """One line per missed field with examples, for the report."""
        lines = [f"{name} ({self.misses[name]}): " + " / ".join(examples)
                 for name, examples in self.examples.items()]
        if self.extra_articles:
            lines.append("other pages taken for articles: " + ", ".join(self.extra_articles[:EXAMPLES]))
        return lines


@dataclass(frozen=True)
class Expected:
    """The facts of the pages checked: stories by path, and the comments of each."""

    stories: dict[str, StoryFacts]
    comments: dict[str, list[CommentFacts]]  # story path -> its comments in page order


def expected(site: Site, pages: Iterable[str] | None = None) -> Expected:
    """The facts of a generated second site, of every page or of ``pages`` (paths) only."""
    if site.kind != "unseen":
        raise ValueError("the field check needs the second site (bench.unseen)")
    render = UnseenRenderer(plan_site(site.manifest["posts"], site.manifest["seed"]))
    wanted = set(pages) if pages is not None else None
    stories: dict[str, StoryFacts] = {}
    comments: dict[str, list[CommentFacts]] = {}
    for post in render.plan.posts:
        for number in range(1, post.comment_pages + 1):
            page = render.comment_page_path(post, number)
            if wanted is not None and page not in wanted:
                continue
            story = stories.setdefault(render.post_path(post), render.story(post))
            comments.setdefault(story.path, []).extend(render.comments(post, number))
    return Expected(stories, comments)


def check(facts: Expected, articles: Iterable[dict], comments: Iterable[dict],
          stories: set[str] | None = None) -> Check:
    """Compare extracted items (dicts as in ``articles.jsonl`` / ``comments.jsonl``) with
    ``facts``; ``stories`` limits the articles expected to those paths (all by default)."""
    stories = set(facts.stories) if stories is None else stories
    result = Check(posts=len(stories), comments=sum(len(c) for c in facts.comments.values()))
    found_articles: dict[str, dict] = {}
    for article in articles:
        path = _path(article.get("canonical_url") or article["url"])
        if path in facts.stories:
            found_articles.setdefault(path, article)
        else:
            result.extra_articles.append(path)
    for path, story in facts.stories.items():
        if path not in stories:
            continue
        article = found_articles.get(path)
        if article is None:
            result.miss("post missing", path)
            continue
        result.posts_found += 1
        _check_article(result, story, article, facts.comments.get(path, []))
    by_story: dict[str, list[dict]] = {}
    for comment in comments:
        path = _path(comment["article_url"])
        if path in facts.stories:
            by_story.setdefault(path, []).append(comment)
        else:
            result.extra_comments += 1
    for path, wanted in facts.comments.items():
        _check_comments(result, path, wanted, by_story.get(path, []))
    return result


def _check_article(result: Check, story: StoryFacts, article: dict, comments: list[CommentFacts]) -> None:
    where = story.path
    item = f"post {where}"
    if _norm(article.get("title")) != story.title:
        result.miss("post title", f"{where}: {article.get('title')!r} for {story.title!r}", item)
    if list(article.get("authors") or []) != [story.author]:
        result.miss("post author", f"{where}: {article.get('authors')!r} for {[story.author]!r}", item)
    if _minute(article.get("published")) != story.published.isoformat()[:16]:
        result.miss("post date", f"{where}: {article.get('published')!r} for {story.published.isoformat()[:16]!r}", item)
    body = _norm(article.get("body"))
    own = " ".join(story.paragraphs)
    if story.paragraphs[0] not in body or story.paragraphs[-1] not in body:
        part = "first" if story.paragraphs[0] not in body else "last"
        result.miss("post body", f"{where}: {part} paragraph missing (body {body[:60]!r}…)", item)
    elif any(p in body and p not in own for c in comments[:20] for p in c.paragraphs):
        result.miss("post body", f"{where}: holds comment text", item)
    lines = {_norm(line) for line in (article.get("body") or "").split("\n")}
    extra = [marker for marker in _NOT_BODY if marker in body] + [line for line in _NOT_BODY_LINES if line in lines]
    if extra:
        result.miss("post body boilerplate", f"{where}: holds {', '.join(repr(m) for m in extra)}")
    if sorted(t.lower() for t in article.get("tags") or []) != sorted(story.tags):
        result.miss("post tags", f"{where}: {article.get('tags')!r} for {list(story.tags)!r}")
    if story.section.lower() not in [c.lower() for c in article.get("categories") or []]:
        result.miss("post section", f"{where}: {article.get('categories')!r} for {story.section!r}")
    modified = (story.published + MODIFIED_AFTER).isoformat()[:16]
    if _minute(article.get("updated")) != modified:
        result.miss("post updated", f"{where}: {article.get('updated')!r} for {modified!r}")


# Page furniture around and inside the story's text that is no part of it (the caption of
# the story's photograph is, and is not looked for).
_NOT_BODY = ("Share this", "More on:", "last modified", "Related stories", "Have your say", "Report abuse",
             "Most read")
_NOT_BODY_LINES = ("Advertisement", "Related")  # the advert's label, the heading of the aside in the text


def _check_comments(result: Check, path: str, wanted: list[CommentFacts], found: list[dict]) -> None:
    by_id = {c.get("id"): c for c in found}
    unmatched = [c for c in found]
    matched: dict[int, dict] = {}
    for fact in wanted:
        comment = by_id.get(f"comment-{fact.cid}")
        if comment is None:  # the shortest text holding all its paragraphs (a reply may quote it)
            holding = [c for c in unmatched if all(p in _norm(c.get("text")) for p in fact.paragraphs)]
            comment = min(holding, key=lambda c: len(c.get("text") or ""), default=None)
            if comment is not None:
                result.miss("comment id", f"c-{fact.cid} on {path}: {comment.get('id')!r}")
        if comment is None:
            result.miss("comment missing", f"c-{fact.cid} on {_page(path, fact.page)}")
            continue
        unmatched = [c for c in unmatched if c is not comment]
        matched[fact.cid] = comment
    result.comments_found += len(matched)
    replies: dict[int, list[CommentFacts]] = {}
    for fact in wanted:
        if fact.parent is not None:
            replies.setdefault(fact.parent, []).append(fact)
    for fact in wanted:
        comment = matched.get(fact.cid)
        if comment is None:
            continue
        where = f"c-{fact.cid} on {_page(path, fact.page)}"
        item = f"comment {fact.cid}"
        if _norm(comment.get("author")) != fact.author:
            result.miss("comment author", f"{where}: {comment.get('author')!r} for {fact.author!r}", item)
        if _minute(comment.get("published")) != fact.when.isoformat()[:16]:
            result.miss("comment date", f"{where}: {comment.get('published')!r} for {fact.when.isoformat()[:16]!r}", item)
        for problem in _text_problems(fact, _norm(comment.get("text")), replies.get(fact.cid, [])):
            result.miss("comment text", f"{where}: {problem}", item)
            break
        if (comment.get("author_url") or None) != fact.website:
            result.miss("comment author link", f"{where}: {comment.get('author_url')!r} for {fact.website!r}")
        parent = matched.get(fact.parent) if fact.parent is not None else None
        want_parent = parent.get("id") if parent is not None else None
        if fact.parent is not None and parent is None:
            continue  # the parent was not found: counted there
        if comment.get("parent_id") != want_parent:
            result.miss("comment parent", f"{where}: {comment.get('parent_id')!r} for {want_parent!r}", item)


def _text_problems(fact: CommentFacts, text: str, replies: list[CommentFacts]) -> Iterator[str]:
    if not text:
        yield "empty"
        return
    for number, paragraph in enumerate(fact.paragraphs, 1):
        if paragraph not in text:
            yield f"paragraph {number} of {len(fact.paragraphs)} missing (text {text[:60]!r}…)"
    own = " ".join(fact.paragraphs) + (" " + fact.quote[1] if fact.quote else "")
    if any(p in text and p not in own for reply in replies for p in reply.paragraphs):
        yield "holds a reply's text"
    if "wrote on" in text or fact.shown_date in text:
        yield f"holds the header line ({text[:60]!r}…)"
    if "Report abuse" in text or "Recommend" in text:
        yield f"holds the footer line (…{text[-60:]!r})"


def _page(path: str, number: int) -> str:
    return path if number == 1 else f"{path}?cpage={number}"


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def check_crawl(site: Site, folder: Path | None) -> Check:
    """A crawl's ``articles.jsonl`` and ``comments.jsonl`` (in ``folder``) against the whole site."""
    articles = read_jsonl(folder / "articles.jsonl") if folder else []
    comments = read_jsonl(folder / "comments.jsonl") if folder else []
    return check(expected(site), articles, comments)


def check_pages(site: Site, results: Iterable[tuple[str, object]]) -> Check:
    """``parse_page`` results of some post and comment pages, as (path, ParseResult), against
    the facts of those pages (a story's header on its own page only)."""
    results = list(results)
    facts = expected(site, [path for path, _ in results])
    articles = []
    comments = []
    for path, result in results:
        if not path.partition("?")[2]:  # a later comment page: its comments, not the story again
            articles.append(result.article.to_dict())  # type: ignore[attr-defined]
        comments += [c.to_dict() for c in result.comments]  # type: ignore[attr-defined]
    return check(facts, articles, comments, stories={path for path, _ in results if "?" not in path})
