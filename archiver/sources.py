"""Reading pages from local files and standard input for ``archiver parse``."""

from __future__ import annotations

import gzip
import sys
import zlib
from pathlib import Path

from archiver.errors import InputError
from archiver.page import Page

MAX_FILE_BYTES = 64 * 1024 * 1024


def read_page_file(path: str, url: str | None = None) -> Page:
    """A Page from a file path (``.gz`` decompressed) or ``-`` for standard input.

    Raises InputError with a one-line reason for anything that is not a readable HTML page.
    """
    if path == "-":
        body = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        source_url = url or "stdin:"
    else:
        file = Path(path)
        if file.is_dir():
            raise InputError(f"{path}: is a directory, not an HTML file")
        try:
            with file.open("rb") as handle:
                body = handle.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
        source_url = url or file.resolve().as_uri()
    if len(body) > MAX_FILE_BYTES:
        raise InputError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MiB, not parsed")
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError, zlib.error) as error:
            raise InputError(f"{path}: damaged gzip data ({error})") from None
    page = Page(url=source_url, body=body, headers={"content-type": "text/html"})
    if not body.strip():
        raise InputError(f"{path}: empty file")
    if not page.looks_like_html():
        raise InputError(f"{path}: not an HTML page (binary content)")
    return page
