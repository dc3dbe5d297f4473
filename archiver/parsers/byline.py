"""The post's byline, found by its role on any page: who wrote the post, as shown.

A byline is a short line in the post's header (or right after its text) that names a
person: a link with ``rel=author``, an element named for the author (``byline``,
``author``, ``post-author``, ``wp-block-post-author__name``, ``itemprop=author``), or a
line that says so ("By NAME", "Posted by NAME", "von NAME", "Par NAME", "Autor: NAME",
"Posted in CATEGORY by NAME on DATE", "Filed under: CATEGORY — NAME @ TIME").
Comments are cut out of the page while header fields are read, so a commenter's name
cannot be taken. The names are what the line shows, without "By", dates and times, job
titles and the organisation after a comma ("Daniel Kahn Gillmor, ACLU Speech, Privacy,
and Technology Project" gives "Daniel Kahn Gillmor"); staff bylines ("Gazette Staff")
are names as shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lxml.html import HtmlElement

from archiver.dates import date_span
from archiver.parsers.headline import after_headline, near_headline
from archiver.parsers.hints import COMMENT_WORDS, words
from archiver.parsers.places import is_place
from archiver.parsers.scope import PostScope
from archiver.parsers.site import off_site
from archiver.parsers.text import (BLOCK_TAGS, GLUED_BY, SKIP_TAGS, collapse, inline_text, may_begin_with, name_shaped,
                                   shows_initials, titled_names)
from archiver.parsers.xpath import class_index, nearest_first

_AUTHOR_WORDS = frozenset({"author", "authors", "byline", "bylines", "autor", "autoren", "auteur", "autore",
                           "writer", "writers", "contributor", "reporter", "posted", "postedby", "by"})
_NOT_BYLINE_WORDS = frozenset({"bio", "biography", "description", "avatar", "photo", "image", "img", "desc",
                               "about", "box", "more", "social", "follow", "twitter", "email", "comment",
                               "comments", "date", "time", "url", "label", "title", "views", "count", "stats",
                               "rating", "karma"})
_BY = re.compile(
    r"^\s*(?:(?:(?:ein|eine|einer|a|an|the|un|une|una|il|la)\s+)?(?:analyse|analysis|kommentar|commentary|column|"
    r"kolumne|essay|gastbeitrag|gastkommentar|guest\s+post|interview|reportage|bericht|review|rezension|glosse|"
    r"meinung|opinion|tribune|chronique|éditorial|editorial|reflexion|análisis|columna|recherche)\s+)?"
    r"(?:(?:posted|written|published|submitted|reported|text|words|story|report(?:ed)?|geschrieben|verfasst|"
    r"publié|écrit|escrito|publicado)\s+)?"
    r"(?:(?:(?:by|von|par|por|di|door|av|przez|autor(?:in)?|author|auteur|كتب|كتبت|بقلم)\s*:?|(?:text|texte)\s*:)\s+(?=\S)"
    r"|by\.\s*(?=\w)|" + GLUED_BY + ")",  # ("By.KJ": a Japanese blog's way)
    re.IGNORECASE,
)
# What a credit line names other than the author: the picture, the source.
_CREDIT_WORDS = (r"photos?|images?|fotos?|bild(?:er)?|beeld|illustrations?|graphics?|video|credits?|cover|map|chart|"
                 r"source|sources|quelle|quellen|via|źródło|źródła|fuente|fonte|fonti|bron|kilde|källa|lähde|forrás|"
                 r"zdroj|источник")
_CREDIT = re.compile(rf"^\s*(?:{_CREDIT_WORDS})(?:\b|\s*:)", re.IGNORECASE)
_ROLE = re.compile(
    r"^(?:(?:senior|chief|white\s+house|pentagon|national|political|foreign|security|legal|justice|"
    r"congressional|international|business|tech(?:nology)?|science|health|sports|special|managing|"
    r"contributing|associate|deputy|executive|investigative|capitol\s+hill|supreme\s+court|intelligence|staff|"
    r"military|economics?|world|[A-Z][a-z]+\s+bureau)\s+)*"
    r"(?:correspondent|reporter|writer|editor|producer|analyst|columnist|contributor|journalist|anchor|host)s?\s+",
    re.IGNORECASE,
)
_CUT = re.compile(
    r"\s+(?:last|zuletzt|dernière|última|ultimo)\s+(?:updated|modified|edited|aktualisiert|geändert|mise à jour|"
    r"actualización|modificación|aggiornamento)\b|"  # "By NAME, Last Updated: Jul 4, 2025"
    r"\s+(?:on|at|am|um|updated|aktualisiert|mis à jour|posted|published|publié|publiée|veröffentlicht|"
    r"publiziert|erschienen|gepostet|publicado|pubblicato|opublikowano|gepubliceerd|publicerad|julkaistu|"
    r"in|dans|en)\b|\s*(?:發表在|發表於|发表在|发表于|投稿者|に投稿)"
    r"|\s+[|·•/]\s+|\s+[-–—]\s+|\s*\n\s*|\s{3,}|\(|\["
    # the label of the line's next field: "… Publish date: Oct 4", "Door: NU.nl Beeld: Pro Shots"
    rf"|\s+(?:publish(?:ed)?\s+date|publication\s+date|date|datum|stand|fecha|data|{_CREDIT_WORDS})\s*:",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:,|;|&)\s*(?:(?:and|und|et|y|e|og|en)\s+)?|\s+(?:and|und|et|y|e|og|en)\s+",
                         re.IGNORECASE)  # "A, B, and C": the serial comma's "and" goes too
_TRAILING = re.compile(r"\s+(?:le|la|les|am|an|on|at|um|el|il|de|den|dem|the|op|à|a|le)$", re.IGNORECASE)
_AGENCY = re.compile(r"\s+(?:the\s+)?(?:associated press|ap|reuters|afp|dpa|epd|kna|upi|bloomberg|ansa|efe)$",
                     re.IGNORECASE)
_WEEKDAY = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim)(?:day|nday|sday|"
    r"nesday|rsday|urday|tag|ntag|nstag|ttwoch|nnerstag|eitag|mstag|di|dredi|edi|anche)?\.?,?$",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.IGNORECASE)
# A number standing as a word of its own ("di cui zuccheri g 21", a nutrition table's
# row read after the Italian "di") is no part of a byline; a handle's digits are ("Marianne1").
_NOT_A_NAME = re.compile(
    r"https?:/|www\.|@|\d{3,}|(?<!\S)\d+(?!\S)|\b(?:profile|bio|biography|biografie|biographie|posts|articles|view all|more by|"
    r"follow|e-?mail|twitter|archive|rss|beiträge|beitraege|artikel|articoli|artículos|publicaciones|"
    r"facebook|comments?|share|read more|permalink|home|about|contact|subscribe|login|log in|sign in|sign up|"
    r"logout|log out|anmelden|registrieren|abmelden|connexion|inscription)\b",  # not "Register": a newspaper's name
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"\b(?:project|institute|university|center|centre|foundation|association|agency|department|"
    r"program(?:me)?|committee|council|ministry|initiative|society|corporation|inc|ltd|gmbh|llc|"
    r"technologist|counsel|director|manager|officer|fellow|professor|editor|writer|reporter|correspondent|"
    r"analyst|researcher|scientist|president|founder|ceo|intern|associate|attorney|lawyer|student|staff|"
    r"engineer|developer|designer|advocate|evangelist|strategist|consultant|specialist|architect|lecturer|"
    r"contributor|columnist|author)\b",
    re.IGNORECASE,
)
_MAX_LINE = 160
# The letters of a degree or licence written after a name ("MS", "RD", "M.D.", "PhD",
# "CSCS"): a word of capitals and dots, or a doctorate's mixed case.
_POSTNOMINAL = re.compile(r"(?:[A-Z]\.?){2,5}|(?:Ph|Pharm|Ed|Dr|Psy)\.?\s?D\.?|M\.?Sc\.?|B\.?Sc\.?")


def clean_byline(byline: str | None) -> list[str]:
    """Names from a byline as shown: "By Pentagon Correspondent Barbara Starr" gives
    ["Barbara Starr"], "Rob Beschizza at 7:53 AM Wednesday, Aug 18" gives ["Rob Beschizza"],
    "Jens Manuel Krogstad and Jeffrey S. Passel" gives both."""
    if not byline:
        return []
    text = collapse(byline)
    filed = _FILED_UNDER.match(text)
    if filed:
        text = filed.group("name")
    elif _POSTED_ON.match(text) and not _BY.match(text):
        after = _BY_AFTER.search(text)
        if after:
            text = text[after.end():]
    titled = titled_names(text)
    if titled:  # "순천, 광양 구현모 기자 ninek@…": each name stands right before its title, a place before it
        return [name for name in titled if is_name(name)]
    span = date_span(text)
    if span is not None:
        text = text[: span[0]]
    text = _ROLE_LABEL.sub("", _BY.sub("", text))  # "Редактор: NAME", "Autorin: NAME"
    text = _CUT.split(text)[0]
    time = _TIME.search(text)
    if time:
        text = text[: time.start()]
    names: list[str] = []
    for position, part in enumerate(_SEPARATORS.split(text)):
        part = part.strip(" ,.:;-–—")  # (a separator left at the end: "By admin -")
        if _ROLE.fullmatch(part + " "):
            continue  # a role alone ("Senior Contributor", "Staff Writer") names nobody
        part = _ROLE.sub("", _BY.sub("", part)).strip(" ,.:;")
        part = _WEEKDAY.sub("", part).strip(" ,.:;")
        part = _TRAILING.sub("", part)
        if not _AGENCY.fullmatch(" " + part):  # "The Associated Press" alone is the byline
            part = _AGENCY.sub("", part).strip(" ,.:;")
        if not part:
            continue
        if names and _POSTNOMINAL.fullmatch(part) and not names[0].isupper():
            continue  # a degree or licence after the name: "Rachael Link, MS, RD" (not "ANN and BOB")
        if position and (_ORGANISATION.search(part) or part.isupper() and " " in part and not names[0].isupper()):
            break  # an affiliation after the name
        if names and is_place(part):
            continue  # the dateline: "Von Ines Zöttl, Washington"
        if is_name(part) and part not in names:
            names.append(part)
    return names


def is_name(text: str) -> bool:
    """A person-like or staff name: 1 to 6 words, letters, not a link text or address."""
    words_ = text.split()
    return 1 <= len(words_) <= 6 and any(c.isalpha() for c in text) and not _NOT_A_NAME.search(text) \
        and name_shaped(text)


def find_byline(tree: HtmlElement, scope: PostScope, headline: HtmlElement | None,
                page_url: str | None = None) -> tuple[list[str], str | None]:
    """(names, byline as shown) of the post, or ([], None).

    Candidates are ``rel=author`` links, elements named for the author, links to an
    author's page (those named in words other sites use too, "/people/…", only on the
    site of ``page_url``) and short lines that begin "By …"; each must belong to the post
    (:class:`PostScope`). The one nearest the headline wins, in the header before the
    text over a signature after it.
    """
    candidates = _candidates(tree, scope, headline, page_url)
    if not candidates:
        return [], None
    ordered = nearest_first(candidates, headline, behind=3)
    members = set(ordered)
    holding = {a for el in ordered for a in el.iterancestors() if a in members}
    # an author box holding a more precise candidate (its name link, a "By" line) comes after
    # it: the box may also hold a biography ("Mark Katz A former political operative, …")
    for el in [el for el in ordered if el not in holding] + [el for el in ordered if el in holding]:
        line = _line(el)
        text = _name_text(el, line)
        if _CREDIT.match(text):
            continue  # "Źródło: Statista.com" in a box named for authors and sources: a credit
        shown = collapse(inline_text(line))
        if titled_names(shown):
            text = shown  # every reporter of the line, each before its title ("NAME 기자 e-mail NAME 기자 …")
        names = clean_byline(text)
        if names:
            return names, shown
    return [], None


_BOX_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# A box named for the author himself ("post-author", "author-info"), not a "by" or "posted"
# line; holding a name, a few links and perhaps a short biography.
_BOX_WORDS = frozenset({"author", "authors", "autor", "autoren", "auteur", "autore", "writer", "contributor"})
_MAX_BOX_TEXT = 600


def box_heading_names(tree: HtmlElement, scope: PostScope) -> list[str]:
    """The name an author box gives as its heading, where no byline names anyone: the box
    below the post, named for the author, whose heading is the name and whose other lines
    are links and a biography (``div.post-author > h4 'Marek Nowak' + a 'Author archive'``).
    Only a box's first heading counts, and only when it reads as a name and nothing else."""
    index = class_index(tree)
    for token in index.tokens:
        if not _names_an_author(token) or not _BOX_WORDS.intersection(words(token)):
            continue
        for box in index.with_class(token):
            if (box.tag in ("article", "main", "body") or len(inline_text(box)) > _MAX_BOX_TEXT
                    or not scope.belongs(box) or _in_a_form_or_template(box)):
                continue
            heading = next(box.iter(*_BOX_HEADINGS), None)
            if heading is None or _aside(heading) or heading.get("class"):
                continue
            text = inline_text(heading)
            names = clean_byline(text)
            if names and names == [text]:
                return names
    return []


