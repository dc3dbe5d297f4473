"""The framework-free input of every parser: one fetched page as url, headers and body bytes.

A :class:`Page` is built from a Scrapy response, a WARC record or a file on disk, and is
the only thing parsers see. It resolves the character encoding once and parses the HTML
once with lxml; every parser layer shares that tree (an lxml parse costs ~0.5 ms on a
44 KiB blog page, a BeautifulSoup parse ~8 ms, so the tree is never rebuilt).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG: browsers decode these labels with the superset codec; so do we.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
# A page declared as UTF-8 with at most this share of undecodable bytes is taken as UTF-8
# with stray single-byte characters (a common CMS accident), not as another encoding.
_STRAY_BYTES_RATIO = 0.01
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))
_CONTROL_BYTE_STRINGS = tuple(bytes([b]) for b in _CONTROL_BYTES)


def _html_parser(encoding: str | None = None) -> etree.HTMLParser:
    """An HTML parser whose elements are lxml.html's, looked up in C.

    lxml.html's own parser picks each element's class with a Python call (for its form
    classes), about 1 us for every element a selector or a loop touches; parsers use none
    of the form classes.

    HTML comments are dropped while parsing, so the text on either side is one text node:
    React's server rendering separates adjacent pieces with ``<!-- -->``
    (``<strong>NAME</strong> <!-- -->says:``), and a line read as an element's tail would
    otherwise stop at the comment. No parser reads markup comments.
    """
    parser = etree.HTMLParser(huge_tree=True, remove_comments=True, encoding=encoding)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity,
    ))
    return parser


_HTML_PARSER = _html_parser()
_BASE_HREF = etree.XPath("//base/@href")
# Clean UTF-8 bytes are parsed as they are: libxml2 reads them about 1.5x faster than a
# Python str, and the decoded text is then never needed.
_UTF8_PARSER = _html_parser("utf-8")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode a stray byte in a UTF-8 page as Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("archiver-cp1252", _cp1252_fallback)


def normalise_encoding(label: str | None) -> str | None:
    """Map a declared charset label to a Python codec name, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _LABEL_ALIASES.get(name, name)


def _count_utf8_errors(body: bytes) -> int:
    errors = 0

    def count(error: UnicodeError) -> tuple[str, int]:
        nonlocal errors
        assert isinstance(error, UnicodeDecodeError)
        errors += error.end - error.start
        return "", error.end

    codecs.register_error("archiver-count", count)
    body.decode("utf-8", errors="archiver-count")
    return errors


