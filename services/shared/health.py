"""Pipeline health metrics every service exposes on its own /metrics (same families everywhere)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Info, disable_created_metrics

from services import __version__

disable_created_metrics()


@dataclass
class PipelineHealth:
    """Counters and gauges for processed/failed records, dead letters and freshness, per stage."""

    service: str
    registry: CollectorRegistry = field(default_factory=lambda: CollectorRegistry(auto_describe=True))

    def __post_init__(self) -> None:
        r = self.registry
        self.build = Info("recruitwatch_build", "Build of this service.", registry=r)
        self.build.info({"service": self.service, "version": __version__})
        self.processed = Counter(
            "recruitwatch_records_processed", "Records a stage processed successfully.", ["stage"], registry=r
        )
        self.failed = Counter(
            "recruitwatch_records_failed", "Records a stage failed to process, by reason.", ["stage", "reason"], registry=r
        )
        self.dead_letters = Counter(
            "recruitwatch_dead_letters", "Dead letters sent, by stage and reason.", ["stage", "reason"], registry=r
        )
        self.skipped = Counter(
            "recruitwatch_records_skipped", "Records a stage skipped on purpose, by reason.", ["stage", "reason"], registry=r
        )
        self.last_success = Gauge(
            "recruitwatch_last_success_timestamp_seconds", "Unix time of a stage's last success.", ["stage"], registry=r
        )
        self.consumer_lag = Gauge(
            "recruitwatch_consumer_lag",
            "Records not yet consumed per assigned partition (high watermark minus position).",
            ["topic", "partition"],
            registry=r,
        )

    def ok(self, stage: str, n: int = 1) -> None:
        """Count `n` processed records for `stage` and stamp its last success."""
        self.processed.labels(stage).inc(n)
        self.last_success.labels(stage).set(time.time())

    def fail(self, stage: str, reason: str, dead_lettered: bool = True) -> None:
        """Count a failure (and its dead letter) for `stage`."""
        self.failed.labels(stage, reason).inc()
        if dead_lettered:
            self.dead_letters.labels(stage, reason).inc()

    def skip(self, stage: str, reason: str) -> None:
        """Count a record skipped on purpose (irrelevant, empty page...)."""
        self.skipped.labels(stage, reason).inc()
