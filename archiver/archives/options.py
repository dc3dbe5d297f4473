"""The options of a crawl from a web archive: spider arguments first, then settings.

``scrapy crawl blog -a url=… -a archive=wayback -a from=2011-01-01 -a until=2012-12-31
[-a at=2011-09-20] [-a replay=…] [-a warcs=…]``; each argument overrides the
``ARCHIVER_ARCHIVE*`` setting of the same name (defaults in ``archiver/settings.py``,
meanings in ``docs/archives.md``). Every value is checked here, so a typo stops the crawl
before anything is fetched, with one line saying what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from archiver.archives.cdx import DEFAULT_MIME, DEFAULT_STATUS, Filters
from archiver.archives.sources import ArchiveSource, parse_source
from archiver.archives.timestamps import bound, to_timestamp
from archiver.errors import InputError

# Spider arguments of archive mode, and the setting each one overrides.
ARGUMENTS = {"archive": "ARCHIVER_ARCHIVE", "from": "ARCHIVER_ARCHIVE_FROM", "until": "ARCHIVER_ARCHIVE_UNTIL",
             "at": "ARCHIVER_ARCHIVE_AT", "replay": "ARCHIVER_ARCHIVE_REPLAY", "warcs": "ARCHIVER_ARCHIVE_WARCS"}
_COLLAPSE = re.compile(r"^(|urlkey|digest|timestamp:(?:[4-9]|1[0-4]))$")


@dataclass(frozen=True)
class ArchiveOptions:
    """Everything the archive middlewares need, checked."""

    source: ArchiveSource
    filters: Filters  # status, MIME, from/until bounds, collapse
    at: str | None  # the moment to read the blog at (14 digits), if given
    page_size: int  # rows per CDX page (Internet Archive dialect)
    cache_days: float  # how long a CDX answer stays good (0: for good)
    pause: float  # seconds to pause the crawl on a 429 without Retry-After
    pause_max: float  # the longest pause a Retry-After may ask for
    retries: int  # times one request is retried after 429/503 before it fails
    user_agent: str  # what the archive sees: USER_AGENT plus ARCHIVER_CONTACT

    @property
    def reference(self) -> str:
        """When a page no capture links to is read at: ``at``, else ``until``, else now."""
        return self.at or self.filters.end or to_timestamp(datetime.now(UTC))

    @classmethod
    def read(cls, arguments: dict[str, Any], settings: Any) -> ArchiveOptions | None:
        """The options, or None when no archive is named (a crawl of the live web)."""

        def pick(name: str) -> Any:
            value = arguments.get(name)
            return value if value not in (None, "") else settings.get(ARGUMENTS[name])

        archive = pick("archive")
        if not archive:
            for name in ("from", "until", "at", "replay", "warcs"):
                if pick(name):
                    raise InputError(f"{name}= only applies to a crawl from a web archive (archive=…)")
            return None
        source = parse_source(str(archive), replay=pick("replay") or None, warcs=pick("warcs") or None,
                              dialect=settings.get("ARCHIVER_ARCHIVE_DIALECT") or None)
        source = _paced(source, settings)
        start = bound(pick("from"), upper=False, name="from")
        end = bound(pick("until"), upper=True, name="until")
        if start and end and start > end:
            raise InputError(f"from ({pick('from')}) is after until ({pick('until')})")
        at = bound(pick("at"), upper=False, name="at")
        if source.collections and not (start or end):
            raise InputError(f"archive={archive}: name a collection (commoncrawl:CC-MAIN-2013-20) or give from=/until= "
                             "to choose among Common Crawl's crawls (collinfo.json lists them)")
        collapse = str(settings.get("ARCHIVER_ARCHIVE_COLLAPSE") or "")
        if not _COLLAPSE.match(collapse):
            raise InputError(f"ARCHIVER_ARCHIVE_COLLAPSE must be urlkey, digest or timestamp:N, not {collapse!r}")
        filters = Filters(status=_text(settings, "ARCHIVER_ARCHIVE_STATUS", DEFAULT_STATUS),
                          mime=_text(settings, "ARCHIVER_ARCHIVE_MIME", DEFAULT_MIME), start=start, end=end,
                          collapse=collapse)
        for pattern in (filters.status, filters.mime):
            try:
                re.compile(pattern)
            except re.error as error:
                raise InputError(f"not a regular expression: {pattern!r} ({error})") from None
        return cls(source=source, filters=filters, at=at,
                   page_size=_number(settings, "ARCHIVER_ARCHIVE_PAGE_SIZE", int, 5000),
                   cache_days=_number(settings, "ARCHIVER_ARCHIVE_CACHE_DAYS", float, 0.0),
                   pause=_number(settings, "ARCHIVER_ARCHIVE_PAUSE", float, 60.0),
                   pause_max=_number(settings, "ARCHIVER_ARCHIVE_PAUSE_MAX", float, 900.0),
                   retries=_number(settings, "ARCHIVER_ARCHIVE_RETRIES", int, 5),
                   user_agent=user_agent(settings))


def user_agent(settings: Any) -> str:
    """``USER_AGENT`` with the operator's contact (``ARCHIVER_CONTACT``), which archives
    ask of anyone reading them in bulk."""
    agent = str(settings.get("USER_AGENT") or "blog-archiver")
    contact = str(settings.get("ARCHIVER_CONTACT") or "").strip()
    if not contact or contact in agent:
        return agent
    if agent.endswith(")"):
        return f"{agent[:-1]}; {contact})"
    return f"{agent} ({contact})"


def _paced(source: ArchiveSource, settings: Any) -> ArchiveSource:
    """The archive's own pacing, unless settings say otherwise; none for a test archive on
    this machine (``ARCHIVER_LOOPBACK_FAST``)."""
    fast = source.loopback and settings.getbool("ARCHIVER_LOOPBACK_FAST", True)
    interval = settings.get("ARCHIVER_ARCHIVE_CDX_INTERVAL")
    delay = settings.get("ARCHIVER_ARCHIVE_DELAY")
    concurrency = settings.get("ARCHIVER_ARCHIVE_CONCURRENCY")
    return replace(
        source,
        cdx_interval=float(interval) if interval not in (None, "") else 0.0 if fast else source.cdx_interval,
        delay=float(delay) if delay not in (None, "") else 0.0 if fast else source.delay,
        concurrency=int(concurrency) if concurrency not in (None, "") else 8 if fast else source.concurrency,
    )


def _text(settings: Any, name: str, default: str) -> str:
    """A setting's text; unset means ``default``, an empty value means none."""
    value = settings.get(name)
    return default if value is None else str(value)


