"""Articles reach articles.raw as they are fetched, a poll cut by its budget continues, the raw store keeps pages."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer

from services.shared.events import RawArticle, decode
from services.shared.topics import TopicNames, kafka_limits
from tests.integration.crawler.replicas import read_raw, start_replica, stop
from tests.integration.crawler.site import FixtureSite
from tests.integration.crawler.test_crawl_once_cli import write_sources

pytestmark = pytest.mark.kafka

HOST_DELAY = 0.4
ARTICLES = 53  # a 50-article poll, then 3 deferred links


async def _watch(kafka: str, topic: str, start: object, want: int, timeout: float) -> list[tuple[float, RawArticle]]:
    """(monotonic arrival time, record) of every record on `topic`, consuming from before `start()` runs."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=kafka, auto_offset_reset="earliest",
                                enable_auto_commit=False, fetch_max_wait_ms=50,
                                max_partition_fetch_bytes=kafka_limits()["max_partition_fetch_bytes"])
    await consumer.start()
    out: list[tuple[float, RawArticle]] = []
    try:
        while not consumer.assignment():
            await consumer.getmany(timeout_ms=100)
        start()  # type: ignore[operator]
        deadline = time.monotonic() + timeout
        while len(out) < want and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=100)
            now = time.monotonic()
            out += [(now, decode(m.value, RawArticle)) for msgs in batches.values() for m in msgs if m.value]
    finally:
        await consumer.stop()
    return out


def test_articles_flow_as_fetched_and_deferred_links_follow_at_once(
    site: FixtureSite, tmp_path: Path, kafka: str, namespace: TopicNames, service_env: dict[str, str]
) -> None:
    reg = write_sources(tmp_path / "sources.yaml", site, {"flow": ("rss", "/s/flow/rss.xml")})
    site.counts["flow"] = ARTICLES
    site.article_delay = 0.05  # a slow site, paced by the host delay
    procs = []

    def start() -> None:
        procs.append(start_replica(service_env, reg, "flow", tmp_path, RECRUITWATCH_CRAWLER_SETTLE_SECONDS="0.5",
                                   RECRUITWATCH_CRAWLER_HOST_MIN_DELAY=str(HOST_DELAY),
                                   RECRUITWATCH_CRAWLER_MAX_ARTICLES_PER_POLL="50"))

    try:
        seen = asyncio.run(_watch(kafka, namespace.raw, start, ARTICLES, 120))
        kept = read_raw(kafka, namespace.raw_store, idle=1.0)
    finally:
        for p in procs:
            stop(p, signal.SIGKILL)
    logs = (tmp_path / "replica-flow.log").read_text()
    assert len(seen) == ARTICLES, f"{len(seen)} records\n{logs[-3000:]}"
    assert len({r.article_id for _, r in seen}) == ARTICLES
    requested = {path: t for path, t in site.times if path.startswith("/a/flow/")}
    lags = [round(t - requested[r.url.split("?")[0].removeprefix(site.base)], 2) for t, r in seen]
    first_at, first = seen[0]
    fetch_started = requested[first.url.split("?")[0].removeprefix(site.base)]
    assert first_at - fetch_started < HOST_DELAY, f"arrival after fetch start: {lags}"
    fiftieth, fifty_first = seen[49][0], seen[50][0]  # the deferred links: as soon as politeness allows
    assert fifty_first - fiftieth < 5 * HOST_DELAY + 1.0, f"deferred links waited {fifty_first - fiftieth:.1f} s"
    assert "deferred_budget" in logs
    assert {r.article_id for r in kept} == {r.article_id for _, r in seen}  # every page kept for re-parsing
