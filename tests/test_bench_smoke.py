"""The benchmark harness runs end to end on a tiny site and reports every figure.

No timing is asserted: figures on a shared machine vary. What must hold is that one
command generates and serves the site, runs every measurement, and writes a results
file with one row per figure (measured, or marked not available with a reason).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ROWS = {"server", "bare", "crawl", "rss", "parse_vs_lxml", "parse_vs_trafilatura", "extract"}


@pytest.mark.timeout(180)
def test_quick_run_writes_every_row(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "--posts", "20", "--repeat", "1", "--quick",
         "--work", str(tmp_path / "work"), "--results", str(results)],
        cwd=REPO, capture_output=True, text=True, timeout=170, check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]

    data = json.loads(results.with_suffix(".json").read_text())
    rows = {row["key"]: row for row in data["rows"]}
    assert set(rows) == ROWS
    for row in rows.values():
        assert row["status"] in {"pass", "FAIL", "info", "n/a"}
        if row["status"] == "n/a":
            assert row["note"], f"{row['key']} not available without a reason"
        elif row["key"] != "bare":
            assert row["ratio"] is not None and row["ratio"] > 0
    text = results.read_text()
    for row in rows.values():
        assert row["figure"] in text
    assert "## Machine" in text and "python -m bench" in text
    assert "| figure | value | baseline | ratio | target | result |" in completed.stdout


def test_site_is_deterministic_and_parsable(tmp_path: Path) -> None:
    from archiver.page import Page
    from archiver.parsers import parse_page
    from bench.site import generate

    first = generate(tmp_path / "a", 12)
    second = generate(tmp_path / "b", 12)
    assert first.manifest["post_pages"] == second.manifest["post_pages"]
    path = first.post_pages[0]
    body = (first.root / path.strip("/") / "index.html").read_bytes()
    assert body == (second.root / path.strip("/") / "index.html").read_bytes()

    total = 0
    for path in first.post_pages:
        body = (first.root / path.strip("/") / "index.html").read_bytes()
        result = parse_page(Page("http://blog.bench.test" + path, body))
        assert result.article.title
        total += len(result.comments)
    assert total == first.manifest["comments"]
