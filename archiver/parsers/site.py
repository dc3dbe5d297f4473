"""The site's own names, to tell a credit to the site from a person or a section.

A site names itself in ``og:site_name``, in its JSON-LD publisher and in its host; a byline
part, a declared author or a breadcrumb crumb that is one of these ("Cleveland.com" after
the reporter's name, "Eat What Tonight" as the recipe blog's JSON-LD author, the crumb
"ekbo.de") is the site, not a person or a section.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml.html import HtmlElement

from archiver.parsers.titles import fold as folded
from archiver.parsers.xpath import fast_xpath

# The name a page declares for its site (the headline finder asks it too).
SITE_NAME = fast_xpath("//meta[@property='og:site_name' or @name='og:site_name' or @name='application-name']/@content")


def off_site(href: str, page_url: str) -> bool:
    """Whether a link leads to another site than the page's (subdomains and "www." aside;
    an archive's copy of a page is taken to stay on its site; a relative link stays)."""
    try:
        host = urlsplit(href).hostname
    except ValueError:
        return False
    return bool(host) and "archive" not in host and _site_key(host) != _site_key(urlsplit(page_url).hostname or "")


def _site_key(host: str) -> str:
    """The registered part of a host name, roughly: its last two labels, three under a
    country's second level ("bbc.co.uk", "uol.com.br")."""
    labels = host.lower().split(".")
    keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


def host_names(url: str) -> set[str]:
    """The host with and without its top-level domain, folded ("ekbo.de": ekbode, ekbo)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return {folded(host), folded(host.rpartition(".")[0])} - {""}


def declared_names(tree: HtmlElement, *more: str | None) -> set[str]:
    """What the page declares as the site's name (``og:site_name``), and ``more``, folded."""
    return {folded(str(name)) for name in (*SITE_NAME(tree), *more) if name} - {""}


def is_the_site(name: str, declared: set[str], hosts: set[str]) -> bool:
    """Whether ``name`` is the site: one of its declared names, or its host for a name of
    one word or a domain ("robertnyman.com" is Robert Nyman's own blog, and his name)."""
    key = folded(name)
    return key in declared or key in hosts and (" " not in name.strip() or "." in name)
