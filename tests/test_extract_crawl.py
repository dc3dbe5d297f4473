"""A real crawl of the demo blog, then extract, pack and export over what it wrote.

Re-extracting a crawl's own WARCs must give back exactly the items the crawl wrote: that is
what makes the WARCs a complete record of the crawl.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SCRAPY = Path(sys.executable).with_name("scrapy")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("archiver.extensions.warc")
    out = tmp_path_factory.mktemp("crawl")
    subprocess.run(
        [
            str(SCRAPY), "crawl", "blog", "-s", "LOG_LEVEL=ERROR", "-s", f"ARCHIVER_OUTPUT_DIR={out}",
            "-s", 'EXTENSIONS={"archiver.extensions.warc.WarcExtension": 500}',
        ],
        cwd=ROOT, check=True, timeout=120,
    )
    folders = [p for p in out.iterdir() if (p / "warc").is_dir()]
    assert len(folders) == 1, "the crawl wrote one folder with WARCs"
    return folders[0]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_extracting_a_crawls_warcs_gives_back_its_items(crawl: Path, tmp_path: Path) -> None:
    code, output = invoke("extract", "-q", *map(str, sorted((crawl / "warc").iterdir())), "-o", str(tmp_path))
    assert code == 0, output
    for name in ("articles.jsonl", "comments.jsonl"):
        crawled = (crawl / name).read_text(encoding="utf-8").splitlines()
        extracted = (tmp_path / name).read_text(encoding="utf-8").splitlines()
        assert crawled, f"the crawl wrote no {name}"
        assert sorted(extracted) == sorted(crawled)


def test_pack_and_export_a_real_crawl(crawl: Path, tmp_path: Path) -> None:
    code, output = invoke("pack", str(crawl), "-o", str(tmp_path / "crawl.wacz"))
    assert code == 0, output
    checked = subprocess.run(
        [str(SCRAPY.with_name("wacz")), "validate", "-f", str(tmp_path / "crawl.wacz")],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert checked.returncode == 0, checked.stdout
    code, output = invoke("export", str(crawl), "--format", "parquet", "-o", str(tmp_path / "data"))
    assert code == 0, output
    card = json.loads((tmp_path / "data" / "datapackage.json").read_text())
    articles = len((crawl / "articles.jsonl").read_text().splitlines())
    assert card["x_archiver"]["counts"]["articles"] == articles
