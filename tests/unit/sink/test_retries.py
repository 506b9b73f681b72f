"""Agent steps: poison propagates at once (to be dead-lettered), other errors are retried."""

from __future__ import annotations

import pytest

from services.shared.events import SchemaError
from services.sink.steps import poison_on_error, with_retries


async def test_transient_errors_are_retried_until_the_step_succeeds() -> None:
    calls = []

    async def flaky() -> None:
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionError("broker restarting")

    await with_retries(flaky, attempts=5)
    assert len(calls) == 3


async def test_poison_is_not_retried() -> None:
    calls = []

    async def poison() -> None:
        calls.append(1)
        raise SchemaError("bad record")

    with pytest.raises(SchemaError):
        await with_retries(poison)
    assert len(calls) == 1


def test_a_surprise_in_deterministic_record_handling_is_poison_not_a_crash_loop() -> None:
    def logic_bug() -> None:
        raise AttributeError("'list' object has no attribute 'get'")

    with pytest.raises(SchemaError, match="AttributeError"):
        poison_on_error(logic_bug)
