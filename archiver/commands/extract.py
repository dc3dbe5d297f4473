"""``archiver extract WARC|WACZ...``: articles and comments from archived responses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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

    Exit code 0 when every record was readable, 3 when damaged records were skipped or
    revisits had no original in the input (the items of all readable records are still
    written; summary.json lists them), and 3 at once for an input that is no archive.
    Items from records marked WARC-Truncated carry "truncated": true.
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
    for line in _listed(summary.truncated_records(), _truncated_line):
        click.echo(f"archiver: warning: {line}", err=True)
    for line in _listed(summary.report.unresolved, _unresolved_line):
        click.echo(f"archiver: warning: {line}", err=True)
    if summary.report.partial:
        raise ArchiveError(f"partial extraction: {summary.line()}")
    click.echo(f"archiver: extracted {summary.line()}", err=True)


# Lines of one kind printed before the rest are left to summary.json.
MAX_LINES = 20


def _listed(entries: list[dict[str, Any]], line: Callable[[dict[str, Any]], str]) -> list[str]:
    lines = [line(entry) for entry in entries[:MAX_LINES]]
    if len(entries) > MAX_LINES:
        lines.append(f"... and {len(entries) - MAX_LINES} more like these (listed in summary.json)")
    return lines


def _truncated_line(record: dict[str, Any]) -> str:
    return (f"truncated record (WARC-Truncated: {record['warc_truncated']}): {record['file']} at offset "
            f"{record['offset']} ({record['url']}): {record['articles']} articles, {record['comments']} comments "
            f"from it marked \"truncated\": true")


def _unresolved_line(revisit: dict[str, Any]) -> str:
    return (f"revisit without its original: {revisit['file']} at offset {revisit['offset']} ({revisit['url']}) "
            f"refers to {revisit['refers_to']}, which is in none of the inputs (give the WARC files of the "
            f"earlier crawl too)")
