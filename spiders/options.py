"""The blog spider's options: each spider argument, else its ``ARCHIVER_*`` setting, checked once.

``scrapy crawl blog -a follow=listing`` wins over ``ARCHIVER_FOLLOW``; an empty argument
falls back to the setting. Every value is validated here, so a typo stops the crawl
before anything is fetched or written. ``docs/crawling.md`` lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from archiver.analysis import worker_count
from archiver.browser import BROWSER_MODES
from archiver.dates import parse_date
from archiver.state import RevisitPolicy

FOLLOW_MODES = ("site", "listing", "none")
EMIT_MODES = ("new", "all")
ITEM_MODES = ("post", "each")


@dataclass
class CrawlOptions:
    follow: str
    scope_filters: dict[str, str]  # prefix, allow, deny: see archiver.discovery.Scope
    max_pages: int
    since: datetime | None
    loopback_fast: bool
    revisit: RevisitPolicy
    emit: str
    progress_every: int
    item_mode: str
    parse_workers: int
    browser: str  # off / auto / always: archiver.browser
    robots_sitemaps: bool  # with follow=site: also the sitemaps the start host's robots.txt names

    @classmethod
    def read(cls, arguments: dict[str, Any], settings: Any) -> CrawlOptions:
        def pick(name: str, setting: str) -> Any:
            value = arguments.get(name)
            return value if value not in (None, "") else settings.get(setting)

        since = pick("since", "ARCHIVER_SINCE")
        parsed = parse_date(str(since)) if since else None
        if since and not parsed:
            raise ValueError(f"since: cannot read the date {since!r}")
        return cls(
            follow=_one_of("follow", pick("follow", "ARCHIVER_FOLLOW") or "site", FOLLOW_MODES),
            scope_filters={name: pick(name, f"ARCHIVER_{name.upper()}") or "" for name in ("prefix", "allow", "deny")},
            max_pages=int(pick("max_pages", "ARCHIVER_MAX_PAGES") or 0),
            since=datetime.fromisoformat(parsed[:10]) if parsed else None,
            loopback_fast=settings.getbool("ARCHIVER_LOOPBACK_FAST", True),
            revisit=RevisitPolicy(days=settings.getfloat("ARCHIVER_REVISIT_DAYS", 30.0),
                                  mode=pick("revisit", "ARCHIVER_REVISIT") or "recent"),
            emit=_one_of("emit", pick("emit", "ARCHIVER_EMIT") or "new", EMIT_MODES),
            progress_every=settings.getint("ARCHIVER_PROGRESS_EVERY", 10),
            item_mode=_one_of("ARCHIVER_ITEMS", settings.get("ARCHIVER_ITEMS") or "post", ITEM_MODES),
            parse_workers=worker_count(settings.get("ARCHIVER_PARSE_WORKERS")),
            browser=_one_of("browser", pick("browser", "ARCHIVER_BROWSER") or "off", BROWSER_MODES),
            robots_sitemaps=_switch("sitemaps", pick("sitemaps", "ARCHIVER_ROBOTS_SITEMAPS")),
        )

    def apply_to(self, spider: Any) -> None:
        """Each option becomes an attribute of the spider (pipelines read ``spider.emit``)."""
        for field in fields(self):
            setattr(spider, field.name, getattr(self, field.name))


def _switch(name: str, value: Any) -> bool:
    """An on/off argument or setting: true, 1, on, yes / false, 0, off, no (unset: on)."""
    if value is None or value == "":
        return True
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in ("1", "true", "on", "yes"):
        return True
    if word in ("0", "false", "off", "no"):
        return False
    raise ValueError(f"{name} must be on or off, not {value!r}")


def _one_of(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value
