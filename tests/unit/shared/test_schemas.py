"""The JSON Schemas in schemas/ match the event dataclasses and accept the records the codec writes."""

from __future__ import annotations

import dataclasses

import jsonschema
import orjson
import pytest

from services.shared import events
from tests.contract import BY_VERSION, load, validate_record

CLASSES = {
    events.RAW_ARTICLE: events.RawArticle,
    events.TEXT_ARTICLE: events.TextArticle,
    events.FACT: events.FactEvent,
    events.EXTRACTION: events.ExtractionEvent,
    events.DEAD_LETTER: events.DeadLetter,
}


def _fact(**kw: object) -> events.FactEvent:
    base = dict(
        event_id="e1", series_key="district:x|admitted|all|2012|2012", article_id="a1", article_url="http://x/a",
        article_title="T", article_published="2013-09-01", fetched_at="2026-01-01T00:00:00Z", source_id="s",
        extractor_version="1.0.0", metric="admitted", segment="all", value=625, unit="count", qualifier="exact",
        per_year=False, org="Đảng bộ huyện Hiệp Hòa", place="Hiệp Hòa", level="district", period_start="2012",
        period_end="2012", period_text="năm 2012", evidence="năm 2012 kết nạp 207",
    )
    base.update(kw)
    return events.FactEvent(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("version", sorted(BY_VERSION))
def test_schema_properties_are_exactly_the_dataclass_fields(version: str) -> None:
    schema = load(BY_VERSION[version])
    fields = {f.name for f in dataclasses.fields(CLASSES[version])}
    assert set(schema["properties"]) == fields


@pytest.mark.parametrize("version", sorted(BY_VERSION))
def test_schema_requires_exactly_the_fields_without_defaults(version: str) -> None:
    schema = load(BY_VERSION[version])
    required = {
        f.name
        for f in dataclasses.fields(CLASSES[version])
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    assert set(schema["required"]) == required | {"schema"}


def test_encoded_extraction_with_facts_validates() -> None:
    event = events.ExtractionEvent(
        article_id="a1", article_url="http://x/a", article_title="T", article_published=None,
        fetched_at="2026-01-01T00:00:00Z", source_id="s", extractor_version="1.0.0", relevant=True,
        facts=(_fact(), _fact(event_id="e2", metric="target_attainment_pct", value=56.8, unit="pct")),
    )
    validate_record(orjson.loads(events.encode(event)))


def test_fact_with_unknown_metric_is_rejected_by_the_schema() -> None:
    record = orjson.loads(events.encode(_fact(metric="members_total_wrong")))
    with pytest.raises(jsonschema.ValidationError):
        validate_record(record)


def test_codec_enums_are_the_schema_enums() -> None:
    props = load(BY_VERSION[events.FACT])["properties"]
    for name, allowed in events.FACT_ENUMS.items():
        assert set(props[name]["enum"]) == set(allowed), name


@pytest.mark.parametrize("field,value", [("metric", "bogus_metric"), ("segment", "aliens"), ("unit", "kg"),
                                         ("qualifier", "maybe"), ("level", "galaxy")])
def test_decode_rejects_a_fact_outside_the_vocabulary(field: str, value: str) -> None:
    record = orjson.loads(events.encode(_fact()))
    record[field] = value
    with pytest.raises(events.SchemaError, match=field):
        events.decode(orjson.dumps(record))


def test_period_must_be_year_or_year_month() -> None:
    record = orjson.loads(events.encode(_fact(period_end="2012-13-01")))
    with pytest.raises(jsonschema.ValidationError):
        validate_record(record)


def test_decode_rejects_unknown_schema_version() -> None:
    record = orjson.loads(events.encode(_fact()))
    record["schema"] = "recruitment.fact/v9"
    with pytest.raises(events.SchemaError, match="unknown schema"):
        events.decode(orjson.dumps(record))


def test_decode_rejects_missing_required_field() -> None:
    record = orjson.loads(events.encode(_fact()))
    del record["series_key"]
    with pytest.raises(events.SchemaError, match="series_key"):
        events.decode(orjson.dumps(record))


def test_decode_rejects_truncated_json() -> None:
    with pytest.raises(events.SchemaError, match="not JSON"):
        events.decode(events.encode(_fact())[:40])


def test_decode_roundtrips_extraction_with_nested_facts() -> None:
    event = events.ExtractionEvent(
        article_id="a1", article_url="u", article_title=None, article_published=None, fetched_at="t",
        source_id="s", extractor_version="1.0.0", relevant=True, facts=(_fact(),),
    )
    assert events.decode(events.encode(event), events.ExtractionEvent) == event


def test_dead_letter_keeps_stage_error_and_bounded_original() -> None:
    letter = events.dead_letter("parse", ValueError("bad"), b"x" * (events.DEAD_LETTER_ORIGINAL_LIMIT + 10),
                                service_version="1", topic="articles.raw", partition=1, offset=7, key=b"k")
    assert (letter.stage, letter.error, letter.reason) == ("parse", "ValueError", "bad")
    assert letter.original_truncated and len(letter.original) == events.DEAD_LETTER_ORIGINAL_LIMIT
    validate_record(orjson.loads(events.encode(letter)))


def test_stable_id_is_deterministic_and_distinguishes_parts() -> None:
    assert events.stable_id("a", "b") == events.stable_id("a", "b")
    assert events.stable_id("ab", "") != events.stable_id("a", "b")


def test_committed_contract_files_are_what_the_model_generates() -> None:
    """schemas/ is generated from the one fact model (`make schemas`): a drift fails here."""
    from services.shared import schemagen

    for name, content in schemagen.rendered().items():
        committed = (schemagen.SCHEMAS / name).read_text(encoding="utf-8")
        assert committed == content, f"schemas/{name} drifted from services/shared/events.py: run `make schemas`"


def test_every_field_of_every_record_is_in_the_field_registry() -> None:
    for cls in CLASSES.values():
        missing = {f.name for f in dataclasses.fields(cls)} - events.FIELD_DOCS.keys()
        assert not missing, (cls.__name__, missing)


def test_v1_compatibility_new_fields_are_optional() -> None:
    """Fields added within v1 (confidence) are optional: records of older producers stay valid."""
    record = orjson.loads(events.encode(_fact()))
    del record["confidence"]
    validate_record(record)
    assert events.decode(orjson.dumps(record)).confidence is None
