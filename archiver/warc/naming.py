"""WARC file names that parallel writers cannot collide on.

A name carries a prefix, the UTC time the file was opened, a serial number, the host
name and the process id (the Heritrix/IIPC convention), so two crawls on the same
folder, or two processes on one machine, pick different names without coordinating.
A file being written carries an extra ``.open`` suffix; it is renamed to its final name
only once complete, so any file without the suffix can be read as finished.
"""

from __future__ import annotations

import re
from datetime import datetime

OPEN_SUFFIX = ".open"
WARC_SUFFIX = ".warc.gz"
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


def safe_part(text: str, fallback: str) -> str:
    """``text`` reduced to letters, digits, dots and dashes, so a name splits on ``-``.

    Underscores become dashes too; an empty result becomes ``fallback``.
    """
    return _UNSAFE.sub("-", text).strip(".-")[:64] or fallback


def warc_filename(
    prefix: str, opened_at: datetime, serial: int, host: str, pid: int
) -> str:
    """The finished file's name, e.g. ``blog-archiver-20261125143000-00000-host-1234.warc.gz``.

    ``opened_at`` must be UTC.
    """
    stamp = opened_at.strftime("%Y%m%d%H%M%S")
    return (
        f"{safe_part(prefix, 'warc')}-{stamp}-{serial:05d}-"
        f"{safe_part(host, 'localhost')}-{pid}{WARC_SUFFIX}"
    )