def _candidates(tree: HtmlElement, scope: PostScope, headline: HtmlElement | None,
                page_url: str | None) -> list[HtmlElement]:
    index = class_index(tree)
    found: list[HtmlElement] = []
    for token in index.tokens:
        if _names_an_author(token):
            found.extend(index.with_class(token))
        elif _names_an_auth(token):  # "newsAuth" is a byline, "auth-links" a login box: only with "By"
            found.extend(el for el in index.with_class(token) if _BY.match(inline_text(el)))
    found.extend(index.with_token("rel", "author"))
    found.extend(_author_archive_links(scope, page_url))
    found.extend(index.with_token("itemprop", "author", any_case=False))  # (microdata's itemprop is a list too: "author creator")
    region = scope.main if scope.main is not None else _headline_region(headline)
    lines = list(region.iter(*_LINE_TAGS)) if region is not None else []
    found.extend(_by_lines(lines))
    if headline is not None:  # the lines around the headline, whatever holds them ("<h3>by Jeff Foust</h3>")
        read = set(lines)
        found.extend(_by_lines(el for el in near_headline(headline) if el.tag in _NEAR_LINE_TAGS and el not in read))
    found.extend(_profile_links_before_dates(region))
    if headline is not None:
        found.extend(_names_beside_their_pictures(after_headline(headline)))
    found = [el for el in index.in_order(found) if isinstance(el.tag, str) and el.tag not in ("img", "meta", "link", "body", "html")]
    return [el for el in found if scope.belongs(el) and not _in_a_form_or_template(el)]


