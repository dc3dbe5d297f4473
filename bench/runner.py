"""One benchmark run: every figure and its baseline measured together, medians of repetitions.

Repetitions interleave the bare and the full crawl (bare, full, bare, full…), so a burst
of load from elsewhere on the machine hits both rather than one.

The second site (:mod:`bench.unseen`, markup the parsers were not written for) is then
measured the same way: a bare and a full crawl (``unseen_repeat`` times, once by default),
the full crawl's archive checked field by field against the site's plan
(:mod:`bench.completeness`), and ``parse_page`` against lxml (median and worst page) and
trafilatura on a sample of its pages.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bench import completeness, crawls, extraction, warcs
from bench.fetcher import measure_ceiling
from bench.profile import profile_parse
from bench.report import Report, Row, machine, missing_row, ratio_row
from bench.server import running_server
from bench.site import Site, describe, generate

T = TypeVar("T")

CRAWL_TARGET = 1.25
LXML_TARGET = 3.0
TRAFILATURA_TARGET = 10.0
EXTRACT_TARGET = 0.35
RSS_TARGET = 1.3


@dataclass
class Options:
    posts: int
    small_posts: int
    repeat: int
    quick: bool
    work: Path
    timeout: float
    command: str
    log: Callable[[str], None] = print
    unseen_repeat: int = 1  # bare and full crawls of the second site (0: none, its crawl rows n/a)

    @property
    def sample(self) -> tuple[int, int]:
        """Pages timed for extraction: (archiver and lxml, trafilatura)."""
        return (20, 4) if self.quick else (300, 60)


def median_by(items: list[T], key: Callable[[T], float]) -> T:
    """The item whose ``key`` is the median (the lower one for an even count)."""
    ordered = sorted(items, key=key)
    return ordered[(len(ordered) - 1) // 2]


def run(options: Options) -> Report:
    log = options.log
    started_on = machine()  # load average before any work: the report adds the one at the end
    site = generate(options.work / f"site-{options.posts}", options.posts)
    log(f"site: {describe(site)}")
    rows: list[Row] = []
    details = [f"Site: {describe(site)}; generated in {site.manifest['generate_seconds']} s"]
    bare, full, ceiling = _crawls(site, options, details)
    rows += _crawl_rows(site, bare, full, ceiling, details)
    rows.append(_rss_row(site, full, options, details))
    rows += _extraction_rows(site, options, details)
    rows.append(_warc_row(site, full, options, details))
    rows += _unseen_rows(options, details)
    return Report(command=options.command, rows=rows, details=details, machine=started_on)


def _crawls(site: Site, options: Options, details: list[str]) -> tuple[
        list[crawls.CrawlResult], list[crawls.CrawlResult] | str, dict[str, float]]:
    work = options.work / "runs" / f"posts-{options.posts}"
    full: list[crawls.CrawlResult] | str = [] if crawls.product_available() else "spiders/blog.py not in this checkout"
    bare: list[crawls.CrawlResult] = []
    with running_server(site.root) as url:
        pages = site.all_pages * max(1, 3000 // max(1, len(site.all_pages)))
        ceiling = measure_ceiling(url, pages[: 500 if options.quick else 5000])
        options.log(f"server ceiling: {ceiling['pages_per_s']:.0f} pages/s")
        for n in range(options.repeat):
            bare.append(crawls.bare_crawl(url, work / f"bare-{n}", options.timeout))
            options.log(f"bare crawl {n + 1}/{options.repeat}: {bare[-1].crawl_seconds:.1f} s, {bare[-1].pages} pages")
            if isinstance(full, list):
                try:
                    full.append(crawls.full_crawl(url, work / f"full-{n}", options.timeout))
                    options.log(f"full crawl {n + 1}/{options.repeat}: {full[-1].crawl_seconds:.1f} s, {full[-1].pages} pages")
                except RuntimeError as error:
                    full = f"scrapy crawl blog failed: {str(error).splitlines()[0]}"
                    details.append(str(error).replace("\n", " / ")[:1500])
    return bare, full, ceiling


def _crawl_rows(site: Site, bare: list[crawls.CrawlResult], full: list[crawls.CrawlResult] | str,
                ceiling: dict[str, float], details: list[str]) -> list[Row]:
    b = median_by(bare, lambda r: r.crawl_seconds)
    details.append(
        f"Bare crawl (median of {len(bare)}): {b.pages} pages in {b.crawl_seconds:.2f} s "
        f"({b.run.wall_seconds:.2f} s with interpreter start), {b.run.cpu_seconds:.1f} CPU-seconds, "
        f"peak RSS {b.run.max_rss_mib:.0f} MiB; {crawls.coverage(site, b, full=False)}"
    )
    rows = [
        ratio_row("server", "Static server ceiling (keep-alive client, 16 connections)",
                  f"{ceiling['pages_per_s']:.0f} pages/s", f"bare crawl {b.pages_per_s:.0f} pages/s",
                  ceiling["pages_per_s"] / b.pages_per_s, "≥ 3× (server not the bottleneck)", at_least=3.0),
        Row("bare", "Bare Scrapy crawl (framework ceiling)", f"{b.crawl_seconds:.2f} s, {b.pages_per_s:.0f} pages/s",
            "", None, "baseline", None),
    ]
    target = f"≤ {CRAWL_TARGET}×"
    if isinstance(full, str):
        return [*rows, missing_row("crawl", "Full crawl time (scrapy crawl blog) vs bare", target, full)]
    f = median_by(full, lambda r: r.crawl_seconds)
    missing_posts = site.manifest["posts"] - f.post_pages
    missing_comments = site.manifest["comments"] - (f.comments or 0)
    details.append(
        f"Full crawl (median of {len(full)}): {f.pages} pages in {f.crawl_seconds:.2f} s "
        f"({f.run.wall_seconds:.2f} s with interpreter start), {f.pages_per_s:.0f} pages/s, "
        f"{f.run.cpu_seconds:.1f} CPU-seconds with its parse workers ({f.run.cpu_seconds / max(b.run.cpu_seconds, 1e-9):.2f}× "
        f"the bare crawl's), peak RSS {f.run.max_rss_mib:.0f} MiB; {crawls.coverage(site, f, full=True)}; "
        f"WARC files written: {len(crawls.warc_files(f.output))}"
    )
    note = ""
    if missing_posts > 0 or missing_comments > 0:
        note = f"incomplete archive: {crawls.coverage(site, f, full=True)}"
    elif missing_posts < 0:
        details.append(f"The full crawl archived {-missing_posts} articles beyond the site's posts: pages that are "
                       "not posts (/about/, /contact/…) taken for articles")
    return [*rows, ratio_row("crawl", "Full crawl time (scrapy crawl blog) vs bare",
                             f"{f.crawl_seconds:.2f} s ({f.pages} pages)", f"{b.crawl_seconds:.2f} s ({b.pages} pages)",
                             f.crawl_seconds / b.crawl_seconds, target, at_most=CRAWL_TARGET, note=note)]


def _rss_row(site: Site, full: list[crawls.CrawlResult] | str, options: Options, details: list[str]) -> Row:
    figure = f"Peak RSS of the full crawl, {options.posts} vs {options.small_posts} posts"
    target = f"≤ {RSS_TARGET}×"
    if isinstance(full, str):
        return missing_row("rss", figure, target, full)
    small_site = generate(options.work / f"site-{options.small_posts}", options.small_posts)
    work = options.work / "runs" / f"posts-{options.small_posts}"
    small: list[crawls.CrawlResult] = []
    with running_server(small_site.root) as url:
        try:
            for n in range(options.repeat):
                small.append(crawls.full_crawl(url, work / f"full-{n}", options.timeout))
        except RuntimeError as error:
            return missing_row("rss", figure, target, f"small crawl failed: {str(error).splitlines()[0]}")
    large_mib = statistics.median(r.run.max_rss_mib for r in full)
    small_mib = statistics.median(r.run.max_rss_mib for r in small)
    details.append(f"Small full crawl ({options.small_posts} posts): {crawls.coverage(small_site, small[0], full=True)}")
    return ratio_row("rss", figure, f"{large_mib:.0f} MiB", f"{small_mib:.0f} MiB", large_mib / small_mib, target,
                     at_most=RSS_TARGET)


def _extraction_rows(site: Site, options: Options, details: list[str]) -> list[Row]:
    count, slow = options.sample
    runs = [extraction.measure(site, count, slow) for _ in range(options.repeat)]
    lxml_ms = statistics.median(r.lxml_ms for r in runs)
    archiver_ms = statistics.median(r.archiver_ms for r in runs)
    trafilatura_ms = statistics.median(r.trafilatura_ms for r in runs)
    details.append(
        f"Extraction sample: {runs[0].pages} post/comment pages ({runs[0].comments} comments) for lxml and the "
        f"archiver, {runs[0].slow_pages} of them for trafilatura; one process, one thread"
    )
    details.extend(f"parse_page profile: {line}" for line in profile_parse(site, count))
    return [
        ratio_row("parse_vs_lxml", "Extraction: parse_page vs lxml.html.fromstring (ms/page)",
                  f"{archiver_ms:.2f} ms", f"{lxml_ms:.2f} ms", archiver_ms / lxml_ms, f"≤ {LXML_TARGET}× the time",
                  at_most=LXML_TARGET),
        ratio_row("parse_vs_trafilatura", "Extraction: speed-up of parse_page over trafilatura with comments",
                  f"{archiver_ms:.2f} ms", f"{trafilatura_ms:.2f} ms", trafilatura_ms / archiver_ms,
                  f"≥ {TRAFILATURA_TARGET}× faster", at_least=TRAFILATURA_TARGET),
    ]


def _warc_row(site: Site, full: list[crawls.CrawlResult] | str, options: Options, details: list[str]) -> Row:
    figure = "archiver extract pages/s vs warcio + lxml"
    target = f"≥ {EXTRACT_TARGET}× its pages/s"
    work = options.work / "runs" / f"warc-{options.posts}"
    files = crawls.warc_files(full[-1].output) if isinstance(full, list) and full else []
    source = f"{len(files)} WARC files of the full crawl"
    if not files:
        files = [warcs.write_site_warc(site, options.work / f"site-{options.posts}.warc.gz")]
        source = "the site written to one WARC with warcio (the full crawl wrote none)"
    runs = [warcs.measure(files, source, work, options.timeout, warcs.extract_available()) for _ in range(options.repeat)]
    baseline_s = statistics.median(r.baseline_seconds for r in runs)
    pages = runs[0].pages
    detail = f"WARC input: {source}, {pages} HTML responses"
    if any(r.extract_seconds is None for r in runs):
        details.append(detail)
        return missing_row("extract", figure, target, runs[0].note or "archiver extract did not run")
    extract_s = statistics.median(r.extract_seconds for r in runs if r.extract_seconds is not None)
    details.append(f"{detail}; archiver extract wrote {runs[0].articles} articles and {runs[0].comments} comments "
                   f"(site: {site.manifest['posts']} posts, {site.manifest['comments']} comments); times include "
                   "interpreter start for both")
    return ratio_row("extract", figure, f"{pages / extract_s:.0f} pages/s ({extract_s:.2f} s)",
                     f"{pages / baseline_s:.0f} pages/s ({baseline_s:.2f} s)", baseline_s / extract_s, target,
                     at_least=EXTRACT_TARGET)



# -- the second site: markup the parsers were not written for ---------------------------

def _unseen_rows(options: Options, details: list[str]) -> list[Row]:
    site = generate(options.work / f"unseen-{options.posts}", options.posts, site="unseen")
    options.log(f"second site: {describe(site)}")
    details.append(f"Second site (a newspaper CMS, bench/unseen.py; the same plan): {describe(site)}; "
                   f"generated in {site.manifest['generate_seconds']} s")
    return _unseen_crawl_rows(site, options, details) + _unseen_extraction_rows(site, options, details)


def _unseen_crawl_rows(site: Site, options: Options, details: list[str]) -> list[Row]:
    crawl_figure = "Second site: full crawl time vs bare"
    crawl_target = f"≤ {CRAWL_TARGET}×"
    check_figure = "Second site: posts and comments archived with every field right"
    check_target = "100% (every post and comment)"
    why = ("spiders/blog.py not in this checkout" if not crawls.product_available()
           else "skipped (--unseen-repeat 0)" if options.unseen_repeat < 1 else "")
    if why:
        return [missing_row("unseen_crawl", crawl_figure, crawl_target, why),
                missing_row("unseen_complete", check_figure, check_target, why)]
    work = options.work / "runs" / f"unseen-{options.posts}"
    bare: list[crawls.CrawlResult] = []
    full: list[crawls.CrawlResult] = []
    with running_server(site.root) as url:
        try:
            for n in range(options.unseen_repeat):
                bare.append(crawls.bare_crawl(url, work / f"bare-{n}", options.timeout, site.post_page_pattern))
                options.log(f"second site, bare crawl {n + 1}/{options.unseen_repeat}: "
                            f"{bare[-1].crawl_seconds:.1f} s, {bare[-1].pages} pages")
                full.append(crawls.full_crawl(url, work / f"full-{n}", options.timeout))
                options.log(f"second site, full crawl {n + 1}/{options.unseen_repeat}: "
                            f"{full[-1].crawl_seconds:.1f} s, {full[-1].pages} pages")
        except RuntimeError as error:
            details.append(str(error).replace("\n", " / ")[:1500])
            reason = f"crawl of the second site failed: {str(error).splitlines()[0]}"
            return [missing_row("unseen_crawl", crawl_figure, crawl_target, reason),
                    missing_row("unseen_complete", check_figure, check_target, reason)]
    b = median_by(bare, lambda r: r.crawl_seconds)
    f = median_by(full, lambda r: r.crawl_seconds)
    checked = completeness.check_crawl(site, f.output)
    details.append(
        f"Second site, bare crawl (median of {len(bare)}): {b.pages} pages in {b.crawl_seconds:.2f} s, "
        f"{b.run.cpu_seconds:.1f} CPU-seconds; {crawls.coverage(site, b, full=False)}. Full crawl (median of "
        f"{len(full)}): {f.pages} pages in {f.crawl_seconds:.2f} s, {f.run.cpu_seconds:.1f} CPU-seconds with its "
        f"parse workers, peak RSS {f.run.max_rss_mib:.0f} MiB"
    )
    details.append(f"Second site, archive against the plan: {checked.summary()}")
    details.extend(f"Second site, archive miss: {line}" for line in checked.details())
    note = "" if checked.complete else f"incomplete: {checked.counts()}"
    crawl_row = ratio_row("unseen_crawl", crawl_figure, f"{f.crawl_seconds:.2f} s ({f.pages} pages)",
                          f"{b.crawl_seconds:.2f} s ({b.pages} pages)", f.crawl_seconds / b.crawl_seconds,
                          crawl_target, at_most=CRAWL_TARGET, note=note)
    found = checked.posts_found + checked.comments_found
    expected = checked.posts + checked.comments
    check_row = Row("unseen_complete", check_figure,
                    f"{checked.posts_found}/{checked.posts} posts, {checked.comments_found}/{checked.comments} comments",
                    f"found {found}/{expected}", checked.share, check_target, checked.complete,
                    ratio_text=f"{checked.share:.1%}")
    return [crawl_row, check_row]


def _unseen_extraction_rows(site: Site, options: Options, details: list[str]) -> list[Row]:
    count, slow = options.sample
    runs = [extraction.measure(site, count, slow) for _ in range(options.repeat)]
    lxml_ms = statistics.median(r.lxml_ms for r in runs)
    archiver_ms = statistics.median(r.archiver_ms for r in runs)
    trafilatura_ms = statistics.median(r.trafilatura_ms for r in runs)
    pages = extraction.sample_pages(site, count)
    timed = extraction.per_page(pages)
    middle = median_by(timed, lambda t: t.ratio)
    worst = max(timed, key=lambda t: t.ratio)
    first = extraction.per_page(extraction.sample_pages(generate(options.work / f"site-{options.posts}",
                                                                 options.posts), count))
    first_middle = median_by(first, lambda t: t.ratio)
    first_worst = max(first, key=lambda t: t.ratio)
    details.append(
        f"Second site, extraction sample: {runs[0].pages} post/comment pages ({runs[0].comments} comments), "
        f"{runs[0].slow_pages} of them for trafilatura; all pages together {archiver_ms:.2f} ms against lxml's "
        f"{lxml_ms:.2f} ms ({archiver_ms / lxml_ms:.2f}×). Each page timed alone (best of 3): median "
        f"{middle.ratio:.2f}×, worst {worst.ratio:.2f}× ({worst.url.removeprefix(extraction.BASE)}); the first "
        f"site's pages alike: median {first_middle.ratio:.2f}×, worst {first_worst.ratio:.2f}× "
        f"({first_worst.url.removeprefix(extraction.BASE)})"
    )
    from archiver.page import Page
    from archiver.parsers import parse_page

    sampled = completeness.check_pages(site, [(url.removeprefix(extraction.BASE), parse_page(Page(url, body)))
                                              for url, body in pages])
    details.append(f"Second site, parse_page on the sample against the plan: {sampled.summary()}")
    return [
        ratio_row("unseen_parse_vs_lxml", "Second site: parse_page vs lxml.html.fromstring, median page",
                  f"{middle.archiver_ms:.2f} ms", f"{middle.lxml_ms:.2f} ms", middle.ratio,
                  f"≤ {LXML_TARGET}× the time", at_most=LXML_TARGET),
        ratio_row("unseen_parse_worst", "Second site: parse_page vs lxml.html.fromstring, worst page",
                  f"{worst.archiver_ms:.2f} ms", f"{worst.lxml_ms:.2f} ms", worst.ratio, "info (median ≤ 3×)"),
        ratio_row("unseen_parse_vs_trafilatura", "Second site: speed-up of parse_page over trafilatura with comments",
                  f"{archiver_ms:.2f} ms", f"{trafilatura_ms:.2f} ms", trafilatura_ms / archiver_ms,
                  f"≥ {TRAFILATURA_TARGET}× faster", at_least=TRAFILATURA_TARGET),
    ]
