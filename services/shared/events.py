"""Event types on the public topics, their schema versions and the orjson codec.

Every record carries a `schema` field ("<record type>/v<major>"); schemas/*.schema.json describe them.
Decoding rejects unknown schemas and missing fields with SchemaError, which callers dead-letter.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import orjson

from services.shared.metric_registry import COUNT, METRIC_NAMES, PCT

RAW_ARTICLE = "articles.raw/v1"
TEXT_ARTICLE = "articles.text/v1"
FACT = "recruitment.fact/v1"
EXTRACTION = "recruitment.extraction/v1"
DEAD_LETTER = "recruitwatch.dlq/v1"


METRICS = METRIC_NAMES
SEGMENTS = frozenset({
    "all", "female", "youth_union", "ethnic_minority", "rural", "civil_servant", "public_employee", "farmer",
    "police_military", "business_owner", "private_sector", "village_head", "student", "worker", "religious", "teacher",
})
FACT_ENUMS: dict[str, frozenset[str | None]] = {
    "metric": frozenset(METRICS),
    "segment": frozenset(SEGMENTS),
    "unit": frozenset({COUNT, PCT}),
    "qualifier": frozenset({"exact", "over", "nearly", "about"}),
    "level": frozenset({"province", "district", "commune", "cell", "agency", "other", None}),
}
"""The closed vocabularies of a fact (ANNOTATION.md; the same enums as schemas/recruitment.fact.v1)."""


@dataclass(frozen=True, slots=True)
class FieldDoc:
    """What the public contract says about a field beyond its type (the JSON Schema keywords)."""

    description: str | None = None
    format: str | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None


_PERIOD = "^[0-9]{4}(-[0-9]{2})?$"
FIELD_DOCS: dict[str, FieldDoc] = {
    "article_id": FieldDoc("sha256-derived id of the canonical URL (stable across refetches)."),
    "source_id": FieldDoc("Id of the source in the sources registry."),
    "url": FieldDoc("URL the page was fetched from (after redirects)."),
    "canonical_url": FieldDoc("Canonical URL: rel=canonical honoured, fragments and tracking parameters removed."),
    "fetched_at": FieldDoc("RFC 3339 UTC fetch time.", format="date-time"),
    "http_status": FieldDoc("HTTP status of the final response."),
    "html": FieldDoc("Decoded, NFC-normalized HTML (bounded; see html_truncated)."),
    "content_hash": FieldDoc("sha256 of the page content; a changed hash republishes the article."),
    "crawler_version": FieldDoc("Version of the crawler that fetched it."),
    "etag": FieldDoc("ETag validator of the response."),
    "last_modified": FieldDoc("Last-Modified validator of the response."),
    "entry_title": FieldDoc("Title from the feed/sitemap/listing entry."),
    "entry_published": FieldDoc("Publication time from the feed entry (ISO 8601)."),
    "entry_summary": FieldDoc("Summary from the feed entry."),
    "html_truncated": FieldDoc("True when the HTML was cut to the size limit."),
    "charset": FieldDoc("Charset the body was decoded from."),
    "source_province": FieldDoc("Province of the source (a hint for place disambiguation)."),
    "title": FieldDoc("Title of the article."),
    "published": FieldDoc("Publication date YYYY-MM-DD.", pattern="^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    "published_from": FieldDoc("Where the publication date came from."),
    "author": FieldDoc("Author as the page names it."),
    "language": FieldDoc("Detected language code, e.g. vi."),
    "text": FieldDoc("Main text (NFC)."),
    "text_method": FieldDoc("How the text was obtained (e.g. trafilatura)."),
    "parser_version": FieldDoc(
        "Version of the parse stage (on an extraction: of the text it was extracted from; absent from records of "
        "older extractors)."),
    "event_id": FieldDoc("Deterministic id: re-processing the same article yields the same id."),
    "series_key": FieldDoc(
        "Organisation (as named and typed: level, sector, place), metric, segment, unit and period, joined by `|`: "
        "the sink keeps one current value per series. Opaque: compare, do not parse."),
    "article_url": FieldDoc("URL of the article."),
    "article_title": FieldDoc("Title of the article."),
    "article_published": FieldDoc("Publication date of the article, YYYY-MM-DD."),
    "extractor_version": FieldDoc("PEP 440 version of the extraction rules."),
    "metric": FieldDoc("What is counted (ANNOTATION.md; services/shared/metric_registry.py)."),
    "segment": FieldDoc("Breakdown of the figure (all: the whole)."),
    "value": FieldDoc("The figure: a count, or a percent when unit is pct."),
    "unit": FieldDoc("count, or pct (a percent, 0-100 and above when exceeded)."),
    "qualifier": FieldDoc("exact, or how the text bounds the figure (over, nearly, about)."),
    "per_year": FieldDoc("True when the figure is stated per year over a longer period."),
    "org": FieldDoc("Reporting organisation as the text names it."),
    "place": FieldDoc("Bare place name."),
    "level": FieldDoc("Level of the organisation."),
    "period_start": FieldDoc("First year or month of the period.", pattern=_PERIOD),
    "period_end": FieldDoc("Last year or month of the period.", pattern=_PERIOD),
    "period_text": FieldDoc("The period as the text states it."),
    "evidence": FieldDoc("The sentence the figure was read from."),
    "value_max": FieldDoc('Upper bound of a range ("90 - 100").'),
    "note": FieldDoc('"vuot" when an attainment was stated as exceeding by X%.'),
    "province": FieldDoc("Province at the article's time."),
    "province_code": FieldDoc("Official code of the province at the article's time."),
    "province_current": FieldDoc("Province after the July 2025 reorganisation."),
    "province_current_code": FieldDoc("Official code of the current province."),
    "place_code": FieldDoc("Official code of the place."),
    "confidence": FieldDoc(
        "The extractor's confidence that the fact is right (0-1); facts below the exposure threshold are kept on "
        "the topic but not exposed by default. Absent from records of older extractors.", minimum=0, maximum=1),
    "relevant": FieldDoc("Whether the article is about party-member development."),
    "facts": FieldDoc("Every fact of the article at this extractor version."),
    "stage": FieldDoc("Stage that failed (crawl, parse, facts, sink...)."),
    "error": FieldDoc("Exception type."),
    "reason": FieldDoc("Error message."),
    "failed_at": FieldDoc("RFC 3339 UTC time of the failure.", format="date-time"),
    "service_version": FieldDoc("Version of the service that failed."),
    "original": FieldDoc("The original record (UTF-8, bounded)."),
    "original_topic": FieldDoc("Topic of the original record."),
    "original_partition": FieldDoc("Partition of the original record."),
    "original_offset": FieldDoc("Offset of the original record."),
    "original_key": FieldDoc("Key of the original record."),
    "original_truncated": FieldDoc("True when the original was cut to the size limit."),
    "schema": FieldDoc("Record type and major version."),
}
"""The field registry: one description (and constraints) per field name, the same in every record type;
schemas/*.schema.json are generated from it and the dataclasses (`make schemas`)."""
ENUMS: dict[str, frozenset[str | None]] = {**FACT_ENUMS, "published_from": frozenset({"meta", "feed", "text", "url", None})}
"""Closed vocabularies of fields (fact enums plus the origin of a publication date)."""


EXPOSE_MIN_CONFIDENCE = 0.0
"""Facts with a confidence below this stay on the topic, marked, but are not exposed by default. Chosen on dev + dev2 by
`evaluate.choose_threshold` (the best headline F1 among thresholds with headline precision ≥ 0.95; with rules 1.2.1
every threshold keeps precision ≥ 0.95 and 0 has the best F1): docs/rules.md has the measured curve."""


class SchemaError(ValueError):
    """A record that is not valid JSON, names an unknown schema or lacks required fields."""


@dataclass(frozen=True, slots=True)
class RawArticle:
    """A fetched article page (`articles.raw`), keyed by article_id."""

    article_id: str
    source_id: str
    url: str
    canonical_url: str
    fetched_at: str
    http_status: int
    html: str
    content_hash: str
    crawler_version: str
    etag: str | None = None
    last_modified: str | None = None
    entry_title: str | None = None
    entry_published: str | None = None
    entry_summary: str | None = None
    html_truncated: bool = False
    charset: str | None = None
    source_province: str | None = None
    schema: str = RAW_ARTICLE


@dataclass(frozen=True, slots=True)
class TextArticle:
    """An article's main text and metadata (`articles.text`), keyed by article_id."""

    article_id: str
    source_id: str
    url: str
    canonical_url: str
    fetched_at: str
    title: str | None
    published: str | None
    published_from: str | None
    author: str | None
    language: str | None
    text: str
    text_method: str
    content_hash: str
    parser_version: str
    source_province: str | None = None
    schema: str = TEXT_ARTICLE


@dataclass(frozen=True, slots=True)
class FactEvent:
    """One recruitment fact (`recruitment.facts`, schema recruitment.fact/v1), keyed by article_id."""

    event_id: str
    series_key: str
    article_id: str
    article_url: str
    article_title: str | None
    article_published: str | None
    fetched_at: str
    source_id: str
    extractor_version: str
    metric: str
    segment: str
    value: float
    unit: str
    qualifier: str
    per_year: bool
    org: str | None
    place: str | None
    level: str | None
    period_start: str | None
    period_end: str | None
    period_text: str | None
    evidence: str | None
    value_max: float | None = None
    note: str | None = None
    province: str | None = None
    province_code: str | None = None
    province_current: str | None = None
    province_current_code: str | None = None
    place_code: str | None = None
    confidence: float | None = None
    schema: str = FACT


PROVENANCE_FIELDS = ("article_id", "article_url", "article_title", "article_published", "fetched_at", "source_id",
                     "extractor_version", "event_id")
"""Fields of a fact that say where it comes from (the article and the extraction), not what it states."""
FACT_FIELDS = tuple(f.name for f in dataclasses.fields(FactEvent)
                    if f.name not in {*PROVENANCE_FIELDS, "schema", "series_key"})
"""Fields of a fact that state the figure: metric, segment, value, unit, organisation, period, evidence, …"""


@dataclass(frozen=True, slots=True)
class ExtractionEvent:
    """All facts of one article at one extractor version: the sink's unit of replacement."""

    article_id: str
    article_url: str
    article_title: str | None
    article_published: str | None
    fetched_at: str
    source_id: str
    extractor_version: str
    relevant: bool
    facts: tuple[FactEvent, ...] = ()
    parser_version: str | None = None
    schema: str = EXTRACTION


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A record a stage could not process (`recruitwatch.dlq`)."""

    stage: str
    error: str
    reason: str
    failed_at: str
    service_version: str
    original: str
    original_topic: str | None = None
    original_partition: int | None = None
    original_offset: int | None = None
    original_key: str | None = None
    original_truncated: bool = False
    schema: str = DEAD_LETTER


Event = RawArticle | TextArticle | FactEvent | ExtractionEvent | DeadLetter
E = TypeVar("E", RawArticle, TextArticle, FactEvent, ExtractionEvent, DeadLetter)

_TYPES: dict[str, type[Any]] = {
    RAW_ARTICLE: RawArticle,
    TEXT_ARTICLE: TextArticle,
    FACT: FactEvent,
    EXTRACTION: ExtractionEvent,
    DEAD_LETTER: DeadLetter,
}


def encode(event: Event) -> bytes:
    """Serialize an event to JSON bytes (orjson, dataclasses natively)."""
    return orjson.dumps(event)


_SCALARS: dict[str, tuple[type, ...]] = {
    "str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "None": (type(None),),
}


def _field_types(cls: type[Any]) -> dict[str, tuple[type, ...]]:
    """JSON types each scalar field of `cls` accepts (from its annotations); containers are not listed."""
    out: dict[str, tuple[type, ...]] = {}
    for f in dataclasses.fields(cls):
        parts = [p.strip() for p in str(f.type).split("|")]
        if all(p in _SCALARS for p in parts):
            out[f.name] = tuple(t for p in parts for t in _SCALARS[p])
    return out


def _check_types(cls: type[Any], kwargs: dict[str, Any]) -> None:
    """SchemaError when a field holds the wrong JSON type (bool is not a number, a number is not a string)."""
    for name, allowed in _FIELD_TYPES[cls].items():
        value = kwargs.get(name)
        if name in kwargs and (not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed)):
            raise SchemaError(f"{kwargs.get('schema')}: field {name} has type {type(value).__name__}")


_FIELD_TYPES = {cls: _field_types(cls) for cls in _TYPES.values()}


def _check_enums(kwargs: dict[str, Any]) -> None:
    """SchemaError when a fact's metric, segment, unit, qualifier or level is outside the vocabulary."""
    for name, allowed in FACT_ENUMS.items():
        if kwargs.get(name) not in allowed:
            raise SchemaError(f"{FACT}: {name} {kwargs.get(name)!r} is not in the vocabulary")


def _build(cls: type[Any], data: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    required = {
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    missing = required - data.keys()
    if missing:
        raise SchemaError(f"{data.get('schema')}: missing fields {sorted(missing)}")
    kwargs = {k: v for k, v in data.items() if k in names}
    _check_types(cls, kwargs)
    if cls is FactEvent:
        _check_enums(kwargs)
    if cls is ExtractionEvent:
        facts = data.get("facts", [])
        if not isinstance(facts, list) or not all(isinstance(f, dict) for f in facts):
            raise SchemaError(f"{data.get('schema')}: facts must be a list of objects")
        kwargs["facts"] = tuple(_build(FactEvent, f) for f in facts)
    try:
        return cls(**kwargs)
    except TypeError as exc:  # pragma: no cover - defensive
        raise SchemaError(str(exc)) from exc


def decode(payload: bytes | str, expected: type[E] | None = None) -> E:
    """Parse a record; raise SchemaError for bad JSON, unknown schema or the wrong type."""
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError as exc:
        raise SchemaError(f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise SchemaError("record is not a JSON object")
    schema = data.get("schema")
    cls = _TYPES.get(schema) if isinstance(schema, str) else None
    if cls is None:
        raise SchemaError(f"unknown schema {schema!r}")
    if expected is not None and cls is not expected:
        raise SchemaError(f"expected {expected.__name__}, got schema {schema!r}")
    return _build(cls, data)


def utc_now() -> str:
    """Current time as an RFC 3339 UTC timestamp (seconds precision)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def stable_id(*parts: object, length: int = 24) -> str:
    """Deterministic id from parts (sha256 hex prefix): replays produce the same ids."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


DEAD_LETTER_ORIGINAL_LIMIT = 1024 * 1024


def dead_letter(
    stage: str,
    exc: BaseException,
    original: bytes | str | None,
    *,
    service_version: str,
    topic: str | None = None,
    partition: int | None = None,
    offset: int | None = None,
    key: bytes | str | None = None,
) -> DeadLetter:
    """Build a dead letter carrying stage, error and the original record (bounded)."""
    raw = original.decode("utf-8", "replace") if isinstance(original, bytes) else (original or "")
    truncated = len(raw) > DEAD_LETTER_ORIGINAL_LIMIT
    return DeadLetter(
        stage=stage,
        error=type(exc).__name__,
        reason=str(exc)[:2000] or type(exc).__name__,
        failed_at=utc_now(),
        service_version=service_version,
        original=raw[:DEAD_LETTER_ORIGINAL_LIMIT],
        original_topic=topic,
        original_partition=partition,
        original_offset=offset,
        original_key=key.decode("utf-8", "replace") if isinstance(key, bytes) else key,
        original_truncated=truncated,
    )


__all__ = [
    "DEAD_LETTER",
    "EXTRACTION",
    "FACT",
    "RAW_ARTICLE",
    "TEXT_ARTICLE",
    "DeadLetter",
    "Event",
    "ExtractionEvent",
    "FactEvent",
    "RawArticle",
    "SchemaError",
    "TextArticle",
    "dead_letter",
    "decode",
    "encode",

    "stable_id",
    "utc_now",
]
