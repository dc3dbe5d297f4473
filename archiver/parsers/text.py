"""Turning lxml elements into clean text: paragraphs, names, label lists.

Shared by every parser layer. Block elements become paragraph breaks, inline elements
flow together, and non-content elements (scripts, forms, share widgets) are skipped,
so the same function serves article bodies and comment texts.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from lxml.html import HtmlElement

from archiver.parsers import memo
from archiver.parsers.places import is_place

BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead",
    "tfoot", "tr", "td", "th", "ul",
))
SKIP_TAGS = frozenset((
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "button", "input", "select", "textarea", "form", "audio", "video", "map", "head", "title",
    "meta", "link",
))
# Leaves that paragraphs() does not read as plain text (skipped, or a line break / emoji).
_LEAF_SPECIAL = SKIP_TAGS | {"br", "img"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b\u2009\u202f]+")
# "<span>By</span><a>Name</a>": the byline word in an element of its own, glued to the
# capitalised name after it ("BySiobhán"; "Byron" is a name).
GLUED_BY = r"(?-i:By|Von|Par|Por)(?=(?-i:[A-ZÀ-ÖØ-Þ][a-zß-ÿ]))"
_BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:posted\s+by|written\s+by|post\s+by|by|von|par|por|autor(?:in)?|author)\s*:?\s+|" + GLUED_BY + ")",
    re.IGNORECASE,
)
# Job titles that precede a name in news bylines ("By Pentagon Correspondent Barbara Starr").
_ROLE_WORDS = re.compile(
    r"^(?:(?:senior|chief|white\s+house|pentagon|national|political|foreign|security|legal|"
    r"justice|congressional|international|business|tech(?:nology)?|science|health|sports|"
    r"staff|special|managing|contributing|associate|deputy|executive|investigative|"
    r"capitol\s+hill|supreme\s+court|intelligence|military|economics?|world|"
    r"[A-Z][a-z]+\s+bureau)\s+)*"
    r"(?:correspondent|reporter|writer|editor|producer|analyst|columnist|contributor|"
    r"journalist|anchor|host|chief)s?\s+",
    re.IGNORECASE,
)
# ("y" and "et" only as lower-case words: "Bruce Y. Lee" is one name, its initial no "and")
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|(?i:\band\b|\bund\b)|&|\|)\s*|\s+(?:y|et)\s+")
_NOT_A_NAME = re.compile(r"https?://|www\.|@|\d{3,}|\b(?:admin|staff|team|redaktion|editorial)\b", re.IGNORECASE)


def collapse(text: str | None) -> str:
    """Whitespace collapsed to single spaces, ends stripped."""
    return _SPACES.sub(" ", text or "").replace("\n", " ").strip() if text else ""


def paragraphs(
    element: HtmlElement, skip: Iterable[HtmlElement] | Container[HtmlElement] = (), start_after: HtmlElement | None = None
) -> list[str]:
    """The element's text as a list of paragraphs (blocks), skipping non-content elements
    and any element in ``skip`` (with its subtree). With ``start_after``, only the text
    after that element's end counts (a comment's body after its author line).

    Iterative, so thousands of nested elements (deep reply threads) cannot exhaust the stack.
    The walk keeps a stack of child iterators rather than one work item per element and
    closes a leaf as soon as it is opened: most elements of a text are leaves, and this
    runs for every comment and every body.
    """
    skipped = skip if isinstance(skip, Container) else set(skip)
    blocks: list[str] = []
    current: list[str] = []
    started = start_after is None
    if not isinstance(element.tag, str):
        return blocks
    iterators = [iter((element,))]
    parents: list[HtmlElement] = []
    append = current.append
    while iterators:
        for el in iterators[-1]:
            tag = el.tag
            if (
                not isinstance(tag, str) or tag in SKIP_TAGS or el in skipped
                or el.get("hidden") is not None or (style := el.get("style")) and _hidden_style(style)
            ):
                if started and el is not element and (tail := el.tail):
                    append(tail)
                if el is start_after:
                    current.clear()
                    started = True
                continue
            block = tag in BLOCK_TAGS
            if block and current:
                _flush(current, blocks, started)
            if started:
                if tag == "br":
                    append("\n")
                elif tag == "img" and _is_emoji(el):
                    append(el.get("alt") or "")
                if text := el.text:
                    append(text)
            if len(el):
                parents.append(el)
                iterators.append(iter(el))
                break
            # A leaf closes at once.
            if block and current:
                _flush(current, blocks, started)
            if el is start_after:
                current.clear()
                started = True
            if started and el is not element and (tail := el.tail):
                append(tail)
        else:
            iterators.pop()
            if not parents:
                break
            el = parents.pop()
            if el.tag in BLOCK_TAGS and current:
                _flush(current, blocks, started)
            if el is start_after:
                current.clear()
                started = True
            if started and el is not element and el.tail:
                current.append(el.tail)
    if current:
        _flush(current, blocks, started)
    return blocks


def _flush(current: list[str], blocks: list[str], started: bool) -> None:
    """End the paragraph being read: its text, whitespace collapsed, joins ``blocks``."""
    text = " ".join("".join(current).split())
    if text and started:
        blocks.append(text)
    current.clear()


def _hidden_style(style: str | None) -> bool:
    return bool(style) and "display:none" in style.replace(" ", "").lower()  # type: ignore[union-attr]


def _is_emoji(el: HtmlElement) -> bool:
    """WordPress swaps emoji for ``<img class="emoji" alt="😀">``; the alt is the text."""
    classes = (el.get("class") or "").split()
    return "emoji" in classes or "wp-smiley" in classes


def text_of(
    element: HtmlElement | None, skip: Iterable[HtmlElement] | Container[HtmlElement] = (), start_after: HtmlElement | None = None
) -> str:
    """Plain text of an element: paragraphs separated by blank lines."""
    if element is None:
        return ""
    return "\n\n".join(paragraphs(element, skip, start_after))


def inline_text(element: HtmlElement | None) -> str:
    """All text in an element on one line (for titles, names, labels)."""
    if element is None:
        return ""
    lines = getattr(memo.STATE, "lines", None)  # remembered while a page is parsed (archiver.parsers.memo)
    if lines is None:
        return _inline_text(element)
    found = lines.get(element)
    if found is None:
        found = lines[element] = _inline_text(element)
    return found


def _inline_text(element: HtmlElement) -> str:
    if not isinstance(element.tag, str):
        return collapse(str(element))
    if not len(element) and element.tag not in _LEAF_SPECIAL and not is_hidden(element):
        return " ".join((element.text or "").split())  # a leaf: what paragraphs() gives, cheaper
    return _one_line(element)


def _one_line(element: HtmlElement) -> str:
    """``" ".join(paragraphs(element))``, read in one pass without the paragraphs.

    The same walk as :func:`paragraphs` without ``skip`` and ``start_after``, but a block's
    edges add a space instead of closing a paragraph: joining the paragraphs' words with
    single spaces gives the same words in the same order as splitting the whole text at
    white space once, so the line is the same. Names, dates and labels are read this way
    a hundred times a page; building no paragraph list for each saves most of the cost.
    """
    tag = element.tag
    if tag in SKIP_TAGS or element.get("hidden") is not None or (style := element.get("style")) and _hidden_style(style):
        return ""  # (paragraphs() reads nothing of a non-content or hidden element)
    pieces: list[str] = []
    append = pieces.append
    if tag == "img" and _is_emoji(element):
        append(element.get("alt") or "")
    if text := element.text:
        append(text)
    iterators = [iter(element)]
    parents: list[HtmlElement] = []
    while iterators:
        for el in iterators[-1]:
            tag = el.tag
            if (
                not isinstance(tag, str) or tag in SKIP_TAGS
                or el.get("hidden") is not None or (style := el.get("style")) and _hidden_style(style)
            ):
                if tail := el.tail:
                    append(tail)
                continue
            block = tag in BLOCK_TAGS
            if block:
                append(" ")
            if tag == "br":
                append("\n")
            elif tag == "img" and _is_emoji(el):
                append(el.get("alt") or "")
            if text := el.text:
                append(text)
            if len(el):
                parents.append(el)
                iterators.append(iter(el))
                break
            if block:
                append(" ")
            if tail := el.tail:
                append(tail)
        else:
            iterators.pop()
            if not parents:
                break
            el = parents.pop()
            if el.tag in BLOCK_TAGS:
                append(" ")
            if tail := el.tail:
                append(tail)
    return " ".join("".join(pieces).split())


def may_begin_with(element: HtmlElement, letters: str) -> bool:
    """False when the element's line (:func:`inline_text`) cannot begin with any of
    ``letters``: its first character is found without reading the whole line. A cheap
    test before a pattern anchored at the line's start whose first letter, in every case
    the pattern allows, is among ``letters``."""
    if not isinstance(element.tag, str):
        return True
    lines = getattr(memo.STATE, "lines", None)
    line = lines.get(element) if lines is not None else None
    first = line[:1] if line is not None else _first_shown(element)
    return first != "" and first in letters


def _first_shown(element: HtmlElement) -> str:
    """The first character of ``_inline_text(element)`` ("" for an empty line): the walk
    of :func:`_one_line` up to the first piece that shows any character (block edges add
    only spaces, which the line does not begin with)."""
    tag = element.tag
    if tag in SKIP_TAGS or element.get("hidden") is not None or (style := element.get("style")) and _hidden_style(style):
        return ""
    if tag == "img" and _is_emoji(element) and (shown := (element.get("alt") or "").lstrip()):
        return shown[0]
    if (text := element.text) and (shown := text.lstrip()):
        return shown[0]
    iterators = [iter(element)]
    parents: list[HtmlElement] = []
    while iterators:
        for el in iterators[-1]:
            tag = el.tag
            if (
                not isinstance(tag, str) or tag in SKIP_TAGS
                or el.get("hidden") is not None or (style := el.get("style")) and _hidden_style(style)
            ):
                if (tail := el.tail) and (shown := tail.lstrip()):
                    return shown[0]
                continue
            if tag == "img" and _is_emoji(el) and (shown := (el.get("alt") or "").lstrip()):
                return shown[0]
            if (text := el.text) and (shown := text.lstrip()):
                return shown[0]
            if len(el):
                parents.append(el)
                iterators.append(iter(el))
                break
            if (tail := el.tail) and (shown := tail.lstrip()):
                return shown[0]
        else:
            iterators.pop()
            if not parents:
                break
            el = parents.pop()
            if (tail := el.tail) and (shown := tail.lstrip()):
                return shown[0]
    return ""


def is_hidden(el: HtmlElement) -> bool:
    """Whether the element itself is hidden: the ``hidden`` attribute or ``display:none``."""
    return el.get("hidden") is not None or _hidden_style(el.get("style"))


# A link's path that leads to a comment itself (Drupal's "/comment/123") or to a person's
# page (a profile, an author archive): not to another post. For lower-case paths.
PERSONAL_PATH = re.compile(r"comment|/users?/|/profiles?/|/members?/|/people/|/author/")


def shows_initials(el: HtmlElement, shown: str) -> bool:
    """Whether ``shown``, the text of ``el``, is a letter avatar: one to three letters
    that begin the name an image label gives (``role="img"``, a ``title`` or
    ``aria-label`` on it or around it: "Y" for "yellowkitty", "PA" for "Povilas
    Aleksandravičius"), or the name shown right after it ("有", then "有点蠢")."""
    letters = shown.strip()
    if not 1 <= len(letters) <= 3 or not letters.isalpha():
        return False
    if el.get("role") == "img":
        return True
    labels = [label for node in (el, *list(el.iterancestors())[:2])
              for label in (node.get("title"), node.get("aria-label")) if label]
    following = el.getnext()
    if following is not None and isinstance(following.tag, str):
        labels.append(inline_text(following))
    wanted = letters.casefold()
    for label in labels:
        label_words = label.split()
        if len(label.strip()) <= len(letters):
            continue  # (a label no longer than the letters names nothing more)
        if len(letters) == 1 and label.strip().casefold().startswith(wanted):
            return True
        if len(label_words) >= len(letters) and "".join(w[0] for w in label_words[: len(letters)]).casefold() == wanted:
            return True
    return False


def goes_somewhere(link: HtmlElement) -> bool:
    """A link to another page, not a button a script runs ("#", "javascript:…")."""
    href = (link.get("href") or "#").strip()
    return not href.startswith(("#", "javascript:"))


def clean_byline(byline: str | None) -> list[str]:
    """Names from a byline: "By Pentagon Correspondent Barbara Starr" -> ["Barbara Starr"]."""
    if not byline:
        return []
    text = collapse(byline)
    titled = titled_names(text)
    if titled:
        return [name for name in titled if is_plausible_name(name)]
    text = _BYLINE_PREFIX.sub("", text)
    text = re.split(r"\s+[|·•]\s+|\s+-\s+|\n", text)[0]
    text = re.sub(r"\s*\(.*?\)\s*", " ", text)
    names = []
    for part in _NAME_SEPARATORS.split(text):
        part = _ROLE_WORDS.sub("", _BYLINE_PREFIX.sub("", part.strip(" ,.:"))).strip(" ,.:")
        if part and is_plausible_name(part) and part not in names:
            names.append(part)
    # a part after the first that names a place is the dateline ("By NAME, BBC News, New York")
    return names[:1] + [name for name in names[1:] if not is_place(name)]


# Korean and Japanese news bylines put the title after the name: "구현모 기자" (reporter),
# "홍길동·김철수 기자", "정덕현 칼럼니스트" (columnist), "山田太郎記者". The name is the word
# (or the words joined by "·") right before the title.
_TITLE_AFTER = re.compile(r"(?:^|[\s,(\[])(?P<names>[^\s,()\[\]·・]+(?:\s*[·・]\s*[^\s,()\[\]·・]+)*)\s*"
                          r"(?:선임기자|수습기자|기자|특파원|논설위원|칼럼니스트|객원기자|記者|特派員|編集委員)(?=$|[\s,.)\]@])")
_NAME_LIST = re.compile(r"\s*[·・]\s*")


def titled_names(text: str) -> list[str]:
    """The names a byline gives each before its title ("구현모 기자", "홍길동·김철수 기자"),
    in order, once each; none when no such title is there."""
    return list(dict.fromkeys(name for found in _TITLE_AFTER.finditer(text)
                              for name in _NAME_LIST.split(found.group("names")) if name))


def is_plausible_name(text: str) -> bool:
    """A person-like name: 1 to 6 words, has letters, not a URL, date or site credit."""
    words = text.split()
    return 1 <= len(words) <= 6 and any(c.isalpha() for c in text) and not _NOT_A_NAME.search(text) \
        and name_shaped(text)


# Lower-case words that stand inside names ("Hagen von Eitzen", "Ursula von der Leyen").
_NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "zu",
                             "zur", "ten", "ter", "bin", "ibn", "al", "el", "y", "e", "dos", "das", "do", "and",
                             "und", "et", "&", "the"})  # ("the" of a pen name: "Joy the Baker")
