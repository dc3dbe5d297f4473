"""Local stand-ins for web archives, real HTTP servers on 127.0.0.1.

* :func:`serve_ia`: a server answering as the Internet Archive's Wayback Machine does,
  from a list of captures (:mod:`tests.archived_blog`): the CDX API at
  ``/cdx/search/cdx`` (JSON and text output, ``fl``, ``filter`` with regexes and ``!``,
  ``collapse``, ``from``/``to``, ``matchType``, ``limit`` with ``showResumeKey`` and
  ``resumeKey``) and ``id_`` replay at ``/web/<timestamp>id_/<url>``, where a timestamp
  that names no capture is answered with a 302 to the nearest capture, as the Wayback
  Machine does. It can answer 429 with ``Retry-After`` to chosen requests, hold a
  request until the test releases it, and logs every request (path, time, User-Agent).
* :func:`serve_files`: a static file server with ``Range`` support (206 Partial
  Content), like ``data.commoncrawl.org``, logging every request and range.
* :func:`pywb_archive`: pywb (from PyPI, in ``.cache/pywb-venv``, as
  ``tests/replay/pywb.py`` installs it) serving collections built in the test: its CDX
  API and ``id_`` replay are what Common Crawl's index server and arquivo.pt run.
* :func:`write_commoncrawl_warc`: captures written as Common Crawl writes its WARC files
  (WARC/1.0, a request, response and metadata record per capture, payload stored
  without its content encoding, the encoding noted as ``X-Crawler-Content-Encoding``).
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import surt
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import timestamp_to_sec
from warcio.warcwriter import WARCWriter

from tests.archived_blog import Page, decoded
from tests.replay.pywb import _free_port, _wait_until_listening, ensure_pywb
from tests.servers import serve_in_thread, stop_process

IA_FIELDS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
_REPLAY = re.compile(r"^/web/(\d{1,14})([a-z]{2}_)?/(.+)$")


# --- the Internet Archive's dialect ---------------------------------------------------------
@dataclass
class Hit:
    """One request a test server answered."""

    path: str
    at: float  # time.monotonic() when it arrived
    user_agent: str
    status: int = 0
    range: str | None = None


@dataclass
class IAArchive:
    """What :func:`serve_ia` serves, and what it saw."""

    pages: list[Page]
    url: str = ""
    hits: list[Hit] = field(default_factory=list)
    # paths (prefixes) to answer 429 once each, with this Retry-After
    throttle: list[str] = field(default_factory=list)
    retry_after: int = 1
    # a request whose path starts with this waits until `release` is set
    hold: str | None = None
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def cdx(self) -> str:
        return f"{self.url}/cdx/search/cdx"

    def requests(self, prefix: str) -> list[Hit]:
        with self.lock:
            return [hit for hit in self.hits if hit.path.startswith(prefix)]

    def rows(self) -> list[dict[str, str]]:
        """Every capture as the CDX server lists it: by urlkey, then time."""
        rows = [{"urlkey": surt.surt(page.url), "timestamp": page.timestamp, "original": page.url,
                 "mimetype": _mime(page), "statuscode": str(page.status), "digest": _digest(page),
                 "length": str(len(page.body))} for page in self.pages]
        return sorted(rows, key=lambda row: (row["urlkey"], row["timestamp"]))


def _mime(page: Page) -> str:
    return next(v for k, v in page.headers if k == "Content-Type").split(";")[0].strip()


def _digest(page: Page) -> str:
    import base64
    import hashlib

    return base64.b32encode(hashlib.sha1(decoded(page)).digest()).decode()


def cdx_answer(archive: IAArchive, query: dict[str, list[str]]) -> tuple[str, bytes]:
    """The CDX server's answer to a query: content type and body."""
    one = {name: values[-1] for name, values in query.items()}
    url = one.get("url", "")
    match_type = one.get("matchType", "exact")
    if url.endswith("*"):
        url, match_type = url[:-1], "prefix"
    key = surt.surt(url)
    rows = archive.rows()
    if match_type == "exact":
        rows = [r for r in rows if r["urlkey"] == key]
    elif match_type == "prefix":
        rows = [r for r in rows if r["urlkey"].startswith(key)]
    elif match_type in ("host", "domain"):
        host = key.split(")")[0]
        rows = [r for r in rows if r["urlkey"].split(")")[0] == host
                or match_type == "domain" and r["urlkey"].split(")")[0].startswith(host + ",")]
    if one.get("from"):
        rows = [r for r in rows if r["timestamp"] >= one["from"].ljust(14, "0")]
    if one.get("to"):
        rows = [r for r in rows if r["timestamp"] <= one["to"].ljust(14, "9")]
    for expression in query.get("filter", []):
        negate = expression.startswith("!")
        name, _, pattern = expression.lstrip("!").partition(":")
        rows = [r for r in rows if bool(re.fullmatch(pattern, r.get(name, ""))) != negate]
    for collapse in query.get("collapse", []):
        name, _, width = collapse.partition(":")
        kept, last = [], None
        for row in rows:
            value = row[name][: int(width)] if width else row[name]
            if value != last:
                kept.append(row)
            last = value
        rows = kept
    if one.get("resumeKey"):
        after = unquote(one["resumeKey"]).split(" ")
        rows = [r for r in rows if [r["urlkey"], r["timestamp"]] > after]
    resume = None
    limit = int(one["limit"]) if one.get("limit") else 0
    if limit and len(rows) > limit:
        rows = rows[:limit]
        if one.get("showResumeKey") == "true":
            resume = quote(f"{rows[-1]['urlkey']} {rows[-1]['timestamp']}")
    fields = one["fl"].split(",") if one.get("fl") else IA_FIELDS
    if one.get("output") == "json":
        data: list[list[str]] = [fields] + [[r[f] for f in fields] for r in rows] if rows else []
        if resume:
            data += [[], [resume]]
        return "application/json", json.dumps(data).encode()
    lines = [" ".join(r[f] for f in fields) for r in rows]
    if resume:
        lines += ["", resume]
    return "text/plain", ("\n".join(lines) + "\n").encode() if lines else b""


