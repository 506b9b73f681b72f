"""The sink rides out a broker crash (SIGKILL) and restart: afterwards its facts are exact.
Slow (own broker, ~60 s): runs with `pytest -m slow tests/integration/sink`."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from services.shared.admin import ensure_topics
from services.shared.broker import LocalKafka
from services.shared.topics import TopicNames
from tests.support.dataset import expected_current, generate, observed
from tests.support.kafka import produce_events
from tests.support.sink import SinkProcess, wait_for

pytestmark = [pytest.mark.kafka, pytest.mark.slow, pytest.mark.extended]


def test_sink_survives_a_broker_kill_and_restart() -> None:
    broker = LocalKafka().start()
    ds = generate(seed=3)
    expected = expected_current(ds.events)
    sink = SinkProcess({**os.environ, "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap, "RECRUITWATCH_TOPIC_PREFIX": "b."})
    try:
        asyncio.run(ensure_topics(broker.bootstrap, "b."))
        ns = TopicNames.with_prefix("b.")
        half = len(ds.events) // 2
        produce_events(broker.bootstrap, ns.facts, ds.events[:half])
        sink.start()
        wait_for(lambda: (f := sink.facts()) and f["count"] > 20, 90, sink.log_tail)
        broker.kill()
        time.sleep(3)
        broker.restart()
        produce_events(broker.bootstrap, ns.facts, ds.events[half:])
        wait_for(lambda: (f := sink.facts()) and observed(f) == expected, 120, sink.log_tail)
        assert sink.proc is not None and sink.proc.poll() is None, "the worker kept running"
    finally:
        sink.stop()
        broker.stop()
