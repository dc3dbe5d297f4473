"""Errors the library raises on purpose.

Every error a user can cause (bad path, not HTML, not a WARC) is an :class:`ArchiverError`;
the CLI prints its message on one line and exits non-zero. Anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations


class ArchiverError(Exception):
    """Base class: a problem with the user's input or environment, with a one-line message."""

    exit_code = 1


class InputError(ArchiverError):
    """The input cannot be used: missing or unreadable file, empty, binary, not HTML."""

    exit_code = 2


class ArchiveError(ArchiverError):
    """A WARC/WACZ file is missing, not an archive, or damaged beyond the records read so far."""

    exit_code = 3
