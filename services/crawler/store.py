"""Crawl state in a compacted Kafka topic keyed by source_id; its partitions split sources between replicas.

A replica owns the sources whose host hashes (Kafka's murmur2) to a state partition assigned to it by
the consumer group, so per-host politeness holds across replicas; records are keyed by source_id. On assignment it reads those partitions to their end, then it is
their only writer. When a poll starts, before it fetches anything, the state is written with `open_from`: the end
offset of every articles.raw partition. Articles are then published one by one as they are fetched, and the
state is committed when the poll ends. A new owner that finds `open_from` reads articles.raw from there and
marks this source's records as seen (the record carries the content hash and the entry stamp), so a
replica killed at any point of a poll neither loses nor duplicates an article. (`pending`, the per-article
form of the same protocol written by earlier versions, is still resolved.)
"""

from __future__ import annotations

import asyncio
import logging

import orjson
from aiokafka import AIOKafkaProducer, TopicPartition

from services.crawler.state import SourceState, dump_state, load_state
from services.shared.kafkaio import make_reader, read_range

log = logging.getLogger(__name__)


class StateStore:
    """Reads and writes SourceState records on the state topic; resolves pending publications."""

    def __init__(self, bootstrap: str, topic: str, raw_topic: str, producer: AIOKafkaProducer) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.raw_topic = raw_topic
        self.producer = producer
        self.reader = make_reader(bootstrap)
        self._lock = asyncio.Lock()  # the reader's assignment is changed by every read

    async def start(self) -> None:
        """Start the reader."""
        await self.reader.start()

    async def stop(self) -> None:
        """Stop the reader."""
        await self.reader.stop()

    async def load(self, partitions: list[int]) -> dict[str, SourceState]:
        """Latest state per source in the given state partitions."""
        async with self._lock:
            records = await read_range(self.reader, [TopicPartition(self.topic, p) for p in partitions], None)
        states: dict[str, SourceState] = {}
        for key, value in records:
            if key is None:
                continue
            sid = key.decode()
            if value is None:
                states.pop(sid, None)
                continue
            try:
                states[sid] = load_state(value)
            except (orjson.JSONDecodeError, TypeError, ValueError):
                log.error("unreadable crawl state ignored", extra={"source_id": sid})
        return states

    async def save(self, state: SourceState, partition: int) -> None:
        """Write a state record to its owner partition and wait for the broker's ack."""
        await self.producer.send_and_wait(self.topic, dump_state(state), key=state.source_id.encode(),
                                          partition=partition)

    async def raw_end_offsets(self) -> dict[int, int]:
        """Current end offset of every articles.raw partition."""
        parts = await self.producer.partitions_for(self.raw_topic)
        if not parts:
            raise RuntimeError(f"topic {self.raw_topic} has no partitions (not created?)")
        tps = [TopicPartition(self.raw_topic, p) for p in sorted(parts)]
        ends = await self.reader.end_offsets(tps)
        return {tp.partition: off for tp, off in ends.items()}

    async def resolve_open(self, state: SourceState) -> int:
        """Mark this source's records published since `open_from` as seen; return how many there were."""
        if not state.open_from:
            return 0
        starts = {TopicPartition(self.raw_topic, int(p)): int(o) for p, o in state.open_from.items()}
        async with self._lock:
            records = await read_range(self.reader, list(starts), starts)
        found = 0
        for key, value in records:
            if key is None or value is None:
                continue
            rec = orjson.loads(value)
            if rec.get("source_id") == state.source_id and rec.get("content_hash"):
                state.remember(key.decode(), str(rec["content_hash"]), rec.get("entry_published"), 0.0, 10**9)
                found += 1
        state.open_from = {}
        return found

    async def resolve_pending(self, state: SourceState) -> int:
        """Mark pending articles found in articles.raw as seen; return how many were not found."""
        if not state.pending:
            return 0
        starts: dict[TopicPartition, int] = {}
        for _, p, o, _ in state.pending.values():
            tp = TopicPartition(self.raw_topic, int(p))
            starts[tp] = min(int(o), starts.get(tp, int(o)))
        published: set[tuple[str, str]] = set()
        async with self._lock:
            records = await read_range(self.reader, list(starts), starts)
        for key, value in records:
            if key is not None and value is not None:
                published.add((key.decode(), str(orjson.loads(value).get("content_hash"))))
        missing = 0
        for aid, (digest, _, _, stamp) in state.pending.items():
            if (aid, digest) in published:
                state.remember(aid, digest, stamp, 0.0, 10**9)
            else:
                missing += 1
        state.pending = {}
        return missing
