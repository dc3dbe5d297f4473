"""How much memory a browser holds: the proportional set size of a process and its descendants.

Chromium runs as a dozen processes (browser, GPU, network, one renderer per site…) that
share libraries and memory; adding their RSS counts the shared pages many times over.
The proportional set size (PSS, ``/proc/PID/smaps_rollup``) charges each shared page to
its processes in equal parts, so the sum is what the browser really costs the machine.
Linux only; elsewhere (or without permission) the answer is None.
"""

from __future__ import annotations

from pathlib import Path

PROC = Path("/proc")


def tree_memory(root: int) -> int | None:
    """Bytes of PSS of process ``root`` and all its descendants (RSS where PSS is not readable)."""
    total, found = 0, False
    for pid in [root, *descendants(root)]:
        size = process_memory(pid)
        if size is not None:
            total, found = total + size, True
    return total if found else None


def descendants(root: int) -> list[int]:
    """Every process below ``root`` (children, their children…)."""
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        for child in children(pid):
            found.append(child)
            queue.append(child)
    return found


def children(pid: int) -> list[int]:
    pids = []
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:
        return []
    for task in tasks:
        try:
            pids.extend(int(value) for value in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return pids


def process_memory(pid: int) -> int | None:
    """PSS of one process in bytes, else its RSS, else None (gone, or not readable)."""
    for name, field in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            text = (PROC / str(pid) / name).read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    return None