# The comment form and the templates a script fills in hold author fields too ("<span
# class='author-name'>Unbenannt</span>" in a comment-writing panel); none is the byline.
_FORM_WORDS = frozenset({"write", "compose", "respond", "form", "dummy", "template", "placeholder", "skeleton",
                         "prototype"})
_FORM_TEXT = 1000


def _in_a_form_or_template(el: HtmlElement) -> bool:
    """Whether ``el`` stands in a comment form, a hidden or script template, or a small form."""
    for ancestor in el.iterancestors():
        if ancestor.tag == "template" or ancestor.tag == "form" and len(ancestor.text_content()) < _FORM_TEXT:
            return True  # a sign-up form ("By signing up, you agree…"), not a page in one (ASP.NET)
        classes = (ancestor.get("class") or "").split()
        if ancestor.get("hidden") is not None or any(_hides(token) for token in classes):
            return True
        for token in classes:
            parts = words(token)
            if _FORM_WORDS.intersection(parts) and COMMENT_WORDS.intersection(parts):
                return True
    return False


# Sizes and devices a "hidden-…" class hides an element on only (Bootstrap's "hidden-xs"):
# elsewhere it shows.
_ON_SOME_SCREENS = frozenset({"xs", "sm", "md", "lg", "xl", "xxl", "mobile", "desktop", "tablet", "phone", "print",
                              "small", "large", "medium"})


