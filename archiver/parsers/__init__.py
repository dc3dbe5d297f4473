"""The parser registry and :func:`parse_page`, the one entry point for extraction.

Layers, most specific first (adding a site = one module in ``sites/`` added to ``LAYERS``
plus a case folder under ``tests/fixtures/pages/`` with a hand-checked ``expected.json``;
docs/parsers.md has the rules):

1. site parsers (``sites/``), chosen by host;
2. CMS parsers (``wordpress``), chosen by markup;
3. embedded metadata (``metadata``: JSON-LD, OpenGraph, ``article:*``, ``rel=canonical``);
4. the generic fallback (``generic``), which always applies.

The first non-empty value of each field wins, except that a date-only value is refined
by a later layer's timestamp of the same day. Comments come from the first layer that
recognises the comment markup; the generic comment extractor (``comments``) is used by
the CMS and fallback layers alike.
"""

from __future__ import annotations

from typing import Any

from archiver.items import Article, Comment, Provenance
from archiver.page import Page
from archiver.parsers import generic, metadata, visible, wordpress
from archiver.parsers.base import CommentContext, Layer, ParseResult
from archiver.parsers.comments import CommentIndex, take_opening_post
from archiver.parsers.datetext import falls_on, localise_to
from archiver.parsers.postdate import localise, share_page_offset, shown_clock
from archiver.parsers.wordpress import date_languages
from archiver.parsers.sites import cnn, winfuture
from archiver.parsers.memo import reading_page, remembered
from archiver.parsers.xpath import ClassIndex, class_index
from archiver.platforms.detect import detect as detect_platforms
from archiver.threads import number_comments, post_url

LAYERS: tuple[Layer, ...] = (
    cnn.PARSER,
    winfuture.PARSER,
    wordpress.PARSER,
    visible.PARSER,
    metadata.PARSER,
    generic.PARSER,
)

_LIST_FIELDS = ("authors", "tags", "categories")
_EMPTY = (None, "", [], ())
_DATE_FIELDS = ("published", "updated")

__all__ = ["LAYERS", "ParseResult", "parse_page"]


def parse_page(page: Page, layers: tuple[Layer, ...] = LAYERS) -> ParseResult:
    """Extract the article and its comments from one page. Never raises on bad markup."""
    with reading_page():  # layers ask many of the same questions of the tree (archiver.parsers.memo)
        return _parse_page(page, layers)


def _parse_page(page: Page, layers: tuple[Layer, ...]) -> ParseResult:
    active = [layer for layer in layers if layer.applies(page)]
    index = CommentIndex(page)
    languages = date_languages(page)
    opening = take_opening_post(page, index, languages)  # a forum thread's first entry is the post
    with index.detached():  # header fields never come from comments; the tree is smaller
        fields, contributors, readings = _merge_article_fields(page, active)
        if isinstance(day := fields.get("published"), str) and len(day) == 10 \
                and (timed := shown_clock(page.tree, day, languages)) != day:
            fields["published"] = timed  # the day's reading gave no time; the page shows one
            readings["published"].append(timed)
    if opening is not None:
        _credit_opening_post(fields, readings, opening)
    shows_time = set()  # the date fields whose time the page shows: their wall clock stays
    for key in _DATE_FIELDS:  # a UTC timestamp in the site's offset, when the page shows it
        if fields.get(key):
            shown = _shown_time(readings[key], fields[key])
            fields[key] = localise(fields[key], page, visible=shown)
            if shown:
                shows_time.add(key)
    article = _build_article(page, fields, contributors)
    context = CommentContext(
        article_url=post_url(article.canonical_url or page.url),
        language=article.language,
        date_languages=languages,
        published=article.published,
        index=index,
    )
    comments: list[Comment] = []
    comment_pages: list[str] = []
    for layer in active:
        found = layer.comments(page, context)
        if found is not None:
            comments = found
            comment_pages = layer.comment_pages(page)
            if layer.label not in contributors:
                contributors.append(layer.label)
            break
    else:  # no comment markup here, but the thread may go on on other comment pages
        comment_pages = next((links for layer in active if (links := layer.comment_pages(page))), [])
    share_page_offset(article, comments, keep=shows_time)
    provenance = Provenance.from_mapping(page.provenance)
    number_comments(comments, article_url=context.article_url, page_url=page.url, provenance=provenance)
    article.comments_found = len(comments)
    # the comment platforms the page uses, so a page read back from a WARC (archiver
    # extract, archiver parse) names them as the crawl that fetched it did
    platforms = detect_platforms(page.url, page.headers, page.body)
    article.comment_platforms = [platform.name for platform in platforms]
    article.parser = "+".join(contributors) or None
    notes = _notes(page, article, comments, index.hollow)
    return ParseResult(article=article, comments=comments, comment_pages=comment_pages, notes=notes,
                       dropped=index.hollow, platforms=platforms)


