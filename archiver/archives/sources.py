"""Which web archive a crawl reads, and how that archive is addressed.

``archive=`` takes a name or the URL of a CDX server:

* ``wayback``: the Internet Archive's Wayback Machine (its own CDX dialect, ``id_`` replay);
* ``arquivo``: arquivo.pt (pywb's CDX dialect, ``id_`` replay);
* ``commoncrawl`` or ``commoncrawl:CC-MAIN-2013-20``: Common Crawl (pywb's dialect; no
  replay, records are read from its WARC files with HTTP range requests). Without a
  collection, those whose crawl dates overlap ``from``/``until`` are read, as listed in
  ``collinfo.json``;
* the URL of any CDX endpoint. Its dialect and replay address are guessed from the URL
  (``…/cdx/search/cdx`` is the Internet Archive's layout, replayed at ``…/web/``;
  ``…/<collection>/cdx`` is pywb's, replayed at ``…/<collection>/``); ``replay=`` and
  ``warcs=`` (``ARCHIVER_ARCHIVE_REPLAY``, ``ARCHIVER_ARCHIVE_WARCS``) say otherwise, and
  ``warcs=`` switches to range requests into WARC files (a Common Crawl mirror).

The pacing defaults are the archives' published or observed limits, kept well below
them (``docs/archives.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from archiver.errors import InputError

IA = "ia"  # the Internet Archive's CDX dialect: JSON arrays, resumeKey paging
PYWB = "pywb"  # pywb's: JSON lines, page/showNumPages paging (Common Crawl, arquivo.pt)
DIALECTS = (IA, PYWB)
_COLLECTION = re.compile(r"^CC-MAIN-[0-9-]+$")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class ArchiveSource:
    """An archive: where to ask for captures and how to fetch one.

    ``replay`` is the prefix of raw (``id_``) replay URLs, ``{replay}{timestamp}id_/{url}``;
    ``warcs`` the prefix WARC file names of the index are fetched under by range
    requests. One of them is set. ``cdx_interval`` is the least time between two index
    queries; ``delay`` and ``concurrency`` pace the fetches of captures.
    """

    name: str
    cdx: tuple[str, ...]
    dialect: str
    replay: str | None = None
    warcs: str | None = None
    collections: str | None = None  # Common Crawl's collinfo.json, when no collection was named
    cdx_interval: float = 2.0
    delay: float = 1.0
    concurrency: int = 2

    @property
    def hosts(self) -> set[str]:
        """The hosts (with ports) this source talks to: requests to them are never rewritten."""
        urls = [*self.cdx, self.replay, self.warcs, self.collections]
        return {urlsplit(url).netloc.lower() for url in urls if url}

    @property
    def loopback(self) -> bool:
        """Every host on this machine: a test archive, paced not at all by default."""
        return all(urlsplit(f"//{host}").hostname in _LOOPBACK for host in self.hosts)

    def replay_url(self, timestamp: str, url: str) -> str:
        """The capture as archived, without the archive's rewriting (``id_``)."""
        assert self.replay is not None
        return f"{self.replay}{timestamp}id_/{url}"

    def warc_url(self, filename: str) -> str:
        """Where a WARC file named in the index is fetched from."""
        assert self.warcs is not None
        return filename if "://" in filename else f"{self.warcs}{filename.lstrip('/')}"


WAYBACK = ArchiveSource(
    "wayback", ("https://web.archive.org/cdx/search/cdx",), IA, replay="https://web.archive.org/web/",
    # The CDX API allows about 60 queries a minute per address, averaged over 5 minutes, and
    # blocks addresses that keep going after a 429; a crawl needs few, so one every 10 s.
    cdx_interval=10.0, delay=1.0, concurrency=2)
ARQUIVO = ArchiveSource(
    "arquivo", ("https://arquivo.pt/wayback/cdx",), PYWB, replay="https://arquivo.pt/noFrame/replay/",
    # Published limits: 250 CDX queries and 400 replays a minute per address.
    cdx_interval=1.0, delay=0.5, concurrency=2)
COMMONCRAWL = ArchiveSource(
    "commoncrawl", (), PYWB, warcs="https://data.commoncrawl.org/",
    collections="https://index.commoncrawl.org/collinfo.json",
    # The index server is shared by everyone and slows down under load; data.commoncrawl.org
    # answers 503 "Slow Down" to bursts.
    cdx_interval=2.0, delay=0.5, concurrency=2)
NAMED = {"wayback": WAYBACK, "arquivo": ARQUIVO, "commoncrawl": COMMONCRAWL}
ALIASES = {"ia": "wayback", "internetarchive": "wayback", "cc": "commoncrawl", "arquivo.pt": "arquivo"}


def commoncrawl_index(collection: str) -> str:
    """The CDX endpoint of one Common Crawl collection."""
    return f"https://index.commoncrawl.org/{collection}-index"


def parse_source(value: str, *, replay: str | None = None, warcs: str | None = None,
                 dialect: str | None = None) -> ArchiveSource:
    """The source an ``archive=`` value names; InputError for one that names none."""
    text = (value or "").strip()
    if not text:
        raise InputError("archive: empty; use wayback, arquivo, commoncrawl[:CC-MAIN-…] or a CDX server's URL")
    if "://" in text:
        source = _custom(text)
    else:
        name, _, collection = text.partition(":")
        name = ALIASES.get(name.lower(), name.lower())
        if name not in NAMED:
            raise InputError(f"archive: unknown archive {text!r}; use wayback, arquivo, "
                             "commoncrawl[:CC-MAIN-…] or a CDX server's URL")
        source = NAMED[name]
        if collection:
            if name != "commoncrawl" or not _COLLECTION.match(collection):
                raise InputError(f"archive: {text!r}: only commoncrawl takes a collection (commoncrawl:CC-MAIN-2013-20)")
            source = replace(source, cdx=(commoncrawl_index(collection),), collections=None)
    if replay:
        source = replace(source, replay=_prefix(replay, "replay"), warcs=None)
    if warcs:
        source = replace(source, warcs=_prefix(warcs, "warcs"), replay=None)
    if dialect:
        if dialect not in DIALECTS:
            raise InputError(f"archive dialect must be one of {', '.join(DIALECTS)}, not {dialect!r}")
        source = replace(source, dialect=dialect)
    if not source.replay and not source.warcs:
        raise InputError(f"archive: no replay address known for {text!r}; give replay=URL-prefix (id_ replay) "
                         "or warcs=URL-prefix (range requests into the WARC files the index names)")
    return source


def _custom(url: str) -> ArchiveSource:
    """A CDX server given by URL: the Internet Archive's layout or pywb's, from the path."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"archive: not an http(s) URL: {url!r}")
    base = f"{parts.scheme}://{parts.netloc}"
    path = parts.path.rstrip("/")
    if path.endswith("/cdx/search/cdx") or path.endswith("/cdx/search"):
        root = path[: path.index("/cdx/search")]
        return ArchiveSource(parts.netloc, (f"{base}{path}",), IA, replay=f"{base}{root}/web/")
    if path.endswith("/cdx"):
        return ArchiveSource(parts.netloc, (f"{base}{path}",), PYWB, replay=f"{base}{path[:-len('cdx')]}")
    return ArchiveSource(parts.netloc, (f"{base}{path}",), PYWB)


def _prefix(url: str, name: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{name}: not an http(s) URL prefix: {url!r}")
    text = url.strip()
    return text if text.endswith("/") else f"{text}/"
