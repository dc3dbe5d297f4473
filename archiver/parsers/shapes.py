"""A thread that nothing names: found by the shape of its records alone.

Most threads carry a name somewhere (``#comments``, ``li.comment``, ``#comment-42``,
a "Comments" heading), and :mod:`archiver.parsers.thread` starts from those. Some carry
none a reader knows: utility-class styles (``div.flex.mt-4``), generated class names
(``div.css-1x2y3z``, ``div.sc-bdfBwQ``), words in a language no list holds
(``div.yorum-kutusu``). What still shows is the thread itself: a run of sibling elements
of one shape after the post, each a record with a name, a date and some text of its own.

That shape is common elsewhere too, so a run is taken only where no named record and no
headed run was found, and only when it reads as comments on every count:

* two or more siblings of one tag sharing the class token most of them carry, two thirds
  of them record-like (:func:`archiver.parsers.record.looks_like_record`: text of a
  comment's length and a date or name line);
* most of those (pingbacks aside) show a name, a date and words besides when read as a
  comment would be (:func:`archiver.parsers.record.shows_name_and_date`; in a thread that
  shows no dates, a name in a ``cite`` or before "says:"): a teaser list or a live blog
  gives a date, seldom a name per entry;
* the members stand together, with no text of other kinds between them, in a parent
  that holds no paragraphs of prose beside them (embedded posts quoted in an article,
  a tweet each, stand among its paragraphs), and none holds a headline of the page's
  rank (``h1``, ``h2``: a post, not a comment on one);
* they are no teasers: half of them or more linking another post of the site by a
  picture, a heading or a title of four words or more is a list of posts;
* after the page's headline (an ``h1`` showing a title the page declares), and outside
  menus, forms, sidebars and page headers or footers, by tag (names are not to be
  trusted here: the point is that they say nothing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import islice
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from archiver.page import Page
from archiver.parsers.headline import first_agreeing
from archiver.parsers.record import is_link_back, names_an_action
from archiver.parsers.text import PERSONAL_PATH, SKIP_TAGS, inline_text

__all__ = ["alike", "shaped_run"]

# Elements a run of records may be made of (no table rows: a data table's rows have dates
# and text, and nothing here can tell them from comments without names).
_MEMBER_TAGS = frozenset({"li", "div", "article", "section", "dt", "dl", "blockquote", "p"})
# Places no thread is looked for when nothing names it.
_NEVER_HOLDS = frozenset({"nav", "menu", "form", "aside", "header", "footer", "select", "table"})
# Of those, the places no thread is ever looked for: the others are, where the rest of the
# page holds none.
_NEVER_HOLDS_LATE = frozenset({"nav", "menu", "select"})
_LATE_LEAST = 3
_MAX_READ = 5  # members read whole to check for names and dates (the first ones)
_MAX_TRIED = 3  # candidate runs read whole, best first


def shaped_run(page: Page, body: HtmlElement, signature: Callable[[HtmlElement], tuple],
               looks_like_record: Callable[[list[HtmlElement]], bool],
               signed_fully: Callable[[list[HtmlElement]], str | None],
               excluded: Callable[[HtmlElement], bool],
               parts: Callable[[HtmlElement], list[HtmlElement]]) -> list[HtmlElement]:
    """The members of the best run of records in ``body`` (document order), or none.

    ``parts`` gives the elements of one record (a ``dt`` and the ``dd`` after it);
    ``signed_fully`` gives the name a record's elements show, read as a comment, with a
    date and words (None without); ``excluded`` whether a member sits in a place named as
    no thread (a sidebar, a widget)."""
    # (the headline's place, when an h1 shows the declared title: runs before it are the
    # page's lists, not its thread; where none does, nothing is known to come first)
    headline = first_agreeing(page.tree, body.iter("h1"))
    after = _position_after(body, headline)
    deferred: list[HtmlElement] = []
    found = _best_run(page, _holders(body, _NEVER_HOLDS, deferred), after, signature, looks_like_record, signed_fully,
                      excluded, parts)
    if found or not deferred:
        return found
    # (a thread the markup puts in a page's header, footer, aside, form or table: an
    # unclosed tag or a theme's own layout; looked for only where the rest holds none, and
    # of three records or more: two in such a place may be a list of sources, each an
    # italic name and a date)
    late = (holder for root in deferred for holder in _holders(root, _NEVER_HOLDS_LATE, []))
    return _best_run(page, late, after, signature, looks_like_record, signed_fully, excluded, parts, least=_LATE_LEAST)


def _best_run(page: Page, holders: Iterator[HtmlElement], after: Callable[[HtmlElement], bool],
              signature: Callable[[HtmlElement], tuple], looks_like_record: Callable[[list[HtmlElement]], bool],
              signed_fully: Callable[[list[HtmlElement]], str | None], excluded: Callable[[HtmlElement], bool],
              parts: Callable[[HtmlElement], list[HtmlElement]], least: int = 2) -> list[HtmlElement]:
    """The members of the best run among the children of ``holders`` (``least`` records
    or more), or none."""
    runs: list[tuple[int, int, list[HtmlElement]]] = []
    for order, parent in enumerate(holders):
        for members in _groups(parent, signature):
            if len(members) < 2 or not after(members[0]) or _among_prose(parent, members):
                continue
            good = [m for m in members if _worded(m) and looks_like_record(parts(m)) and not _holds_page_heading(m)]
            if len(good) >= least and len(good) * 3 >= len(members) * 2:
                good = _together(good, parts)
                if len(good) >= least:
                    runs.append((len(good), order, good))
    runs.sort(key=lambda run: (-run[0], run[1]))
    for _score, _order, good in runs[:_MAX_TRIED]:
        if excluded(good[0]):
            continue
        read = list(islice((m for m in good if not is_link_back(m)), _MAX_READ))  # (pingbacks show no date)
        if not read or _teasers(page, read) * 2 >= len(read):
            continue
        names = [name for m in read if (name := signed_fully(parts(m)))]
        if len(names) * 3 >= len(read) * 2 and (len(names) < 3 or len(set(names)) > 1):
            return good  # (three records or more by one name are a feed of one account, not a discussion)
    return []


_PROSE = 200  # characters of paragraphs beside a run that make its parent a text, not a thread


def _among_prose(parent: HtmlElement, members: list[HtmlElement]) -> bool:
    """Whether ``parent`` holds two or more paragraphs with 200 characters or more of text
    besides ``members``: the run is quoted in an article's body."""
    taken = set(members)
    paragraphs = [len(inline_text(child)) for child in parent.iterchildren("p") if child not in taken]
    return len([n for n in paragraphs if n]) >= 2 and sum(paragraphs) >= _PROSE