def _merge_article_fields(
    page: Page, layers: list[Layer]
) -> tuple[dict[str, Any], list[str], dict[str, list[str]]]:
    """First non-empty value per field, in layer order; a date-only value is replaced by a
    later layer's full timestamp of the same day (the visible "June 19, 2019" and the
    metadata's "2019-06-19T19:38:08+00:00" are one fact, the latter more precise). Also
    every layer's reading of the date fields, for :func:`localise`, and (``"declared"``)
    the publication dates the metadata layer declared."""
    merged: dict[str, Any] = {}
    contributors: list[str] = []
    readings: dict[str, list[str]] = {key: [] for key in _DATE_FIELDS}
    declared: list[str] = []  # the publication the page's metadata declares
    guessed: list[str] = []  # the generic layer's: any time element of the page
    for layer in layers:
        contributed = False
        for key, value in layer.article(page).items():
            if key in _DATE_FIELDS and isinstance(value, str) and value:
                readings[key].append(value)
                if key == "published" and layer.name == "metadata":
                    declared.append(value)
                if key == "published" and layer.name == "generic":
                    guessed.append(value)
            if key in _DATE_FIELDS and _refines(merged.get(key), value):
                merged[key] = value
                contributed = True
                continue
            if key in _DATE_FIELDS and (zoned := _zone_of_shown(merged.get(key), value)):
                merged[key] = zoned
                contributed = True
                continue
            if merged.get(key) not in _EMPTY:
                continue
            if callable(value):  # a lazy fallback, computed only when still needed
                value = value()
            if value in _EMPTY:
                continue
            merged[key] = value
            contributed = True
        if contributed:
            contributors.append(layer.label)
    _update_shown_as_date(merged, readings, declared, guessed)
    readings["declared"] = declared
    return merged, contributors, readings


def _credit_opening_post(fields: dict[str, Any], readings: dict[str, list[str]], opening: Comment) -> None:
    """The name and date the opening post of a forum-style thread shows are the post's
    byline and date: the name where the header layers found none, the date unless the
    page's metadata declares one (a date the visible layers found elsewhere on a forum
    page, a teaser's in a side column, is a guess the post's own date outranks)."""
    if not fields.get("authors") and opening.author:
        fields["authors"] = [opening.author]
    if opening.published and not readings["declared"] and (fields.get("published") or "")[:10] != opening.published[:10]:
        fields["published"] = opening.published
        readings["published"].append(opening.published)


def _update_shown_as_date(merged: dict[str, Any], readings: dict[str, list[str]], declared: list[str],
                          guessed: list[str]) -> None:
    """A post that shows only its last update as its date ("June 21, 2018" where the
    page's metadata says published 2016-11-01, modified 2018-06-21): the date shown is
    the update, the declared earlier publication is the post's date. An earlier reading
    counts when it is a timestamp or the metadata's own (JSON-LD's day-only
    ``"datePublished": "2023-01-10"``), not a bare day another part of the page shows,
    nor the first time element of the page (a date in the post's text)."""
    published = merged.get("published")
    if not isinstance(published, str) or not published:
        return
    day = published[:10]
    if not any(falls_on(u, day) for u in readings["updated"]):
        return
    earlier = [r for r in readings["published"] if r[:10] < day and (len(r) > 10 or r in declared)
               and r not in guessed]
    if not earlier or any(falls_on(r, day) for r in declared):
        return  # no earlier timestamp declared, or a declared one agrees with the day shown
    merged["updated"] = merged.get("updated") or published
    merged["published"] = earlier[0]


def _shown_time(readings: list[str], chosen: str) -> str | None:
    """A reading of the same day with a time and no zone: what the page shows as its time."""
    return next((r for r in readings if r[:10] == chosen[:10] and _naive(r)), None)


