"""CDX queries in the two dialects web archives speak, and their answers as rows.

The Internet Archive's CDX server (``ia``) answers ``output=json`` with one JSON array
whose first row names the fields, and pages a long answer with ``showResumeKey=true``:
after the rows comes an empty row and then the key to ask for the rest with
(``resumeKey=``). Without ``output=json`` it answers text, one capture a line, fields as
``fl`` lists them; the resume key then follows an empty line. Its filters are regular
expressions on a field (``filter=statuscode:[23]..``).

pywb (``pywb``: Common Crawl's index server, arquivo.pt, any pywb collection) answers
``output=json`` with one JSON object a line, filename, offset and length of the record
included; its filters match a field by regular expression only with ``~``
(``filter=~status:[23]..``). Large indexes are paged: ``showNumPages=true`` answers
``{"pages": N}`` and ``page=0..N-1`` are asked in turn. A pywb collection that is not
paged answers ``showNumPages`` with its whole listing instead, unfiltered: that is then
the listing, and the filters are applied here (:class:`Filters` ``.keeps``), as they are
to every answer, whatever the server did with them.

:func:`parse_cdx` reads any of these answers; nothing here fetches anything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from archiver.archives.sources import IA, ArchiveSource
from archiver.archives.timestamps import pad

# The fields asked of an Internet Archive server, in the order its text answer gives them.
IA_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
# Statuses worth a capture: pages and redirects; "-" is a revisit (a deduplicated capture).
DEFAULT_STATUS = r"([23][0-9][0-9]|-)"
# What a blog crawl reads: pages, feeds, sitemaps; warc/revisit is a deduplicated capture.
DEFAULT_MIME = r"(text/html|application/xhtml\+xml|application/(rss|atom)\+xml|(text|application)/xml|warc/revisit|unk)"
_NAMES = {"original": "url", "statuscode": "status", "mimetype": "mime"}


@dataclass(frozen=True)
class CdxRow:
    """One capture as an index lists it. ``status`` is a string: ``-`` for a revisit."""

    url: str
    timestamp: str
    status: str = ""
    mime: str = ""
    digest: str = ""
    length: int | None = None
    offset: int | None = None
    filename: str | None = None

    @property
    def revisit(self) -> bool:
        return self.mime == "warc/revisit" or self.status == "-"


@dataclass(frozen=True)
class CdxAnswer:
    """What one query returned: rows, the key for the next page, or a page count."""

    rows: tuple[CdxRow, ...]
    resume_key: str | None = None
    pages: int | None = None


@dataclass(frozen=True)
class Filters:
    """Which captures a listing keeps: regexes on status and MIME type, a date range, collapse."""

    status: str = DEFAULT_STATUS
    mime: str = DEFAULT_MIME
    start: str | None = None  # 14-digit bounds
    end: str | None = None
    collapse: str = ""  # "", "urlkey", "digest" or "timestamp:N" (applied per URL, see index)

    def keeps(self, row: CdxRow) -> bool:
        """Whether ``row`` passes the filters (the server may have ignored some)."""
        if self.start and row.timestamp < self.start or self.end and row.timestamp > self.end:
            return False
        if self.status and not re.fullmatch(self.status, row.status):
            return False
        return not self.mime or re.fullmatch(self.mime, row.mime.split(";")[0].strip().lower()) is not None


def query_params(source: ArchiveSource, url: str, match_type: str, filters: Filters, *,
                 page_size: int = 0, resume_key: str | None = None, page: int | None = None,
                 count_pages: bool = False) -> list[tuple[str, str]]:
    """The query string of a listing of ``url`` (``match_type`` exact, prefix, host or domain)."""
    params: list[tuple[str, str]] = [("url", url), ("matchType", match_type), ("output", "json")]
    if filters.start:
        params.append(("from", filters.start))
    if filters.end:
        params.append(("to", filters.end))
    if source.dialect == IA:
        params.append(("fl", ",".join(IA_FIELDS)))
        params += [("filter", f"statuscode:{filters.status}")] if filters.status else []
        params += [("filter", f"mimetype:{filters.mime}")] if filters.mime else []
        # Collapsing is safe on the server only where rows of different URLs never touch.
        if filters.collapse == "urlkey" or (filters.collapse and match_type == "exact"):
            params.append(("collapse", filters.collapse))
        if page_size:
            params += [("limit", str(page_size)), ("showResumeKey", "true")]
        if resume_key:
            params.append(("resumeKey", resume_key))
        return params
    params += [("filter", f"~status:{filters.status}$")] if filters.status else []
    params += [("filter", f"~mime:{filters.mime}$")] if filters.mime else []
    if count_pages:
        params.append(("showNumPages", "true"))
    if page is not None:
        params.append(("page", str(page)))
    return params


def query_url(endpoint: str, params: list[tuple[str, str]]) -> str:
    return f"{endpoint}?{urlencode(params)}"


def parse_cdx(body: bytes, *, fields: tuple[str, ...] = IA_FIELDS) -> CdxAnswer:
    """The rows of any CDX answer: IA JSON arrays, pywb JSON lines, or text lines.

    Lines that cannot be read are skipped; a body that is none of these raises
    ValueError (an HTML error page, say), so the query is not taken as an empty listing.
    """
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return CdxAnswer(())
    if text.startswith("["):
        return _ia_json(json.loads(text))
    if text.startswith("{"):
        first = json.loads(text.splitlines()[0])
        if "pages" in first and "url" not in first:
            return CdxAnswer((), pages=int(first["pages"]))
        return CdxAnswer(tuple(row for line in text.splitlines() if (row := _pywb_line(line))))
    if text.lstrip().lower().startswith(("<!doctype", "<html")):
        raise ValueError("an HTML page, not a CDX answer")
    return _text(text, fields)


def _ia_json(data: list) -> CdxAnswer:
    if not data:
        return CdxAnswer(())
    header = [str(name) for name in data[0]]
    rows: list[CdxRow] = []
    resume_key = None
    rest = data[1:]
    for index, values in enumerate(rest):
        if not values:  # the empty row before the resume key
            tail = rest[index + 1:]
            if tail and tail[0]:
                resume_key = str(tail[0][0])
            break
        row = _row(dict(zip(header, values, strict=False)))
        if row is not None:
            rows.append(row)
    return CdxAnswer(tuple(rows), resume_key=resume_key)


def _pywb_line(line: str) -> CdxRow | None:
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        return _row(json.loads(line))
    except ValueError:
        return None


def _text(text: str, fields: tuple[str, ...]) -> CdxAnswer:
    """Text lines: ``urlkey timestamp {json}`` (CDXJ) or space-separated ``fields``."""
    rows: list[CdxRow] = []
    resume_key = None
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not line.strip():
            tail = [rest for rest in lines[index + 1:] if rest.strip()]
            resume_key = tail[0].strip() if tail else None
            break
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[2].startswith("{"):
            try:
                data = json.loads(parts[2])
            except ValueError:
                continue
            row = _row({"urlkey": parts[0], "timestamp": parts[1], **data})
        else:
            row = _row(dict(zip(fields, line.split(), strict=False)))
        if row is not None:
            rows.append(row)
    return CdxAnswer(tuple(rows), resume_key=resume_key)


def _row(data: dict) -> CdxRow | None:
    values = {_NAMES.get(name, name): value for name, value in data.items()}
    url, timestamp = values.get("url"), str(values.get("timestamp") or "")
    if not url or not timestamp.isdigit() or len(timestamp) < 4:
        return None
    return CdxRow(url=str(url), timestamp=pad(timestamp[:14], upper=False), status=str(values.get("status") or ""),
                  mime=str(values.get("mime") or ""), digest=str(values.get("digest") or ""),
                  length=_integer(values.get("length")), offset=_integer(values.get("offset")),
                  filename=str(values["filename"]) if values.get("filename") else None)


def _integer(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None
