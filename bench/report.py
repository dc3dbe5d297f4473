"""The benchmark's table: each figure next to its same-run baseline, the ratio, the target.

The table is printed and written to ``bench/RESULTS.md`` (plus ``.json`` beside it) with
the machine it ran on, so a reader can judge the numbers and rerun them.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

PACKAGES = ("blog-archiver", "scrapy", "twisted", "lxml", "warcio", "trafilatura")
REPO = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    """One line of the table. ``ratio`` is None when the figure could not be measured."""

    key: str
    figure: str
    value: str
    baseline: str
    ratio: float | None
    target: str
    passed: bool | None  # None: informational row, or not measured
    note: str = ""
    ratio_text: str = ""  # how the ratio column shows ``ratio`` when not as "N.NN×" (a share: "99.8%")

    @property
    def status(self) -> str:
        if self.ratio is None and self.passed is None and self.note:
            return "n/a"
        return {True: "pass", False: "FAIL", None: "info"}[self.passed]


def ratio_row(key: str, figure: str, value: str, baseline: str, ratio: float, target: str,
              at_most: float | None = None, at_least: float | None = None, note: str = "") -> Row:
    passed = None
    if at_most is not None:
        passed = ratio <= at_most
    if at_least is not None:
        passed = ratio >= at_least
    return Row(key, figure, value, baseline, ratio, target, passed, note)


def missing_row(key: str, figure: str, target: str, why: str) -> Row:
    return Row(key, figure, "not available", "", None, target, None, why)


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table (readable as plain text too)."""
    lines = ["| figure | value | baseline | ratio | target | result |", "|---|---|---|---|---|---|"]
    for row in rows:
        ratio = row.ratio_text or (f"{row.ratio:.2f}×" if row.ratio is not None else "—")
        lines.append(f"| {row.figure} | {row.value} | {row.baseline or '—'} | {ratio} | {row.target} | {row.status} |")
    return "\n".join(lines)


def machine() -> dict[str, object]:
    """CPU, cores, load, Python and package versions, and the commit measured."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": versions,
        "commit": _commit(),
    }


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True, check=True)
        return head.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


@dataclass
class Report:
    """Everything one run measured, ready to print and to write."""

    command: str
    rows: list[Row]
    details: list[str] = field(default_factory=list)
    machine: dict[str, object] = field(default_factory=machine)
    date: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))

    def markdown(self) -> str:
        m = self.machine
        packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())  # type: ignore[union-attr]
        load_now = [round(x, 2) for x in os.getloadavg()]
        parts = [
            "# Benchmark results",
            "",
            (f"Measured {self.date} with `{self.command}` (commit {m['commit']}). Every figure is a ratio "
            "against a baseline measured in the same run; `docs/benchmark.md` explains each one."),
            "",
            table(self.rows),
            "",
            "## Details",
            "",
            *[f"- {line}" for line in self.details],
            *[f"- {row.figure}: {row.note}" for row in self.rows if row.note],
            "",
            "## Machine",
            "",
            f"- CPU: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable by this process)",
            (f"- Load average (1, 5, 15 min) at start {m['load_average']}, at end {load_now}: other work on the "
            "machine slows every figure, which is why only ratios are judged"),
            f"- Python {m['python']} on {m['platform']}",
            f"- Packages: {packages}",
            "",
            "## Reproduce",
            "",
            "```sh",
            ".venv/bin/pip install -e '.[test]'",
            f".venv/bin/{self.command}",
            "```",
            "",
        ]
        return "\n".join(parts)

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.markdown())
        data = {"command": self.command, "date": self.date, "machine": self.machine, "details": self.details,
                "rows": [{**asdict(r), "status": r.status} for r in self.rows]}
        path.with_suffix(".json").write_text(json.dumps(data, indent=2))
