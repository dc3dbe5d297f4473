"""Per-page cost of ``parse_page`` against a bare lxml parse and trafilatura. A measuring
script, not a test (timings depend on the machine and its load).

```sh
.venv/bin/python -m tests.perf_parse                         # corpus + a generated bench site
.venv/bin/python -m tests.perf_parse --set bench --profile 15
.venv/bin/python -m tests.perf_parse --set extraction --runs 1
```

Page sets:

* ``bench``: post and comment pages of the benchmark's synthetic WordPress site
  (``bench.site``, generated into ``--site`` when missing), the pages the benchmark's
  "parse_page vs lxml" figure is taken on;
* ``corpus``: the 20 real blog pages of ``tests/fixtures/corpus``;
* ``extraction``: the 181 news pages of the body-text benchmark.

For every page the median of ``--runs`` timings of each extractor is taken (each timer is
warmed up on the page first), then the median over pages is printed with the ratio of
medians and the median of per-page ratios. The project's targets: ``parse_page`` at most
3x the lxml parse, at least 10x faster than ``trafilatura.extract(include_comments=True)``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html

from archiver.page import Page
from archiver.parsers import parse_page
from bench.profile import parse_profile

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
Pages = list[tuple[str, bytes]]


def bench_pages(site_dir: Path, posts: int, count: int) -> Pages:
    """``count`` post/comment pages spread over a generated site (generated if missing)."""
    from bench.site import generate

    site = generate(site_dir, posts)
    paths = site.post_pages[:: max(1, len(site.post_pages) // count)][:count]
    return [("http://blog.bench.test" + p, (site.root / p.strip("/") / "index.html").read_bytes()) for p in paths]


def corpus_pages() -> Pages:
    pages = []
    for path in sorted(CORPUS.glob("*.truth.json")):
        truth = json.loads(path.read_text("utf-8"))
        pages.append((truth["url"], gzip.decompress((CORPUS / (truth["file"] + ".gz")).read_bytes())))
    return pages


def extraction_pages() -> Pages:
    from tests.eval.dataset import samples

    return [(s.url, s.html) for s in samples()]


STAT: Callable[[list[float]], float] = statistics.median
CLOCK: Callable[[], float] = time.perf_counter


def _median_ms(run: Callable[[], object], runs: int) -> float:
    """Milliseconds of one run: the median of ``runs`` (the minimum with ``--stat min``,
    steadier on a machine shared with other work)."""
    run()  # warm-up: imports, caches
    times = []
    for _ in range(runs):
        start = CLOCK()
        run()
        times.append(CLOCK() - start)
    return STAT(times) * 1000


COLD_DATES = False


def _parse(url: str, body: bytes) -> object:
    """parse_page as timed; with ``--cold-dates`` every run starts without cached date
    parses, as a crawl meets each page's date texts for the first time."""
    if COLD_DATES:
        from archiver.dates import _is_date_token, _parse_human, looks_like_date

        for cache in (_parse_human, looks_like_date, _is_date_token):
            cache.cache_clear()
    return parse_page(Page(url, body))


def measure(name: str, pages: Pages, runs: int, trafilatura_runs: int) -> None:
    """Print median per-page times and ratios for one page set."""
    import trafilatura

    lx, pp, tr = [], [], []
    for url, body in pages:
        lx.append(_median_ms(lambda body=body: lxml.html.fromstring(body), runs))
        pp.append(_median_ms(lambda url=url, body=body: _parse(url, body), runs))
        if trafilatura_runs:
            tr.append(_median_ms(
                lambda url=url, body=body: trafilatura.extract(body, url=url, include_comments=True), trafilatura_runs
            ))
    med_lx, med_pp = statistics.median(lx), statistics.median(pp)
    ratios = [p / lo for p, lo in zip(pp, lx, strict=True)]
    line = (f"{name:10} {len(pages):3} pages  lxml {med_lx:6.2f} ms  parse_page {med_pp:6.2f} ms"
            f"  ratio of medians {med_pp / med_lx:5.2f}x  median ratio {statistics.median(ratios):5.2f}x"
            f"  mean parse_page {statistics.fmean(pp):6.2f} ms")
    if tr:
        med_tr = statistics.median(tr)
        speedups = [t / p for t, p in zip(tr, pp, strict=True)]
        line += (f"  trafilatura {med_tr:6.2f} ms  speed-up {med_tr / med_pp:5.2f}x"
                 f" (median per page {statistics.median(speedups):5.2f}x)")
    print(line, flush=True)


def profile(pages: Pages, top: int) -> None:
    """cProfile of parse_page over the pages: the top functions by own and cumulative time."""
    stats = parse_profile(pages)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("bench", "corpus", "extraction"), action="append")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--trafilatura-runs", type=int, default=1, help="0 to skip trafilatura")
    parser.add_argument("--site", type=Path, default=Path("/tmp/blog-archiver-perf-site"))
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--count", type=int, default=60, help="bench pages sampled")
    parser.add_argument("--stat", choices=("median", "min"), default="median", help="per page, over the runs")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="cpu: this process's CPU time, less disturbed by other work on the machine")
    parser.add_argument("--cold-dates", action="store_true", help="clear the date parse cache before every run")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N functions instead")
    args = parser.parse_args()
    global STAT, CLOCK, COLD_DATES
    COLD_DATES = args.cold_dates
    STAT = min if args.stat == "min" else statistics.median
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    loaders = {
        "bench": lambda: bench_pages(args.site, args.posts, args.count),
        "corpus": corpus_pages,
        "extraction": extraction_pages,
    }
    for name in args.set or ["bench", "corpus"]:
        pages = loaders[name]()
        if args.profile:
            profile(pages, args.profile)
        else:
            measure(name, pages, args.runs, args.trafilatura_runs)


if __name__ == "__main__":
    main()