def in_hidden_box(el: HtmlElement) -> bool:
    """Whether ``el`` stands in a box no reader sees: ``hidden``, or a class that hides it
    ("hidden-schema": microdata for search engines only). A byline there is metadata."""
    return any(a.get("hidden") is not None or any(_hides(token) for token in (a.get("class") or "").split())
               for a in (el, *el.iterancestors()))


@lru_cache(maxsize=4096)
def _hides(token: str) -> bool:
    """A class that hides its element from every reader: "hidden", "hidden-schema" (a
    theme's box of microdata for search engines), not "hidden-xs" nor "visually-hidden"
    (read out to screen-reader users: :data:`_UNSEEN_CLASSES` handles those)."""
    parts = words(token)
    return "hidden" in parts and "visually" not in parts and _ON_SOME_SCREENS.isdisjoint(parts)


@lru_cache(maxsize=8192)
def _names_an_author(token: str) -> bool:
    """Whether a class token names a byline (asked of every token of every page). A token
    of two letters is no name: generated style classes ("by", "ai") only look like words."""
    if len(token) <= 2:
        return False
    parts = words(token)
    return any(w in _AUTHOR_WORDS for w in parts) and not any(w in _NOT_BYLINE_WORDS for w in parts)


@lru_cache(maxsize=8192)
def _names_an_auth(token: str) -> bool:
    """Whether a class token holds "auth", the short form of author in some names."""
    return "auth" in token.lower() and "auth" in words(token) and not _NOT_BYLINE_WORDS.intersection(words(token))


