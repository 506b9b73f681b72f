"""Series loop and ownership: every worker folds the whole series topic; the group decides what it exposes.

Read side: the internal series topic is compacted with one record per (series, article), and applying
updates is idempotent and order-insensitive (state.apply_update), so every worker reads **all** its
partitions from the beginning with a group-less consumer and keeps folding them: `/facts` of any worker
answers for every series once it has reached the end offsets it saw at start. It commits nothing.

Exposure: a consumer group over the same topic (group `<prefix>recruitwatch-sink-series`) only splits
the partitions between the workers; it fetches nothing (its partitions are paused). `/metrics` exposes
the series of the partitions a worker owns, so across workers every series is exposed exactly once, and
after a worker dies the group hands its partitions to the others (after the session timeout).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from functools import partial
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.abc import ConsumerRebalanceListener
from aiokafka.structs import ConsumerRecord

from services.shared.events import SchemaError
from services.sink.state import SeriesEntries, SeriesUpdate, apply_update
from services.sink.steps import SinkContext, poison_on_error

log = logging.getLogger(__name__)
STAGE = "sink_series"


def fold(state: dict[str, SeriesEntries], value: bytes | None) -> tuple[str, SeriesEntries | None]:
    """The series key of an update and its series' new entries (None: unchanged); SchemaError if poison."""
    if value is None:
        raise SchemaError("empty series update")
    update = SeriesUpdate.from_dict(orjson.loads(value))
    return update.series_key, apply_update(state.get(update.series_key), update)


class Ownership(ConsumerRebalanceListener):
    """Member of the series group: which partitions of the series topic this worker exposes on /metrics."""

    def __init__(self, consumer: AIOKafkaConsumer) -> None:
        self.consumer = consumer
        self.partitions: frozenset[int] = frozenset()
        self.assigned = asyncio.Event()

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        """Expose nothing until the new assignment."""
        self.assigned.clear()
        self.partitions = frozenset()

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        """Expose the assigned partitions; pause them (the group member never fetches)."""
        self.consumer.pause(*assigned)
        self.partitions = frozenset(tp.partition for tp in assigned)
        log.info("series partitions owned", extra={"partitions": sorted(self.partitions)})
        self.assigned.set()

    async def run(self) -> None:
        """Poll (nothing: all paused) so that the member stays in the group, until cancelled."""
        while True:
            with contextlib.suppress(Exception):
                self.consumer.pause(*self.consumer.assignment())
            await self.consumer.getmany(timeout_ms=1000, max_records=1)


class SeriesLoop:
    """Folds every partition of the series topic (group-less) into series_key → entries, per partition."""

    def __init__(self, ctx: SinkContext, consumer: AIOKafkaConsumer, owned: Ownership) -> None:
        self.ctx = ctx
        self.consumer = consumer
        self.owned = owned
        self.series: dict[int, dict[str, SeriesEntries]] = {}
        self.catch_up: dict[TopicPartition, int] = {}
        self.folded: dict[TopicPartition, int] = {}
        self.started = asyncio.Event()

    async def start(self) -> None:
        """Assign every partition of the series topic, from the beginning; note where catching up ends."""
        tps = [TopicPartition(self.ctx.settings.series_topic, p) for p in range(self.ctx.partitions)]
        self.consumer.assign(tps)
        self.catch_up = await self.consumer.end_offsets(tps)
        await self.consumer.seek_to_beginning(*tps)
        self.series = {tp.partition: {} for tp in tps}
        self.started.set()

    def caught_up(self) -> bool:
        """Whether every partition has been folded up to its end offset at start."""
        return self.started.is_set() and all(self.folded.get(tp, 0) >= end for tp, end in self.catch_up.items())

    def items(self, partitions: frozenset[int] | None = None) -> list[tuple[str, SeriesEntries]]:
        """(series_key, entries) of every series, or of the series of `partitions`."""
        return [item for p, part in list(self.series.items()) if partitions is None or p in partitions
                for item in part.items()]

    async def run(self) -> None:
        """Consume and fold, batch after batch, until cancelled."""
        while True:
            batches = await self.consumer.getmany(timeout_ms=1000, max_records=self.ctx.settings.max_batch)
            for tp, records in batches.items():
                for record in records:
                    await self._apply(tp, record)
            await self._note_positions()

    async def _note_positions(self) -> None:
        """Record how far each partition is folded (read after the batch is applied)."""
        for tp in self.catch_up:
            with contextlib.suppress(Exception):  # no position yet
                self.folded[tp] = await asyncio.wait_for(self.consumer.position(tp), 2.0)

    async def _apply(self, tp: TopicPartition, record: ConsumerRecord[Any, Any]) -> None:
        """One update folded into its series (unchanged when duplicate or older)."""
        state = self.series.setdefault(tp.partition, {})
        try:
            key, entries = poison_on_error(partial(fold, state, record.value))
        except SchemaError as exc:
            # every worker reads every partition: only the owner dead-letters, and only records that
            # arrive after its start (older ones were dead-lettered when they first arrived)
            if tp.partition in self.owned.partitions and record.offset >= self.catch_up.get(tp, 0):
                await self.ctx.dead_letter(STAGE, exc, record)
            else:
                log.debug("poison series update skipped", extra={"offset": record.offset})
            return
        if entries is None:
            self.ctx.health.skip(STAGE, "unchanged")
            return
        state[key] = entries
        self.ctx.health.ok(STAGE)  # replays at start count too: they rebuild the state
