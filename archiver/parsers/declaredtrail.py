"""The breadcrumb trail a page declares in JSON-LD, found among the links it shows.

Many sites write their trail twice: once for people, as a line of links whose markup
names it in the theme's own words (or not at all: ``ol > li > a`` with the separators
drawn by a style sheet), and once for search engines, as a schema.org ``BreadcrumbList``
in JSON-LD. The declared list does not count by itself (the corpus counts what a page
shows), but it tells which of the page's lines of links is the trail: the one whose links
go where the list's items go, in the same order.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from archiver.parsers.text import collapse, inline_text

__all__ = ["declared_trail"]

_MAX_OTHER_LINKS = 2  # links a trail's element holds besides the declared ones (the post's own crumb)


def declared_trail(tree: HtmlElement, page_url: str) -> HtmlElement | None:
    """The smallest element that shows, in order, the links of two or more items of the
    page's JSON-LD ``BreadcrumbList`` and at most two links besides; None without one."""
    wanted = list(dict.fromkeys(path for path in _declared_paths(tree, page_url)
                                if path and path != _joined_path(page_url, page_url)))
    if len(wanted) < 2:  # (the home page and a section at least: one link alone may be anywhere)
        return None
    by_path: dict[str, list[HtmlElement]] = {}
    for link in tree.iter("a"):
        href = link.get("href")
        if href and collapse(inline_text(link)):
            by_path.setdefault(_joined_path(page_url, href), []).append(link)
    for first in by_path.get(wanted[0], ()):
        holder = _holder_of(first, wanted, by_path)
        if holder is not None:
            return holder
    return None


def _holder_of(first: HtmlElement, wanted: list[str], by_path: dict[str, list[HtmlElement]]) -> HtmlElement | None:
    """The nearest ancestor of ``first`` that holds a link for every path of ``wanted``, in
    order, and at most two links besides."""
    for holder in first.iterancestors():
        if holder.tag in ("body", "html"):
            return None
        links = list(holder.iter("a"))
        if len(links) > len(wanted) + _MAX_OTHER_LINKS:
            return None  # (a menu that holds the trail's links among many others)
        inside = set(links)
        found = [next((link for link in by_path.get(path, ()) if link in inside), None) for path in wanted]
        if all(link is not None for link in found):
            order = {link: i for i, link in enumerate(links)}
            positions = [order[link] for link in found]  # type: ignore[index]
            return holder if positions == sorted(positions) else None
    return None


def _declared_paths(tree: HtmlElement, page_url: str) -> list[str]:
    """The paths of the items of the first ``BreadcrumbList`` of the page's JSON-LD, in
    their order (``position``, else as listed)."""
    from archiver.parsers.metadata import LD_SCRIPTS, jsonld_objects  # (metadata reads the taxonomy this module serves)

    for script in LD_SCRIPTS(tree):
        try:
            document = json.loads(script)
        except (ValueError, RecursionError):
            continue
        for obj in jsonld_objects(document):
            types = obj.get("@type")
            if types == "BreadcrumbList" or isinstance(types, list) and "BreadcrumbList" in types:
                return _item_paths(obj.get("itemListElement"), page_url)
    return []


def _item_paths(elements: Any, page_url: str) -> list[str]:
    if not isinstance(elements, list):
        return []
    listed = [e for e in elements if isinstance(e, dict)]
    listed.sort(key=lambda e: e.get("position") if isinstance(e.get("position"), int) else 0)
    paths = []
    for element in listed:
        item = element.get("item")
        url = item.get("@id") or item.get("url") if isinstance(item, dict) else item if isinstance(item, str) else None
        if isinstance(url, str) and url:
            paths.append(_joined_path(page_url, url))
    return paths


def _joined_path(page_url: str, href: str) -> str:
    """:func:`_path` of ``href`` read against the page's address ("" for an address that
    is none, "http://[bad")."""
    try:
        return _path(urljoin(page_url, href))
    except ValueError:
        return ""


def _path(url: str) -> str:
    """A URL's host and path without ``www.`` and slashes at the ends, lower case: how two
    addresses of one page compare."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').removeprefix('www.')}/{parts.path.strip('/')}".lower().rstrip("/")
