"""Reader comments of any blog as a threaded list of Comment items.

:mod:`archiver.parsers.thread` finds the records of the page's thread and how they nest;
:mod:`archiver.parsers.record` reads each record's author, date and text by what they
are. This module turns records into :class:`~archiver.items.Comment` items: ids from the
markup (``comment-<key>``) or a content hash, parents and depths from nesting or
``depth-N`` classes, pingback and trackback kinds, and no item for a record without text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from archiver.dates import date_span, looks_like_date, parse_date_in
from archiver.items import Comment, CommentKind, content_id
from archiver.page import Page
from archiver.parsers.base import CommentContext
from archiver.parsers.datetext import in_nearest_offset, same_minute, shows_time_of, zoned
from archiver.parsers.record import (
    COUNTER,
    clean_author,
    find_author,
    find_date,
    find_text,
    kind_of,
    link_back_kind,
    meta_line,
    named_as_reply,
    never_text,
    number_badges,
    only_actions,
    own_elements,
    says,
    shared_line,
    shows_only_when,
)
from archiver.parsers.hints import Role, words
from archiver.parsers.opener import follows_the_headline, opening_record
from archiver.parsers.text import PERSONAL_PATH, collapse, goes_somewhere, inline_text, is_hidden, may_begin_with
from archiver.parsers.thread import CommentIndex, Record, signature

__all__ = ["CommentIndex", "clean_author", "declared_count", "extract_comments", "heads_another_post",
           "take_opening_post"]


def extract_comments(page: Page, context: CommentContext) -> list[Comment] | None:
    """All comments on the page in document order, or None if the page has no thread."""
    index = context.index if isinstance(context.index, CommentIndex) else CommentIndex(page)
    if not index.records:
        return None
    comments: list[Comment] = []
    by_record: dict[Record, Comment | None] = {}
    by_id: dict[str, Comment] = {}
    stack: list[Comment] = []  # last comment seen at each depth, for depth-class threading
    shapes: dict[str, tuple] = {}
    shown_utc: set[int] = set()  # comments whose visible time is their UTC time (by id())
    index.hollow = 0
    for record in index.records:
        comment = _read(page, record, index, context, shown_utc)
        if comment is _HOLLOW and _continue_record(record, index):
            comment = _read(page, record, index, context, shown_utc)
        if comment is _HOLLOW:  # a comment whose only words are its title (SB Nation, Slashdot)
            comment = _read(page, record, index, context, shown_utc, titled=True)
        if comment is None or comment is _HOLLOW:
            index.hollow += comment is _HOLLOW
            by_record[record] = _parent_comment(record, by_record)  # its replies go to its parent
            continue
        earlier = by_id.get(comment.id)
        if earlier is not None and (earlier.text, earlier.author) == (comment.text, comment.author):
            by_record[record] = earlier  # the same comment shown twice: emitted once, replies attach to it
            continue
        if earlier is not None:  # distinct comments that bad markup gave one id: both kept
            comment.id = _free_id(comment.id, by_id)
        parent = _parent_comment(record, by_record)
        if parent is not None:
            comment.parent_id = parent.id
            comment.depth = parent.depth + 1
        elif record.depth_class and record.depth_class > 1:
            comment.depth = record.depth_class
            del stack[record.depth_class - 1:]
            comment.parent_id = stack[-1].id if stack else None
        else:
            comment.depth = 1
        del stack[comment.depth - 1:]
        stack.append(comment)
        by_record[record] = comment
        by_id[comment.id] = comment
        comments.append(comment)
        shapes[comment.id] = signature(record.element)
    _share_offset(comments, shown_utc)
    return _without_strays(comments, shapes)


def take_opening_post(page: Page, index: CommentIndex, languages: tuple[str, ...] | None) -> Comment | None:
    """The opening post of a forum-style thread (:mod:`archiver.parsers.opener`), read as
    a comment would be and taken out of ``index``, so that the header layers see it as
    the post; None, and the index left alone, when no record stands where the post
    would, or the one that does shows no name, date and text of its own."""
    record = opening_record(page.tree, index.records)
    dated = record is None  # (else: told apart by where it stands)
    if dated:  # or the first record, right after the headline, shows the moment the page declares the post published
        record = _first_of_a_list(index.records)
        if record is None or not follows_the_headline(page.tree, record.element) or not (declared := _declared_time(page)):
            return None
    kept = index.records, index.entries, index.entry_set
    index.drop(record)  # (its parts that looked like records of their own are read with it)
    read = _read(page, record, index, CommentContext(article_url=page.url, date_languages=languages), set())
    if read is None or read is _HOLLOW or not (read.author and read.published and read.kind == "comment") \
            or dated and not same_minute(read.published, declared):
        index.records, index.entries, index.entry_set = kept
        return None
    return read


def without_leading_meta(text: str, author: str | None, languages: tuple[str, ...] | None,
                         reference: str | None) -> str:
    """The text without the pieces of a name-and-date line it opens with: lines that are
    a connector word left from the date line ("at", "um"), "NAME says:", or a date with a
    label ("Posted on 7/31 at 12:44PM", "13. April 2017 um 13:45"). Where the meta line's
    elements were not told apart, their words come first; a comment's own words never
    are a date alone. A text of nothing else is left as it is (its record is no comment)."""
    lines = text.split("\n")
    start = 0
    while start < len(lines):
        if len(lines[start]) > 2 * _MAX_META_PIECE:
            break  # (most texts open with a line of words: no need to read it)
        line = collapse(lines[start])
        if line and not _meta_piece(line, author, languages, reference):
            break
        start += 1
    if start == 0 or start == len(lines):
        return text
    return "\n".join(lines[start:]).strip("\n")


_CONNECTOR = re.compile(r"(?:at|um|à|on|le|am|el|il|om|op|kl\.?|@|-|–|\|)", re.IGNORECASE)  # (not "a", "o": words of their own)
_MAX_META_PIECE = 60


def _meta_piece(line: str, author: str | None, languages: tuple[str, ...] | None, reference: str | None) -> bool:
    """Whether a line is a piece of the name-and-date line (:func:`without_leading_meta`)."""
    if len(line) > _MAX_META_PIECE:
        return False
    if _CONNECTOR.fullmatch(line):
        return True
    if author and line.startswith(author) and says(line[len(author):]):
        return True  # "wortgerinnsel sagt:"
    words = [word for word in line.split() if not any(c.isdigit() for c in word)]
    if len(words) > _LABEL_WORDS or not (looks_like_date(line) or _CLOCK.search(line)):
        return False  # (the cheap tests first: most first lines are words)
    span = date_span(line, languages=languages, reference=reference)
    if span is not None:
        return len((line[: span[0]] + " " + line[span[1]:]).split()) <= _LABEL_WORDS
    return parse_date_in(line, languages=languages, reference=reference) is not None  # ("Posted on 7/31 at 12:44PM")


_LABEL_WORDS = 3  # words beside a date on a date line ("Posted on … at")
_CLOCK = re.compile(r"\d{1,2}[:.h]\d{2}|\d\s*[ap]\.?m\b", re.IGNORECASE)


def _first_of_a_list(records: list[Record]) -> Record | None:
    """The first record, when it opens a list of three or more at the top level."""
    if len(records) < 3 or records[0].parent is not None or sum(1 for r in records if r.parent is None) < 3:
        return None
    return records[0]


def _declared_time(page: Page) -> str | None:
    from archiver.parsers.metadata import declared_time  # (metadata reads this module's comments)

    return declared_time(page)


def _share_offset(comments: list[Comment], shown_utc: set[int]) -> None:
    """Comments stamped in UTC whose own element showed no time to read the zone from
    (a year-less "Le 9 janvier à 13:06", a display bug) in the offset the thread's other
    comments revealed; a comment that shows its UTC time as its time keeps it."""
    revealed = zoned(c.published for c in comments)
    if not revealed:
        return
    for comment in comments:
        if id(comment) not in shown_utc:
            comment.published = in_nearest_offset(comment.published, revealed)


def _without_strays(comments: list[Comment], shapes: dict[str, tuple]) -> list[Comment]:
    """Without elements that only looked like comments: in a thread whose comments show
    dates, one with neither a date nor an id of its own and of a shape no dated comment
    has (an author box named "Comment" beside ``li.comment`` records)."""
    dated = {shapes.get(c.id) for c in comments if c.published}
    if not dated:
        return comments
    strays = {c.id for c in comments if not c.published and c.id.startswith("h-") and c.kind == "comment"
              and shapes.get(c.id) not in dated}
    if not strays:
        return comments
    kept = [c for c in comments if c.id not in strays]
    for comment in kept:
        if comment.parent_id in strays:
            comment.parent_id, comment.depth = None, 1
    return kept


def _continue_record(record: Record, index: CommentIndex) -> bool:
    """A record that shows a name and date but no text, with the text in the elements
    after it (Gamasutra's header table, then the text table): those elements, up to the
    next record, join it. True when any did."""
    following = record.members[-1].getnext()
    added = []
    while following is not None and len(added) < 3:
        if isinstance(following.tag, str):
            if following in index.entry_set or any(d in index.entry_set for d in following.iterdescendants()):
                break
            added.append(following)
        following = following.getnext()
    if not any(el.text_content().strip() for el in added):
        return False
    record.members.extend(added)
    index.entry_set.update(added)
    return True


def _parent_comment(record: Record, by_record: dict[Record, Comment | None]) -> Comment | None:
    parent = record.parent
    return by_record.get(parent) if parent is not None else None


class _Others:
    """The page's records other than this one's own elements (its nested replies and any
    other thread entry), as a membership test that copies nothing."""

    def __init__(self, entries: set[HtmlElement], own: list[HtmlElement]) -> None:
        self.entries = entries
        self.own = set(own)  # (elements compare and hash by identity)

    def __contains__(self, el: object) -> bool:
        return el in self.entries and el not in self.own


_HOLLOW = Comment(id="", article_url="")  # a record that shows no text: dropped and counted


def _read(page: Page, record: Record, index: CommentIndex, context: CommentContext,
          shown_utc: set[int], titled: bool = False) -> Comment | None:
    """The record's comment; ``_HOLLOW`` when it shows no text, None when nothing in it
    says it is a comment (no name, no date, no comment id). A comment whose visible time
    is the UTC time of its timestamp goes into ``shown_utc``. With ``titled``, a record
    with no other text has its title as its text."""
    if _teaser(page, record) or _post_meta(record) or _holds_widget(page, record):
        return None
    others = _Others(index.entry_set, record.members)
    own = own_elements(record.members, others)  # type: ignore[arg-type]
    text_root = _pure_text_root(own)
    published, date_el = find_date(own, text_root, context.languages, context.published)
    if date_el is not None and _in_source_title(date_el, record.element) and link_back_kind(record.members[0]):
        published, date_el = None, None  # "Pingback: <a>IT LawCamp 2014, 5.4.2014, …</a>": its source's title
    if published is None and (_form_fields(record.members)
                              or record.parent is not None and _form_fields(record.parent.members)):
        return None  # the comment form's rows ("Name *", "Website (optional)") or its notes, not a comment
    author, author_el = find_author(own, date_el, text_root, record.members, published or context.published)
    if author is None and record.name_line is not None:  # the run showed this line to be the name
        author, author_el = clean_author(inline_text(record.name_line)), record.name_line
    skip = _Skip(others, never_text(own, keep=text_root, found=(author_el, date_el)))
    lines = [meta_line(el, own, record.members) for el in (author_el, date_el) if el is not None]
    shared = shared_line(author_el, date_el, record.members, lines)
    if shared is not None:
        lines.append(shared)
    skip.extra.update(lines)
    numbers = number_badges(own)
    skip.extra.update(numbers)
    text, _container = find_text(own, record.members, skip, lines)
    if not text.strip():  # a text element misnamed as a meta line ("submitted-comment"): read it
        skip = _Skip(others, never_text(own, keep=text_root, found=(author_el, date_el), lenient=True))
        skip.extra.update(lines)
        skip.extra.update(numbers)
        text, _container = find_text(own, record.members, skip, lines)
    if shows_only_when(text):
        text = ""  # (what was read is the record's date or age line, "3 hours ago": no words of its own)
    if only_actions(text, own):  # the record's buttons alone ("Reply"): its own words were not found
        text = ""
    text = without_leading_meta(text, author, context.languages, published or context.published)
    if not text.strip():  # a comment the editors removed shows their note in its place
        text = _moderators_note(own)
    title = _shown_title(own, author, text_root) or None
    if title is None and author and (subject := _subject_block(own, record, text)) is not None:
        title, text = subject
    if not text.strip() and titled and title:
        text, title = title, None  # a comment whose only words are its heading
    elif title and _repeats_text(title, text):
        title = None
    kind: CommentKind = record.kind or kind_of(_entry_classes(record.element), text)  # type: ignore[assignment]
    if kind == "comment":  # "Pingback by <a>SOURCE</a> — date" on the name line
        kind = next((found for el in own.elements if own.inside.get(el) in (Role.META, Role.AUTHOR)
                     and may_begin_with(el, "pPtT")  # (kind_of's "Pingback"/"Trackback", any case)
                     and (found := kind_of("", inline_text(el)[:40])) != "comment"), kind)  # type: ignore[assignment]
    if kind == "comment" and ("[" in text or not text.strip()) \
            and (opening_kind := link_back_kind(record.members[0])) is not None:  # what it shows ("[…]", "Pingback:")
        kind = opening_kind  # type: ignore[assignment]
    author_url = _link_of(page, author_el, author)
    if author_url and _COMMENT_PERMALINK.search(author_url):
        # the comment's own permalink, whose text is a date no reader knew ("Montag früh"),
        # is no commenter: neither their site nor, when it is all the name is, their name
        if author_el is not None and author_el.tag == "a" and author_el.get("href") and (
                _COMMENT_PERMALINK.search(author_el.get("href") or "")):
            author = None
        author_url = None
    if kind != "comment":
        if author_el is not None and author and author in inline_text(author_el):
            link = next((a for a in author_el.iter("a") if author in inline_text(a)), None)
            if link is not None:
                author = collapse(inline_text(link))  # a source's title is its name, separators and all
        if author:  # "Pingback: SOURCE" names the source; "Pingback:" alone is a label, no name
            author = _SOURCE_PREFIX.sub("", author) or None
        author, author_url, text = _pingback_source(page, own, author, author_url, text)
        if author and text.startswith(author) and (rest := _SOURCE_SEPARATOR.sub("", text[len(author):], count=1).strip()):
            text = rest  # "<a>SOURCE TITLE</a> - […] excerpt […]": the title is the author, the excerpt the text
        if author_url and author_url.startswith(context.article_url.rstrip("/")) and "trackback" in author_url:
            return None  # the post's own trackback address on show, not a trackback
    if _PAGER.fullmatch(text) and (numbers or re.search(r"\d", text)) and re.search(r"[^\d\s]", text):
        return None  # a pager ("上一页 1 2 下一页") read as a record: no comment
    if not text.strip():
        return _HOLLOW
    if kind == "comment" and published is None and author is None and (record.key is None or record.in_run):
        return None  # no name, no date and no comment id: nothing says this is a comment
    comment_id = f"comment-{record.key}" if record.key else content_id(context.article_url, author, published, text)
    comment = Comment(
        id=comment_id,
        article_url=context.article_url,
        author=author,
        author_url=author_url,
        published=published,
        title=title,
        text=text,
        kind=kind,
    )
    if published and published.endswith("+00:00") and shows_time_of(date_el, published, context.languages):
        shown_utc.add(id(comment))
    return comment


# The words of a comment pager: page numbers between "previous" and "next".
_PAGER = re.compile(r"(?:\s*(?:\d+|«|»|‹|›|…|上一页|下一页|首页|尾页|上一頁|下一頁|prev(?:ious)?|next|older|newer|"
                    r"zurück|weiter|précédent|suivant|anterior|siguiente)\s*)+", re.IGNORECASE)
_TEXT_INPUTS = frozenset({"text", "email", "url", ""})


def _form_fields(members: list[HtmlElement]) -> bool:
    """Whether a record is a part of a form: it holds a field to type in (a ``textarea``
    or an empty text input, not wpDiscuz's input that holds the comment's link for
    copying) outside any ``form`` of its own and shown with the record: a reply box that
    opens on a click (``<div style="display:none"><textarea>`` in each comment of The
    Paper) is the comment's, not a form row. A box that holds a whole form beside the
    comments is not a form's row."""
    for member in members:
        for el in member.iter("textarea", "input"):
            if el.tag == "input" and ((el.get("type") or "").lower() not in _TEXT_INPUTS or el.get("value")):
                continue
            between = _up_to(el, member)
            if not any(a.tag == "form" or is_hidden(a) for a in between):
                return True
    return False



def _up_to(el: HtmlElement, top: HtmlElement) -> list[HtmlElement]:
    """``el``'s ancestors below ``top``."""
    found = []
    for ancestor in el.iterancestors():
        if ancestor is top:
            break
        found.append(ancestor)
    return found


_THREAD_FRAGMENTS = ("#comments", "#respond", "#disqus_thread", "#comment-form", "#commentform")


def _post_meta(record: Record) -> bool:
    """A post's meta box named like a comment ("div.Comment" holding "Written by NAME -
    One Comment"): it links to the thread with the thread's counter, which no comment does."""
    for member in record.members:
        for link in member.iter("a"):
            href = link.get("href") or ""
            if href.endswith(_THREAD_FRAGMENTS) and declared_count(inline_text(link)) is not None:
                return True
    return False


def _holds_widget(page: Page, record: Record) -> bool:
    """A box that holds a comment widget's placeholder (``div#wpdevar_comment_1`` around
    ``div.fb-comments`` under "Comment via Facebook"): the widget's frame, not a comment.
    Looked for only on a page that has such a placeholder (one index lookup)."""
    from archiver.parsers import SCRIPT_THREAD_CLASSES, SCRIPT_THREAD_IDS, has_script_thread  # (a cycle at import)

    if not has_script_thread(page):
        return False
    for member in record.members:
        for el in member.iterdescendants():
            if not isinstance(el.tag, str):
                continue
            if el.get("id") in SCRIPT_THREAD_IDS:
                return True
            classes = el.get("class")
            if classes and any(fragment in classes for fragment in SCRIPT_THREAD_CLASSES):
                return True
    return False


def _teaser(page: Page, record: Record) -> bool:
    """A teaser of another post of the site named like a comment (an opinion section's "comment"
    items in a list of stories): one of its parts heads another post (:func:`heads_another_post`)."""
    return any(heads_another_post(page, member) for member in record.members)


def heads_another_post(page: Page, element: HtmlElement) -> bool:
    """Whether ``element`` holds an h2 or h3 that is nothing but a link to another page
    of the same site with a headline of four words or more: a teaser of another post (a
    comment's subject or its writer's profile link is none)."""
    host = urlsplit(page.url).hostname
    for heading in element.iter("h2", "h3"):
        links = list(heading.iter("a"))
        if len(links) != 1 or len(inline_text(heading).split()) < 4:
            continue
        if inline_text(links[0]).strip() != inline_text(heading).strip():
            continue
        target = urlsplit(page.absolute(links[0].get("href")) or "")
        path = target.path.lower()
        if (target.hostname == host and path.strip("/").count("/") >= 1 and not target.fragment
                and path.rstrip("/") != urlsplit(page.url).path.lower().rstrip("/") and not PERSONAL_PATH.search(path)):
            return True
    return False




_REMOVED_WORDS = frozenset({"moderation", "moderated", "removed", "deleted"})


def _moderators_note(own) -> str:
    """The text of an element named for moderation (``em.moderation``: "Entfernt. Bitte
    bleiben Sie beim Thema. Die Redaktion") in a record with no other text: the page shows
    it as the comment. Not WordPress's "awaiting moderation" notice, which only the writer
    of a held comment sees, and never a button or a link."""
    for el in own.elements:
        if el.tag in ("a", "button", "form", "input"):
            continue
        names = set(words(el.get("class") or ""))
        if names & _REMOVED_WORDS and "awaiting" not in names:
            text = collapse(el.text_content())
            if len(text.split()) >= 4:
                return text
    return ""


_TITLE_WORDS = frozenset({"title", "subject", "betreff", "titre", "titulo"})


# Words that name a commenter's rank, not the comment's heading ("user-title": "Senior Member").
_NOT_TITLE_WORDS = frozenset({"user", "usertitle", "member", "author", "rank", "post", "page", "site", "blog"})
# A commenter's microdata (schema.org Person) beside the name: their rank, not the comment's heading.
_PERSON_PROPS = frozenset({"jobtitle", "honorificprefix", "honorificsuffix", "description", "affiliation", "worksfor"})
_NOT_TITLE_PARTS = frozenset({Role.AUTHOR, Role.DATE, Role.META, Role.ACTION, Role.AVATAR, Role.NOISE})


def _shown_title(own, author: str | None, text_root: HtmlElement | None) -> str:
    """The comment's own heading (``h3.comment-subject``, ``h5.comment_title``, SB Nation's
    subject lines) in a record with a named writer: not the name or a date, not a link to
    another page (a teaser's headline), not a heading inside its text."""
    if not author:
        return ""
    for el in own.elements:
        classes = el.get("class")
        names = set(words(classes)) if classes else set()  # (words("") is empty: not asked)
        if not (el.tag in ("h3", "h4", "h5", "h6") or _TITLE_WORDS & names) or _NOT_TITLE_WORDS & names \
                or (el.get("itemprop") or "").lower() in _PERSON_PROPS:
            continue
        if text_root is not None and (el is text_root or any(a is text_root for a in el.iterancestors())):
            continue
        if not _TITLE_WORDS & names and own.inside.get(el) in _NOT_TITLE_PARTS:
            continue  # a heading that is the name line ("h4.pluck-comm-username"), a date or a button
        text = collapse(el.text_content())
        if not text or author in text or text in author or looks_like_date(text) or len(text) > 300:
            continue
        if text.endswith(":") or COUNTER.match(text):
            continue  # a label ("QUOTE(#5):") or a counter ("1 comment")
        if any(goes_somewhere(a) for a in el.iter("a")):
            continue
        return text
    return ""


_SUBJECT_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "strong", "b", "a"})
_SUBJECT_BLOCKS = frozenset({"div", "header", "h2", "h3", "h4", "h5", "h6"})


