"""The fast schema check and jsonschema agree: same items accepted, same items rejected."""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path

import pytest

from archiver.page import Page
from archiver.parsers import parse_page
from archiver.validation import fast_check, schema_errors, validator

PAGE = Path(__file__).parent / "fixtures" / "pages" / "cnn_com" / "security-clearance-2011" / "page.html.gz"


@pytest.fixture(scope="module")
def items() -> list[dict]:
    body = gzip.decompress(PAGE.read_bytes())
    result = parse_page(Page("http://security.blogs.cnn.com/2011/09/16/post/", body))
    return [item.to_dict() for item in result.items()]


MUTATIONS = [
    ("drop a required field", lambda d: d.pop("url" if d["type"] == "article" else "id")),
    ("unknown field", lambda d: d.__setitem__("extra", 1)),
    ("wrong type", lambda d: d.__setitem__("title" if d["type"] == "article" else "position", 5 if d["type"] == "article" else "5")),
    ("list of non-strings", lambda d: d.__setitem__("authors", [1]) if d["type"] == "article" else d.__setitem__("depth", -3)),
    ("empty id or url", lambda d: d.__setitem__("url" if d["type"] == "article" else "id", "")),
    ("bad kind", lambda d: d.__setitem__("type", d["type"]) if d["type"] == "article" else d.__setitem__("kind", "note")),
    ("null where required", lambda d: d.__setitem__("canonical_url" if d["type"] == "article" else "text", None)),
]


def test_real_items_pass_both(items: list[dict]) -> None:
    assert len(items) == 5
    for item in items:
        assert schema_errors(item) == []
        assert not list(validator(item["type"]).iter_errors(item))
        fast_check(item["type"])(item)


@pytest.mark.parametrize(("name", "mutate"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_what_jsonschema_rejects_the_fast_check_rejects(items: list[dict], name: str, mutate) -> None:
    rejected = 0
    for item in items:
        broken = copy.deepcopy(item)
        mutate(broken)
        reference = [e.message for e in validator(broken["type"]).iter_errors(broken)]
        rejected += bool(reference)
        try:
            fast_check(broken["type"])(broken)
            fast_ok = True
        except Exception:  # noqa: BLE001
            fast_ok = False
        assert fast_ok == (not reference), (name, json.dumps(broken)[:200], reference)
        assert (schema_errors(broken) == []) == (not reference)
    assert rejected >= 1  # every mutation breaks at least the article or the comments
