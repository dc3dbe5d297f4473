"""Run a real crawl of a URL with the WARC extension on, in a child process.

``python -m tests.replay.crawl URL OUTPUT_DIR [NAME=VALUE ...]`` crawls with settings
fixed here (not the project's, so tests do not depend on its politeness delays); items
go to ``OUTPUT_DIR/items.jsonl`` and WARCs to ``OUTPUT_DIR/<crawl>/warc/``. A child
process is needed because Twisted's reactor cannot be restarted within one process.
The crawl starts inside the running asyncio loop (``AsyncCrawlerProcess``), which
download handlers built on asyncio, such as Scrapy's aiohttp handler, require.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scrapy.crawler import AsyncCrawlerProcess

REPO = Path(__file__).resolve().parents[2]

SETTINGS: dict[str, object] = {
    "EXTENSIONS": {"archiver.extensions.warc.WarcExtension": 100},
    "ROBOTSTXT_OBEY": True,
    "USER_AGENT": "warc-probe/1.0",
    "RETRY_TIMES": 1,
    "HTTPERROR_ALLOW_ALL": True,
    "LOG_LEVEL": "INFO",
    "TELNETCONSOLE_ENABLED": False,
    "ARCHIVER_CRAWL_NAME": "probe",
    "ARCHIVER_CONTACT": "archivist@example.org",
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
}


def main(argv: list[str]) -> None:
    url, output, *overrides = argv
    settings = dict(SETTINGS)
    settings["ARCHIVER_OUTPUT_DIR"] = output
    settings["FEEDS"] = {str(Path(output) / "items.jsonl"): {"format": "jsonlines"}}
    settings.update(override.split("=", 1) for override in overrides)
    from tests.replay.spider import ProbeSpider

    process = AsyncCrawlerProcess(settings)
    process.crawl(ProbeSpider, start_url=url)
    process.start()


def run_crawl(
    url: str, output: Path, **overrides: object
) -> subprocess.CompletedProcess[str]:
    """Crawl ``url`` into ``output`` in a child process; raises if the crawl fails."""
    args = [f"{name}={value}" for name, value in overrides.items()]
    return subprocess.run(
        [sys.executable, "-m", "tests.replay.crawl", url, str(output), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
