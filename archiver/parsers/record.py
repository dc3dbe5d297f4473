"""The fields of one comment record, recognised by what they are.

Within a record (:mod:`archiver.parsers.thread`):

* the **date** is a machine-readable attribute (``<time datetime>``, ``abbr[title]``,
  ``data-timestamp``), else the short text that parses as a date in the page's language,
  looked for first in elements whose names hint at a date or a meta line;
* the **author** is the element named as the commenter (hCard ``fn``, ``comment-author``,
  ``username``, ``<cite>``), else the name a meta line gives ("Posted by: NAME | date",
  "NAME said...", "NAME says:", "by NAME on date", "NAME - date");
* the **text** is what remains of the record (or of the element named as its text) once
  the author line, the date line, reply/permalink/report links, avatars, forms and nested
  replies are taken out.

A record without text is no comment: the extractor drops it and counts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml.html import HtmlElement

from archiver.dates import WEEKDAY_NAMES, date_span, looks_like_date, parse_date, parse_date_in
from archiver.parsers.datetext import in_nearest_offset, localise_to, with_time, zoned
from archiver.parsers.hints import PARTS, Role, class_role, element_role, id_role, strong, words
from archiver.parsers.text import (BLOCK_TAGS, SKIP_TAGS, collapse, goes_somewhere, inline_text, paragraphs,
                                   shows_initials)
from archiver.parsers.xpath import within as _within

_SAYS = re.compile(  # (the word on its own: "Candice" does not say "dice")
    r"\s*(?<!\w)(?:says|said|wrote|writes|posted(?: on| at)?|sagt|schreibt|schrieb|meint|dijo|dice|escribió|a dit|a écrit|écrit|"
    r"ha detto|scrive|zei|zegt|schreef|skrev|skriver|siger|säger|sier|napisał|napisała|pisze|disse|escreveu|"
    r"comentou|dedi)\s*(?:\.\.\.|…)?\s*[:,]?\s*$",
    re.IGNORECASE,
)
# The words before a commenter's name: "Posted by", "Kommentar von", "Commento di",
# "Risposta di" (a reply), Drupal's "Submitted by" as its translations say it.
_POSTED_BY = re.compile(
    r"^\s*(?:(?:posted|written|submitted|comment(?:ed)?|reply|replied|kommentar|antwort|commentaire|réponse|"
    r"comentario|comentário|respuesta|resposta|commento|risposta|reactie|komentarz|odpowiedź|"
    r"geschrieben|verfasst|eingereicht|publié|publicado|pubblicato|scritto|inviato|enviado|submetido|"
    r"envoyé|escrito)\s+(?:by|from|von|par|por|de|di|da|door|van|av|przez)|(?:by|von|par|por|de|di|door|av|przez))"
    r"\s*:?\s+",  # ("from", "da", "van" alone begin names: "from the bay to nj")
    re.IGNORECASE,
)
# Buttons in Chinese and Japanese: reply, favourite, report, share, like.
_CJK_BUTTONS = "回复|回覆|收藏|举报|舉報|分享|点赞|點讚|赞|返信|通報"
_ACTION_LINE = re.compile(
    r"^\W*(?:reply|replies|antworten|antwort|responder|respuesta|répondre|rispondi|antwoord|svara|odpowiedz|"
    r"permalink|link|report(?: as)?(?: abuse| comment)?|flag|quote|zitieren|edit|bearbeiten|delete|like|likes|"
    r"unlike|share|log in to reply|login to reply|reply to this(?: comment)?|reply ↓|↓|"
    r"\d+\s*(?:likes?|points?|votes?)|cancel reply|thumbs up|thumbs down|recommend|"
    + _CJK_BUTTONS + r")\W*$",
    re.IGNORECASE,
)
# One button or count of a row of them, as a whole block may string several together:
# "Like this Reply to this comment 3 people like this comment".
_ACTION_PHRASE = re.compile(
    r"\b(?:reply to this(?: comment)?|like this|report(?: as)?(?: abuse| comment)?|reply|like|unlike|share|quote|"
    r"flag|permalink|edit|delete|antworten|melden|zitieren|responder|répondre|rispondi|"
    r"\d+\s+(?:people|persons?|users?|readers?)\s+likes?\s+this(?: comment)?|\d+\s*(?:likes?|points?|votes?))\b",
    re.IGNORECASE,
)
# The Chinese and Japanese buttons (no word boundaries to match them by), and the counts
# a row of buttons shows beside them ("0 | 回复", "12 | Reply").
_CJK_ACTIONS = re.compile(_CJK_BUTTONS)
_COUNT = re.compile(r"\d+")
_ACTION_START = re.compile(
    r"^(?:reply|antworten|responder|répondre|rispondi|permalink|report|quote|edit|like|flag)\b", re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:\||·|•|–|—|\s-\s|/{2}|@|\bon\b|\bat\b|\bam\b|\bum\b|\ble\b|\bel\b)\s*",
                         re.IGNORECASE)
_NOT_A_NAME = re.compile(
    r"https?:/|^https?$|www\.|^\W*$|^\d+\W*$|^#\d+|\b(?:reply|permalink|comments?|responses?|says|said|posted|"
    r"antworten|kommentar|profile|profil|avatar|anonymous coward says)\b|^(?:by|on|at)$"
    # a role's badge beside the name ("Author" beside the post's writer's comments)
    r"|^(?:(?:post |site |blog )?author|autor(?:in)?|auteur|autore|moderator|staff|"  # ("admin" is a user's name)
    r"verified(?: buyer| reviewer| purchase)?)$",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"^\s*(?:posted|written|submitted|comment(?:ed)?|kommentar)?\s*(?:by|von|par|por)\b\s*:?",
                      re.IGNORECASE)
_PINGBACK = re.compile(r"^\s*(pingback|trackback)\s*:?", re.IGNORECASE)
_MAX_NAME = 80
_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?!\d)|\b\d{1,2}\s*[ap]\.?m\.?(?![a-z])",
                          re.IGNORECASE)
_ANY_YEAR = "2000-01-01"  # a year for finding where a year-less date is in a line (not for reading it)
_MAX_DATE_TEXT = 120
_DATE_ATTRIBUTES = ("datetime", "data-timestamp", "data-time", "data-utime", "data-date", "data-datetime",
                    "content", "title")
# The data attributes among them, tested by name in one set operation per element (the
# same as ``any(a in el.attrib for a in …)``, a fifth of the cost).
_DATA_DATE_ATTRIBUTES = frozenset(_DATE_ATTRIBUTES[1:6])
_NEVER_TEXT = PARTS - {Role.TEXT}


def clean_author(name: str) -> str:
    """A commenter's display name without "says:", "Posted by", a list number ("3. "),
    and trailing separators. A zero-width space inside it (Pluck breaks long names with
    one) is no space a reader sees."""
    name = collapse(name.replace("\u200b", "")).strip(" ,;:|-–—·•")
    name = _SAYS.sub("", name)
    name = _POSTED_BY.sub("", name)
    name = _NUMBERED.sub("", name)
    name = _AGE.sub("", name)
    name = _CONNECTOR.sub("", name.strip(" ,;:|-–—·•\u00a0"))
    return name.strip(" ,;:|-–—·•\u00a0")


# A word that joins a name to the date after it ("NAME on DATE said:", "NAME am DATUM",
# Chinese "NAME 於 DATE").
_CONNECTOR = re.compile(r"\s+(?:on|at|am|um|le|el|il|em|op|den|the|於|于|在)$", re.IGNORECASE)


_NUMBERED = re.compile(r"^(?:#\s*)?\d{1,4}[.):]\s+(?=\S)")
# The comment's age after the name ("Dehgi 7 days ago", "vor 4 Jahren", "il y a 2 jours").
_AGE = re.compile(
    r"\s+(?:(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago"
    r"|vor\s+(?:\d+|einem|einer)\s+(?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)"
    r"|il\s+y\s+a\s+(?:\d+|une?)\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?))$",
    re.IGNORECASE)


def plausible_name(name: str | None, *, named: bool = False) -> bool:
    """A display name: short, with letters, not a date, time, link text or reply button.
    An element named as the author (``fn``, ``username``) may show a number ("1009") or a
    web address, as spammers' names are."""
    if not name or len(name) > (_MAX_NAME * 2 if named else _MAX_NAME) or len(name.split()) > 10:
        return False
    if _ACTION_LINE.match(name) or looks_like_date(name) or _TIME_OF_DAY.search(name) and not named:
        return False
    if _AGE_TEXT.match(name):
        return False  # "3 hours ago" in the name's place
    if (_WEEKDAY_NAME.match(name) or _DATE_LEFTOVER.fullmatch(name)) and not named:
        return False  # the day before a date ("posted on Wednesday, October 24, 2012 … by NAME"), a word of its line
    if COUNTER.match(name):
        return False  # a commenter's counter ("152 Fans", "1,024 posts"), beside the name
    if named:
        return not _NOT_A_NAME.search(name) or name.isdigit() or bool(_WEB_ADDRESS.fullmatch(name))
    return any(c.isalpha() for c in name) and not _NOT_A_NAME.search(name)


_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")
# A counter beside a commenter ("152 Fans", "1,024 posts") or over a comment ("1 comment"):
# neither a name nor a comment's title.
COUNTER = re.compile(
    r"^\d[\d,.\s]*\s*(?:fans?|followers?|following|posts?|comments?|points?|likes?|karma|reputation|"
    r"beiträge|kommentare?|punkte|messages?|réponses|commentaires?|abonnés|seguidores|comentarios?|responses?|"
    r"replies|reactions?|commenti|reacties|komentarz[ey]?)$", re.IGNORECASE)
