"""What the words in class names and ids hint at, for comment threads of any theme.

Themes name the same things in many ways: ``comment-author``, ``comment_author``,
``cnnCommentAuthor``, ``cnn_cmtauthor``, ``wp-block-comment-author-name``,
``dsq-comment-header``, ``jcomments``, ``commentlist``. A name is split into lower-case
words (at ``-``, ``_``, ``:``, camel-case humps, a comment word glued to another one, and
letters followed by a number) and the words are matched against small vocabularies of
*roles*: the thread as a whole, one comment record, and the parts of a record (author,
date, text, meta line, actions, avatar). A hint is only a hint: the extractor confirms it
from what the element holds (a date parses as a date, a name is a short line), so a name
never seen before still helps and a misleading one does not decide alone.

Every function here is cached by the name it is given: a page repeats the same few
dozen class tokens thousands of times.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache


class Role(Enum):
    """What an element is, for the comment extractor."""

    NONE = 0
    THREAD = 1     # holds a comment thread: ``#comments``, ``.commentlist``, ``#dsq-comments``
    RECORD = 2     # one comment: ``li.comment``, ``#comment-123``, ``.dsq-comment``
    AUTHOR = 3     # the commenter's name: ``.fn``, ``.comment-author``, ``.username``
    DATE = 4       # the date: ``.comment-date``, ``.timestamp``, ``.datetime``
    META = 5       # a meta line holding name and/or date: ``.comment-meta``, ``.comment-footer``
    TEXT = 6       # the comment's text: ``.comment-content``, ``.comment-text``, ``.message``
    ACTION = 7     # reply/permalink/report/like links and widgets
    AVATAR = 8     # the commenter's picture
    NOISE = 9      # never part of a thread: forms, counters, pagination, feeds, widgets


PARTS = frozenset({Role.AUTHOR, Role.DATE, Role.META, Role.TEXT, Role.ACTION, Role.AVATAR})

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
# Letters then a number: Blogger's "c1234", TypePad's anchor "c6a00d8…", LiveJournal's "t55".
_LETTERS_KEY = re.compile(r"([a-z]{1,8})(\d[0-9a-f]*)")
# Words that name comments in the common blog languages, or a comment system's own prefix.
_COMMENT_STEM = re.compile(
    r"comments?|kommentare?|komentarz[ey]?|komentar[ei]?|commentaires?|comentarios?|cmts?|reacties|"
    r"trackbacks?|pingbacks?|forum"
)
COMMENT_WORDS = frozenset({
    "comment", "comments", "kommentar", "kommentare", "komentarz", "komentarze", "komentar", "komentari",
    "commentaire", "commentaires", "comentario", "comentarios", "cmt", "cmts", "comm", "comms", "forum", "forums", "reacties", "dsq",
    "wpdcom", "jcomments", "discussion", "trackback", "trackbacks", "pingback", "pingbacks",
})
# Words that name comments on some platforms and other things on others (a forum).
_WEAK_COMMENT_WORDS = frozenset({"forum", "forums"})
_PLURAL = frozenset({
    "comments", "kommentare", "komentarze", "komentari", "commentaires", "comentarios", "cmts", "comms", "reacties",
    "wpdcom", "jcomments", "discussion", "trackbacks", "pingbacks",
})
_THREAD_NAMES = frozenset({
    "list", "lists", "area", "section", "holder", "listing", "template", "stream", "thread", "threads",
    "tree", "blocks", "container", "wrapper", "wrap", "all", "feed", "content", "contents",
})
_RECORD_NAMES = frozenset({"item", "entry", "single", "post", "node"})
_MODIFIERS = frozenset({"has", "by", "with", "is", "odd", "even", "alt"})
_PART_WORDS: dict[str, Role] = {}
for _role, _words in (
    (Role.NOISE, "form respond textarea input submit captcha policy notes rules closed rss subscribe "
                 "subscription count counter number numbers num title titles titre subject betreff heading headline intro nav "
                 "navigation pagination paging pager pages page more load loadmore login logged register "
                 "recent popular latest widget sidebar tab tabs preview settings toggle expand collapse "
                 "sort sorting filter search link links feed id anchor ignored withheld write compose leave "
                 "dummy placeholder skeleton prototype popup overlay modal dialog lightbox"),
    (Role.AUTHOR, "author authors name names fn cite user username usr nick nickname poster commenter commenters "
                  "vcard hcard byline writer sender autor auteur nombre"),
    (Role.DATE, "date dates time times timestamp stamp datetime datestamp when ago posted published ts datum "
                "zeit fecha heure"),
    (Role.META, "meta metas metadata info header head footer foot details detail attribution submitted signature "
                "sig subtitle credit top label"),
    (Role.TEXT, "text content contents body message msg entry bodytext txt inhalt texte texto"),
    (Role.ACTION, "reply replies action actions tools tool permalink permlink edit flag report like likes "
                  "vote votes voting rating ratings rate share sharing quote button buttons controls "
                  "control options menu toolbar moderate moderation awaiting delete karma points score "
                  "thumbs helpful recommend recommended upvote downvote partage partager teilen compartir "
                  "condividi"),
    (Role.AVATAR, "avatar avatars photo pic picture gravatar img image userpic thumb thumbnail icon"),
):
    for _word in _words.split():
        _PART_WORDS.setdefault(_word, _role)
_STRONG = frozenset({"fn", "username", "nick", "nickname", "commenter", "poster", "timestamp", "datetime",
                     "message", "avatar", "gravatar", "permalink"})
_KEY = re.compile(r"(?=[0-9a-f]*\d)[0-9a-f]{1,40}")
_WEAK_ID_PREFIXES = frozenset({("c",), ("t",), ("tree",), ("p",), ("r",), ("li", "c"), ("com",), ("cid",),
                               ("cmnt",)})
_WIDGET = re.compile(r"widget|sidebar|recent|popular|latest|most|related|(?:^|[-_])menu|(?:^|[-_])nav")


# Substrings one of which every name that names comments holds: a cheap test before the
# word split, for the hundreds of class tokens and ids of a page that name nothing of the kind.
_MAY_NAME_COMMENTS = re.compile(r"omm|ment|cmt|dsq|wpd|reacti|discuss|track|ping|forum", re.IGNORECASE)


@lru_cache(maxsize=8192)
def may_name_comments(name: str) -> bool:
    """Whether ``name`` may name comments at all (a superset: :func:`class_role` decides).
    Remembered per name: the thread finder asks about every class token and id of a page,
    and a site's pages share most of them."""
    return _MAY_NAME_COMMENTS.search(name) is not None


