"""The post's date as the page shows it, and its time zone when the page reveals one.

Three readings, in order:

1. **Visible**: the short text that parses as a date in an element of the post named
   for a date or a meta line (``date``, ``posted-on``, ``entry-meta``, ``dateline``,
   ``byline``, ``<time>``…), or on a line right before or after the headline; the one
   nearest the headline wins, and an "updated" date only when nothing else is shown.
2. **The URL**: ``/2010/10/04/`` in a permalink gives the day.
3. **htmldate** (the well-kept library for exactly this, which trafilatura uses): its
   search over the whole page, run only when nothing else was found.

:func:`localise` then writes a machine timestamp given in UTC in the site's own offset
when the page reveals it (a visible time of the same instant, or other timestamps of
the page in one local offset), so that its wall clock is what readers saw;
:func:`share_page_offset` does the same with the offset the page's comments revealed.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from lxml.html import HtmlElement

from archiver.dates import date_span, looks_like_date, parse_date, parse_date_in
from archiver.items import Article, Comment
from archiver.page import Page
from archiver.parsers.datetext import aware, in_nearest_offset, localise_to, nearest_offset, with_time, zoned
from archiver.parsers.headline import near_headline
from archiver.parsers.hints import words
from archiver.parsers.scope import PostScope
from archiver.parsers.text import collapse, inline_text
from archiver.parsers.xpath import attached, class_index, fast_xpath, nearest_first

_DATE_WORDS = frozenset({"date", "dates", "time", "posted", "published", "pubdate", "dateline", "timestamp",
                         "datum", "fecha", "meta", "postmeta", "entry", "byline", "info", "details", "submitted",
                         "postinfo", "metadata", "updated", "modified", "when", "day", "calendar", "heure", "data"})
_UPDATED_WORDS = frozenset({"updated", "modified", "aktualisiert", "update", "lastmod"})
_MAX_TEXT = 200
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$|[^\d])")
# The words an update's date line says it with, besides "updated" (English's own form varies:
# "Updated", "UPDATE", "updates").
_UPDATE_WORDS = r"aktualisiert|mis à jour|actualizado|modified|last edited|geändert"
_UPDATED_TEXT = re.compile(rf"\b(?:updated|{_UPDATE_WORDS})\b", re.IGNORECASE)


def visible_dates(tree: HtmlElement, scope: PostScope, headline: HtmlElement | None,
                  languages: tuple[str, ...] | None) -> tuple[str | None, str | None]:
    """(published, updated) as the post shows them; an "updated"/"last modified" date
    stands for the post's date only when it shows no other."""
    found = _first_date(_candidates(tree, scope, headline), tree, scope, headline, languages)
    if found == (None, None) and headline is not None:
        # nothing named for a date nor next to the headline: the short lines between the
        # headline and the start of the text (and a few above it), whatever they are called
        near = [el for el in near_headline(headline) if len(el.text_content()) <= _MAX_TEXT * 2
                and len(inline_text(el).split()) <= _DATE_LINE_WORDS and _may_date_the_post(el, scope, headline)]
        found = _first_date(near, tree, scope, headline, languages)
    return found


def _first_date(candidates: list[HtmlElement], tree: HtmlElement, scope: PostScope, headline: HtmlElement | None,
                languages: tuple[str, ...] | None) -> tuple[str | None, str | None]:
    """(published, updated) from the first of ``candidates``, nearest the headline first,
    whose short text parses as a date."""
    if not candidates:
        return None, None
    updated: str | None = None
    ordered = nearest_first(candidates, headline)
    for position, el in enumerate(ordered):
        text = inline_text(el)
        if not text or len(text) > _MAX_TEXT or not looks_like_date(text):
            continue
        parsed = parse_date_in(text, languages=languages)
        if not parsed and (stamp := _own_stamp(el)):  # "Posted Nov 19, 6:51 AM": the year is the stamp's
            parsed = _same_days(parse_date_in(text, languages=languages, reference=stamp), stamp)
        if not parsed and len(el) and _GLUED_YEAR.search(text):  # "Nov 20 2019<span>4:29 AM", set apart by style
            parsed = parse_date_in(collapse(" ".join(el.itertext())), languages=languages)
        if not parsed:
            continue
        if len(parsed) == 10:
            parsed = with_time(el, parsed, languages)[0]
        if len(parsed) == 10:
            parsed = _machine_same_day(tree, scope, parsed) or parsed
        if _is_update(el, text):
            updated = updated or parsed
            continue
        return parsed, updated or _later_update(ordered[position + 1:], parsed, languages)
    return updated, updated


