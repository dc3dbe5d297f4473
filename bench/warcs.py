"""``archiver extract`` over WARC files against the least any WARC re-extraction must do.

The baseline reads the same files with warcio's ``ArchiveIterator`` and parses each HTML
payload with ``lxml.html.fromstring``: reading plus one tree per page. Both run as child
processes timed from start to exit, so both pay their own interpreter start. The WARCs
are the full crawl's when it wrote any; otherwise the site is written to a WARC here with
warcio (request and response records, gzipped, as a crawl writes them).

``python -m bench.warcs FILE...`` is the baseline reader itself.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.process import run_measured, tail
from bench.site import Site

REPO = Path(__file__).resolve().parent.parent
SITE_URL = "http://blog.bench.test"


@dataclass
class WarcTimes:
    """Seconds and HTML pages for the baseline reader and for ``archiver extract``."""

    source: str
    pages: int
    baseline_seconds: float
    extract_seconds: float | None
    articles: int | None = None
    comments: int | None = None
    note: str = ""


def write_site_warc(site: Site, path: Path) -> Path:
    """A gzipped WARC holding a request and a response record for every page of the site."""
    if path.exists() and path.stat().st_mtime >= (site.root / "bench-site.json").stat().st_mtime:
        return path
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in site.all_pages:
            body = site.file_for(page).read_bytes()
            url = SITE_URL + page
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=UTF-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            response = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers)
            request_headers = StatusAndHeaders(f"GET {page} HTTP/1.1", [("Host", "blog.bench.test")], is_http_request=True)
            request = writer.create_warc_record(url, "request", http_headers=request_headers)
            writer.write_request_response_pair(request, response)
    partial.replace(path)
    return path


def read_with_lxml(files: list[Path]) -> int:
    """The baseline: every HTML response payload parsed once with lxml; returns the page count."""
    import lxml.html
    from warcio.archiveiterator import ArchiveIterator

    pages = 0
    for file in files:
        with file.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if "html" not in (record.http_headers.get_header("Content-Type") or ""):
                    continue
                payload = record.content_stream().read()
                if payload.strip():
                    lxml.html.fromstring(payload)
                    pages += 1
    return pages


def measure(files: list[Path], source: str, work: Path, timeout: float, product: bool) -> WarcTimes:
    baseline = run_measured([sys.executable, "-m", "bench.warcs", *map(str, files)],
                            cwd=REPO, log=work / "warc-baseline.out", timeout=timeout)
    if not baseline.ok:
        raise RuntimeError(f"WARC baseline failed:\n{tail(work / 'warc-baseline.out')}")
    pages = json.loads((work / "warc-baseline.out").read_text().strip().splitlines()[-1])["pages"]
    times = WarcTimes(source, pages, baseline.wall_seconds, None)
    if not product:
        times.note = "archiver extract not in this checkout"
        return times
    output = work / "extracted"
    shutil.rmtree(output, ignore_errors=True)
    command = [sys.executable, "-m", "archiver", "extract", *map(str, files), "--output", str(output), "--quiet"]
    run = run_measured(command, cwd=REPO, log=work / "extract.out", timeout=timeout)
    if run.returncode not in (0, 3):  # 3: partial, damaged records skipped; still a measured run
        times.note = f"archiver extract exited {run.returncode}: {tail(work / 'extract.out', 3)}"
        return times
    times.extract_seconds = run.wall_seconds
    summary = output / "summary.json"
    if summary.exists():
        data = json.loads(summary.read_text())
        times.articles, times.comments = data.get("articles"), data.get("comments")
    return times


def extract_available() -> bool:
    return (REPO / "archiver" / "extract.py").is_file()


def main(argv: list[str] | None = None) -> None:
    files = [Path(arg) for arg in (argv if argv is not None else sys.argv[1:])]
    started = time.perf_counter()
    pages = read_with_lxml(files)
    print(json.dumps({"pages": pages, "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
