"""Pieces shared by the subcommands: one-line user errors, library messages, a closed stdout."""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from archiver import console
from archiver.errors import ArchiverError

F = TypeVar("F", bound=Callable[..., Any])
_DISK_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def user_errors(func: F) -> F:
    """Turn ArchiverError (and disk-full/permission OSErrors) into a one-line message.

    ``archiver --debug`` re-raises instead, for a traceback. A standard output whose
    reader has gone (``archiver parse PAGE | head -1``) ends the command quietly with
    status 0, as it ends other Unix filters; standard output is flushed before the
    command returns, so that is found out here and not as the interpreter exits.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            result = func(*args, **kwargs)
            if sys.stdout is not None:  # None when started with standard output closed (>&-)
                sys.stdout.flush()
            return result
        except ArchiverError as error:
            if debug:
                raise
            click.echo(f"archiver: error: {error}", err=True)
            sys.exit(error.exit_code)
        except OSError as error:
            if isinstance(error, BrokenPipeError) and console.stdout_gone():
                console.stdout_closed()
            if debug:
                raise
            where = f": {error.filename}" if error.filename else ""
            what = "disk full or file size limit reached while writing output: " if error.errno in _DISK_FULL else ""
            click.echo(f"archiver: error: {what}{error.strerror or error}{where}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def library_messages(func: F) -> F:
    """Library warnings (Python ``warnings``, library loggers, warcio's writes to stderr) on
    stderr as ``archiver: warning: <library>: …`` lines, left out under ``--quiet``
    (:mod:`archiver.console`). Not for ``archive``, where Scrapy's logging is in charge."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with console.routed(quiet=bool(kwargs.get("quiet", False))):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