def _later_update(candidates: list[HtmlElement], published: str, languages: tuple[str, ...] | None) -> str | None:
    """An update the post's words show further from its headline than its date ("This
    article was last modified at 11.00 GMT on Monday 5 January 2009" after the text),
    when it is later than the publication."""
    for el in candidates:
        text = inline_text(el)
        if not text or len(text) > _MAX_TEXT or not _UPDATED_TEXT.search(text) or not looks_like_date(text):
            continue  # (the words, not a class: hAtom themes class the post's own date "updated")
        parsed = parse_date_in(text, languages=languages)
        if parsed and parsed[:10] >= published[:10] and parsed[:16] != published[:16]:
            return parsed
    return None


def _own_stamp(el: HtmlElement) -> str | None:
    """The machine timestamp of a ``<time>`` element, or of the one ``<time>`` inside
    ``el``: what a year-less visible date ("Nov 19, 6:51 AM") is read against."""
    times = [el] if el.tag == "time" else list(el.iter("time"))
    if len(times) != 1:
        return None
    value = times[0].get("datetime") or ""
    return value if len(value) > 10 else None


def _same_days(shown: str | None, stamp: str) -> str | None:
    """``shown`` when it is within a day of ``stamp`` (a local wall clock and a UTC one
    differ by the offset, never by more)."""
    if not shown:
        return None
    try:
        gap = datetime.fromisoformat(shown[:10]) - datetime.fromisoformat(stamp[:10])
    except ValueError:
        return None
    return shown if abs(gap.days) <= 1 else None


_MACHINE_DATES = fast_xpath(
    "//abbr[@title] | //time[@datetime] | //*[contains(concat(' ', normalize-space(@itemprop), ' '), ' datePublished ')]"
    "[@content or @datetime or @title]"
)


def machine_dates(tree: HtmlElement) -> list[HtmlElement]:
    """What :data:`_MACHINE_DATES` selects in the page whose root element is ``tree``:
    ``abbr`` and ``time`` elements from a walk that libxml2 filters by tag,
    ``datePublished`` items from the attribute index (the XPath tests every element's
    ``itemprop``)."""
    index = class_index(tree)
    found = [el for el in tree.iter("abbr", "time") if el.get("title" if el.tag == "abbr" else "datetime") is not None]
    found += [el for el in index.with_token("itemprop", "datePublished", any_case=False)
              if (el.get("content") is not None or el.get("datetime") is not None or el.get("title") is not None)
              and attached(el, tree)]
    return index.in_order(found)


def _machine_same_day(tree: HtmlElement, scope: PostScope, day: str) -> str | None:
    """A machine-readable timestamp in the post of the day the page shows (Blogger's
    ``<abbr class="published" title="2010-01-10T09:34:00-05:00">9:34 AM</abbr>`` in the
    post footer, far from the date header)."""
    for el in machine_dates(tree):
        value = el.get("datetime") or el.get("content") or el.get("title") or ""
        if value[:10] != day or len(value) <= 10 or not scope.belongs(el):
            continue
        parsed = parse_date(value)
        if parsed and parsed[:10] == day:
            return parsed
    return None


def _candidates(tree: HtmlElement, scope: PostScope, headline: HtmlElement | None) -> list[HtmlElement]:
    index = class_index(tree)
    found: list[HtmlElement] = []
    for token in index.tokens:
        if _names_a_date(token):
            found.extend(index.with_class(token))
    found.extend(index.with_token("itemprop", "datePublished", any_case=False))
    found.extend(tree.iter("time"))
    if headline is not None:
        found.extend(_around(headline))
    found.extend(_beside_comment_links(tree))
    elements = [el for el in index.in_order(found) if isinstance(el.tag, str) and el.tag not in ("body", "html", "meta")]
    return [el for el in elements if _may_date_the_post(el, scope, headline)]


