"""The bundled extraction benchmark: 181 annotated pages, read from ``tests/fixtures``.

Pages are returned in sorted id order; ids are content hashes, so the first N pages are a
fixed, deterministic and unbiased subset (what ``--limit`` and the floor test use).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BENCHMARK_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "extraction-benchmark"


@dataclass(frozen=True)
class Sample:
    """One benchmark page: its id, URL, raw HTML bytes and hand-annotated article body."""

    id: str
    url: str
    html: bytes
    truth: str


def ground_truth(root: Path = BENCHMARK_DIR) -> dict[str, dict[str, str]]:
    """The annotations, ``{id: {"articleBody": ..., "url": ...}}``."""
    with gzip.open(root / "ground-truth.json.gz", "rt", encoding="utf-8") as handle:
        return json.load(handle)


def samples(limit: int | None = None, root: Path = BENCHMARK_DIR) -> Iterator[Sample]:
    """The first ``limit`` pages (all when None), in sorted id order."""
    truth = ground_truth(root)
    ids = sorted(truth)
    if limit is not None:
        ids = ids[:limit]
    for page_id in ids:
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        entry = truth[page_id]
        yield Sample(page_id, entry.get("url", ""), html, entry.get("articleBody") or "")
