"""The post's headline element, found by agreement with the title the page declares.

A page has many headings: the site name in an ``h1``, widget titles, a newsletter box's
"While you are here…". The headline is the heading whose text the page also declares as
its title (``og:title``, ``twitter:title``, or the start of ``<title>`` before the site
suffix). The date line of old themes ("8. Dezember 2010 um 09:43 · Rezepte · 6
Kommentare") sits right after that heading, so it is found from there too.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from archiver.dates import parse_date_in
from archiver.parsers.memo import remembered
from archiver.parsers.scope import PostScope
from archiver.parsers.site import SITE_NAME
from archiver.parsers.text import collapse, inline_text
from archiver.parsers.hints import words
from archiver.parsers.titles import DECLARED, fold, without_badge
from archiver.parsers.xpath import fast_xpath, within as _within

HEADINGS = fast_xpath("//h1 | //h2 | //h3")
_MAX_HEADINGS = 40
_fold = fold


_SEGMENT_SEPARATORS = re.compile(r"\s+(?:[|–—»«·:]|-|::)\s+|:\s+")
_SITE_SUFFIX = re.compile(r"(.+)\s+(?:[|–—»·]|-|::)\s+([^|–—»·]+)$")  # (title, what follows its last separator)
_HIDDEN_CLASSES = frozenset({"sr-only", "screen-reader-text", "visually-hidden", "hidden", "assistive-text"})


def _declared(tree: HtmlElement) -> tuple[set[str], set[str]]:
    """(whole declared titles, their segments), folded: ``og:title``, ``twitter:title``
    and ``<title>``, and what lies between their separators ("Post | Section | Site").
    Worked out once per page: the headline finder and every layer's title ask (callers
    only read the sets)."""
    return remembered(("declared titles", tree), lambda: _read_declared(tree))


def _read_declared(tree: HtmlElement) -> tuple[set[str], set[str]]:
    raw = [str(v) for v in DECLARED(tree)] + [tree.findtext(".//title") or ""]
    whole = {f for text in raw if (f := _fold(text))}
    site = _site_name(tree)
    if site:  # "Title: subtitle - Site": the whole title is what stands before the site's name
        whole |= {f for text in raw if (match := _SITE_SUFFIX.match(" ".join(text.split())))
                  and _fold(match.group(2)) == site and (f := _fold(match.group(1)))}
    segments = {f for text in raw for part in _SEGMENT_SEPARATORS.split(" ".join(text.split()))
                if len(f := _fold(part)) >= 8}
    return whole, segments


def agreement(text: str, whole: set[str], segments: set[str]) -> float:
    """How well a heading's text agrees with the declared titles: 3.5 equal to one, 2 to 3
    equal to a segment of one (the longest segment most), 1.5 a segment followed by a
    badge word or two ("… Abonnés"), 1 the start of ``<title>``; 0 no agreement."""
    folded = _fold(text)
    if len(folded) < 4:
        return 0
    if folded in whole:
        return 3.5
    if folded in segments:  # the longer the segment, the likelier the post's title (not the site's name)
        return 2 + len(folded) / max(len(segment) for segment in segments)
    if any(folded.startswith(segment) and _badge_after(text, segment) for segment in segments):
        return 1.5
    if any(title.startswith(folded) and len(folded) * 3 >= len(title) for title in whole):
        return 1
    return 0


def _words_of(segment: str, text: str) -> int:
    """How many leading words of ``text`` make up the folded ``segment``."""
    taken = ""
    for count, word in enumerate(text.split(), 1):
        taken += _fold(word)
        if len(taken) >= len(segment):
            return count
    return len(text.split())


def _badge_after(text: str, segment: str) -> bool:
    """Whether what follows the declared title in a heading is an appendix, not part of
    the title: a word or two without digits ("Abonnés", "Exclusive"), or anything after a
    dash or bar ("… - Maggie Haberman")."""
    taken = _words_of(segment, text)
    words_ = text.split()
    rest = words_[taken:]
    if not rest:
        return False
    if rest[0] in ("-", "–", "—", "|"):
        return True
    if words_[taken - 1].endswith(":") or rest[0].startswith(":"):
        return False  # a subtitle after a colon belongs to the title
    return len(rest) <= 2 and not any(c.isdigit() for word in rest for c in word)


def badge_agreement(heading: HtmlElement, whole: set[str], segments: set[str]) -> float:
    """1.5 when the heading, without the label it opens with, agrees with a declared
    title (:func:`agreement`); else 0."""
    rest = without_badge(heading)
    return 1.5 if rest and agreement(rest, whole, segments) else 0


def agreed_text(heading: HtmlElement, whole: set[str], segments: set[str]) -> str:
    """The heading's text, without an appendix after the declared title (a badge word, a
    byline after a dash) or a label before it."""
    text = inline_text(heading)
    folded = _fold(text)
    if folded in whole or folded in segments or any(title.startswith(folded) for title in whole):
        return text  # the whole heading begins a declared title ("Title – subtitle - Site"): all of it is the title
    if badge_agreement(heading, whole, segments):
        return without_badge(heading) or text
    for segment in sorted(segments, key=len, reverse=True):
        if folded.startswith(segment) and _badge_after(text, segment):
            return " ".join(text.split()[: _words_of(segment, text)])
    return text


def agreed_title(tree: HtmlElement, heading: HtmlElement | None) -> str | None:
    """The title a heading shows, as far as it agrees with the declared one."""
    if heading is None:
        return None
    whole, segments = _declared(tree)
    return agreed_text(heading, whole, segments) or None


def agreeing_heading(tree: HtmlElement, scope: PostScope, themed: list[HtmlElement] | tuple = ()) -> HtmlElement | None:
    """The post's headline, from several signals together: agreement with a declared
    title (:func:`agreement`), a theme's title markup (``themed``: ``h1.entry-title``…),
    standing inside the main post, being an ``h1``. A heading needs agreement or theme
    markup; hidden headings and the site's name never count."""
    whole, segments = _declared(tree)
    site = _site_name(tree)
    segments = {segment for segment in segments if segment != site}  # "Post - The Daily Beast": not "The Daily Beast On:"
    main = scope.main
    marked = set(themed)
    best: tuple[float, int] | None = None
    found: HtmlElement | None = None
    candidates = list(HEADINGS(tree)[:_MAX_HEADINGS * 2]) + [el for el in themed if el.tag not in ("h1", "h2", "h3")]
    for position, heading in enumerate(candidates):
        # agreement first: most headings of a page (widget and teaser titles) agree with
        # nothing and carry no theme markup, and need no look at where they stand
        agreed = (agreement(inline_text(heading), whole, segments) or badge_agreement(heading, whole, segments)
                  ) if (whole or segments) else 0
        if not agreed and heading not in marked:
            continue
        if _hidden(heading) or not scope.belongs(heading):
            continue
        if _site_title(heading, site) and not (agreed == 3.5 and _fold(inline_text(heading)) != site):
            continue  # (a declared title in a box whose name has "blog" and "title" is the post's: "single-blog-title")
        score = agreed + (1.0 if heading in marked else 0) + (1.0 if main is not None and _within(heading, main) else 0)
        score += {"h1": 0.25, "h2": 0.1}.get(heading.tag, 0)
        rank = (score, -position)
        if best is None or rank > best:
            best, found = rank, heading
    return found


