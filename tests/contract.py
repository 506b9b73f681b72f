"""Validation of records against the public JSON Schemas in schemas/ (draft 2020-12)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
BY_VERSION = {
    "articles.raw/v1": "articles.raw.v1.schema.json",
    "articles.text/v1": "articles.text.v1.schema.json",
    "recruitment.fact/v1": "recruitment.fact.v1.schema.json",
    "recruitment.extraction/v1": "recruitment.extraction.v1.schema.json",
    "recruitwatch.dlq/v1": "recruitwatch.dlq.v1.schema.json",
}


@cache
def load(name: str) -> dict[str, Any]:
    """One schema file as a dict."""
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def _registry() -> Registry:
    resources = []
    for name in BY_VERSION.values():
        schema = load(name)
        resource = Resource.from_contents(schema)
        resources += [(schema["$id"], resource), (name, resource)]
    return Registry().with_resources(resources)


def validate_record(record: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless `record` matches the schema it names."""
    schema = load(BY_VERSION[record["schema"]])
    Draft202012Validator(schema, registry=_registry()).validate(record)
