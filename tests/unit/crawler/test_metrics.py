"""Crawler metrics that alerts depend on."""

from __future__ import annotations

import time

from services.crawler.metrics import CrawlerMetrics


def _last_success(m: CrawlerMetrics, source: str) -> float | None:
    return m.health.registry.get_sample_value("recruitwatch_crawler_last_success_timestamp_seconds", {"source": source})


def test_a_source_that_never_succeeded_exposes_the_time_it_started_being_watched() -> None:
    m = CrawlerMetrics()
    before = time.time()
    m.watching("never-worked", None)
    got = _last_success(m, "never-worked")
    assert got is not None and before <= got <= time.time()


def test_a_taken_over_source_keeps_its_persisted_last_success() -> None:
    m = CrawlerMetrics()
    m.watching("worked-yesterday", 1_700_000_000.0)
    assert _last_success(m, "worked-yesterday") == 1_700_000_000.0


def test_a_successful_poll_moves_last_success_to_now() -> None:
    m = CrawlerMetrics()
    m.watching("s", 1_700_000_000.0)
    m.poll_ok("s", 300.0)
    got = _last_success(m, "s")
    assert got is not None and got > 1_700_000_000.0
