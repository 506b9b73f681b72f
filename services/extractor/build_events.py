"""Turns an Extraction into the `recruitment.facts` events: series keys and deterministic event ids."""

from __future__ import annotations

from typing import overload

from services.extractor.extract import Extraction, Fact
from services.extractor.orgid import org_identity
from services.shared.events import ExtractionEvent, FactEvent, TextArticle, stable_id


def org_key(fact: Fact, scope: str | None = None) -> str:
    """The organisation of a series as named and typed (services/extractor/orgid.py); `scope` (the source)
    stands for the place when neither place nor province is known."""
    return org_identity(org=fact.org, level=fact.level, place=fact.place, place_code=fact.place_code,
                        province=fact.province, province_code=fact.province_code, scope=scope)


def series_key(fact: Fact, scope: str | None = None) -> str:
    """ "district:223|admitted|all|count|2012|2012": organisation, metric, segment, unit, period."""
    return "|".join([org_key(fact, scope), fact.metric, fact.segment, fact.unit, fact.period_start or "",
                     fact.period_end or ""])


def event_id(article_id: str, key: str, fact: Fact) -> str:
    """Deterministic id: the same article and figure always give the same id."""
    return stable_id(article_id, key, fact.value, fact.value_max, fact.unit, fact.qualifier, fact.per_year)


@overload
def json_number(value: float) -> float: ...
@overload
def json_number(value: None) -> None: ...
@overload
def json_number(value: float | None) -> float | None: ...
def json_number(value: float | None) -> float | None:
    """Integral values as JSON integers (625, not 625.0): counts read as analysts wrote them."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def fact_event(article: TextArticle, fact: Fact, version: str, published: str | None) -> FactEvent:
    """One FactEvent for a fact of an article."""
    key = series_key(fact, article.source_id)
    return FactEvent(
        event_id=event_id(article.article_id, key, fact), series_key=key, article_id=article.article_id,
        article_url=article.url, article_title=article.title, article_published=published,
        fetched_at=article.fetched_at, source_id=article.source_id, extractor_version=version,
        metric=fact.metric, segment=fact.segment, value=json_number(fact.value), unit=fact.unit, qualifier=fact.qualifier,
        per_year=fact.per_year, org=fact.org, place=fact.place, level=fact.level, period_start=fact.period_start,
        period_end=fact.period_end, period_text=fact.period_text, evidence=fact.evidence, value_max=json_number(fact.value_max),
        note=fact.note, province=fact.province, province_code=fact.province_code,
        province_current=fact.province_current, province_current_code=fact.province_current_code,
        place_code=fact.place_code, confidence=fact.confidence,
    )


def extraction_event(article: TextArticle, extraction: Extraction, version: str) -> ExtractionEvent:
    """All facts of one article (identical facts once) as the sink's unit of replacement."""
    published = article.published or (extraction.published.isoformat() if extraction.published else None)
    events: dict[str, FactEvent] = {}
    for fact in extraction.facts:
        event = fact_event(article, fact, version, published)
        events.setdefault(event.event_id, event)
    return ExtractionEvent(
        article_id=article.article_id, article_url=article.url, article_title=article.title,
        article_published=published, fetched_at=article.fetched_at, source_id=article.source_id,
        extractor_version=version, relevant=extraction.relevant, facts=tuple(events.values()),
        parser_version=article.parser_version,
    )
