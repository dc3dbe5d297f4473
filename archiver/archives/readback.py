"""A capture fetched before, read back from the crawl's own WARC files instead of the archive.

A resumed or repeated crawl from an archive needs pages it already has: their copies are
in ``<crawl>/warc/`` (:mod:`.copies`), at the place :class:`.store.ArchiveStore`
remembered. Reading the record there costs no request to the archive. The record must
still be the one remembered (same ``WARC-Record-ID``); if its file is gone or holds
something else, None is returned and the capture is fetched again.

The HTTP message comes back as the archive sent it (a body still compressed keeps its
``Content-Encoding``, which the crawl's decompression then undoes, as for any fetch).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archiver.archives.copies import dechunked_payload
from archiver.archives.store import FetchedCapture
from archiver.warc.naming import OPEN_SUFFIX


@dataclass(frozen=True)
class StoredAnswer:
    """The HTTP answer held by a copy's record."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def read_copy(warc_folder: Path, fetched: FetchedCapture) -> StoredAnswer | None:
    """The answer stored for ``fetched``, or None when the record cannot be read back."""
    path = Path(warc_folder) / fetched.warc_file
    if not path.exists():
        path = path.with_name(path.name + OPEN_SUFFIX)
    try:
        with open(path, "rb") as handle:
            handle.seek(fetched.warc_offset)
            record = next(iter(ArchiveIterator(handle)))
            if record.rec_headers.get_header("WARC-Record-ID") != fetched.warc_record_id:
                return None
            http = record.http_headers
            if http is None:
                return None
            code = str(http.get_statuscode())
            body = dechunked_payload(record)
            return StoredAnswer(int(code) if code.isdigit() else 200, list(http.headers), body)
    except (OSError, StopIteration, ValueError, EOFError):
        return None
    except Exception:  # noqa: BLE001 - a damaged record is fetched again rather than crash the crawl
        return None