def first_agreeing(tree: HtmlElement, headings) -> HtmlElement | None:
    """The first of ``headings`` whose text agrees with a title the page declares: the
    post's headline among the page's ``h1`` elements, not a logo's empty one or a form's
    "Send a comment"."""
    whole, segments = _declared(tree)
    if not whole and not segments:
        return None
    return next((heading for heading in headings if (text := inline_text(heading))
                 and (agreement(text, whole, segments) or badge_agreement(heading, whole, segments))), None)


def _site_name(tree: HtmlElement) -> str:
    """The site's declared name, folded (worked out once per page: the headline finders ask)."""
    return remembered(("site name", tree), lambda: _fold(next(iter(SITE_NAME(tree)), "") or ""))


_SITE_WORDS = frozenset({"site", "logo", "branding", "brand", "masthead", "blog"})


def _site_title(heading: HtmlElement, site: str) -> bool:
    """The site's name rather than a post's: the ``og:site_name``, a heading that links
    to the home page, or one in the page's branding (``.site-title``, ``#logo``,
    ``#masthead``, ``.blog-title``)."""
    if site and _fold(inline_text(heading)) == site:
        return True
    link = heading.find(".//a")
    if link is not None and (link.get("href") or "").rstrip("/") in ("", ".", "..") or (
        link is not None and _HOME.match(link.get("href") or "")
    ):
        return True
    for el in (heading, *list(heading.iterancestors())[:3]):
        names = words(f"{el.get('class') or ''} {el.get('id') or ''}")
        if "masthead" in names or "logo" in names or "branding" in names or (
            ("site" in names or "blog" in names) and ("title" in names or "name" in names)
        ):
            return True
    return False


