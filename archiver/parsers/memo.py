"""What parser layers work out about a page, remembered while the page is parsed.

Several layers ask the same questions of one tree: every layer reads element lines
(:func:`archiver.parsers.text.inline_text`), and the WordPress and visible layers both
look for the post's headline, labels, breadcrumbs and comment counter. Inside
:func:`reading_page` (which :func:`archiver.parsers.parse_page` opens) each answer is
worked out once. Whoever changes the tree calls :func:`tree_changed`: an answer given
before the change may be another one after it. Outside a page's parse nothing is kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

# .lines: element -> inline_text; .answers: key -> value; both None outside a page's parse
STATE = threading.local()


@contextmanager
def reading_page() -> Iterator[None]:
    """Remember lines and answers for the duration of the block (one page's parse)."""
    outer = (getattr(STATE, "lines", None), getattr(STATE, "answers", None))
    STATE.lines, STATE.answers = {}, {}
    try:
        yield
    finally:
        STATE.lines, STATE.answers = outer


def tree_changed() -> None:
    """The tree changed: forget what was worked out from it so far."""
    for name in ("lines", "answers"):
        found: dict[Any, Any] | None = getattr(STATE, name, None)
        if found is not None:
            found.clear()


def remembered(key: Hashable, work_out: Callable[[], T]) -> T:
    """``work_out()``, once per ``key`` while a page is parsed and its tree is unchanged.
    Callers copy a mutable answer before handing it on."""
    answers: dict[Hashable, Any] | None = getattr(STATE, "answers", None)
    if answers is None:
        return work_out()
    if key not in answers:
        answers[key] = work_out()
    return answers[key]