def _worded(el: HtmlElement) -> bool:
    """A cheap first test: twenty characters of text or more (a record's least; most
    members of a page's groups, menu entries and buttons, show fewer)."""
    return len(el.text_content()) >= _RECORD_TEXT


_RECORD_TEXT = 20


def _holds_page_heading(el: HtmlElement) -> bool:
    return next(el.iter("h1", "h2"), None) is not None


def _together(members: list[HtmlElement], parts: Callable[[HtmlElement], list[HtmlElement]]) -> list[HtmlElement]:
    """The longest stretch of ``members`` with nothing between them that shows text of
    its own, other than a part of the record before (the ``dd`` of a ``dt``) or a box
    holding more of their shape (a reply list beside the comment it answers)."""
    shape = members[0].tag
    stretches: list[list[HtmlElement]] = [[members[0]]]
    for previous, member in zip(members, members[1:]):
        between = previous.getnext()
        apart = False
        own = parts(previous)
        while between is not None and between is not member:
            if isinstance(between.tag, str) and between.tag not in SKIP_TAGS and between not in own \
                    and inline_text(between).strip() and next(between.iterdescendants(shape), None) is None:
                apart = True
                break
            between = between.getnext()
        if apart or (previous.tail or "").strip():
            stretches.append([member])
        else:
            stretches[-1].append(member)
    return max(stretches, key=len)


_TITLE_WORDS = 4


def _teasers(page: Page, members: list[HtmlElement]) -> int:
    """How many of ``members`` link another post of the site (:func:`_post_links`): teaser
    cards, not comments. A page that several members link (the same path, whatever the
    query: "/user-overview/?u=18934", "?u=53522") is one page they share, a profile or a
    login, where the posts of a teaser list are each a page of their own."""
    links = [_post_links(page, member) for member in members]
    counts: dict[str, int] = {}
    for paths in links:
        for path in paths:
            counts[path] = counts.get(path, 0) + 1
    return sum(1 for paths in links if any(counts[path] == 1 for path in paths))