_HOME = re.compile(r"^(?:https?://[^/]+)?/?(?:index\.\w+)?$")


def post_heading(scope: PostScope) -> HtmlElement | None:
    """The first visible ``h1`` (else ``h2``) inside the page's main post that is not the
    site's name: the headline of a post whose declared titles say something else. On a
    page that marks no post element, its only ``h1`` (a second one leaves it undecided)."""
    site = _site_name(scope.root)
    if scope.main is None:  # no post element: the page's one h1, if it has exactly one
        shown = [h for h in _H1(scope.root) if inline_text(h) and not _hidden(h) and scope.belongs(h)
                 and not _site_title(h, site)]
        return shown[0] if len(shown) == 1 else None
    for tag in ("h1", "h2"):
        for heading in scope.main.iter(tag):
            if inline_text(heading) and not _hidden(heading) and not _site_title(heading, site):
                return heading
    return None


_H1 = fast_xpath("//h1")


def _hidden(heading: HtmlElement) -> bool:
    classes = set((heading.get("class") or "").split())
    return bool(classes & _HIDDEN_CLASSES) or heading.get("hidden") is not None


def dateline_after(heading: HtmlElement | None, languages: tuple[str, ...] | None) -> str | None:
    """A date in the first blocks after the headline (old themes' post-meta line)."""
    if heading is None:
        return None
    node = heading
    for _ in range(3):
        node = node.getnext()
        if node is None or not isinstance(node.tag, str):
            break
        text = collapse(inline_text(node))
        if text and len(text) <= 200:
            found = parse_date_in(text, languages=languages)
            if found:
                return found
    return None


_FOLLOWING = fast_xpath("following::*[position() <= 60]")
_PRECEDING = fast_xpath("preceding::*[position() <= 30]")
_TEXT_STARTS = 150
_SECTION_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def near_headline(headline: HtmlElement) -> list[HtmlElement]:
    """Elements in the few dozen after the headline, up to the first paragraph of the
    text or the next heading (itself the last), and thirty before it: where a post's
    date line and byline stand in any theme. Nearest first after it, then nearest first
    before it. Worked out once per page (the date and the byline searches both ask)."""
    return list(remembered(("near_headline", headline), lambda: _near_headline(headline)))


def _near_headline(headline: HtmlElement) -> tuple[HtmlElement, ...]:
    near = list(_after_headline(headline))
    near.extend(reversed(_PRECEDING(headline)))
    return tuple(el for el in near if el.tag not in _NOT_LINES)


def after_headline(headline: HtmlElement) -> list[HtmlElement]:
    """The elements of :func:`near_headline` that follow the headline, up to the text."""
    return [el for el in remembered(("after_headline", headline), lambda: _after_headline(headline))
            if el.tag not in _NOT_LINES]


def _after_headline(headline: HtmlElement) -> tuple[HtmlElement, ...]:
    after: list[HtmlElement] = []
    for el in _FOLLOWING(headline):
        if el.tag == "p" and len(el.text_content()) > _TEXT_STARTS:
            break  # the text has begun
        after.append(el)
        if el.tag in _SECTION_HEADINGS:
            break  # a heading of its own ("by Jeff Foust"), or another section's ("Related")
    return tuple(after)


_NOT_LINES = frozenset({"script", "style", "noscript", "svg", "path", "img", "meta", "link", "input", "button",
                        "option", "select", "textarea", "form"})
