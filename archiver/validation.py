"""Item validation against the published JSON Schemas in ``archiver/schema/``.

Every item of a crawl is validated, so the check sits on the hot path: jsonschema takes
80-150 us an item, a crawl of 100,000 comments spends seconds on it. Items are first
checked by a validator fastjsonschema compiles to Python code (~5 us); only an item it
rejects goes through jsonschema, which gives the full list of readable messages and
stays the reference.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


def _schema(kind: str) -> dict[str, Any]:
    text = resources.files("archiver").joinpath(f"schema/{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=2)
def validator(kind: str) -> Draft202012Validator:
    """The compiled validator for ``"article"`` or ``"comment"``."""
    return Draft202012Validator(_schema(kind))


@lru_cache(maxsize=2)
def fast_check(kind: str) -> Callable[[dict[str, Any]], Any] | None:
    """A fastjsonschema validator for the schema (raises on an invalid item), or None.

    fastjsonschema knows drafts 4 to 7; the schemas use nothing of 2020-12 beyond
    ``$defs``, which draft 7 spells ``definitions``.
    """
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    text = json.dumps(_schema(kind)).replace('"$defs"', '"definitions"').replace("#/$defs/", "#/definitions/")
    schema = json.loads(text)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    try:
        return fastjsonschema.compile(schema)
    except fastjsonschema.JsonSchemaDefinitionException:  # pragma: no cover
        return None


def schema_errors(item: dict[str, Any]) -> list[str]:
    """Human-readable schema violations of one item dict (empty when valid)."""
    kind = item.get("type")
    if kind not in ("article", "comment"):
        return [f"unknown item type {kind!r}"]
    check = fast_check(kind)
    if check is not None:
        try:
            check(item)
        except Exception:  # noqa: BLE001, S110 - any rejection: jsonschema says why below
            pass
        else:
            return []
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(item)'}: {error.message}"
        for error in validator(kind).iter_errors(item)
    ]
