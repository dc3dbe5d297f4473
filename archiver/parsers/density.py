"""The main text of a page or container from the shape of its blocks, in one walk.

trafilatura finds an article well but costs 10-20 ms a page, most of a parse on layouts
the parsers do not know. This module reads the same signals from the shared lxml tree in
one Python walk (about as long as reading the text at all):

* **Blocks.** The walk cuts the text into blocks at block elements (``p``, ``div``,
  ``li`` ...) and notes for each its length, how much of it is link text, the element that
  holds it and the noise elements around it. Every block element gets the range of blocks
  it holds, so any subtree's text and link length is a subtraction.
* **Noise by name and shape.** Elements named for what is not the post (share bars,
  related posts, author boxes, captions, ads, menus, sidebars, cookie notices, dialogs:
  ``NOISE_WORDS``) and ``nav``/``aside``/``header``/``footer``/``figure``/``form``
  elements are noise, unless they hold most of the text around them: a theme that calls
  its content column ``sidebar`` or wraps the page in a ``form`` is not read as noise.
  Blocks that are mostly link text are noise whatever their names (menus, tag clouds),
  and so are runs of teaser cards (a linked title and an excerpt, three or more alike).
* **The main region** of a page without a known container: each paragraph votes for the
  element that holds it, half a vote for the one above (a paragraph's worth is its length
  and commas), discounted inside small noise elements; a candidate's votes shrink with
  its link density. The winner gives way to a nearly as strong ancestor (a body split
  into sub-blocks) and takes in the siblings with a fair share of its votes (a body split
  around ads).

The result says when the reading is doubtful (:class:`Extraction`): on a page, no prose
to vote, a region inside a sidebar-like element, another region nearly as strong (a live
blog of equal entries, or the article hidden from the tree), too little text; in a
container, most of its text taken for noise. The caller then asks trafilatura; everywhere
else trafilatura is not needed. The thresholds were measured on the extraction benchmark
and the Dragnet tuning split (``docs/evaluation.md``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from archiver.parsers.text import BLOCK_TAGS, SKIP_TAGS

# Elements that are never post text, however large, and elements whose names are read.
# Forms are read (ASP.NET pages wrap the whole page in one), as noise with the size guard.
SKIPPED = SKIP_TAGS - {"form"}
NOISE_TAGS = frozenset({"nav", "aside", "footer", "header", "figure", "figcaption", "form"})
# Rows, cells and list items are named for their data ("player-2020-580"), never for layout.
NAMED_TAGS = frozenset({
    "div", "section", "article", "aside", "ul", "ol", "dl", "p", "span", "a", "figure", "header", "footer", "nav",
    "table", "h1", "h2", "h3", "h4", "h5", "h6",
})  # fmt: skip
# Words of class and id names that mark blocks which are not the post's text. Measured on
# the extraction benchmark: text under these names is almost never in the annotated body.
# Not here because the annotators keep what they hold: "embed", "tweet", "social", "video"
# (quoted tweets and videos are part of stories).
NOISE_WORDS = frozenset({
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adsense", "dfp", "sponsor",
    "sponsored", "outbrain", "taboola", "promo", "promotion", "cta",
    "share", "shares", "sharing", "sharebar", "sharetools",
    "related", "recommended", "recommendations", "popular", "trending", "readmore", "teaser", "teasers",
    "newsletter", "subscribe", "subscription", "signup", "cookie", "cookies", "consent", "gdpr",
    "author", "authors", "byline", "bio", "avatar",
    "caption", "captions", "credit", "credits", "slideshow", "carousel", "swiper", "thumbnail", "thumbnails",
    "comment", "comments", "disqus", "respond",
    "tag", "tags", "breadcrumb", "breadcrumbs", "meta", "metadata", "dateline", "timestamp",
    "nav", "navigation", "menu", "pagination", "pager",
    "sidebar", "widget", "widgets", "rail", "toolbar", "print", "hidden", "hide", "sr", "visually",
    "header", "footer", "masthead", "banner", "button", "buttons",
    "headline", "dialog", "modal", "popup", "overlay", "lightbox", "offcanvas", "privacy",
})  # fmt: skip
# Whole names of WordPress and Jetpack blocks that no word above gives away.
NOISE_NAMES = frozenset({"cat-links", "wpcnt", "jp-post-flair", "wp-block-buttons"})
# Word beginnings ("sharedaddy", "relatedposts", "commentlist") and fragments ("resgallery").
NOISE_PREFIXES = (
    "advert", "sponsor", "share", "related", "newsletter", "subscri", "promo", "caption", "slideshow", "carousel",
    "comment", "breadcrumb", "sidebar", "widget", "outbrain", "taboola", "recommend", "byline",
)  # fmt: skip
NOISE_FRAGMENTS = ("gallery",)
# Tokens that state something of the element rather than name it: WordPress writes a post's
# terms into its classes ("tag-cinnamon", "category-recipes", "has-post-thumbnail").
STATE_PREFIXES = ("tag-", "category-", "status-", "format-", "has-", "no-", "with-", "without-", "is-")
# Blocks that never vote (titles, list items), and blocks that vote for the element above
# their own (paragraphs; a container's loose text votes for the container itself).
NON_VOTING = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "li", "dd"})
PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote"})
# Elements inside a region that are no text whatever their names (a post's page links).
Skip = Callable[[HtmlElement], list[HtmlElement]]
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_COMMAS = re.compile(r"[,，、]")

# A block shorter than this does not vote (a date, a label, a button).
MIN_VOTE_CHARS = 25
# Link text over this share makes a block noise (menus, tag clouds, "read more" lists).
MAX_LINK_SHARE = 0.5
# A noise element that holds at least this share of the text around it is a layout wrapper.
WRAPPER_SHARE = 0.6
# Votes inside a small noise element (under this share of the page's text) count a quarter.
LAYOUT_SHARE = 0.5
NOISE_VOTE = 0.25
# An ancestor (up to three block levels) with this share of the winner's votes replaces it.
CLIMB_SHARE = 0.75
CLIMB_LEVELS = 3
# Teaser cards: a run of this many sibling cards of one tag and class, each of at most
# this many blocks and characters, is a list of links to other posts.
TEASER_RUN = 3
TEASER_BLOCKS = 5
TEASER_CHARS = 500
# Doubts, where trafilatura is asked instead: a page whose best region has fewer votes
# than two short paragraphs, or fewer words; another region outside it with this share of
# its votes; a container of which less than this share of the text is kept.
MIN_VOTES = 2.0
MIN_WORDS = 20
RIVAL_SHARE = 0.6
KEPT_SHARE = 0.5
# Siblings of the winner with this share of its votes (or a long paragraph) join the region.
SIBLING_SHARE = 0.2
SIBLING_MIN_VOTES = 10.0
SIBLING_PARAGRAPH_CHARS = 80


@lru_cache(maxsize=16384)
def name_words(name: str) -> tuple[str, ...]:
    """``articleBody`` -> (article, body); ``jp-relatedposts`` -> (jp, relatedposts)."""
    return tuple(w for w in _NON_WORD.split(_CAMEL.sub("-", name).lower()) if w)


@lru_cache(maxsize=16384)
def noisy_token(token: str) -> bool:
    """Whether one class token or id names a noise block."""
    if token in NOISE_NAMES:
        return True
    if token.startswith(STATE_PREFIXES):
        return False
    for word in name_words(token):
        if word in NOISE_WORDS or word.startswith(NOISE_PREFIXES) or any(f in word for f in NOISE_FRAGMENTS):
            return True
    return False


def noisy_classes(value: str) -> bool:
    """Whether a class attribute names a noise block."""
    return any(noisy_token(token) for token in value.split())


def is_noise(el: HtmlElement) -> bool:
    """A noise element by its tag or by the words of its class and id."""
    tag = el.tag
    if tag in NOISE_TAGS:
        return True
    if tag not in NAMED_TAGS:
        return False
    classes = el.get("class")
    if classes and noisy_classes(classes):
        return True
    ident = el.get("id")
    return bool(ident) and noisy_token(ident)


@dataclass(slots=True)
class Block:
    """One paragraph of text: what the walk reads between two block boundaries."""

    text: str
    owner: HtmlElement  # the innermost block element holding it
    chars: int
    links: int  # characters of link text, estimated from the raw text
    noise: tuple[HtmlElement, ...]  # noise elements around it, outermost first


@dataclass(slots=True)
class Span:
    """The blocks ``[first, end)`` an element holds, and their total and link length."""

    first: int
    end: int
    chars: int
    links: int


@dataclass
class Reading:
    """The blocks of one subtree and the span of each block or noise element in it."""

    root: HtmlElement
    blocks: list[Block] = field(default_factory=list)
    spans: dict[HtmlElement, Span] = field(default_factory=dict)

    def block_parent(self, el: HtmlElement) -> HtmlElement | None:
        """The nearest ancestor with a span (a block element), up to the root."""
        if el is self.root:
            return None
        el = el.getparent()
        while el is not None and el not in self.spans:
            el = el.getparent()
        return el

    def kept(
        self, elements: list[HtmlElement], skip: Collection[HtmlElement] = (), link_items: bool = False
    ) -> list[Block]:
        """The blocks of ``elements`` without noise: blocks in a noise element that holds
        less than ``WRAPPER_SHARE`` of its region's text, blocks that are mostly link text
        (but list items with ``link_items``: a list of links inside a known container is
        the post's, a resource list), teaser runs, and the blocks of the block elements in
        ``skip``."""
        dropped: set[int] = set()
        for el in skip:
            span = self.spans.get(el)
            if span is not None:
                dropped.update(range(span.first, span.end))
        found: list[Block] = []
        for region in elements:
            span = self.spans[region]
            floor = WRAPPER_SHARE * span.chars
            inside = _Inside(region)
            teasers = self.teaser_blocks(span, floor)
            for index in range(span.first, span.end):
                block = self.blocks[index]
                if index in teasers or index in dropped:
                    continue
                if block.links > MAX_LINK_SHARE * block.chars and not (link_items and block.owner.tag == "li"):
                    continue
                if any(self.spans[n].chars < floor for n in block.noise if n is not region and inside(n)):
                    continue
                found.append(block)
        return _without_orphan_headings(found, self.blocks)


    def teaser_blocks(self, region: Span, floor: float) -> set[int]:
        """Indexes of the blocks in runs of teaser cards inside ``region``: at least
        ``TEASER_RUN`` block siblings of one tag and class, each a short card of a few
        blocks of which one is a link (the title) and one is not (the excerpt)."""
        blocks = self.blocks
        by_parent: dict[HtmlElement, list[tuple[HtmlElement, Span]]] = {}
        for el, span in self.spans.items():
            if span.first < region.first or span.end > region.end or span is region:
                continue
            parent = el.getparent()
            if parent is not None:
                by_parent.setdefault(parent, []).append((el, span))
        found: set[int] = set()
        for children in by_parent.values():
            if len(children) < TEASER_RUN:
                continue
            run: list[Span] = []
            signature = None
            for el, span in (*children, (None, None)):
                card = False
                if el is not None:
                    count = span.end - span.first
                    if 2 <= count <= TEASER_BLOCKS and span.chars <= TEASER_CHARS:
                        own = blocks[span.first : span.end]
                        card = any(b.links * 2 > b.chars for b in own) and any(b.links * 2 <= b.chars for b in own)
                mark = (el.tag, el.get("class")) if card else None
                if card and mark == signature:
                    run.append(span)
                    continue
                if len(run) >= TEASER_RUN and sum(s.chars for s in run) < floor:
                    for member in run:
                        found.update(range(member.first, member.end))
                run = [span] if card else []
                signature = mark
        return found


class _Inside:
    """``inside(el)``: whether ``el`` lies below ``top``; answers cached per element (the
    same few noise elements are asked about for every block they hold)."""

    def __init__(self, top: HtmlElement) -> None:
        self.top = top
        self.known: dict[HtmlElement, bool] = {}

    def __call__(self, el: HtmlElement) -> bool:
        answer = self.known.get(el)
        if answer is None:
            answer = self.known[el] = any(a is self.top for a in el.iterancestors())
        return answer


_BLOCK, _NOISE, _LINK, _SKIP = 1, 2, 4, 8
# A line break in a block's raw text (source newlines are only whitespace).
_BREAK = "\x00"
_BLANK_LINES = re.compile(r"\n{3,}")


def _collapse(raw: str) -> str:
    """A block's text with whitespace collapsed; ``<br>`` gives a line break, two or more
    a blank line (old blog themes write paragraphs as text between ``<br><br>``)."""
    if _BREAK not in raw:
        return " ".join(raw.split())
    lines = [" ".join(line.split()) for line in raw.split(_BREAK)]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines).strip("\n"))


# noisy_classes() by class attribute value, as a plain dict (the walk asks for every element).
_CLASS_NOISE: dict[str, bool] = {}


def read(root: HtmlElement) -> Reading:
    """Cut the text under ``root`` into blocks in one walk.

    Noise elements are block boundaries too, so that a share bar inside a paragraph is a
    block of its own and can be left out. Hidden elements and non-content tags
    (``SKIPPED``) are not read; the tails of HTML comments are. lxml's ``iterwalk`` does
    the walking in C; the loop body is all this costs (about 1 us an element).
    """
    reading = Reading(root)
    blocks = reading.blocks
    spans = reading.spans
    cum_chars = [0]
    cum_links = [0]
    parts: list[str] = []
    raw = link_raw = 0  # raw text length of the open block, and of its link text
    owners: list[HtmlElement] = []
    noise: tuple[HtmlElement, ...] = ()
    in_link = 0
    flags: list[int] = []
    firsts: list[int] = []
    class_noise = _CLASS_NOISE
    if len(class_noise) > 50_000:  # a long crawl meets many themes
        class_noise.clear()
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))

    def flush() -> None:
        """End the open block: its text becomes a Block of the innermost block element."""
        nonlocal raw, link_raw
        if parts:
            text = _collapse("".join(parts))
            parts.clear()
            if text:
                chars = len(text)
                links = chars * link_raw // raw if raw else 0
                blocks.append(Block(text, owners[-1], chars, links, noise))
                cum_chars.append(cum_chars[-1] + chars)
                cum_links.append(cum_links[-1] + links)
        raw = link_raw = 0

    for event, el in walker:
        if event == "start":
            tag = el.tag
            if el is root:
                flag = _BLOCK
            else:
                style = el.get("style")
                if tag in SKIPPED or el.get("hidden") is not None or (style and _hidden(style)):
                    walker.skip_subtree()
                    flags.append(_SKIP)
                    continue
                flag = _BLOCK if tag in BLOCK_TAGS else 0
                if tag in NOISE_TAGS:
                    flag |= _NOISE
                elif tag in NAMED_TAGS:
                    classes = el.get("class")
                    if classes:
                        named = class_noise.get(classes)
                        if named is None:
                            named = class_noise[classes] = noisy_classes(classes)
                        if named:
                            flag |= _NOISE
                    if not flag & _NOISE:
                        ident = el.get("id")
                        if ident and noisy_token(ident):
                            flag |= _NOISE
            if flag:
                flush()
                firsts.append(len(blocks))
                if flag & _BLOCK:
                    owners.append(el)
                if flag & _NOISE:
                    noise = (*noise, el)
            if tag == "a":
                flag |= _LINK
                in_link += 1
            elif tag == "br":
                parts.append(_BREAK)
            flags.append(flag)
            text = el.text
            if text:
                parts.append(text)
                raw += len(text)
                if in_link:
                    link_raw += len(text)
            continue
        if event == "end":
            flag = flags.pop()
            if flag & (_BLOCK | _NOISE):
                flush()
                first = firsts.pop()
                end = len(blocks)
                spans[el] = Span(first, end, cum_chars[end] - cum_chars[first], cum_links[end] - cum_links[first])
                if flag & _BLOCK:
                    owners.pop()
                if flag & _NOISE:
                    noise = noise[:-1]
            if flag & _LINK:
                in_link -= 1
            if el is root:
                break
        tail = el.tail  # after an element's end, or a comment's
        if tail:
            parts.append(tail)
            raw += len(tail)
            if in_link:
                link_raw += len(tail)
    return reading


def _hidden(style: str) -> bool:
    """Whether an inline style hides the element."""
    return "display:none" in style.replace(" ", "").lower()


@dataclass
class Extraction:
    """A text read by density, and why it is doubtful (None when it is not)."""

    text: str | None
    doubt: str | None = None


def votes(reading: Reading) -> dict[HtmlElement, float]:
    """Each element's paragraph votes, shrunk by its link density (see the module doc)."""
    spans = reading.spans
    total = spans[reading.root].chars or 1
    small_noise: dict[HtmlElement, bool] = {}
    scores: dict[HtmlElement, float] = {}
    for block in reading.blocks:
        chars = block.chars
        if chars < MIN_VOTE_CHARS or block.links > MAX_LINK_SHARE * chars:
            continue
        owner = block.owner
        tag = owner.tag
        if tag in NON_VOTING:
            continue
        value = 1 + len(_COMMAS.findall(block.text)) + min(chars // 100, 3)
        for n in block.noise:
            small = small_noise.get(n)
            if small is None:
                small = small_noise[n] = spans[n].chars < LAYOUT_SHARE * total
            if small:
                value *= NOISE_VOTE
                break
        own = spans[owner]
        paragraph = tag in PARAGRAPH_TAGS or own.end - own.first == 1
        holder = reading.block_parent(owner) if paragraph and owner is not reading.root else owner
        if holder is None:
            continue
        scores[holder] = scores.get(holder, 0.0) + value
        above = reading.block_parent(holder)
        if above is not None:
            scores[above] = scores.get(above, 0.0) + value / 2
    for el, score in scores.items():
        span = spans[el]
        if span.chars:
            scores[el] = score * (1 - span.links / span.chars)
    return scores


@dataclass
class Region:
    """The elements of a page's main text in page order, the one that won the vote and
    its votes."""

    elements: list[HtmlElement]
    top: HtmlElement
    votes: float


def main_region(reading: Reading, scores: dict[HtmlElement, float]) -> Region | None:
    """The best-voted element, or an ancestor nearly as strong, with its siblings that
    hold a fair share of the votes (a body split around ads)."""
    if not scores:
        return None
    top = max(scores, key=scores.__getitem__)
    best = scores[top]
    up: HtmlElement | None = top
    for _ in range(CLIMB_LEVELS):
        up = reading.block_parent(up)  # type: ignore[arg-type]
        if up is None:
            break
        if scores.get(up, 0.0) >= CLIMB_SHARE * best:
            top = up
    parent = top.getparent()
    if top is reading.root or parent is None:
        return Region([top], top, best)
    floor = max(SIBLING_MIN_VOTES, SIBLING_SHARE * best)
    elements = []
    for sibling in parent:
        span = reading.spans.get(sibling)
        if span is None:
            continue
        if sibling is top:
            elements.append(sibling)
        elif not is_noise(sibling) and (scores.get(sibling, 0.0) >= floor or (
            span.end - span.first == 1 and span.chars > SIBLING_PARAGRAPH_CHARS and span.links * 4 < span.chars
        )):
            elements.append(sibling)
    return Region(elements, top, best)


def join(blocks: list[Block]) -> str | None:
    """Blocks as paragraphs separated by blank lines."""
    return "\n\n".join(block.text for block in blocks) or None


def page_text(root: HtmlElement, skip: Skip | None = None) -> Extraction:
    """The main text of a whole page (``root``: its ``body``), and whether it is doubtful:
    no region, fewer than ``MIN_VOTES`` (less than two short paragraphs, so there is no
    prose to tell the post from the rest), a region inside a small noise element (the
    best prose is a sidebar's or a header's), or fewer than ``MIN_WORDS`` words."""
    reading = read(root)
    scores = votes(reading)
    region = main_region(reading, scores)
    if region is None:
        return Extraction(None, "no paragraphs")
    skipped = [el for top in region.elements for el in skip(top)] if skip else []
    text = join(reading.kept(region.elements, skipped))
    if region.votes < MIN_VOTES:
        return Extraction(text, "few paragraphs")
    if _in_small_noise(reading, region.top):
        return Extraction(text, "inside noise")
    if _rival(reading, scores, region) >= RIVAL_SHARE * region.votes:
        return Extraction(text, "rival region")
    if text is None or len(text.split()) < MIN_WORDS:
        return Extraction(text, "little text")
    return Extraction(text, None)


def _rival(reading: Reading, scores: dict[HtmlElement, float], region: Region) -> float:
    """The votes of the best element outside the region (neither holding nor held by any
    of its elements; spans nest, so block ranges tell)."""
    ranges = [reading.spans[el] for el in region.elements]
    first, end = min(s.first for s in ranges), max(s.end for s in ranges)
    best = 0.0
    for el, score in scores.items():
        if score <= best:
            continue
        span = reading.spans[el]
        if span.end <= first or span.first >= end:
            best = score
    return best


def _in_small_noise(reading: Reading, top: HtmlElement) -> bool:
    """Whether ``top`` is or lies in a noise element with under ``LAYOUT_SHARE`` of the text."""
    floor = LAYOUT_SHARE * reading.spans[reading.root].chars
    node: HtmlElement | None = top
    while node is not None and node is not reading.root:
        span = reading.spans.get(node)
        if span is not None and span.chars < floor and is_noise(node):
            return True
        node = node.getparent()
    return False


def container_text(containers: list[HtmlElement], skip: Skip | None = None) -> Extraction:
    """The text of known content containers without their noise blocks; doubtful when
    that leaves less than ``KEPT_SHARE`` of their text (most of it was taken for noise)."""
    texts = []
    total = kept = 0
    for container in containers:
        reading = read(container)
        blocks = reading.kept([container], skip(container) if skip else (), link_items=True)
        total += reading.spans[container].chars
        kept += sum(block.chars for block in blocks)
        texts.append(join(blocks))
    text = "\n\n".join(filter(None, texts)) or None
    if kept < KEPT_SHARE * total:
        return Extraction(text, "mostly noise")
    return Extraction(text, None)


_BOX_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_BOX_HEADING_WORDS = 4


def _without_orphan_headings(kept: list[Block], blocks: list[Block]) -> list[Block]:
    """Without a short heading whose box held only links ("Related" over a link to
    another story, inside the text): the links were left out as link text, and the
    heading alone says nothing of the post."""
    kept_ids = {id(b) for b in kept}
    position = {id(b): i for i, b in enumerate(blocks)}
    orphans: set[int] = set()
    for block in kept:
        if block.owner.tag not in _BOX_HEADINGS or len(block.text.split()) > _BOX_HEADING_WORDS:
            continue
        box = block.owner.getparent()
        if box is None:
            continue
        after = []
        for other in blocks[position[id(block)] + 1:]:
            if not any(a is box for a in other.owner.iterancestors()):
                break
            after.append(other)
        if after and not any(id(other) in kept_ids for other in after):
            orphans.add(id(block))
    return [b for b in kept if id(b) not in orphans] if orphans else kept

