"""Score the archiver's reader comments (and bodies) on the Dragnet pages with comments.

    python -m tests.eval.dragnet [--data DIR] [--split tune|heldout|all] [--compare trafilatura]
                                 [--worst K] [--ids ID,ID]

The Dragnet data set (Peters and Lecocq, WWW 2013) gives, for each page, a hand-made gold
text of the article followed by the reader comments as the page showed them. Its licence
(AGPLv3) does not fit this project, so the pages are read from outside the repository
(``--data``, default ``../shared/corpus/dragnet-train``, the folder layout described in its
README) and nothing of them is copied in.

The metric is Dragnet's: bag-of-words token F1 (lower case, ``\\w+`` tokens, multiset
overlap) per page, a page with nothing predicted scoring 0, reported as the mean over pages
and as the micro average. The comment text under test is what the archiver writes: every
comment item's author, title (subject line) and text of ``parse_page``, joined.
trafilatura's baseline is its comment text (``include_comments=True``, the part it puts
under ``<comments>``).

``--split`` divides the pages by site (host of the page URL; pages without a real URL by
id), two thirds ``tune`` and one third ``heldout``, so that a held-out figure can be
reported beside the tuned one.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from archiver.page import Page
from archiver.parsers import parse_page

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dragnet-train"
_MARKER = re.compile(rb"^[!@#$%^&*() \t]{6,}(?:COMMENTS|CORRECTED)[ \t]*\r?$", re.MULTILINE)
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DragnetPage:
    id: str
    url: str
    site: str
    html: bytes
    gold_article: str
    gold_comments: str


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def site_of(url: str, page_id: str) -> str:
    """The host without ``www.``; a placeholder URL gives a site of its own per page."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return f"page-{page_id}" if host in ("", "example.org") else host


