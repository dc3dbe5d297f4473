"""XPath building blocks shared by the selector tables.

A class test is written as a plain substring test followed by the exact token test: the
substring test is cheap and rejects almost every element, so the string building of the
token test runs only for the few candidates (about 3x faster on large pages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement


def has_class(name: str) -> str:
    """XPath predicate: the element's class list contains the token ``name``."""
    return f"(contains(@class, '{name}') and contains(concat(' ', normalize-space(@class), ' '), ' {name} '))"


def has_rel(name: str) -> str:
    """XPath predicate: the element's ``rel`` list contains the token ``name``."""
    return f"(contains(@rel, '{name}') and contains(concat(' ', normalize-space(@rel), ' '), ' {name} '))"


def descendant_steps(path: str) -> str:
    """``path`` with every ``//name[predicate]`` step written as ``/descendant::name[predicate]``.

    The two select the same nodes when no predicate is positional, but libxml2 only
    turns ``//name`` into a single descendant walk when the step has no predicate: with
    one, it first collects every node of the tree and then tests each one's children
    (about 4x slower on a blog page). Steps with a positional predicate (``[1]``,
    ``position()``, ``last()``) and text in quotes are left as they are.
    """
    out: list[str] = []
    i, n = 0, len(path)
    while i < n:
        char = path[i]
        if char in "'\"":
            end = path.find(char, i + 1)
            end = n if end < 0 else end + 1
            out.append(path[i:end])
            i = end
            continue
        step = _DESCENDANT_STEP.match(path, i) if char == "/" else None
        if step is not None and not _positional(path, step.end()):
            out.append("/descendant::" + step.group(1))
            i = step.end()
            continue
        out.append(char)
        i += 1
    return "".join(out)


_DESCENDANT_STEP = re.compile(r"//(\*|[A-Za-z_][\w.-]*)(?=\[)")
_POSITIONAL = re.compile(r"^[\s(]*\d|position\(\)|last\(\)")


def _positional(path: str, start: int) -> bool:
    """Whether any predicate of the run of predicates starting at ``start`` is positional."""
    for predicate in _predicates(path, start):
        if _POSITIONAL.search(predicate):
            return True
    return False


def _predicates(path: str, start: int) -> list[str]:
    """The bracketed predicates that follow one another from ``start`` (quote-aware)."""
    found: list[str] = []
    i = start
    while i < len(path) and path[i] == "[":
        depth, j, quote = 0, i, ""
        while j < len(path):
            char = path[j]
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        found.append(path[i + 1 : j])
        i = j + 1
    return found


def fast_xpath(path: str) -> etree.XPath:
    """A compiled XPath of ``path`` with its descendant steps made cheap (:func:`descendant_steps`)."""
    return etree.XPath(descendant_steps(path))


