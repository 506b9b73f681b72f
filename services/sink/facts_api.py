"""The facts API's pure part: current facts with provenance, filtered by query parameters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from services.shared.events import FACT_FIELDS
from services.shared.metric_registry import family_for
from services.sink.state import SeriesEntries, live_candidates

FILTERS = ("province", "place", "metric", "segment", "period")
PARAMETERS = (*FILTERS, "min_confidence")


class BadQuery(ValueError):
    """A query parameter with an unusable value (answered with 400)."""


def min_confidence(params: Mapping[str, str], default: float) -> float:
    """The `min_confidence` parameter (0-1), else the sink's setting; BadQuery when it is not a number in 0-1."""
    text = params.get("min_confidence")
    if text is None or text == "":
        return default
    try:
        value = float(text)
    except ValueError as exc:
        raise BadQuery(f"min_confidence {text!r} is not a number") from exc
    if not 0.0 <= value <= 1.0:
        raise BadQuery(f"min_confidence {text!r} is not in 0-1")
    return value


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


def fact_view(series_key: str, entries: SeriesEntries | None, min_conf: float = 0.0) -> dict[str, Any] | None:
    """A series' current fact (at or above `min_conf`) with the article behind it, the other articles
    reporting it and the facts these articles kept out of the series (conflicts, each with its article)."""
    live = live_candidates(entries, min_conf)
    if not live:
        return None
    best = live[0]
    family = family_for(str(best.get("metric")), str(best.get("unit")))
    view: dict[str, Any] = {"series_key": series_key, "family": family.name if family else None}
    view.update({name: best.get(name) for name in FACT_FIELDS})
    view["source"] = _provenance(best)
    view["also_reported_by"] = [_provenance(c) for c in live[1:]]
    view["conflicts"] = [{**c, "article_id": cand.get("article_id")} for cand in live
                         for c in cand.get("conflicts", ())]
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


def query(series: Iterable[tuple[str, SeriesEntries]], params: Mapping[str, str],
          default_min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Current facts passing the filters in `params`, ordered by metric, province, org and period;
    BadQuery for an unusable min_confidence."""
    filters = {k: params[k] for k in FILTERS if params.get(k)}
    min_conf = min_confidence(params, default_min_confidence)
    views = [v for key, entries in series
             if (v := fact_view(key, entries, min_conf)) is not None and matches(v, filters)]
    return sorted(views, key=lambda v: (str(v["metric"]), str(v.get("province") or ""), str(v.get("org") or ""),
                                        str(v.get("period_end") or ""), v["series_key"]))


def unknown_filters(params: Mapping[str, str]) -> list[str]:
    """Query parameters the API does not know (reported as a 400)."""
    return sorted(set(params) - set(PARAMETERS))
