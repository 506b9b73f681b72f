"""The public contract generated from the one fact model: schemas/*.schema.json and schemas/asyncapi.yaml.

`make schemas` (python -m services.shared.schemagen) writes them from the event dataclasses and the field
registry in services/shared/events.py; tests/unit/shared/test_schemas.py fails when the committed files
drift from what this generates. Within a major version only optional fields may be added.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from services.shared import events
from services.shared.metric_registry import FACT_METRICS

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
BASE_ID = "https://recruitwatch.example/schemas/"
RECORDS: dict[str, tuple[type[Any], str, str]] = {
    events.RAW_ARTICLE: (events.RawArticle, "articles.raw.v1.schema.json", "RawArticle"),
    events.TEXT_ARTICLE: (events.TextArticle, "articles.text.v1.schema.json", "TextArticle"),
    events.FACT: (events.FactEvent, "recruitment.fact.v1.schema.json", "FactEvent"),
    events.EXTRACTION: (events.ExtractionEvent, "recruitment.extraction.v1.schema.json", "ExtractionEvent"),
    events.DEAD_LETTER: (events.DeadLetter, "recruitwatch.dlq.v1.schema.json", "DeadLetter"),
}
"""Record type → (dataclass, schema file, title)."""
_JSON_TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
_ORDER = {"metric": [m.name for m in FACT_METRICS]}


def _enum(name: str) -> list[str | None]:
    """A field's vocabulary in a stable order (the registry's for metrics; None last)."""
    values = events.ENUMS[name]
    order = _ORDER.get(name)
    if order:
        return [v for v in order if v in values]
    return sorted(values, key=lambda v: (v is None, str(v)))


def _type(annotation: str) -> dict[str, Any]:
    """JSON Schema type of a dataclass annotation: scalars, `X | None`, `tuple[FactEvent, ...]`."""
    if annotation.startswith("tuple[FactEvent"):
        return {"type": "array", "items": {"$ref": RECORDS[events.FACT][1]}}
    parts = [p.strip() for p in annotation.split("|")]
    types = [_JSON_TYPES[p] for p in parts if p != "None"]
    if "None" in parts:
        types.append("null")
    return {"type": types[0] if len(types) == 1 else types}


def _property(field: dataclasses.Field[Any], record: str) -> dict[str, Any]:
    """One property: type (or const/enum), then the registry's description and constraints."""
    if field.name == "schema":
        prop: dict[str, Any] = {"const": record}
    elif field.name in events.ENUMS and (record == events.FACT or field.name == "published_from"):
        prop = {"enum": _enum(field.name)}
    else:
        prop = _type(str(field.type))
    doc = events.FIELD_DOCS.get(field.name)
    if doc is None:
        raise KeyError(f"field {field.name} of {record} has no entry in events.FIELD_DOCS")
    for key in ("description", "format", "pattern", "minimum", "maximum"):
        value = getattr(doc, key)
        if value is not None:
            prop[key] = int(value) if isinstance(value, float) and value.is_integer() else value
    return prop


def json_schema(record: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record type."""
    cls, filename, title = RECORDS[record]
    fields = dataclasses.fields(cls)
    required = {f.name for f in fields if f.default is dataclasses.MISSING
                and f.default_factory is dataclasses.MISSING} | {"schema"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_ID + filename,
        "title": title,
        "description": " ".join((cls.__doc__ or "").split()),
        "type": "object",
        "properties": {f.name: _property(f, record) for f in fields},
        "required": sorted(required),
        "additionalProperties": True,
    }


CHANNELS: dict[str, tuple[str, str, list[str]]] = {
    "articlesRaw": ("articles.raw", "Fetched article pages. Key = article_id. 4 partitions, delete, 14 days, "
                    "max.message.bytes 4 MiB.", ["RawArticle"]),
    "articlesText": ("articles.text", "Main text and metadata per article. Key = article_id. 4 partitions, "
                     "compacted (latest per article).", ["TextArticle"]),
    "recruitmentFacts": ("recruitment.facts", (
        "Per article: one recruitment.fact/v1 record per fact, then one recruitment.extraction/v1 record that "
        "carries all of the article's facts at that extractor version (the unit that replaces earlier versions; an "
        "article whose extraction no longer lists a fact retracts it). Key = article_id, so an article's records are "
        "ordered. 4 partitions, compacted: the latest extraction record per article is always kept.\n"),
        ["FactEvent", "ExtractionEvent"]),
    "deadLetters": ("recruitwatch.dlq", "Records a stage could not process, with stage, error, reason and the "
                    "original record. 1 partition, 30 days.", ["DeadLetter"]),
}
OPERATIONS = {"crawlerPublishes": "articlesRaw", "extractorPublishesText": "articlesText",
              "extractorPublishesFacts": "recruitmentFacts", "anyStageDeadLetters": "deadLetters"}
DESCRIPTION = (
    "Public Kafka topics of recruitwatch. Records are UTF-8 JSON objects (orjson), each with a `schema` field "
    "\"<record type>/v<major>\". A new optional field is a compatible change within a major version; renaming, "
    "removing or retyping a field bumps the major version. Producers use acks=all with idempotence and gzip "
    "compression; delivery is at-least-once, so consumers deduplicate by the ids given. Generated by `make schemas` "
    "from services/shared/events.py: do not edit.\n")


def asyncapi() -> dict[str, Any]:
    """The AsyncAPI 3.0 document of the public topics, its payloads referring to the JSON Schemas."""
    by_title = {title: filename for _, filename, title in RECORDS.values()}
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "recruitwatch topics", "version": "1.0.0", "description": DESCRIPTION},
        "channels": {
            name: {"address": address, "description": text,
                   "messages": {m[0].lower() + m[1:]: {"$ref": f"#/components/messages/{m}"} for m in messages}}
            for name, (address, text, messages) in CHANNELS.items()
        },
        "operations": {op: {"action": "send", "channel": {"$ref": f"#/channels/{ch}"}} for op, ch in OPERATIONS.items()},
        "components": {"messages": {
            title: {"contentType": "application/json", "payload": {"$ref": f"./{filename}"}}
            for title, filename in by_title.items()
        }},
    }


def rendered() -> dict[str, str]:
    """File name → content of every generated contract file."""
    out = {filename: json.dumps(json_schema(record), ensure_ascii=False, indent=2) + "\n"
           for record, (_, filename, _) in RECORDS.items()}
    out["asyncapi.yaml"] = yaml.safe_dump(asyncapi(), sort_keys=False, allow_unicode=True, width=120)
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the contract files into schemas/ (or the directory given)."""
    target = Path(argv[0]) if argv else SCHEMAS
    for name, content in rendered().items():
        (target / name).write_text(content, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