def _subject_block(own, record: Record, text: str) -> tuple[str, str] | None:
    """A comment's subject read into its text: a heading, a bold line or a link to the
    comment itself, alone in a block of the record's layout (a ``div``, which what a
    reader writes does not hold), with the rest of the text in the next block. Returns
    (subject, text without it). A bold first line inside what the reader wrote stands
    among paragraphs, not before a block of them, and stays text."""
    head, sep, rest = text.partition("\n\n")
    if not sep or not rest.strip() or len(head) > 120 or len(head.split()) > 12 or head.endswith(":") \
            or looks_like_date(head):
        return None
    for el in own.elements:
        if el.tag not in _SUBJECT_TAGS or collapse(inline_text(el)) != head:
            continue
        if any((goes_somewhere(a) or a is el) and not _links_to_itself(a, record) for a in el.iter("a")):
            continue  # a link elsewhere is part of what the reader wrote, or a quoted reader's name
        block = el
        while not any(block is m for m in record.members) and (parent := block.getparent()) is not None \
                and collapse(inline_text(parent)) == head:
            block = parent  # (up to a member of a record of several: a block of its layout)
        following = block.getnext()
        while following is not None and not (isinstance(following.tag, str) and inline_text(following).strip()):
            following = following.getnext()
        if block.tag not in _SUBJECT_BLOCKS or following is None or following.tag not in ("div", "section") \
                or (block.tail or "").strip() or (block.tag, block.get("class")) == (following.tag, following.get("class")):
            return None  # (blocks alike are the paragraphs of an editor that writes each in a div)
        shown, wanted = re.sub(r"\s+", "", inline_text(following)), re.sub(r"\s+", "", rest)
        if not shown.startswith(wanted[:40]) or len(shown) < 0.8 * len(wanted):
            return None  # the rest of the text is in that one block
        return head, rest
    return None