# What is left of a date line once its date and time are read: the words joining them
# ("op 5 mei om 12:00", "às 14:32", "kl. 9.15", "alle 10:20"), units and zones ("14 h 32 min",
# "EST"), weekdays the date reader does not strip ("wtorek", "Do."). (Not "Sam", "Dom", "Mo":
# names as often.)
_DATE_LEFTOVER = re.compile(
    r"(?:om|op|às|as|kl|klo|alle|à|o|um|uhr|h|min|hrs?|[ECMP][SD]T|GMT|UTC|CES?T|BST|ME[SZ]Z?|AES?T|AEDT|IST|"
    r"di|mi|do|fr|lun|mer|jeu|dim|mié|jue|vie|sáb|seg|ter|qua|qui|sex|"
    r"poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|"
    r"segunda(?:-feira)?|terça(?:-feira)?|quarta(?:-feira)?|quinta(?:-feira)?|sexta(?:-feira)?|"
    r"mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tisdag|lördag|söndag)\.?",
    re.IGNORECASE,
)
# ("Domenica" is a given name too: never taken for Sunday here)
_WEEKDAY_NAME = re.compile(r"^(?:" + "|".join(sorted(WEEKDAY_NAMES - {"domenica"})) + r")[,.]?$", re.IGNORECASE)


@dataclass
class _Own:
    """A record's own elements (nested replies left out), with the part each one is in."""

    elements: list[HtmlElement] = field(default_factory=list)
    part: dict[HtmlElement, Role] = field(default_factory=dict)       # the element's own hinted part
    inside: dict[HtmlElement, Role | None] = field(default_factory=dict)  # nearest hinted part, itself included
    strong: set[HtmlElement] = field(default_factory=set)


# The addresses at which sharing services take a link to share (their "share" buttons), and
# an e-mail with no recipient: a record's button to share itself, never its words.
_SHARE_LINK = re.compile(
    r"(?:twitter|x)\.com/(?:intent/(?:tweet|post)|share)|facebook\.com/(?:sharer|share\.php|dialog/(?:share|feed))"
    r"|plus\.google\.com/share|linkedin\.com/(?:shareArticle|sharing|cws/share)|reddit\.com/submit"
    r"|pinterest\.[a-z.]+/pin/create|whatsapp\.com/send|wa\.me/\?|t\.me/share|vk\.com/share|xing\.com/(?:spi/)?shares?"
    r"|tumblr\.com/(?:share|widgets/share)|bsky\.app/intent|^mailto:\?",
    re.IGNORECASE,
)


def _may_share(href: str | None) -> bool:
    """A cheap first test for :data:`_SHARE_LINK`: a word every one of its addresses holds."""
    return bool(href) and ("shar" in href or "intent" in href or "submit" in href or "send" in href or "dialog" in href
                           or "/pin/" in href or "wa.me" in href or href.startswith("mailto:"))


def own_elements(members: list[HtmlElement], nested: set[HtmlElement] | frozenset = frozenset()) -> _Own:
    """Walk a record's elements in document order, skipping nested records and scripts.

    Runs for every record of a thread over every element in it: the walk binds what it
    uses per element to local names and pushes no child list for a leaf."""
    own = _Own()
    elements_append = own.elements.append
    part = own.part
    inside = own.inside
    first = members[0]
    for member in members:
        stack: list[tuple[HtmlElement, Role | None]] = [(member, None)]
        pop = stack.pop
        while stack:
            el, context = pop()
            tag = el.tag
            if not isinstance(tag, str) or tag in SKIP_TAGS and tag != "form":
                continue
            if el is not member and el in nested:
                continue
            classes = el.get("class")
            id_value = el.get("id")
            itemprop = el.get("itemprop")  # (microdata names a part without a class: <a itemprop="author">)
            role = (_named_part(tag, classes, id_value, itemprop)
                    if (el is not first and (classes or id_value or itemprop or tag == "cite")) else None)
            if role is Role.TEXT and tag != "blockquote" and next(el.iterancestors("a"), None) is not None:
                role = Role.ACTION  # a "txt" inside a link ("Flag It"): an action's label, not the comment
            elif role is None and tag == "a" and _may_share(el.get("href")) and _SHARE_LINK.search(el.get("href")):
                role = Role.ACTION  # "Share this comment on Twitter?": a sharing service's form, whatever its words
            if role is not None:
                part[el] = role
                if classes and _strong_classes(classes):
                    own.strong.add(el)
            here = role or context
            elements_append(el)
            inside[el] = here
            if len(el):
                stack.extend([(child, here) for child in reversed(el)])  # (markup comments are passed over when popped)
    return own


@lru_cache(maxsize=16384)
def _named_part(tag: str, classes: str | None, id_value: str | None, itemprop: str | None) -> Role | None:
    """The part of a comment an element's names hint at, remembered per names (a theme
    repeats them on every comment)."""
    props = set(itemprop.split()) if itemprop else set()  # (a list of names: "author creator")
    if props & {"author", "creator"}:
        return Role.AUTHOR
    if props & {"text", "commentText"} and tag not in ("meta", "a"):
        return Role.TEXT  # schema.org's Comment/UserComments text: named, whatever its classes say
    if tag == "cite" and not classes:
        return Role.AUTHOR
    roles = [class_role(t) for t in classes.split()] if classes else []
    if id_value:
        roles.append(id_role(id_value)[0])
    if tag == "form" or Role.NOISE in roles:
        return Role.NOISE
    if Role.RECORD in roles and Role.AUTHOR in roles:
        return None  # a comment's box named for its writer too (WordPress's "comment byuser comment-author-NAME"): no part
    if Role.TEXT in roles and Role.ACTION in roles and tag != "blockquote":
        return Role.ACTION  # "txt txt_permalink": an action's label, not the comment
    for role in roles:
        if role is Role.ACTION and tag == "blockquote":
            continue  # "xfBb-quote": a quote shown in the comment is part of what it says, not a Quote button
        if role in PARTS:
            return role
    return Role.AUTHOR if tag == "cite" else None  # (a cite whose names say nothing: the writer, as a bare one)


@lru_cache(maxsize=8192)
def _strong_classes(classes: str) -> bool:
    """Whether a class list holds a token that names its part precisely (:func:`strong`)."""
    return any(strong(t) for t in classes.split())


# -- dates ---------------------------------------------------------------------------

def _attribute_date(el: HtmlElement, own: _Own, languages, reference) -> str | None:
    for attribute in _DATE_ATTRIBUTES:
        value = el.get(attribute)
        if not value:
            continue
        if attribute in ("title", "content") and not (
            el.tag in ("abbr", "time", "meta") or own.inside.get(el) in (Role.DATE, Role.META)
            or attribute == "title" and _shows_age_or_short(el)
        ):
            continue  # (an age shown with the date as its tooltip, "4 years ago", gives the date)
        value = value.strip()
        if value.isdigit() and len(value) in (10, 13):  # an epoch in seconds or milliseconds
            from datetime import datetime, timezone

            try:
                stamp = datetime.fromtimestamp(int(value[:10]), tz=timezone.utc)
            except (OverflowError, OSError, ValueError):
                continue
            return stamp.isoformat(timespec="seconds")
        if looks_like_date(value):
            parsed = parse_date(value, languages=languages, reference=reference)
            if parsed is None and attribute == "title":  # (a tooltip is a line of text: "Posted: 10/16/23")
                parsed = parse_date_in(value, languages=languages, reference=reference)
            if parsed:
                return parsed
    return None


def _shows_age_or_short(el: HtmlElement) -> bool:
    """Whether ``el`` shows an age, whole or abbreviated to a number and a letter or two
    ("vor 8 Stunden", "4 д", "2h"): the date it stands for may be its tooltip ("19 мая
    2024 г. в 19:43"). A word alone ("Journal") is a link whose tooltip dates another page."""
    text = inline_text(el)
    return _SHORT_AGE.fullmatch(text) is not None or _is_age(text)


_SHORT_AGE = re.compile(r"\s*\d{1,3}\s*[^\W\d_]{1,4}\.?\s*")  # "4 д", "2h", "3 Std."


def shows_only_when(text: str) -> bool:
    """Whether a text is a date or an age line alone ("3 hours ago", "May 5, 2012"): when
    a comment was written, not what it says."""
    if not text or len(text) > 4 * _MAX_DATE_TEXT:
        return False  # (a comment's words: not collapsed to find out)
    line = collapse(text)
    if not line or len(line) > _MAX_DATE_TEXT:
        return False
    if _is_age(line):
        return True
    span = date_span(line) if looks_like_date(line) else None
    return span is not None and not _LETTERS.search(line[: span[0]] + line[span[1]:])


def _is_age(text: str) -> bool:
    text = _BEFORE_AGE.sub("", collapse(text))
    return 0 < len(text) <= _MAX_AGE_TEXT and bool(_AGE_TEXT.match(text))


# A comment's number or a label before its age on one line: "#1 — vor 8 Stunden", "#12.1 ·
# 3 hours ago", "Posted: 6 months ago"
_BEFORE_AGE = re.compile(r"^(?:#\d+(?:\.\d+)*\s*[—–|·-]|[^\W\d_]{2,20}\s*:)\s*")


