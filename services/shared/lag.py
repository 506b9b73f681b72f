"""Fills PipelineHealth.consumer_lag from a service's consumers, periodically (every service uses it)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from services.shared.health import PipelineHealth

if TYPE_CHECKING:  # the aiokafka services use LagMonitor without loading Faust
    import faust

log = logging.getLogger(__name__)


def partition_lag(highwater: int | None, read_offset: int | None, position: int | None) -> int | None:
    """Records of a partition not yet handed to the agents: highwater minus the next offset to process."""
    if highwater is None:
        return None
    if read_offset is not None:
        return max(0, highwater - (read_offset + 1))
    if position is not None:
        return max(0, highwater - position)
    return None


async def consumer_lag(app: faust.App) -> dict[tuple[str, int], int]:
    """Lag of every partition assigned to the app's consumer, by (topic, partition)."""
    consumer: Any = app.consumer
    read_offsets: Mapping[Any, int | None] = getattr(consumer, "_read_offset", {})
    out: dict[tuple[str, int], int] = {}
    for tp in sorted(consumer.assignment()):
        try:
            highwater = consumer.highwater(tp)
            position = None if read_offsets.get(tp) is not None else await consumer.position(tp)
        except Exception as exc:  # partition revoked meanwhile, consumer restarting...
            log.debug("lag unavailable", extra={"topic": tp.topic, "partition": tp.partition, "error": repr(exc)})
            continue
        lag = partition_lag(highwater, read_offsets.get(tp), position)
        if lag is not None:
            out[(tp.topic, tp.partition)] = lag
    return out


LagReader = Callable[[], Awaitable[dict[tuple[str, int], int]]]


class LagMonitor:
    """Keeps `health.consumer_lag` equal to the consumers' current lag, removing revoked partitions."""

    def __init__(self, read: LagReader, health: PipelineHealth) -> None:
        self.read = read
        self.health = health
        self._reported: set[tuple[str, int]] = set()

    async def update(self) -> dict[tuple[str, int], int]:
        """Read the lag once and set the gauge."""
        lags = await self.read()
        for topic, partition in self._reported - lags.keys():
            self.health.consumer_lag.remove(topic, str(partition))
        for (topic, partition), lag in lags.items():
            self.health.consumer_lag.labels(topic, str(partition)).set(lag)
        self._reported = set(lags)
        return lags


def install_lag_monitor(app: faust.App, health: PipelineHealth, interval: float = 5.0) -> LagMonitor:
    """Update the consumer-lag gauge every `interval` seconds while the app runs (call before it starts)."""
    monitor = LagMonitor(partial(consumer_lag, app), health)

    @app.timer(interval)
    async def _update_consumer_lag() -> None:
        try:
            await monitor.update()
        except Exception:  # never let metrics kill the worker
            log.exception("consumer lag update failed")

    return monitor
