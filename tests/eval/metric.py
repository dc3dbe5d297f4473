"""The article-body metric of the Zyte (Scrapinghub) article-extraction benchmark.

Reimplemented from the description in ``tests/fixtures/extraction-benchmark/README.md`` so
that our numbers are comparable with the published table: texts become multisets of
4-token shingles (``\\w+`` tokens, case kept), each page gets a TP/FP/FN triple scaled to
sum to one, corpus precision and recall are means over pages, and F1 is the harmonic mean
of those two means (not the mean of per-page F1 values).
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class PageScore:
    """One page's shingle counts, scaled to sum to 1 so that every page weighs the same."""

    tp: float
    fp: float
    fn: float
    exact: bool  # the predicted token list equals the true one

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)


@dataclass(frozen=True)
class CorpusScore:
    """Corpus precision, recall, F1 and exact-match accuracy, with bootstrap standard deviations."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int
    sd: dict[str, float]


def tokens(text: str | None) -> list[str]:
    """Word tokens as the benchmark sees them: runs of Unicode word characters."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token windows; a shorter non-empty text is one short shingle."""
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) <= size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def score_page(true: str | None, pred: str | None) -> PageScore:
    """Shingle TP/FP/FN of one prediction against its ground truth."""
    expected, found = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for shingle in expected.keys() | found.keys():
        t, p = expected[shingle], found[shingle]
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    exact = tokens(true) == tokens(pred)
    if total == 0:
        return PageScore(0.0, 0.0, 0.0, exact)
    return PageScore(tp / total, fp / total, fn / total, exact)


def corpus_metrics(pages: Sequence[PageScore]) -> tuple[float, float, float, float]:
    """(precision, recall, F1, accuracy) of a set of page scores."""
    precisions = [p.precision for p in pages if p.tp + p.fp > 0]
    recalls = [p.recall for p in pages if p.tp + p.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(p.exact for p in pages) / len(pages) if pages else 0.0
    return precision, recall, f1, accuracy


def score_corpus(pages: Sequence[PageScore], bootstrap: int = 1000, seed: int = 0) -> CorpusScore:
    """Corpus scores plus the standard deviation of each over ``bootstrap`` page resamples.

    The resampling is seeded so that two runs over the same predictions print the same
    error bars (upstream prints 1.96 times these deviations as its "±").
    """
    precision, recall, f1, accuracy = corpus_metrics(pages)
    sd: dict[str, float] = {}
    if bootstrap > 1 and len(pages) > 1:
        rng = random.Random(seed)
        samples = [corpus_metrics(rng.choices(pages, k=len(pages))) for _ in range(bootstrap)]
        for index, name in enumerate(("precision", "recall", "f1", "accuracy")):
            sd[name] = statistics.stdev(sample[index] for sample in samples)
    return CorpusScore(precision, recall, f1, accuracy, len(pages), sd)


def paired_difference(
    first: Sequence[PageScore], second: Sequence[PageScore], bootstrap: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """F1 of ``first`` minus F1 of ``second`` on the same pages, and its bootstrap deviation.

    Both lists are resampled with the same page indices, so the deviation reflects how
    consistently one extractor beats the other, not how hard the pages are.
    """
    if len(first) != len(second):
        raise ValueError("paired scores need the same pages")
    difference = corpus_metrics(first)[2] - corpus_metrics(second)[2]
    if bootstrap < 2 or len(first) < 2:
        return difference, 0.0
    rng = random.Random(seed)
    samples = []
    for _ in range(bootstrap):
        picks = rng.choices(range(len(first)), k=len(first))
        samples.append(corpus_metrics([first[i] for i in picks])[2] - corpus_metrics([second[i] for i in picks])[2])
    return difference, statistics.stdev(samples)