def _links_to_itself(link: HtmlElement, record: Record) -> bool:
    """Whether a link points at its record: an element of the record, or one around it,
    as the fragment (Drupal's ``/comment/42#comment-42``), or the record's key in the
    address."""
    href = link.get("href") or ""
    if href.startswith("javascript:"):
        return False  # a button ("javascript:reply(42)")
    address, _, fragment = href.partition("#")
    if fragment:
        target = next(iter(record.element.getroottree().getroot().xpath("//*[@id=$id]", id=fragment)), None)
        if target is not None and (target is record.element or any(a is target for a in record.element.iterancestors())
                                   or any(a is record.element for a in target.iterancestors())):
            return True
    return bool(record.key and re.search(rf"\b{re.escape(record.key)}\b", address))


def _repeats_text(title: str, text: str) -> bool:
    """Whether a heading only repeats the comment's first words (Drupal's subject made of
    them, cut short with "…") or a part of it."""
    head = re.sub(r"\W+", "", title.rstrip(" .…")).lower()
    return not head or head in re.sub(r"\W+", "", text).lower()


class _Skip:
    def __init__(self, others: _Others, parts: set[HtmlElement]) -> None:
        self.others = others
        self.extra = parts

    def __contains__(self, el: object) -> bool:
        # ``el in self.others``, written out: paragraphs() asks this of every element it
        # reads, and a call less per element shows
        return el in self.extra or el in self.others.entries and el not in self.others.own


