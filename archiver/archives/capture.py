"""The capture a request fetches, carried in the request's meta from choice to WARC record.

A request for a blog's URL becomes a request for one capture of it: by replay
(``{replay}{timestamp}id_/{url}``), by range request into the archive's WARC file, or by
asking the archive's time gate for the capture nearest a moment (``mode="timegate"``,
when no listing covered the URL: the archive answers with its choice). What was chosen
travels in ``request.meta[CAPTURE_KEY]`` as plain JSON values, so it survives a crash in
the frontier and a trip through a shared Redis queue.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

CAPTURE_KEY = "archiver_capture"  # meta: the capture being fetched (Capture.to_meta())
REFERENCE_KEY = "archiver_archive_ref"  # meta: the linking page's capture time (14 digits)

REPLAY, RANGE, TIMEGATE = "replay", "range", "timegate"


@dataclass(frozen=True)
class Capture:
    """One capture of ``url`` in ``archive``, and the URL it is fetched from.

    ``timestamp`` is the capture's (for ``timegate``, the moment asked for until the
    archive says which capture it chose). ``filename``, ``offset`` and ``length`` place a
    record in the archive's WARC file (``range``).
    """

    archive: str
    url: str
    timestamp: str
    fetch_url: str
    mode: str = REPLAY
    filename: str | None = None
    offset: int | None = None
    length: int | None = None

    @property
    def archive_url(self) -> str:
        """Where the capture is: its replay URL, or its WARC file with the record's place."""
        if self.mode == RANGE:
            return f"{self.fetch_url}#offset={self.offset}&length={self.length}"
        return self.fetch_url

    @property
    def byte_range(self) -> str:
        """The ``Range`` header of a range request for the record."""
        assert self.offset is not None and self.length is not None
        return f"bytes={self.offset}-{self.offset + self.length - 1}"

    def chosen(self, timestamp: str, fetch_url: str) -> Capture:
        """The capture the archive's time gate chose."""
        return replace(self, timestamp=timestamp, fetch_url=fetch_url, mode=REPLAY)

    def to_meta(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> Capture | None:
        data = meta.get(CAPTURE_KEY)
        if not isinstance(data, dict):
            return None
        try:
            return cls(**data)
        except TypeError:
            return None
