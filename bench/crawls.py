"""The two crawls compared: the bare Scrapy spider and the archiver's own ``scrapy crawl blog``.

Both run as separate processes against the same local site with the same politeness-off
settings (16 concurrent requests, no delay, no AutoThrottle, no robots.txt), so the only
difference is what the archiver does per page: classify, parse, stitch comment threads,
validate and write items, write WARC records.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.process import ProcessRun, run_measured, scrapy_stats, tail
from bench.site import Site

REPO = Path(__file__).resolve().parent.parent
CRAWL_NAME = "bench"

# Politeness off for both crawls: the site is local and the point is the crawler's own cost.
# DOWNLOAD_SLOTS is emptied because the archiver's settings give loopback hosts their own slot.
POLITENESS_OFF = {
    "AUTOTHROTTLE_ENABLED": "False",
    "ROBOTSTXT_OBEY": "False",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "DOWNLOAD_DELAY": "0",
    "DOWNLOAD_SLOTS": "{}",
    "TELNETCONSOLE_ENABLED": "False",
    "LOG_LEVEL": "INFO",
}


@dataclass
class CrawlResult:
    """One crawl: its process figures, the pages it fetched, and what it archived."""

    run: ProcessRun
    pages: int  # responses downloaded
    post_pages: int  # post and comment pages among them (bare) / posts archived (full)
    comments: int | None = None
    output: Path | None = None
    log: Path | None = None

    @property
    def crawl_seconds(self) -> float:
        """Engine open to close, as Scrapy measures it; the process wall time if it did not say."""
        return self.run.stats.get("elapsed_time_seconds") or self.run.wall_seconds

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.crawl_seconds if self.crawl_seconds else 0.0


def product_available() -> bool:
    """True once the archiver's ``blog`` spider exists in this checkout."""
    return (REPO / "spiders" / "blog.py").is_file()


def _setting_args(settings: dict[str, str]) -> list[str]:
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]


def framework_settings() -> dict[str, str]:
    """The archiver's tuning of Scrapy itself, given to the bare crawl too: the baseline is
    the framework at its best, not at its defaults."""
    from archiver import settings

    return {"CONCURRENT_ITEMS": str(settings.CONCURRENT_ITEMS)}


def bare_crawl(url: str, work: Path, timeout: float, post_pattern: str | None = None) -> CrawlResult:
    """The bare spider over the site at ``url``; ``post_pattern`` tells it which URLs are
    post and comment pages (the first site's by default)."""
    log = work / "bare.log"
    pattern = ["--post-pattern", post_pattern] if post_pattern else []
    command = [sys.executable, "-m", "bench.bare", url, "--log", str(log), *pattern,
               *_setting_args({**POLITENESS_OFF, **framework_settings()})]
    run = run_measured(command, cwd=REPO, log=work / "bare.out", timeout=timeout)
    run.stats = scrapy_stats(log.read_text(errors="replace")) if log.exists() else {}
    if not run.ok:
        raise RuntimeError(f"bare crawl failed ({run.returncode}):\n{tail(log)}")
    return CrawlResult(run, int(run.stats.get("downloader/response_count", 0)),
                       int(run.stats.get("bench/post_pages", 0)), log=log)


def full_crawl(url: str, work: Path, timeout: float) -> CrawlResult:
    """``scrapy crawl blog`` into a fresh output folder under ``work``."""
    output = work / "output"
    shutil.rmtree(output, ignore_errors=True)
    log = work / "crawl.log"
    settings = {**POLITENESS_OFF, "ARCHIVER_OUTPUT_DIR": str(output), "ARCHIVER_CRAWL_NAME": CRAWL_NAME,
                "ARCHIVER_PROGRESS_EVERY": "0", "LOG_FILE": str(log)}
    command = [sys.executable, "-m", "scrapy", "crawl", "blog", "-a", f"url={url}", *_setting_args(settings)]
    run = run_measured(command, cwd=REPO, log=work / "crawl.out", timeout=timeout)
    run.stats = scrapy_stats(log.read_text(errors="replace")) if log.exists() else {}
    if not run.ok:
        raise RuntimeError(f"full crawl failed ({run.returncode}):\n{tail(log)}\n{tail(work / 'crawl.out')}")
    folder = output / CRAWL_NAME
    return CrawlResult(run, int(run.stats.get("downloader/response_count", 0)),
                       _count_lines(folder / "articles.jsonl"), _count_lines(folder / "comments.jsonl"),
                       output=folder, log=log)


def _count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def warc_files(folder: Path | None) -> list[Path]:
    """The WARC files a crawl wrote, in name order."""
    if folder is None or not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.name.endswith((".warc", ".warc.gz")))


def coverage(site: Site, result: CrawlResult, full: bool) -> str:
    """How much of the site's posts and comments a crawl got, for the report."""
    m = site.manifest
    if full:
        return f"{result.post_pages}/{m['posts']} posts, {result.comments}/{m['comments']} comments archived"
    return f"{result.post_pages}/{len(site.post_pages)} post+comment pages fetched"


def save_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str))