_NOT_IN_TEXT = frozenset({Role.AUTHOR, Role.DATE, Role.META, Role.TEXT})
_NOT_IN_DECLARED_TEXT = frozenset({Role.DATE, Role.META, Role.TEXT})


def _pure_text_root(own) -> HtmlElement | None:
    """The element named as the text that holds no other text element and no named
    author, date or meta element (the longest, if several): dates and names are never
    looked for inside it. A name inside the text that microdata declares
    (``itemprop="text"``) is one the comment mentions ("@NAME said in …")."""
    best: HtmlElement | None = None
    rank = (False, 0)
    for el in own.elements:
        if own.part.get(el) is not Role.TEXT:
            continue
        others = _NOT_IN_DECLARED_TEXT if el.get("itemprop") in ("text", "commentText") else _NOT_IN_TEXT
        if any(own.part.get(d) in others for d in el.iterdescendants()):
            continue
        candidate = (not named_as_reply(el), len(el.text_content()))
        if candidate > rank:
            best, rank = el, candidate
    return best



def _link_of(page: Page, el: HtmlElement | None, name: str | None) -> str | None:
    """The commenter's link: the author element itself, a link around it, or the link
    inside it that shows the name (not a permalink that shares the line)."""
    if el is None:
        return None
    link = el if el.tag == "a" else None
    if link is None:
        links = list(el.iter("a"))
        link = next((a for a in links if name and clean_author(inline_text(a)) == name), None)
        if link is None and len(links) == 1 and not inline_text(links[0]):
            link = links[0]  # an avatar or icon link beside the name
    if link is None:
        parent = el.getparent()
        link = parent if parent is not None and parent.tag == "a" else None
    href = link.get("href") if link is not None else None
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    return page.absolute(href)