def _ia_handler(archive: IAArchive) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            hit = Hit(self.path, time.monotonic(), self.headers.get("User-Agent", ""))
            with archive.lock:
                archive.hits.append(hit)
                throttled = next((p for p in archive.throttle if self.path.startswith(p)), None)
                if throttled:
                    archive.throttle.remove(throttled)
            if archive.hold and self.path.startswith(archive.hold):
                archive.held.set()
                archive.release.wait(60)
            if throttled:
                hit.status = 429
                self._send(429, b"Too many requests", "text/plain", {"Retry-After": str(archive.retry_after)})
                return
            parts = urlsplit(self.path)
            if parts.path == "/cdx/search/cdx":
                kind, body = cdx_answer(archive, parse_qs(parts.query))
                hit.status = 200
                self._send(200, body, kind)
                return
            match = _REPLAY.match(self.path)
            if match is None:
                hit.status = 404
                self._send(404, b"not found", "text/plain")
                return
            hit.status = self._replay(match[1], match[2] or "", match[3])

        def _replay(self, timestamp: str, modifier: str, original: str) -> int:
            original = re.sub(r"^(https?):/(?!/)", r"\1://", original)
            key = surt.surt(original)
            captures = [p for p in archive.pages if surt.surt(p.url) == key]
            if not captures:
                self._send(404, b"Wayback Machine has not archived that URL.", "text/html")
                return 404
            wanted = timestamp_to_sec(timestamp.ljust(14, "0"))
            nearest = min(captures, key=lambda p: (abs(timestamp_to_sec(p.timestamp) - wanted), p.timestamp))
            if nearest.timestamp != timestamp:
                location = f"{archive.url}/web/{nearest.timestamp}{modifier}/{nearest.url}"
                self._send(302, b"", "text/plain", {"Location": location})
                return 302
            headers = {"Memento-Datetime": format_datetime(nearest.captured, usegmt=True),
                       "Link": f'<{nearest.url}>; rel="original"'}
            content_type = "text/html"
            for name, value in nearest.headers:
                if name == "Content-Type":
                    content_type = value
                elif name == "Content-Encoding":
                    headers[name] = value
                elif name == "Location":  # the Wayback Machine points redirects into itself
                    headers[name] = f"{archive.url}/web/{nearest.timestamp}{modifier}/{value}"
                elif name != "Content-Length":
                    headers[f"X-Archive-Orig-{name}"] = value
            self._send(nearest.status, nearest.body, content_type, headers)
            return nearest.status

        def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    return Handler


@contextmanager
def serve_ia(pages: list[Page]) -> Iterator[IAArchive]:
    """The captures served in the Internet Archive's dialect until the block ends."""
    archive = IAArchive(pages)
    with serve_in_thread(_ia_handler(archive)) as url:
        archive.url = url
        try:
            yield archive
        finally:
            archive.release.set()


# --- static files with Range ------------------------------------------------------------------
@dataclass
class FileServer:
    root: Path
    url: str = ""
    hits: list[Hit] = field(default_factory=list)


