"""Article body text: the page's content container when it has one, else the page's main text.

Kept apart from the field parsers because body quality is measured on its own (the
extraction-benchmark F1, ``python -m tests.eval.body_f1``, and the Dragnet article F1,
``python -m tests.eval.dragnet``; see ``docs/evaluation.md``) and has its own speed budget.

1. Find the content container (``entry-content``, ``articleBody``, a news CMS's body
   field ...), outside comment areas and sidebars. A container bounds the article far
   better than any text-density guess, but holds its own noise: captions, "Advert"
   labels, share bars, author boxes, newsletter pitches, teaser lists.
2. Read its text without that noise in one walk over the shared tree
   (:mod:`archiver.parsers.density`: noise by name, tag and link density). Without a
   container, the same walk over the whole page finds the main region by paragraph votes.
3. Only where that reading is doubtful (the container was mostly noise; on a page: no
   prose to vote, the best prose in a sidebar, two regions alike, too little text)
   trafilatura reads the container (fast mode, a few ms) or the whole page (precision
   mode, ~15 ms).

trafilatura used to run on every container that was not plain and every page without a
container, about half of all pages and most of their parse time; the density reading
scores as well on both evaluations (numbers in ``docs/evaluation.md``).
"""

from __future__ import annotations

import copy
import re
from typing import Literal

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from archiver.page import Page
from archiver.parsers import density
from archiver.parsers.memo import tree_changed
from archiver.parsers.xpath import attached, class_index

# trafilatura's trade-off: "precision" drops more borderline blocks (and section headings),
# "recall" keeps more. Measured best: balanced inside a container, precision on a whole page.
Focus = Literal["precision", "balanced", "recall"]
# A whole-page extraction shorter than this is taken as a miss (a paywall notice, a
# cookie banner) and retried with trafilatura's recall-oriented settings.
MIN_WORDS = 20
# When trafilatura keeps less than this share of the density reading's words, it has taken
# one part of the container for the whole article; the density reading is then better.
MIN_SHARE = 0.5
# A further block of a split body must hold at least this share of the largest block's
# text (Drupal pages repeat the body-field class on empty or one-word fields).
SPLIT_BLOCK_SHARE = 0.2
# A container with at most this many noise elements is plain (:func:`is_plain`).
PLAIN_NOISE = 5
# Noise elements inside a container for is_plain(): non-prose blocks, and class or id
# fragments of captions, ads, share bars, embeds, author boxes and newsletter pitches.
NOISE_TAGS = frozenset({"figure", "figcaption", "script", "iframe", "aside", "form", "nav"})
_NOISE_MARK = re.compile(
    r"ad|share|related|newsletter|promo|author|caption|social|subscribe|embed|widget|tweet|video|credit|inline"
)


# Blocks inside a post body that are not the post's text: class tokens, ids and tags.
NOISE_CLASSES = frozenset({
    "sharedaddy", "jp-relatedposts", "wp-block-buttons", "share", "social", "addtoany_share_save_container",
    "wpcnt", "post-tags", "tags-links", "cat-links", "entry-meta", "entry-footer", "navigation",
})
NOISE_IDS = frozenset({"jp-post-flair"})
NOISE_BLOCK_TAGS = frozenset({"nav", "aside"})
# Whitespace as XPath's normalize-space() sees it (str.split() also splits at NBSP & co.).
_XML_SPACE = re.compile(r"[ \t\n\r]+")


def xml_tokens(value: str) -> list[str]:
    """The tokens of a class attribute, split where XPath's token tests split it."""
    return _XML_SPACE.split(value.strip(" \t\n\r"))


