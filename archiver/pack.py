"""Package a crawl folder for replay and exchange: a CDXJ index and a WACZ file.

``index.cdxj`` (written with cdxj-indexer, sorted, one line per capture) lets pywb and
other replay tools find any capture without scanning the WARCs. The WACZ (built with
py-wacz, the Webrecorder reference implementation) bundles the WARCs, their index and a
``pages/pages.jsonl`` listing the crawl's posts, so ReplayWeb.page opens on the articles
rather than on every stylesheet. Each page entry takes its timestamp from the index
entry of the article's own WARC record, so py-wacz can always match it to a capture.
"""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.errors import ArchiveError, InputError

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Posts"}


@dataclass
class PackResult:
    """What ``pack`` wrote and what it could not place in the package."""

    index: Path
    wacz: Path
    warcs: list[Path]
    pages: int = 0
    captures: int = 0
    unmatched: list[str] = field(default_factory=list)


def crawl_warcs(crawl: Path) -> list[Path]:
    """The crawl's WARC files: ``warc/*.warc.gz`` (and uncompressed ``*.warc``), by name."""
    folder = crawl / "warc"
    warcs = sorted([*folder.glob("*.warc.gz"), *folder.glob("*.warc")]) if folder.is_dir() else []
    if not warcs:
        raise InputError(f"no WARC files in {folder}")
    return warcs


def write_cdxj(warcs: list[Path], output: Path) -> int:
    """Write a sorted CDXJ index of ``warcs`` to ``output``; returns the number of captures."""
    from cdxj_indexer.main import write_cdx_index

    try:
        # Explicit record types: importing py-wacz adds warcinfo to cdxj-indexer's defaults.
        options = {"sort": True, "post_append": True, "records": "response,revisit,resource,metadata"}
        write_cdx_index(str(output), [str(path) for path in warcs], options)
    except Exception as error:
        raise ArchiveError(f"cannot index the WARCs: {error}") from error
    with open(output, encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def read_cdxj(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(timestamp, fields) of every index line."""
    entries = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            _key, timestamp, data = line.rstrip("\n").split(" ", 2)
            entries.append((timestamp, json.loads(data)))
    return entries


def page_entries(articles: Path, index: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """pages.jsonl entries for the crawl's articles, matched to their captures in the index.

    An article is matched by its WARC file and offset when it has them, otherwise by URL
    (the latest successful capture). Returns the entries and the URLs that had no capture.
    """
    by_position: dict[tuple[str, int], str] = {}
    by_url: dict[str, str] = {}
    for timestamp, data in read_cdxj(index):
        if str(data.get("status", "")).startswith("2") or data.get("mime") == "warc/revisit":
            by_position[(data["filename"], int(data["offset"]))] = timestamp
            by_url[data["url"]] = max(timestamp, by_url.get(data["url"], ""))
    pages: list[dict[str, Any]] = []
    unmatched: list[str] = []
    seen: set[str] = set()
    for article in _read_jsonl(articles):
        url = article["url"]
        position = (Path(article.get("warc_file") or "").name, article.get("warc_offset"))
        timestamp = by_position.get(position) or by_url.get(url)  # type: ignore[arg-type]
        if timestamp is None:
            unmatched.append(url)
            continue
        if url in seen:
            continue
        seen.add(url)
        page = {"url": url, "ts": _iso(timestamp), "title": article.get("title") or url}
        pages.append(page)
    return pages, unmatched


def pack(crawl: Path, output: Path | None = None) -> PackResult:
    """Write ``index.cdxj`` into the crawl folder and a WACZ (default ``<crawl>/<name>.wacz``)."""
    from wacz.main import main as wacz_main

    if not crawl.is_dir():
        raise InputError(f"not a crawl folder: {crawl}")
    warcs = crawl_warcs(crawl)
    articles = crawl / "articles.jsonl"
    if not articles.is_file():
        raise InputError(f"no articles.jsonl in {crawl}")
    result = PackResult(index=crawl / "index.cdxj", wacz=output or crawl / f"{crawl.resolve().name}.wacz", warcs=warcs)
    result.captures = write_cdxj(warcs, result.index)
    pages, result.unmatched = page_entries(articles, result.index)
    result.pages = len(pages)
    result.wacz.parent.mkdir(parents=True, exist_ok=True)
    pages_file = result.wacz.with_name(result.wacz.stem + ".pages.jsonl")
    with open(pages_file, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(entry, ensure_ascii=False) + "\n" for entry in [PAGES_HEADER, *pages])
    args = ["create", "-o", str(result.wacz), "--title", crawl.resolve().name]
    if pages:
        args += ["-p", str(pages_file)]
    chatter = io.StringIO()
    try:
        with contextlib.redirect_stdout(chatter):
            code = wacz_main(args + [str(path) for path in warcs])
    finally:
        pages_file.unlink(missing_ok=True)
    if code:
        raise ArchiveError(f"WACZ packaging failed: {chatter.getvalue().strip().splitlines()[-1:]}")
    return result


def _iso(timestamp: str) -> str:
    """A 14-digit CDX timestamp as the ISO 8601 form pages.jsonl uses."""
    t = timestamp.ljust(14, "0")
    return f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]
