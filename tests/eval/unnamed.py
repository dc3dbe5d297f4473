"""The corpus with its names taken away: how much of the extraction rests on class names.

    python -m tests.eval.unnamed [--split tune|heldout|all] [--show FIELD]

Every page of the corpus (tests/fixtures/corpus) is parsed twice: as it is, and with each
word of every ``class``, ``id``, ``for`` and ``name`` attribute (and of every link's
fragment) replaced by an opaque token, the same word by the same token across the page,
and style sheets emptied. Tags, text, ``datetime``/``title`` attributes, microdata,
JSON-LD and the standard names of ``<meta>`` elements ("author", "description") stay.
A blog the parsers have never seen names its parts in words no hint list holds; the
renamed page is the far end of that, so the gap between the two scores is how much a
field depends on vocabulary rather than on structure and content.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import hashlib
import json
import re
import sys

import lxml.html

from archiver.page import Page
from archiver.parsers import ParseResult, parse_page
from tests import corpus_truth
from tests.corpus_truth import CORPUS, check, truth_files

FIELDS = ("title", "published", "authors", "tags", "categories", "comment_total", "first_comments")
_WORD = re.compile(r"[A-Za-z]+")  # (underscores, like dashes, stay: separators, not words)
_RENAMED = ("class", "id", "for", "name")


def renamed(body: bytes, url: str, salt: str = "") -> bytes:
    """``body`` with every word of its names replaced by an opaque token of letters
    (consistently within the page; numbers kept, as in ``comment-42`` → ``zqhfkd-42``), as UTF-8 that
    says so (the page decoded as the archiver decodes it, its own charset declaration
    replaced)."""
    doc = copy.deepcopy(Page(url=url, body=body).tree)
    for meta in list(doc.iter("meta")):
        if meta.get("charset") is not None or (meta.get("http-equiv") or "").lower() == "content-type":
            meta.getparent().remove(meta)
    head = doc.find("head")
    if head is not None:
        head.insert(0, lxml.html.Element("meta", charset="utf-8"))
    tokens: dict[str, str] = {}

    def token(match: re.Match[str]) -> str:
        word = match.group(0)
        if word not in tokens:
            digest = hashlib.md5((salt + word).encode()).digest()
            tokens[word] = "z" + "".join(chr(97 + byte % 26) for byte in digest[:5])  # (letters: a digit marks a per-record token)
        return tokens[word]

    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attribute in _RENAMED:
            if attribute == "name" and el.tag == "meta":
                continue  # the standard metadata names ("author", "description"), not the theme's
            value = el.get(attribute)
            if value:
                el.set(attribute, _WORD.sub(token, value))
        href = el.get("href")
        if href and "#" in href:
            address, fragment = href.split("#", 1)
            el.set("href", address + "#" + _WORD.sub(token, fragment))
        if el.tag == "style":
            el.text = ""
    return lxml.html.tostring(doc, encoding="utf-8", doctype="<!DOCTYPE html>")


def _parsed_renamed(truth_name: str) -> tuple[dict, ParseResult]:
    truth = json.loads((CORPUS / truth_name).read_text("utf-8"))
    body = gzip.decompress((CORPUS / (truth["file"] + ".gz")).read_bytes())
    return truth, parse_page(Page(url=truth["url"], body=renamed(body, truth["url"])))


def scores(split: str, show: str | None = None, fields: tuple[str, ...] = FIELDS) -> tuple[int, dict[str, int]]:
    """Pages and, per field (of ``fields``), pages right with names taken away."""
    right = dict.fromkeys(fields, 0)
    pages = 0
    original = corpus_truth.parsed
    cache: dict[str, tuple[dict, ParseResult]] = {}
    corpus_truth.parsed = lambda name: cache[name] if name in cache else cache.setdefault(name, _parsed_renamed(name))
    try:
        for path in truth_files(split):
            pages += 1
            for field in fields:
                problems = check(path.name, field)
                if not problems:
                    right[field] += 1
                elif show in (field, "all"):
                    print(f"  {path.name.removesuffix('.html.truth.json')[:60]:60} {'; '.join(problems)[:200]}")
    finally:
        corpus_truth.parsed = original
    return pages, right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.unnamed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    parser.add_argument("--show", choices=(*FIELDS, "all"), help="list the pages a field is wrong on (names taken away)")
    args = parser.parse_args(argv)
    for split in ("tune", "heldout") if args.split == "all" else (args.split,):
        pages, right = scores(split, args.show if split == "tune" or args.split == "heldout" else None)
        total = sum(right.values())
        print(f"{split}: names taken away, {total}/{pages * len(FIELDS)} page fields match "
              f"({pages} pages) = {total / (pages * len(FIELDS)):.3f}; "
              + ", ".join(f"{field} {right[field]}/{pages}" for field in FIELDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
