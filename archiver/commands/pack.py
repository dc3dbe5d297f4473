"""``archiver pack CRAWL_DIR``: a CDXJ index and a WACZ package of one crawl."""

from __future__ import annotations

from pathlib import Path

import click

from archiver.commands.common import library_messages, user_errors


@click.command("pack")
@click.argument("crawl", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The WACZ file to write (default: CRAWL/<crawl name>.wacz).",
)
@library_messages
@user_errors
def command(crawl: Path, output: Path | None) -> None:
    """Index a crawl's WARCs (CRAWL/index.cdxj) and package them as a WACZ file.

    The WACZ lists the crawl's posts (from articles.jsonl) as its pages; check it with
    ``wacz validate -f FILE.wacz`` and open it in ReplayWeb.page.
    """
    from archiver.pack import pack

    result = pack(crawl, output)
    for url in result.unmatched:
        click.echo(f"archiver: warning: no capture of {url} in the WARCs; not listed as a page", err=True)
    click.echo(
        f"archiver: packed {len(result.warcs)} WARC files, {result.captures} captures, "
        f"{result.pages} pages -> {result.wacz} (index: {result.index})",
        err=True,
    )
