"""The agents' pure record transformations: RawArticle → TextArticle → ExtractionEvent."""

from __future__ import annotations

import dataclasses

import pytest

from services.extractor.parse import PARSER_VERSION, ParseError
from services.extractor.stages import extract_article, parse_raw
from services.shared.events import RawArticle, SchemaError, TextArticle, decode, encode
from tests.unit.extractor_parse.pages import ARTICLE_TITLE, PARAGRAPHS, article_page

META = '<meta property="article:published_time" content="2024-01-15T08:30:00+07:00">'


def _raw(html: str) -> RawArticle:
    return RawArticle(
        article_id="a1", source_id="s1", url="https://x.vn/tin/a1.html", canonical_url="https://x.vn/tin/a1.html",
        fetched_at="2024-01-16T00:00:00Z", http_status=200, html=html, content_hash="h", crawler_version="c",
        entry_title="Tiêu đề RSS", source_province="Bắc Giang",
    )


def test_text_article_carries_the_raw_identity_and_the_parsed_page() -> None:
    article, page = parse_raw(_raw(article_page(head_extra=META)))
    assert (article.article_id, article.source_id, article.url, article.content_hash) == ("a1", "s1", _raw("").url, "h")
    assert (article.title, article.published, article.published_from) == (ARTICLE_TITLE, "2024-01-15", "meta")
    assert article.text == page.text and PARAGRAPHS[1] in article.text
    assert (article.text_method, article.parser_version, article.source_province) == (page.method, PARSER_VERSION, "Bắc Giang")
    assert decode(encode(article), TextArticle) == article


def test_parsing_the_same_page_twice_gives_equal_records() -> None:
    assert parse_raw(_raw(article_page()))[0] == parse_raw(_raw(article_page()))[0]


def test_unusable_page_raises_parse_error_with_its_reason() -> None:
    with pytest.raises(ParseError) as err:
        parse_raw(_raw(""))
    assert err.value.reason == "empty_page"


def test_extraction_of_a_recruitment_article_is_relevant_deterministic_and_keyed_to_it() -> None:
    article, _ = parse_raw(_raw(article_page(head_extra=META)))
    event = extract_article(article)
    assert event.relevant and event.facts
    assert event.article_id == "a1" and all(f.article_id == "a1" for f in event.facts)
    assert any(f.metric == "admitted" and f.value == 312 for f in event.facts)
    assert extract_article(article) == event


def test_a_text_record_with_a_non_iso_published_is_a_schema_error() -> None:
    article, _ = parse_raw(_raw(article_page()))
    with pytest.raises(SchemaError):
        extract_article(dataclasses.replace(article, published="15/01/2024"))
