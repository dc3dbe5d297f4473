"""The command line's own streams: library messages under the archiver's prefix, and a
standard output whose reader has gone.

**Library messages.** Every line the ``archiver`` commands write on stderr starts with
``archiver:``. The libraries they call speak in three other ways: Python ``warnings``,
their loggers (warcio logs ``Replacing spaces in invalid WARC-Target-URI``), and plain
writes to ``sys.stderr`` (warcio's record iterator writes ``Record not followed by
newline, perhaps Content-Length is invalid`` with the offset and the bytes it found
over three indented lines; its decompressing reader writes the zlib error of a body it
cannot decode). :func:`install` sends all three through one logging handler that writes
each message on one line, ``archiver: warning: warcio: Record not followed by newline,
…; Offset: 1234; Remainder: …``, and the archiver's own log records the same way. With
``quiet`` library messages are left out, whatever their level: ``--quiet`` means no
progress lines and no library chatter (what the archiver found, damaged records for one,
is still said in its own lines). A library's message is a warning whatever level the
library gave it (trafilatura logs "errors" about pages it merely could not use): whether
the command failed is the archiver's to say. Parse worker processes of ``archiver extract``
get the same handler (:func:`worker_setup`).

warcio's writes to ``sys.stderr`` are caught without touching ``sys.stderr`` itself: the
``sys`` name inside the few modules that write there is pointed at a stand-in whose
``stderr`` is a logger and whose other attributes are the real ``sys``'s. Other output
on stderr, the archiver's own lines included, is untouched.

**A closed standard output.** ``archiver parse PAGE | head -1`` closes the pipe after
one line; the next write fails with EPIPE (Python ignores SIGPIPE). Like other Unix
filters the command then ends quietly with status 0 (:func:`stdout_closed`): no error
line, and nothing left in the buffer to fail again as the interpreter exits.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import select
import sys
import warnings
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any, NoReturn, TextIO

PREFIX = "archiver"
# Modules that write warnings straight to sys.stderr (module name -> source shown).
STDERR_WRITERS = {
    "warcio.archiveiterator": "warcio",
    "warcio.bufferedreaders": "warcio",
    "warcio.digestverifyingreader": "warcio",
    "cdxj_indexer.postquery": "cdxj-indexer",
}
# The longest library message kept (warcio shows the bytes it found, which can be a page).
MAX_MESSAGE = 300
_WORDS = {logging.DEBUG: "debug", logging.INFO: "note", logging.WARNING: "warning", logging.ERROR: "error",
          logging.CRITICAL: "error"}

_handler: _StderrHandler | None = None
_saved_showwarning: Any = None
_rerouted: list[Any] = []  # modules whose ``sys`` is a stand-in
# The logger that carries library messages (their source named in the record).
_LIBRARIES = logging.getLogger("archiver.library")


class _LineFormatter(logging.Formatter):
    """``archiver: warning: <library>: <message on one line>``."""

    def format(self, record: logging.LogRecord) -> str:
        text = one_line(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text += f" ({type(error).__name__}: {one_line(str(error))})"
        word = _WORDS.get(record.levelno, record.levelname.lower())
        if not _own(record):
            # A library's message, whatever level it gave it, is a warning here: the
            # archiver decides what failed, and says so in its own lines.
            source = getattr(record, "source", None) or record.name.split(".")[0]
            text = f"{source}: {text}" if source and source != "root" else text
            word = "warning" if record.levelno >= logging.WARNING else word
        return f"{PREFIX}: {word}: {text}"


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at the time (a test runner may swap it).

    ``quiet`` lets only the archiver's own records through.
    """

    quiet = False

    def filter(self, record: logging.LogRecord) -> bool:
        if self.quiet and not _own(record):
            return False
        return bool(super().filter(record))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            stream = sys.stderr
            stream.write(self.format(record) + "\n")
            stream.flush()
        except Exception:  # noqa: BLE001 - logging's own policy: report, never raise
            self.handleError(record)


def _own(record: logging.LogRecord) -> bool:
    """A record the archiver logged itself, not one it passes on for a library."""
    return record.name.split(".")[0] == PREFIX and not getattr(record, "source", None)


def one_line(text: str) -> str:
    """A message's lines joined with "; ", a leading "WARNING:" dropped, cut to MAX_MESSAGE."""
    lines = [" ".join(line.split()) for line in str(text).splitlines()]
    joined = "; ".join(line for line in lines if line)
    for word in ("WARNING:", "Warning:", "warning:"):
        joined = joined.removeprefix(word).lstrip()
    return joined if len(joined) <= MAX_MESSAGE else joined[: MAX_MESSAGE - 1] + "…"