def find_date(own: _Own, text_root: HtmlElement | None, languages, reference) -> tuple[str | None, HtmlElement | None]:
    """The record's date and the element it was read from.

    A machine-readable attribute comes first; visible text comes from elements named as
    the date, then meta lines, then any short line outside the text. A reading that gives
    the day only gives way to one of the same day with a time: the visible "December 24,
    2020 at 3:53 am" beside ``datetime="2020-12-24"``, or the line around a date split in
    two elements ("April 5, 2018" and "6:32 PM").
    """
    found: tuple[str | None, HtmlElement | None] = (None, None)
    in_text = set(text_root.iterdescendants()) if text_root is not None else set()  # one walk, not one per element
    for el in own.elements:
        if el in in_text:
            continue
        if el.get("datetime") or el.tag in ("abbr", "time") or not _DATA_DATE_ATTRIBUTES.isdisjoint(el.keys()) or (
            el.get("title") and (own.inside.get(el) in (Role.DATE, Role.META) or _shows_age_or_short(el))
        ):
            parsed = _attribute_date(el, own, languages, reference)
            if parsed:
                found = (parsed, el)
                break
    if found[0] is None:
        found = _microdata_date(own, in_text, languages, reference)
    if found[0] and len(found[0]) > 10:
        return _in_shown_offset(found, languages, reference)
    for tier in (Role.DATE, Role.META, None):
        for el in own.elements:
            if tier is not None and own.part.get(el) is not tier:
                continue
            if el in in_text or own.inside.get(el) in (Role.TEXT,) and tier is None:
                continue
            text = inline_text(el)
            if not text or len(text) > _MAX_DATE_TEXT or not looks_like_date(text) or _holds_paragraphs(el):
                continue  # (a short comment around a loose date line is no date line: its tail is read below)
            if tier is None and _box_of_lines(el):
                continue  # (a short record's box: its date line is one of the lines inside, read next)
            parsed = parse_date_in(text, languages=languages, reference=reference)
            if not parsed or found[0] is not None and parsed[:10] != found[0][:10]:
                continue
            deepest = _deepest_date(el, languages, reference)
            reading = (parsed, deepest if deepest is not None else el)
            if len(parsed) > 10:
                return reading
            if found[0] is None:
                found = reading
        if tier is None:
            tail = _tail_date(own, text_root, languages, reference)
            if tail and (found[0] is None or (tail[0][:10] == found[0][:10] and len(tail[0]) > 10)):
                return tail
    if found[0] is not None and found[1] is not None:
        if found[1].tag == "meta":  # a microdata day: the one time of day the date line shows
            return _shown_clock(own, found, in_text)
        return with_time(found[1], found[0], languages, reference, inside=own.inside)
    return _permalink_date(own, text_root) or _shown_age(own, in_text) or found


# A comment's age as the page shows it in place of a date ("6天前", "3 hours ago", "vor 2
# Tagen", "há 5 dias"): no date to read without the day the page was seen, but the place
# of one, so the line it stands on is the name-and-date line, not the comment's text.
_AGE_UNIT = r"(?:second|minute|min|hour|hr|day|week|month|year)s?"
_AGE_TEXT = re.compile(
    r"^(?:\d+|an?|one|einem|einer|une?|um|uma|un|una)\s*"
    rf"(?:{_AGE_UNIT}(?:,?\s+(?:and\s+)?\d+\s*{_AGE_UNIT})*\s+ago"  # (or two units: "1 hour 10 minutes ago")
    r"|(?:秒|分钟|分鐘|小时|小時|天|周|週|个月|個月|年|分|時間|日|週間|か月|ヶ月)前)$"
    r"|^(?:vor|il\s+y\s+a|hace|há)\s+(?:\d+|einem|einer|une?|um|uma|un|una)\s+\w+"
    r"(?:,?\s+(?:und\s+|et\s+|y\s+|e\s+)?\d+\s+\w+)*$"  # ("il y a 2 ans et 4 mois")
    r"|^(?:\d+|eine[mr]?|ein)\s+(?:sekunden?|minuten?|stunden?|tag(?:e|en)?|wochen?|monat(?:e|en)?|jahr(?:e|en)?)"
    r"(?:,?\s+(?:und\s+)?\d+\s+\w+)*\s+her$"  # (wpDiscuz's German: "12 Stunden 33 Minuten her")
    r"|^\d+\s+(?:minuti|ore|giorni|settimane|mesi|anni|minuten|uur|dagen|weken|maanden|jaar|"
    r"minut|godzin|dni|tygodni|miesięcy|lat)\s+(?:fa|geleden|temu)$"
    r"|^(?:刚刚|剛剛|just\s+now|gerade\s+eben|à\s+l'instant|yesterday|gestern|ayer|ontem|ieri|昨天)$",
    re.IGNORECASE,
)
_MAX_AGE_TEXT = 40


def _shown_age(own: _Own, in_text: set[HtmlElement]) -> tuple[None, HtmlElement] | None:
    """The element that shows the record's age in place of a date, outside its text: on
    a line with the name ("<h3><a>NAME</a> <span>6天前</span></h3>"), or on a line of its
    own, an icon beside it at most ("<div><a href='#comment-5'>3 weeks ago</a></div>",
    "<div><i class='icon-clock'></i> 12 Stunden 33 Minuten her</div>")."""
    for el in own.elements:
        if el in in_text or own.inside.get(el) in (Role.TEXT, Role.ACTION):
            continue
        if len(el):  # (only icons beside the age: their tails are the line's text)
            if len(el.text_content()) > _MAX_AGE_TEXT * 2 or any((child.text or "").strip() or len(child)
                                                                  for child in el if isinstance(child.tag, str)):
                continue
            text = collapse(el.text_content())
        else:
            text = collapse(el.text or "")
        if not _is_age(text):
            continue
        parent = el.getparent()
        if len(el) or parent is not None and collapse(inline_text(parent)) == text:
            return None, el  # a line of its own (the name on the line before)
        if el.tag in _INLINE_AGE and parent is not None and any(
                other is not el and other.tag in _INLINE_NAME and inline_text(other) for other in parent):
            return None, el
    return None


_INLINE_AGE = frozenset({"span", "small", "em", "i", "font", "a", "time"})
_INLINE_NAME = frozenset({"a", "strong", "b", "cite", "span", "h3", "h4", "h5", "h6"})  # (or a name's heading)


def _shown_clock(own: _Own, found: tuple[str, HtmlElement], in_text: set[HtmlElement]) -> tuple[str, HtmlElement]:
    """A machine day with the time of day the record's date line shows ("Le 12/02 à 11:30"
    beside ``content="2019-02-12"``, whose day order the page's language may not tell)."""
    for el in own.elements:
        if own.part.get(el) is not Role.DATE or el in in_text:
            continue
        clocks = _TIME_OF_DAY.findall(inline_text(el))
        if len(clocks) == 1:
            timed = parse_date(f"{found[0]} {clocks[0]}")
            if timed and timed[:10] == found[0]:
                return timed, el
    return found


_DATE_ITEMPROPS = frozenset({"datePublished", "dateCreated"})


def _microdata_date(own: _Own, in_text: set[HtmlElement], languages, reference) -> tuple[str | None, HtmlElement | None]:
    """A schema.org Comment's ``<meta itemprop="dateCreated" content="…">`` among the
    record's own elements (metas are no element of its text, so they are looked for
    here): Livefyre and others show "Sep 16, 2014" and keep the instant there."""
    for el in own.elements:
        if el in in_text:
            continue
        for child in el:
            if child.tag == "meta" and child.get("itemprop") in _DATE_ITEMPROPS and child.get("content") and (
                    _of_a_comment_item(child)):
                parsed = parse_date(child.get("content"), languages=languages, reference=reference)
                if parsed:
                    return parsed, child
    return None, None


_COMMENT_ITEM_TYPES = ("Comment", "Review", "Answer", "DiscussionForumPosting", "SocialMediaPosting")


def _of_a_comment_item(meta: HtmlElement) -> bool:
    """Whether the item a microdata property belongs to (its nearest ``itemscope``) is a
    comment, a review or an answer, not the post or a product quoted inside the comment."""
    for node in meta.iterancestors():
        if node.get("itemscope") is not None:
            return (node.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1] in _COMMENT_ITEM_TYPES
    return False


_EPOCH = re.compile(r"[?&#][\w-]*=(\d{13}|\d{10})(?:[&#]|$)")


