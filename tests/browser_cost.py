"""What a rendered page costs: ``python -m tests.browser_cost [--posts 40] [--runs 3]``.

Serves the script-comments blog (``tests/script_comments_server.py``) with ``--posts``
more posts whose thread a widget loads, and crawls it with ``scrapy crawl blog`` (one
process per crawl, like a real run): once with ``browser=off`` (the thread is noted,
not read) and with ``browser=auto`` with the browser restarted every 10 pages and never.
For each it prints the wall time, the CPU seconds of the crawl and every process below
it (Chromium and Playwright's driver included: they are waited for, so their times add
up in ``RUSAGE_CHILDREN``), the comments found and the browser's peak memory (the
proportional set size of the driver and Chromium's processes, sampled after each page:
``archiver/browser/memory_peak``), then the cost of a rendered page: the difference to
``browser=off`` divided by the pages rendered. Medians of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.script_comments_server import serve

ROOT = Path(__file__).resolve().parent.parent
SCRAPY = Path(sys.executable).parent / "scrapy"
_PEAK = re.compile(r"'archiver/browser/memory_peak': (\d+)")
_PAGES = re.compile(r"'archiver/browser/pages': (\d+)")
_RESTARTS = re.compile(r"'archiver/browser/restarts': (\d+)")
_MIB = 1024 * 1024


def crawl(url: str, browser: str, restart_every: int) -> dict[str, float]:
    """One crawl in its own process: wall time, CPU seconds, comments, browser figures."""
    with tempfile.TemporaryDirectory() as output:
        command = [str(SCRAPY), "crawl", "blog", "-a", f"url={url}/", "-a", "follow=listing", "-a", f"browser={browser}",
                   "-s", f"ARCHIVER_OUTPUT_DIR={output}", "-s", "TELNETCONSOLE_ENABLED=False",
                   "-s", f"ARCHIVER_BROWSER_RESTART_EVERY={restart_every}"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        (folder,) = [p for p in Path(output).iterdir() if p.is_dir()]
        summary = json.loads((folder / "summary.json").read_text())
    log = done.stderr
    figures = {"wall": wall, "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
               "comments": summary["comments"], "posts": summary["posts"]}
    for name, pattern in (("pages", _PAGES), ("peak", _PEAK), ("restarts", _RESTARTS)):
        found = pattern.search(log)
        figures[name] = int(found.group(1)) if found else 0
    return figures


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cases = {"off": ("off", 0), "auto, restart every 10": ("auto", 10), "auto, never restarted": ("auto", 0)}
    with serve(widget_posts=args.posts) as site:
        results = {name: median_of([crawl(site.url, *case) for _ in range(args.runs)]) for name, case in cases.items()}
    base = results["off"]
    print(f"{args.posts + 3} posts ({args.posts + 1} with a widget thread, 1 in a frame), medians of {args.runs} runs")
    print(f"{'crawl':26} {'wall s':>7} {'CPU s':>7} {'comments':>8} {'rendered':>8} {'restarts':>8} "
          f"{'peak MiB':>8} {'wall/page':>9} {'CPU/page':>9}")
    for name, figures in results.items():
        pages = figures["pages"]
        per_wall = (figures["wall"] - base["wall"]) / pages if pages else 0.0
        per_cpu = (figures["cpu"] - base["cpu"]) / pages if pages else 0.0
        print(f"{name:26} {figures['wall']:7.1f} {figures['cpu']:7.1f} {figures['comments']:8.0f} {pages:8.0f} "
              f"{figures['restarts']:8.0f} {figures['peak'] / _MIB:8.0f} {per_wall:9.2f} {per_cpu:9.2f}")


if __name__ == "__main__":
    main()