def _post_links(page: Page, member: HtmlElement) -> set[str]:
    """The paths of the pages of the site ``member`` links by a picture, a heading or a
    title of four words or more."""
    own = urlsplit(page.url)
    paths: set[str] = set()
    for el in member.iter():
        if not isinstance(el.tag, str) or el.tag == "link":
            continue
        href = el.get("href")
        if not href or href.startswith("#"):
            continue
        if next(el.iter("img", "picture", "h2", "h3", "h4", "h5"), None) is None \
                and (len(words := inline_text(el).split()) < _TITLE_WORDS or names_an_action(" ".join(words))):
            continue  # (nor is "Répondre à ce message" a title)
        target = urlsplit(page.absolute(href) or "")
        path = target.path.rstrip("/").lower()
        if target.hostname == own.hostname and path.strip("/") and not target.fragment \
                and path != own.path.rstrip("/").lower() and not PERSONAL_PATH.search(path):
            paths.add(path)
    return paths


def _groups(parent: HtmlElement, signature: Callable[[HtmlElement], tuple]) -> list[list[HtmlElement]]:
    """``parent``'s children that may form one run (:func:`alike`), per tag."""
    by_tag: dict[str, list[HtmlElement]] = {}
    for child in parent:
        if isinstance(child.tag, str) and child.tag in _MEMBER_TAGS:
            by_tag.setdefault(child.tag, []).append(child)
    return [group for kids in by_tag.values() if len(kids) >= 2 for group in alike(kids, signature)]


def alike(kids: list[HtmlElement], signature: Callable[[HtmlElement], tuple],
          bare_rest: bool = False) -> list[list[HtmlElement]]:
    """Siblings of one tag that may form one run: those that share the class token most
    of them have, when two or more share one; else those of one shape. The records of one
    run differ in some tokens ("odd", "by-author", "has-replies", in whatever words a theme
    uses), not in the one that says what they are. When that token is on half of them or
    fewer, all of them are a run too: themes mark every other record ("alt") and leave
    the rest bare (with ``bare_rest``, only when the rest carry no class: where a box of
    replies may stand between the records, "div.ml-6", it is no record)."""
    shapes = [signature(kid)[1] for kid in kids]
    if shapes.count(shapes[0]) == len(shapes):
        return [kids]  # (most groups: one shape)
    tokens = [set(shape) for shape in shapes]
    counts = Counter(token for kid_tokens in tokens for token in kid_tokens)
    common, shared = counts.most_common(1)[0] if counts else (None, 0)
    if shared >= 2:
        sharing = [kid for kid, kid_tokens in zip(kids, tokens) if common in kid_tokens]
        bare = not bare_rest or all(not (kid.get("class") or "").strip()
                                    for kid, kid_tokens in zip(kids, tokens) if common not in kid_tokens)
        return [sharing, kids] if bare and len(sharing) * 2 <= len(kids) + 1 else [sharing]
    by_shape: dict[tuple, list[HtmlElement]] = {}  # nothing shared: each shape its own group
    for kid, shape in zip(kids, shapes):
        by_shape.setdefault(shape, []).append(kid)
    return list(by_shape.values())


def _holders(body: HtmlElement, never: frozenset[str], deferred: list[HtmlElement]) -> Iterator[HtmlElement]:
    """Every element under ``body`` that may hold a run, outside the places of ``never``
    (whose insides are not walked; those that a later pass may walk are added to
    ``deferred``)."""
    stack = [body]
    while stack:
        el = stack.pop()
        yield el
        for child in reversed(el):
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP_TAGS or not len(child):
                continue
            if tag not in never:
                stack.append(child)
            elif tag not in _NEVER_HOLDS_LATE:
                deferred.append(child)


def _position_after(body: HtmlElement, headline: HtmlElement | None) -> Callable[[HtmlElement], bool]:
    """A test for "comes after ``headline``" (always true without one), by element
    position in one walk of the tree."""
    if headline is None:
        return lambda el: True
    position = {el: i for i, el in enumerate(body.iter())}
    start = position.get(headline, 0)
    inside = set(headline.iter())
    return lambda el: position.get(el, 0) > start and el not in inside
