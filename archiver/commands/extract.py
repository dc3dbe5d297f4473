"""``archiver extract WARC|WACZ...``: articles and comments from archived responses."""

from __future__ import annotations

from pathlib import Path

import click

from archiver.commands.common import library_messages, user_errors
from archiver.errors import ArchiveError


@click.command("extract")
@click.argument("archives", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("extracted"),
    show_default=True,
    help="Folder for articles.jsonl, comments.jsonl and summary.json.",
)
@click.option("--all-pages", is_flag=True, help="Parse every HTML page, not only posts and their comment pages.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that parse pages; default: the usable CPUs. 1 parses in this process only. "
    "The output is the same for any value.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress lines and no library warnings on stderr.")
@library_messages
@user_errors
def command(archives: tuple[Path, ...], output: Path, all_pages: bool, jobs: int | None, quiet: bool) -> None:
    """Re-extract articles and comments from WARC, ARC or WACZ files, offline.

    Exit code 0 when every record was readable, 3 when damaged records were skipped (the
    items of all readable records are still written; summary.json lists the damage).
    """
    from archiver.extract import extract
    from archiver.parallel import usable_cpus

    def progress(message: str) -> None:
        click.echo(f"archiver: extract: {message}", err=True)

    summary = extract(
        list(archives), output, progress=None if quiet else progress, all_pages=all_pages, jobs=jobs or usable_cpus()
    )
    for warning in summary.warnings:
        click.echo(f"archiver: warning: {warning}", err=True)
    for problem in summary.report.errors:
        click.echo(f"archiver: warning: damaged record skipped: {problem}", err=True)
    if summary.report.partial:
        raise ArchiveError(f"partial extraction: {summary.line()}")
    click.echo(f"archiver: extracted {summary.line()}", err=True)
