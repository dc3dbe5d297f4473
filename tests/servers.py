"""Starting and stopping the local servers the tests talk to.

Every test server is a real socket on 127.0.0.1: HTTP handlers run in a thread of the
test process, external servers (redis-server, pywb's wayback) as child processes.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from typing import Any


@contextmanager
def serve_in_thread(handler: Any, server_class: type[ThreadingHTTPServer] = ThreadingHTTPServer) -> Iterator[str]:
    """Serve ``handler`` (a request handler class or factory) on a free port of 127.0.0.1
    from a daemon thread; yields the base URL ``http://127.0.0.1:PORT`` (no slash)."""
    server = server_class(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def stop_process(process: subprocess.Popen[Any], timeout: float = 10) -> None:
    """SIGTERM, then SIGKILL if the process is still there after ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