# The labels a byline box shows beside the name, read alone as a name ("Auteur", "Published").
_ROLE_LABELS = frozenset({"author", "authors", "auteur", "auteurs", "autor", "autorin", "autoren", "autore",
                          "writer", "verfasser", "verfasserin", "redakteur", "redakteurin", "by", "von", "par",
                          "published", "updated", "posted", "submitted", "veröffentlicht", "aktualisiert", "publié",
                          "publicado", "responses", "replies", "reactions", "antworten", "réponses", "respuestas",
                          "created", "erstellt", "geändert", "modified", "créé", "creado", "creato"})
_READING_TIME = re.compile(r"\bmin(?:ute)?s?\.?\s+read\b|\bread(?:ing)?\s+time\b|\blesezeit\b|temps de lecture",
                           re.IGNORECASE)


def name_shaped(text: str) -> bool:
    """Whether a name has the shape of one: no label colon ("Снимка: Getty Images", "of the
    article: Jody Robbins"), no reading time ("1 Min Read") or bare label ("Auteur"), and, when it mixes capitalised
    and lower-case words, no lower-case word but a name particle: "der Befreiung zum
    Staatsvertrag" and "Hardware Despite all the power inside" are a heading's or a
    sentence's words. All lower-case names ("jancak", "danah boyd") and scripts without
    case pass."""
    if ":" in text or _READING_TIME.search(text) or text.strip(" .").lower() in _ROLE_LABELS:
        return False
    words = text.split()
    if words[0].lower() == "the":  # a staff byline: "the CNN Wire Staff"
        words = words[1:]
    cased = [w for w in words if w[0].lower() != w[0].upper()]  # words whose first letter has a case
    if len(cased) < 2 or not any(w[0].isupper() for w in cased):
        return True
    return all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in cased)


def labels(elements: Iterable[HtmlElement]) -> list[str]:
    """Distinct, non-empty inline texts in document order (tags, categories)."""
    seen: list[str] = []
    for el in elements:
        value = inline_text(el)
        if value and value not in seen:
            seen.append(value)
    return seen


_NUMBER_WORDS = {"one": 1, "ein": 1, "eine": 1, "einen": 1, "un": 1, "una": 1, "uno": 1, "no": 0, "keine": 0}
_COUNT_TOKEN = re.compile(r"\d[\d.,\u00a0 ]*|[^\W\d_]+")


def first_int(text: str | None) -> int | None:
    """The first whole number in a text, in digits or as a word ("soundoff (5 Responses)" -> 5,
    "One thought on “Python 3”" -> 1, "1.234" -> 1234)."""
    if not text:
        return None
    for match in _COUNT_TOKEN.finditer(text):
        token = match.group(0)
        if token[0].isdigit():
            digits = re.sub(r"\D", "", token.strip())
            return int(digits) if digits else None
        if token.lower() in _NUMBER_WORDS:
            return _NUMBER_WORDS[token.lower()]
    return None