class ClassIndex:
    """The page's elements by class token, id and other attribute values, from one pass
    over each attribute.

    A class or id test in XPath is evaluated on every element of the page (~0.1 us per
    test and element in libxml2, so 1-3 ms for one selector on a long comment page); here
    it is a dict lookup. Lists keep document order.

    ``//@class`` and ``//@id`` give each value with its element (``getparent``) and
    create element proxies for those elements only. Measured no cheaper: a Python walk
    over every element (same instruction count, slower by the clock in most runs) and
    ``/descendant::*[@class or @id]`` with attribute reads (~30 % more instructions).
    """

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._by_class: dict[str, list] = {}
        by_class = self._by_class
        known = by_class.get  # (bound once: this runs for every class token of the page)
        for value in _ALL_CLASSES(tree):
            for token in value.split():
                found = known(token)
                if found is None:
                    by_class[token] = [value]
                elif found[-1] is not value:
                    found.append(value)
        self.tokens = frozenset(self._by_class)
        self._by_attribute: dict[str, dict[str, list]] = {}

    @property
    def ids(self) -> dict[str, list]:
        """Every id value of the page and its elements (read-only)."""
        return self.values_of("id")

    def values_of(self, attribute: str) -> dict[str, list]:
        """Every value of ``attribute`` on the page and its elements (read-only)."""
        self.with_attribute(attribute, "")
        return self._by_attribute[attribute]

    def in_order(self, elements: Iterable[HtmlElement]) -> list[HtmlElement]:
        """Distinct elements of the tree in document order."""
        return document_order(list(elements))

    def with_class(self, token: str) -> list[HtmlElement]:
        """Elements whose class list holds ``token``, in document order."""
        return [value.getparent() for value in self._by_class.get(token, ())]

    def with_id(self, name: str) -> list[HtmlElement]:
        """Elements whose id is ``name``, in document order."""
        return self.with_attribute("id", name)

    def with_token(self, attribute: str, token: str, any_case: bool = True) -> list[HtmlElement]:
        """Elements whose ``attribute`` holds ``token`` among its space-separated words, in
        document order: a link type list such as ``rel="author external"`` (HTML's
        ``rel`` is such a list, as ``class`` is, its words in any case), or microdata's
        ``itemprop="description articleBody"`` (whose names keep their case: pass
        ``any_case=False``)."""
        if any_case:
            token = token.lower()
        return document_order([el for value, elements in self.values_of(attribute).items()
                               if token in (value.lower() if any_case else value).split() for el in elements])

    def with_attribute(self, attribute: str, value: str) -> list[HtmlElement]:
        """Elements whose ``attribute`` is exactly ``value``, in document order (one pass
        over that attribute per page, on first use)."""
        values = self._by_attribute.get(attribute)
        if values is None:
            values = self._by_attribute[attribute] = {}
            for found in _attribute_values(attribute)(self.tree):
                values.setdefault(str(found), []).append(found.getparent())
        return list(values.get(value, ()))


@lru_cache(maxsize=16)
def _attribute_values(attribute: str) -> etree.XPath:
    return etree.XPath(f"//@{attribute}")


_LAST: list[ClassIndex] = []


def class_index(tree: HtmlElement) -> ClassIndex:
    """The index of ``tree``, built once: the last page's index is kept and reused while
    the same tree is asked for (every layer of one ``parse_page`` call)."""
    last = _LAST[0] if _LAST else None  # read once: another thread may replace it
    if last is not None and last.tree is tree:
        return last
    index = ClassIndex(tree)
    _LAST[:] = [index]
    return index


def within(node: HtmlElement, container: HtmlElement) -> bool:
    """Whether ``node`` stands inside ``container`` (not the element itself)."""
    for ancestor in node.iterancestors():
        if ancestor is container:
            return True
    return False


def document_order(elements: list[HtmlElement]) -> list[HtmlElement]:
    """Distinct elements of one tree sorted in document order. libxml2 sorts the union of
    a node-set with itself, in C; all elements must be in the tree (filter detached ones
    first: their order against attached ones is undefined)."""
    if len(elements) < 2:
        return list(elements)
    return _UNION(elements[0], n=elements)


_UNION = etree.XPath("$n | $n")


def nearest_first(elements: list[HtmlElement], anchor: HtmlElement | None,
                  behind: int | None = None) -> list[HtmlElement]:
    """``elements`` ordered by how near they stand to ``anchor`` in document order,
    counted in elements of the list (a rank, not a tree walk). With ``behind``, elements
    more than that many places before the anchor come last."""
    if anchor is None or not elements:
        return document_order(list(elements))
    ordered = document_order(list({*elements, anchor}))
    at = next(i for i, el in enumerate(ordered) if el is anchor)
    def key(item: tuple[int, HtmlElement]) -> tuple[bool, int]:
        position = item[0]
        return (behind is not None and position < at - behind, abs(position - at))
    return [el for _, el in sorted(((i, el) for i, el in enumerate(ordered) if el is not anchor), key=key)]
_ALL_CLASSES = etree.XPath("//@class")
_TOKEN_TEST = re.compile(r"\(contains\(@class, '([^']+)'\) and contains\(concat\(' ', normalize-space\(@class\), ' '\), ' \1 '\)\)")


def class_tokens(tree: HtmlElement) -> frozenset[str]:
    """Every class token used in the tree (one cheap pass over the class attributes)."""
    return class_index(tree).tokens


