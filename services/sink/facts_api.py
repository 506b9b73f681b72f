"""The facts API's pure part: current facts with provenance, filtered by query parameters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from services.sink.state import SeriesEntries, live_candidates

FILTERS = ("province", "place", "metric", "segment", "period")
FACT_FIELDS = (
    "metric", "segment", "value", "value_max", "unit", "qualifier", "per_year", "note",
    "org", "place", "place_code", "level", "province", "province_code", "province_current", "province_current_code",
    "period_start", "period_end", "period_text", "evidence",
)


def _provenance(candidate: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "article_id": candidate.get("article_id"),
        "url": candidate.get("article_url"),
        "title": candidate.get("article_title"),
        "published": candidate.get("article_published"),
        "fetched_at": candidate.get("fetched_at"),
        "source_id": candidate.get("source_id"),
        "extractor_version": candidate.get("extractor_version"),
        "event_id": candidate.get("event_id"),
        "value": candidate.get("value"),
    }


def fact_view(series_key: str, entries: SeriesEntries | None) -> dict[str, Any] | None:
    """A series' current fact with the article behind it and the other articles reporting it."""
    live = live_candidates(entries)
    if not live:
        return None
    best = live[0]
    view: dict[str, Any] = {"series_key": series_key}
    view.update({name: best.get(name) for name in FACT_FIELDS})
    view["source"] = _provenance(best)
    view["also_reported_by"] = [_provenance(c) for c in live[1:]]
    return view


def _eq(actual: Any, wanted: str) -> bool:
    return actual is not None and str(actual).casefold() == wanted.casefold()


def period_matches(start: str | None, end: str | None, period: str) -> bool:
    """Whether the fact's period [start, end] overlaps `period` ("YYYY" or "YYYY-MM")."""
    lo, hi = start or end, end or start
    if lo is None or hi is None:
        return False
    width = len(period)
    return lo[:width] <= period <= hi[:width]


def matches(view: Mapping[str, Any], filters: Mapping[str, str]) -> bool:
    """Whether a fact view passes every given filter (province matches historical or current province)."""
    for name, wanted in filters.items():
        if not wanted:
            continue
        if name == "province":
            ok = _eq(view.get("province"), wanted) or _eq(view.get("province_current"), wanted) or _eq(
                view.get("province_code"), wanted) or _eq(view.get("province_current_code"), wanted)
        elif name == "period":
            ok = period_matches(view.get("period_start"), view.get("period_end"), wanted)
        else:
            ok = _eq(view.get(name), wanted)
        if not ok:
            return False
    return True


def query(series: Iterable[tuple[str, SeriesEntries]], params: Mapping[str, str]) -> list[dict[str, Any]]:
    """Current facts passing the filters in `params`, ordered by metric, province, org and period."""
    filters = {k: params[k] for k in FILTERS if params.get(k)}
    views = [v for key, entries in series if (v := fact_view(key, entries)) is not None and matches(v, filters)]
    return sorted(views, key=lambda v: (str(v["metric"]), str(v.get("province") or ""), str(v.get("org") or ""),
                                        str(v.get("period_end") or ""), v["series_key"]))


def unknown_filters(params: Mapping[str, str]) -> list[str]:
    """Query parameters the API does not know (reported as a 400)."""
    return sorted(set(params) - set(FILTERS))