# An author's page: the archive of a writer's posts or a staff profile, named by slug or
# number, perhaps both ("/author/tcleena/", "/view/authors/923688/Jeff_Ward.php",
# "/news/author/Geoff+Brumfiel/index.html", "/experts/444", "/people/emily-botein/").
# Words for a person's page that other sites use too (Flickr's "/people/38796531@N08/"):
# only on the page's own site.
_AUTHOR_ARCHIVE = re.compile(r"/(?:author|authors|autor|autoren|autorin|auteur|auteurs|autore|autori|redakteur|"
                             r"(?P<person>experts?|people|staff|writers?|journalists?|columnists?|contributors?))"
                             r"/[^/?#]+(?:/[^/?#]+)?/?$", re.IGNORECASE)
_AUTHOR_ARCHIVE_STEMS = ("/aut", "/redakteur/", "/expert", "/people/", "/staff/", "/writer", "/journalist",
                         "/columnist", "/contributor")


def _author_archive_links(scope: PostScope, page_url: str | None) -> list[HtmlElement]:
    """Links to an author's archive or profile (``/author/tcleena/``, ``/people/ann-lee/``)
    showing a name: the byline of themes that mark it no other way. Only the main
    post's, or all when it is unknown."""
    root = scope.main if scope.main is not None else scope.root
    found = []
    for link in root.iter("a"):
        href = link.get("href") or ""
        if any(stem in href for stem in _AUTHOR_ARCHIVE_STEMS):
            text = inline_text(link)
            match = _AUTHOR_ARCHIVE.search(href.split("?")[0]) if text and len(text) <= 60 else None
            if match and not (match.group("person") and (page_url is None or off_site(href, page_url))) \
                    and not _in_prose(link):
                found.append(link)
    return found


_PROSE_LINE = 150


def _in_prose(link: HtmlElement) -> bool:
    """Whether a link stands in a paragraph of the text ("US President <a href='/topics/
    people/donald-trump.html'>Donald Trump</a> has been eager to …"): a mention, not a byline."""
    parent = link.getparent()
    return parent is not None and parent.tag == "p" and len(parent.text_content()) > _PROSE_LINE


_LINE_TAGS = ("p", "div", "span", "li", "address", "h4", "h5", "h6", "small", "em", "strong", "td")
_NEAR_LINE_TAGS = frozenset({*_LINE_TAGS, "h2", "h3", "cite", "b", "i", "font", "section", "header", "footer"})


def _by_lines(elements: Iterable[HtmlElement]) -> list[HtmlElement]:
    """Short elements of ``elements`` whose text begins "By"/"Posted by"/"von", or says
    "Posted on DATE by NAME"."""
    found = []
    for el in elements:
        text = el.text
        if not text or len(text) > _MAX_LINE or _CREDIT.match(text):
            continue
        if (named := _named_after_lone_by(el, text)) is not None:
            found.append(named)
            continue
        if not _BY.match(text) and not _by_before_child(el, text) and not (
                _POSTED_ON.match(text) and _BY_AFTER.search(inline_text(el))) and not (
                may_begin_with(el, _FILED_UNDER_FIRST) and _FILED_UNDER.match(inline_text(el)[:_MAX_LINE])):
            continue
        line = inline_text(el)  # (a sentence's later words may be its links: "By clicking …, you agree to our <a>…</a>")
        if len(line) <= _MAX_LINE and not _prose(line):
            found.append(el)
    return found


