"""Where every fact of the last extraction of every article ended up, read from a /facts body."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from services.shared.events import EXPOSE_MIN_CONFIDENCE, ExtractionEvent, FactEvent


def last_extractions(events: Iterable[Any]) -> list[ExtractionEvent]:
    """The accepted extraction of each article (greatest extractor version, then parser version, then fetch time)."""
    from services.sink.state import order_token

    best: dict[str, ExtractionEvent] = {}
    for e in events:
        if isinstance(e, ExtractionEvent):
            old = best.get(e.article_id)
            if old is None or (order_token(e.extractor_version, e.fetched_at, e.parser_version)
                               > order_token(old.extractor_version, old.fetched_at, old.parser_version)):
                best[e.article_id] = e
    return list(best.values())


def account(facts: Iterable[FactEvent], body: dict[str, Any],
            min_confidence: float = EXPOSE_MIN_CONFIDENCE) -> dict[str, str]:
    """event_id → exposed | superseded | conflict:<reason> | below_confidence | lost, from a /facts body
    fetched with min_confidence=0 (every live fact visible)."""
    views = {v["series_key"]: v for v in body["facts"]}
    out: dict[str, str] = {}
    for f in facts:
        view = views.get(f.series_key)
        status = "lost"
        if f.confidence is not None and f.confidence < min_confidence:
            status = "below_confidence"
        elif view is not None:
            reported = {view["source"]["event_id"]} | {r["event_id"] for r in view["also_reported_by"]}
            conflicts = {c["event_id"]: c["reason"] for r in [view] for c in r["conflicts"]}
            if f.event_id == view["source"]["event_id"] or (f.value == view["value"] and f.unit == view["unit"]
                                                            and f.article_id == view["source"]["article_id"]):
                status = "exposed"
            elif f.event_id in reported:
                status = "superseded"
            elif f.event_id in conflicts:
                status = f"conflict:{conflicts[f.event_id]}"
        out[f.event_id] = status
    return out


def summary(statuses: dict[str, str]) -> Counter[str]:
    """Counts by status (conflict reasons folded into `conflict`)."""
    return Counter(s.split(":", 1)[0] for s in statuses.values())


def check_units(metrics_text: str, facts_body: dict[str, Any]) -> Counter[str]:
    """Walk every recruitment value family on a /metrics page: each has one unit (registry; `_ratio` ⇔ ratio)
    and each sample is the fact behind it on /facts, in that unit (percent ÷ 100 for ratios). Returns the
    number of samples checked per family; AssertionError on the first mismatch."""
    from prometheus_client.parser import text_string_to_metric_families

    from services.shared.metric_registry import (
        ARTICLE_PUBLISHED,
        FAMILY_BY_NAME,
        RATIO,
        SOURCE_INFO,
        SOURCE_INFO_SAMPLE,
    )
    from services.sink.exposition import org_id

    views = {(v["family"], org_id(v["series_key"]), v["segment"], v["period_start"] or "", v["period_end"] or ""): v
             for v in facts_body["facts"]}
    checked: Counter[str] = Counter()
    for family in text_string_to_metric_families(metrics_text):
        if not family.name.startswith("recruitment_") or family.name in (SOURCE_INFO, SOURCE_INFO_SAMPLE, ARTICLE_PUBLISHED):
            continue
        spec = FAMILY_BY_NAME.get(family.name)
        assert spec is not None, f"{family.name} is not in the metric registry"
        assert (spec.unit == RATIO) == family.name.endswith("_ratio"), family.name
        for sample in family.samples:
            lab = sample.labels
            view = views.get((family.name, lab["org_id"], lab["segment"], lab["period_start"], lab["period_end"]))
            assert view is not None, f"no fact on /facts behind {family.name}{lab}"
            assert view["unit"] == spec.fact_unit, (family.name, view["unit"], view["evidence"])
            assert abs(sample.value - float(view["value"]) * spec.scale) < 1e-9, (family.name, sample.value, view["value"])
            checked[family.name] += 1
    return checked
