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
@user_errors
def command(url: str, output: str | None, verbose: bool) -> None:
    """Archive the post at URL with all its comment pages, using the blog spider.

    Writes articles.jsonl, comments.jsonl, summary.json and WARC files (warc/) into
    DIR/<host>/, then prints the crawl summary.
    """
    from archiver.crawl import archive_post
    from archiver.summary import format_summary

    # Failures are counted in the summary printed below; Scrapy's own log (tracebacks of
    # failed downloads included) is only shown with --verbose.
    summary = archive_post(url, output, log_level="INFO" if verbose else "CRITICAL")
    click.echo(format_summary(summary) if "responses" in summary else f"output: {summary['folder']}")
    if not summary.get("posts"):
        errors = ", ".join(f"{kind} {count}" for kind, count in (summary.get("errors") or {}).items())
        raise ArchiverError(f"no post archived from {url}" + (f" ({errors})" if errors else ""))