def _may_date_the_post(el: HtmlElement, scope: PostScope, headline: HtmlElement | None) -> bool:
    """Whether a date in ``el`` may be the post's: in the post, not in a teaser of another
    post nor the masthead, and not a block of teasers."""
    return scope.belongs(el) and not _in_teaser(el, scope, headline) and not _in_masthead(el) \
        and not _holds_teasers(el)


_MASTHEAD_WORDS = frozenset({"logo", "masthead"})


def _in_masthead(el: HtmlElement) -> bool:
    """Whether ``el`` is in the site's masthead (``#logo``, ``.masthead``, ``.site-branding``,
    ``.site-header``), whose date is the day's (a newspaper's "August 21, 2011" under its
    name), not the post's."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("body", "html", "article", "main"):
            return False
        for name in f"{node.get('class') or ''} {node.get('id') or ''}".split():
            if name.startswith(("category-", "tag-")):
                continue  # WordPress's term classes on the post ("category-personal-branding")
            parts = words(name)
            if _MASTHEAD_WORDS.intersection(parts) or parts[:2] in (("site", "header"), ("site", "branding")):
                return True
    return False


_GLUED_YEAR = re.compile(r"(?:19|20)\d{2}\d{1,2}[:.]\d{2}")  # "20194:29": a year and a time in two elements


@lru_cache(maxsize=8192)
def _names_a_date(token: str) -> bool:
    """Whether a class token holds a date word (asked of every token of every page)."""
    return any(w in _DATE_WORDS for w in words(token))


_COMMENT_LINKS = fast_xpath("//a[substring(@href, string-length(@href) - 8) = '#comments' or "
                            "substring(@href, string-length(@href) - 7) = '#respond']")


def comment_links(tree: HtmlElement, limit: int = 3) -> list[HtmlElement]:
    """The first ``limit`` of :data:`_COMMENT_LINKS` in the page whose root element is
    ``tree``: links whose address ends in ``#comments`` or ``#respond``, found by a walk
    over the links that stops at the ``limit``-th (the XPath collects every one)."""
    found: list[HtmlElement] = []
    for link in tree.iter("a"):
        href = link.get("href")
        if href is not None and href.endswith(("#comments", "#respond")):
            found.append(link)
            if len(found) == limit:
                break
    return found


def _beside_comment_links(tree: HtmlElement) -> list[HtmlElement]:
    """The post's meta line holds its comment count ("August 06, 2019 · Comments (79)"),
    wherever the theme puts it: the elements of the line a link to the comments sits on."""
    found = []
    for link in comment_links(tree):
        line = link.getparent()
        if line is None or len(inline_text(line)) > _MAX_TEXT * 2:
            continue
        found.extend(el for el in line.iter() if isinstance(el.tag, str) and el is not link)
    return found


_TEASER_HOLDERS = frozenset({"li", "article"})


def _in_teaser(el: HtmlElement, scope: PostScope, headline: HtmlElement | None) -> bool:
    """Whether a date belongs to a teaser of another post: a list item or article around
    it (within three levels) whose heading links elsewhere ("More from this blog"), and
    that is not the post itself (whose headline often links to its own address)."""
    for depth, ancestor in enumerate(el.iterancestors()):
        if depth >= 3:
            return False
        if ancestor.tag in _TEASER_HOLDERS:
            if ancestor is scope.main or headline is not None and (
                    headline is ancestor or any(a is ancestor for a in headline.iterancestors())):
                return False
            return any(a.get("href") and not a.get("href", "").startswith("#")
                       for h in ancestor.iterdescendants("h2", "h3", "h4", "h5", "h6") for a in h.iter("a")
                       ) or _links_a_dated_post(ancestor, el) or _named_a_teaser(ancestor)
    return False


_TEASER_WORDS = frozenset({"teaser", "teasers", "related", "promo"})


def _named_a_teaser(holder: HtmlElement) -> bool:
    """A list item or article whose own class calls it a teaser ("ts-headline teaser",
    "related-post"), with a link: another post's, whatever its title looks like."""
    names = holder.get("class")
    return bool(names) and not _TEASER_WORDS.isdisjoint(words(names)) and next(holder.iter("a"), None) is not None


