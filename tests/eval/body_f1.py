"""Score the archiver's article bodies on the extraction benchmark.

    python -m tests.eval.body_f1 [--limit N] [--compare trafilatura] [--worst K]

The body under test is exactly what the product emits for a page,
``parse_page(Page(url, html)).article.body``; ``--compare trafilatura`` also scores bare
``trafilatura.extract(html, include_comments=False)`` (the benchmark's own trafilatura
runner) on the same pages in the same run, as a baseline. The archiver's line also says on
how many pages its body step called trafilatura (it does so only where its own reading of
the page is doubtful).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from archiver.page import Page
from archiver.parsers import body as body_module
from archiver.parsers import parse_page
from tests.eval.dataset import Sample, samples
from tests.eval.metric import (
    CorpusScore,
    PageScore,
    paired_difference,
    score_corpus,
    score_page,
)

Extractor = Callable[[Sample], "str | None"]


def archiver_body(sample: Sample) -> str | None:
    """The article body the archiver itself would write for this page."""
    article = parse_page(Page(sample.url, sample.html)).article
    return article.body if article else None


def trafilatura_body(sample: Sample) -> str | None:
    """Bare trafilatura with its defaults, as the benchmark's reference runner calls it."""
    import trafilatura

    return trafilatura.extract(sample.html.decode("utf-8"), include_comments=False)


EXTRACTORS: dict[str, Extractor] = {"archiver": archiver_body, "trafilatura": trafilatura_body}


@contextmanager
def counting_trafilatura() -> Iterator[list[int]]:
    """Count the archiver's trafilatura calls (container and whole-page) while inside; the
    list holds one number, the calls so far."""
    calls = [0]
    original = body_module._extract

    def counted(*args: object, **kwargs: object) -> str | None:
        calls[0] += 1
        return original(*args, **kwargs)  # type: ignore[arg-type]

    body_module._extract = counted  # type: ignore[assignment]
    try:
        yield calls
    finally:
        body_module._extract = original  # type: ignore[assignment]


@dataclass
class Run:
    """One extractor's scores over a set of pages, the time it took and, for the archiver,
    on how many pages its body step called trafilatura."""

    name: str
    pages: dict[str, PageScore] = field(default_factory=dict)
    seconds: float = 0.0
    trafilatura_pages: int = 0

    def corpus(self, bootstrap: int = 1000) -> CorpusScore:
        return score_corpus(list(self.pages.values()), bootstrap=bootstrap)


def evaluate(extractor: Extractor, pages: Sequence[Sample], name: str = "") -> Run:
    """Run one extractor over the pages and score every page."""
    run = Run(name)
    with counting_trafilatura() as calls:
        for sample in pages:
            before = calls[0]
            started = time.perf_counter()
            predicted = extractor(sample)
            run.seconds += time.perf_counter() - started
            run.pages[sample.id] = score_page(sample.truth, predicted)
            run.trafilatura_pages += calls[0] > before
    return run


def report(run: Run, bootstrap: int) -> str:
    """One line: P, R, F1 and accuracy with bootstrap standard deviations, and time per page."""
    score = run.corpus(bootstrap)
    sd = score.sd

    def fmt(key: str, value: float) -> str:
        return f"{key}={value:.4f}" + (f" ± {sd[key]:.4f}" if key in sd else "")

    per_page = 1000 * run.seconds / max(1, score.pages)
    calls = f"  trafilatura on {run.trafilatura_pages} pages" if run.name == "archiver" else ""
    return (
        f"{run.name:<12} {fmt('precision', score.precision)}  {fmt('recall', score.recall)}  "
        f"{fmt('f1', score.f1)}  {fmt('accuracy', score.accuracy)}  "
        f"pages={score.pages}  {per_page:.1f} ms/page{calls}"
    )


def worst(run: Run, count: int) -> list[str]:
    """The ``count`` pages with the lowest per-page F1, to see where the extractor fails."""

    def f1(page: PageScore) -> float:
        p, r = page.precision, page.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    ranked = sorted(run.pages.items(), key=lambda item: f1(item[1]))[:count]
    return [f"  {pid[:12]}  P={s.precision:.3f} R={s.recall:.3f} F1={f1(s):.3f}" for pid, s in ranked]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="score only the first N pages (sorted id order)")
    parser.add_argument("--compare", choices=sorted(set(EXTRACTORS) - {"archiver"}), action="append", default=[])
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples for the ± (0: none)")
    parser.add_argument("--worst", type=int, default=0, help="list the K lowest-scoring pages")
    args = parser.parse_args(argv)

    pages = list(samples(args.limit))
    runs = []
    for name in ["archiver", *args.compare]:
        run = evaluate(EXTRACTORS[name], pages, name)
        runs.append(run)
        print(report(run, args.bootstrap), flush=True)
        if args.worst:
            print("\n".join(worst(run, args.worst)), flush=True)
    for other in runs[1:]:
        ids = list(runs[0].pages)
        delta, sd = paired_difference(
            [runs[0].pages[i] for i in ids], [other.pages[i] for i in ids], bootstrap=args.bootstrap
        )
        print(f"f1 archiver - {other.name}: {delta:+.4f} ± {sd:.4f} (paired bootstrap)")


if __name__ == "__main__":
    main()
