"""A day refined by the time shown beside it, for post and comment dates alike.

Themes often print the date and the time in two elements ("August 06, 2019" and
"4:14 pm"), sometimes with no space between them, so the time is looked for in the
elements right after the date's, then in the line around it.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from datetime import datetime, timedelta, timezone

from lxml.html import HtmlElement

from archiver.dates import parse_date_in
from archiver.parsers.text import inline_text

MAX_LINE = 200
_TIME_ONLY = re.compile(r"\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*uhr)?", re.IGNORECASE)


def with_time(el: HtmlElement, day: str, languages: tuple[str, ...] | None, reference: str | None = None,
              inside: Container[HtmlElement] | None = None) -> tuple[str, HtmlElement]:
    """(the day with its time, the element holding both) when the page shows a time of
    that day beside ``el``; else (``day``, ``el``). ``inside`` bounds the search (a
    comment's own elements)."""
    # Twenty Ten: <a title="8:00"><span>13. März 2019</span></a>, around the date or, where the
    # date was read from its whole line ("Veröffentlicht am <a title="8:00">…</a> von …"), inside it
    held = list(el.iterdescendants("a", "span", "abbr")) if len(el) else []
    for holder in (el, *list(el.iterancestors())[:2], *held):
        title = holder.get("title") or ""
        if title and _TIME_ONLY.fullmatch(title.strip()):
            shown = inline_text(holder if any(holder is d for d in held) else el)
            parsed = parse_date_in(f"{shown} {title.strip()}", languages=languages, reference=reference)
            if parsed and len(parsed) > 10 and parsed[:10] == day[:10]:
                return parsed, el
    text = inline_text(el)
    follower = el.getnext()
    for _ in range(2):
        if follower is None or not isinstance(follower.tag, str):
            break
        joined = f"{text} {inline_text(follower)}"
        if len(joined) <= MAX_LINE:
            parsed = parse_date_in(joined, languages=languages, reference=reference)
            if parsed and len(parsed) > 10 and parsed[:10] == day[:10]:
                return parsed, el
        text = joined
        follower = follower.getnext()
    for ancestor in list(el.iterancestors())[:3]:
        if inside is not None and ancestor not in inside:
            break
        line = inline_text(ancestor)
        if len(line) > MAX_LINE:
            break
        parsed = parse_date_in(line, languages=languages, reference=reference)
        if parsed and len(parsed) > 10 and parsed[:10] == day[:10]:
            return parsed, ancestor
    return day, el


def localise_to(value: str, shown: str) -> str | None:
    """``value`` (an aware timestamp) in the offset that makes its wall clock the one
    ``shown`` (naive, same instant within a day); None when no whole-quarter-hour offset
    within ±14 h does."""
    try:
        instant = datetime.fromisoformat(value)
        wall = datetime.fromisoformat(shown)
    except ValueError:
        return None
    if instant.tzinfo is None:
        return None
    if wall.tzinfo is not None:
        return instant.astimezone(wall.tzinfo).isoformat(timespec="seconds")
    delta = wall - instant.astimezone(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    minutes = round(delta.total_seconds() / 60)
    if minutes % 15 or abs(minutes) > 14 * 60:
        return None
    return instant.astimezone(timezone(timedelta(minutes=minutes))).isoformat(timespec="seconds")


def aware(value: str | None) -> datetime | None:
    """``value`` as a datetime when it is a timestamp with an offset, else None."""
    if not value or len(value) <= 10:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def same_minute(one: str | None, other: str | None) -> bool:
    """Whether two timestamps name the same minute: as instants when both carry an
    offset; a wall clock without one and an instant when the clock is the instant's in
    some zone (whole or half hours from UTC: the forum's "11:18" and its metadata's
    "09:18:34+00:00"); else as written."""
    if not one or not other or len(one) <= 10 or len(other) <= 10:
        return False
    first, second = aware(one), aware(other)
    if first is not None and second is not None:
        return abs((first - second).total_seconds()) < 60
    if (first is None) != (second is None):
        instant = first or second
        try:
            clock = datetime.fromisoformat((other if first is not None else one)[:16])
        except ValueError:
            return False
        gap = (clock - instant.astimezone(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)).total_seconds()
        return _EARLIEST_OFFSET <= gap <= _LATEST_OFFSET and gap % 1800 == 0
    return one[:16] == other[:16]


_EARLIEST_OFFSET = -12 * 3600  # the offsets of the world's zones, in seconds from UTC
_LATEST_OFFSET = 14 * 3600


def falls_on(stamp: str, day: str) -> bool:
    """Whether ``stamp`` falls on ``day`` on the site's clock: its own day, or for a
    timestamp in UTC (which many sites' metadata gives, whatever their zone), its day in
    any zone of the world ("2023-09-17T21:23:57+00:00" is the 18th in Tokyo, where the
    page shows "Updated: Sep 18, 2023"). A timestamp in another offset is on the site's
    clock already."""
    if stamp[:10] == day:
        return True
    instant = aware(stamp)
    if instant is None or instant.utcoffset() != timedelta(0):
        return False
    try:  # (the day at the world's earliest and latest offset: every day between is one of them or the UTC one)
        return day in {(instant + timedelta(seconds=gap)).date().isoformat()
                       for gap in (_EARLIEST_OFFSET, 0, _LATEST_OFFSET)}
    except OverflowError:  # a placeholder at the edge of the calendar ("0001-01-01T00:00:00+00:00")
        return False


def zoned(values: Iterable[str | None]) -> list[datetime]:
    """The timestamps among ``values`` written in an offset other than UTC."""
    return [stamp for value in values if (stamp := aware(value)) is not None and stamp.utcoffset()]


_SEASON = timedelta(days=200)  # summer and winter time differ: an offset holds this near


def nearest_offset(instant: datetime, stamps: Iterable[datetime], within: timedelta | None = None) -> timedelta | None:
    """The offset of the stamp nearest ``instant`` in time, when one is within a season
    (or ``within``)."""
    best: tuple[timedelta, timedelta] | None = None
    limit = _SEASON if within is None else within
    for stamp in stamps:
        distance = abs(stamp - instant)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, stamp.utcoffset())  # type: ignore[assignment]
    return best[1] if best is not None else None


def in_nearest_offset(value: str | None, stamps: list[datetime]) -> str | None:
    """A UTC timestamp written in the offset of the zoned stamp nearest in time (within a
    season); other values as they are."""
    instant = aware(value)
    if instant is None or instant.utcoffset() != timedelta(0):
        return value
    offset = nearest_offset(instant, stamps)
    return value if offset is None else instant.astimezone(timezone(offset)).isoformat(timespec="seconds")


def shows_time_of(el: HtmlElement | None, value: str, languages: tuple[str, ...] | None) -> bool:
    """Whether ``el``'s visible text shows the wall clock of ``value`` (hour and minute)."""
    if el is None:
        return False
    shown = parse_date_in(inline_text(el), languages=languages, reference=value)
    return shown is not None and len(shown) > 10 and shown[11:16] == value[11:16]
