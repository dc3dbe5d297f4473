"""Finding a page's comment thread: its records and how they nest.

A thread is a run of similar records under a thread container. Records are found in two
ways, both from the shape of the page rather than from a list of themes:

1. **Named records.** An element whose class or id names one comment (``li.comment``,
   ``#comment-42``, ``#comment-6a00…`` on TypePad, ``.dsq-comment``, ``#c1234`` inside a
   Blogger thread, ``.wpd-comment``; :mod:`archiver.parsers.hints` reads the names). Themes
   wrap one comment in several such elements (``li#li-comment-5 > div#comment-5``): a
   candidate that holds no text of its own and a single candidate at the next level is one
   comment with it, while one that holds a *run* of candidates is a container. A candidate
   with text of its own holding others has replies.
2. **Runs inside a named thread.** Where a thread container (``#comments``,
   ``.commentlist``…) holds no named record, the records are the largest run of sibling
   elements of one shape whose members each hold a date and some text (a ``dl`` of ``dt``
   name lines and ``dd`` texts, a plain ``ol`` of ``li``).

Where nothing is named at all, numbered forum posts (:mod:`archiver.parsers.posts`), a
run under a "Comments" heading, and last a run found by its shape alone
(:mod:`archiver.parsers.shapes`) are looked for.

Replies nest inside their parent's element, or sit in a reply list right after it
(Drupal's ``div.indented``, broken WordPress markup with ``ul.children`` beside its
``li``), or carry ``depth-N`` classes only. Elements in sidebars, widgets, forms and menus
are never records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial

from lxml import etree
from lxml.html import HtmlElement

from archiver.dates import looks_like_date
from archiver.page import Page
from archiver.parsers.hints import COMMENT_WORDS, PARTS, Role, class_role, element_role, id_role, may_name_comments, words
from archiver.parsers.scope import main_post
from archiver.parsers.memo import tree_changed
from archiver.parsers.posts import numbered_post_runs
from archiver.parsers.record import (
    alone,
    answered_name,
    clean_author,
    link_back_kind,
    looks_like_record,
    names_an_action,
    own_elements,
    plausible_name,
    shows_name,
    shows_name_and_date,
    signed,
)
from archiver.parsers.shapes import alike, shaped_run
from archiver.parsers.text import SKIP_TAGS, collapse, inline_text
from archiver.parsers.xpath import class_index, document_order, fast_xpath, within

RECORD_TAGS = frozenset({"li", "div", "article", "section", "dt", "table", "tr", "td", "blockquote", "aside", "dl", "p"})
_NOT_OWN_TEXT = frozenset({Role.AVATAR, Role.ACTION, Role.NOISE})
# The parts of a record's header: a wrapper showing only these around one comment box is
# that comment.
_HEADER_PARTS = frozenset({Role.DATE, Role.META, Role.AUTHOR})
_DEPTH = re.compile(r"(?:^|\s)(?:depth|level|comment-depth|thread-depth)[-_]?(\d+)(?:\s|$)")
_DEPTH_MODIFIER = re.compile(r"\S(?:--|__)(?:depth|level)[-_]?(\d+|root)(?:\s|$)")
# Containers that hold the replies of the record just before them.
_REPLY_WORDS = frozenset({"children", "child", "replies", "reply", "indented", "sub", "nested", "subcomments",
                          "inline", "answers", "responses", "level", "depth"})


@dataclass(eq=False)
class Record:
    """One comment's element(s): ``element`` and, for a ``dt`` record, the ``dd`` after it."""

    element: HtmlElement
    key: str | None = None
    parent: Record | None = None
    members: list[HtmlElement] = field(default_factory=list)
    depth_class: int | None = None
    kind: str | None = None  # "trackback"/"pingback" for entries of a list named so
    in_run: bool = False  # found as one of a run of same-shape siblings (credible without an id)
    numbered_post: bool = False  # one of a forum's numbered posts (archiver.parsers.posts)
    name_line: HtmlElement | None = None  # the line the run showed to hold the commenter's name alone

    def __post_init__(self) -> None:
        if not self.members:
            self.members = [self.element]


def _attr_role(el: HtmlElement) -> Role:
    return element_role(el.get("class"), el.get("id"))


