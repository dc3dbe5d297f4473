"""Parse many pages on every core: a process pool fed in batches, results in input order.

Parsing a blog page (lxml tree, selectors, comment extraction) costs milliseconds of
pure-Python CPU, so one process uses one core however many the machine has. A
:class:`PagePool` sends pages in batches to worker processes and yields the results in
exactly the order the pages came in, so whatever the caller builds from them (stitched
threads, deduplicated JSONL) is the same as a serial run's, byte for byte.

Why it is shaped this way:

- **Compact results.** Workers return each item as its flat dict (``to_dict()``, the
  JSON line's content), not the dataclasses: plain dicts pickle and unpickle in half the
  time (measured: 9 ms against 19 ms for the items of 120 blog pages), and the reading
  process rebuilds the items from them cheaply.
- **Bounded memory.** At most ``2 x workers`` batches are in flight; the reader stops
  reading until the oldest comes back.
- **Forkserver.** Workers are forked from one server process that imported the parsers
  once (about 0.4 s of imports), not re-imported by each worker (``spawn``, the fallback
  where forkserver does not exist).
- **The caller helps.** While the pool starts, the calling process parses pages itself
  instead of waiting idle.
- **No orphans.** Workers exit when the process that started them dies, even by
  SIGKILL (:mod:`archiver.lifeline`).
- **Nothing is lost.** A page whose parse raises in a worker is parsed again in the
  calling process, so it fails (or not) exactly as in a serial run. A worker that dies
  (killed, out of memory) breaks the pool; its batches and everything after are parsed in
  the calling process and the run goes on, with a warning.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import fields
from typing import Any, NamedTuple

from archiver import console, lifeline
from archiver.items import Article, Comment, Provenance
from archiver.page import Page

# A batch closes at this many pages or this many body bytes, whichever comes first: 16
# pages of a typical blog (50 KiB, ~4 ms of parse each) are ~60 ms of work against a
# fraction of a millisecond of per-task overhead, and 2 x workers batches in flight hold
# a few MiB of pages. On the 1,800-page bench WARC, 8, 16 and 32 pages per batch, and 3
# batches per worker, ran equally fast within the noise (14 runs each, 2 cores).
BATCH_PAGES = 16
BATCH_BYTES = 2 * 1024 * 1024
# Batches in flight per worker: one being parsed, one queued so a worker never waits for
# the reader.
BATCHES_PER_WORKER = 2
# Whether the calling process parses pages itself while the workers start (about 0.5 s:
# the forkserver imports the parsers). Once they run it only reads, sends and collects:
# parsing there too, on top of one worker per core, made runs slower (1,800 pages on 2
# shared cores, 9 runs each: best 4.5 s without, 6.2 s with; slower in 6 of 9 pairs).
HELP_WHILE_STARTING = True

Result = dict[str, Any]
Task = Callable[[list["PageInput"], bool], list[Result]]


class PageInput(NamedTuple):
    """One page to parse, in the form that is cheap to send to a worker."""

    url: str
    headers: list[tuple[str, str]] | Mapping[str, str] | None
    body: bytes
    provenance: Mapping[str, Any]
    status: int = 200


def usable_cpus() -> int:
    """The cores this process may run on (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no sched_getaffinity (macOS, Windows)
        return os.cpu_count() or 1


def to_page(page: PageInput) -> Page:
    """The :class:`Page` the parsers see; built the same way in a worker and in-process."""
    return Page(
        url=page.url,
        body=page.body,
        headers=page.headers or {},
        status=page.status,
        provenance=dict(page.provenance),
    )


def parse_to_dict(page: PageInput, posts_only: bool) -> Result:
    """Classify and parse one page; the result as plain data.

    ``{"skipped": "not a post"}`` when ``posts_only`` and the page is a listing or other
    non-post page; otherwise ``article`` (flat dict or None), ``comments`` (flat dicts),
    ``comment_pages``, ``notes`` and ``dropped`` of :class:`archiver.parsers.ParseResult`,
    ``page_facts`` (where the page sits among the post's comment pages, as a
    :class:`archiver.threads.PageFacts`) and ``post_pages`` (which page of a post split
    into several it is, :class:`archiver.discovery.PostPages`).
    """
    from archiver import discovery
    from archiver.parsers import parse_page

    built = to_page(page)
    if posts_only and discovery.classify(built) is not discovery.PageKind.POST:
        return {"skipped": "not a post"}
    result = parse_page(built)
    facts, parts = discovery.placement(built, result)
    return {
        "article": result.article.to_dict() if result.article is not None else None,
        "comments": [comment.to_dict() for comment in result.comments],
        "comment_pages": list(result.comment_pages),
        "notes": list(result.notes),
        "dropped": result.dropped,
        "page_facts": facts,
        "post_pages": parts,
    }


def parse_batch(batch: list[PageInput], posts_only: bool) -> list[Result]:
    """The worker task: every page of a batch, an error marking the page that raised.

    The page is not dropped: the caller parses it again in-process, where it raises (or
    not) exactly as a serial run would.
    """
    results = []
    for page in batch:
        try:
            results.append(parse_to_dict(page, posts_only))
        except Exception as error:  # noqa: BLE001 - reported by re-parsing in the caller
            results.append({"error": f"{type(error).__name__}: {error}"})
    return results


# --- items as flat dicts -------------------------------------------------------------

_PROVENANCE_FIELDS = tuple(f.name for f in fields(Provenance))
_ITEM_FIELDS = {
    kind: tuple(f.name for f in fields(kind) if f.name not in ("provenance", "type")) for kind in (Article, Comment)
}


def article_from_dict(data: Mapping[str, Any]) -> Article:
    """An :class:`Article` back from its ``to_dict()``."""
    return Article(
        **{name: data[name] for name in _ITEM_FIELDS[Article] if name in data},
        provenance=Provenance(**{name: data[name] for name in _PROVENANCE_FIELDS}),
    )


def comment_from_dict(data: Mapping[str, Any]) -> Comment:
    """A :class:`Comment` back from its ``to_dict()``."""
    return Comment(
        **{name: data[name] for name in _ITEM_FIELDS[Comment]},
        provenance=Provenance(**{name: data[name] for name in _PROVENANCE_FIELDS}),
    )


# --- the pool ------------------------------------------------------------------------


def _worker_init(console_quiet: bool | None = None) -> None:
    """Ctrl-C is the reading process's to handle: it stops the pool and discards drafts.
    Workers ignore it so they do not each print a traceback. Library warnings go to
    stderr as the reading process sends them (:func:`archiver.console.state`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    console.worker_setup(console_quiet)


def _ping() -> int:
    return os.getpid()


def _context(task: Task) -> multiprocessing.context.BaseContext:
    """Forkserver where it exists (workers forked from one process that imported the
    parsers and the task's module once), spawn elsewhere; never plain fork, which would
    copy the reading process's threads and open files."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Only the first pool of a process starts the forkserver; later ones share it.
        context.set_forkserver_preload([__name__, "archiver.discovery", task.__module__])
        return context
    return multiprocessing.get_context("spawn")


class _Batch:
    """Pages sent together, and their results once they are back (or being made)."""

    def __init__(self, pages: list[PageInput], future: Future[list[Result]] | None = None,
                 results: list[Result] | None = None) -> None:
        self.pages = pages
        self.future = future
        self.results = results

    @property
    def done(self) -> bool:
        return self.future is None or self.future.done()


class PagePool:
    """Parse pages on ``workers`` processes plus the calling one; see the module docstring.

    Use as a context manager around :meth:`map`, so the workers stop on any way out
    (end, error, Ctrl-C). ``workers=0`` parses everything in the calling process.
    ``task`` is the function run on each batch (module-level, so it can be pickled; by
    default :func:`parse_batch`). Batch sizes default to ``BATCH_PAGES``/``BATCH_BYTES``.
    """

    def __init__(
        self,
        workers: int,
        *,
        posts_only: bool = True,
        task: Task | None = None,
        batch_pages: int | None = None,
        batch_bytes: int | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.workers = workers
        self.posts_only = posts_only
        self.task = task or parse_batch
        self.batch_pages = max(1, batch_pages or BATCH_PAGES)
        self.batch_bytes = batch_bytes or BATCH_BYTES
        self.warn = warn
        self._executor: ProcessPoolExecutor | None = None
        self._ready = threading.Event()
        self._starter: threading.Thread | None = None
        self._start_error: BaseException | None = None
        self._serial = workers < 1

    def __enter__(self) -> PagePool:
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        self.close(cancel=error is not None)

    def close(self, cancel: bool = False) -> None:
        """Stop the workers: after their current batch, or before any queued one with ``cancel``."""
        if self._starter is not None:
            self._starter.join()
            self._starter = None
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=cancel)
            self._executor = None

    def map(self, pages: Iterable[PageInput]) -> Iterator[tuple[PageInput, Result]]:
        """Each page with its :func:`parse_to_dict` result, in the order of ``pages``.

        ``pages`` is read lazily, only as far as the batches in flight need.
        """
        source = iter(pages)
        pending: deque[_Batch] = deque()
        exhausted = False
        if not self._serial and self._executor is None:
            self._start()
        while True:
            while pending and pending[0].done:
                yield from self._finish(pending.popleft())
            if exhausted and not pending:
                self._release()
                return
            if not exhausted and self._can_submit(pending):
                batch = self._next_batch(source)
                if batch:
                    pending.append(self._submit(batch))
                else:
                    exhausted = True
            elif not exhausted and self._may_help():
                page = next(source, None)
                if page is None:
                    exhausted = True
                else:
                    pending.append(_Batch([page], results=self._run_here([page])))
            elif pending:
                yield from self._finish(pending.popleft())
            else:  # not to help while they start: nothing to do until the workers are up
                self._ready.wait()

    # -- scheduling --

    def _can_submit(self, pending: deque[_Batch]) -> bool:
        if self._serial or not self._ready.is_set():
            return False
        if self._start_error is not None:
            self._give_up(self._start_error)
            return False
        in_flight = sum(1 for batch in pending if batch.future is not None)
        return in_flight < self.workers * BATCHES_PER_WORKER

    def _may_help(self) -> bool:
        """Whether to parse the next page here: no pool (any more), or it is starting."""
        return self._serial or (HELP_WHILE_STARTING and not self._ready.is_set())

    def _next_batch(self, source: Iterator[PageInput]) -> list[PageInput]:
        batch: list[PageInput] = []
        size = 0
        for page in source:
            batch.append(page)
            size += len(page.body)
            if len(batch) >= self.batch_pages or size >= self.batch_bytes:
                break
        return batch

    def _submit(self, batch: list[PageInput]) -> _Batch:
        assert self._executor is not None
        try:
            return _Batch(batch, future=self._executor.submit(self.task, batch, self.posts_only))
        except (BrokenProcessPool, RuntimeError, OSError) as error:
            self._give_up(error)
            return _Batch(batch, results=self._run_here(batch))

    def _finish(self, batch: _Batch) -> Iterator[tuple[PageInput, Result]]:
        """The batch's pages with their results; any page a worker could not do is done here."""
        results = batch.results
        if results is None:
            assert batch.future is not None
            try:
                results = batch.future.result()
            except BrokenProcessPool as error:
                self._give_up(error)
                results = [{"error": "worker died"}] * len(batch.pages)
            except Exception as error:  # noqa: BLE001 - the task itself failed: redo here
                results = [{"error": f"{type(error).__name__}: {error}"}] * len(batch.pages)
        for page, result in zip(batch.pages, results, strict=True):
            if "error" in result:
                result = self._run_here([page])[0]
            yield page, result

    def _run_here(self, batch: list[PageInput]) -> list[Result]:
        """Parse in the calling process; a parse error raises here, as in a serial run."""
        results = []
        for page in batch:
            result = self.task([page], self.posts_only)[0]
            if "error" in result:  # raises the parser's own exception, with its traceback
                result = parse_to_dict(page, self.posts_only)
            results.append(result)
        return results

    # -- starting and stopping --

    def _start(self) -> None:
        """Create the pool and start its workers from a thread: the first worker waits for
        the forkserver to import the parsers, and the caller parses pages meanwhile."""
        try:
            start, start_args = lifeline.initializer(_worker_init, console.state())
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=_context(self.task), initializer=start, initargs=start_args
            )
        except (OSError, ValueError) as error:
            self._give_up(error)
            return
        self._starter = threading.Thread(target=self._warm_up, name="archiver-pool-start", daemon=True)
        self._starter.start()

    def _warm_up(self) -> None:
        assert self._executor is not None
        try:
            pings = [self._executor.submit(_ping) for _ in range(self.workers)]
            for ping in pings:
                ping.result()
        except BaseException as error:  # noqa: BLE001 - reported by the reading thread
            self._start_error = error
        finally:
            self._ready.set()

    def _release(self) -> None:
        """All pages are parsed: let the workers exit while the caller goes on (writing
        its output); :meth:`close` waits for them. The pool is done: a later :meth:`map`
        parses in the calling process."""
        if self._executor is not None:
            self._executor.shutdown(wait=False)
        self._serial = True

    def _give_up(self, error: BaseException) -> None:
        """The pool is unusable: warn once and parse the rest in the calling process."""
        if self._serial:
            return
        self._serial = True
        if self.warn is not None:
            self.warn(f"parallel parsing stopped ({type(error).__name__}: {error}); parsing in one process")