_HEAD = re.compile(r"^//(\*|\w+)\[")
# Attributes whose exact-value tests start from the index: ids, microdata, link relations.
_ATTRIBUTE_START = re.compile(r"//(\*|\w+)\[@(id|itemprop|rel)='([^']+)'\](.*)")
_OR_ONLY = re.compile(r"(?:\s*or\s*)*")


class Row:
    """A compiled selector row that skips its XPath pass when the page uses none of the
    class tokens the row tests. Most rows of a table match nothing on a given theme, and a
    set lookup is far cheaper than walking the tree.

    The guard is only set for rows whose class tests are all :func:`has_class` token tests
    (a row with any other test of ``@class`` always runs).

    A row that starts with a class test (``//div[A or B]/rest``) or an exact id, itemprop
    or rel value (``//*[@id='comments']/rest``) starts from the page's :class:`ClassIndex`
    instead of testing every element, and evaluates the rest of the path from each indexed
    element, in document order.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.xpath = fast_xpath(path)
        tokens = frozenset(_TOKEN_TEST.findall(path))
        rest = _TOKEN_TEST.sub("", path)
        self.classes = tokens if "@class" not in rest else frozenset()
        self.tag, self.start, self.rest = _class_start(path)
        by_value = _ATTRIBUTE_START.fullmatch(path)
        self.attribute = by_value.group(2, 3) if by_value and _rest_allowed(by_value.group(4)) else None
        if by_value and self.attribute is not None:
            self.tag = None if by_value.group(1) == "*" else by_value.group(1)
            self.rest = _rest_xpath(by_value.group(4))

    def __call__(self, tree: HtmlElement, present: frozenset[str] | None = None) -> list:
        if present is not None and self.classes and self.classes.isdisjoint(present):
            return []
        if self.start or self.attribute is not None:
            return self._from_index(tree)
        return self.xpath(tree)

    def _from_index(self, tree: HtmlElement) -> list:
        index = class_index(tree)
        if self.attribute is not None:
            found = index.with_attribute(*self.attribute)
        else:
            found = [el for token in self.start for el in index.with_class(token)]
        starts = [el for el in found if (self.tag is None or el.tag == self.tag) and attached(el, tree)]
        if len(self.start) > 1:
            starts = document_order(starts)
        if self.rest is None:
            return starts
        results: list = []
        seen: set = set()
        for el in starts:
            for match in self.rest(el):
                if isinstance(match, str):
                    results.append(match)
                elif match not in seen:
                    seen.add(match)
                    results.append(match)
        return results


def _class_start(path: str) -> tuple[str | None, frozenset[str], etree.XPath | None]:
    """(tag, class tokens, rest of the path) of ``//tag[class test or …]rest``; no tokens
    when the path does not start with class tests only."""
    head = _HEAD.match(path)
    if head is None:
        return None, frozenset(), None
    depth, end = 1, head.end()
    while end < len(path) and depth:
        depth += {"[": 1, "]": -1}.get(path[end], 0)
        end += 1
    predicate, rest = path[head.end() : end - 1], path[end:]
    tokens = frozenset(_TOKEN_TEST.findall(predicate))
    if depth or not tokens or not _OR_ONLY.fullmatch(_TOKEN_TEST.sub("", predicate)) or not _rest_allowed(rest):
        return None, frozenset(), None
    tag = None if head.group(1) == "*" else head.group(1)
    return tag, tokens, _rest_xpath(rest)


def _rest_allowed(rest: str) -> bool:
    """Whether the rest of a path can be evaluated from each indexed start element: a
    further predicate on the start step must not be positional (``[1]`` counts siblings)."""
    return not rest.startswith("[") or not _positional(rest, 0)


def _rest_xpath(rest: str) -> etree.XPath | None:
    """The rest of a path relative to one start element: more predicates on the start
    element itself (``self::*[…]``) and/or further steps."""
    if not rest:
        return None
    return fast_xpath(("self::*" if rest.startswith("[") else ".") + rest)


def attached(el: HtmlElement, tree: HtmlElement) -> bool:
    """Whether ``el`` is still in ``tree`` (comment entries are cut out while header fields are read)."""
    top = el
    while (parent := top.getparent()) is not None:
        top = parent
    return top is tree
