"""Saved pages of sites with their own parser give the hand-checked expected output.

Each case is a folder ``tests/fixtures/pages/<site>/<case>/`` with ``page.html.gz`` (the
bytes as served), ``meta.json`` (url and response headers) and ``expected.json`` (the
article fields, comments and notes checked by reading the page; only the fields listed
there are compared). Adding a site parser means adding one such folder.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from archiver.page import Page
from archiver.parsers import parse_page

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES = sorted(p.parent for p in PAGES.glob("*/*/expected.json"))


def test_every_site_parser_has_a_case() -> None:
    from archiver.parsers import LAYERS

    site_layers = {layer.name for layer in LAYERS if type(layer).__module__.startswith("archiver.parsers.sites.")}
    covered = {json.loads((case / "expected.json").read_text("utf-8"))["article"]["parser"].split("@")[0]
               for case in CASES}
    assert site_layers <= covered


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_site_page_gives_expected_items(case: Path) -> None:
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    expected: dict[str, Any] = json.loads((case / "expected.json").read_text("utf-8"))
    body = gzip.decompress((case / "page.html.gz").read_bytes())
    result = parse_page(Page(url=meta["url"], body=body, headers=meta.get("headers", {})))
    assert result.article is not None
    article = result.article.to_dict()
    assert {key: article[key] for key in expected["article"]} == expected["article"]
    assert len(result.comments) == len(expected["comments"])
    for got, want in zip(result.comments, expected["comments"], strict=True):
        assert {key: got.to_dict()[key] for key in want} == want
    assert result.notes == expected.get("notes", [])