# The page links of a post split into several pages ("Pages: 1 2 3", "Next page"): links
# to …/N/ or ?page=N whose texts are page numbers or next/previous page, in a block that
# holds nothing else (WordPress's wp_link_pages, whatever class a theme gives it).
_PAGE_HREF = re.compile(r"/\d{1,3}/?(?:[?#]|$)|[?&]page=\d{1,3}(?:[&#]|$)")
_PAGE_LINK_TEXT = re.compile(
    r"^\W*(?:(?:page|seite|página|pagina|strona)\s*)?\d{1,3}\W*$|^\W*(?:next|previous|nächste|vorherige)\s+(?:page|seite)\W*$"
    r"|^\W*page\s+(?:suivante|précédente)\W*$|^\W*página\s+(?:siguiente|anterior)\W*$",
    re.IGNORECASE,
)
_PAGE_BLOCK_WORDS = re.compile(
    r"\d+|pages?|seiten?|páginas?|pagine|pagina|strony|strona|next|previous|nächste|vorherige|suivante|précédente"
    r"|siguiente|anterior|[^\w\s]+", re.IGNORECASE)


def page_link_blocks(block: HtmlElement) -> list[HtmlElement]:
    """Elements inside ``block`` that are only the page links of a post split into pages."""
    found: list[HtmlElement] = []
    for link in block.iter("a"):
        href = link.get("href") or ""
        if not _PAGE_HREF.search(href) or not _PAGE_LINK_TEXT.match(link.text_content() or ""):
            continue
        candidate = None
        node = link.getparent()
        while node is not None and node is not block:
            if not _only_page_links(node):
                break
            candidate = node
            node = node.getparent()
        if candidate is not None and candidate not in found:
            found.append(candidate)
    return found


def _only_page_links(el: HtmlElement) -> bool:
    """Whether ``el`` holds page links and page words only ("Pages:", numbers, "Next page")."""
    if _PAGE_BLOCK_WORDS.sub("", el.text_content() or "").strip():
        return False
    return all(_PAGE_LINK_TEXT.match(a.text_content() or "") for a in el.iter("a"))


# Upper-case name kept from when this was a compiled XPath constant called the same way.
def BODY_NOISE(block: HtmlElement) -> list[HtmlElement]:
    """Elements inside ``block`` (not itself) that are share bars, related posts, tag lists,
    post meta or navigation, or the page links of a post split into pages, in document
    order. A Python walk: the same test as one XPath makes libxml2 evaluate ~30
    ``contains()`` calls on every element of the body."""
    pages = page_link_blocks(block)
    found = []
    for el in block.iterdescendants():
        if pages and el in pages:
            found.append(el)
            continue
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in NOISE_BLOCK_TAGS or el.get("id") in NOISE_IDS:
            found.append(el)
            continue
        classes = el.get("class")
        if classes and not NOISE_CLASSES.isdisjoint(xml_tokens(classes)):
            found.append(el)
    return found


# Body classes and ids of common news CMSs (Drupal fields, Vox Chorus, Arc, Brightspot, ...).
NEWS_BODY_CLASSES = (
    "article-body", "article__body", "articleBody", "article-text", "article__text", "article__content",
    "article-fulltext", "article_body", "story-body", "story-text", "story-content", "post-body",
    "post-text", "c-entry-content", "entry-body", "body-copy", "content-body", "RichTextArticleBody-body",
    "StandardArticleBody_body", "ArticleBody-articleBody", "field-name-body", "field--name-body",
)  # fmt: skip
NEWS_BODY_IDS = (
    "article-body", "articleBody", "postBody", "story-body", "article-content", "article-main", "articleText",
)  # fmt: skip