_LONE_BY = re.compile(r"\s*(?:by|von|par|por|door|di|av|przez)\s*:?\s*", re.IGNORECASE)
_NAME_AFTER_BY = frozenset({"a", "span", "strong", "b", "em"})


def _named_after_lone_by(el: HtmlElement, text: str) -> HtmlElement | None:
    """The element right after one that shows nothing but "by" (``<span>by</span> <a>NAME</a>``,
    the word set apart for its style), when it holds a name on one line: that is the
    byline's name. Not in code listings."""
    if len(el) or not _LONE_BY.fullmatch(text) or (el.tail or "").strip():
        return None
    following = el.getnext()
    if following is None or not isinstance(following.tag, str) or following.tag not in _NAME_AFTER_BY \
            or next(following.iter("br"), None) is not None or next(el.iterancestors("pre", "code"), None) is not None:
        return None  # (a name over two lines is read as its line says; "BY" in a code listing is SQL)
    return following if is_name(inline_text(following)) else None


def _prose(text: str) -> bool:
    """Whether a line that begins "By" is a sentence, not a byline: a dozen words or more
    after "By", the first in lower case ("By the time the council voted, the budget had
    already …", "By clicking “Post Your Answer”, you agree to our terms of service")."""
    match = _BY.match(text)
    rest = text[match.end():].split() if match else []
    return len(rest) >= 12 and rest[0][:1].islower()


_PROFILE = re.compile(r"/(?:users?|profiles?|members?|people|mitglied|benutzer|user-[a-z]+)(?:[/?#.-]|$)|[?&](?:u|uid|user)=",
                      re.IGNORECASE)


def _profile_links_before_dates(root: HtmlElement | None) -> list[HtmlElement]:
    """A name right before the post's date on its line, where nothing says "By": a link to
    a user's profile ("<a href='/user-uebersicht/?u=138114'>HansEhrlich</a> 17.10.2019,
    13:56 Uhr", "<a href='/profile/info/8077/'>Ami Angelowicz</a><br>4:20PM, 10/28/2010"),
    or a name in bold that opens a short line ending in the date ("<strong>Patricio
    Candia</strong> | Palma de Mallorca | 08/01/2014"): the meta line of sites that write
    no "By"."""
    if root is None:
        return []
    found = []
    for el in root.iter("a", "strong", "b"):
        if el.tag == "a":
            if not _PROFILE.search(el.get("href") or ""):
                continue
            after = _after_name(el)
            span = date_span(after) if after and len(after) <= 60 else None
            if span is not None and (span[0] <= 3 or _CLOCK_FIRST.fullmatch(after[:span[0]])):
                found.append(el)
        elif _opens_a_dated_line(el):
            found.append(el)
    return found


def _names_beside_their_pictures(near: list[HtmlElement]) -> list[HtmlElement]:
    """A name shown right after a picture whose alternative text is that name (the
    writer's portrait and name under the headline: "<a><img alt='Ophélie Ostermann'></a>
    <a>Ophélie Ostermann</a>"), among the elements ``near`` after the headline; not a
    teaser's picture and title, which link a dated post."""
    found: list[HtmlElement] = []
    seen: set[HtmlElement] = set()
    for el in (img for line in near if line.tag in ("a", "div", "span", "p", "figure", "li") and len(line) <= 6
               for img in line.iterchildren("img", "a")):
        if el.tag == "a":
            el = next(el.iterchildren("img"), None)
        if el is None or el in seen:
            continue
        seen.add(el)
        alt = collapse(el.get("alt") or "")
        if not is_name(alt) or not 2 <= len(alt.split()) <= 4:
            continue
        holder = el.getparent() if el.getparent() is not None and el.getparent().tag == "a" else el
        following = holder.getnext()
        if following is not None and collapse(inline_text(following)) == alt \
                and not any(_DATED_PATH.search(a.get("href") or "") for a in (holder, following) if a.tag == "a"):
            found.append(following)  # (not a teaser: its picture and title link a dated post)
    return found


