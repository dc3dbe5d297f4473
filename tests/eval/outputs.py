"""What a parser change changes, page by page, on the pages rules may be tuned on.

    python -m tests.eval.outputs dump before.json [--names-away] [--limit N]
    (change the parsers)
    python -m tests.eval.outputs dump after.json [--names-away]
    python -m tests.eval.outputs compare before.json after.json

A score moves only where a field crosses from wrong to right; a rule also changes pages
whose fields stay wrong, or that no truth covers. ``dump`` writes, for every tuning page,
what ``parse_page`` gives: the post's fields (the body as its length and a digest) and
each comment's author, date, the start and a digest of its text, its parent and id. The
pages are the corpus's tuning split, the Dragnet tuning pages (read from ``../shared``
when there) and the body-text benchmark; held-out pages are left out, so that nothing
printed here is studied. ``--names-away`` parses each page with its class and id words
taken away (:func:`tests.eval.unnamed.renamed`). ``compare`` prints the pages whose
output differs, field by field and the first comments that differ, and their number.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

_TEXT_START = 60  # characters of a comment's text kept as they are
_SHOWN_COMMENTS = 4  # differing comments printed per page


def _pages(limit: int | None, dragnet_data: Path | None = None) -> Iterator[tuple[str, str, Path]]:
    """(key, url, gzipped file) of every tuning page: the corpus's, the Dragnet pages' (from
    ``dragnet_data``, else where :mod:`tests.eval.dragnet` looks) and the benchmark's, the
    first ``limit`` of each when given."""
    yield from islice(_corpus_pages(), limit)
    yield from islice(_dragnet_pages(dragnet_data), limit)
    yield from islice(_benchmark_pages(), limit)


def _corpus_pages() -> Iterator[tuple[str, str, Path]]:
    from tests.corpus_truth import CORPUS, truth_files

    for path in truth_files("tune"):
        truth = json.loads(path.read_text("utf-8"))
        yield f"corpus:{path.name.removesuffix('.html.truth.json')}", truth["url"], CORPUS / (truth["file"] + ".gz")


def _dragnet_pages(data: Path | None) -> Iterator[tuple[str, str, Path]]:
    from tests.eval import dragnet

    data = data or dragnet.DEFAULT_DATA
    if not (data / "manifest.tsv").exists():
        return  # (the pages are read from ../shared, never copied into the repository)
    for row in dragnet.manifest(data):
        if dragnet.split_of(dragnet.site_of(row["url"], row["id"])) == "tune":
            yield f"dragnet:{row['id']}", row["url"], data / "pages" / f"{row['id']}.html.gz"


def _benchmark_pages() -> Iterator[tuple[str, str, Path]]:
    from tests.eval.dataset import BENCHMARK_DIR, ground_truth

    for page_id, entry in sorted(ground_truth().items()):
        yield f"benchmark:{page_id[:16]}", entry.get("url", ""), BENCHMARK_DIR / "html" / f"{page_id}.html.gz"


def _digest(text: str | None) -> str:
    return hashlib.md5((text or "").encode("utf-8")).hexdigest()[:10]


def page_output(url: str, body: bytes, names_away: bool = False) -> dict[str, Any]:
    """What ``parse_page`` gives for one page, in the few values a change is judged by."""
    from archiver.page import Page
    from archiver.parsers import parse_page

    if names_away:
        from tests.eval.unnamed import renamed

        body = renamed(body, url)
    try:
        result = parse_page(Page(url=url, body=body))
    except Exception as error:  # (a page that raises is an output too: the change made it raise)
        return {"error": repr(error)}
    article = result.article
    post = None if article is None else {
        "title": article.title, "published": article.published, "updated": article.updated,
        "authors": article.authors, "tags": article.tags, "categories": article.categories,
        "comment_count": article.comment_count, "body_length": len(article.body or ""), "body": _digest(article.body),
    }
    comments = [[c.author, c.published, (c.text or "")[:_TEXT_START], _digest(c.text), c.parent_id, c.id]
                for c in result.comments]
    return {"post": post, "comments": comments}


def _work(job: tuple[str, str, str, bool]) -> tuple[str, dict[str, Any]]:
    key, url, path, names_away = job
    return key, page_output(url, gzip.decompress(Path(path).read_bytes()), names_away)


def dump(out: Path, names_away: bool = False, limit: int | None = None, workers: int = 2,
         dragnet_data: Path | None = None) -> int:
    """Write every tuning page's output to ``out`` (JSON); the number of pages."""
    jobs = [(key, url, str(path), names_away) for key, url, path in _pages(limit, dragnet_data)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        outputs = dict(pool.map(_work, jobs, chunksize=4))
    out.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
    return len(outputs)


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The lines that say how ``after`` differs from ``before``, page by page."""
    lines: list[str] = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, {}), after.get(key, {})
        if old == new:
            continue
        lines.append(f"== {key}")
        if "error" in new or "error" in old:
            lines.append(f"   error: {old.get('error')} -> {new.get('error')}")
        old_post, new_post = old.get("post") or {}, new.get("post") or {}
        for field in sorted(set(old_post) | set(new_post)):
            if old_post.get(field) != new_post.get(field):
                lines.append(f"   {field}: {old_post.get(field)!r:.150} -> {new_post.get(field)!r:.150}")
        old_comments, new_comments = old.get("comments") or [], new.get("comments") or []
        if old_comments != new_comments:
            lines.append(f"   comments {len(old_comments)} -> {len(new_comments)}")
            shown = 0
            for index in range(max(len(old_comments), len(new_comments))):
                was = old_comments[index] if index < len(old_comments) else None
                now = new_comments[index] if index < len(new_comments) else None
                if was != now and shown < _SHOWN_COMMENTS:
                    shown += 1
                    lines.append(f"     [{index}] {str(was):.150}\n       -> {str(now):.150}")
    changed = sum(1 for line in lines if line.startswith("== "))
    lines.append(f"{changed} pages differ")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.outputs", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="write every tuning page's output to a JSON file")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--names-away", action="store_true", help="parse the pages with class and id words taken away")
    dumping.add_argument("--limit", type=int, help="only the first N pages of each set")
    dumping.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    dumping.add_argument("--dragnet", type=Path, help="the Dragnet pages' folder (default: ../shared/corpus/dragnet-train; "
                                                      "give it when dumping from a worktree elsewhere)")
    comparing = commands.add_parser("compare", help="the pages whose output differs between two dumps")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        print(f"{dump(args.out, args.names_away, args.limit, args.workers, args.dragnet)} pages written to {args.out}")
        return 0
    before = json.loads(args.before.read_text("utf-8"))
    after = json.loads(args.after.read_text("utf-8"))
    print("\n".join(differences(before, after)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