_TITLE_WORDS = (3, 25)


def _holds_teasers(el: HtmlElement) -> bool:
    """Whether a block named like a meta line ("entry-footer") holds a list of other posts'
    teasers, whose dates its text would run together."""
    if el.tag in ("li", "article", "time"):
        return False
    return any(_links_a_dated_post(item, None) for item in el.iterdescendants("li", "article"))


def _links_a_dated_post(holder: HtmlElement, date: HtmlElement | None) -> bool:
    """Whether a list item or article holds, beside the date, a link to a dated permalink
    that reads as a title: a teaser whose title is a bold link rather than a heading
    ("Recent Posts" lists of utility-class themes). A link around the date itself, the
    post's own permalink, is not one."""
    for link in holder.iter("a"):
        href = link.get("href") or ""
        if not _URL_DATE.search(href) or date is not None and (
                link is date or any(a is link for a in date.iterancestors())):
            continue
        text = inline_text(link)
        if _TITLE_WORDS[0] <= len(text.split()) <= _TITLE_WORDS[1] and not looks_like_date(text):
            return True
    return False


def _around(headline: HtmlElement) -> list[HtmlElement]:
    """The blocks right before and after the headline (and its parent's neighbours): old
    themes' date lines ("8. Dezember 2010 um 09:43 · Rezepte") and kicker dates."""
    found = []
    for node in (headline, headline.getparent()):
        if node is None:
            continue
        sibling = node.getnext()
        for _ in range(3):
            if sibling is None:
                break
            if isinstance(sibling.tag, str) and not _lists_teasers(sibling):
                found.append(sibling)
            sibling = sibling.getnext()
        previous = node.getprevious()
        if previous is not None and isinstance(previous.tag, str):
            found.append(previous)
    return found


# A date line holds a few words besides the date ("Gunter Frank / 22.04.2020 / 06:15 /
# Foto: Achgut.com"); a caption that mentions a day is a sentence.
_DATE_LINE_WORDS = 12


def _lists_teasers(el: HtmlElement) -> bool:
    """A block of other posts' teasers (list items or articles with headings), not a date line."""
    return el.tag in ("ul", "ol", "li", "article") or next(el.iterdescendants("li", "article", "h2", "h3", "h4"),
                                                           None) is not None


def _is_update(el: HtmlElement, text: str) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"
    return bool(_UPDATED_TEXT.search(text)) or any(w in _UPDATED_WORDS for w in words(names))


# The time on a byline after the name: Blogger's "Posted by NAME at 12:53 PM", the
# Classic theme's "— NAME @ 00:11", "von NAME um 12:53".
_BYLINE_TIME = re.compile(r"(?:\bat|@|\bum|\bà|\ba las)\s*(\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?)(?![\d:])",
                          re.IGNORECASE)


def timed_by_byline(day: str | None, byline: str | None) -> str | None:
    """A day-only post date with the time its byline shows ("2011-07-17" and "posted by
    Stadler at 12:53" give 2011-07-17T12:53): themes that print the day as a heading over
    the post put the time on the byline. A byline that speaks of an update or holds a
    date of its own (read with the date itself) is left alone."""
    if not day or len(day) != 10 or not byline or _UPDATED_TEXT.search(byline) or looks_like_date(byline):
        return day
    times = _BYLINE_TIME.findall(byline)
    if len(times) != 1:
        return day
    timed = parse_date(f"{day} {times[0]}", reference="2000-01-01")
    return timed if timed and timed[:10] == day else day


