"""recruitment.facts events: series keys and deterministic ids."""

from __future__ import annotations

from services.extractor.build_events import extraction_event
from services.extractor.extract import extract
from services.shared.events import TextArticle

TEXT = "Năm 2012, Đảng bộ huyện Hiệp Hòa kết nạp 207 đảng viên. Năm 2012, Đảng bộ huyện Hiệp Hòa kết nạp 207 đảng viên."


def _article(text: str = TEXT) -> TextArticle:
    return TextArticle(
        article_id="a1", source_id="s1", url="https://example.vn/a1", canonical_url="https://example.vn/a1",
        fetched_at="2024-01-01T00:00:00Z", title=None, published="2013-01-05", published_from="meta",
        author=None, language="vi", text=text, text_method="test", content_hash="h", parser_version="1",
    )


def test_series_key_uses_level_and_official_code() -> None:
    event = extraction_event(_article(), extract(TEXT), "1.0.0")
    (fact,) = event.facts
    assert fact.series_key == "district:223|admitted|all|count|2012|2012"
    assert fact.province == "Bắc Giang" and fact.extractor_version == "1.0.0"


def test_reprocessing_gives_the_same_event_ids() -> None:
    first = extraction_event(_article(), extract(TEXT), "1.0.0")
    again = extraction_event(_article(), extract(TEXT), "1.0.0")
    assert [f.event_id for f in first.facts] == [f.event_id for f in again.facts]


def test_irrelevant_article_has_no_facts() -> None:
    event = extraction_event(_article("Giá lúa tăng nhẹ."), extract("Giá lúa tăng nhẹ."), "1.0.0")
    assert not event.relevant and event.facts == ()


def test_every_fact_event_carries_its_confidence_and_validates() -> None:
    import orjson

    from services.shared.events import encode
    from tests.contract import validate_record

    text = "Năm 2016, Đảng bộ huyện Hiệp Hòa đã kết nạp được 300 đảng viên mới, trong đó kết nạp 6 đảng viên ở vùng cao."
    extraction = extract(text)
    event = extraction_event(_article(text), extraction, "1.0.0")
    assert [f.confidence for f in event.facts] == [f.confidence for f in extraction.facts]
    assert len({f.confidence for f in event.facts}) == 2  # the breakdown is marked, not removed from the topic
    for fact in (*event.facts, event):
        validate_record(orjson.loads(encode(fact)))


def test_extraction_carries_the_parser_version_of_its_text_and_validates() -> None:
    import dataclasses

    import orjson

    from services.shared.events import ExtractionEvent, decode, encode
    from tests.contract import validate_record

    article = dataclasses.replace(_article(), parser_version="parse/7+trafilatura-9.9")
    event = extraction_event(article, extract(TEXT), "1.0.0")
    assert event.parser_version == "parse/7+trafilatura-9.9"
    record = orjson.loads(encode(event))
    validate_record(record)
    assert decode(encode(event), ExtractionEvent) == event
    del record["parser_version"]  # an older extractor's record: still valid, read without a parser version
    validate_record(record)
    assert decode(orjson.dumps(record), ExtractionEvent).parser_version is None
