"""The extractor's own metric families, next to the shared PipelineHealth ones on one registry."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Counter, Histogram

from services.extractor.validate import DROP_REASONS

STAGE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class ExtractorMetrics:
    """Articles by relevance, facts, text methods, date sources and per-stage processing time."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.articles = Counter(
            "recruitwatch_extractor_articles",
            "Articles whose facts were extracted, by relevance to party-member development.",
            ["relevant"],
            registry=registry,
        )
        self.facts = Counter("recruitwatch_extractor_facts", "Fact events published.", registry=registry)
        self.facts_dropped = Counter(
            "recruitwatch_extractor_facts_dropped",
            "Facts the extractor found but dropped as impossible (cross-fact validation) or as goals dated after "
            "publication (planned_stock), and candidate numbers not read past the per-sentence / per-article budget "
            "(numbers_over_budget), by reason.",
            ["reason"],
            registry=registry,
        )
        self.text_method = Counter(
            "recruitwatch_extractor_text_method",
            "Parsed articles by how their main text was obtained.",
            ["method"],
            registry=registry,
        )
        self.published_from = Counter(
            "recruitwatch_extractor_published_from",
            "Parsed articles by where their publication date came from (none: not found).",
            ["source"],
            registry=registry,
        )
        self.seconds = Histogram(
            "recruitwatch_extractor_stage_seconds",
            "Time spent in a stage's pure function per record (parse: HTML to text; facts: text to events).",
            ["stage"],
            buckets=STAGE_BUCKETS,
            registry=registry,
        )
        self.publish_seconds = Histogram(
            "recruitwatch_extractor_publish_seconds",
            "Time from handing a record's outputs to the producer until the broker acknowledged all of them.",
            ["stage"],
            buckets=STAGE_BUCKETS,
            registry=registry,
        )
        for relevant in ("true", "false"):
            self.articles.labels(relevant)
        for reason in DROP_REASONS:
            self.facts_dropped.labels(reason)

    @staticmethod
    @contextmanager
    def timed(family: Histogram, stage: str) -> Iterator[None]:
        """Observe the time the `with` body takes in `family` under `stage`."""
        start = time.perf_counter()
        try:
            yield
        finally:
            family.labels(stage).observe(time.perf_counter() - start)

    def extracted(self, relevant: bool, facts: int) -> None:
        """Count one extracted article and its facts."""
        self.articles.labels("true" if relevant else "false").inc()
        self.facts.inc(facts)

    def dropped(self, reasons: tuple[tuple[str, int], ...]) -> None:
        """Count the facts (or numbers) one article's extraction dropped, by reason."""
        for reason, count in reasons:
            self.facts_dropped.labels(reason).inc(count)

    def parsed(self, method: str, published_from: str | None) -> None:
        """Count one parsed article by text method and date source."""
        self.text_method.labels(method).inc()
        self.published_from.labels(published_from or "none").inc()