def shown_clock(tree: HtmlElement, day: str | None, languages: tuple[str, ...] | None) -> str | None:
    """A day-only post date with the time the page shows beside that day, when it shows
    one time on it and one only ("2018-08-25" from htmldate or the metadata, and "기사입력
    :[ 2018-08-25 15:24 ]" on the page): the day came from a reading that gives no time.
    Each line holding a clock is read once; comments are not in ``tree`` when this runs
    (their dates would be other times of the day)."""
    if not day or len(day) != 10:
        return day
    body = tree.find("body")
    year = day[:4]
    seen: set[HtmlElement] = set()
    times: set[str] = set()
    for el in (body if body is not None else tree).iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript", "template"):
            continue
        for piece, holder in ((el.text, el), (el.tail, el.getparent())):
            if not piece or ":" not in piece or holder is None or holder in seen:
                continue
            seen.add(holder)
            line = inline_text(holder)  # (the day and its time may stand in elements of one line)
            if year not in line:
                continue
            line = line if len(line) <= _CLOCK_LINE else " ".join(piece.split())
            found = parse_date_in(line, languages=languages)
            if found and len(found) > 10 and found[:10] == day and not _of_another_event(line, languages):
                times.add(found[:16])
                if len(times) > 1:
                    return day  # several times on that day (a list of posts, a live blog): none is known the post's
    return f"{next(iter(times))}:00" if times else day


_CLOCK_LINE = 120  # characters of a line that may show the post's day and time


def _of_another_event(line: str, languages: tuple[str, ...] | None) -> bool:
    """Whether the line's date is said to be an update's, a trackback's or a reply's: the
    word stands right before it ("UPDATE October 30, 2012 at 10:20", "Tracked on …"), not
    anywhere in the line ("Site-Update - Leseprobe … 24. März 2004, 19:49")."""
    span = date_span(line, languages=languages)
    start = span[0] if span is not None else len(line)
    return any(start - match.end() <= 12 for match in _OTHER_TIME.finditer(line, 0, start))


_OTHER_TIME = re.compile(rf"\b(?:update[ds]?|{_UPDATE_WORDS}|tracked|trackback|pingback|commented|replied)\b",
                         re.IGNORECASE)


