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
@click.option("--archive", "archive", metavar="NAME|CDX-URL",
              help="Read the post from a web archive: wayback, arquivo, commoncrawl[:CC-MAIN-...] or the URL "
                   "of a CDX server (docs/archives.md).")
@click.option("--at", "at", metavar="DATE", help="With --archive: the capture nearest this date (2011-09-20).")
@click.option("--from", "start", metavar="DATE", help="With --archive: only captures from this date on.")
@click.option("--until", "end", metavar="DATE", help="With --archive: only captures up to this date.")
@user_errors
def command(url: str, output: str | None, verbose: bool, warc_version: str | None, archive: str | None,
            at: str | None, start: str | None, end: str | None) -> None:
    """Archive the post at URL with all its comment pages, using the blog spider.

    Writes articles.jsonl, comments.jsonl, summary.json and WARC files (warc/) into
    DIR/<host>/, then prints the crawl summary. With --archive the post is read as a web
    archive captured it, into DIR/<host>-<archive>/.
    """
    from archiver.crawl import archive_post
    from archiver.summary import format_summary

    # Failures are counted in the summary printed below; Scrapy's own log (tracebacks of
    # failed downloads included) is only shown with --verbose.
    captures = {"archive": archive, "at": at, "from": start, "until": end}
    summary = archive_post(url, output, log_level="INFO" if verbose else "CRITICAL", warc_version=warc_version,
                           **{name: value for name, value in captures.items() if value})
    click.echo(format_summary(summary) if "responses" in summary else f"output: {summary['folder']}")
    if not summary.get("posts"):
        errors = ", ".join(f"{kind} {count}" for kind, count in (summary.get("errors") or {}).items())
        raise ArchiverError(f"no post archived from {url}" + (f" ({errors})" if errors else ""))
