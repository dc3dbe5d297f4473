"""Where ``parse_page`` spends its time, so a failed extraction target points at a cause.

A cProfile pass over the extraction sample, summarised two ways: the archiver's own
functions by cumulative time, and all time grouped by the package the code belongs to
(the archiver, dateparser, trafilatura, lxml…). Profiling slows everything down, so
only shares of the total are meaningful, never the milliseconds themselves.
"""

from __future__ import annotations

import cProfile
import pstats
from collections import defaultdict
from pathlib import Path

from bench.extraction import sample_pages
from bench.site import Site

_ARCHIVER = str(Path(__file__).resolve().parent.parent / "archiver")


def _package(filename: str) -> str:
    if filename.startswith(_ARCHIVER):
        relative = Path(filename).relative_to(Path(_ARCHIVER).parent).with_suffix("")
        return ".".join(relative.parts)
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if filename.startswith(("~", "<")):
        return "builtins (C: lxml calls, regex, str)"
    return "python stdlib"


def parse_profile(pages: list[tuple[str, bytes]]) -> pstats.Stats:
    """cProfile of ``parse_page`` over (url, body) pages, warmed up on the first one."""
    from archiver.page import Page
    from archiver.parsers import parse_page

    parse_page(Page(*pages[0]))
    profiler = cProfile.Profile()
    profiler.enable()
    for url, body in pages:
        parse_page(Page(url, body))
    profiler.disable()
    return pstats.Stats(profiler)


def profile_parse(site: Site, count: int, top: int = 8) -> list[str]:
    """Lines for the report: top archiver functions and time share per package."""
    stats = parse_profile(sample_pages(site, count)).stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in stats.values()) or 1.0
    by_package: dict[str, float] = defaultdict(float)
    own: list[tuple[float, str]] = []
    for (filename, line, name), (_, _, tottime, cumtime, _) in stats.items():
        by_package[_package(filename)] += tottime
        if filename.startswith(_ARCHIVER):
            own.append((cumtime, f"{Path(filename).relative_to(Path(_ARCHIVER).parent)}:{line} {name}"))
    lines = [
        "Time by package (own time, share of parse_page): "
        + ", ".join(f"{pkg} {t / total:.0%}" for pkg, t in sorted(by_package.items(), key=lambda kv: -kv[1])[:top])
    ]
    own.sort(reverse=True)
    skip = {"parse_page"}
    shown = [(t, where) for t, where in own if where.rsplit(" ", 1)[1] not in skip][:top]
    lines.append("Archiver functions by cumulative share: " + "; ".join(f"{where} {t / total:.0%}" for t, where in shown))
    return lines