class _LoggedStream:
    """A stand-in for ``sys.stderr`` that logs each write as one message of ``source``."""

    def __init__(self, source: str) -> None:
        self.source = source

    def write(self, text: str) -> int:
        if text.strip():
            _LIBRARIES.warning("%s", text, extra={"source": self.source})
        return len(text)

    def flush(self) -> None:
        pass

    def writable(self) -> bool:
        return True


class _SysWithLoggedStderr:
    """``sys`` as one library module sees it: the real module, but ``stderr`` logs."""

    def __init__(self, stderr: _LoggedStream) -> None:
        self.__dict__["stderr"] = stderr

    def __getattr__(self, name: str) -> Any:
        return getattr(sys, name)


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> None:
    """``warnings.showwarning`` replaced: the warning as one logged line, named after the
    package it came from."""
    if file is not None:  # someone asked for a stream of their own
        file.write(warnings.formatwarning(message, category, filename, lineno, line))
        return
    _LIBRARIES.warning("%s: %s", category.__name__, message, extra={"source": package_of(filename)})


def package_of(filename: str) -> str:
    """The installed package a file belongs to (``…/site-packages/bs4/…`` -> ``bs4``)."""
    parts = PurePath(filename).parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts and parts.index(marker) + 1 < len(parts):
            return PurePath(parts[parts.index(marker) + 1]).stem
    return PurePath(filename).stem or "python"


def install(quiet: bool = False) -> None:
    """Route library messages through the archiver's stderr lines; ``quiet`` leaves them out.

    Calling it again only changes ``quiet``; :func:`uninstall` undoes it.
    """
    global _handler, _saved_showwarning
    if _handler is None:
        _handler = _StderrHandler()
        _handler.setFormatter(_LineFormatter())
        logging.getLogger().addHandler(_handler)
        _saved_showwarning = warnings.showwarning
        warnings.showwarning = _show_warning
        for module_name, source in STDERR_WRITERS.items():
            _reroute_stderr(module_name, source)
    _handler.quiet = quiet


def uninstall() -> None:
    """Back to how it was before :func:`install` (a command run inside another program)."""
    global _handler, _saved_showwarning
    if _handler is None:
        return
    logging.getLogger().removeHandler(_handler)
    if warnings.showwarning is _show_warning and _saved_showwarning is not None:
        warnings.showwarning = _saved_showwarning
    for module in _rerouted:
        if isinstance(getattr(module, "sys", None), _SysWithLoggedStderr):
            module.sys = sys
    _rerouted.clear()
    _handler, _saved_showwarning = None, None


@contextlib.contextmanager
def routed(quiet: bool = False) -> Iterator[None]:
    """:func:`install` for the length of a block (one command), then :func:`uninstall`,
    unless the routing was already on before it."""
    already = _handler is not None
    before = state()
    install(quiet)
    try:
        yield
    finally:
        if already:
            install(bool(before))
        else:
            uninstall()


def _reroute_stderr(module_name: str, source: str) -> None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return
    if getattr(module, "sys", None) is sys:
        module.sys = _SysWithLoggedStderr(_LoggedStream(source))  # type: ignore[attr-defined]
        _rerouted.append(module)


def state() -> bool | None:
    """What :func:`worker_setup` needs in a worker process: None when not installed here,
    else whether it is quiet."""
    return None if _handler is None else _handler.quiet


def worker_setup(quiet: bool | None) -> None:
    """In a parse worker: the same routing as its parent process (``quiet`` from :func:`state`)."""
    if quiet is not None:
        install(quiet=quiet)


# --- standard output -----------------------------------------------------------------


def stdout_gone() -> bool:
    """Whether standard output is a pipe or socket with no reader left (poll says POLLERR)."""
    try:
        descriptor = sys.stdout.fileno()
        poller = select.poll()
    except (AttributeError, OSError, ValueError):
        return True  # no way to tell: an EPIPE on write means the reader is gone
    poller.register(descriptor, select.POLLOUT)
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))


def stdout_closed() -> NoReturn:
    """The reader of standard output is gone: end quietly with status 0, as filters do.

    Standard output is pointed at /dev/null first, so what is still buffered cannot fail
    again when the interpreter flushes it on the way out.
    """
    with contextlib.suppress(AttributeError, OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    sys.exit(0)
