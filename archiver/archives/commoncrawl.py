"""Which Common Crawl collections cover a time range, from its ``collinfo.json``.

Common Crawl publishes one index per crawl (``CC-MAIN-2013-20``: the crawl of week 20 of
2013; older ones are named by year, ``CC-MAIN-2012``, ``CC-MAIN-2009-2010``). Its list of
collections gives each one's CDX endpoint and, in newer lists, the dates it covers. A
crawl asked for ``from``/``until`` without naming a collection reads every collection
whose dates overlap the range; where the list gives no dates, they are read from the
name (a weekly crawl taken to span the four weeks around its week).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta

from archiver.archives.timestamps import to_timestamp

_WEEKLY = re.compile(r"^CC-MAIN-(\d{4})-(\d{2})$")
_YEARS = re.compile(r"^CC-MAIN-(\d{4})(?:-(\d{4}))?$")


def overlapping(body: bytes, start: str | None, end: str | None) -> list[str]:
    """The CDX endpoints of the collections in ``collinfo.json`` that overlap
    ``start``..``end`` (14-digit bounds; None is open), oldest first."""
    chosen: list[tuple[str, str]] = []
    for entry in json.loads(body.decode("utf-8")):
        endpoint = entry.get("cdx-api")
        span = _span(entry)
        if not endpoint or span is None:
            continue
        first, last = span
        if (end is None or first <= end) and (start is None or last >= start):
            chosen.append((first, endpoint))
    return [endpoint for _, endpoint in sorted(chosen)]


def _span(entry: dict) -> tuple[str, str] | None:
    """First and last 14-digit timestamps a collection covers."""
    if entry.get("from") and entry.get("to"):
        try:
            return (to_timestamp(_moment(entry["from"])), to_timestamp(_moment(entry["to"])))
        except ValueError:
            pass
    name = str(entry.get("id") or "")
    if match := _WEEKLY.match(name):
        monday = date.fromisocalendar(int(match[1]), max(1, min(int(match[2]), 52)), 1)
        first, last = monday - timedelta(days=14), monday + timedelta(days=14)
        return (first.strftime("%Y%m%d000000"), last.strftime("%Y%m%d235959"))
    if match := _YEARS.match(name):
        return (f"{match[1]}0101000000", f"{match[2] or match[1]}1231235959")
    return None


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