# A link to a comment on the page itself: "#comment-12", "#c123", "#li-comment-7", "#cmt42".
_COMMENT_PERMALINK = re.compile(r"#(?:li-|div-)?(?:comment|comments|c|cmt|reply)[-_]?\d+$", re.IGNORECASE)


_SOURCE_PREFIX = re.compile(r"^\s*(?:pingback|trackback)\s*(?:by|from|von|de|:)?\s*:?\s*", re.IGNORECASE)


_SOURCE_SEPARATOR = re.compile(r"^\s*[-–—:|·]\s+")


_COMMENT_CLASS = re.compile(r"(?:^|\s)depth-\d+(?:\s|$)")


def _entry_classes(entry: HtmlElement) -> str:
    """The classes that say what a record is: those WordPress's ``comment_class()`` prints
    (``trackback even thread-even depth-1``), on the record or on the element right inside
    it, where themes put them (``<li id="comment-66" class="pingback"><article
    class="trackback … depth-1">``: a trackback under a list item hard-coded as a ping)."""
    own = entry.get("class") or ""
    if _COMMENT_CLASS.search(own):
        return own
    child = next((el for el in entry if isinstance(el.tag, str)), None)
    inner = (child.get("class") or "") if child is not None else ""
    return inner if _COMMENT_CLASS.search(inner) else own


