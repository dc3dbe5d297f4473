"""Every corpus page (real pages, hand-checked truth) matches its truth, field by field."""

from __future__ import annotations

import pytest

from tests.corpus_truth import FIELDS, check, truth_files

CASES = [(path.name, field) for path in truth_files() for field in FIELDS]


def test_corpus_is_complete() -> None:
    assert len(truth_files()) == 20


@pytest.mark.parametrize(("truth_name", "field"), CASES, ids=[f"{n.split('--')[0]}-{f}" for n, f in CASES])
def test_page_field_matches_truth(truth_name: str, field: str) -> None:
    assert check(truth_name, field) == []
