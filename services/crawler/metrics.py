"""The crawler's Prometheus metrics (per source) next to the shared PipelineHealth families."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from prometheus_client import Counter, Gauge

from services.shared.health import PipelineHealth

STAGE = "crawl"
STATUS_KINDS = ("http_2xx", "http_3xx", "http_4xx", "http_429", "http_5xx", "http_other")
"""Error kinds of an unusable HTTP status (a 2xx other than 200, a 3xx without Location, ...)."""
ERROR_KINDS = (
    "timeout", "connect", "tls", "http", "bad_url", "blocked_address", "too_large", "decompression_bomb",
    "bad_encoding", "redirect_loop", "too_many_redirects", "robots_disallowed", *STATUS_KINDS, "bot_challenge",
    "deferred_retry_after", "malformed_feed", "not_a_feed", "malformed_sitemap", "not_a_sitemap", "malformed_listing",
    "unexpected_content_type", "legacy_encoding", "publish_failed", "bug",
)
"""Every value of the `kind` label of recruitwatch_crawler_errors_total (tests/unit/crawler/test_vocabulary.py
derives the kinds from the code and checks they are exactly these)."""
NON_HTML_TYPES = (
    "application/pdf", "application/octet-stream", "application/msword", "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip", "application/x-rar-compressed",
    "application/json", "application/xml", "text/xml", "text/plain", "image/jpeg", "image/png", "image/gif",
    "image/webp", "video/mp4", "audio/mpeg",
)
"""Media types named in the `non_html:<type>` skip reason; any other is `non_html:other` (bounded label values)."""
SKIP_REASONS = (
    "unchanged", "duplicate_in_poll", "deferred_budget", "deferred_retry_after", "over_link_limit", "legacy_encoding",
    "binary_body", *(f"non_html:{t}" for t in NON_HTML_TYPES), "non_html:other",
)
"""Every value of the `reason` label of recruitwatch_crawler_skipped_total."""


def status_class(status: int) -> str:
    """'2xx', '3xx', ... for a status code."""
    return f"{status // 100}xx"


def status_kind(status: int) -> str:
    """The error kind of an unusable HTTP status: http_4xx, http_429, ..., http_other (outside 200-599)."""
    if status == 429:
        return "http_429"
    return f"http_{status_class(status)}" if 200 <= status < 600 else "http_other"


def non_html_reason(content_type: str) -> str:
    """The skip reason of a non-HTML page: its media type when well known, else `non_html:other`."""
    return f"non_html:{content_type}" if content_type in NON_HTML_TYPES else "non_html:other"


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
        """A source was taken over: expose its last success (or now), so one that never works goes stale, and
        every error kind and skip reason at 0 (each is a label value on /metrics; rate() sees the first one)."""
        self.last_success.labels(source).set(last_success or time.time())
        for kind in ERROR_KINDS:
            self.errors.labels(source, kind)
        for reason in SKIP_REASONS:
            self.skipped.labels(source, reason)

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
