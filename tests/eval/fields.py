"""Post fields of the corpus pages beside trafilatura's, split by split.

    python -m tests.eval.fields [--split tune|heldout|all]

For each page of the corpus (tests/fixtures/corpus) the archiver's title, published day
and authors, and trafilatura's (``trafilatura.bare_extraction(..., with_metadata=True)``,
whose dates come from htmldate), are compared with the hand-checked truth by the rules
of ``tests/corpus_truth.py``. "found" counts pages where a date was given at all,
"day right" where its day matches, "date right" where the wall clock matches too when the
truth has a time (trafilatura gives days only).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from typing import Any

from tests.corpus_truth import CORPUS, parsed, same_date, site_of, truth_files


def trafilatura_fields(html: bytes, url: str) -> dict[str, Any]:
    import trafilatura

    document = trafilatura.bare_extraction(html.decode("utf-8", "replace"), url=url, with_metadata=True,
                                           include_comments=False)
    if document is None:
        return {"title": None, "published": None, "authors": []}
    data = document if isinstance(document, dict) else document.as_dict()
    author = data.get("author") or ""
    return {"title": data.get("title"), "published": data.get("date"),
            "authors": [name.strip() for name in author.split(";") if name.strip()]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.fields", description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    args = parser.parse_args(argv)
    counts: dict[str, dict[str, int]] = {name: {"pages": 0, "date found": 0, "day right": 0, "date right": 0, "title right": 0,
                                                 "authors right": 0} for name in ("archiver", "trafilatura")}
    for path in truth_files(args.split):
        truth, result = parsed(path.name)
        html = gzip.decompress((CORPUS / (truth["file"] + ".gz")).read_bytes())
        article = result.article
        ours = {"title": article.title, "published": article.published, "authors": article.authors} if article else {}
        theirs = trafilatura_fields(html, truth["url"])
        for name, got in (("archiver", ours), ("trafilatura", theirs)):
            row = counts[name]
            row["pages"] += 1
            row["date found"] += bool(got.get("published"))
            row["day right"] += truth["published"] is not None and (got.get("published") or "")[:10] == truth["published"][:10]
            row["date right"] += truth["published"] is not None and same_date(truth["published"], got.get("published"))
            row["title right"] += "".join((got.get("title") or "").split()) == "".join((truth["title"] or "").split())
            row["authors right"] += (got.get("authors") or []) == (truth["authors"] or [])
    sites = len({site_of(p) for p in truth_files(args.split)})
    print(f"split {args.split}: {counts['archiver']['pages']} pages, {sites} sites")
    print(json.dumps(counts, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
