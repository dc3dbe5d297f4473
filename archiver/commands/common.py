"""Pieces shared by the subcommands: one-line user errors."""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from archiver.errors import ArchiverError

F = TypeVar("F", bound=Callable[..., Any])
_DISK_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def user_errors(func: F) -> F:
    """Turn ArchiverError (and disk-full/permission OSErrors) into a one-line message.

    ``archiver --debug`` re-raises instead, for a traceback.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return func(*args, **kwargs)
        except ArchiverError as error:
            if debug:
                raise
            click.echo(f"archiver: error: {error}", err=True)
            sys.exit(error.exit_code)
        except OSError as error:
            if debug:
                raise
            where = f": {error.filename}" if error.filename else ""
            what = "disk full or file size limit reached while writing output: " if error.errno in _DISK_FULL else ""
            click.echo(f"archiver: error: {what}{error.strerror or error}{where}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]
