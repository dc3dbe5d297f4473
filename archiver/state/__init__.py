"""What one crawl remembers between runs, and how a run uses it.

* :mod:`archiver.state.store`: the SQLite store (pages and validators, WARC captures,
  posts, the pending frontier, runs) in ``<crawl>/state.sqlite``;
* :mod:`archiver.state.session`: lock the folder, repair a killed run's files, begin and
  end a run (``runs.jsonl``);
* :mod:`archiver.state.policy`: which known posts are fetched again;
* :mod:`archiver.state.emitted`: which items earlier runs emitted, read from the JSONL files.

``docs/scheduling.md`` describes incremental runs, resume after a crash, and scheduling.
"""

from archiver.state.emitted import emitted_items, fingerprint, item_key
from archiver.state.policy import RevisitPolicy
from archiver.state.session import CrawlSession
from archiver.state.store import CrawlState, PendingRequest

__all__ = ["CrawlSession", "CrawlState", "PendingRequest", "RevisitPolicy", "emitted_items", "fingerprint",
           "item_key"]
