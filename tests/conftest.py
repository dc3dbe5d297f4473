"""Shared fixtures: the demo blog on 127.0.0.1 and a helper that runs a real ``scrapy crawl``.

``demo_site`` serves :func:`archiver.demo.build_site` for the whole session; it has
``.url`` (no trailing slash), ``.model`` (the truth: posts, comments, paths) and ``.hits``
(requests answered per path). ``run_blog_crawl`` runs ``scrapy crawl blog`` in a subprocess
(a fresh Twisted reactor each time) and returns the files the crawl wrote.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from archiver.demo import DemoServer, build_site, serve_demo

ROOT = Path(__file__).resolve().parent.parent
SCRAPY = Path(sys.executable).parent / "scrapy"


@pytest.fixture(scope="session")
def demo_site() -> Iterator[DemoServer]:
    """The default demo blog (12 posts, ~60 comments), served until the session ends."""
    with serve_demo(build_site()) as demo:
        yield demo


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@dataclass
class CrawlOutput:
    """Everything one crawl left behind."""

    folder: Path
    articles: list[dict[str, Any]]
    comments: list[dict[str, Any]]
    invalid: list[dict[str, Any]]
    summary: dict[str, Any]
    log: str
    returncode: int


def run_blog_crawl(output_dir: Path, *arguments: str, settings: dict[str, Any] | None = None,
                   timeout: float = 120) -> CrawlOutput:
    """``scrapy crawl blog`` with spider ``arguments`` ("url=...", "follow=listing") and settings."""
    command = [str(SCRAPY), "crawl", "blog", "-s", f"ARCHIVER_OUTPUT_DIR={output_dir}",
               "-s", "TELNETCONSOLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]
    for argument in arguments:
        command += ["-a", argument]
    for name, value in (settings or {}).items():
        command += ["-s", f"{name}={value}"]
    done = subprocess.run(command, check=False, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    folders = [p for p in output_dir.iterdir() if p.is_dir()] if output_dir.exists() else []
    assert len(folders) == 1, f"expected one crawl folder, got {folders}\n{done.stderr[-3000:]}"
    folder = folders[0]
    summary_path = folder / "summary.json"
    return CrawlOutput(
        folder=folder,
        articles=_jsonl(folder / "articles.jsonl"),
        comments=_jsonl(folder / "comments.jsonl"),
        invalid=_jsonl(folder / "invalid.jsonl"),
        summary=json.loads(summary_path.read_text()) if summary_path.exists() else {},
        log=done.stderr,
        returncode=done.returncode,
    )