# Content containers, most specific first: blog themes, then news CMSs, then the generic
# WordPress "entry". Each selector is an attribute and the values it accepts (class
# tokens, or exact itemprop/id values), read from the page's class index: a class test in
# XPath visits every element (22 news-CMS class tokens cost ~7 ms that way).
BODY: list[tuple[str, tuple[str, ...]]] = [
    ("class", ("entry-content",)),
    ("class", ("post-content",)),
    ("itemprop", ("articleBody",)),
    ("class", ("article-content",)),
    ("class", ("post-entry",)),
    ("class", ("storycontent",)),
    ("class", NEWS_BODY_CLASSES),
    ("id", NEWS_BODY_IDS),
    ("class", ("entry",)),
]
# Containers inside these (or being one) are comments or sidebars, never the post body.
_OUTSIDE_IDS = frozenset({"comments", "respond", "sidebar", "secondary"})
_OUTSIDE_CLASSES = frozenset({"comments-area", "commentlist", "comment-list", "comment", "widget", "sidebar"})
_OUTSIDE_TAGS = frozenset({"aside", "nav"})
# Blogger puts everything in widgets; the posts are in its "Blog" widget (div.widget.Blog).
_MAIN_WIDGET = "Blog"
# Only block containers count, never a paragraph that happens to carry a "post-text" class.
_BLOCK_TAGS = frozenset({"div", "article", "section", "main", "td"})


def _placed(el: HtmlElement) -> bool:
    """A block container outside comments and sidebars (one walk up in Python; the same
    test in XPath costs ~10 ``contains()`` calls per ancestor)."""
    if el.tag not in _BLOCK_TAGS:
        return False
    node: HtmlElement | None = el
    while node is not None:
        if node.tag in _OUTSIDE_TAGS or node.get("id") in _OUTSIDE_IDS:
            return False
        classes = node.get("class")
        if classes:
            tokens = xml_tokens(classes)
            if not _OUTSIDE_CLASSES.isdisjoint(tokens) and _MAIN_WIDGET not in tokens:
                return False
        node = node.getparent()
    return True


def _matches(page: Page, attribute: str, names: tuple[str, ...]) -> list[HtmlElement]:
    """Elements of one body selector outside comments and sidebars, in page order (and in
    the tree: comment entries are cut out while header fields are read)."""
    index = class_index(page.tree)
    found = [
        el for name in names
        for el in (index.with_class(name) if attribute == "class"
                   else index.with_token(attribute, name, any_case=False) if attribute == "itemprop" else index.with_attribute(attribute, name))
    ]
    found = [el for el in found if _placed(el) and attached(el, page.tree)]
    return index.in_order(found) if len(names) > 1 else found


def find_containers(page: Page) -> list[HtmlElement]:
    """The blocks of the article body in page order, by the most specific selector that matches.

    Usually one element. Some layouts split the body into several blocks of the same class
    around ads and embeds; every block with a fair share of the largest one's text is
    kept, and a match nested in another counts once. When the most specific matches are
    all empty (an unused template slot), there is no usable container.
    """
    for attribute, names in BODY:
        found = _matches(page, attribute, names)
        if not found:
            continue
        matched = set(found)
        outer = [el for el in found if not any(parent in matched for parent in el.iterancestors())]
        sizes = [len(el.text_content() or "") for el in outer]
        if not any(sizes):
            return []  # an unused template slot: read the whole page (going on to less
            # specific selectors measured worse, F1 -0.001)
        floor = max(1, max(sizes) * SPLIT_BLOCK_SHARE)
        return [el for el, size in zip(outer, sizes, strict=True) if size >= floor]
    return []


def find_container(page: Page) -> HtmlElement | None:
    """The largest block of the article body, if the page has a known content container."""
    blocks = find_containers(page)
    return max(blocks, key=lambda el: len(el.text_content() or "")) if blocks else None


def container_body(page: Page) -> str | None:
    """Body text from the page's content container; None when it has none.

    The density reading of the container, without its noise blocks and page links; where
    it took most of the container for noise, trafilatura's reading of a copy, unless that
    keeps less than ``MIN_SHARE`` of the density reading's words (it then took one part
    of the container for the article).
    """
    blocks = find_containers(page)
    if not blocks:
        return None
    reading = density.container_text(blocks, skip=page_link_blocks)
    if reading.doubt is None:
        return reading.text
    text = _extract(_scoped_document(blocks), page.url, "balanced", fast=True)
    own = reading.text
    if text is None or (own and len(text.split()) < MIN_SHARE * len(own.split())):
        return own
    return text


