"""``archiver archive URL``: archive one post page, its comment pages and robots.txt."""

from __future__ import annotations

import click

from archiver.commands.common import user_errors
from archiver.errors import ArchiverError


@click.command("archive")
@click.argument("url")
@click.option("--output", "-o", "output", metavar="DIR",
              help="Folder that receives the crawl folder (default: ARCHIVER_OUTPUT_DIR, ./output).")
@click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's log (INFO level).")
@click.option("--warc-version", type=click.Choice(["1.1", "1.0"]), default=None,
              help="WARC version of the records (default: ARCHIVER_WARC_VERSION, 1.1); 1.0 for older readers.")
@user_errors
def command(url: str, output: str | None, verbose: bool, warc_version: str | None) -> None:
    """Archive the post at URL with all its comment pages, using the blog spider.

    Writes articles.jsonl, comments.jsonl, summary.json and WARC files (warc/) into
    DIR/<host>/, then prints the crawl summary.
    """
    from archiver.crawl import archive_post
    from archiver.summary import format_summary

    # Failures are counted in the summary printed below; Scrapy's own log (tracebacks of
    # failed downloads included) is only shown with --verbose.
    summary = archive_post(url, output, log_level="INFO" if verbose else "CRITICAL", warc_version=warc_version)
    click.echo(format_summary(summary) if "responses" in summary else f"output: {summary['folder']}")
    if not summary.get("posts"):
        errors = ", ".join(f"{kind} {count}" for kind, count in (summary.get("errors") or {}).items())
        raise ArchiverError(f"no post archived from {url}" + (f" ({errors})" if errors else ""))