def _after_name(el: HtmlElement) -> str:
    """What follows ``el`` on its line: its tail, past line breaks, else the next element."""
    after = (el.tail or "").strip()
    following = el.getnext()
    while not after and following is not None and following.tag == "br":
        after = (following.tail or "").strip()
        following = following.getnext()
    if not after and following is not None:
        after = inline_text(following)
    return after


def _opens_a_dated_line(el: HtmlElement) -> bool:
    """Whether a bold ``el`` holding a name alone (two to four words, which no link of the
    page shows) opens a short line of its own whose last part is a date, the parts
    between it and the date a few words each (a place)."""
    line = el.getparent()
    if line is None or line.tag not in ("p", "div", "span") or (line.text or "").strip() or len(line) > 4:
        return False
    name = inline_text(el)
    shown = collapse(inline_text(line))
    if not is_name(name) or not 2 <= len(name.split()) <= 4 or len(shown) > _DATED_LINE or not shown.startswith(name):
        return False
    if any(collapse(inline_text(a)) == name for a in el.getroottree().iter("a")):
        return False  # a section's label, which the site's menus link ("Latest News | 08/01/2014")
    parts = [part for part in _LINE_PARTS.split(shown[len(name):]) if part.strip()]
    if not parts or len(parts) > 3 or any(len(part.split()) > 4 for part in parts[:-1]):
        return False
    span = date_span(parts[-1])
    return span is not None and span[0] == 0 and span[1] >= len(parts[-1].rstrip()) - 1


_DATED_LINE = 100
_DATED_PATH = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?")  # a post's address by its date ("/2012/10/…")
_CLOCK_FIRST = re.compile(r"\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[,|·–-]?\s*", re.IGNORECASE)  # "4:20PM, " before the date
_LINE_PARTS = re.compile(r"\s*[|·•–—]\s*|\s+-\s+")


def _by_before_child(el: HtmlElement, text: str) -> bool:
    """"By " and then the name in a child element (``<p>By <a>Khaama Press</a> - …</p>``):
    the element's own text is only the word and the space or colon after it."""
    return len(el) > 0 and text[-1:] in (" ", ":", "\u00a0", "\n", "\t") and bool(_BY.match(text.rstrip() + " ·"))


# The line of old WordPress themes: "Posted on March 30, 2015 by Admin", "Publié le … par …",
# "Posted in News by admin on March 30, 2015".
_POSTED_ON = re.compile(r"^\s*(?:posted|published|written|submitted|publié|publiée|veröffentlicht|geschrieben|diposting)\s+"
                        r"(?:on|am|le|el|il|pada|in|dans|en)\b", re.IGNORECASE)
# The meta line of WordPress's bundled Classic theme and its many descendants:
# "Filed under: News, Politics — admin @ 4:38 pm".
_FILED_UNDER = re.compile(r"^\s*(?:filed under|posted in|abgelegt unter|classé dans|archivado en)\b[^—–@]{0,200}"
                          r"\s[—–]\s+(?P<name>[^—–@|]{1,60}?)\s+@\s*\d", re.IGNORECASE)
# Every letter _FILED_UNDER's line may begin with (the first letters of its words, in
# either case; no other character matches them ignoring case): lines that begin otherwise
# are not read for it, most of the post's short elements.
_FILED_UNDER_FIRST = "fFpPaAcC"
_BY_AFTER = re.compile(r"\s(?:by|von|par|por|di|door|oleh|przez)\s+(?=\S)", re.IGNORECASE)
_REGION_TEXT = 600


def _headline_region(headline: HtmlElement | None) -> HtmlElement | None:
    """Where the post stands on a page that marks no post element: the nearest ancestor
    of the headline that holds text enough for a post (not the whole page), so a "By"
    line in its header or below its text is found and one in a sidebar or teaser is not."""
    if headline is None:
        return None
    for ancestor in headline.iterancestors():
        if ancestor.tag in ("body", "html"):
            return None
        if len(ancestor.text_content()) >= _REGION_TEXT:
            return ancestor
    return None


def _line(el: HtmlElement) -> HtmlElement:
    """The byline an author element stands on (a link inside "By <a>NAME</a> on DATE")."""
    line = el
    for ancestor in el.iterancestors():
        if len(inline_text(ancestor)) > _MAX_LINE or ancestor.tag in ("article", "main", "body", "header"):
            break
        line = ancestor
        if _BY.match(inline_text(ancestor)):
            break
    return line


