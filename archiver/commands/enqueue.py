"""``archiver enqueue URL... --redis URL``: seed a pool of workers sharing a crawl in Redis.

A cron job runs it to start the next pass of a standing pool (workers started without a
URL wait for seeds): the URLs are pushed to the crawl's seed list, and an idle worker
takes them within a second or so. Seeds already requested in the running pass are
skipped by the workers, so enqueueing twice does no harm.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import click

from archiver.commands.common import library_messages, user_errors
from archiver.errors import ArchiverError


@click.command("enqueue")
@click.argument("urls", nargs=-1, required=True)
@click.option("--redis", "redis_url", envvar="ARCHIVER_REDIS_URL", required=True,
              help="The pool's Redis server, e.g. redis://host:6379/0 (default: $ARCHIVER_REDIS_URL).")
@click.option("--crawl-name", default="",
              help="The crawl the workers share (their ARCHIVER_CRAWL_NAME); default: the first URL's host.")
@click.option("--prefix", default="", help="ARCHIVER_REDIS_PREFIX of the workers (default: blog-archiver).")
@library_messages
@user_errors
def command(urls: tuple[str, ...], redis_url: str, crawl_name: str, prefix: str) -> None:
    """Push URLs as seeds for the workers of a crawl (``scrapy crawl blog -s ARCHIVER_REDIS_URL=…``)."""
    import redis

    from archiver.output import crawl_name_for, safe_name
    from archiver.redis.keys import DEFAULT_PREFIX, CrawlKeys

    seeds = [url if "//" in url else f"https://{url}" for url in urls]
    for seed in seeds:
        if urlsplit(seed).scheme not in ("http", "https") or not urlsplit(seed).hostname:
            raise ArchiverError(f"not an http(s) URL: {seed}")
    keys = CrawlKeys(prefix or DEFAULT_PREFIX, safe_name(crawl_name) if crawl_name else crawl_name_for(seeds[0]))
    try:
        client = redis.Redis.from_url(redis_url, socket_connect_timeout=10, socket_timeout=10)
        waiting = client.rpush(keys.seeds, *seeds)
    except (redis.RedisError, ValueError) as error:
        raise ArchiverError(f"cannot push seeds to {redis_url}: {error}") from None
    click.echo(f"archiver: {len(seeds)} seeds for crawl {keys.crawl} ({waiting} waiting in {keys.seeds})", err=True)