@dataclass
class Page:
    """One HTTP response as the parsers see it. Immutable in spirit; tree and text are cached.

    ``headers`` keys are matched case-insensitively. ``provenance`` carries where the
    bytes came from (WARC file, record id, offset, fetch time) and is copied onto items.
    """

    url: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    status: int = 200
    provenance: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.headers = {str(k).lower(): str(v) for k, v in _header_items(self.headers)}

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)  # type: ignore[union-attr]

    @property
    def content_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    @cached_property
    def declared_encoding(self) -> str | None:
        """The encoding the page claims: BOM first (as browsers do), then HTTP header, then meta."""
        for bom, name in _BOMS:
            if self.body.startswith(bom):
                return name
        match = _HEADER_CHARSET.search(self.header("content-type") or "")
        if match and normalise_encoding(match.group(1)):
            return normalise_encoding(match.group(1))
        meta = _META_CHARSET.search(self.body[:8192])
        if meta:
            return normalise_encoding(meta.group(1).decode("ascii", "ignore"))
        return None

    @cached_property
    def encoding(self) -> str:
        """The encoding the text is decoded with.

        Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page declares (legacy text
        is practically never valid UTF-8 by accident); a declared encoding is used when it
        decodes; otherwise the bytes are sniffed with BeautifulSoup's UnicodeDammit.
        """
        body = self.body
        declared = self.declared_encoding
        if declared and declared.startswith("utf-16"):
            return declared
        if body.isascii():
            return declared or "utf-8"
        if self._valid_utf8:
            return "utf-8"
        errors = _count_utf8_errors(body)
        if declared in (None, "utf-8") and errors <= max(3, len(body) * _STRAY_BYTES_RATIO):
            return "utf-8"  # stray single-byte characters, decoded one by one as cp1252
        if declared and declared != "utf-8":
            try:
                body.decode(declared)
                return declared
            except UnicodeDecodeError:
                pass
        return _sniff_encoding(body, declared)

    @cached_property
    def text(self) -> str:
        """The decoded document, with a BOM, an XML declaration and control characters removed."""
        encoding = self.encoding
        handler = "archiver-cp1252" if encoding == "utf-8" else "replace"
        text = self.body.decode(encoding, errors=handler)
        text = text.lstrip("\ufeff")
        text = _XML_DECLARATION.sub("", text, count=1)
        if encoding == "utf-8" and not _has_control_bytes(self.body):
            # Decoded UTF-8 holds a control character only where the body holds its byte
            # (every byte below 0x80 is that character; the cp1252 fallback decodes only
            # bytes from 0x80, to no control character): one memchr per control byte
            # instead of a regex pass over the text, ~10x faster on a blog page.
            return text
        return _CONTROL_CHARS.sub("", text)

    @cached_property
    def tree(self) -> lxml.html.HtmlElement:
        """The lxml tree of the page, parsed once and shared by every parser layer."""
        source: str | bytes = self.body if self._parses_as_bytes() else self.text
        if not source.strip():
            return _empty_document()
        parser = _UTF8_PARSER if isinstance(source, bytes) else _HTML_PARSER
        try:
            root = etree.fromstring(source, parser)
        except (etree.ParserError, ValueError):
            return _empty_document()
        if root is None:
            return _empty_document()
        if not len(root):  # "<html … />": libxml2 closes it and opens a second html for the page
            root = max((root, *root.itersiblings()), key=len)
        return root

    def _parses_as_bytes(self) -> bool:
        """Whether the body is UTF-8 that :attr:`text` would only decode, nothing more:
        no BOM, no XML declaration, no control characters, no undecodable bytes. Plain
        ASCII counts too whatever ASCII-compatible encoding the page declares."""
        body = self.body
        ascii_only = body.isascii()
        compatible = self.encoding == "utf-8" or (ascii_only and self.encoding in _ASCII_SUPERSETS)
        if not compatible or body.startswith(codecs.BOM_UTF8) or _has_control_bytes(body):
            return False
        if body[:100].lstrip().startswith(b"<?"):
            return False
        return ascii_only or self._valid_utf8

    @cached_property
    def _valid_utf8(self) -> bool:
        """Whether the body decodes as UTF-8 without error (one strict decode per page,
        shared by :attr:`encoding` and the tree's byte-parsing test)."""
        try:
            self.body.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    @cached_property
    def base_url(self) -> str:
        base = _BASE_HREF(self.tree)
        return urljoin(self.url, str(base[0]).strip()) if base else self.url

    def absolute(self, href: str | None) -> str | None:
        """Resolve a link against the page's base URL; None for empty, script and mail links."""
        if not href:
            return None
        href = href.strip()
        if not href or href.startswith(("javascript:", "mailto:", "#", "data:")):
            return None
        return _join(self.base_url, href)

    def looks_like_html(self) -> bool:
        """False for bodies that are clearly something else (PDF, image, zip, plain binary)."""
        head = self.body[:1024].lstrip()
        if not head:
            return False
        if self.content_type and not _is_html_type(self.content_type):
            return False
        if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")):
            return False
        if (self.declared_encoding or "").startswith("utf-16"):
            return True
        binary = sum(1 for b in head if b < 9 or 13 < b < 32)
        return binary <= len(head) * 0.05


@lru_cache(maxsize=8192)
def _join(base: str, href: str) -> str | None:
    """``urljoin``, memoised: commenters' and navigation links repeat on every page of a site."""
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def _has_control_bytes(body: bytes) -> bool:
    """What ``_CONTROL_CHARS`` would remove. One memchr per control byte: ~1.6x faster than
    a byte-level delete (which copies the body), ~6x faster than a regex search."""
    return any(byte in body for byte in _CONTROL_BYTE_STRINGS)


def _empty_document() -> lxml.html.HtmlElement:
    return etree.fromstring("<html><body></body></html>", _HTML_PARSER)


def _is_html_type(content_type: str) -> bool:
    return content_type in ("text/html", "application/xhtml+xml", "text/plain", "application/octet-stream") or (
        content_type.endswith("+xml") and "html" in content_type
    )


# The WHATWG Encoding Standard's encodings, as Python codec names.
WEB_ENCODINGS = frozenset({
    "utf-8", "utf-16-le", "utf-16-be", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874",
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
    *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
})


# Web encodings that read every ASCII byte as that ASCII character (not UTF-16, and not
# ISO-2022-JP, whose escape sequences are ASCII bytes).
_ASCII_SUPERSETS = WEB_ENCODINGS - {"utf-16-le", "utf-16-be", "iso2022_jp"}


def _sniff_encoding(body: bytes, declared: str | None) -> str:
    # Imported only for pages whose declared encoding does not decode.
    from bs4 import UnicodeDammit

    candidates = [declared] if declared else []
    dammit = UnicodeDammit(body, known_definite_encodings=candidates, is_html=True)
    found = normalise_encoding(dammit.original_encoding)
    # A guess outside the encodings browsers support (chardet may say DOS cp862 for a short
    # German cp1252 text) is no web page's encoding: the web's legacy default is.
    return found if found in WEB_ENCODINGS or found == declared else "cp1252"


def _header_items(headers: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> Iterable[tuple[str, str]]:
    items = headers.items() if isinstance(headers, Mapping) else headers
    for key, value in items:
        if isinstance(key, bytes):
            key = key.decode("latin-1")
        if isinstance(value, list | tuple):
            value = value[-1] if value else ""
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        yield key, value