def _in_source_title(date_el: HtmlElement, record: HtmlElement) -> bool:
    """Whether the date found in a link-back record is in its source's title: a link to
    another page (not the record's own permalink) whose words hold a date, at the date's
    element, inside it or around it."""
    around: list[HtmlElement] = []
    for el in (date_el, *date_el.iterancestors()):
        if el is record or len(around) == _SOURCE_LINK_DEPTH:
            break
        around.append(el)
    for link in (*(el for el in around if el.tag == "a"), *date_el.iterdescendants("a")):
        href = link.get("href") or ""
        if href and "#" not in href and not href.startswith("javascript:") and date_span(inline_text(link)):
            return True
    return False


_SOURCE_LINK_DEPTH = 3  # elements from the date's up to the link around it


def _pingback_source(page: Page, own, author, author_url, text):
    """A pingback or trackback names its source: the linked title is the author, the
    link its URL; the text is what the page shows of it."""
    if author and author_url:
        return author, author_url, text
    for el in own.elements:
        if el.tag != "a" or own.inside.get(el) in (Role.ACTION, Role.AVATAR):
            continue
        href = el.get("href") or ""
        name = collapse(inline_text(el))
        if href and not href.startswith(("#", "javascript:")) and "#" not in href and name:  # not a permalink
            return (author or name), (author_url or page.absolute(href)), text
    return author, author_url, text


def _free_id(base: str, taken: dict[str, Comment]) -> str:
    count = 2
    while f"{base}~{count}" in taken:
        count += 1
    return f"{base}~{count}"


def declared_count(text: str | None) -> int | None:
    """The number in a comment counter heading, ignoring headings that are no counter."""
    from archiver.parsers.text import first_int

    text = collapse(text)
    if not text or not re.search(r"\d|\b(?:one|no|ein|eine|un|una|uno|keine)\b", text, re.IGNORECASE):
        return None
    return first_int(text)