def _refines(current: Any, candidate: Any) -> bool:
    """A later reading is the same fact, more precise: a timestamp of the same day for a
    day-only value, the same wall-clock time with its offset for a naive one, the same
    minute with its seconds for one shown to the minute."""
    if not (isinstance(current, str) and isinstance(candidate, str) and len(candidate) > 10):
        return False
    if len(current) == 10:
        return candidate[:10] == current
    if candidate[:16] != current[:16]:
        return False
    if _naive(current):
        return not _naive(candidate)
    # a time shown to the minute, the metadata's to the second ("07:29" and 07:29:39)
    return current[16:19] == ":00" and candidate[16:19] not in ("", ":00") and current[19:] == candidate[19:]


def _zone_of_shown(current: Any, candidate: Any) -> str | None:
    """A shown wall clock ("jueves 21 de abril de 2022 4:44 PM") and a declared UTC instant
    of the same day hours apart ("2022-04-21T22:44:01+00:00") are one fact: the instant in
    the offset the page shows it in (-06:00), when that is a whole or half hour."""
    if not (isinstance(current, str) and isinstance(candidate, str) and _naive(current)):
        return None
    if not (candidate.endswith("Z") or candidate.endswith("+00:00")):
        return None
    zoned = localise_to(candidate.replace("Z", "+00:00"), current)
    if zoned is None or zoned[:16] != current[:16] or zoned.endswith("+00:00") or int(zoned[-2:]) % 30:
        return None
    return zoned


def _naive(value: str) -> bool:
    return len(value) > 10 and not value.endswith("Z") and value[-6] not in "+-"


def _build_article(page: Page, fields: dict[str, Any], contributors: list[str]) -> Article:
    article = Article(url=page.url, provenance=Provenance.from_mapping(page.provenance))
    for key, value in fields.items():
        if hasattr(article, key) and key not in ("url", "provenance", "type"):
            setattr(article, key, list(value) if key in _LIST_FIELDS else value)
    return article


# Comment systems that load the thread with JavaScript into an empty placeholder: ids, and
# fragments of class names (no fragment holds a space, so a fragment of a class attribute
# is a fragment of one of its tokens and the page's token set answers without a tree pass).
SCRIPT_THREAD_IDS = ("disqus_thread", "commento", "remark42", "isso-thread", "coral_thread", "hyvor-talk-view")
SCRIPT_THREAD_CLASSES = ("fb-comments", "commentics", "hyvor-talk", "giscus")


def has_script_thread(page: Page) -> bool:
    """Whether the page holds a script widget's empty thread placeholder.

    Asked once per comment record (:func:`archiver.parsers.comments._holds_widget`): the
    answer depends on the page's class index alone, so it is worked out once per index
    while the page is parsed (:mod:`archiver.parsers.memo`), not by joining every class
    token of the page again for each record."""
    index = class_index(page.tree)
    return remembered(("script thread", index), lambda: _has_script_thread(index))


def _has_script_thread(index: ClassIndex) -> bool:
    if any(index.with_id(name) for name in SCRIPT_THREAD_IDS):
        return True
    tokens = " ".join(index.tokens)  # a fragment is in the line exactly when it is in one token
    return any(fragment in tokens for fragment in SCRIPT_THREAD_CLASSES)


def _notes(page: Page, article: Article, comments: list[Comment], dropped: int) -> list[str]:
    """What a reader of the items should know about this page. "comments not in HTML"
    only where a script widget holds the thread and no comment was read: a counter with
    nothing parsed is a shortfall, not proof of a widget."""
    notes = []
    if not comments and not dropped and has_script_thread(page):
        notes.append("comments not in HTML")
    elif article.comment_count is not None and article.comment_count != len(comments):
        notes.append(f"declared {article.comment_count} comments, found {len(comments)}")
    if dropped:
        notes.append(f"{dropped} comment {'record' if dropped == 1 else 'records'} without text dropped")
    missing = {"author": sum(1 for c in comments if not c.author), "date": sum(1 for c in comments if not c.published)}
    if any(missing.values()):
        notes.append("comments without " + ", ".join(f"{name} ({n})" for name, n in missing.items() if n))
    return notes
