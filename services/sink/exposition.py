"""Prometheus exposition of the current facts: pure family building plus a thin custom collector."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily, Metric
from prometheus_client.registry import Collector

from services.sink.state import Candidate, parse_ts, recency

log = logging.getLogger(__name__)

LABELS = ("org", "place", "level", "province", "province_current", "segment", "period_start", "period_end")
SOURCE_LABELS = ("family", "metric", *LABELS, "article_id", "article_url", "source_id", "extractor_version", "unit", "qualifier")
LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2, "agency": 3, "cell": 4, "other": 5}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

HELP = {
    "admitted": "People admitted to the Party in the period (segment: breakdown of the admissions).",
    "admitted_target": "Planned number of admissions in the period.",
    "admitted_target_pct": "Admission target as a share of membership (0-1).",
    "target_attainment_pct": "Achieved share of the admission target or plan (0-1; above 1 when exceeded).",
    "admission_rate_pct": "Admissions as a share of total membership (0-1).",
    "members_total": "Party members of the organisation.",
    "party_cells": "Party cells (chi bộ) of the organisation.",
    "grassroots_orgs": "Grassroots party organisations of the organisation.",
    "members_good_rating_pct": "Share of members rated as completing their duties well or better (0-1).",
    "members_removed": "Members removed or expelled in the period.",
    "candidates_trained": "People who completed the party-awareness class, or the stated pool of candidates.",
}


def family_name(metric: str) -> str | None:
    """`recruitment_<metric>`: `_pct` → `_ratio`, no `_total` suffix on gauges; None when not a valid name."""
    if not _NAME.match(metric):
        return None
    if metric.endswith("_pct"):
        metric = metric[: -len("_pct")] + "_ratio"
    elif metric.endswith("_total"):
        metric = metric[: -len("_total")]
    return f"recruitment_{metric}"


def exposed_value(metric: str, value: float) -> float:
    """The exposed value: percents become ratios in 0-1."""
    return value / 100.0 if metric.endswith("_pct") else float(value)


def label_values(fact: Candidate) -> tuple[str, ...]:
    """The series labels of a fact, empty strings when unknown."""
    return tuple("" if fact.get(name) is None else str(fact[name]) for name in LABELS)


def _priority(fact: Candidate) -> tuple[int, str]:
    return LEVEL_ORDER.get(str(fact.get("level")), 6), str(fact.get("series_key", ""))


@dataclass
class Exposition:
    """Families to expose and what was left out, by reason."""

    families: list[Metric] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    exposed: int = 0


def select(facts: Iterable[Candidate], max_series: int) -> tuple[list[Candidate], Counter[str]]:
    """Facts to expose: valid names, one per label set (most recent wins), at most `max_series`."""
    dropped: Counter[str] = Counter()
    seen: set[tuple[str, ...]] = set()
    kept: list[Candidate] = []
    for fact in sorted(facts, key=recency, reverse=True):
        name = family_name(str(fact.get("metric", "")))
        if name is None:
            dropped["invalid_metric"] += 1
            continue
        ident = (name, *label_values(fact))
        if ident in seen:
            dropped["label_collision"] += 1
            continue
        seen.add(ident)
        kept.append(fact)
    kept.sort(key=_priority)
    if len(kept) > max_series:
        dropped["overflow"] += len(kept) - max_series
        kept = kept[:max_series]
    return kept, dropped


def build(facts: Iterable[Candidate], max_series: int) -> Exposition:
    """All sink families for the given current facts (one per series)."""
    kept, dropped = select(facts, max_series)
    values: dict[str, GaugeMetricFamily] = {}
    for metric in HELP:
        name = family_name(metric)
        assert name is not None
        values[name] = GaugeMetricFamily(name, HELP[metric], labels=LABELS)
    published = GaugeMetricFamily(
        "recruitment_article_published_timestamp_seconds",
        "Publication time of the article behind each series' current value.",
        labels=("metric", *LABELS),
    )
    source = InfoMetricFamily("recruitment_source", "Article and extractor behind each series' current value.",
                              labels=SOURCE_LABELS)
    latest = 0.0
    for fact in kept:
        metric = str(fact["metric"])
        name = family_name(metric)
        assert name is not None
        if name not in values:
            values[name] = GaugeMetricFamily(name, f"Recruitment metric {metric}.", labels=LABELS)
        labels = label_values(fact)
        values[name].add_metric(labels, exposed_value(metric, float(fact["value"])))
        ts = parse_ts(fact.get("article_published"))
        if ts is not None:
            published.add_metric([metric, *labels], ts)
        extra = (_str(fact.get(k)) for k in SOURCE_LABELS[len(LABELS) + 2 :])
        source.add_metric([name, metric, *labels, *extra], {})
        latest = max(latest, parse_ts(fact.get("fetched_at")) or 0.0)
    out = Exposition(families=[*values.values(), published, source], dropped=dropped, exposed=len(kept))
    out.families.extend(_sink_families(out, latest))
    return out


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _sink_families(exp: Exposition, latest: float) -> list[Metric]:
    exposed = GaugeMetricFamily("recruitwatch_sink_series_exposed", "Series exposed on this worker.",
                                value=exp.exposed)
    dropped = GaugeMetricFamily("recruitwatch_sink_series_dropped",
                                "Current series not exposed, by reason (overflow: over the series cap).",
                                labels=["reason"])
    for reason in ("overflow", "label_collision", "invalid_metric"):
        dropped.add_metric([reason], exp.dropped.get(reason, 0))
    families: list[Metric] = [exposed, dropped]
    if latest:
        families.append(GaugeMetricFamily(
            "recruitwatch_sink_latest_fact_fetched_timestamp_seconds",
            "Fetch time of the most recently fetched article behind a current value on this worker.", value=latest))
    return families


class FactsCollector(Collector):
    """Custom collector over the sink's current facts; logs when series are dropped."""

    def __init__(self, source: Callable[[], Iterable[Candidate]], max_series: int,
                 ready: Callable[[], bool] = lambda: True) -> None:
        self.source = source
        self.max_series = max_series
        self.ready = ready
        self._last_dropped: Counter[str] = Counter()

    def describe(self) -> list[Metric]:
        """Nothing up front: families depend on the state."""
        return []

    def collect(self) -> Iterator[Metric]:
        """Build the families from the current state."""
        exp = build(self.source(), self.max_series)
        if exp.dropped != self._last_dropped:
            log.warning("series dropped from /metrics", extra={"dropped": dict(exp.dropped),
                                                                "max_series": self.max_series})
            self._last_dropped = exp.dropped
        yield from exp.families
        yield GaugeMetricFamily("recruitwatch_sink_ready",
                                "1 when table recovery is complete and the values above are complete for this worker.",
                                value=1.0 if self.ready() else 0.0)
