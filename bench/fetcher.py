"""The static server's own ceiling: pages/s a plain keep-alive HTTP client gets from it.

If the server were slower than the crawlers, every crawl figure would measure the server.
This client does nothing but GET pages over persistent connections (no parsing, no
framework), so its rate is the most the server can give; the benchmark reports it next
to the bare Scrapy crawl's rate.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit


async def _worker(host: str, port: int, paths: list[str], counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while paths:
            path = paths.pop()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            if head.startswith(b"HTTP/1.1 200"):
                counts[0] += 1
            counts[1] += length
    finally:
        writer.close()


async def _fetch_all(base_url: str, paths: list[str], connections: int) -> tuple[int, int]:
    parts = urlsplit(base_url)
    queue = list(reversed(paths))
    counts = [0, 0]
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    await asyncio.gather(*(_worker(host, port, queue, counts) for _ in range(connections)))
    return counts[0], counts[1]


def measure_ceiling(base_url: str, paths: list[str], connections: int = 16) -> dict[str, float]:
    """Fetch ``paths`` with ``connections`` keep-alive connections; pages/s and MiB/s."""
    started = time.perf_counter()
    pages, size = asyncio.run(_fetch_all(base_url, paths, connections))
    seconds = time.perf_counter() - started
    return {"pages": pages, "seconds": seconds, "pages_per_s": pages / seconds, "mib_per_s": size / 2**20 / seconds}
