"""``archiver parse FILE``: the items of one saved page as JSON Lines on stdout."""

from __future__ import annotations

import json
import sys

import click

from archiver.commands.common import library_messages, user_errors
from archiver.errors import ArchiverError


@click.command("parse")
@click.argument("file", type=str)
@click.option("--url", help="The page's URL (for resolving links and the items' url field).")
@click.option("--quiet", "-q", is_flag=True, help="No notes and no library warnings on stderr.")
@library_messages
@user_errors
def command(file: str, url: str | None, quiet: bool) -> None:
    """Print the items of one saved HTML page as JSON Lines: the article, then its comments.

    FILE is a path, a .gz file, or - for standard input. A reader that stops early
    (``| head -1``) ends the command quietly, with exit status 0.
    """
    from archiver.parsers import parse_page
    from archiver.sources import read_page_file

    page = read_page_file(file, url)
    result = parse_page(page)
    out = sys.stdout
    if out is None:  # started with standard output closed (>&-), as `cat` says too
        raise ArchiverError("cannot write the items: standard output is closed")
    for item in result.items():
        out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    for note in () if quiet else result.notes:
        click.echo(f"archiver: note: {note}", err=True)
