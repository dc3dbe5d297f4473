"""The ``archiver`` command line: a thin layer over the library, one function per command.

User errors (:class:`~archiver.errors.ArchiverError`) print one line on stderr and exit
non-zero; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from archiver import __version__
from archiver.errors import ArchiverError

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Turn ArchiverError (and disk-full/permission OSErrors) into a one-line message."""

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
            click.echo(f"archiver: error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archiver")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """Archive news blogs: articles and reader comments as JSON Lines, pages as WARC."""


@cli.command()
@click.argument("file", type=str)
@click.option("--url", help="The page's URL (for resolving links and the items' url field).")
@user_errors
def parse(file: str, url: str | None) -> None:
    """Print the items of one saved HTML page as JSON Lines: the article, then its comments.

    FILE is a path, a .gz file, or - for standard input.
    """
    from archiver.parsers import parse_page
    from archiver.sources import read_page_file

    page = read_page_file(file, url)
    result = parse_page(page)
    out = sys.stdout
    for item in result.items():
        out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    for note in result.notes:
        click.echo(f"archiver: note: {note}", err=True)


def main() -> None:
    cli(prog_name="archiver")