class CommentIndex:
    """The comment records of a page, in document order, and their nesting.

    Built once per page by :func:`archiver.parsers.parse_page` and shared by the header
    layers (which read the page with the records cut out, :meth:`detached`) and the
    comment extractor.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.tree = page.tree
        self.records: list[Record] = []
        self.threads: list[HtmlElement] = []
        self.hollow = 0  # records dropped for having no text (counted, never emitted)
        self._excluded: dict[HtmlElement, bool] = {}
        post = main_post(page.tree)
        self._holds_post = set(post.iterancestors()) if post is not None else set()
        self._weak_ids = not numbers_its_content(page)
        try:
            self._find()
        except (ValueError, TypeError):  # a tree lxml cannot walk as expected: no thread
            self.records = []
        self.entries = [r.element for r in self.records]
        self.entry_set = {m for r in self.records for m in r.members}

    # -- discovery -----------------------------------------------------------------

    def _find(self) -> None:
        index = class_index(self.tree)
        threads: list[HtmlElement] = []
        named: list[HtmlElement] = []
        weak: list[HtmlElement] = []
        seen: set[HtmlElement] = set()
        for token in index.tokens:
            if not may_name_comments(token):
                continue
            for element in self._token_elements(index, token):
                if element not in seen:
                    seen.add(element)
                    self._classify(element, threads, named, weak)
        for value, elements in index.ids.items():
            if not _may_name_record(value):
                continue
            role, _key, is_weak = id_role(value)
            if role not in (Role.RECORD, Role.THREAD) or is_weak and not self._weak_ids:
                continue
            for element in elements:
                if element in seen:
                    continue
                seen.add(element)
                if role is Role.THREAD:
                    self._classify(element, threads, named, weak)
                elif element.tag in RECORD_TAGS:
                    (weak if is_weak else named).append(element)
                elif not is_weak and _empty_anchor(element) and (marked := _anchored(element)) is not None:
                    if marked not in seen:
                        seen.add(marked)
                        named.append(marked)
        for value, elements in index.values_of("itemtype").items():  # schema.org's Comment, whatever the classes say
            if value.rstrip("/").rsplit("/", 1)[-1] in _COMMENT_ITEMS:
                for element in elements:
                    if element not in seen and element.tag in RECORD_TAGS and element.get("itemscope") is not None:
                        seen.add(element)
                        named.append(element)
        for value, elements in index.values_of("name").items():  # HTML 4's <a name="comment184302"></a>
            if not _may_name_record(value) or index.with_id(value):
                continue  # (a page that also names the comment by id: the id marks it)
            role, _key, is_weak = id_role(value)
            if role is not Role.RECORD or is_weak:
                continue
            for element in elements:
                if element not in seen and _empty_anchor(element) and (marked := _anchored(element)) is not None \
                        and marked not in seen:
                    seen.update((element, marked))
                    named.append(marked)
        thread_set = {t for t in threads if not self._excluded_at(t)}
        self.threads = _outermost(index.in_order(thread_set))
        inside = set()
        for element in weak:
            if any(a in thread_set for a in element.iterancestors()):
                inside.add(element)
        candidates = [el for el in index.in_order(list(named) + list(inside))
                      if el.tag in RECORD_TAGS and not self._excluded_at(el)]
        candidates = index.in_order(candidates + _replies_named_as_actions(index, set(candidates), thread_set))
        records = _resolve(candidates)
        if len(records) <= 2:
            records = [found for record in records for found in _box_or_record(record)]
        records += _unnamed_runs(index, records, self._excluded_at, self._weak_ids)
        holding = _ancestors(r.element for r in records)
        record_elements = {r.element for r in records}
        taken: set[HtmlElement] = set()
        for thread in index.in_order(thread_set):  # threads that name none of their records: runs
            if thread in holding or thread in taken or _in_any(thread, record_elements) or thread in self._holds_post:
                continue  # (one that holds the post is a column named for discussion: GitHub's "discussion-timeline")
            found = _runs(thread)
            if found:  # the thread and everything in it is read: a thread inside it gives nothing new
                taken.update(thread.iter())
            records += found
        records += _replies_shown_as_text(index, records)
        named_records = len(records)
        if not records:  # no comment named anywhere: a forum's thread of numbered posts?
            from archiver.parsers.comments import heads_another_post  # (comments reads this module's records)
            records = [Record(el, key=number, in_run=True, numbered_post=True) for el, number
                       in numbered_post_runs(index.ids, RECORD_TAGS, self._excluded_at, looks_like_record,
                                             partial(heads_another_post, self.page))]
        if not records:  # nor numbered: a run of records under a heading that says "Comments"
            records = _headed_run(self.tree, self._excluded_at)
        if not records:  # nor headed: a run of records after the post that nothing names
            records = self._shaped_run()
        elif len(records) <= _FEW_NAMED:
            records = self._outnumbered(records)
        if not records:  # nor a run: comments that link to themselves, one alone included
            records = self._self_anchored()
        if not records:  # nor dated: a thread that shows no dates, its records keyed by their ids
            records = self._undated_id_run()
        if named_records < 2:  # or the records around reply links that name their commenter, if more
            linked = _records_by_reply_links(self.tree, self._excluded_at)
            records = linked if len(linked) > len(records) else records
        if _may_show_link_backs(self.page.body):  # (most pages show neither word: no walk of their text)
            records += _headed_link_backs(self.tree, records, self._excluded_at)
        _keys_from_numbered_ids(records)
        _kinds_of_lists(records)
        if len(records) > 1:
            order = {el: i for i, el in enumerate(index.in_order([r.element for r in records]))}
            records.sort(key=lambda r: order[r.element])
        self.records = _depths_by_indentation(_nesting_by_depth_classes(
            _thread(_with_header_rows(_joined(_levels_from_root(records))), self.threads)))

    def _shaped_run(self) -> list[Record]:
        """Records found by their shape alone (:mod:`archiver.parsers.shapes`), with the
        replies nested in them."""
        from archiver.parsers.wordpress import date_languages

        body = self.tree.find("body")
        found = shaped_run(self.page, body if body is not None else self.tree, signature, looks_like_record,
                           partial(shows_name_and_date, languages=date_languages(self.page)), self._excluded_at, _members)
        return [Record(m, key=_key(m), members=_members(m), in_run=True)
                for m in _with_replies(_with_link_backs(found), same_shape=True)]

    def _outnumbered(self, records: list[Record]) -> list[Record]:
        """``records``, or the run of records found by shape where it is much the larger
        and apart from them: a stray element named like a comment (a widget's box, a
        collapsed list) does not hide the thread that nothing names."""
        shaped = self._shaped_run()
        if len(shaped) < max(_OUTNUMBERED, len(records) * 3):
            return records
        if any(within(r.element, s.element) or within(s.element, r.element) for r in records for s in shaped):
            return records
        return shaped

    def _self_anchored(self) -> list[Record]:
        """Records that carry an id and hold a link to themselves, after the headline,
        each showing a name, a date and words: the comments of a thread too short to form
        a run, one alone among them. The link is the comment's permalink (to ``#`` the id,
        on a date or a number: "November 6th, 2012 at 1:09 pm", a numbered ``dt``) or its
        reply button (a "Reply" whose address carries the id's number, WordPress's
        ``?replytocom=137405`` in ``li#comment-137405``)."""
        from archiver.parsers.headline import first_agreeing
        from archiver.parsers.wordpress import date_languages

        with_id = {value: kept[-1] for value, elements in class_index(self.tree).ids.items()
                   if (kept := [el for el in elements if el.tag in RECORD_TAGS])}
        if not with_id:
            return []
        by_number: dict[str, HtmlElement] = {}
        for value, el in with_id.items():
            digits = _ID_NUMBER.search(value)
            if digits is not None:
                by_number.setdefault(digits.group(), el)
        headline = first_agreeing(self.tree, self.tree.iter("h1"))
        languages = date_languages(self.page)
        found: list[HtmlElement] = []
        for link in self.tree.iter("a"):
            href = link.get("href") or ""
            shown = inline_text(link)
            if "#" in href and shown and (looks_like_date(shown) or href.startswith("#") and _NUMBER.fullmatch(shown)):
                record = with_id.get(href.rsplit("#", 1)[1])  # (a number that links to another page is a
                # pager's: "1", "17" of the comment pages)
            elif "?" in href and shown and names_an_action(shown):
                record = next((by_number[value] for value in _QUERY_NUMBER.findall(href.split("#", 1)[0])
                               if value in by_number), None)
            else:
                continue
            if record is None or record in found or not any(a is record or a.tag == "dd" and a in _members(record)
                                                             for a in link.iterancestors()):
                continue  # (a dt's permalink may stand in a dd after it: Blogger's "comment-footer")
            if headline is not None and (not _after(headline, record) or within(headline, record)):
                continue
            if self._excluded_at(record) or record in self._holds_post:
                continue
            if shows_name_and_date(_members(record), languages):
                found.append(record)
        found = [el for el in found if not any(within(el, other) for other in found)]
        return [Record(el, key=_key(el), members=_members(el), in_run=True) for el in found]

    def _undated_id_run(self) -> list[Record]:
        """Records of a thread that shows no dates and that no name marks: three or more
        elements of one tag after the headline whose ids share a prefix and end in numbers
        of their own (a database's keys, ``comment-204888``), two thirds of them holding a
        name on a line of its own, first or last, and words besides it, with more than one
        name among them (one account's posts are no discussion). A teaser (a heading, a
        headline's link) is none."""
        from archiver.parsers.headline import first_agreeing

        groups: dict[tuple[str, str], list[HtmlElement]] = {}
        for value, elements in class_index(self.tree).ids.items():  # (the page's ids, read once for all finders)
            if (match := _KEYED_ID.fullmatch(value)) is not None:
                for el in elements:
                    if el.tag in RECORD_TAGS:
                        groups.setdefault((el.tag, match.group("prefix").lower()), []).append(el)
        candidates = [members for members in groups.values() if len(members) >= _UNDATED_RUN]
        if not candidates:
            return []
        headline = first_agreeing(self.tree, self.tree.iter("h1"))
        best: list[tuple[HtmlElement, HtmlElement]] = []
        for members in candidates:
            if len({_ID_NUMBER.search(m.get("id") or "").group() for m in members}) < len(members):
                continue  # (one number shared: no keys of records)
            found: list[tuple[HtmlElement, HtmlElement]] = []
            names: set[str] = set()
            for el in members:
                if headline is not None and (not _after(headline, el) or within(headline, el)) \
                        or self._excluded_at(el) or el in self._holds_post:
                    continue
                line = _lone_name_line(_members(el))
                if line is not None:
                    found.append((el, line))
                    names.add(clean_author(inline_text(line)))
            if len(found) * 3 >= len(members) * 2 and len(names) > 1 and len(found) > len(best):
                best = found
        return [Record(el, key=_key(el), members=_members(el), in_run=True, name_line=line) for el, line in best]

    @staticmethod
    def _token_elements(index, token: str) -> list[HtmlElement]:
        role = class_role(token)
        if role not in (Role.RECORD, Role.THREAD):
            return []
        return index.with_class(token)

    def _classify(self, element: HtmlElement, threads: list, named: list, weak: list) -> None:
        role = _attr_role(element)
        if role is Role.THREAD and element.tag not in ("a", "span", "h1", "h2", "h3", "h4", "form", "input",
                                                       "textarea", "button", "img", "script"):
            threads.append(element)
        elif role is Role.RECORD and element.tag in RECORD_TAGS:
            named.append(element)

    def _excluded_at(self, element: HtmlElement) -> bool:
        """Whether ``element`` sits in a sidebar, widget, menu, form or other non-thread
        place (decided once per ancestor and remembered)."""
        path = []
        verdict = False
        for el in (element, *element.iterancestors()):
            known = self._excluded.get(el)
            if known is not None:
                verdict = known
                break
            path.append(el)
            decided = _excluding(el)
            if decided and el in self._holds_post:
                decided = None  # named for a sidebar but holding the post: a layout column ("right-sidebar")
            if decided is not None:
                verdict = decided
                break
        for el in path:
            self._excluded[el] = verdict
        return verdict

    # -- use -----------------------------------------------------------------------

    def drop(self, record: Record) -> None:
        """Take ``record`` and every record inside it out of the thread: it is part of the
        post (:func:`archiver.parsers.comments.take_opening_post`)."""
        inside = {el for member in record.members for el in member.iter()}
        self.records = [r for r in self.records if r is not record and r.element not in inside]
        self.entries = [r.element for r in self.records]
        self.entry_set = {m for r in self.records for m in r.members}

    @contextmanager
    def detached(self) -> Iterator[None]:
        """The page without its comment records for the duration of the block.

        Header selectors never want comment markup, and on a page with thousands of
        comments most of the tree is comments: without them each selector pass is short.
        The records are put back exactly where they were (tails included) on exit.
        """
        placeholders: list[tuple[HtmlElement, HtmlElement]] = []
        taken: set[HtmlElement] = set()
        try:
            for record in self.records:  # (a reply too, when it stands outside its comment: "<li><article/><ul>")
                for el in record.members:
                    parent = el.getparent()
                    if parent is None or record.parent is not None and _in_any(el, taken):
                        continue
                    taken.add(el)
                    placeholder = etree.Comment("comment")
                    parent.replace(el, placeholder)
                    placeholders.append((placeholder, el))
            tree_changed()
            yield
        finally:
            for placeholder, el in reversed(placeholders):
                placeholder.getparent().replace(placeholder, el)
            tree_changed()


_TYPO3_GENERATOR = re.compile(rb"<meta[^>]+content=[\"']TYPO3", re.IGNORECASE)


def numbers_its_content(page: Page) -> bool:
    """Whether the page comes from a CMS that gives every block of content an id of a
    letter and a number, the shape Blogger, TypePad and Movable Type give comments:
    TYPO3 (``<div id="c6319" class="frame">``, ``<a id="c778277">`` before each element),
    known by its generator tag or its "powered by TYPO3" comment. There such an id names
    no comment."""
    body = page.body
    if body.find(b"TYPO3") < 0:
        return False
    return body.find(b"powered by TYPO3") >= 0 or _TYPO3_GENERATOR.search(body) is not None


# schema.org types of a reader's comment in microdata
_COMMENT_ITEMS = frozenset({"Comment", "UserComments"})


@lru_cache(maxsize=16384)
def _may_name_record(id_value: str) -> bool:
    """Whether an id may name a record or a thread: a comment word, or a number (weak
    record ids, "c1234", "t55", carry one). Remembered per id."""
    return may_name_comments(id_value) or any(c.isdigit() for c in id_value)


def _ancestors(elements: Iterator[HtmlElement]) -> set[HtmlElement]:
    """Every element above any of ``elements``. A walk up stops at an element already
    found: everything above it is in the set (records of one thread share most)."""
    found: set[HtmlElement] = set()
    for el in elements:
        for ancestor in el.iterancestors():
            if ancestor in found:
                break
            found.add(ancestor)
    return found


def _in_any(el: HtmlElement, containers: set[HtmlElement]) -> bool:
    """Whether ``el`` is one of ``containers`` or inside one."""
    return el in containers or any(a in containers for a in el.iterancestors())


_CONTENT_ROOT_IDS = frozenset({"content", "main", "primary", "main-content", "maincontent"})
_CONTENT_ROOT_CLASSES = frozenset({"site-content", "content-area", "site-main", "main-content", "entry-content"})


_REPLY_NAMES = frozenset({"reply", "replies", "answer", "answers", "antwort", "antworten", "response"})


def _replies_named_as_actions(index, candidates: set[HtmlElement], threads: set[HtmlElement]) -> list[HtmlElement]:
    """Replies whose class names them as the reply *action* (``div.comment-reply`` holding
    a reply with its own name, date and text): believed when they hold an author or date
    part and text, and no other record, inside a thread or a comment."""
    found = []
    for token in index.tokens:
        if not _names_reply_action(token):
            continue
        for el in index.with_class(token):
            if el.tag not in RECORD_TAGS or el in candidates or len(el.text_content()) < 40:
                continue
            if not any(a in candidates or a in threads for a in el.iterancestors()):
                continue
            descendants = list(el.iterdescendants())
            if any(d in candidates for d in descendants):
                continue
            roles = {element_role(d.get("class"), d.get("id")) for d in descendants if isinstance(d.tag, str)}
            if roles & {Role.AUTHOR, Role.DATE} and Role.TEXT in roles:
                found.append(el)
    return found


@lru_cache(maxsize=8192)
def _names_reply_action(token: str) -> bool:
    """Whether a class token names the reply action (``comment-reply``), remembered per token.

    Every word of a token is a piece of its lower-cased text, so a token whose text holds
    none of the reply names' stems ("repl" for reply and replies) holds none of them as a
    word: most tokens of a page are told so without being split into words and read
    for a role."""
    lowered = token.lower()
    if not any(stem in lowered for stem in _REPLY_STEMS):
        return False
    return class_role(token) is Role.ACTION and not _REPLY_NAMES.isdisjoint(words(token))


# A piece of every word of _REPLY_NAMES, for the cheap test above.
_REPLY_STEMS = ("repl", "answer", "antwort", "response")
assert all(any(stem in name for stem in _REPLY_STEMS) for name in _REPLY_NAMES)


@lru_cache(maxsize=8192)
def _names_reply_text(token: str) -> bool:
    """Whether a class token names the text of a reply (``reply-text``), remembered per token."""
    lowered = token.lower()
    if "reply" not in lowered and "answer" not in lowered and "antwort" not in lowered:
        return False
    return class_role(token) is Role.TEXT and not _REPLY_NAMES.isdisjoint(words(token))


_PING_WORDS = {"trackback": "trackback", "trackbacks": "trackback", "pingback": "pingback",
               "pingbacks": "pingback", "pinglist": "pingback", "pings": "pingback"}


def _kinds_of_lists(records: list[Record]) -> None:
    """Records in a list named for trackbacks or pingbacks (``div#trackbacks >
    ol.pinglist > li#comment-12``) are of that kind, unless the entry names its own kind
    (Customizr lists trackbacks in its "pinglist" tab as ``li.trackback``)."""
    for record in records:
        if record.kind is not None or record.parent is not None:
            continue
        own = (record.element.get("class") or "").split()
        if "pingback" in own or "trackback" in own:
            continue  # kind_of() reads the entry's own class
        for depth, ancestor in enumerate(record.element.iterancestors()):
            if depth >= 3:
                break
            names = f"{ancestor.get('id') or ''} {ancestor.get('class') or ''}".lower()
            if "ping" not in names and "track" not in names:
                continue
            kind = next((_PING_WORDS[w] for w in words(names) if w in _PING_WORDS), None)
            if kind is not None:
                record.kind = kind
                break


def _replies_shown_as_text(index, records: list[Record]) -> list[Record]:
    """Answers shown inside a comment as a part of it (Pixnet's ``li.reply-text``: the
    blog owner's reply, "NAME 於 DATE 回覆"): an element named as a reply text in a
    record that signs itself with a name or a date line is a reply to that record."""
    if not records:
        return []
    by_element = {r.element: r for r in records}
    found: list[Record] = []
    for token in index.tokens:
        if not _names_reply_text(token):
            continue
        for el in index.with_class(token):
            if el.tag not in RECORD_TAGS or el in by_element:
                continue
            parent = next((by_element[a] for a in el.iterancestors() if a in by_element), None)
            if parent is None or any(d in by_element for d in el.iterdescendants()):
                continue
            if looks_like_record([el]):
                found.append(Record(el, key=_key(el), parent=parent))
    return found


def _excluding(el: HtmlElement) -> bool | None:
    """True for a sidebar, menu or "recent comments" box; False for the page's main
    column (what lies above it says nothing about a thread); None otherwise."""
    tag = el.tag
    if tag == "nav":
        return True
    classes = el.get("class") or ""
    id_value = el.get("id") or ""
    if tag == "form" and _comment_form(classes, id_value):
        return True  # what a comment form shows (a widget of other posts' comments) is no thread
    if tag in ("main", "article") or id_value in _CONTENT_ROOT_IDS or not _CONTENT_ROOT_CLASSES.isdisjoint(classes.split()):
        return False
    names = [*classes.split(), id_value] if id_value else classes.split()
    if any(_names_a_layout(name) for name in names):
        return None  # "content-wrapper sidebar-included right-sidebar": a page with a sidebar, not one
    for name in names:
        if _widget_token(name):
            return True
    for name in names:
        if "main" in words(name):  # "main_grid", "body_main": the main column
            return False
    return None


def _comment_form(classes: str, id_value: str) -> bool:
    """A form for writing a comment (``form#commentform``, ``form.comment-form``), not a
    form around the whole page (ASP.NET's ``form#aspnetForm``)."""
    names = f"{classes} {id_value}".lower()
    return ("comment" in names or "respond" in names or "reply" in names) and "form" in names or id_value == "respond"


_LAYOUT_WORDS = frozenset({"for", "with", "has", "no", "content", "page", "layout", "main", "site", "is", "without"})


_LAYOUT_SIDEBAR_WORDS = frozenset({"included", "layout", "on"})  # not "sidebar-wrapper": the sidebar's own


def _names_a_layout(name: str) -> bool:
    """A name that says the page has a sidebar ("sidebar-included", "layout-sidebar-right"
    on the wrapper of the content and its sidebar, "sidebar-on-right" on the content
    column that has it on its right)."""
    if "sidebar" not in name.lower():
        return False
    parts = words(name)
    return "sidebar" in parts and not _LAYOUT_SIDEBAR_WORDS.isdisjoint(parts)


def _widget_token(name: str) -> bool:
    """A sidebar, or a widget that lists comments ("Recent Comments"). A widget alone is
    no exclusion: Blogger puts the posts themselves in ``div.widget.Blog``."""
    parts = words(name)
    if not parts or parts[0] in _LAYOUT_WORDS:  # "has-sidebar", "content-sidebar-wrap": a page layout
        return False
    if parts[0] in ("sidebar", "aside", "teaser", "teasers") or parts[-1] == "sidebar":
        return True  # (a teaser of another story: "teaser-label-comment" is its comment counter)
    # "latest"/"last" name a thread's order as often as a sidebar list: not enough alone.
    listing = any(w in ("recent", "recentcomments", "popular", "most") for w in parts)
    # "top" names a list of the most liked only in the plural ("top-comments"); Blogger's
    # "top-comment" is the top of the post's own comment section
    listing = listing or "top" in parts and ("comments" in parts or "widget" in parts)
    return listing and (any(w in COMMENT_WORDS or w in _LISTED for w in parts) or "widget" in parts)


# What a sidebar lists beside comments ("recent-activity", "most-read-stories", "popular-posts").
_LISTED = frozenset({"activity", "posts", "stories", "articles", "entries", "read", "viewed", "commented"})


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    found = set(elements)
    return [el for el in elements if not any(a in found for a in el.iterancestors())]


def _has_own_text(el: HtmlElement, stop: set[HtmlElement], ignore: frozenset[Role] = frozenset()) -> bool:
    """Whether ``el`` shows any text outside nested candidates, avatars, actions and
    forms (the walk ends at the first word: a record's name line usually comes first),
    and outside parts of the roles in ``ignore``."""
    skip = _NOT_OWN_TEXT | ignore
    stack = [el]
    while stack:
        node = stack.pop()
        tag = node.tag
        if node is not el:
            if node.tail and not node.tail.isspace():
                return True
            if not isinstance(tag, str) or node in stop or tag in SKIP_TAGS or _attr_role(node) in skip:
                continue
        elif not isinstance(tag, str):
            continue
        if node.text and not node.text.isspace():
            return True
        stack.extend(node)
    return False


# A word and the record's number, and maybe the number of the record it answers after an
# underscore (wpDiscuz's "wpd-comm-497016_496998", "_0" on a top-level comment).
_NUMBERED_ID = re.compile(r"(\D*?)[-_]?(\d+)(?:_\d+)?")


def _keys_from_numbered_ids(records: list[Record]) -> None:
    """Keys for records whose ids no hint list knows ("yorum-77", "zq-5334") from the ids
    themselves, where two records or more carry ids of one word and their own numbers: a
    numbered id on every record of a thread is its key, whatever the word."""
    numbered: dict[str, list[tuple[Record, str]]] = {}
    for record in records:
        if record.key is None and (match := _NUMBERED_ID.fullmatch(_numbered_id(record.element))):
            numbered.setdefault(match.group(1), []).append((record, match.group(2)))
    for members in numbered.values():
        if len(members) >= 2 and len({number for _, number in members}) == len(members):
            for record, number in members:
                record.key = number


def _numbered_id(el: HtmlElement) -> str:
    """The id of a record, or of the box that opens it when it has none: WordPress's
    ``<li class="comment"><article id="div-comment-779802">`` puts the id on the comment's
    own box inside the list item that also holds its replies."""
    value = el.get("id")
    if value:
        return value
    first = _first_child(el)
    return (first.get("id") or "") if first is not None and first.tag not in ("ul", "ol") else ""


def _key(el: HtmlElement) -> str | None:
    """The comment's own id key: from its id, or from the anchor right before it
    (Drupal's ``<a id="comment-12"></a><div class="comment">``, TypePad's ``a#c6a00…``,
    old Blogger's ``<a name="c123">``)."""
    value = el.get("id")
    if value:
        path = _THREAD_PATH.match(value)
        if path:  # HubSpot's "c0001.0001.0000…": the place in the thread is the key
            return path.group(1)
        role, key, _ = id_role(value)
        if key and role is Role.RECORD:
            return key
        if value.isdigit():  # a bare number as the id of a record (div#6963.commentsCon)
            return value
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is not None and not _empty_anchor(first) and not (first.text or "").strip():
        first = next((c for c in first if isinstance(c.tag, str)), None)  # <li><div><a name="4606297"></a></div>
    if first is not None and _empty_anchor(first):  # Joomla's <div class="jomentry"><a id="comment-4">
        key = _anchor_key(first, numbers=True)
        if key:
            return key
    previous = el.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if previous is not None and _empty_anchor(previous):
        return _anchor_key(previous)
    return None


# A comment id that is its path in the thread, four digits a level ("c0001.0002.0000.0000"):
# the first reply to the first comment; its parent is the path with its last level zeroed.
_THREAD_PATH = re.compile(r"^[a-z]{0,8}(\d{2,6}(?:\.\d{2,6}){2,})$", re.IGNORECASE)


def _path_parent(key: str | None) -> str | None:
    """The key of the comment a thread-path key answers ("0001.0002.0000" -> "0001.0000.0000")."""
    if not key or "." not in key:
        return None
    levels = key.split(".")
    last = max((i for i, level in enumerate(levels) if int(level)), default=0)
    if last == 0:
        return None
    return ".".join(levels[:last] + ["0" * len(level) for level in levels[last:]])


def _empty_anchor(el: HtmlElement) -> bool:
    return el.tag == "a" and not len(el) and not (el.text or "").strip()


def _anchor_key(anchor: HtmlElement, numbers: bool = False) -> str | None:
    """The comment key an empty anchor names; with ``numbers``, a bare number too (the
    anchor that opens a record: ``<a name="4606297">``, the post number of a forum copy)."""
    for attribute in ("id", "name"):
        value = anchor.get(attribute)
        if value:
            role, key, _ = id_role(value)
            if key and role is Role.RECORD:
                return key
            if numbers and value.isdigit():
                return value
    return None


def _anchored(anchor: HtmlElement) -> HtmlElement | None:
    """The element an empty comment-id anchor marks: its parent when it opens it, else
    the element right after it (Drupal's ``<a id="comment-12"></a><div class="comment">``).
    A reply list that opens with the anchor of its first reply (Drupal's ``div.indented``)
    or holds anchors of several comments is a list, not the comment."""
    parent = anchor.getparent()
    if parent is not None and next((c for c in parent if isinstance(c.tag, str)), None) is anchor \
            and parent.tag in RECORD_TAGS and not _reply_list(parent) \
            and not any(a is not anchor and _empty_anchor(a) and _anchor_key(a) for a in parent.iter("a")):
        if _attr_role(parent) in _RECORD_PARTS:
            return _record_around(parent, anchor)
        return parent
    following = anchor.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following if following is not None and following.tag in RECORD_TAGS else None


_RECORD_PARTS = frozenset({Role.DATE, Role.META, Role.TEXT, Role.AUTHOR})


def _record_around(part: HtmlElement, anchor: HtmlElement) -> HtmlElement | None:
    """The comment around a part its anchor stands in (Pluck's ``<div class="commentTimeStamp">
    3/23/2010 2:39:43 PM<a name="CommentKey:…"></a></div>`` in one cell of a table row whose
    other cell holds the name): the nearest element above that holds the commenter's name
    too and no other comment's anchor."""
    for up in part.iterancestors():
        if up.tag not in RECORD_TAGS or any(a is not anchor and _empty_anchor(a) and _anchor_key(a)
                                            for a in up.iter("a")):
            return None
        if any(_attr_role(el) is Role.AUTHOR for el in up.iter() if isinstance(el.tag, str)):
            return up
    return None


def signature(el: HtmlElement) -> tuple[str, tuple[str, ...]]:
    """Tag and class tokens without the per-record ones (numbers, odd/even, depth)."""
    return el.tag, _shape_tokens(el.get("class") or "")


@lru_cache(maxsize=8192)
def _shape_tokens(classes: str) -> tuple[str, ...]:
    """The class tokens of :func:`signature`, remembered per class list (runs of records
    repeat theirs)."""
    return tuple(sorted(t for t in classes.split()
                        if not any(c.isdigit() for c in t) and t not in ("odd", "even", "alt", "thread-odd",
                                                                           "thread-even", "thread-alt",
                                                                           "bypostauthor", "byuser")))


def _resolve(candidates: list[HtmlElement]) -> list[Record]:
    """Records from named candidates: wrappers of one comment merged, containers dropped,
    candidates without text of their own dropped."""
    if not candidates:
        return []
    candidate_set = set(candidates)
    # A candidate named both as a comment and as a part of one (``section.comment-content.comment``)
    # inside another candidate is that part, not a reply.
    parts = {el for el in candidates if _mixed_part(el) and any(a in candidate_set for a in el.iterancestors())}
    parts |= _unsigned_inner(candidates, candidate_set)
    if parts:
        candidates = [el for el in candidates if el not in parts]
        candidate_set -= parts
    enclosing: dict[HtmlElement, HtmlElement | None] = {}
    children: dict[HtmlElement | None, list[HtmlElement]] = {}
    for el in candidates:  # document order: an ancestor comes before its descendants
        up = next((a for a in el.iterancestors() if a in candidate_set), None)
        enclosing[el] = up
        children.setdefault(up, []).append(el)
    own = {el: _has_own_text(el, candidate_set) for el in candidates}
    # Decide bottom-up: what each candidate stands for at its parent's level.
    merged_into: dict[HtmlElement, HtmlElement] = {}   # inner wrapper -> outer element of the comment
    container: set[HtmlElement] = set()
    empty: set[HtmlElement] = set()
    for el in reversed(candidates):
        kids = [k for k in children.get(el, []) if k not in empty]
        if own[el]:
            first = kids[0] if kids else None
            if first is not None and _key(first) is not None and _key(first) == _key(el):
                merged_into[first] = el
            elif len(kids) == 1 and _key(first) is None and _key(el) is not None \
                    and not _has_own_text(el, candidate_set, _HEADER_PARTS):
                merged_into[first] = el  # the comment's box under the date of its keyed wrapper (Posterous)
            continue
        if not kids:
            empty.add(el)
            continue
        first = kids[0]
        if _alone(first, kids) or (_key(first) is not None and _key(first) == _key(el)):
            merged_into[first] = el
            own[el] = own[first] or 1
        else:
            container.add(el)
    records: dict[HtmlElement, Record] = {}
    order: list[Record] = []
    for el in candidates:
        if el in empty or el in container:
            continue
        if el in merged_into:
            outer = merged_into[el]
            while outer in merged_into:
                outer = merged_into[outer]
            if outer in records and records[outer].key is None:
                records[outer].key = _key(el)
            records[el] = records.get(outer)  # type: ignore[assignment]
            continue
        parent_el = enclosing[el]
        while parent_el is not None and (parent_el in container or parent_el in empty):
            parent_el = enclosing[parent_el]
        parent = records.get(parent_el) if parent_el is not None else None
        record = Record(el, key=_key(el), parent=parent, depth_class=_depth_class(el), members=_members(el))
        records[el] = record
        order.append(record)
    return order


def _unsigned_inner(candidates: list[HtmlElement], candidate_set: set[HtmlElement]) -> set[HtmlElement]:
    """Candidates inside another one that show no name and no date of their own and have
    no id of their own (``div.commentext`` inside ``li#comment-59274``): parts of the
    comment around them, not replies."""
    found = set()
    for el in candidates:
        if _key(el) is not None or not any(a in candidate_set for a in el.iterancestors()):
            continue
        # own_elements never prunes el itself; "NAME writes:" alone opens a quote, not a reply
        if not signed(own_elements([el], candidate_set), [el], said=False):
            found.add(el)
    return found


def _mixed_part(el: HtmlElement) -> bool:
    """A class list that names a part of a comment beside "comment", and no record id.
    "Comment Reply" with a name and date of its own is a reply, not the reply action."""
    classes = (el.get("class") or "").split()
    if _key(el) is not None:
        return False
    roles = {class_role(token) for token in classes}
    if Role.RECORD not in roles or roles.isdisjoint(PARTS):
        return False
    if roles & PARTS == {Role.ACTION} and all(_names_reply_action(t) for t in classes if class_role(t) is Role.ACTION):
        return not signed(own_elements([el]), [el], said=False)
    return True


def _joined(records: list[Record]) -> list[Record]:
    """One record for the parts of a comment that carry the same id one after the other
    (a header table ``#comment162522`` and a text block ``#comment162522_show``)."""
    joined: list[Record] = []
    for record in records:
        last = joined[-1] if joined else None
        if (last is not None and record.key is not None and record.key == last.key and record.parent is last.parent
                and signature(record.element) != signature(last.element)  # same shape twice: two comments
                and not any(a is last.element for a in record.element.iterancestors())):
            last.members.extend(m for m in record.members
                                if not any(a in last.members for a in m.iterancestors()))
            continue
        joined.append(record)
    return joined


def _with_header_rows(records: list[Record]) -> list[Record]:
    """Records whose date stands in a row of its own right before each of them (bbPress's
    ``div.bbp-reply-header``, with the reply's id, date and permalink, then the reply's
    ``div``) take that row as one of their members: where every record of a list has such
    a row before it, a short line that is a date and no record itself (records of one
    tag in holders of one shape: each may stand in a list item of its own with its row,
    and the topic's author's replies carry a class more)."""
    by_shape: dict[tuple, list[Record]] = {}
    for record in records:
        first = record.members[0]
        holder = first.getparent()
        if holder is not None:
            by_shape.setdefault((first.tag, signature(holder)), []).append(record)
    taken = {m for r in records for m in r.members}
    for group in by_shape.values():
        rows = [_header_row(record.members[0], taken) for record in group]
        if len(group) < 2 or any(row is None for row in rows):
            continue
        for record, row in zip(group, rows):
            record.members.insert(0, row)  # type: ignore[arg-type]
    return records


def _header_row(first: HtmlElement, taken: set[HtmlElement]) -> HtmlElement | None:
    """The element right before ``first`` when it is a short date line of no record."""
    row = first.getprevious()
    while row is not None and not isinstance(row.tag, str):
        row = row.getprevious()
    if row is None or row in taken or row.tag in SKIP_TAGS:
        return None
    text = inline_text(row)
    return row if text and len(text) <= _HEADER_ROW_TEXT and looks_like_date(text) else None


_HEADER_ROW_TEXT = 80


def _alone(first: HtmlElement, kids: list[HtmlElement]) -> bool:
    """Whether ``first`` is the only candidate of its shape among its siblings."""
    parent = first.getparent()
    shape = signature(first)
    return not any(k is not first and k.getparent() is parent and signature(k) == shape for k in kids)


def _depth_class(el: HtmlElement) -> int | None:
    """The reply level a class names: ``depth-2``, ``level-3``, or a modifier of a longer
    name (``comments__item--level-1``); 0 for ``--level-root``, a list that numbers its
    first reply level 1 (:func:`_levels_from_root`)."""
    classes = el.get("class")
    if not classes or ("depth" not in classes and "level" not in classes):
        return None
    match = _DEPTH.search(classes) or _DEPTH_MODIFIER.search(classes)
    if match is None:
        return None
    return 0 if match.group(1) == "root" else int(match.group(1))


def _box_or_record(record: Record) -> list[Record]:
    """A page's only comment-named element may be the box of the whole thread
    (``div#comment-box``) rather than one comment: when it holds a run of at least three
    similar records with a date and text each, those are the comments."""
    found = _runs(record.element)
    if not found:
        return [record]
    siblings = [r for r in found if r.element.getparent() is found[0].element.getparent()]
    return found if len(siblings) >= 3 else [record]  # a run, not one comment's nested parts


def _thread(records: list[Record], threads: list[HtmlElement]) -> list[Record]:
    """Parents for records outside their parent's element: a reply list right after its
    parent (``<li>…</li><ul class="children">…</ul>``, Drupal's ``div.indented``)."""
    by_element = {r.element: r for r in records}
    by_key = {r.key: r for r in records if r.key and "." in r.key}
    boxes: dict[HtmlElement, bool] = {}  # a box after a record -> whether it holds nothing but records

    def reply_box(box: HtmlElement, previous: HtmlElement | None) -> bool:
        """A reply list by its name or indentation, or an unnamed box right after a record
        that shows nothing but records."""
        if _reply_list(box):
            return True
        if previous is None or previous not in by_element:
            return False
        if box not in boxes:
            boxes[box] = _records_only(box, [d for d in box.iterdescendants() if d in by_element])
        return boxes[box]

    for record in records:
        if record.parent is not None:
            indented = _indented_reply_to(record, by_element)
            if indented is not None:
                record.parent = indented
            continue
        answered = by_key.get(_path_parent(record.key))  # type: ignore[arg-type]
        if answered is not None and answered is not record:
            record.parent = answered
            continue
        el = record.element
        enclosing = next((by_element[a] for a in el.iterancestors() if a in by_element), None)
        if enclosing is not None:  # nested in another record's element (records found by shape)
            record.parent = enclosing
            continue
        for ancestor in el.iterancestors():
            if ancestor in by_element or ancestor in threads:
                break
            previous = ancestor.getprevious()
            while previous is not None and not isinstance(previous.tag, str):
                previous = previous.getprevious()
            if not reply_box(ancestor, previous):
                continue
            parent = by_element.get(previous) if previous is not None else None
            if parent is None and previous is not None and previous.tag in RECORD_TAGS:
                parent = next((by_element[d] for d in reversed(list(previous.iter())) if d in by_element), None)
            if parent is not None:
                record.parent = parent
                break
    return records


def _indented_reply_to(record: Record, by_element: dict[HtmlElement, Record]) -> Record | None:
    """For a record inside another (a box that holds the whole thread, read as a record):
    the comment it answers, when a box indented by its style attribute lies between them,
    right after that comment. Replies shown by indentation alone stay replies."""
    for ancestor in record.element.iterancestors():
        if ancestor in by_element:  # (the holder, or a record between)
            return None
        if _style_indent(ancestor) >= 1:
            previous = _answered_element(ancestor, by_element)
            answered = by_element.get(previous) if previous is not None else None
            if answered is not None and answered is not record.parent:
                return answered
    return None


def _answered_element(replies: HtmlElement, by_element: dict[HtmlElement, Record]) -> HtmlElement | None:
    """The element before a reply list: its previous sibling, past up to three small
    ones between them (an empty box the reply form opens in, a "Reply" link)."""
    previous = replies.getprevious()
    skipped = 0
    while previous is not None:
        if isinstance(previous.tag, str):
            if previous in by_element or skipped == 3 or len(previous.text_content().strip()) > _SMALL_TEXT:
                return previous
            skipped += 1
        previous = previous.getprevious()
    return None


_SMALL_TEXT = 30  # characters: a "Reply" link's, not a comment's


def _reply_list(el: HtmlElement) -> bool:
    """A list, a box named for replies, or a box indented by a utility class or its
    style attribute (``div.ml-6``, ``style="padding-left:50px"``) after a comment."""
    if el.tag in ("ul", "ol"):
        return True
    classes = el.get("class") or ""
    names = f"{classes} {el.get('id') or ''}"
    return (any(w in _REPLY_WORDS for w in words(names)) or _style_indent(el) >= 1
            or any(_INDENT_UTILITY.fullmatch(token) for token in classes.split()))


# A utility class that indents: Tailwind's "ml-6"/"pl-4", Bootstrap's "ms-3"/"ps-2".
_INDENT_UTILITY = re.compile(r"(?:[a-z]+:)?(?:ml|pl|ms|ps)-(?:[1-9]\d*|\[\d+px\])")


# A left margin or padding in an inline style, and its length.
_LEFT_INDENT = re.compile(r"(?:margin|padding)-left\s*:\s*(\d+(?:\.\d+)?)\s*(?:px|em|rem|%)?", re.IGNORECASE)


def _nesting_by_depth_classes(records: list[Record]) -> list[Record]:
    """Parents from ``depth-N`` classes where the tree's nesting contradicts them: a
    comment template that never closes its element nests every later comment in the
    first (jennycancook.com), so a ``depth-1`` comment sits inside a ``depth-2`` one.
    Then each classed record answers the nearest one before it a level up."""
    if not any(r.parent is not None and r.depth_class is not None and r.parent.depth_class is not None
               and r.parent.depth_class >= r.depth_class and _nested_in(r, r.parent) for r in records):
        return records  # (HubSpot classes every entry depth-1 and threads by its ids' paths: no contradiction)
    last: dict[int, Record] = {}
    for record in records:
        level = record.depth_class
        if level is None:
            continue
        record.parent = last.get(level - 1) if level > 1 else None
        last[level] = record
        for deeper in [d for d in last if d > level]:
            del last[deeper]
    return records


def _nested_in(record: Record, parent: Record) -> bool:
    """Whether ``record``'s element lies inside ``parent``'s (its parent by nesting)."""
    return any(a is parent.element for a in record.element.iterancestors())


def _levels_from_root(records: list[Record]) -> list[Record]:
    """Depth classes counted from a root level (``--level-root``, ``--level-1``…): one
    more each, so that the top level is 1 as ``depth-1`` is."""
    if any(r.depth_class == 0 for r in records):
        for record in records:
            if record.depth_class is not None:
                record.depth_class += 1
    return records


def _depths_by_indentation(records: list[Record]) -> list[Record]:
    """Reply levels of a flat list whose records show them only by their own indentation
    (``<li style="padding-left:18px">``, 36px, 54px…; ``comment--indented``): each distinct indent,
    smallest first, is a level, when the list holds two levels or more and opens at the
    smallest. Records that nest or are numbered by ``depth-N`` classes keep theirs."""
    siblings: dict[HtmlElement, list[Record]] = {}
    for record in records:
        parent = record.element.getparent()
        if record.parent is None and record.depth_class is None and parent is not None:
            siblings.setdefault(parent, []).append(record)
    for run in siblings.values():
        if len(run) < 2:
            continue
        indents = [_left_indent(r.element) for r in run]
        levels = sorted(set(indents))
        if len(levels) < 2 or indents[0] != levels[0]:
            continue
        for record, indent in zip(run, indents, strict=True):
            record.depth_class = levels.index(indent) + 1
    return records


def _left_indent(el: HtmlElement) -> float:
    """The left padding or margin an element's own style attribute gives it, or one step
    for a class that names it indented (``comment--indented``); 0 without either."""
    indent = _style_indent(el)
    if indent:
        return indent
    return 1.0 if _INDENT_WORDS & set(words(el.get("class") or "")) else 0.0


def _style_indent(el: HtmlElement) -> float:
    """The largest left margin or padding the element's style attribute gives (0 without)."""
    style = el.get("style")
    return max((float(v) for v in _LEFT_INDENT.findall(style)), default=0.0) if style else 0.0


_INDENT_WORDS = frozenset({"indented", "indent"})


# -- runs of similar records in a thread without named records ---------------------

_RUN_TAGS = frozenset({"li", "div", "dt", "dl", "article", "section", "tr", "p", "blockquote", "table", "ul"})


def _runs(thread: HtmlElement) -> list[Record]:
    """The largest run of same-shape siblings in ``thread`` whose members hold a date and
    text: the records of a thread that names none of them. In a list named for trackbacks
    or pingbacks, an entry needs only a link."""
    names = words(f"{thread.get('id') or ''} {thread.get('class') or ''}")
    kind = next((w.rstrip("s") for w in names if w in ("trackbacks", "pingbacks", "trackback", "pingback")), None)
    if kind is not None:
        entries = [li for li in thread.iter("li") if next(li.iter("a"), None) is not None]
        return [Record(li, key=_key(li), kind=kind) for li in entries]

    best: list[HtmlElement] = []
    best_score = 0
    for parent, members in _sibling_groups(thread):
        if len(members) < 2 and not (len(members) == 1 and parent is thread or len(members) == 1 and parent.getparent() is thread):
            continue
        score = sum(1 for m in members if looks_like_record(_members(m)))
        if score > best_score and score * 2 >= len(members):
            best, best_score = members, score
    found = _with_replies(_around_replies(_with_link_backs([m for m in best if looks_like_record(_members(m))]),
                                          thread))
    if not found:
        return _name_led_run(thread)
    return [Record(m, key=_key(m), members=_members(m), in_run=len(best) > 1) for m in found]


def _with_link_backs(members: list[HtmlElement]) -> list[HtmlElement]:
    """``members`` (siblings, in document order) and the siblings of their tag that are
    another site's link to the post (:func:`archiver.parsers.record.link_back_kind`), in
    order: a pingback stands in the thread's list in a shape of its own (no picture, no
    date, a class of its own), where the run's shape does not take it."""
    parent = members[0].getparent() if members else None
    if parent is None:
        return members
    taken = set(members)
    kids = [kid for kid in parent.iterchildren(members[0].tag) if kid in taken or link_back_kind(kid)]
    return kids if len(kids) > len(members) else members


def _sibling_groups(thread: HtmlElement) -> Iterator[tuple[HtmlElement, list[HtmlElement]]]:
    """Each group of siblings under ``thread`` (six levels down) that may form a run, with
    their parent: those of one shape, and besides them those that share the token most of
    them carry and differ in those marking every other one or a few ("alt", "by-author", in
    whatever words a theme uses)."""
    stack = [(thread, 0)]
    while stack:
        parent, depth = stack.pop()
        groups: dict[tuple, list[HtmlElement]] = {}
        by_tag: dict[str, list[HtmlElement]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _RUN_TAGS and not _names_a_part(child):
                groups.setdefault(signature(child), []).append(child)
                by_tag.setdefault(child.tag, []).append(child)
            if isinstance(child.tag, str) and depth < 6 and len(child):
                stack.append((child, depth + 1))
        others = [group for kids in by_tag.values() if len(kids) >= 2 and len(groups) > 1
                  for group in alike(kids, signature, bare_rest=True) if len(group) > 1]
        for members in [*groups.values(), *others]:
            yield parent, members


def _name_led_run(thread: HtmlElement) -> list[Record]:
    """The records of a thread whose comments show no date and no "says": a run of three
    or more same-shape siblings, two thirds of them or more opening with a line that
    holds a name and nothing else, then the comment's words. The name lines are of one
    shape throughout and name more than one commenter (a run of "Reply" buttons, or of
    one label, names nobody)."""
    best: list[tuple[HtmlElement, HtmlElement]] = []
    for _parent, members in _sibling_groups(thread):
        if len(members) < 3:
            continue
        led = [(m, line, rest) for m in members if (found := _name_line(m)) is not None for line, rest in [found]]
        if len(led) < 3 or len(led) * 3 < len(members) * 2 or len(led) <= len(best):
            continue
        if len({signature(line) for _m, line, _rest in led}) == 1 and (
                len({inline_text(line) for _m, line, _rest in led}) > 1
                and sum(rest >= 20 for _m, _line, rest in led) * 2 >= len(led)):
            best = [(m, line) for m, line, _rest in led]
    if not best:
        return []
    lines = dict(best)
    _shared, lead = _shared_tokens(list(lines))
    line_shape = signature(best[0][1])
    for member in list(lines):  # replies nested in a record: of its tag and first token, with a name line of the run's shape
        for reply in member.iterdescendants(member.tag):
            if reply not in lines and (lead in signature(reply)[1] if lead else not signature(reply)[1]) \
                    and not _body_of(reply, member) \
                    and (found := _name_line(reply)) is not None and signature(found[0]) == line_shape:
                lines[reply] = found[0]
    return [Record(m, key=_key(m), in_run=True, name_line=lines[m]) for m in document_order(list(lines))]


def _name_line(record: HtmlElement) -> tuple[HtmlElement, int] | None:
    """The record's first line when it holds a name alone (a short run of words that is
    no date, button or counter, in an element of its own, not a link into the site) and
    words follow it, with the length of those words; else None."""
    for el in record.iterdescendants():
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        shown = inline_text(el) if not any(isinstance(kid.tag, str) and kid.tag != "br" for kid in el) else ""
        if not shown:
            if (el.text or "").strip():
                return None  # words beside elements: the record opens with prose, not a name line
            continue
        if not _name_alone(shown) or (el.tail or "").strip():
            return None
        if el.tag == "a" and not (el.get("href") or "").startswith(("http", "//")):
            return None  # a link into the site: a teaser's title, not a commenter
        rest = len(" ".join(record.text_content().split())) - len(" ".join(el.text_content().split()))
        return (el, rest) if rest > 1 else None
    return None


def _name_alone(shown: str) -> bool:
    """Whether a line's words are a name and nothing else: a short run of words that is
    no date, button, counter or label ("Reply to:")."""
    name = clean_author(shown)
    return bool(name) and len(name) <= 40 and len(name.split()) <= 4 and plausible_name(name) \
        and not name.endswith(":")


def _around_replies(found: list[HtmlElement], thread: HtmlElement) -> list[HtmlElement]:
    """The run of the comments that hold ``found``, when ``found`` are the replies of a
    single comment: the only run of more than one record in a thread with one comment
    that was answered is its replies, and that comment (an element of their tag that
    shares their first class token and is a record without them) and its siblings of its
    shape are the run."""
    if not found:
        return found
    tag = found[0].tag
    shared, _lead = _shared_tokens(found)
    holder = None
    for ancestor in found[0].iterancestors():
        if ancestor is thread:
            break
        if ancestor.tag != tag:
            continue
        tokens = set(signature(ancestor)[1])
        if (not tokens.isdisjoint(shared) if shared else not tokens) and all(
                within(m, ancestor) for m in found) and looks_like_record([ancestor], set(found)):
            holder = ancestor
    if holder is None:
        return found
    parent = holder.getparent()
    tokens = set(signature(holder)[1])
    return [kid for kid in parent if kid.tag == tag and (not tokens.isdisjoint(signature(kid)[1]) if tokens else
                                                           not signature(kid)[1])
            and looks_like_record(_members(kid))]


_FEW_NAMED = 3  # named records few enough that a run found by shape may outnumber them
_OUTNUMBERED = 6  # records such a run holds at least (and three times the named ones)
_KEYED_ID = re.compile(r"(?P<prefix>[^\W\d]+(?:[-_][^\W\d]+)*)[-_]?\d{3,}")  # "comment-204888", "c12345"
_UNDATED_RUN = 3  # records of a run found by their keys alone, at least
_NAME_LINE_TAGS = frozenset({"div", "p", "span", "a", "b", "strong", "cite", "dt", "h5", "h6"})


def _lone_name_line(members: list[HtmlElement]) -> HtmlElement | None:
    """The record's first or last line when it is a name alone (a few words, no date,
    on a line of its own) and the record shows words besides it; None for a teaser (a
    heading, a link of a headline's length)."""
    own = own_elements(members)
    lines: list[HtmlElement] = []
    for el in own.elements:
        if el.tag in ("h1", "h2", "h3", "h4") or el.tag == "a" and len(inline_text(el)) > 40:
            return None
        if own.part.get(el) is Role.DATE or el.get("datetime"):
            return None  # a record that shows a date is no undated one: the other finders judge it
        if el.tag in _NAME_LINE_TAGS and (el.text or "").strip():
            if len(el.text) <= _MAX_DATE_LINE and (looks_like_date(shown := inline_text(el)) or _CLOCK.search(shown)):
                return None
            lines.append(el)
    if len(lines) < 2:
        return None
    whole = len(collapse(" ".join(inline_text(m) for m in members)))
    for el in (lines[0], lines[-1]):
        shown = inline_text(el)
        if not _name_alone(shown) or looks_like_date(shown):
            continue
        line = el
        while (parent := line.getparent()) is not None and not any(parent is m for m in members) \
                and collapse(inline_text(parent)) == collapse(shown):
            line = parent  # (the name's own block: "<span><a>NAME</a></span>")
        if whole - len(collapse(shown)) >= _UNDATED_WORDS and alone(line):
            return line
    return None


_UNDATED_WORDS = 20  # characters a record shows besides its name, at least
_MAX_DATE_LINE = 120
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d+\s+\w+\s+ago\b", re.IGNORECASE)  # "( 2:26 PM)", "29 seconds ago"
_NUMBER = re.compile(r"#?\s*\d{1,5}\.?")  # a comment's number as its permalink ("1", "#12")
_ID_NUMBER = re.compile(r"(?<!\d)\d{3,}$")  # the number an id ends with ("comment-137405")
_QUERY_NUMBER = re.compile(r"[?&][\w-]+=(\d{3,})(?=&|$)")  # a number a query gives ("?replytocom=137405")


def _shared_tokens(members: list[HtmlElement]) -> tuple[set[str], str | None]:
    """The class tokens of :func:`signature` every member of a run carries, and the first
    of them in the first member's classes ("comment" of "comment even thread-even"): not
    those that alternate between members or mark a top-level record (odd/even, "parent"),
    which a theme may name in any words."""
    shared = set.intersection(*(set(signature(m)[1]) for m in members))
    lead = next((token for token in (members[0].get("class") or "").split() if token in shared), None)
    return shared, lead


def _with_replies(found: list[HtmlElement], same_shape: bool = False) -> list[HtmlElement]:
    """The members of a run and, in document order among them, the replies of their
    shape nested in them (cnet's ``dl.thread`` inside a ``dl``) or in an indented box
    right after the record they answer (``div.ml-6`` after ``div.flex.items-start``).
    Nested elements of the members' tag are replies; with ``same_shape``, only those that
    carry the first class token every member carries too (a run found by shape alone: its
    records' header lines are record-like ``div`` elements inside them)."""
    if not found:
        return found
    tag = found[0].tag
    shared, lead = _shared_tokens(found)

    heads = {signature(head) for m in found if (head := _first_child(m)) is not None}

    def of_shape(el: HtmlElement) -> bool:
        tokens = signature(el)[1]
        if lead in tokens if lead else signature(el) == signature(found[0]):
            return True
        # a reply named its own way ("comment-child" beside "comment") that still shares a
        # token with the run and opens with the records' own header
        head = _first_child(el)
        return head is not None and signature(head) in heads and (not shared or not shared.isdisjoint(tokens))

    nested = [d for m in found for d in m.iterdescendants(tag) if looks_like_record(_members(d))
              and not _body_of(d, m) and (of_shape(d) if same_shape else _more_than_a_line(d))
              and not _head_row(d, m)]
    # (a list after a list item is its replies, "<li>…</li><ol>…</ol>"; after other records, a
    # list may be anything)
    for box in _boxes_after(found):
        if box.tag in ("ul", "ol") and tag != "li":
            continue
        inside = [d for d in box.iterdescendants(tag) if of_shape(d) and looks_like_record(_members(d))]
        if inside and (_reply_list(box) or _records_only(box, inside)):
            nested += inside
    return document_order(list(dict.fromkeys(found + nested)))


def _records_only(box: HtmlElement, records: list[HtmlElement]) -> bool:
    """Whether all that ``box`` shows is in ``records`` (records of the run's shape): a box
    of replies after the comment they answer, whatever its name ("div.indented")."""
    taken = set(records)
    outer = [r for r in records if not any(a in taken for a in r.iterancestors())]
    shown = len(collapse(box.text_content()))
    return shown > 0 and sum(len(collapse(r.text_content())) for r in outer) * 10 >= shown * 9


def _head_row(inner: HtmlElement, record: HtmlElement) -> bool:
    """Whether ``inner``, record-like inside a record, is that record's head row (its
    name and date, its buttons) above its text: without it the record shows no name or
    date, and more words than it does. A reply leaves the record it answers a record, and
    the box around a lone record shows little besides it."""
    rest = len(collapse(record.text_content())) - len(collapse(inner.text_content()))
    return rest > len(collapse(inner.text_content())) and not looks_like_record(_members(record),
                                                                                {inner, *_records_after(inner, record)})


def _records_after(inner: HtmlElement, record: HtmlElement) -> list[HtmlElement]:
    """The record-like elements of ``inner``'s tag that follow it inside ``record``: the
    replies nested in a record, whose names and dates are theirs, not the record's."""
    found: list[HtmlElement] = []
    passed = False
    for el in record.iterdescendants(inner.tag):
        if el is inner:
            passed = True
        elif passed and not within(el, inner) and not any(within(el, kept) for kept in found) \
                and looks_like_record(_members(el)):
            found.append(el)
    return found


def _more_than_a_line(el: HtmlElement) -> bool:
    """Whether ``el`` may be a reply, not one of a list of short lines, the record's own
    footer ("<li>2011-04-12 09:00:42 AM</li>", "<li>Posted by: NAME</li>" beside "<li>Report
    this comment</li>"): it shows a reply's name or date and its words, or it stands beside
    a sibling that does (a header row of a date over the entry it heads)."""
    if len(collapse(el.text_content())) >= _REPLY_TEXT:
        return True
    parent = el.getparent()
    return parent is not None and any(kid is not el and isinstance(kid.tag, str)
                                      and len(collapse(kid.text_content())) >= _REPLY_TEXT for kid in parent)


_REPLY_TEXT = 40  # characters a nested reply shows at least, its name and date lines with its words


def _first_child(el: HtmlElement) -> HtmlElement | None:
    """``el``'s first child element, skipping comments and processing instructions."""
    return next((kid for kid in el if isinstance(kid.tag, str)), None)


def _body_of(inner: HtmlElement, record: HtmlElement) -> bool:
    """Whether ``inner`` shows nearly all of ``record``'s text: its body column (the
    name, date and text beside an avatar), not a reply inside it. (A long reply under a
    comment of two words also shows nearly all of its text; the comment shows its own
    date before the reply, where the record around a body column shows none before it,
    a "Posted by: NAME at DATE" line after it at most.)"""
    whole_text = record.text_content().strip()
    inner_text = inner.text_content().strip()
    if not whole_text or len(inner_text) * 10 < len(whole_text) * 9:
        return False
    before = whole_text.split(inner_text, 1)[0]  # (inner_text is not empty: it holds nine tenths)
    return not looks_like_date(collapse(before))


def _boxes_after(members: list[HtmlElement]) -> list[HtmlElement]:
    """The element right after each member of a run, when it is no member itself: a box
    of replies shown after the comment they answer."""
    taken = set(members)
    boxes = []
    for member in members:
        following = member.getnext()
        while following is not None and not isinstance(following.tag, str):
            following = following.getnext()
        if following is not None and following not in taken:
            boxes.append(following)
    return boxes


_PARTS = PARTS | {Role.NOISE}  # (a title, a form or a counter is no record either)

# A heading that names the thread, alone or with its count: "Comments", "12 Comments",
# "Comentários", "Reacties (8)", "Kommentare: 3"; not "Leave a comment" or "Recent comments".
_THREAD_WORDS = (r"comments?|comentários?|comentarios?|commentaires?|commenti|kommentare?|komentarze?|"
                 r"komentáře|kommentarer|kommentit|reacties|reactions?|responses?|replies|antworten|réponses|"
                 r"respuestas|risposte|yorumlar|комментарии|коментарі|コメント|评论|評論|留言|댓글")
_COUNT = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|ein|eine|zwei|drei|une?|deux|trois|uno|una|dos|"
          r"tres|um|uma|duas)")
# Whose comments a heading says they are: "User comments", "Commenti degli utenti",
# "Kommentare der Leser", "Reader Comments".
_READERS = r"(?:users?|readers?|leser(?:innen)?|utenti|lettori|usuarios|lectores|utilisateurs|lecteurs|usuários|leitores)"
_THREAD_HEADING = re.compile(
    rf"[\s(\[]*(?:{_COUNT}\s+|\d*)\s*(?:{_READERS}['’]?s?\s+)?(?:{_THREAD_WORDS})"
    rf"(?:\s+(?:(?:of|from|by|der|von|degli|dei|dos|das|de|des|du)\s+)?(?:the\s+|los\s+|les\s+)?{_READERS})?"
    rf"\s*[:(\[]?\s*\d*\s*[)\]]?\s*",
    re.IGNORECASE,
)
# The count and the post's title, as WordPress's themes head a thread: "7 thoughts on
# “Lemon Risotto”", "One Response to “…”", "3 Kommentare zu „…“", "2 réponses à « … »".
_THREAD_ON_POST = re.compile(
    rf"\s*{_COUNT}\s+(?:thoughts?|{_THREAD_WORDS})\s+(?:on|to|for|zu|auf|über|sur|à|en|a|para|sobre|su|op|bij)\s+\S.*",
    re.IGNORECASE,
)
_HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")


def _headed_run(tree: HtmlElement, excluded) -> list[Record]:
    """Records of a thread no name marks, found under the heading that names it: a run
    of same-shape siblings (:func:`_runs`) after a "Comments" heading, in the nearest of
    the heading's first three ancestors that holds one. For pages whose markup names
    nothing (utility-class styles: ``div.flex.items-start`` entries under ``h5``
    "Comentários")."""
    for heading in tree.iter(*_HEADING_TAGS):
        text = " ".join(heading.text_content().split())
        if not (len(text) <= 40 and _THREAD_HEADING.fullmatch(text) or len(text) <= 200 and _THREAD_ON_POST.fullmatch(text)) \
                or excluded(heading):
            continue
        for holder in list(heading.iterancestors())[:3]:
            found = [r for r in _runs(holder) if _after(heading, r.element)]
            if found:
                return found
    return []


_PING_HEADING = re.compile(
    r"\W*(?:\d+\s*)?(trackbacks?|pingbacks?|pings)(?:\s*(?:/|&|and|und|et|y|\+)\s*(trackbacks?|pingbacks?))?"
    r"\s*(?:\(\d+\))?\W*", re.IGNORECASE)
_PING_TEXT = etree.XPath("//text()[contains(., 'rackback') or contains(., 'ingback') or contains(., 'RACKBACK') "
                         "or contains(., 'INGBACK')]")  # (any case of the two words; cheaper than translate())
_PING_HEADING_LENGTH = 40
_PING_LIST_REACH = 3  # the heading's box and two around it: "<div><p>{ 1 trackback }</p></div><ul>"


def _may_show_link_backs(body: bytes) -> bool:
    """Whether the page's bytes hold "trackback" or "pingback" (capitalised or not) other
    than in WordPress's ``<link rel="pingback">``: a cheap test before the text is walked
    (substring counts, far faster than a search without case; a line in capitals is one
    by its style, not its bytes)."""
    if b"rackback" in body:
        return True
    pings = body.count(b"ingback")
    return pings > 0 and pings > body.count(b'rel="pingback"') + body.count(b"rel='pingback'")


def _headed_link_backs(tree: HtmlElement, records: list[Record], excluded) -> list[Record]:
    """Entries of a list shown under a line that says what they are ("Trackbacks/Pingbacks",
    "{ 1 trackback }", "3 Pingbacks"), each holding a link: other sites' links to the post,
    listed apart from the comments (Divi, Thesis), of the kind the line names ("pingback"
    where it names both). Lists already read as records, and those in places no thread
    is, give none."""
    taken = {m for r in records for m in r.members}
    found: list[Record] = []
    for piece in _PING_TEXT(tree):
        holder = piece.getparent()
        if holder is None:
            continue
        if piece.is_tail:
            holder = holder.getparent()
        heading = None
        for el in (holder, *list(holder.iterancestors())[:2]):
            text = collapse(el.text_content())
            if len(text) > _PING_HEADING_LENGTH:
                break
            if (match := _PING_HEADING.fullmatch(text)) is not None:
                heading = el
                break
        if heading is None or excluded(heading):
            continue
        listed = _list_after(heading)
        if listed is None or listed in taken:
            continue
        named = {w.lower().rstrip("s") for w in match.groups() if w}
        kind = "trackback" if named == {"trackback"} else "pingback"
        for entry in listed.iterchildren("li"):
            if entry not in taken and next(entry.iter("a"), None) is not None and entry.text_content().strip():
                taken.add(entry)
                found.append(Record(entry, key=_key(entry), kind=kind))
    return found


def _list_after(heading: HtmlElement) -> HtmlElement | None:
    """The list that follows ``heading``, or its box (three levels up), with nothing of
    its own between them."""
    for el in (heading, *list(heading.iterancestors())[:_PING_LIST_REACH - 1]):
        after = el.getnext()
        while after is not None and (not isinstance(after.tag, str) or after.tag in SKIP_TAGS):
            after = after.getnext()
        if after is not None:
            return after if after.tag in ("ul", "ol") else None
    return None


def _words_beside(record: HtmlElement, name: HtmlElement, link: HtmlElement) -> bool:
    """Whether a child of ``record`` that holds neither the name nor the reply link shows
    words that are no date: a comment's text beside its name-and-date line, however short."""
    from archiver.dates import looks_like_date
    from archiver.parsers.text import inline_text

    for child in record:
        if not isinstance(child.tag, str) or child.tag in SKIP_TAGS:
            continue
        if any(a is child for a in name.iterancestors()) or any(a is child for a in link.iterancestors()) \
                or child is name or child is link:
            continue
        words = inline_text(child).strip()
        if words and not looks_like_date(words):
            return True
    return False


_REPLY_LINKS = fast_xpath("//a[@aria-label or @data-replyto]")
_MAX_CLIMB = 8  # levels from a reply link up to its record


def _records_by_reply_links(tree: HtmlElement, excluded) -> list[Record]:
    """Records of a thread no name marks, found from WordPress's reply links ("Reply to
    NAME", in the site's language): each record is the nearest element around its reply
    link that shows that name on a line of its own, and reads as a record. A thread of one
    comment, which no run of records shows, is found too."""
    found: list[tuple[HtmlElement, HtmlElement]] = []  # (record, its reply link)
    for link in _REPLY_LINKS(tree):
        name = answered_name(link)
        if not name:
            continue
        shown: HtmlElement | None = None
        for level, up in enumerate(link.iterancestors()):
            if level >= _MAX_CLIMB or up.tag in ("body", "html", "form"):
                break
            shown = shown if shown is not None else next(
                (el for el in up.iter() if isinstance(el.tag, str) and el is not link and shows_name(el, name)), None)
            # (the name's line is no record; a short comment, "❤️", is one beside its line)
            if shown is not None and up.tag in RECORD_TAGS and (looks_like_record(_members(up))
                                                                or _words_beside(up, shown, link)):
                parent = up.getparent()
                if parent is not None and parent.tag in RECORD_TAGS and level + 1 < _MAX_CLIMB \
                        and _head_row(up, parent):
                    continue  # the record's head row (name, date and the reply link above the text)
                if not excluded(up):
                    found.append((up, link))
                break
    if not found:
        return []
    # (an element that holds another comment's record before its own reply link holds that
    # comment and more: no one comment)
    position = {el: i for i, el in enumerate(tree.iter())}
    records = {el for el, _ in found}
    unique = document_order(list(dict.fromkeys(
        el for el, link in found
        if not any(other is not el and position[other] < position[link] and any(a is el for a in other.iterancestors())
                   for other in records))))
    unique = document_order(unique + _like_records_without_reply_links(tree, unique, excluded))
    return [Record(el, key=_key(el), members=_members(el), in_run=True) for el in unique]


def _like_records_without_reply_links(tree: HtmlElement, found: list[HtmlElement], excluded) -> list[HtmlElement]:
    """Records of the one shape (tag and classes) that all of ``found``, two or more,
    share, which hold no reply link: the deepest replies of a thread, to which WordPress
    shows none (its "thread_comments_depth"), and comments closed to replies. (Records
    of several shapes were found at several levels of the records: no one shape to go by.)"""
    shapes = {signature(el) for el in found}
    if len(found) < 2 or len(shapes) != 1:
        return []
    shape = shapes.pop()
    if not shape[1]:
        return []  # (no class: every element of the tag would be of its shape)
    taken = set(found)
    around = {a for el in found for a in el.iterancestors()}
    return [el for el in tree.iter(shape[0]) if el not in taken and el not in around and signature(el) == shape
            and not excluded(el) and looks_like_record(_members(el))]


def _after(first: HtmlElement, el: HtmlElement) -> bool:
    """Whether ``el`` comes after ``first`` in document order (and is not inside it)."""
    return el is not first and first not in el.iterancestors() and document_order([first, el])[0] is first


def _names_a_part(el: HtmlElement) -> bool:
    """Whether ``el``'s class or id names a part of a record (``li.submitted``, the post's
    "Author: NAME, Datum: …" line in a list named "comments details"), which no record is."""
    return (bool(el.get("class")) or bool(el.get("id"))) and _attr_role(el) in _PARTS


def _members(el: HtmlElement) -> list[HtmlElement]:
    """A ``dt`` record and the ``dd`` elements after it; any other record alone."""
    if el.tag != "dt":
        return [el]
    members = [el]
    follower = el.getnext()
    while follower is not None and (not isinstance(follower.tag, str) or follower.tag == "dd"):
        if isinstance(follower.tag, str):
            members.append(follower)
        follower = follower.getnext()
    return members


# -- runs and segments that no record name marks --------------------------------------

_WEAK_COMMENT_WORDS = frozenset({"com", "coms", "cmnt", "cmnts", "kom", "respon", "response", "reaction"})
_WEAK_HINT = re.compile(r"com|cmnt|kom|respon|reaction", re.IGNORECASE)


def _unnamed_runs(index, records: list[Record], excluded, weak_ids: bool = True) -> list[Record]:
    """Records no name marks as one comment, found by their shape:

    * a run of two or more siblings of one shape whose names speak of comments but as
      something else (Movable Type's ``div.commentbody``, ``div.coms``), each with text
      and a date or a name line; a named "record" that holds such a run and little else
      is the thread around it, not a comment;
    * segments of a flat list between anchors that carry comment ids (old TypePad and
      Movable Type: ``<a id="c655…"></a><p>text</p><p class="posted">Posted by: …</p>``).
    """
    members_of: dict[HtmlElement, Record] | None = None  # built when a run needs it (few pages have one)
    groups: dict[tuple, list[HtmlElement]] = {}
    for token in index.tokens:
        if not _may_name_run(token):
            continue
        for el in index.with_class(token):
            if el.tag not in RECORD_TAGS:
                continue
            unit = _lift(el)
            parent = unit.getparent()
            if parent is not None:
                groups.setdefault((parent, unit.tag, token), []).append(unit)
    found: list[Record] = []
    taken: set[HtmlElement] = set()
    for (parent, _tag, _token), members in groups.items():
        members = [m for m in dict.fromkeys(members) if m not in taken]
        if len(members) < 2 or excluded(members[0]):
            continue
        if members_of is None:
            members_of = {el: r for r in records for m in r.members for el in m.iter()}
        holder = members_of.get(members[0])
        if holder is not None and (holder.element in members or not _holds_little_else(holder, members)):
            continue  # parts of a comment that is already read
        good = [m for m in members if looks_like_record([m])]
        if len(good) * 3 < len(members) * 2:
            continue
        if holder is not None and holder in records:
            records.remove(holder)
        found += [Record(m, key=_key(m) or _inner_key(m), in_run=True) for m in good]
        for m in good:
            taken.update(m.iter())
    inside = {el for r in records for m in r.members for el in m.iter()} | taken
    found += _anchor_segments(index, inside, excluded, weak_ids)
    return found


@lru_cache(maxsize=8192)
def _may_name_run(token: str) -> bool:
    """Whether a class token may name the members of an unnamed run: it speaks of
    comments, but not as a record, an action, an avatar or noise (a "thread" name on each
    of a run of records is a name misread: the run decides). Remembered per token."""
    if not may_name_comments(token) and not _WEAK_HINT.search(token):
        return False
    if not any(w in COMMENT_WORDS or w in _WEAK_COMMENT_WORDS for w in words(token)):
        return False
    return class_role(token) not in (Role.NOISE, Role.ACTION, Role.RECORD, Role.AVATAR)


def _lift(el: HtmlElement) -> HtmlElement:
    """The element itself, or the wrapper it is the only content of (``div#c109620 >
    div.comment-body``): the unit that repeats."""
    unit = el
    for _ in range(2):
        parent = unit.getparent()
        if parent is None or parent.tag in ("body", "html") or (parent.text or "").strip():
            break
        if any(c is not unit and isinstance(c.tag, str) and c.tag not in SKIP_TAGS and _shows_text(c) for c in parent) \
                or any((c.tail or "").strip() for c in parent):
            break
        unit = parent
    return unit


def _shows_text(el: HtmlElement) -> bool:
    """``bool(el.text_content().strip())``, stopping at the first piece of text that shows
    any (``itertext`` gives the pieces ``text_content`` joins): a comment's text beside a
    wrapper need not be copied whole to tell it is there."""
    for piece in el.itertext():
        if piece.strip():
            return True
    return False


def _holds_little_else(record: Record, members: list[HtmlElement]) -> bool:
    """Whether the text of ``record`` is nearly all inside ``members``."""
    total = sum(len(m.text_content()) for m in record.members)
    inner = sum(len(m.text_content()) for m in members)
    return total - inner <= max(200, total // 5)


def _inner_key(el: HtmlElement) -> str | None:
    """A record id on an element inside ``el`` (Movable Type puts ``#c970981`` on the text)."""
    for child in el.iterdescendants():
        value = child.get("id") if isinstance(child.tag, str) else None
        if value:
            role, key, _weak = id_role(value)
            if role is Role.RECORD and key:
                return key
    return None


def _anchor_segments(index, inside: set[HtmlElement], excluded, weak_ids: bool = True) -> list[Record]:
    """Records of flat lists: a parent whose children carry comment ids (``a#c655…``,
    ``div#c115775``) two or more times, each record running from one id to the next (an
    empty anchor itself left out); the last one ends where the others' last shape ends.
    Without ``weak_ids``, ids that only may name a comment ("c115775") are passed over."""
    parents: dict[HtmlElement, list[HtmlElement]] = {}
    for value, elements in index.ids.items():
        role, key, weak = id_role(value)
        if role is not Role.RECORD or key is None or weak and not weak_ids:
            continue
        for start in elements:
            if start in inside or not (_empty_anchor(start) or start.tag in RECORD_TAGS):
                continue
            parent = start.getparent()
            if parent is not None:
                parents.setdefault(parent, []).append(start)
    found: list[Record] = []
    for parent, starts in parents.items():
        if len(starts) < 2 or excluded(parent):
            continue
        children = [c for c in parent if isinstance(c.tag, str)]
        opening = {id(a) for a in starts}
        segments: list[list[HtmlElement]] = []
        for child in children:
            if id(child) in opening:
                segments.append([child])
            elif segments:
                segments[-1].append(child)
        if len(segments) > 1:
            ending = signature(segments[-2][-1])
            last = segments[-1]
            cut = next((i for i, el in enumerate(last) if i and signature(el) == ending), None)
            segments[-1] = last[: cut + 1] if cut is not None else last[:1]
        for segment in segments:
            body = segment[1:] if _empty_anchor(segment[0]) else segment
            if body and not any(el in inside for el in body) and looks_like_record(body):
                key = id_role(segment[0].get("id") or segment[0].get("name") or "")[1] or _key(body[0])
                found.append(Record(body[0], key=key, members=body, in_run=True))
    return found
