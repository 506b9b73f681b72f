"""Builders of extractor events for tests: facts, extractions and whole articles."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from services.shared.events import ExtractionEvent, FactEvent, stable_id


def series_key(org: str, metric: str, segment: str, period_start: str | None, period_end: str | None,
               unit: str = "count") -> str:
    """The series key the way tests build it (organisation, metric, segment, unit, period)."""
    return stable_id(org.casefold(), metric, segment, period_start, period_end, *(() if unit == "count" else (unit,)))


def fact(article_id: str, metric: str = "admitted", value: float = 100, *, org: str = "Đảng bộ huyện Hiệp Hòa",
         segment: str = "all", period_start: str | None = "2024", period_end: str | None = "2024",
         published: str | None = "2024-12-20", fetched_at: str = "2025-01-02T00:00:00Z", version: str = "1.0.0",
         unit: str | None = None, **extra: Any) -> FactEvent:
    """A FactEvent with sensible defaults (Hiệp Hòa, Bắc Giang → Bắc Ninh, admitted 2024)."""
    unit = unit or ("pct" if metric.endswith("_pct") else "count")
    base = FactEvent(
        event_id=stable_id(article_id, metric, segment, org, period_end, version, *(() if unit == "count" else (unit,))),
        series_key=series_key(org, metric, segment, period_start, period_end, unit),
        article_id=article_id, article_url=f"https://news.example.vn/{article_id}.html",
        article_title=f"Bài {article_id}", article_published=published, fetched_at=fetched_at,
        source_id="example", extractor_version=version, metric=metric, segment=segment, value=value,
        unit=unit, qualifier="exact", per_year=False, org=org,
        place="Hiệp Hòa", level="district", period_start=period_start, period_end=period_end,
        period_text=f"năm {period_end}", evidence="…", province="Bắc Giang", province_current="Bắc Ninh",
    )
    return replace(base, **extra)


def extraction(article_id: str, facts: list[FactEvent], *, published: str | None = "2024-12-20",
               fetched_at: str = "2025-01-02T00:00:00Z", version: str = "1.0.0",
               parser_version: str | None = None) -> ExtractionEvent:
    """The ExtractionEvent of an article carrying `facts` (relevant when there are facts)."""
    return ExtractionEvent(
        article_id=article_id, article_url=f"https://news.example.vn/{article_id}.html",
        article_title=f"Bài {article_id}", article_published=published, fetched_at=fetched_at,
        source_id="example", extractor_version=version, relevant=bool(facts), facts=tuple(facts),
        parser_version=parser_version,
    )


def article(article_id: str, facts_kw: list[dict[str, Any]], *, published: str | None = "2024-12-20",
            fetched_at: str = "2025-01-02T00:00:00Z", version: str = "1.0.0") -> list[FactEvent | ExtractionEvent]:
    """What the extractor publishes for one article: each FactEvent, then the ExtractionEvent."""
    facts = [fact(article_id, published=published, fetched_at=fetched_at, version=version, **kw) for kw in facts_kw]
    return [*facts, extraction(article_id, facts, published=published, fetched_at=fetched_at, version=version)]


def series_entries(facts: list[FactEvent]) -> list[tuple[str, dict[str, Any]]]:
    """(series_key, entries) of the sink's state after each fact's article published it (one fact per article)."""
    from services.sink.state import SeriesUpdate, apply_update, candidate_from_fact

    out: dict[str, dict[str, Any]] = {}
    for f in facts:
        c = candidate_from_fact(f)
        u = SeriesUpdate(f.series_key, f.article_id, f.extractor_version, f.fetched_at, c)
        out[u.series_key] = apply_update(out.get(u.series_key), u) or out[u.series_key]
    return list(out.items())
