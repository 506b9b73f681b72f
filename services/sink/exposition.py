"""Prometheus exposition of the current facts: pure family building plus a thin custom collector."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily, Metric
from prometheus_client.registry import Collector

from services.shared.metric_registry import (
    ARTICLE_PUBLISHED,
    BY_METRIC,
    DROP_REASONS,
    FACT_STATUSES,
    SINK_FACTS,
    SINK_LATEST_FETCHED,
    SINK_OWNED_PARTITIONS,
    SINK_READY,
    SINK_SERIES_DROPPED,
    SINK_SERIES_EXPOSED,
    SOURCE_INFO,
    VALUE_FAMILIES,
    family_for,
)
from services.sink.state import Candidate, SeriesEntries, current, fact_statuses, parse_ts, recency

log = logging.getLogger(__name__)

LABELS = ("org_id", "org", "place", "level", "province", "province_current", "segment", "period_start", "period_end")
SOURCE_LABELS = ("family", "metric", *LABELS, "article_id", "article_url", "source_id", "extractor_version", "unit", "qualifier")
LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2, "agency": 3, "cell": 4, "other": 5}


def family_name(metric: str, unit: str | None = None) -> str | None:
    """The family of a fact (metric and unit, from the metric registry); None for an unknown metric or a
    unit that does not fit it. Without a unit: the metric's own family."""
    spec = BY_METRIC.get(metric)
    if spec is None:
        return None
    family = family_for(metric, unit or spec.unit)
    return family.name if family else None


def org_id(series_key: str) -> str:
    """The organisation identity: the first part of the series key (the whole key when it has no parts)."""
    return series_key.split("|", 1)[0]


def label_values(fact: Candidate) -> tuple[str, ...]:
    """The series labels of a fact, empty strings when unknown."""
    values = {**fact, "org_id": org_id(str(fact.get("series_key", "")))}
    return tuple("" if values.get(name) is None else str(values[name]) for name in LABELS)


def _priority(fact: Candidate) -> tuple[int, str]:
    return LEVEL_ORDER.get(str(fact.get("level")), 6), str(fact.get("series_key", ""))


@dataclass
class Exposition:
    """Families to expose and what was left out, by reason."""

    families: list[Metric] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    exposed: int = 0
    statuses: Counter[str] = field(default_factory=Counter)


def select(facts: Iterable[Candidate], max_series: int) -> tuple[list[Candidate], Counter[str]]:
    """Facts to expose: valid names, one per label set (most recent wins), at most `max_series`."""
    dropped: Counter[str] = Counter()
    seen: set[tuple[str, ...]] = set()
    kept: list[Candidate] = []
    for fact in sorted(facts, key=recency, reverse=True):
        metric = str(fact.get("metric", ""))
        if metric not in BY_METRIC:
            dropped["invalid_metric"] += 1
            continue
        name = family_name(metric, str(fact.get("unit")))
        if name is None:
            dropped["unit_mismatch"] += 1
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


def build(series: Iterable[SeriesEntries], max_series: int, min_confidence: float = 0.0) -> Exposition:
    """All sink families for the given series (their current value at or above `min_confidence`)."""
    entries = list(series)
    facts = [c for e in entries if (c := current(e, min_confidence)) is not None]
    kept, dropped = select(facts, max_series)
    values = {f.name: GaugeMetricFamily(f.name, f.help, labels=LABELS) for f in VALUE_FAMILIES}
    published = GaugeMetricFamily(ARTICLE_PUBLISHED, "Publication time of the article behind each series' current value.",
                                  labels=("metric", *LABELS))
    source = InfoMetricFamily(SOURCE_INFO, "Article and extractor behind each series' current value.",
                              labels=SOURCE_LABELS)
    latest = 0.0
    for fact in kept:
        metric = str(fact["metric"])
        family = family_for(metric, str(fact["unit"]))
        assert family is not None  # select() keeps only facts with a family
        labels = label_values(fact)
        values[family.name].add_metric(labels, float(fact["value"]) * family.scale)
        ts = parse_ts(fact.get("article_published"))
        if ts is not None:
            published.add_metric([metric, *labels], ts)
        extra = (_str(fact.get(k)) for k in SOURCE_LABELS[len(LABELS) + 2 :])
        source.add_metric([family.name, metric, *labels, *extra], {})
        latest = max(latest, parse_ts(fact.get("fetched_at")) or 0.0)
    statuses: Counter[str] = Counter()
    for e in entries:
        statuses.update(fact_statuses(e, min_confidence))
    out = Exposition(families=[*values.values(), published, source], dropped=dropped, exposed=len(kept),
                     statuses=statuses)
    out.families.extend(_sink_families(out, latest))
    return out


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _sink_families(exp: Exposition, latest: float) -> list[Metric]:
    exposed = GaugeMetricFamily(SINK_SERIES_EXPOSED, "Series exposed on this worker.", value=exp.exposed)
    dropped = GaugeMetricFamily(SINK_SERIES_DROPPED,
                                "Current series not exposed, by reason (overflow: over the series cap).",
                                labels=["reason"])
    for reason in DROP_REASONS:
        dropped.add_metric([reason], exp.dropped.get(reason, 0))
    statuses = GaugeMetricFamily(
        SINK_FACTS, "Facts of the accepted extractions behind this worker's series, by status (exposed, superseded "
        "by another article, conflict within their article, below_confidence).", labels=["status"])
    for status in FACT_STATUSES:
        statuses.add_metric([status], exp.statuses.get(status, 0))
    families: list[Metric] = [exposed, dropped, statuses]
    if latest:
        families.append(GaugeMetricFamily(
            SINK_LATEST_FETCHED,
            "Fetch time of the most recently fetched article behind a current value on this worker.", value=latest))
    return families


class FactsCollector(Collector):
    """Custom collector over the sink's current facts; logs when series are dropped."""

    def __init__(self, source: Callable[[], Iterable[SeriesEntries]], max_series: int,
                 ready: Callable[[], bool] = lambda: True, min_confidence: float = 0.0) -> None:
        self.source = source
        self.max_series = max_series
        self.ready = ready
        self.min_confidence = min_confidence
        self._last_dropped: Counter[str] = Counter()

    def describe(self) -> list[Metric]:
        """Nothing up front: families depend on the state."""
        return []

    def collect(self) -> Iterator[Metric]:
        """Build the families from the current state."""
        exp = build(self.source(), self.max_series, self.min_confidence)
        if exp.dropped != self._last_dropped:
            log.warning("series dropped from /metrics", extra={"dropped": dict(exp.dropped),
                                                                "max_series": self.max_series})
            self._last_dropped = exp.dropped
        yield from exp.families
        yield GaugeMetricFamily(SINK_READY,
                                "1 when this worker has read its state topics back and the values above are complete.",
                                value=1.0 if self.ready() else 0.0)


class OwnershipCollector(Collector):
    """How many series-topic partitions this worker exposes (0 while the group rebalances)."""

    def __init__(self, owned: Any) -> None:
        self.owned = owned

    def describe(self) -> list[Metric]:
        """Nothing up front."""
        return []

    def collect(self) -> Iterator[Metric]:
        """One gauge."""
        yield GaugeMetricFamily(SINK_OWNED_PARTITIONS, "Partitions of the series topic this worker exposes on /metrics.",
                                value=len(self.owned.partitions))