# Words that hold a comment stem but name something else: an opinion piece ("commentary",
# "subjective commentary article" is a post), its writer, the commenter (an author part), or
# a post's state ("commented": the post has comments).
_NOT_GLUED = frozenset({"commentary", "commentaries", "commentator", "commentators", "commenter", "commenters",
                        "commented", "kommentator", "kommentatoren", "commentateur", "comentarista"})


def _glued(word: str) -> list[str]:
    """A comment word glued to others split off: "commentmetadata" -> comment, metadata;
    a part word glued to a word before it too: "postinfo" -> post, info."""
    if word in COMMENT_WORDS or word in _NOT_GLUED:
        return [word]
    match = _COMMENT_STEM.search(word)
    if match is None:
        return _glued_part(word)
    head, stem, tail = word[: match.start()], match.group(0), word[match.end():]
    return ([head] if head else []) + [stem] + (_glued(tail) if tail else [])


@lru_cache(maxsize=8192)
def words(name: str) -> tuple[str, ...]:
    """``cnnCommentMeta`` -> (cnn, comment, meta); ``ljcmt123`` -> (lj, cmt, 123);
    Drupal's ``field--name-comment-body`` -> (comment, body)."""
    out: list[str] = []
    if name.startswith("field--name-") or name.startswith("field-name-"):
        name = name.split("name-", 1)[1]
    for word in _SPLIT.split(_CAMEL.sub("-", name).lower()):
        if not word:
            continue
        split = _LETTERS_KEY.fullmatch(word)
        for piece in (split.group(1), split.group(2)) if split else (word,):
            out.extend(_glued(piece))
    return tuple(out)


# Words a part word is glued to ("postinfo", "usermeta", "authorname", "entrydate").
_GLUE_HEADS = ("post", "user", "author", "entry", "comment", "reply", "meta")
_GLUE_TAILS = frozenset({"info", "meta", "metadata", "date", "time", "name", "text", "body", "content", "author"})


