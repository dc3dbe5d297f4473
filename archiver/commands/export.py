"""``archiver export INPUT...``: crawls' items as a research data set (JSONL, CSV, Parquet or SQLite)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from archiver.commands.common import library_messages, user_errors
from archiver.errors import InputError

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _DAY.match(value):
        raise click.BadParameter("use YYYY-MM-DD")
    return value


@click.command("export")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "sqlite"]), default="jsonl",
              show_default=True, help="sqlite: one database (blog.db) with full-text search, for Datasette.")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder to write.")
@click.option("--site", help="Only articles from this host (and its subdomains).")
@click.option("--since", callback=_day, help="Only articles published on or after YYYY-MM-DD.")
@click.option("--until", callback=_day, help="Only articles published on or before YYYY-MM-DD.")
@click.option("--tag", help="Only articles with this tag or category (any case).")
@click.option("--pseudonymize", is_flag=True, help="Replace author names and URLs by keyed HMAC pseudonyms.")
@click.option(
    "--key",
    envvar="ARCHIVER_PSEUDONYM_KEY",
    help="Secret key for --pseudonymize (or set ARCHIVER_PSEUDONYM_KEY); keep it to link later exports.",
)
@library_messages
@user_errors
def command(
    inputs: tuple[Path, ...],
    fmt: str,
    output: Path,
    site: str | None,
    since: str | None,
    until: str | None,
    tag: str | None,
    pseudonymize: bool,
    key: str | None,
) -> None:
    """Export crawl folders or JSONL files as an articles table and a comments table.

    Items captured by several crawls are merged (the latest capture wins; first_seen and
    last_seen keep the range). Dates keep the text the page gave and get typed columns:
    published_utc (only where the page gave a zone), published_date, published_precision.
    README.md and datapackage.json describe the result.
    """
    from archiver.export import Filters, export

    if pseudonymize and not key:
        raise InputError("--pseudonymize needs a key: --key KEY or ARCHIVER_PSEUDONYM_KEY")
    filters = Filters(site=site, since=since, until=until, tag=tag)
    result = export(list(inputs), output, fmt, filters, key if pseudonymize else None)
    click.echo(
        f"archiver: exported {result.articles} articles, {result.comments} comments "
        f"({result.duplicates} duplicate captures merged) -> {output}/{{{','.join(result.files)}}}",
        err=True,
    )