def _permalink_date(own: _Own, text_root: HtmlElement | None) -> tuple[str, HtmlElement] | None:
    """The instant an epoch in the comment's permalink gives (Blogger's
    ``?showComment=1299080040000``), in the wall clock of the time the record shows
    ("7:34 AM") when it shows one, else in UTC."""
    from datetime import datetime, timedelta, timezone

    for el in own.elements:
        if el.tag != "a" or text_root is not None and _within(el, text_root):
            continue
        match = _EPOCH.search(el.get("href") or "")
        if match is None:
            continue
        try:
            instant = datetime.fromtimestamp(int(match.group(1)[:10]), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            continue
        if not 1995 <= instant.year <= datetime.now(timezone.utc).year + 1:
            continue
        shown = _TIME_OF_DAY.search(inline_text(el)) or next(
            (m for e in own.elements if own.part.get(e) in (Role.DATE, Role.META)
             and (m := _TIME_OF_DAY.search(inline_text(e)))), None)
        if shown is not None:
            wall = parse_date(f"{instant.date().isoformat()} {shown.group(0)}", reference="2000-01-01")
            if wall and len(wall) > 10:
                local = datetime.fromisoformat(wall)
                for days in (0, -1, 1):  # the local day may differ from the UTC one
                    candidate = local + timedelta(days=days)
                    offset = candidate - instant.replace(tzinfo=None, second=0)
                    if abs(offset) <= timedelta(hours=14) and offset.total_seconds() % 900 == 0:
                        return candidate.isoformat(timespec="seconds"), el
        return instant.isoformat(timespec="seconds"), el
    return None


def _in_shown_offset(found: tuple[str, HtmlElement], languages, reference) -> tuple[str, HtmlElement]:
    """A UTC timestamp from an attribute, written in the offset its element's visible text
    shows (``<abbr title="…T10:57:27Z">11 septembre 2018 à 12:57</abbr>`` is 12:57+02:00),
    or, when it shows no time, in the post's. A timestamp without a zone whose clock is a
    whole number of hours off the one shown is UTC written without its zone
    (``<time datetime="2017-10-25 19:39:00">October 25, 2017 at 3:39 pm</time>``)."""
    value, el = found
    if not value.endswith("+00:00"):
        if value[-6] not in "+-" and not value.endswith("Z"):  # no zone: UTC, when the clock shown says so
            shown = parse_date_in(inline_text(el), languages=languages, reference=reference)
            if shown and len(shown) > 10 and shown[:16] != value[:16]:  # ("2017-10-25 19:39:00" shown "3:39 pm")
                return localise_to(value + "+00:00", shown) or value, el
        return found
    shown = parse_date_in(inline_text(el), languages=languages, reference=reference)
    if shown and len(shown) > 10:
        return localise_to(value, shown) or value, el
    # No clock shown ("07.04.2020" on <time datetime="…T10:30:53Z">): the offset the post's
    # own timestamp declares is the site's, when it is of the same season.
    return in_nearest_offset(value, zoned([reference])), el


def _holds_paragraphs(el: HtmlElement) -> bool:
    """Whether ``el`` holds a paragraph or other text block: a comment, not a date line."""
    return any(isinstance(d.tag, str) and d.tag in ("p", "blockquote", "ul", "ol", "pre") and d.text_content().strip()
               for d in el.iterdescendants())


def _box_of_lines(el: HtmlElement) -> bool:
    """Whether ``el`` stacks lines of text with words after its date line, itself or in
    the one box it wraps: a short record's box ("NAME · badge", "DATE · Reply", "Yes, you
    can freeze it!" in a box of 80 characters), which is no date line however short, where
    the line inside it is. (A box of a name line and a date line, buttons after them at
    most, is the record's meta line.)"""
    for _ in range(_MAX_WRAPPERS):
        lines = [(child, text) for child in el.iterchildren() if isinstance(child.tag, str)
                 and child.tag in BLOCK_TAGS and (text := inline_text(child))]
        if len(lines) != 1:
            dated = False
            for _child, text in lines:
                if looks_like_date(text):
                    dated = True
                elif dated and not names_an_action(text):
                    return True
            return False
        el = lines[0][0]
    return False


_MAX_WRAPPERS = 4  # boxes of one box each gone through to the lines they wrap


def _tail_date(own: _Own, text_root, languages, reference) -> tuple[str, HtmlElement] | None:
    """A date in loose text between elements ("<a>1.</a> The Keeper - October 26, 2012")."""
    for el in own.elements:
        tail = el.tail
        if not tail or len(tail) > _MAX_DATE_TEXT or (text_root is not None and _within(el, text_root)):
            continue
        if looks_like_date(tail):
            parsed = parse_date_in(collapse(tail), languages=languages, reference=reference)
            if parsed:
                return parsed, el  # the element the date follows; the date line itself is cut from the text
    return None


def _deepest_date(el: HtmlElement, languages, reference) -> HtmlElement | None:
    """The smallest element inside ``el`` whose text still gives a date (the date link in
    "Posted by: NAME | <a>November 01, 2012 at 03:22 PM</a>")."""
    for child in el.iterdescendants():
        if not isinstance(child.tag, str):
            continue
        text = inline_text(child)
        if text and len(text) <= _MAX_DATE_TEXT and looks_like_date(text) and not _box_of_lines(child) and parse_date_in(
            text, languages=languages, reference=reference
        ):
            return child
    return None


# -- authors -------------------------------------------------------------------------

def find_author(own: _Own, date_el: HtmlElement | None, text_root: HtmlElement | None,
                members: list[HtmlElement] | tuple = (), reference: str | None = None) -> tuple[str | None, HtmlElement | None]:
    """The commenter's name and its element: the name the record's reply link answers
    when the record shows it, else by role, then from a meta line."""
    ranked: list[tuple[int, int, HtmlElement]] = []
    in_text = _descendants(text_root)  # (a set of the few elements of the text: no walk up per author)
    answered = _answered_name(own, in_text)
    if answered is not None:
        return answered
    authors = [el for el in own.elements if own.part.get(el) is Role.AUTHOR and el not in in_text]
    outer = {a for el in authors for a in el.iterancestors()}
    for position, el in enumerate(authors):
        rank = 0 if el in own.strong else 2 if el.tag == "cite" or el.get("itemprop") else 4
        if el in outer:  # an author element holding another one: the inner one first
            rank += 1
        ranked.append((rank, position, el))
    for rank, _position, el in sorted(ranked, key=lambda r: (r[0], r[1])):
        if _in_reply_to(el):
            continue  # "En réponse à : <a class="fn">the post's title</a>" names what is answered
        name = _name_of(el, date_el, named=rank == 0)
        if name:
            return name, _name_element(el, name)
    found = _author_from_lines(own, date_el, text_root, members, reference)
    return found if found[0] else avatar_name(own, in_text) or found


# The label WordPress gives a comment's reply link, in the site's language: "Reply to
# NAME" (``aria-label``, and ``data-replyto`` since 6.x), with the commenter's name as
# shown, whatever the theme calls its elements.
_REPLY_LABEL = re.compile(
    r"^\s*(?:reply to|antworte auf|antworten auf|répondre à|responder a|responder para|rispondi a|reageer op|"
    r"svar till|svar til|odpowiedz|vastaa)\s+(?P<name>\S.*?)\s*$",
    re.IGNORECASE,
)


def answered_name(link: HtmlElement) -> str | None:
    """The name a reply link's label answers ("Reply to NAME"), or None."""
    label = link.get("aria-label") or link.get("data-replyto")
    match = _REPLY_LABEL.match(label) if label else None
    return collapse(match.group("name")) if match else None


def shows_name(el: HtmlElement, name: str, exactly: bool = False) -> bool:
    """Whether ``el`` is a line that shows ``name`` and nothing else (a name element): its
    text, or (unless ``exactly``) its text without "says:", separators and the like."""
    if el.tag not in _ANSWERED_TAGS or len(el) > 3 or el.get("aria-label"):
        return False
    shown = el.text_content()  # (the cheap tests before the line is read and cleaned)
    if len(shown) > len(name) + 40 or name.split()[0].casefold() not in shown.casefold():
        return False
    wanted = name.casefold()
    if " ".join(shown.split()).casefold() == wanted:
        return True
    return not exactly and clean_author(inline_text(el)).casefold() == wanted


def _answered_name(own: _Own, in_text: set[HtmlElement]) -> tuple[str, HtmlElement] | None:
    """The name a record's own reply link answers ("Reply to NAME") and the element
    outside the text that shows it: the commenter, told by the comment system itself.
    An element that shows the name as it is comes first ("<b>NAME</b>" inside the line
    "NAME says:"), read without cleaning."""
    name = next((found for el in own.elements if el.tag == "a" and (found := answered_name(el))), None)
    if not name:
        return None
    for exactly in (True, False):
        for el in own.elements:
            if el not in in_text and shows_name(el, name, exactly):
                return name, _name_element(el, name)
    return None


def avatar_name(own: _Own, in_text: set[HtmlElement] | frozenset = frozenset()) -> tuple[str, HtmlElement] | None:
    """The name a record's picture gives in its ``alt`` ("<img alt="Zoe Kibbey">") when an
    element outside the text shows that name and nothing else: comment systems label the
    commenter's avatar with the name they print beside it (Livefyre, LinkedIn, forum
    software, many blog themes), so the two agreeing mark the name whatever the elements
    are called. A generic alt ("Avatar", "photo") is shown by no element of the record; a
    button's icon and its label share one link ("<a><img alt="Google"> Google</a>"), a
    product's picture is no square (an avatar is), and a form's record is a login box."""
    for img in own.elements:
        if img.tag != "img" or not (alt := collapse(img.get("alt") or "")) or not plausible_name(alt) \
                or not _square(img):
            continue
        link = next(img.iterancestors("a"), None)
        for el in own.elements:
            if el is not img and el not in in_text and shows_name(el, alt, exactly=True) \
                    and not _within(img, el) and (link is None or not _within(el, link)):
                if any(part.tag in _FORM_FIELDS for part in own.elements):
                    return None
                return alt, _name_element(el, alt)
    return None


_FORM_FIELDS = frozenset({"form", "input", "select"})
_SQUARE = 1.5  # the most an avatar's declared sides differ (110×69 is a product's picture)


def _square(img: HtmlElement) -> bool:
    """Whether a picture is square enough for an avatar, where it declares both sides."""
    try:
        width, height = float(img.get("width") or 0), float(img.get("height") or 0)
    except ValueError:
        return True
    return not (width and height) or max(width, height) <= _SQUARE * min(width, height)


_ANSWERED_TAGS = frozenset({"a", "span", "b", "strong", "cite", "div", "p", "h3", "h4", "h5", "h6", "em", "i",
                            "font", "footer", "header"})


_REPLY_TO = re.compile(
    r"(?:in reply to|replying to|reply to|en réponse à|réponse à|antwort auf|als antwort auf|en respuesta a|"
    r"in risposta a|@)\s*:?\s*$",
    re.IGNORECASE,
)


def _in_reply_to(el: HtmlElement) -> bool:
    """Whether the words right before ``el`` say it names the comment or post answered."""
    previous = el.getprevious()
    parent = el.getparent()
    before = previous.tail if previous is not None else parent.text if parent is not None else None
    return bool(before) and bool(_REPLY_TO.search(before[-40:]))


def _name_of(el: HtmlElement, date_el: HtmlElement | None, named: bool = False) -> str | None:
    """The name an author element shows: its own text without "says:" and without the
    date when the date sits inside it; a single named link inside it when the rest is
    more than a name."""
    text = inline_text(el)
    if date_el is not None and _within(date_el, el):
        text = text.replace(inline_text(date_el), " ")
    first_line = _before_break(el)
    if first_line and first_line != text and plausible_name(clean_author(first_line), named=named):
        return clean_author(first_line)  # "NAME<br><span>Autor</span>": a badge on a line of its own
    if _WEB_ADDRESS.search(text):  # "http://twitter.com/jyarmis <span>Jonathan L. Yarmis</span>": the
        for part in el.iterdescendants("span", "b", "strong"):  # writer's address shown before the name
            name = clean_author(inline_text(part))
            if plausible_name(name, named=named) and not _WEB_ADDRESS.search(name):
                return name
    links = [link for link in el.iter("a") if inline_text(link).strip()]
    if len(links) > 1 and not _LETTERS.search(_outside_links(text, links)):
        # nothing but links: the name, then actions ("I'm a Fan of NAME", "Follow", "Profile")
        first = clean_author(inline_text(links[0]))
        if plausible_name(first, named=named):
            return first
    if _block_lines(el) > 1:
        # a profile box ("SUPER USER" / NAME / a bio line / "186 Fans"): its lines together
        # are no name; the name is the link among them that reads as one
        return next((name for link in links if plausible_name(name := clean_author(inline_text(link)))), None)
    name = clean_author(text)
    if plausible_name(name, named=named):
        return name
    for link in el.iter("a"):
        name = clean_author(inline_text(link))
        if plausible_name(name):
            return name
    parts = [p for p in _LINE_SEPARATORS.split(name) if p.strip()]
    if len(parts) > 1 and plausible_name(clean_author(parts[0])):
        return clean_author(parts[0])
    return None


_LINE_SEPARATORS = re.compile(r"\s+(?:\||·|•|–|—|-)\s+")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


_LINE_BLOCKS = frozenset({"div", "p", "li", "h2", "h3", "h4", "h5", "h6", "dd", "dt"})


def _block_lines(el: HtmlElement) -> int:
    """How many block elements inside ``el`` show text of their own (lines of a box)."""
    return sum(1 for node in el.iterdescendants(*_LINE_BLOCKS)
               if not any(True for _ in node.iterdescendants(*_LINE_BLOCKS)) and inline_text(node).strip())


def _before_break(el: HtmlElement) -> str | None:
    """The text of ``el`` before its first ``<br>``, when it has one and text before it."""
    br = next(el.iter("br"), None)
    if br is None:
        return None
    pieces = [el.text or ""]
    for node in el.iterdescendants():
        if node is br:
            break
        if isinstance(node.tag, str) and not any(a is br for a in node.iterdescendants()):
            pieces.append(inline_text(node) if node.getparent() is el else "")
        if node.getparent() is el:
            pieces.append(node.tail or "")
    line = " ".join(" ".join(pieces).split())
    return line or None


def _outside_links(text: str, links: list[HtmlElement]) -> str:
    """``text`` without the text of ``links``."""
    for link in links:
        text = text.replace(inline_text(link), " ", 1)
    return text


def _name_element(el: HtmlElement, name: str) -> HtmlElement:
    for link in el.iter("a"):
        if clean_author(inline_text(link)) == name:
            return link
    return el


def _author_from_lines(own: _Own, date_el: HtmlElement | None, text_root: HtmlElement | None,
                       members: list[HtmlElement] | tuple, reference: str | None) -> tuple[str | None, HtmlElement | None]:
    """A name in a meta line: "Posted by: NAME | date", "NAME said...", "by NAME on date",
    "NAME - date", or a link or bold name on a line of its own before the text."""
    in_text = _descendants(text_root)  # (a set of the text's few elements: no walk up per element)
    lines: list[HtmlElement] = []
    if date_el is not None:
        lines.append(meta_line(date_el, own, members))
        parent = date_el.getparent()
        if parent is not None and date_el.tag not in _OWN_LINE_TAGS and (
                parent in members and parent.tag in ("dt", "p", "h3", "h4", "h5", "div", "span")
                or parent.tag in ("p", "span") and _inline_line(parent)):
            lines.append(parent)  # the date stands right in a record line ("<dt>1. <a>NAME</a> - <a>date</a>"); a
            # date in a block of its own ("<div>NAME</div><div>date</div><div>text</div>") has the record around it
    lines += [el for el in own.elements if own.part.get(el) is Role.META and el not in lines]
    for line in lines:
        if line in in_text:
            continue
        name = _name_in_line(line, date_el, reference)
        if name:
            return name
    for el in own.elements:  # "Posted by: NAME" on a line of its own
        if own.part.get(el) in (Role.TEXT, Role.ACTION) or el in in_text:
            continue
        text = inline_text(el)
        if text and len(text) <= 120 and _BY_LINE.match(text):
            found = _name_in_line(el, date_el, reference)
            if found:
                return found
    for el in own.elements:  # "NAME said...": a name element followed by the word
        if el in in_text:
            continue
        if el.tag in ("a", "strong", "b", "span", "cite") and el.tail and _SAYS.fullmatch(" " + el.tail.strip()):
            name = clean_author(inline_text(el))
            if plausible_name(name):
                return name, el
        text = inline_text(el)
        if el.tag in ("p", "div", "span", "strong", "b", "h3", "h4", "h5", "dt") and text and len(text) <= _MAX_NAME + 12:
            if _SAYS.search(text) and plausible_name(clean_author(text)):
                return clean_author(text), el
    if date_el is not None:
        return _first_short_line(own, date_el, text_root)
    return None, None


_NAME_TAGS = frozenset({"a", "strong", "b", "cite", "span", "h3", "h4", "h5", "h6", "em"})
# Elements that stand on a line of their own: a date in one is no part of a line around it.
_OWN_LINE_TAGS = frozenset({"div", "p", "li", "dd", "dt", "h3", "h4", "h5", "h6", "section", "header", "footer"})


def _first_short_line(own: _Own, date_el: HtmlElement, text_root: HtmlElement | None) -> tuple[str | None, HtmlElement | None]:
    """The record's first line when it is a bold, linked or heading name standing alone
    before the date and the text, or a linked name right after a date that opens the record
    ("18:19", then "<a>NAME</a><br>", then the text): how many comment systems show the
    commenter. Only in a record that shows a date (so it is a comment), never from inside
    the text."""
    after_date = False
    for el in own.elements:
        if el is text_root:
            return None, None  # reached the text: no name line before it
        if el is date_el:
            if after_date:
                return None, None
            after_date = True  # the date first: the name may stand on the line after it
            continue
        if after_date and _within(el, date_el):
            continue
        if el.tag not in _NAME_TAGS and not (el.tag in ("div", "p", "li") and _leaf(el)) \
                or own.part.get(el) in (Role.ACTION, Role.AVATAR, Role.NOISE, Role.DATE):
            continue  # (a name may stand in a block of its own: "<div>NAME</div><div>date</div>", "<li>NAME</li><li>date</li>")
        shown = inline_text(el)
        if _NUMBER_LINE.fullmatch(shown):
            continue  # the comment's number in the record's head, before the name
        if len(shown) <= 3 and shows_initials(el, shown):
            continue  # a letter avatar ("Y" for "yellowkitty") before the name
        name = clean_author(shown)
        if not name:
            continue
        if after_date and (el.tag != "a" or (el.get("href") or "#").startswith("#")):
            return None, None  # after the date only a linked name: a bold line there is a subject
        if plausible_name(name) and len(name.split()) <= 5 and meta_line(el, own) is not None \
                and (alone(el) or _profile_link(el, name)):
            return name, el  # (a link to the writer's own page may share its line with their town, "joined 1/22")
        return None, None  # the first words of the record are something else
    return None, None


_NUMBER_LINE = re.compile(r"\s*#?\s*\d{1,5}\s*[.:)]?\s*")  # "1", "#12", "3." before a commenter's name
_NUMBER_ONLY = re.compile(r"\s*#?\s*\d{1,7}\s*")
_BADGE_TAGS = frozenset({"div", "span", "a", "b", "strong", "em", "small", "i", "sup"})


def number_badges(own: _Own) -> set[HtmlElement]:
    """Elements that show nothing but a number ("1", "#19790") on a line of their own:
    the comment's number in the thread or its permalink, never its text."""
    badges = set()
    for el in own.elements:
        if el.tag in _BADGE_TAGS and not len(el) and el.text and _NUMBER_ONLY.fullmatch(el.text) and alone(el):
            badges.add(el)  # (on a line of its own: "won <b>3</b> games" is text)
    if badges and all(_NUMBER_ONLY.fullmatch(text) or not text.strip()
                      for el in own.elements if el not in badges for text in (el.text or "", el.tail or "")):
        return set()  # (a record whose words are a number: that number is all it says)
    return badges


def shared_line(author_el: HtmlElement | None, date_el: HtmlElement | None,
                members: list[HtmlElement] | tuple, lines: list[HtmlElement] = ()) -> HtmlElement | None:
    """The one line that shows both the name and the date: all of it is the record's
    head, none of it the text. It is a member of a record of several that holds both and
    little else (``<dt>1. <a>NAME</a> - <a>date</a></dt>`` before the ``<dd>`` text), or
    the line of inline words inside the record they stand in ("# <time>Le 3 juillet à
    16:55</time><span>, par NAME</span> En réponse à : <a>TITLE</a>"). None where they
    stand apart, the line is a block, or one of the ``lines`` known already holds it."""
    if author_el is None or date_el is None:
        return None
    if len(members) > 1:
        for member in members:
            if _within(author_el, member) and _within(date_el, member) and len(inline_text(member)) <= _LONGEST_LINE:
                return member
    around = set(author_el.iterancestors())
    for ancestor in date_el.iterancestors():
        if ancestor in members or ancestor in lines:
            return None
        if ancestor in around:
            if ancestor.tag not in ("p", "span") or not _inline_line(ancestor):
                return None
            return None if any(_within(ancestor, line) for line in lines) else ancestor
    return None


def _inline_line(el: HtmlElement) -> bool:
    """Whether ``el`` reads as one line: inline elements only, and no more words than a
    meta line holds ("# Le 3 juillet à 16:55, par NAME En réponse à : TITLE")."""
    return len(el.text_content()) <= _LONGEST_LINE and all(
        not isinstance(d.tag, str) or d.tag not in BLOCK_TAGS for d in el.iterdescendants())


_LONGEST_LINE = 200


def _leaf(el: HtmlElement) -> bool:
    """Whether ``el`` holds no element (markup comments aside)."""
    return not any(isinstance(child.tag, str) for child in el)


def _profile_link(el: HtmlElement, name: str) -> bool:
    """Whether ``el`` is, or holds as its only link, a link whose address ends with the
    name it shows ("<a href='/foodie/thetravelingfoodie'>TheTravelingFoodie</a>",
    "/users/15393/jonathan-scholbach"): the writer's page, so the name."""
    link = el if el.tag == "a" else next(el.iter("a"), None)
    if link is None or not goes_somewhere(link) or collapse(inline_text(link)) != name or not _opens_line(el):
        return False
    path = (link.get("href") or "").split("?")[0].split("#")[0].rstrip("/")
    last = path.rsplit("/", 1)[-1].split(".")[0]
    slug = re.sub(r"[^a-z0-9]+", "", name.casefold())
    return len(slug) >= 3 and re.sub(r"[^a-z0-9]+", "", last.casefold()) == slug


def _opens_line(el: HtmlElement) -> bool:
    """Whether no words stand before ``el`` on its line ("Olá <a>NAME</a>!!" is a greeting,
    not a name line)."""
    node = el
    while node is not None and node.tag not in _BLOCKS:
        previous = node.getprevious()
        parent = node.getparent()
        before = previous.tail if previous is not None else parent.text if parent is not None else ""
        if (before or "").strip() or previous is not None and previous.tag != "br" and inline_text(previous).strip():
            return False
        if previous is not None:
            return True
        node = parent
    return True


def alone(el: HtmlElement) -> bool:
    """Whether ``el`` stands on a line of its own: no words right before or after it,
    and a block, a line break or nothing after it (climbing out of inline wrappers). A
    block stands on a line of its own whatever is around it ("<h4>NAME</h4><a>date</a>")."""
    if el.tag in _BLOCKS:
        return True
    node = el
    while True:
        parent = node.getparent()
        previous = node.getprevious()
        before = previous.tail if previous is not None else parent.text if parent is not None else ""
        if (before or "").strip() or (node.tail or "").strip():
            return False
        following = node.getnext()
        while following is not None and (not isinstance(following.tag, str) or following.tag in SKIP_TAGS
                                         or not following.text_content().strip() and following.tag != "br"):
            if (following.tail or "").strip():
                return False
            following = following.getnext()
        if following is not None:
            return following.tag in _BLOCKS or following.tag == "br"
        if parent is None or parent.tag in _BLOCKS:
            return True
        node = parent


def _name_in_line(line: HtmlElement, date_el: HtmlElement | None, reference: str | None = None) -> tuple[str, HtmlElement] | None:
    text = inline_text(line)
    if not text or len(text) > 200:
        return None
    for link in line.iter("a", "strong", "b", "cite", "span"):
        if date_el is not None and (link is date_el or _within(date_el, link) or _within(link, date_el) and (
                date_el.tag in _INLINE_AGE or looks_like_date(inline_text(link)))):
            continue  # (a name in bold inside the line the date was read from is still the name)
        shown = inline_text(link)
        name = clean_author(shown)
        if plausible_name(name) and (_introduces(text, shown) or name != shown and _introduces(text, name)):
            return name, link  # (the name in an element of its own, or with its "by" word: "<span>, par NAME</span>")
    rest = text
    span = date_span(rest, reference=reference or _ANY_YEAR)
    if span is not None:
        rest = f"{rest[:span[0]]} | {rest[span[1]:]}"
    rest = _TIME_OF_DAY.sub(" | ", rest)
    for piece in _SEPARATORS.split(rest):
        name = clean_author(piece)
        if plausible_name(name) and not _ACTION_START.match(name) and len(name.split()) <= 6:
            return name, line
    return None


# The word for "by" right before a name, in the languages of the date parser ("…, par NAME").
_BY_BEFORE = re.compile(r"(?:^|[\s,;(])(?:by|von|par|por|door|av|przez)\s*:?\s*$", re.IGNORECASE)


def _introduces(line: str, name: str) -> bool:
    """Whether ``name`` stands in ``line`` where a name does: at the start (after the
    comment's number, "1 NAME"), or after "by"/"von"/"Posted by:", or before
    "says"/"said"/a separator."""
    at = line.find(name)
    if at < 0:
        return False
    before = line[:at]
    after = line[at + len(name):]
    return (not before.strip(" |·•-–—:") or _NUMBER_LINE.fullmatch(before) is not None  # (the comment's number first)
            or bool(_POSTED_BY.search(before + " x")) or before.rstrip().endswith((":", "|"))
            or _BY_BEFORE.search(before) is not None
            or bool(re.match(r"^\s*(?:[|·•–—-]|says|said|wrote|on\b|at\b|,|$)", after, re.IGNORECASE)))


def meta_line(el: HtmlElement, own: _Own, members: list[HtmlElement] | tuple = ()) -> HtmlElement:
    """The line an author or date element stands on: its largest ancestor in the record
    that holds nothing else but inline words ("NAME says:", "| Reply"), named parts of
    the record and empty blocks. A block with other text is the comment, where the line
    ends."""
    line = el
    for ancestor in el.iterancestors():
        if ancestor not in own.inside or ancestor in members or own.part.get(ancestor) is Role.TEXT:
            break
        if not _only_line(ancestor, line, own):
            break
        line = ancestor
    return line


_BLOCKS = frozenset({"p", "div", "blockquote", "ul", "ol", "dl", "table", "pre", "section", "article", "h1", "h2",
                     "h3", "h4", "h5", "h6", "dd", "li"})


def _only_line(ancestor: HtmlElement, line: HtmlElement, own: _Own) -> bool:
    loose = len((ancestor.text or "").split())
    for child in ancestor:
        if child is line:
            loose += len((child.tail or "").split())
            continue
        if not isinstance(child.tag, str):
            loose += len((child.tail or "").split())
            continue
        if child.tag in _BLOCKS and own.part.get(child) not in _NEVER_TEXT and inline_text(child):
            return False
        if own.part.get(child) not in _NEVER_TEXT:
            loose += len(inline_text(child).split())
        loose += len((child.tail or "").split())
    return loose <= 6


# -- text ----------------------------------------------------------------------------

def find_text(own: _Own, members: list[HtmlElement], skip, lines: list[HtmlElement] = ()) -> tuple[str, HtmlElement | None]:
    """The comment's text: from the element named as its text when one holds any, else
    from the record itself; ``skip`` holds what is never text (meta lines, actions,
    nested replies), ``lines`` the author and date lines (a few words standing before
    them, "Kommentar von NAME", belong to the line, not to the text)."""
    texts: dict[HtmlElement, str] = {}  # an element both innermost and outermost is read once
    inner = (inner_text, inner_el) = _longest(own, skip, lines, texts, innermost=True)
    outer = _longest(own, skip, lines, texts, innermost=False)
    if outer[0] and len(outer[0]) > len(inner_text) * 1.3 + 50:
        return outer  # the innermost text element is a part (a quote, an excerpt) of the text
    if inner_text:
        return inner
    return outer if outer[0] else _record_text(own, members, skip, lines)


def _longest(own: _Own, skip, lines, texts: dict[HtmlElement, str], *, innermost: bool) -> tuple[str, HtmlElement | None]:
    """The longest text among elements named as text: the innermost ones (holding no
    other), or the outermost ones (held by no other). ``texts`` keeps the texts read so
    far for these ``skip`` and ``lines``."""
    best = ""
    best_el: HtmlElement | None = None
    for el in own.elements:
        if own.part.get(el) is not Role.TEXT:
            continue
        if innermost and any(own.part.get(d) is Role.TEXT for d in el.iterdescendants()):
            continue
        parent = el.getparent()
        if not innermost and parent in own.inside and own.inside.get(parent) is Role.TEXT:
            continue
        if any(el is line for line in lines) or (any(_within(el, line) for line in lines)
                                                  and shows_only_when(inline_text(el))):
            continue  # (the name or date line named for text, or its date, "<time class="text-13px">", is no text)
        text = texts.get(el)
        if text is None:
            text = texts[el] = _read_text(el, skip, lines)
        if text and (not named_as_reply(el), len(text)) > (best_el is not None and not named_as_reply(best_el), len(best)):
            best, best_el = text, el
    return best, best_el


_REPLY_WORDS = frozenset({"reply", "replies", "answer", "antwort", "response"})


def named_as_reply(el: HtmlElement) -> bool:
    """Whether a text element is named as a reply ("reply-text"): beside the comment's
    own text it is the answer shown inside the comment (a blog owner's reply on Pixnet),
    so the comment's own text comes first, however short."""
    classes = el.get("class")
    return bool(classes) and not _REPLY_WORDS.isdisjoint(words(classes))


def _record_text(own: _Own, members: list[HtmlElement], skip, lines) -> tuple[str, HtmlElement | None]:
    """The text of the record itself, when no element is named as its text (or none
    holds any): what its members show, else the links of a comment that is only a link."""
    texts = [_read_text(member, skip, lines) for member in members if not any(member is line for line in lines)]
    text = "\n\n".join(t for t in texts if t)
    if not text:  # a comment that is only a linked image keeps the link
        roots = [el for el in own.elements if own.part.get(el) is Role.TEXT] or members
        text = "\n".join(dict.fromkeys(_links(root, skip) for root in roots[:1]))
    return text, None


def _skipped(node: HtmlElement, root: HtmlElement, skip) -> bool:
    for element in (node, *node.iterancestors()):
        if element is root:
            return False
        if element in skip:
            return True
    return False


def _links(root: HtmlElement, skip) -> str:
    hrefs = []
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")) or _skipped(link, root, skip):
            continue
        if next(link.iter("img"), None) is None:
            continue  # (an icon's link, a profile's glyph beside the name, is no linked picture)
        if href not in hrefs:
            hrefs.append(href)
    return "\n".join(hrefs)


def _read_text(root: HtmlElement, skip, lines) -> str:
    keep = _Keep(skip, root)
    blocks = paragraphs(root, skip=keep)
    # (a single block is kept whatever line it follows: no walk up from the lines for it)
    if len(blocks) > 1 and (last := _last_inside(root, lines)) is not None:
        after = paragraphs(root, skip=keep, start_after=last)
        before = blocks[: len(blocks) - len(after)] if after and blocks[-len(after):] == after else None
        if before is not None and len(before) <= 8 and all(len(b.split()) <= 6 for b in before):
            message = _clean_text(list(after))  # (read only where the blocks before could be a panel)
            if not _only_buttons(message) and (len(before) <= 2 or len(message) > 2 * len("".join(before))):
                blocks = after  # (a forum's user panel, "NAME / Offline / Administrator", stands before the
                # line; a short comment above a footer of date and "Reply" is no panel: the footer holds no message)
    return _clean_text(blocks)


def _only_buttons(text: str) -> bool:
    """Whether ``text`` is no more than action lines, date lines and marks."""
    return all(_action_line(b) or _date_line(b) or _no_words(b) for b in text.split("\n\n") if b.strip())


def _action_line(block: str) -> bool:
    """A block of one button ("Reply") or of a row of them and their counts, with nothing
    else ("Like this Reply to this comment 3 people like this comment")."""
    if _ACTION_LINE.match(block) is not None:
        return True
    if len(block) > 120:
        return False
    rest = _CJK_ACTIONS.sub(" ", _ACTION_PHRASE.sub(" ", block))
    return _no_words(rest) or rest != block and _no_words(_COUNT.sub(" ", rest))  # (counts only beside a button)


def _last_inside(root: HtmlElement, lines) -> HtmlElement | None:
    """The line (of ``lines``) inside ``root`` that comes last in document order."""
    inside = [line for line in lines if line is not None and _within(line, root)]
    if not inside:
        return None
    if len(inside) == 1:
        return inside[0]
    positions = {el: i for i, el in enumerate(root.iter())}
    return max(inside, key=lambda el: positions.get(el, -1))


class _Keep:
    """``skip`` without the element being read (the text container may itself be named
    like a part, ``comment-body``)."""

    def __init__(self, skip: set[HtmlElement], keep: HtmlElement) -> None:
        self.skip = skip
        self.keep = keep

    def __contains__(self, el: object) -> bool:
        return el is not self.keep and el in self.skip


def _clean_text(blocks: list[str]) -> str:
    """Blocks without action lines ("Reply", "Report abuse"), a bare date line or a
    moderation notice at either end."""
    while len(blocks) > 1 and (_action_line(blocks[-1]) or _date_line(blocks[-1]) or _no_words(blocks[-1])
                               or _MODERATION_NOTICE.fullmatch(blocks[-1])):
        blocks.pop()
    while len(blocks) > 1 and (_action_line(blocks[0]) or _date_line(blocks[0]) or _no_words(blocks[0])
                               or _MODERATION_NOTICE.fullmatch(blocks[0]) or _HEADER_LINE.fullmatch(blocks[0])):
        blocks.pop(0)
    return "\n\n".join(blocks)


def _no_words(block: str) -> bool:
    """A block of marks only: a permalink's "#", a "¶", separators ("· ·"); not a
    smiley, which is a part of what the commenter wrote."""
    return _MARKS_ONLY.fullmatch(block) is not None


_MARKS_ONLY = re.compile(r"[\s#¶§·•|]+")


# A record's header lines when nothing names them, before its text: "Reply to NAME" (the
# line a reply opens with), a badge ("Post Author"), a rating's label ("Recipe Rating :").
_HEADER_LINE = re.compile(
    r"\s*(?:(?:in )?reply to|replying to|antwort an|als antwort auf|en réponse à|répondre à|en respuesta a|"
    r"responder a|in risposta a|rispondi a)\s+[^\n]{1,40}?\.?"
    r"|\W*(?:post author|blog author|author|admin|administrator|moderator|staff|verified (?:buyer|purchase|reviewer)|"
    r"autor|autorin|auteur|autore|redaktion)\W*"
    r"|\W*(?:recipe\s+)?(?:rating|bewertung|valutazione|valoración|avaliação|beoordeling)\s*:?\s*"
    r"(?:\d(?:[.,]\d)?\s*(?:/\s*5|stars?|sterne)?)?\W*",
    re.IGNORECASE,
)


# The notice a blog shows its writer above a comment still held for moderation (WordPress's
# "Your comment is awaiting moderation." as its translations say it): a status, not the
# comment's words.
_MODERATION_NOTICE = re.compile(
    r"\W*(?:(?:your|this) comment is awaiting (?:moderation|approval)|comment awaiting (?:moderation|approval)|"
    r"(?:dein|ihr) kommentar (?:muss noch freigegeben werden|wartet auf (?:freischaltung|moderation))|"
    r"votre commentaire est en attente (?:de modération|d['’]approbation)|"
    r"tu comentario está (?:esperando|pendiente de) moderación|"
    r"il tuo commento è in attesa di (?:moderazione|approvazione)|"
    r"(?:je|uw) reactie wacht op (?:goedkeuring|moderatie)|"
    r"(?:o )?(?:seu|teu) comentário (?:aguarda|está aguardando|está a aguardar) moderação|"
    r"twój komentarz (?:czeka na|oczekuje na) (?:moderację|zatwierdzenie)|"
    r"din kommentar (?:väntar på granskning|venter på godkjenning|afventer godkendelse))"
    r"[.!]?(?:\s+this is a preview[^\n]*)?\W*",
    re.IGNORECASE,
)


def _date_line(block: str) -> bool:
    """A block that is a date and nothing more ("März 7, 2018", "at 9:42 pm")."""
    if len(block) > 60 or not looks_like_date(block):
        return False
    span = date_span(block, reference=_ANY_YEAR)
    return span is not None and (span[1] - span[0]) * 5 >= len(block) * 4


def never_text(own: _Own, keep: HtmlElement | None = None, found: tuple = (), lenient: bool = False) -> set[HtmlElement]:
    """Parts of a record that are never its text: the named author, date, meta, avatar
    and action elements, unless one holds the text element ``keep``. A name is only a
    hint: an element named as a meta line that holds a long text and neither the author
    nor the date ``found`` is read as text (``div.submitted-comment``), and so, when the
    text comes out empty otherwise (``lenient``), is a short one."""
    skipped = set()
    # What holds ``keep`` and what holds a ``found`` element (each itself included), from
    # one walk up from each instead of one per part: ``el in holds_found`` is
    # ``any(f is el or _within(f, el) for f in found)``.
    holds_keep = _self_and_ancestors(keep)
    holds_found = {a for f in found for a in _self_and_ancestors(f)}
    for el, role in own.part.items():
        if role not in _NEVER_TEXT and role is not Role.NOISE:
            continue
        if el in holds_keep or role is Role.AUTHOR and keep is not None and _within(el, keep):
            continue  # (a name inside the text is one the comment mentions: "@NAME said in …")
        if role in (Role.META, Role.AUTHOR, Role.DATE) and el not in holds_found and (
            lenient or len(inline_text(el)) > _LONG_TEXT
        ):  # (the cheap test first: the author's and the date's boxes hold what was found)
            continue  # with ``lenient``: any such element without the author or date (a text misnamed)
        if lenient and role in (Role.META, Role.AUTHOR) and _holds_a_text_block(el, found):
            continue  # the theme put the text in the author box: its name line is skipped on its own
        if role in (Role.META, Role.DATE) and el in holds_found and len(el.text_content()) > _LONG_TEXT \
                and _holds_a_text_block(el, found, least=_LONG_TEXT):
            continue  # a column named for its date ("message-published") around the message itself
        skipped.add(el)
    return skipped


def _descendants(el: HtmlElement | None) -> set[HtmlElement]:
    """The elements inside ``el`` (none for None): ``x in _descendants(el)`` is
    ``el is not None and _within(x, el)``."""
    return set(el.iterdescendants()) if el is not None else set()


def _self_and_ancestors(el: HtmlElement | None) -> set[HtmlElement]:
    """``el`` and every element holding it (none for None)."""
    return {el, *el.iterancestors()} if el is not None else set()


def _holds_a_text_block(el: HtmlElement, found: tuple, least: int = 0) -> bool:
    """Whether ``el`` holds a paragraph of text (of ``least`` characters, at least
    ``_TEXT_BLOCK``) beside the author and date ``found`` in it (``div.comment-author.vcard``
    around both the text and the "Kommentar von NAME" line)."""
    least = max(least, _TEXT_BLOCK)
    for block in el.iter("p", "div", "blockquote"):
        if block is el or any(f is not None and (f is block or _within(f, block)) for f in found):
            continue
        if len(inline_text(block)) >= least:
            return True
    return False


_TEXT_BLOCK = 20


_LONG_TEXT = 200
_FORM_TAGS = frozenset({"form", "textarea", "input", "select", "button"})


def kind_of(classes: str, text: str) -> str:
    tokens = classes.split()
    if "pingback" in tokens:
        return "pingback"
    if "trackback" in tokens:
        return "trackback"
    match = _PINGBACK.match(text)
    return match.group(1).lower() if match else "comment"


def looks_like_record(members: list[HtmlElement], nested: set[HtmlElement] | frozenset = frozenset()) -> bool:
    """Cheap test for a record in a run that no name marks: some text of a comment's
    length, and a name or date line (:func:`signed`); the records ``nested`` in it (its
    replies) are no part of it."""
    own = own_elements(members, nested)
    if members[0].tag == "form" or _whole_role(members[0]) is Role.NOISE:
        return False  # a form or a counter, not a comment
    in_forms = {d for el in own.elements if el.tag == "form" for d in el.iter()}
    elements = [el for el in own.elements if el not in in_forms] if in_forms else own.elements
    total = sum(len((el.text or "").strip()) + (len((el.tail or "").strip()) if el not in members else 0)
                for el in elements)  # (a reply box inside a comment is no part of its text)
    linked = sum(len(shown) for el in elements if el.tag == "a" and goes_somewhere(el)
                 and not _furniture(shown := el.text_content().strip()))  # (a date's permalink, "Reply": the record's own)
    if total and linked * 2 > total:  # mostly link text: a list of teasers or links, not comments,
        return linked > 0 and is_link_back(members[0])  # unless "Pingback: <a>SOURCE</a>"
    return total >= 20 and signed(own, members)


def _furniture(link_text: str) -> bool:
    """Whether a link's text is a record's own furniture, not a teaser's title: its date
    (the permalink) or an action ("Reply")."""
    return len(link_text) <= _MAX_DATE_TEXT and (names_an_action(link_text) or looks_like_date(link_text))


def only_actions(text: str, own: _Own) -> bool:
    """Whether every line of a text is the words of one of the record's links or buttons
    that name an action ("Reply", "Antworten"): what is left of a record whose own words
    were not found, no comment's text ("赞！" in a paragraph is a comment)."""
    if len(text) > _MAX_ACTIONS_TEXT:
        return False  # (a comment's words: no need to read them line by line)
    lines = {collapse(line) for line in text.splitlines() if line.strip()}
    if not lines or not all(_ACTION_LINE.match(line) for line in lines):
        return False
    controls = {collapse(inline_text(el)) for el in own.elements if el.tag in ("a", "button")}
    written = {collapse(el.text) for el in own.elements if el.tag not in ("a", "button") and el.text and el.text.strip()}
    return lines <= controls and not lines & written  # (no paragraph of the record says "Reply" itself)


_MAX_ACTIONS_TEXT = 100  # characters a record's buttons show together at most


def says(text: str) -> bool:
    """Whether ``text`` is only a word for "says" ("sagt:", "wrote…"), as after a name."""
    return _SAYS.fullmatch(" " + text.strip()) is not None


def names_an_action(text: str) -> bool:
    """Whether a link's text names an action on the record ("Reply", "Répondre à ce
    message", "Report comment"), not a page to read."""
    return bool(_ACTION_START.match(text.strip()))


def is_link_back(el: HtmlElement) -> bool:
    """Whether a record is another site's link to the post, shown in the thread often
    without a date of its own (:func:`link_back_kind`)."""
    return link_back_kind(el) is not None


def link_back_kind(el: HtmlElement) -> str | None:
    """"pingback" or "trackback" for a record that opens with that word ("Pingback:
    <a>SOURCE</a>"); "pingback" for one that shows another site's title as a link and then
    an excerpt of that site as WordPress prints a pingback's, "[…] words […]" (its classes
    alone would say which of the two it is, and pingbacks are the kind WordPress sends);
    None for any other record."""
    start = ""
    for piece in el.itertext():  # (the first words only: a record's whole text need not be joined)
        start += piece
        if len(start) >= _EXCERPT_REACH:
            start = start[:_EXCERPT_REACH]
            break
    match = _PINGBACK.match(start)
    if match is not None:
        return match.group(1).lower()
    return "pingback" if _quotes_its_source(el, start) else None


_EXCERPT = re.compile(r"\[(?:…|\.\.\.)\]\s*[^\s\[]")  # "[…] words", "[...] words"
_EXCERPT_REACH = 400  # characters of a record read for the excerpt's opening
_SOURCE_TITLE_WORDS = 4  # a source's title, not a commenter's name (names have three words or fewer)


def _quotes_its_source(el: HtmlElement, text: str) -> bool:
    """Whether a record shows, after a link of four words or more to another page (a
    post's title, not a commenter's name), an excerpt opening with "[…]": a pingback as
    WordPress prints one, whatever the theme calls it. (A comment quoting the post with
    "[…]" links no title before its quote; a box of several pingbacks links several.)
    ``text`` is the record's text up to the excerpt's reach."""
    excerpt = _EXCERPT.search(text) if "[" in text else None
    if excerpt is None:
        return False
    titles = []
    for link in el.iter("a"):
        href = link.get("href") or ""
        title = inline_text(link)
        if href.startswith(("http://", "https://", "//")) and "#" not in href \
                and len(title.split()) >= _SOURCE_TITLE_WORDS:
            titles.append(title)
            if len(titles) > 1:
                return False
    return bool(titles) and 0 <= text.find(titles[0].split()[0]) < excerpt.start()


_LONGEST_RAW_LINE = 2000  # characters of raw text (markup's whitespace and scripts too) a line may hold


def signed(own: _Own, members: list[HtmlElement], said: bool = True) -> bool:
    """Whether a record shows who or when of its own: an element named for the author
    or the date, a ``datetime``, a short line that is a date, "NAME said", "Posted by
    NAME", or a name its picture's ``alt`` confirms (:func:`avatar_name`). A "reply" without any is a part of the comment around it. Without ``said``, a
    "NAME writes:" line alone does not count: inside a comment it introduces a quote."""
    for el in own.elements:
        if own.part.get(el) in (Role.AUTHOR, Role.DATE) or el.get("datetime"):
            return True
        # (a block far longer than a line is no line: its text is not joined to find out)
        line = inline_text(el) if len(el.text_content()) <= _LONGEST_RAW_LINE else ""
        if line and len(line) <= _MAX_DATE_TEXT and (looks_like_date(line) or _BY_LINE.match(line) or said and _SAYS.search(line)
                                            or _is_age(line)):
            return True
        if el.tail and len(el.tail) <= _MAX_DATE_TEXT and (looks_like_date(el.tail) or said and _SAYS.match(el.tail)):
            return True
    return avatar_name(own) is not None  # (a name its picture's alt confirms: a thread that shows no dates)


def shows_name_and_date(members: list[HtmlElement], languages: tuple[str, ...] | None = None) -> str | None:
    """The commenter's name when a record (its ``members``: a ``dt`` and its ``dd``), read
    as one comment, shows a name, a date (or the age that stands in a date's place) and
    words besides their lines: what a record found by shape alone must show (a post's meta
    line, "date | BY: NAME", shows the first two); None when it does not. Threads that show
    no dates sign each comment with a name marked as one: a ``cite``, "NAME says:"."""
    own = own_elements(members)
    # (a year-less date, "on Monday July 23, @08:25PM", shows a date too: read against any year)
    published, date_el = find_date(own, None, languages, _ANY_YEAR)
    author, author_el = find_author(own, date_el, None, members, published)
    if not author or author_el is None:
        return None
    pictured = date_el is None and (marked := avatar_name(own)) is not None and marked[1] is author_el
    if date_el is None and not (author_el.tag == "cite" or _SAYS.search(inline_text(meta_line(author_el, own, members)))
                                or pictured):
        return None  # no date: only a name marked as one ("<cite>NAME</cite>", "NAME says:", its picture's alt) signs the comment
    rest = collapse(" ".join(inline_text(member) for member in members))
    # In one order whatever the run (a set of elements iterates in the order of their
    # addresses): the shorter line first, so that a date line holding the whole record, its
    # only line ("@NAME Feb 21, 2021 We made progress"), does not take the words with it.
    lines = {collapse(inline_text(meta_line(found, own, members))) for found in (author_el, date_el) if found is not None}
    for line in sorted(lines, key=lambda text: (len(text), text)):
        rest = rest.replace(line, " ", 1)
    # (a name and its picture alone, undated, sign a staff box too, "Editor-in-Chief": a
    # comment's words are more)
    return author if len(_LETTERS.findall(rest)) >= (_PICTURED_WORDS if pictured else _OWN_WORDS) else None


_OWN_WORDS = 10  # letters a comment shows besides its name and date lines
_PICTURED_WORDS = 30  # letters an undated comment signed by its picture alone shows besides its name


def _whole_role(el: HtmlElement) -> Role:
    return element_role(el.get("class"), el.get("id"))


def element_part(el: HtmlElement) -> Role:
    return element_role(el.get("class"), el.get("id"))
