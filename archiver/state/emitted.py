"""Which articles and comments earlier runs emitted, read back from the JSON Lines files.

An item is identified by a key (an article by its canonical URL, a comment by its id) and
compared by a fingerprint of its content. The fingerprint leaves out what changes
without the item changing: where and when it was captured (the WARC pointer,
``fetched_at``), an article's comment counts (new comments are items of their own), and
a comment's position and page (a reply added above it shifts both). So a re-run emits an
article again only when its text or metadata changed, and a comment again only when it
was edited.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from archiver.jsonl import read_records

PROVENANCE_FIELDS = frozenset({"warc_file", "warc_record_id", "warc_offset", "fetched_at"})
VOLATILE_FIELDS = {
    "article": PROVENANCE_FIELDS | {"comment_count", "comments_found"},
    "comment": PROVENANCE_FIELDS | {"position", "page_url", "depth"},
}


def item_key(item: dict[str, Any]) -> tuple[str, str]:
    """``("article", canonical URL)`` or ``("comment", id)``: what makes two items the same."""
    kind = str(item.get("type"))
    if kind == "article":
        return kind, str(item.get("canonical_url") or item.get("url"))
    return kind, str(item.get("id"))


def fingerprint(item: dict[str, Any]) -> str:
    """A digest of the item's content, without capture details and derived counts."""
    volatile = VOLATILE_FIELDS.get(str(item.get("type")), PROVENANCE_FIELDS)
    content = {key: value for key, value in item.items() if key not in volatile}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def emitted_items(paths: Iterable[Path]) -> dict[tuple[str, str], str]:
    """The latest fingerprint of every item in ``paths`` (later lines win)."""
    emitted: dict[tuple[str, str], str] = {}
    for path in paths:
        for record in read_records(path):
            emitted[item_key(record)] = fingerprint(record)
    return emitted
