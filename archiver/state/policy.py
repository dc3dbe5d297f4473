"""Which known posts a run fetches again: the re-visit policy.

Comments keep arriving for a while after a post is published and then stop, so a post
is fetched again while it is younger than ``ARCHIVER_REVISIT_DAYS`` (default 30) and left
alone afterwards, unless the run asks for ``revisit=all``. A post archived earlier in the
same cycle (before a crash the run is resuming from) is never fetched twice. Listings,
feeds and sitemaps are not posts and are always fetched: they are how new posts are found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from archiver.state.store import PostRecord

REVISIT_MODES = ("recent", "all", "none")


@dataclass(frozen=True)
class RevisitPolicy:
    """``mode``: ``recent`` (younger than ``days``), ``all`` or ``none`` (new posts only)."""

    days: float = 30.0
    mode: str = "recent"

    def __post_init__(self) -> None:
        if self.mode not in REVISIT_MODES:
            raise ValueError(f"revisit must be one of {', '.join(REVISIT_MODES)}, not {self.mode!r}")

    def should_fetch(self, post: PostRecord | None, cycle_started: str, now: datetime) -> tuple[bool, str]:
        """Whether to fetch a post known from ``post`` (None: never archived), and why."""
        if post is None:
            return True, "new"
        if post.archived_at >= cycle_started:
            return False, "done_this_cycle"
        if self.mode == "all":
            return True, "revisit_all"
        if self.mode == "none":
            return False, "not_revisited"
        born = _parse(post.published) or _parse(post.first_archived)
        if born is not None and now - born <= timedelta(days=self.days):
            return True, "recent"
        return False, "not_revisited"


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
