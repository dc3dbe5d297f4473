"""PROTOTYPE: main text of a subtree by text and link density, in one walk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml.html import HtmlElement

from archiver.parsers.text import BLOCK_TAGS, SKIP_TAGS

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")

NOISE_TAG_SET = frozenset({"nav", "aside", "footer", "figure", "figcaption", "header"})
# whole words
NOISE_WORDS = frozenset({
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adsense", "dfp", "sponsor", "sponsored",
    "share", "shares", "sharing", "sharebar", "social", "socials", "follow",
    "related", "recommended", "recommendations", "popular", "trending", "more", "readmore", "teaser", "teasers",
    "newsletter", "subscribe", "subscription", "signup", "promo", "promotion", "cta",
    "author", "authors", "byline", "bio", "avatar",
    "caption", "captions", "credit", "credits", "gallery", "slideshow", "carousel", "swiper", "slider",
    "comment", "comments", "disqus", "respond",
    "tags", "tag", "categories", "category", "breadcrumb", "breadcrumbs", "meta", "metadata", "dateline", "date",
    "nav", "navigation", "menu", "pagination", "pager", "prev", "next",
    "sidebar", "widget", "widgets", "rail", "toolbar", "tools", "print", "hidden", "sr", "screen", "visually",
    "footer", "header", "masthead", "banner", "outbrain", "taboola", "embed", "video", "player", "tweet",
})
NOISE_PREFIXES = ("advert", "sponsor", "share", "social", "related", "newsletter", "subscri", "promo", "caption",
                  "gallery", "slideshow", "carousel", "comment", "breadcrumb", "sidebar", "widget", "outbrain",
                  "taboola", "recommend", "byline")


@lru_cache(maxsize=8192)
def name_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in _SPLIT.split(_CAMEL.sub("-", name).lower()) if w)


@lru_cache(maxsize=8192)
def noisy_name(name: str) -> bool:
    for word in name_words(name):
        if word in NOISE_WORDS or word.startswith(NOISE_PREFIXES):
            return True
    return False


def is_noise(el: HtmlElement) -> bool:
    if el.tag in NOISE_TAG_SET:
        return True
    classes = el.get("class")
    if classes and any(noisy_name(token) for token in classes.split()):
        return True
    ident = el.get("id")
    return bool(ident) and noisy_name(ident)


@dataclass(slots=True)
class Block:
    text: str
    tag: str
    owner: HtmlElement
    chars: int
    links: int
    noise: tuple[HtmlElement, ...]


@dataclass(slots=True)
class Span:
    first: int
    end: int
    chars: int = 0
    links: int = 0


@dataclass
class Reading:
    blocks: list[Block] = field(default_factory=list)
    spans: dict[HtmlElement, Span] = field(default_factory=dict)


def _hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style) and "display:none" in style.replace(" ", "").lower()


def read(root: HtmlElement) -> Reading:
    reading = Reading()
    blocks = reading.blocks
    spans = reading.spans
    cum_chars = [0]
    cum_links = [0]
    parts: list[str] = []
    link_raw = 0
    total_raw = 0
    owners: list[HtmlElement] = [root]
    noise: tuple[HtmlElement, ...] = ()
    link_depth = 0

    def flush() -> None:
        nonlocal link_raw, total_raw
        if parts:
            text = " ".join("".join(parts).split())
            if text:
                chars = len(text)
                links = round(chars * link_raw / total_raw) if total_raw else 0
                owner = owners[-1]
                blocks.append(Block(text, owner.tag, owner, chars, links, noise))
                cum_chars.append(cum_chars[-1] + chars)
                cum_links.append(cum_links[-1] + links)
            parts.clear()
        link_raw = total_raw = 0

    def add(text: str) -> None:
        nonlocal link_raw, total_raw
        parts.append(text)
        n = len(text.strip())
        total_raw += n
        if link_depth:
            link_raw += n

    # stack of (element, iterator, kind flags)
    stack: list[tuple[HtmlElement, object, bool, bool, bool, int]] = []

    def open_el(el: HtmlElement) -> bool:
        nonlocal noise, link_depth
        tag = el.tag
        block = tag in BLOCK_TAGS or el is root
        noisy = el is not root and is_noise(el)
        boundary = block or noisy
        if boundary:
            flush()
        if block:
            owners.append(el)
        if noisy:
            noise = noise + (el,)
        link = tag == "a"
        if link:
            link_depth += 1
        if tag == "br":
            parts.append("\n")
        if el.text:
            add(el.text)
        stack.append((el, iter(el), block, noisy, link, len(blocks)))
        return boundary

    def close_el() -> None:
        nonlocal noise, link_depth
        el, _, block, noisy, link, first = stack.pop()
        if block or noisy:
            flush()
            end = len(blocks)
            spans[el] = Span(first, end, cum_chars[end] - cum_chars[first], cum_links[end] - cum_links[first])
        if block:
            owners.pop()
        if noisy:
            noise = noise[:-1]
        if link:
            link_depth -= 1
        if el is not root and el.tail:
            add(el.tail)

    open_el(root)
    while stack:
        for child in stack[-1][1]:  # type: ignore[attr-defined]
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP_TAGS or _hidden(child):
                if child.tail:
                    add(child.tail)
                continue
            open_el(child)
            break
        else:
            close_el()
    return reading


PARA_TAGS = frozenset({"p", "pre", "blockquote", "li", "dd", "h2", "h3", "h4", "h5", "h6"})
MIN_PARA = 25


@dataclass
class Candidate:
    element: HtmlElement
    score: float


def candidates(reading: Reading, root: HtmlElement) -> dict[HtmlElement, float]:
    scores: dict[HtmlElement, float] = {}
    for block in reading.blocks:
        if block.chars < MIN_PARA or block.links * 2 > block.chars:
            continue
        if block.tag in ("li", "dd", "h1", "h2", "h3", "h4", "h5", "h6"):
            continue
        value = 1 + block.text.count(",") + min(block.chars // 100, 3)
        holder = block.owner if block.tag not in PARA_TAGS else _block_parent(block.owner, reading)
        if holder is None:
            continue
        scores[holder] = scores.get(holder, 0) + value
        up = _block_parent(holder, reading) if holder is not root else None
        if up is not None:
            scores[up] = scores.get(up, 0) + value / 2
    for el in list(scores):
        span = reading.spans.get(el)
        if span is None or not span.chars:
            continue
        scores[el] *= 1 - span.links / span.chars
    return scores


def _block_parent(el, reading):
    el = el.getparent()
    while el is not None and el not in reading.spans:
        el = el.getparent()
    return el


def region(reading: Reading, root: HtmlElement) -> list[HtmlElement]:
    scores = candidates(reading, root)
    if not scores:
        return []
    top = max(scores, key=scores.__getitem__)
    best = scores[top]
    parent = top.getparent()
    if parent is None or top is root:
        return [top]
    chosen = []
    threshold = max(10, best * 0.2)
    for sibling in parent:
        if sibling is top:
            chosen.append(sibling)
            continue
        if sibling in reading.spans and scores.get(sibling, 0) >= threshold:
            chosen.append(sibling)
        elif sibling.tag == "p" and sibling in reading.spans:
            span = reading.spans[sibling]
            if span.chars > 80 and span.links * 4 < span.chars:
                chosen.append(sibling)
    return chosen


def kept_blocks(reading: Reading, elements: list[HtmlElement]) -> list[Block]:
    out: list[Block] = []
    for el in elements:
        span = reading.spans[el]
        total = max(1, span.chars)
        for block in reading.blocks[span.first:span.end]:
            drop = False
            inner = [n for n in block.noise if n is not el and _below(n, el)]
            if any(reading.spans[n].chars < 0.6 * total for n in inner):
                drop = True
            elif block.links * 2 > block.chars:
                drop = True
            if not drop:
                out.append(block)
    return out


def _below(node: HtmlElement, top: HtmlElement) -> bool:
    for anc in node.iterancestors():
        if anc is top:
            return True
    return False


def join(blocks: list[Block]) -> str:
    return "\n\n".join(b.text for b in blocks)


def main_text(root: HtmlElement) -> str | None:
    reading = read(root)
    elements = region(reading, root)
    if not elements:
        return None
    return join(kept_blocks(reading, elements)) or None


def container_text(blocks_: list[HtmlElement]) -> str | None:
    texts = []
    for el in blocks_:
        reading = read(el)
        texts.append(join(kept_blocks(reading, [el])))
    return "\n\n".join(filter(None, texts)) or None
