"""The extractor's two record transformations, pure: RawArticle → TextArticle, TextArticle → ExtractionEvent."""

from __future__ import annotations

import contextlib
from datetime import date

from services.extractor.build_events import extraction_event
from services.extractor.extract import extract
from services.extractor.parse import PARSER_VERSION, ParsedPage, ParseError, parse_page
from services.extractor.version import EXTRACTOR_VERSION
from services.shared.events import ExtractionEvent, RawArticle, SchemaError, TextArticle

WARM_UP_TEXT = "Năm 2023, Đảng bộ huyện Hiệp Hòa kết nạp 200 đảng viên mới, đạt 105% kế hoạch."


def warm_up() -> None:
    """Load the extractor's lazy tables (gazetteer, patterns, HTML parser) before a worker takes records (~2 s once)."""
    extract(WARM_UP_TEXT, title=None, published=None, province_hint=None)
    with contextlib.suppress(ParseError):
        parse_page(f"<html><body><h1>Kết nạp</h1><p>{WARM_UP_TEXT * 4}</p></body></html>", url="http://localhost/")


def text_article(raw: RawArticle, page: ParsedPage) -> TextArticle:
    """The articles.text record of a parsed page (deterministic: replays produce equal records)."""
    return TextArticle(
        article_id=raw.article_id,
        source_id=raw.source_id,
        url=raw.url,
        canonical_url=raw.canonical_url,
        fetched_at=raw.fetched_at,
        title=page.title,
        published=page.published.isoformat() if page.published else None,
        published_from=page.published_from,
        author=page.author,
        language=page.language,
        text=page.text,
        text_method=page.method,
        content_hash=raw.content_hash,
        parser_version=PARSER_VERSION,
        source_province=raw.source_province,
    )


def parse_raw(raw: RawArticle) -> tuple[TextArticle, ParsedPage]:
    """Parse a fetched page into its TextArticle; raises ParseError (skip) with a reason."""
    page = parse_page(
        raw.html,
        url=raw.canonical_url or raw.url,
        feed_title=raw.entry_title,
        feed_published=raw.entry_published,
        feed_summary=raw.entry_summary,
    )
    return text_article(raw, page), page


def extract_article(article: TextArticle) -> ExtractionEvent:
    """All recruitment facts of one article as its ExtractionEvent (relevant=false and no facts if off-topic)."""
    return extract_article_counted(article)[0]


def extract_article_counted(article: TextArticle) -> tuple[ExtractionEvent, tuple[tuple[str, int], ...]]:
    """extract_article, and how many facts validation dropped, by reason (for the extractor's metrics)."""
    published = _iso_date(article.published)
    extraction = extract(
        article.text, title=article.title, published=published, province_hint=article.source_province
    )
    return extraction_event(article, extraction, EXTRACTOR_VERSION), extraction.dropped


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise SchemaError(f"published is not an ISO date: {value!r}") from exc