def _glued_part(word: str) -> list[str]:
    if len(word) < 7 or word in _PART_WORDS:
        return [word]
    for head in _GLUE_HEADS:
        if word.startswith(head) and word[len(head):] in _GLUE_TAILS:
            return [head, word[len(head):]]
    return [word]


_TERM_CLASSES = ("category-", "tag-")


@lru_cache(maxsize=8192)
def class_role(token: str) -> Role:
    """The role one class token hints at (NONE when it says nothing about comments).

    A token has to name comments ("comment-author", "dsq-comment", "commentlist") to hint
    at a thread or a record; a few names hint at a part by themselves ("fn", "says",
    "avatar"), believed only inside a comment record.
    """
    if token.startswith(_TERM_CLASSES):
        return Role.NONE  # WordPress's classes for the post's terms: "category-der-kommentar"
    parts = words(token)
    named = [w for w in parts if w in COMMENT_WORDS]
    if not named:
        return _generic_role(parts)
    rest = [w for w in parts if w not in COMMENT_WORDS and not _KEY.fullmatch(w)]
    part = _part_role(rest)
    if all(w in _WEAK_COMMENT_WORDS for w in named):
        # SPIP's ul.forum holds the comments, forum-texte a text, but forum-qui or
        # forum-chapo say nothing known: a weak word names a thread or a known part only
        return Role.THREAD if not rest else part if part in (Role.TEXT, Role.AUTHOR, Role.DATE) else Role.NONE
    if any(w in _PLURAL for w in named):
        if part in (Role.NOISE, Role.ACTION):
            return part  # "comments-title", "comments-link", "comments-rss"
        if any(w in ("item", "entry", "single") for w in rest):
            return part or Role.RECORD  # Impreza "w-comments-item", "w-comments-item-author"
        for role in (Role.DATE, Role.AVATAR, Role.AUTHOR):  # "comments-author--time", "comments-author--meta"
            if any(_PART_WORDS.get(w) is role for w in rest) and part is not Role.TEXT:
                return role  # a part of a comment: a thread is never named for its commenters
        return Role.THREAD
    if part is not None and not (rest and rest[0] in _MODIFIERS):
        return part
    if rest == ["by"]:
        return Role.META  # "commentby", "comment-by": the line of who wrote it
    if any(w in _RECORD_NAMES for w in rest):
        return Role.RECORD
    if any(w in _THREAD_NAMES for w in rest):
        return Role.THREAD
    return Role.RECORD


_WEAK_PART_WORDS = frozenset({"link", "links", "id", "anchor"})


_FORM_WORDS = frozenset({"form", "respond", "textarea", "input", "submit", "captcha", "login", "register"})


def _part_role(rest: list[str]) -> Role | None:
    """The role of the last part word ("comment-author-name" an author, Drupal's
    "field--name-comment-body" a text); "link" and "id" only when no other part word
    is there ("comment-reply-link" an action, "comment-author-link" an author). A form's
    name wins over all ("comment-form-author" is a form field, not an author)."""
    if not _FORM_WORDS.isdisjoint(rest):
        return Role.NOISE
    found: Role | None = None
    weak: Role | None = None
    for word in rest:
        role = _PART_WORDS.get(word)
        if role is None:
            continue
        if word in _WEAK_PART_WORDS:
            weak = weak or role
        else:
            found = role
    return found or weak


_LAYOUT_UTILITY = frozenset({"left", "right", "center", "centered", "align", "justify", "muted", "small", "large",
                             "bold", "italic", "uppercase", "lowercase", "nowrap", "truncate", "primary", "secondary",
                             "xs", "sm", "md", "lg", "xl", "col", "row", "flex", "grid", "hidden", "visible", "white",
                             "black", "gray", "grey", "light", "dark", "mb", "mt", "ml", "mr", "pb", "pt", "px", "py"})