def _number(settings: Any, name: str, kind: type, default: Any) -> Any:
    value = settings.get(name)
    if value in (None, ""):
        return default
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a number, not {value!r}") from None
    if number < 0:
        raise InputError(f"{name} must not be negative, not {value!r}")
    return number


def configure(arguments: dict[str, Any], settings: Any, start_url: str | None) -> ArchiveOptions | None:
    """Archive mode for a spider about to start: the options (None for the live web).

    A crawl from an archive gets a folder of its own, ``<host>-<archive>``, unless
    ``ARCHIVER_CRAWL_NAME`` names one: its state and items never mix with a live crawl's.
    Every request of the crawl carries the operator's contact in its User-Agent. Runs
    before Scrapy freezes the settings.
    """
    options = ArchiveOptions.read(arguments, settings)
    if options is None:
        return None
    if not start_url:
        raise InputError("archive=… needs url=…: the blog to read from the archive")
    if not settings.get("ARCHIVER_CRAWL_NAME"):
        settings.set("ARCHIVER_CRAWL_NAME", crawl_name(start_url, options.source), priority="spider")
    # Every request goes to the archive (its robots.txt too): all of them say who asks.
    settings.set("USER_AGENT", options.user_agent, priority="cmdline")
    for name in ("archive", "from", "until", "at"):  # recorded in each WARC file's warcinfo
        if arguments.get(name):
            settings.set(ARGUMENTS[name], str(arguments[name]), priority="cmdline")
    return options


def crawl_name(start_url: str, source: ArchiveSource) -> str:
    """``security.blogs.cnn.com-wayback``: the blog's crawl name and the archive's."""
    from archiver.output import crawl_name_for, safe_name

    return safe_name(f"{crawl_name_for(start_url)}-{source.name}")
