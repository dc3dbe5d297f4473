"""Archive timestamps (``YYYYMMDDhhmmss``, UTC) and the dates users give for them.

Web archives name a capture by a 14-digit UTC timestamp; CDX servers accept shorter ones
as bounds (``2011`` is the whole year). Users write ``from=2011-01-01``,
``until=2012-12-31`` or ``at=2011-09-20``: a lower bound is padded down to its first
second and an upper bound up to its last, so ``until=2012-12-31`` includes that day.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from archiver.errors import InputError

_SEPARATORS = re.compile(r"[-: /]")
_LENGTHS = (4, 6, 8, 10, 12, 14)


def to_timestamp(moment: datetime) -> str:
    """``moment`` as a 14-digit UTC timestamp (a naive moment is taken to be UTC)."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment
    return utc.strftime("%Y%m%d%H%M%S")


def from_timestamp(timestamp: str) -> datetime:
    """The UTC moment of a (possibly shortened) timestamp, padded down."""
    return datetime.strptime(pad(timestamp, upper=False), "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def seconds(timestamp: str) -> int:
    """Seconds since the epoch: how far apart two captures are."""
    return calendar.timegm(from_timestamp(timestamp).timetuple())


def pad(timestamp: str, *, upper: bool) -> str:
    """A shortened timestamp completed to 14 digits: its first second, or its last with ``upper``."""
    if upper:
        year, rest = timestamp[:4], timestamp[4:]
        month = rest[:2] or "12"
        if len(rest) <= 2:  # the month's last day
            day = f"{calendar.monthrange(int(year), int(month))[1]:02d}"
            return f"{year}{month}{day}235959"
        return (timestamp + "1231235959"[len(timestamp) - 4:])[:14]
    return (timestamp + "0101000000"[len(timestamp) - 4:])[:14]


def bound(text: str | None, *, upper: bool, name: str = "date") -> str | None:
    """A user's date (``2011``, ``2011-09``, ``2011-09-20``, ``2011-09-20T14:30``,
    ``20110920``) as a 14-digit bound; None for an empty value, InputError for a bad one."""
    if text is None or not str(text).strip():
        return None
    value = str(text).strip()
    if "T" in value or "+" in value or value.endswith("Z"):
        try:
            return to_timestamp(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            pass
    digits = _SEPARATORS.sub("", value)
    if not digits.isdigit() or len(digits) not in _LENGTHS:
        raise InputError(f"{name}: cannot read {text!r} as a date (2011, 2011-09, 2011-09-20 or 20110920143000)")
    padded = pad(digits, upper=upper)
    try:
        from_timestamp(padded)
    except ValueError:
        raise InputError(f"{name}: {text!r} is not a valid date") from None
    return padded


def from_http_date(value: str | bytes | None) -> str | None:
    """A ``Memento-Datetime`` (HTTP date) as a timestamp; None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    try:
        moment = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError):
        return None
    return to_timestamp(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def iso(timestamp: str) -> str:
    """A timestamp as ISO 8601 UTC, the form items and WARC-Date use: ``2011-09-20T14:30:00Z``."""
    return from_timestamp(timestamp).strftime("%Y-%m-%dT%H:%M:%SZ")