def split_of(site: str) -> str:
    """``heldout`` for a third of the sites, by a stable hash of the site name."""
    return "heldout" if int(hashlib.sha1(site.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def manifest(data: Path = DEFAULT_DATA) -> Iterator[dict[str, str]]:
    """The rows of the manifest (``id``, ``url`` …) in its order, nothing read besides."""
    if not (data / "manifest.tsv").exists():
        raise SystemExit(f"dragnet: no manifest.tsv in {data} (pass --data)")
    lines = (data / "manifest.tsv").read_text("utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        yield dict(zip(header, line.split("\t"), strict=False))


def pages(data: Path = DEFAULT_DATA) -> Iterator[DragnetPage]:
    """The pages of the manifest in its order, with their gold split at the comments marker."""
    for row in manifest(data):
        gold = (data / "gold" / f"{row['id']}.html.corrected.txt").read_bytes()
        marker = _MARKER.search(gold)
        article, comments = (gold[: marker.start()], gold[marker.end():]) if marker else (gold, b"")
        yield DragnetPage(
            id=row["id"], url=row["url"], site=site_of(row["url"], row["id"]),
            html=gzip.decompress((data / "pages" / f"{row['id']}.html.gz").read_bytes()),
            gold_article=_decode(article), gold_comments=_decode(comments),
        )


def tokens(text: str | None) -> Counter[str]:
    return Counter(_TOKEN.findall((text or "").lower()))


@dataclass(frozen=True)
class Score:
    overlap: int
    predicted: int
    gold: int

    @property
    def f1(self) -> float:
        if not self.predicted or not self.gold or not self.overlap:
            return 0.0
        precision, recall = self.overlap / self.predicted, self.overlap / self.gold
        return 2 * precision * recall / (precision + recall)


def score(predicted: str | None, gold: str) -> Score:
    got, want = tokens(predicted), tokens(gold)
    return Score(sum((got & want).values()), sum(got.values()), sum(want.values()))


@dataclass(frozen=True)
class Extraction:
    comments: str | None
    body: str | None
    found: int  # comment items (for trafilatura: 1 when it found a comment text)


def archiver_extraction(page: DragnetPage, html: bytes | None = None) -> Extraction:
    """What the archiver writes: each comment's author line, title (subject) and text, and
    the article body."""
    result = parse_page(Page(url=page.url, body=html or page.html))
    parts = [f"{c.author or ''}\n{c.title or ''}\n{c.text}" for c in result.comments]
    body = result.article.body if result.article else None
    return Extraction("\n\n".join(parts) or None, body, len(result.comments))


def trafilatura_extraction(page: DragnetPage) -> Extraction:
    """trafilatura's comment text and body, from one XML extraction with comments."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(_decode(page.html), url=page.url, include_comments=True, output_format="xml")
    if not xml:
        return Extraction(None, None, 0)
    root = etree.fromstring(xml.encode("utf-8"))
    comments = " ".join(" ".join(el.itertext()) for el in root.iter("comments"))
    body = " ".join(" ".join(el.itertext()) for el in root.iter("main"))
    return Extraction(comments or None, body or None, int(bool(comments.strip())))


def unnamed_extraction(page: DragnetPage) -> Extraction:
    """The archiver on the page with every class and id word taken away
    (:func:`tests.eval.unnamed.renamed`): how far its comments rest on names."""
    from tests.eval.unnamed import renamed

    return archiver_extraction(page, renamed(page.html, page.url))


EXTRACTORS: dict[str, Callable[[DragnetPage], Extraction]] = {
    "archiver": archiver_extraction,
    "trafilatura": trafilatura_extraction,
    "archiver-unnamed": unnamed_extraction,
}


@dataclass
class Run:
    name: str
    comments: dict[str, Score]
    bodies: dict[str, Score]
    found: dict[str, int]
    seconds: float

    def summary(self) -> str:
        comment_f1 = [s.f1 for s in self.comments.values()]
        body_f1 = [s.f1 for s in self.bodies.values()]
        none = sum(1 for n in self.found.values() if not n)
        return (
            f"{self.name:12} comments: mean F1 {statistics.fmean(comment_f1):.3f}, micro F1 "
            f"{_micro(self.comments.values()):.3f}, no comment found on {none}/{len(comment_f1)} pages; "
            f"body: mean F1 {statistics.fmean(body_f1):.3f}; {1000 * self.seconds / len(comment_f1):.1f} ms/page"
        )


def _micro(scores: object) -> float:
    items = list(scores)  # type: ignore[call-overload]
    return Score(sum(s.overlap for s in items), sum(s.predicted for s in items), sum(s.gold for s in items)).f1


def evaluate(name: str, selected: list[DragnetPage]) -> Run:
    extract = EXTRACTORS[name]
    run = Run(name, {}, {}, {}, 0.0)
    for page in selected:
        started = time.perf_counter()
        got = extract(page)
        run.seconds += time.perf_counter() - started
        run.comments[page.id] = score(got.comments, page.gold_comments)
        run.bodies[page.id] = score(got.body, page.gold_article)
        run.found[page.id] = got.found
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.dragnet", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with manifest.tsv, pages/, gold/")
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="tune",
                        help="which sites: tune (two thirds), heldout (one third) or all (default: tune)")
    parser.add_argument("--compare", action="append", default=[], choices=sorted(set(EXTRACTORS) - {"archiver"}),
                        help="also score another extractor on the same pages")
    parser.add_argument("--worst", type=int, default=0, help="list the K pages with the lowest comment F1")
    parser.add_argument("--ids", default="", help="only these page ids (comma-separated)")
    args = parser.parse_args(argv)
    wanted = set(filter(None, args.ids.split(",")))
    selected = [p for p in pages(args.data)
                if (args.split == "all" or split_of(p.site) == args.split) and (not wanted or p.id in wanted)]
    if not selected:
        print("dragnet: no page selected", file=sys.stderr)
        return 2
    print(f"{len(selected)} pages, {len({p.site for p in selected})} sites, split {args.split}")
    runs = [evaluate(name, selected) for name in ["archiver", *args.compare]]
    for run in runs:
        print(run.summary())
    if args.worst:
        ours = runs[0]
        others = runs[1:]
        by_id = {p.id: p for p in selected}
        for page_id in sorted(ours.comments, key=lambda i: ours.comments[i].f1)[: args.worst]:
            theirs = " ".join(f"{r.name} {r.comments[page_id].f1:.2f}" for r in others)
            s = ours.comments[page_id]
            print(f"  {page_id:>6} F1 {s.f1:.2f} (pred {s.predicted}, gold {s.gold}, {ours.found[page_id]} items) "
                  f"{theirs}  {by_id[page_id].url[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