def url_date(url: str) -> str | None:
    """The day a permalink names (``/2010/10/04/slug/``)."""
    match = _URL_DATE.search(url)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def htmldate_date(page: Page) -> str | None:
    """htmldate's reading of the original publication day, on a copy of the tree (it
    prunes the tree it is given); none when all it found is a year. With the time and
    offset too when the source it read gave them (a ``<abbr title="…T01:40:40Z">``, a
    ClaimReview's ``datePublished``): htmldate writes midnight for a day alone, so a
    reading at midnight is taken as the day."""
    try:
        from copy import deepcopy

        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate comes with trafilatura
        return None
    try:
        found = find_date(deepcopy(page.tree), url=page.url, original_date=True, extensive_search=True,
                          outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception:  # noqa: BLE001 - a third-party heuristic must never break a page
        return None
    if not found:
        return None
    day, clock = found[:10], found[11:]
    if day.endswith("-01-01"):
        return None  # a year alone (a copyright line) read as its first day: a guess, not a date shown
    if clock.startswith("00:00:00"):
        return day
    if len(clock) > 8:  # "+0000" → "+00:00"
        clock = f"{clock[:11]}:{clock[11:]}"
    return f"{day}T{clock}"


# -- time zones ----------------------------------------------------------------------

# A machine timestamp is four digits, then this. The search starts from the "-", which
# the regex engine finds by a fast scan for the character (a pattern that starts with
# \d is tried at every digit of the page: 8x slower on pages full of numbers).
_MACHINE_AFTER_YEAR = re.compile(r"-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})")


def localise(value: str | None, page: Page, visible: str | None = None) -> str | None:
    """A UTC timestamp in the site's own offset when the page reveals it: by a visible
    time of the same day ("15:49" beside "13:49:45+00:00" gives +02:00), else by the
    other timestamps of the page in a local offset near that date. A visible time equal
    to the UTC one means the site wrote its local time as UTC: the wall clock stays and
    takes the page's offset."""
    instant = aware(value)
    if value is None or instant is None or instant.utcoffset() != timedelta(0):
        return value
    if visible and len(visible) > 10:
        shown = localise_to(value, visible)
        if shown is not None and not shown.endswith("+00:00"):
            return shown
    offset = nearest_offset(instant, _zoned_stamps(page))
    if offset is None:
        return _by_naive_twin(value, page.text) or value
    if visible and visible[11:16] == instant.isoformat()[11:16]:
        # The page shows the UTC wall clock: its local time was written as UTC, or it is
        # UTC there (London in winter). Only a stamp of the same weeks tells the former;
        # one from the summer before has another daylight-saving offset.
        near = nearest_offset(instant, _zoned_stamps(page), within=_SAME_WEEKS)
        return value if near is None else instant.replace(tzinfo=timezone(near)).isoformat(timespec="seconds")
    return instant.astimezone(timezone(offset)).isoformat(timespec="seconds")


_SAME_WEEKS = timedelta(days=45)
_NAIVE_STAMP = re.compile(r"(?:19|20)\d\d-\d\d-\d\d[T ]\d\d$")
_ZONE_AFTER = re.compile(r"(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)")


def _by_naive_twin(value: str, text: str) -> str | None:
    """``value`` (UTC, with seconds) in the offset a timestamp of the page without a zone
    reveals when it has the same minutes and seconds and lies a whole quarter hour within
    ±14 h away: ``sailthru.date`` "2025-05-03 07:00:14" beside "2025-05-03T05:00:14+00:00"
    is the same instant in the site's local time (+02:00). The seconds make a chance match
    unlikely; a twin that only repeats the UTC clock says nothing."""
    tail = value[13:19]  # ":MM:SS"
    if len(value) < 19 or tail.endswith(":00"):
        return None
    position = 0
    while (at := text.find(tail, position, 2_000_000)) != -1:
        position = at + 1
        head = text[at - 13:at]
        if not _NAIVE_STAMP.match(head) or _ZONE_AFTER.match(text, at + 6) or head[11:13] == value[11:13]:
            continue
        shown = localise_to(value, f"{head[:10]}T{head[11:13]}{tail}")
        if shown is not None:
            return shown
    return None


_LAST_STAMPS: list[tuple[Page, list[datetime]]] = []


def _zoned_stamps(page: Page) -> list[datetime]:
    """The page's machine timestamps in an offset other than UTC, read once per page
    (its published and updated dates both ask; the last page's list is kept)."""
    last = _LAST_STAMPS[0] if _LAST_STAMPS else None
    if last is not None and last[0] is page:
        return last[1]
    stamps = zoned(text.replace(" ", "T") for text in _machine_stamps(page.text, 500_000))
    _LAST_STAMPS[:] = [(page, stamps)]
    return stamps


def _machine_stamps(text: str, end: int) -> Iterator[str]:
    """The timestamps ``2019-06-19T19:38:08+00:00`` in ``text[:end]``, left to right and
    not overlapping: what ``re.finditer`` of the whole pattern (year included) gives."""
    position = 4
    while (match := _MACHINE_AFTER_YEAR.search(text, position, end)) is not None:
        dash = match.start()
        if text[dash - 4:dash].isdecimal():  # (isdecimal is exactly the \d of a str pattern)
            yield text[dash - 4:match.end()]
            position = match.end() + 4  # the next year starts at the end of this timestamp or later
        else:
            position = dash + 1


def share_page_offset(article: Article, comments: list[Comment], keep: Container[str] = ()) -> None:
    """The post's UTC timestamps in the offset the page's comments revealed, except the
    fields named in ``keep`` (whose time the page shows, so their wall clock stays).

    A comment system that stamps ``<time datetime="…Z">`` and shows "22:09" beside it tells
    the site's zone on every comment; the post's own date line often shows a day only. A
    site writes all its dates in one zone, so the offset of the comment nearest in time
    (within the same season) is the post's too. The instant never changes."""
    revealed = zoned(c.published for c in comments)
    if not revealed:
        return
    if "published" not in keep:
        article.published = in_nearest_offset(article.published, revealed)
    if "updated" not in keep:
        article.updated = in_nearest_offset(article.updated, revealed)
