"""Item validation against the published JSON Schemas in ``archiver/schema/``."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@lru_cache(maxsize=2)
def validator(kind: str) -> Draft202012Validator:
    """The compiled validator for ``"article"`` or ``"comment"``."""
    text = resources.files("archiver").joinpath(f"schema/{kind}.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))


def schema_errors(item: dict[str, Any]) -> list[str]:
    """Human-readable schema violations of one item dict (empty when valid)."""
    kind = item.get("type")
    if kind not in ("article", "comment"):
        return [f"unknown item type {kind!r}"]
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(item)'}: {error.message}"
        for error in validator(kind).iter_errors(item)
    ]