def _name_text(el: HtmlElement, line: HtmlElement) -> str:
    """The text to read names from: the line when it says "By …" (it may name several
    people), else the named element's own text."""
    text = _shown_name(line)
    own = _shown_name(el)
    if _BY.match(text) and (own or el is line):
        return text
    return own  # an empty author element names nobody, whatever its line says


# Parts of a byline box that say who the author is, not their name: "<span class='job-title'>
# Live and breaking news reporter</span>", "<p itemprop='description'>Redakteur</p>", and
# text only screen readers get ("<span class='sr-only'>Reiterrevue International</span>").
_ASIDE_WORDS = frozenset({"job", "jobtitle", "position", "role", "occupation", "description", "desc", "bio",
                          "biography", "tagline", "avatar", "initials", "adr", "locality", "region", "org",
                          "affiliation"})  # (hCard's address and organisation beside its "fn")
_UNSEEN_CLASSES = frozenset({"sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden", "element-invisible",
                             "screenreader", "screen-reader-only", "a11y-hidden", "u-visually-hidden"})
_ASIDE_PROPS = frozenset({"jobtitle", "description"})
_LABEL = re.compile(r"^[^:]{1,30}:\s*$")
_MAX_ROLE = 60
# The author's role as a label before the name: "Редактор: NAME", "Autorin: NAME".
_ROLE_LABEL = re.compile(
    r"^(?:author|autor|autorin|autora|autore|auteur|autrice|redakteur|redakteurin|editor|editora|redactor|redactora|"
    r"rédacteur|rédactrice|redattore|redattrice|reporter|writer|journalist|journalistin|journaliste|periodista|"
    r"giornalista|autorka|redaktor|redaktorka|szerző|forfatter|författare|kirjoittaja|yazar|автор|редактор|"
    r"автори|редактори|αρθρογράφος|συντάκτης)\s*:\s+(?=\S)",
    re.IGNORECASE,
)


def _shown_name(element: HtmlElement) -> str:
    """A byline's text as it reads up to the end of its name: without the parts that give
    the author's job or are read to screen readers only, and up to the line break after the
    name ("By ANDREW DALTON<br>AP Entertainment Writer")."""
    if _aside(element):
        return ""
    if not len(element) or not any(_aside(el) or el.tag == "br" for el in element.iterdescendants()):
        return inline_text(element)
    pieces: list[str] = [element.text or ""]

    def named() -> bool:  # a name read, not only "By" or a label ("Редактор:")
        return any(c.isalpha() for c in _LABEL.sub("", _BY.sub("", collapse("".join(pieces)))))

    def walk(el: HtmlElement) -> bool:  # False: the name has ended
        for child in el:
            if isinstance(child.tag, str) and child.tag == "br" and named():
                return False
            if isinstance(child.tag, str) and not _aside(child):
                block = " " if child.tag in BLOCK_TAGS or child.tag == "br" else ""
                pieces.append(block + (child.text or ""))
                if not walk(child):
                    return False
                pieces.append(block)
            pieces.append(child.tail or "")
        return True

    walk(element)
    return collapse("".join(pieces))


def _aside(el: HtmlElement) -> bool:
    """Whether a part of a byline box is no part of the name: hidden, for screen readers,
    named for the author's job, avatar or biography, or a role alone."""
    if not isinstance(el.tag, str) or el.tag in SKIP_TAGS or el.get("hidden") is not None:
        return True
    if (el.get("itemprop") or "").lower() in _ASIDE_PROPS:
        return True
    classes = (el.get("class") or "").split()
    if classes and (any(c.lower() in _UNSEEN_CLASSES for c in classes)
                    or any(_ASIDE_WORDS.intersection(words(c)) for c in classes)):
        return True
    text = inline_text(el)  # a part that is a role alone: "<span>Senior Contributor</span>"
    if len(text) <= 3 and shows_initials(el, text):
        return True  # a letter avatar: "PA" in a link titled "Povilas Aleksandravičius"
    return 0 < len(text) <= _MAX_ROLE and _ROLE.fullmatch(text + " ") is not None