def _files_handler(server: FileServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            hit = Hit(self.path, time.monotonic(), self.headers.get("User-Agent", ""),
                      range=self.headers.get("Range"))
            server.hits.append(hit)
            path = (server.root / unquote(urlsplit(self.path).path).lstrip("/")).resolve()
            if server.root.resolve() not in path.parents or not path.is_file():
                hit.status = 404
                self._send(404, b"no such file", {})
                return
            data = path.read_bytes()
            wanted = re.fullmatch(r"bytes=(\d+)-(\d*)", hit.range or "")
            if wanted is None:
                hit.status = 200
                self._send(200, data, {})
                return
            start = int(wanted[1])
            end = min(int(wanted[2]) if wanted[2] else len(data) - 1, len(data) - 1)
            if start >= len(data):
                hit.status = 416
                self._send(416, b"", {"Content-Range": f"bytes */{len(data)}"})
                return
            hit.status = 206
            self._send(206, data[start:end + 1], {"Content-Range": f"bytes {start}-{end}/{len(data)}"})

        def _send(self, status: int, body: bytes, extra: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Accept-Ranges", "bytes")
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    return Handler


@contextmanager
def serve_files(root: Path) -> Iterator[FileServer]:
    """``root`` served over HTTP with Range support until the block ends."""
    server = FileServer(Path(root))
    with serve_in_thread(_files_handler(server)) as url:
        server.url = url
        yield server


# --- Common Crawl's WARC files ----------------------------------------------------------------
def write_commoncrawl_warc(path: Path, pages: list[Page]) -> Path:
    """The pages as a Common Crawl WARC: warcinfo, then request, response and metadata
    records per capture, each record its own gzip member, WARC/1.0; payloads stored
    decoded, with ``X-Crawler-Content-Encoding`` and ``X-Crawler-Content-Length``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="WARC/1.0")
        info = writer.create_warcinfo_record(path.name, {"software": "Apache Nutch (test stand-in)",
                                                          "isPartOf": "CC-MAIN-2011-42"})
        writer.write_record(info)
        info_id = info.rec_headers.get_header("WARC-Record-ID")
        for page in pages:
            date = page.captured.strftime("%Y-%m-%dT%H:%M:%SZ")
            parts = urlsplit(page.url)
            request_http = StatusAndHeaders(f"GET {parts.path or '/'} HTTP/1.1",
                                            [("Host", parts.netloc), ("User-Agent", "CCBot/2.0")],
                                            is_http_request=True)
            request = writer.create_warc_record(page.url, "request", payload=BytesIO(b""), length=0,
                                                http_headers=request_http,
                                                warc_headers_dict={"WARC-Date": date, "WARC-Warcinfo-ID": info_id})
            body = decoded(page)
            headers = []
            for name, value in page.headers:
                if name in ("Content-Encoding", "Content-Length"):
                    headers.append((f"X-Crawler-{name}", value))
                else:
                    headers.append((name, value))
            headers.append(("Content-Length", str(len(body))))
            reason = {200: "OK", 301: "Moved Permanently", 404: "Not Found"}.get(page.status, "Other")
            http = StatusAndHeaders(f"{page.status} {reason}", headers, protocol="HTTP/1.1")
            response = writer.create_warc_record(
                page.url, "response", payload=BytesIO(body), length=len(body), http_headers=http,
                warc_headers_dict={"WARC-Date": date, "WARC-Warcinfo-ID": info_id,
                                   "WARC-Concurrent-To": request.rec_headers.get_header("WARC-Record-ID"),
                                   "WARC-IP-Address": "192.0.2.1",
                                   "WARC-Identified-Payload-Type": _mime(page)})
            fetch = b"fetchTimeMs: 120\r\ncharset-detected: UTF-8\r\n"
            metadata = writer.create_warc_record(
                page.url, "metadata", payload=BytesIO(fetch), length=len(fetch),
                warc_content_type="application/warc-fields",
                warc_headers_dict={"WARC-Date": date, "WARC-Warcinfo-ID": info_id,
                                   "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")})
            for record in (request, response, metadata):
                writer.write_record(record)
    return path


# --- pywb ------------------------------------------------------------------------------------------
@dataclass
class Pywb:
    """A running pywb: its base URL and the collections it serves."""

    url: str
    workdir: Path

    def cdx(self, collection: str) -> str:
        return f"{self.url}/{collection}/cdx"

    def replay(self, collection: str, timestamp: str, original: str, modifier: str = "id_") -> str:
        return f"{self.url}/{collection}/{timestamp}{modifier}/{original}"


@contextmanager
def pywb_archive(workdir: Path, collections: dict[str, list[Path]],
                 filenames: dict[str, str] | None = None) -> Iterator[Pywb]:
    """pywb serving ``collections`` (name -> WARC files). ``filenames`` renames files in
    the indexes (a collection's index naming a WARC by the path it has in a remote
    archive, as Common Crawl's does)."""
    bin_dir = ensure_pywb()
    workdir.mkdir(parents=True, exist_ok=True)
    manager = str(bin_dir / "wb-manager")
    for name, warcs in collections.items():
        subprocess.run([manager, "init", name], cwd=workdir, check=True, capture_output=True)
        subprocess.run([manager, "add", name, *map(str, warcs)], cwd=workdir, check=True, capture_output=True)
        index = workdir / "collections" / name / "indexes" / "index.cdxj"
        for old, new in (filenames or {}).items():
            index.write_text(index.read_text().replace(f'"filename": "{old}"', f'"filename": "{new}"'))
    port = _free_port()
    log_path = workdir / "wayback.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen([str(bin_dir / "wayback"), "-p", str(port), "-b", "127.0.0.1", "-t", "4"],
                                  cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_listening(port, server, log_path)
            yield Pywb(f"http://127.0.0.1:{port}", workdir)
        finally:
            stop_process(server)


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []
