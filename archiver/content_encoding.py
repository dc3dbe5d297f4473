"""Undo a response body's Content-Encoding, strictly: all of it or nothing.

Scrapy's ``HttpCompressionMiddleware`` and warcio both decode leniently. Scrapy keeps
whatever came out before an error (a gzip body with one flipped byte gives garbled text
that fails its CRC check, or the first part of the page); warcio, when the first bytes do
not decode, hands back the compressed bytes themselves. Either way the archiver used to
parse the result as if it were the page, and a post with its comments silently became
"not a post". Here a body decodes completely (every gzip member's CRC and length
checked, every stream read to its end) or :class:`UndecodableBody` says why not.

Two leniencies remain, both safe: unknown encodings (``Content-Encoding: utf-8`` and
similar mistakes) are left as they are, as browsers do, and a body declared compressed
that is plainly uncompressed markup (some tools store the decoded body and keep the
header) is taken as it is. Compressed bytes never look like that.

A stream that ends early is an error unless the caller says the body is known to be cut
short (``allow_cut``: a WARC record marked ``WARC-Truncated``, a download Scrapy flagged
as incomplete); then what decodes is returned with ``cut_short`` set.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

try:
    import brotli
except ImportError:  # pragma: no cover - Scrapy depends on brotli (or brotlicffi)
    try:
        import brotlicffi as brotli  # type: ignore[no-redef]
    except ImportError:
        brotli = None

try:
    from compression import zstd  # type: ignore[import-not-found]  # Python 3.14
except ImportError:
    try:
        from backports import zstd  # type: ignore[no-redef]  # a Scrapy dependency before 3.14
    except ImportError:  # pragma: no cover
        zstd = None

_CHUNK = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
DECODERS = ("gzip", "x-gzip", "deflate", "br", "zstd")


class UndecodableBody(ValueError):
    """The body does not decode: corrupt data, or a stream that ends before its end."""


class BodyTooLarge(ValueError):
    """Decoding went past the size limit (a decompression bomb, or just a huge page)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} bytes decoded so far, over the limit of {limit}")
        self.size = size
        self.limit = limit


@dataclass(frozen=True)
class Decoded:
    """A decoded body. ``kept``: encodings it still carries (unknown ones, outermost
    last, as in the header); ``cut_short``: a stream ended early (only with
    ``allow_cut``); ``as_sent``: declared encoded, but it was plain markup all along."""

    body: bytes
    kept: tuple[str, ...] = ()
    cut_short: bool = False
    as_sent: bool = False


def split_encodings(values: Iterable[str | bytes]) -> list[str]:
    """The codings of one or more Content-Encoding header values, in the order applied
    (``"gzip, br"`` is gzip then brotli), lowercased, without ``identity``."""
    codings = []
    for value in values:
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        codings += [part.strip().lower() for part in text.split(",")]
    return [coding for coding in codings if coding and coding != "identity"]


def decode(body: bytes, encodings: list[str], *, max_size: int = 0, allow_cut: bool = False) -> Decoded:
    """Undo ``encodings`` (as :func:`split_encodings` gives them) on ``body``.

    Codings are undone from the last applied back, as long as they are ones this module
    knows; the rest stay in ``kept``. ``max_size`` (0: none) bounds the decoded size.
    Raises :class:`UndecodableBody` or :class:`BodyTooLarge`.
    """
    kept = list(encodings)
    undo = []
    while kept and kept[-1] in DECODERS:
        undo.append(kept.pop())
    data, cut = body, False
    try:
        for coding in undo:
            data, cut_here = _DECODE[coding](data, max_size)
            if cut_here and not allow_cut:
                raise UndecodableBody(f"the {coding} stream ends early (cut short)")
            cut = cut or cut_here
    except UndecodableBody:
        if undo and plain_markup(body):
            return Decoded(body, as_sent=True)
        raise
    return Decoded(data, tuple(kept), cut)