def is_plain(blocks: list[HtmlElement]) -> bool:
    """Whether the body blocks hold at most ``PLAIN_NOISE`` noise elements (see ``NOISE_TAGS``).
    Blocks that the container's own text leaves out anyway (``BODY_NOISE``) are not counted.

    No longer on the body's path (the density reading leaves noise out whatever its
    amount); kept as the measure of a container's noise that the evaluation notes use."""
    noise = 0
    for block in blocks:
        dropped = set(BODY_NOISE(block))
        work = [block]
        while work:
            el = work.pop()
            if el in dropped:
                continue
            work.extend(el)
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag in NOISE_TAGS:
                noise += 1
            marks = el.get("class", "") + " " + el.get("id", "")
            if len(marks) > 1:
                noise += len(set(_NOISE_MARK.findall(marks.lower())))
            if noise > PLAIN_NOISE:
                return False
    return True


def fallback_body(page: Page) -> str | None:
    """Body text of any page, for the generic layer: the container if any, else the page's main text."""
    return container_body(page) or page_body(page)


def page_body(page: Page) -> str | None:
    """The main text of a page without a usable container: the density reading of the
    whole page (its ``body``, comment records cut out by the caller), or trafilatura's
    whole-page extraction where that reading is doubtful."""
    root = page.tree.find("body")
    reading = density.page_text(root if root is not None else page.tree, skip=page_link_blocks)
    if reading.doubt is None:
        return reading.text
    return extract_body(page.text, page.url) or reading.text


def extract_body(html: str, url: str | None = None) -> str | None:
    """Main text of an arbitrary page with trafilatura, paragraphs separated by blank lines.

    Precision mode first (it scores best on whole pages); when that finds almost nothing,
    recall mode, which accepts shorter and more link-heavy blocks.
    """
    text = _extract(html, url, "precision")
    if text is None or len(text.split()) < MIN_WORDS:
        text = _extract(html, url, "recall") or text
    return text


def _scoped_document(blocks: list[HtmlElement]) -> HtmlElement:
    """A new document whose only article holds copies of the body blocks.

    The copies leave the shared page tree untouched (trafilatura prunes the tree it reads)
    and drop their own class and id, so that trafilatura reads all blocks as one article
    instead of keeping only the first block whose class it recognises. HTML comments go
    too: the page tree keeps them, and trafilatura, given a tree rather than a string,
    loses the text after a comment inside a paragraph (React splits sentences with
    ``<!-- -->``).
    """
    document = lxml.html.document_fromstring("<html><body><article></article></body></html>")
    article = document.find(".//article")
    for block in blocks:
        content = copy.deepcopy(block)
        content.tail = None
        content.attrib.pop("class", None)
        content.attrib.pop("id", None)
        for links in page_link_blocks(content):
            links.drop_tree()
        etree.strip_tags(content, etree.Comment, etree.ProcessingInstruction)
        article.append(content)
    tree_changed()  # the copies changed after their lines may have been read
    return document


def _extract(source: str | HtmlElement, url: str | None, focus: Focus, fast: bool = False) -> str | None:
    """trafilatura's main text of a page or scoped document, blank lines between paragraphs.

    ``fast`` skips trafilatura's comparison with its fallback extractors (readability,
    jusText). Inside a container it changes almost nothing (F1 0.9736 -> 0.9735 on the
    benchmark) and takes a third off the time (median 4.5 -> 2.9 ms on 72 noisy
    containers); on a whole page the fallbacks matter (F1 0.9645 without them).
    """
    import trafilatura  # heavy import, only when a page needs it

    text = trafilatura.extract(
        source,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_precision=focus == "precision",
        favor_recall=focus == "recall",
        deduplicate=False,
        fast=fast,
    )
    if not text:
        return None
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip()) or None
