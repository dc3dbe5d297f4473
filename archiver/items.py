"""The two item types the archiver emits, Article and Comment.

Field names and types match the published JSON Schemas in ``archiver/schema/`` (the
contract for downstream users); ``tests/test_corpus.py`` and ``tests/test_fuzz_parse.py``
validate real items against them.
Provenance fields (``warc_file``, ``warc_record_id``, ``warc_offset``, ``fetched_at``)
are null when a page was parsed from a plain file rather than an archived response.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any, Literal

CommentKind = Literal["comment", "pingback", "trackback"]


@dataclass
class Provenance:
    """Where an item's bytes are archived: the WARC response record it was parsed from.

    A page crawled from a web archive (docs/archives.md) also names the capture it is a
    copy of: when the archive captured it (``captured_at``, UTC ISO 8601, which is also
    the record's WARC-Date and so ``fetched_at``), the archive (``wayback``,
    ``commoncrawl``, ``arquivo`` or the CDX server's host) and the capture's address
    there (``archive_url``: its ``id_`` replay URL, or its WARC file's URL with
    ``#offset=…&length=…``). All three are null for a page fetched from the live web.
    """

    warc_file: str | None = None
    warc_record_id: str | None = None
    warc_offset: int | None = None
    fetched_at: str | None = None
    captured_at: str | None = None
    archive: str | None = None
    archive_url: str | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any] | None) -> Provenance:
        data = data or {}
        return cls(**{f.name: data.get(f.name) for f in fields(cls)})


_PROVENANCE_FIELDS = tuple(f.name for f in fields(Provenance))


@dataclass
class Article:
    """A blog post or news article. Dates are ISO 8601 strings (see archiver.dates)."""

    url: str
    canonical_url: str | None = None
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    body: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    comment_count: int | None = None
    comments_found: int = 0
    language: str | None = None
    site_name: str | None = None
    parser: str | None = None
    # A post split into several pages (<!--nextpage-->): every page in order, each with its
    # number, url and WARC record (warc_file, warc_record_id, warc_offset, fetched_at); the
    # article's own url and provenance are the first page's. Empty, and left out of
    # to_dict(), for a post of one page.
    pages: list[dict[str, Any]] = field(default_factory=list)
    # The comment platforms the page uses ("wordpress", "disqus", …; archiver.platforms),
    # in the order detected. Empty, and left out of to_dict(), when none was recognised.
    comment_platforms: list[str] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)
    type: Literal["article"] = "article"

    def to_dict(self) -> dict[str, Any]:
        data = _flatten(self)
        if not self.pages:
            del data["pages"]
        if not self.comment_platforms:
            del data["comment_platforms"]
        return data


@dataclass
class Comment:
    """One reader comment, pingback or trackback, in thread order."""

    id: str
    article_url: str
    author: str | None = None
    author_url: str | None = None
    published: str | None = None
    # The comment's own heading as shown, when it has one (a subject line: SB Nation,
    # JomComment, SPIP's forums); None when the page shows none or it only repeats the
    # text's first words (Drupal's subjects made of them).
    title: str | None = None
    text: str = ""
    parent_id: str | None = None
    depth: int = 1
    position: int = 0
    page_url: str | None = None
    kind: CommentKind = "comment"
    # A comment read from a comment platform's API or feed (archiver.platforms): the
    # platform ("wordpress", "disqus", …) and the URL of the response it came from; the id
    # and parent_id are then in the platform's id space ("disqus:123"). Both None, and
    # left out of to_dict(), for a comment read from the page's HTML alone.
    platform: str | None = None
    source_url: str | None = None
    provenance: Provenance = field(default_factory=Provenance)
    type: Literal["comment"] = "comment"

    def to_dict(self) -> dict[str, Any]:
        data = _flatten(self)
        if self.platform is None:
            del data["platform"]
        if self.source_url is None:
            del data["source_url"]
        return data


_FLAT_FIELDS: dict[type, tuple[str, ...]] = {}


def _flatten(item: Article | Comment) -> dict[str, Any]:
    """Item as a flat JSON-ready dict: ``type`` first, provenance fields last.

    Written out rather than ``dataclasses.asdict``, whose recursive deep copy cost more
    than the rest of an item's way to disk; lists are still copied, so the dict shares
    no mutable value with the item.
    """
    names = _FLAT_FIELDS.get(type(item))
    if names is None:
        names = _FLAT_FIELDS[type(item)] = tuple(f.name for f in fields(item) if f.name not in ("type", "provenance"))
    data: dict[str, Any] = {"type": item.type}
    for name in names:
        value = getattr(item, name)
        data[name] = list(value) if type(value) is list else value
    provenance = item.provenance
    for name in _PROVENANCE_FIELDS:
        data[name] = getattr(provenance, name)
    return data


def content_id(*parts: str | None) -> str:
    """A stable id from content, for comments whose site gives them no id of their own."""
    digest = hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()
    return f"h-{digest[:16]}"
