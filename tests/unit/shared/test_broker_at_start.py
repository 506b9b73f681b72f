"""A starting worker retries an unreachable broker for the start-up timeout, then fails with the bootstrap error."""

from __future__ import annotations

import logging
import socket

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaConnectionError

from services.shared.kafkaio import wait_for_broker_at_start


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_bootstrap_retries_until_the_startup_timeout_then_raises(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(AIOKafkaClient, "bootstrap", AIOKafkaClient.bootstrap)  # restored after the test
    wait_for_broker_at_start(1.2)
    wait_for_broker_at_start(60.0)  # a second call keeps the first patch instead of wrapping it again
    producer = AIOKafkaProducer(bootstrap_servers=f"127.0.0.1:{_closed_port()}")
    with caplog.at_level(logging.WARNING, logger="services.shared.kafkaio"), pytest.raises(KafkaConnectionError):
        await producer.start()
    retries = [r for r in caplog.records if r.getMessage() == "kafka unreachable at start-up, retrying"]
    assert [r.retry_in for r in retries] == [0.5]  # type: ignore[attr-defined]
