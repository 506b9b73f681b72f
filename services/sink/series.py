"""Series loop: the internal series topic folded into one current value per series.

The series topic is compacted with one record per (series, article), and applying updates is
idempotent and order-insensitive (state.apply_update), so the loop keeps no offsets at all: on
assignment it folds its partitions from the beginning, and it is ready once it has reached the end
offsets it saw then. The consumer group only splits the series between workers.
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


class SeriesLoop(ConsumerRebalanceListener):
    """Consumes the series topic in the series group; keeps the assigned partitions' series."""

    def __init__(self, ctx: SinkContext, consumer: AIOKafkaConsumer) -> None:
        self.ctx = ctx
        self.consumer = consumer
        self.series: dict[int, dict[str, SeriesEntries]] = {}
        self.catch_up: dict[TopicPartition, int] = {}
        self.folded: dict[TopicPartition, int] = {}
        self.assigned = asyncio.Event()

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        """Forget the revoked partitions' series."""
        self.assigned.clear()
        for tp in revoked:
            self.series.pop(tp.partition, None)
            self.catch_up.pop(tp, None)
            self.folded.pop(tp, None)

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        """Fold the assigned partitions from the beginning, up to their current end before serving."""
        for tp in assigned:
            self.series[tp.partition] = {}
        if assigned:
            self.catch_up.update(await self.consumer.end_offsets(assigned))
            await self.consumer.seek_to_beginning(*assigned)
        log.info("series partitions assigned", extra={"partitions": sorted(tp.partition for tp in assigned)})
        self.assigned.set()

    def caught_up(self) -> bool:
        """Whether every assigned partition has been folded up to its end offset at assignment."""
        return self.assigned.is_set() and all(self.folded.get(tp, 0) >= end for tp, end in self.catch_up.items())

    def items(self) -> list[tuple[str, SeriesEntries]]:
        """(series_key, entries) of every series this worker owns."""
        return [item for part in list(self.series.values()) for item in part.items()]

    async def run(self) -> None:
        """Consume and fold, batch after batch, until cancelled."""
        while True:
            batches = await self.consumer.getmany(timeout_ms=1000, max_records=self.ctx.settings.max_batch)
            owned = self.consumer.assignment()
            for tp, records in batches.items():
                if tp in owned:
                    for record in records:
                        await self._apply(tp, record)
            await self._note_positions(owned)

    async def _note_positions(self, owned: set[TopicPartition]) -> None:
        """Record how far each owned partition is folded (read after the batch is applied)."""
        for tp in owned & self.catch_up.keys():
            with contextlib.suppress(Exception):  # revoked meanwhile, or no position yet
                self.folded[tp] = await asyncio.wait_for(self.consumer.position(tp), 2.0)

    async def _apply(self, tp: TopicPartition, record: ConsumerRecord[Any, Any]) -> None:
        """One update folded into its series (unchanged when duplicate or older)."""
        state = self.series.setdefault(tp.partition, {})
        replay = record.offset < self.catch_up.get(tp, 0)
        try:
            key, entries = poison_on_error(partial(fold, state, record.value))
        except SchemaError as exc:
            if replay:  # dead-lettered when it first arrived
                log.debug("poison series update skipped on replay", extra={"offset": record.offset})
            else:
                await self.ctx.dead_letter(STAGE, exc, record)
            return
        if entries is None:
            self.ctx.health.skip(STAGE, "unchanged")
            return
        state[key] = entries
        self.ctx.health.ok(STAGE)  # replays after an assignment count too: they rebuild the state
