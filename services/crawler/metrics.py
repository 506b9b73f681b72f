"""The crawler's Prometheus metrics (per source) next to the shared PipelineHealth families."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from prometheus_client import Counter, Gauge

from services.shared.health import PipelineHealth

STAGE = "crawl"


def status_class(status: int) -> str:
    """'2xx', '3xx', ... for a status code."""
    return f"{status // 100}xx"


@dataclass
class CrawlerMetrics:
    """Counters and gauges labelled by source id."""

    health: PipelineHealth = field(default_factory=lambda: PipelineHealth("crawler"))

    def __post_init__(self) -> None:
        r = self.health.registry
        self.requests = Counter("recruitwatch_crawler_requests", "HTTP responses by status class.",
                                ["source", "status_class"], registry=r)
        self.bytes = Counter("recruitwatch_crawler_response_bytes", "Response bytes received (on the wire).",
                             ["source"], registry=r)
        self.not_modified = Counter("recruitwatch_crawler_not_modified", "Conditional GETs answered 304 "
                                    "or with an unchanged body hash.", ["source"], registry=r)
        self.errors = Counter("recruitwatch_crawler_errors", "Failures by kind (timeout, blocked_address, "
                              "too_large, decompression_bomb, malformed_feed, ...).", ["source", "kind"], registry=r)
        self.skipped = Counter("recruitwatch_crawler_skipped", "Links skipped on purpose, by reason.",
                               ["source", "reason"], registry=r)
        self.published = Counter("recruitwatch_crawler_articles_published", "Articles published to articles.raw.",
                                 ["source"], registry=r)
        self.last_success = Gauge("recruitwatch_crawler_last_success_timestamp_seconds",
                                  "Unix time of the source's last successful poll.", ["source"], registry=r)
        self.interval = Gauge("recruitwatch_crawler_poll_interval_seconds", "Current adaptive poll interval.",
                              ["source"], registry=r)
        self.tls_unverified = Counter("recruitwatch_crawler_tls_unverified_requests",
                                      "Requests made with TLS verification disabled by the source.", ["source"],
                                      registry=r)
        self.redirects = Counter("recruitwatch_crawler_permanent_redirects", "Permanent redirects seen "
                                 "(update the registry).", ["source"], registry=r)
        self.owned = Gauge("recruitwatch_crawler_owned_sources", "Sources this replica polls.", registry=r)
        self.registry_problems = Gauge("recruitwatch_crawler_registry_problems",
                                       "Problems in the sources registry (each invalid source is skipped).", registry=r)
        self.canonical_refused = Counter("recruitwatch_crawler_canonical_refused", "Pages whose rel=canonical "
                                         "named another site (the fetched URL was kept as identity).", ["source"],
                                         registry=r)
        self.polls = Counter("recruitwatch_crawler_polls", "Polls by outcome (ok, failed).", ["source", "outcome"],
                             registry=r)

    def watching(self, source: str, last_success: float | None) -> None:
        """A source was taken over: expose its last success (or now), so one that never works goes stale."""
        self.last_success.labels(source).set(last_success or time.time())

    def poll_ok(self, source: str, interval: float) -> None:
        """A poll finished without a failure of the source as a whole."""
        self.polls.labels(source, "ok").inc()
        self.last_success.labels(source).set(time.time())
        self.interval.labels(source).set(interval)
        self.health.ok(STAGE, 0)

    def poll_failed(self, source: str, interval: float) -> None:
        """Every entry of the source failed."""
        self.polls.labels(source, "failed").inc()
        self.interval.labels(source).set(interval)
