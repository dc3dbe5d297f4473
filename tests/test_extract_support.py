"""Builders shared by the extract, export and pack tests: a local blog and its WARCs.

The blog (``tests/fixtures/warc/site``: a WordPress-style post with two comment pages,
plus a real page from the corpus) is served from a temp folder by a real HTTP server on
127.0.0.1. Post pages go out gzip-encoded and chunked, as many blogs send them, so the
WARCs wget records hold the bytes exactly as received. Other WARCs are written record by
record with warcio, for the cases wget never produces (revisits, damage).
"""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.servers import serve_in_thread

FIXTURES = Path(__file__).parent / "fixtures"
SITE = FIXTURES / "warc" / "site"
CORPUS_PAGE = FIXTURES / "corpus" / "lemire.me--json-parsing-simdjson-2019.html.gz"
POST_PATH = "/2019/05/hello-world/"
CORPUS_PATH = "/2019/02/json-parsing/"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def build_site(root: Path) -> Path:
    """Copy the fixture blog into ``root``, add the corpus page, an image and a stylesheet."""
    shutil.copytree(SITE, root, dirs_exist_ok=True)
    corpus = root / CORPUS_PATH.strip("/") / "index.html"
    corpus.parent.mkdir(parents=True, exist_ok=True)
    corpus.write_bytes(gzip.decompress(CORPUS_PAGE.read_bytes()))
    (root / "logo.png").write_bytes(PNG)
    (root / "style.css").write_text("body { color: #222; }\n")
    (root / "index.html").write_text(
        "<!DOCTYPE html><html><head><title>Example Blog</title>"
        '<link rel="stylesheet" href="/style.css"></head><body><img src="/logo.png">'
        f'<a href="{POST_PATH}">Hello archive world</a> <a href="{CORPUS_PATH}">JSON parsing</a>'
        f'<a href="{POST_PATH}comment-page-1/">1</a> <a href="{POST_PATH}comment-page-2/">2</a>'
        '<a href="/missing/">gone</a></body></html>'
    )
    return root


class _BlogHandler(SimpleHTTPRequestHandler):
    """Static files; HTML under /2019/ is sent gzip-encoded in chunks over HTTP/1.1."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (self.path.startswith("/2019/") and path.is_file()):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=UTF-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for start in range(0, len(body), 500):
            piece = body[start : start + 500]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (a free port) and yield the base URL."""
    with serve_in_thread(partial(_BlogHandler, directory=str(root))) as url:
        yield url


def wget_warc(base_url: str, workdir: Path, name: str = "blog") -> Path:
    """Crawl the served blog with wget and return the WARC it wrote."""
    if shutil.which("wget") is None:
        pytest.skip("wget is not installed (apt-get install wget)")
    warc = workdir / name
    subprocess.run(
        [
            "wget", "--quiet", "--recursive", "--level=3", "--no-parent", "--page-requisites",
            "-e", "robots=off", "--no-warc-keep-log", f"--warc-file={warc}",
            f"--directory-prefix={workdir / 'mirror'}", f"{base_url}/",
        ],
        check=False,  # wget exits 8 for the deliberate 404
        timeout=60,
    )
    path = warc.with_name(f"{name}.warc.gz")
    assert path.is_file(), "wget wrote no WARC"
    return path


def chunked(data: bytes, size: int = 300) -> bytes:
    pieces = [b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size]) for i in range(0, len(data), size)]
    return b"".join(pieces) + b"0\r\n\r\n"


class WarcBuilder:
    """Write WARC records one by one with warcio, keeping each record's offset and id."""

    def __init__(self, path: Path, gzip_records: bool = True) -> None:
        self.path = path
        self.handle = open(path, "wb")  # noqa: SIM115 -- kept open until close(), record by record
        self.writer = WARCWriter(self.handle, gzip=gzip_records)
        self.offsets: dict[str, int] = {}
        self.ids: dict[str, str] = {}
        self._headers: dict[str, StatusAndHeaders] = {}

    def response(
        self,
        url: str,
        body: bytes,
        *,
        content_type: str = "text/html; charset=utf-8",
        encode: bool = True,
        status: str = "200 OK",
        date: str = "2024-03-01T12:00:00Z",
        key: str | None = None,
    ) -> None:
        headers = [("Content-Type", content_type)]
        payload = body
        if encode:
            payload = chunked(gzip.compress(body))
            headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=http,
            warc_headers_dict={"WARC-Date": date},
        )
        self._write(key or url, record)

    def revisit(self, url: str, original_key: str, *, date: str, with_id: bool = True) -> None:
        """An identical-payload-digest revisit of the response recorded under ``original_key``."""
        original = self._headers[original_key]
        headers = {
            "WARC-Date": date,
            "WARC-Payload-Digest": original.get_header("WARC-Payload-Digest"),
            "WARC-Refers-To-Target-URI": original.get_header("WARC-Target-URI"),
            "WARC-Refers-To-Date": original.get_header("WARC-Date"),
        }
        if with_id:
            headers["WARC-Refers-To"] = original.get_header("WARC-Record-ID")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = self.writer.create_revisit_record(
            url,
            digest=headers["WARC-Payload-Digest"],
            refers_to_uri=headers["WARC-Refers-To-Target-URI"],
            refers_to_date=headers["WARC-Refers-To-Date"],
            http_headers=http,
        )
        for name, value in headers.items():
            record.rec_headers.replace_header(name, value)
        self._write(f"revisit {url} {date}", record)

    def _write(self, key: str, record: object) -> None:
        self.offsets[key] = self.handle.tell()
        self.writer.write_record(record)
        self.ids[key] = record.rec_headers.get_header("WARC-Record-ID")  # type: ignore[attr-defined]
        self._headers[key] = record.rec_headers  # type: ignore[attr-defined]

    def close(self) -> Path:
        self.handle.close()
        return self.path


def site_page(path: str) -> bytes:
    """The fixture blog's HTML for a URL path."""
    return (SITE / path.strip("/") / "index.html").read_bytes()
