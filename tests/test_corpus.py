"""Every corpus page (real pages, hand-checked truth) matches its truth, field by field."""

from __future__ import annotations

import pytest

from archiver.validation import schema_errors
from tests.corpus_truth import FIELDS, check, parsed, truth_files

CASES = [(path.name, field) for path in truth_files() for field in FIELDS]


def test_corpus_is_complete() -> None:
    assert len(truth_files()) == 20


@pytest.mark.parametrize(("truth_name", "field"), CASES, ids=[f"{n.split('--')[0]}-{f}" for n, f in CASES])
def test_page_field_matches_truth(truth_name: str, field: str) -> None:
    assert check(truth_name, field) == []


@pytest.mark.parametrize("truth_name", [p.name for p in truth_files()], ids=[p.name.split("--")[0] for p in truth_files()])
def test_whole_thread_shape_matches_truth(truth_name: str) -> None:
    """Beyond the first three comments: every entry's kind, the deepest reply level, no
    comment without author, date or text (every corpus comment has all three), and every
    item valid against the published JSON Schemas."""
    truth, result = parsed(truth_name)
    kinds: dict[str, int] = {}
    for comment in result.comments:
        kinds[comment.kind] = kinds.get(comment.kind, 0) + 1
    expected = {kind: n for kind, n in truth["comment_count_breakdown"].items() if n}
    assert kinds == expected
    assert max((c.depth for c in result.comments), default=0) == truth["max_comment_depth"]
    assert all(c.author and c.published and c.text.strip() for c in result.comments)
    assert [error for item in result.items() for error in schema_errors(item.to_dict())] == []
