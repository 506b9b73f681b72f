"""The exact facts a chaos run must end with, computed in-process with the same pure functions the
services run (parse → extract → events → sink state), independent of any crash or redelivery."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from services.crawler.urls import article_id, canonicalize
from services.extractor.parse import ParseError
from services.extractor.stages import extract_article, parse_raw
from services.shared.events import RawArticle, stable_id
from services.sink.state import SeriesEntries, apply_update, current, plan_extraction
from tests.chaos.site import GeneratedArticle, render_page

SINK_MIN_CONFIDENCE = 0.6
"""The chaos sinks run with this explicit positive threshold (RECRUITWATCH_SINK_MIN_CONFIDENCE), so hiding doubtful facts
is exercised under kills whatever the default (EXPOSE_MIN_CONFIDENCE) is."""


@dataclass(frozen=True)
class Expected:
    """One series' expected current value and the article path behind it."""

    value: float
    value_max: float | None
    path: str


def expected_series(articles: list[GeneratedArticle], base: str, province: str) -> dict[str, Expected]:
    """series_key → expected current value after every article has gone through the pipeline."""
    entries: dict[str, SeriesEntries] = {}
    for a in articles:
        canonical = canonicalize(base + a.path)
        raw = RawArticle(
            article_id=article_id(canonical), source_id="chaos", url=canonical, canonical_url=canonical,
            fetched_at="2026-01-01T00:00:00Z", http_status=200, html=render_page(a),
            content_hash=stable_id(a.path), crawler_version="expected", source_province=province,
        )
        try:
            text, _page = parse_raw(raw)
        except ParseError:
            continue
        plan = plan_extraction(None, extract_article(text))
        for update in plan.updates:
            new = apply_update(entries.get(update.series_key), update)
            if new is not None:
                entries[update.series_key] = new
    out = {}
    for key, series in entries.items():
        best = current(series, SINK_MIN_CONFIDENCE)  # the chaos sinks' threshold
        if best is not None:
            out[key] = Expected(float(best["value"]), _num(best.get("value_max")), urlsplit(best["article_url"]).path)
    return out


def observed_series(facts: dict[str, dict[str, object]]) -> dict[str, Expected]:
    """The same view of what the sinks serve on /facts."""
    out = {}
    for key, view in facts.items():
        source = view.get("source") or {}
        url = str(source.get("url") or "") if isinstance(source, dict) else ""
        out[key] = Expected(float(view["value"]), _num(view.get("value_max")), urlsplit(url).path)  # type: ignore[arg-type]
    return out


def _num(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]