def _generic_role(parts: tuple[str, ...]) -> Role:
    """Names that say which part they are without naming comments (``fn``, ``says``,
    ``metadata``, ``author-name``, ``timestamp``, ``reply``): believed only inside a
    comment record, where the extractor asks about parts."""
    if parts in (("fn",), ("p", "author"), ("p", "name"), ("h", "card"), ("u", "author")):
        return Role.AUTHOR
    if parts in (("says",), ("said",)):
        return Role.META
    if parts in (("dt", "published"), ("dt", "updated")):
        return Role.DATE
    if parts in (("e", "content"),):
        return Role.TEXT
    if parts and parts[0] in ("has", "is"):
        return Role.NONE  # a state or a style ("has-text-color", "is-layout-flow", "has-avatar"), not a part
    if len(parts) > 3 or not _LAYOUT_UTILITY.isdisjoint(parts):
        return Role.NONE  # "text-right", "text-muted", "ds-mb-left": layout utilities, not parts
    role = _part_role(list(parts))
    if role is Role.NOISE and not any(w in ("form", "respond", "textarea", "input", "submit", "captcha", "title",
                                            "heading", "headline", "count", "counter", "number", "id")
                                      for w in parts):
        return Role.NONE
    return role or Role.NONE


@lru_cache(maxsize=8192)
def strong(token: str) -> bool:
    """Whether a token names its part precisely (``fn``, ``comment-author-name``, ``timestamp``)."""
    parts = words(token)
    return any(w in _STRONG for w in parts) or ("author" in parts and "name" in parts)


@lru_cache(maxsize=8192)
def id_role(value: str) -> tuple[Role, str | None, bool]:
    """(role, key, weak) of an id. ``comment-42`` and ``li-comment-42`` are records with
    key "42", TypePad's ``comment-6a00d83451…`` one with a hexadecimal key, Disqus's
    ``dsq-comment-99`` too; ``comment-42-content`` is a part of record 42; ``comments`` a
    thread. Blogger's ``c1234`` and LiveJournal's ``t55`` name no comment: they are
    *weak*, believed as records inside a thread only."""
    parts = words(value)
    keys = [w for w in parts if _KEY.fullmatch(w)]
    named = tuple(w for w in parts if not _KEY.fullmatch(w))
    commented = any(w in COMMENT_WORDS for w in named)
    if not keys:
        return (class_role(value) if commented else Role.NONE), None, False
    key = _key_segment(value, keys[0])
    if commented:
        role = class_role("-".join(named))
        return role, key, False
    if named in _WEAK_ID_PREFIXES:
        return Role.RECORD, key, True
    return Role.NONE, key, False


_SEGMENT = re.compile(r"[^-_:.\s]+")
_GLUED_PREFIX = re.compile(r"^(?:[a-z]*?(?:comments?|cmt|comm|com|c|t|p|r))(?=[0-9a-f]*\d)", re.IGNORECASE)


def _key_segment(value: str, key: str) -> str:
    """The id's own key as written: the segment that holds the number, without a comment
    prefix glued to it ("comment-w12" -> "w12", "c6a00d8…" -> "6a00d8…", "li-comment-5" -> "5")."""
    lowered = value.lower()
    for match in _SEGMENT.finditer(lowered):
        segment = match.group(0)
        if key in segment:
            stripped = _GLUED_PREFIX.sub("", segment)
            return stripped if _KEY.fullmatch(stripped) or any(c.isdigit() for c in stripped) else key
    return key


_LIST_WORDS = frozenset({"list", "lists"})


@lru_cache(maxsize=16384)
def element_role(classes: str | None, id_value: str | None) -> Role:
    """The role of an element from all its class tokens and its id: a record token wins
    (``li.comment.comment-author-admin`` is a record), then a thread, then the first part.
    Remembered per class list and id: the thread finder and the comment reader ask about
    the same elements several times, and a theme repeats its class lists on every comment."""
    roles = [class_role(token) for token in classes.split()] if classes else []
    if id_value:
        roles.append(id_role(id_value)[0])
    if Role.RECORD in roles and Role.THREAD in roles and _LIST_WORDS & set(words(classes or "")):
        return Role.THREAD  # "x-comment-markup x-comment-list": the list of the comments, each a record in it
    for wanted in (Role.RECORD, Role.THREAD, Role.NOISE):
        if wanted in roles:
            return wanted
    return next((r for r in roles if r is not Role.NONE), Role.NONE)


def widget_name(name: str) -> bool:
    """A sidebar or widget container ("Recent Comments", "Most commented", a footer menu)."""
    return bool(_WIDGET.search(name.lower()))
