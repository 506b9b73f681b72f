"""Publishing retries while Kafka is unavailable and gives up at once on errors that are the record's fault."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka.errors import (
    KafkaConnectionError,
    KafkaTimeoutError,
    MessageSizeTooLargeError,
    NotLeaderForPartitionError,
)

from services.extractor.app import retrying, transient
from services.shared.events import SchemaError


@pytest.mark.parametrize(
    "exc", [KafkaConnectionError(), KafkaTimeoutError(), NotLeaderForPartitionError(), TimeoutError(), ConnectionResetError()]
)
def test_broker_unavailability_is_transient(exc: BaseException) -> None:
    assert transient(exc)


@pytest.mark.parametrize("exc", [MessageSizeTooLargeError(), SchemaError("bad"), ValueError("x")])
def test_faults_of_the_record_are_not_transient(exc: BaseException) -> None:
    assert not transient(exc)


def test_retrying_keeps_trying_through_transient_errors_until_success() -> None:
    failures = [KafkaConnectionError(), KafkaTimeoutError()]

    async def flaky() -> str:
        if failures:
            raise failures.pop(0)
        return "acked"

    assert asyncio.run(retrying(flaky, "test", max_delay=0.01)) == "acked"
    assert failures == []


def test_retrying_raises_a_non_transient_error_at_once() -> None:
    calls = 0

    async def too_large() -> None:
        nonlocal calls
        calls += 1
        raise MessageSizeTooLargeError()

    with pytest.raises(MessageSizeTooLargeError):
        asyncio.run(retrying(too_large, "test", max_delay=0.01))
    assert calls == 1
