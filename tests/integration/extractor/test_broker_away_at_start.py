"""A worker started while the broker is down waits for it (RECRUITWATCH_KAFKA_STARTUP_TIMEOUT_S), then works."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.shared.admin import ensure_topics
from services.shared.broker import LocalKafka
from services.shared.events import encode
from services.shared.topics import TopicNames
from tests.integration.extractor.harness import (
    HIEP_HOA,
    Worker,
    extractions,
    free_port,
    produce,
    raw_article,
    read_until,
    seed_articles,
)

pytestmark = pytest.mark.kafka

@pytest.fixture
def broker() -> Iterator[LocalKafka]:
    """A broker of this test's own, so the test can stop it."""
    kafka = LocalKafka().start()
    yield kafka
    kafka.keep_data = False
    kafka.stop()


def test_an_extractor_started_while_the_broker_is_down_waits_for_it_then_extracts(
    broker: LocalKafka, tmp_path: Path
) -> None:
    names = TopicNames.with_prefix("away.")
    asyncio.run(ensure_topics(broker.bootstrap, names.prefix))
    broker.kill()
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap, "RECRUITWATCH_TOPIC_PREFIX": names.prefix,
           "RECRUITWATCH_LOG_LEVEL": "INFO"}
    worker = Worker(env, free_port(), tmp_path / "extractor.log").spawn()
    try:
        _wait_log(worker, "kafka unreachable at start-up", timeout=60)
        time.sleep(3)
        assert worker.proc is not None and worker.proc.poll() is None, f"worker gave up:\n{worker.tail()}"
        broker.restart()
        worker.wait_ready(timeout=90)
        article = next(a for a in seed_articles() if a.name == HIEP_HOA)
        raw = raw_article(article)
        produce(broker.bootstrap, names.raw, [(raw.article_id.encode(), encode(raw))])
        facts = read_until(broker.bootstrap, names.facts, lambda rs: bool(extractions(rs)), 90)
        extraction = extractions(facts)[0]
        assert extraction.article_id == raw.article_id and extraction.relevant
        assert any(f.metric == "admitted" and f.value == 625 for f in extraction.facts)
    finally:
        worker.stop()


def _wait_log(worker: Worker, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while text not in worker.tail(100_000):
        assert worker.proc is not None and worker.proc.poll() is None, f"worker exited:\n{worker.tail()}"
        assert time.monotonic() < deadline, f"{text!r} not logged within {timeout}s:\n{worker.tail()}"
        time.sleep(0.3)