def plain_markup(body: bytes) -> bool:
    """True for a body that starts as uncompressed text markup: ``<`` (after a BOM or
    white space), then only text characters for 512 bytes. Compressed data never does."""
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n\x0c")
    return head.startswith(b"<") and not any(byte < 9 or 13 < byte < 32 or byte == 127 for byte in head)


def _check(size: int, limit: int) -> None:
    if limit and size > limit:
        raise BodyTooLarge(size, limit)


def _inflate_stream(data: bytes, wbits: int, limit: int, done: int = 0) -> tuple[list[bytes], int, bool, bytes]:
    """One zlib/gzip/raw-deflate stream: (pieces, decoded size, cut short, data after it)."""
    inflater = zlib.decompressobj(wbits)
    pieces: list[bytes] = []
    pending = data
    while True:
        try:
            piece = inflater.decompress(pending, _CHUNK)
        except zlib.error as error:
            raise UndecodableBody(str(error)) from None
        if piece:
            done += len(piece)
            _check(done, limit)
            pieces.append(piece)
        if inflater.eof:
            return pieces, done, False, inflater.unused_data
        pending = inflater.unconsumed_tail
        if not pending and not piece:
            return pieces, done, True, b""


def _gunzip(data: bytes, limit: int) -> tuple[bytes, bool]:
    """Every gzip member (concatenated members are one body); bytes after the last
    member that are not another member are ignored, as browsers do."""
    if not data.startswith(_GZIP_MAGIC):
        raise UndecodableBody("not gzip data (no gzip header)")
    out: list[bytes] = []
    done = 0
    rest = data
    while True:
        pieces, done, cut, rest = _inflate_stream(rest, zlib.MAX_WBITS | 16, limit, done)
        out += pieces
        if cut or not rest.startswith(_GZIP_MAGIC):
            return b"".join(out), cut


def _inflate(data: bytes, limit: int) -> tuple[bytes, bool]:
    """``deflate`` is meant to be a zlib stream; some servers send raw deflate."""
    try:
        pieces, _, cut, _ = _inflate_stream(data, zlib.MAX_WBITS, limit)
    except UndecodableBody:
        if _zlib_header(data):
            raise
        pieces, _, cut, _ = _inflate_stream(data, -zlib.MAX_WBITS, limit)
    return b"".join(pieces), cut


def _zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _unbrotli(data: bytes, limit: int) -> tuple[bytes, bool]:
    if brotli is None:  # pragma: no cover
        raise UndecodableBody("brotli is not installed")
    decompressor = brotli.Decompressor()
    pieces = []
    done = 0
    try:
        try:
            piece = decompressor.process(data, output_buffer_limit=_CHUNK)
        except TypeError:  # brotli < 1.2 has no output limit: one piece
            piece = decompressor.process(data)
        while True:
            done += len(piece)
            _check(done, limit)
            pieces.append(piece)
            if decompressor.is_finished() or not piece:
                break
            piece = decompressor.process(b"", output_buffer_limit=_CHUNK)
    except brotli.error as error:
        raise UndecodableBody(f"brotli: {error}") from None
    return b"".join(pieces), not decompressor.is_finished()


def _unzstd(data: bytes, limit: int) -> tuple[bytes, bool]:
    if zstd is None:  # pragma: no cover
        raise UndecodableBody("zstd is not available")
    pieces = []
    done = 0
    rest = data
    try:
        while True:  # one frame after the other
            decompressor: Any = zstd.ZstdDecompressor()
            piece = decompressor.decompress(rest, _CHUNK)
            while True:
                done += len(piece)
                _check(done, limit)
                pieces.append(piece)
                if decompressor.eof:
                    break
                if decompressor.needs_input:
                    return b"".join(pieces), True
                piece = decompressor.decompress(b"", _CHUNK)
            rest = decompressor.unused_data
            if not rest:
                return b"".join(pieces), False
    except zstd.ZstdError as error:
        raise UndecodableBody(f"zstd: {error}") from None


_DECODE = {"gzip": _gunzip, "x-gzip": _gunzip, "deflate": _inflate, "br": _unbrotli, "zstd": _unzstd}
