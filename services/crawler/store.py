"""Crawl state in a compacted Kafka topic keyed by source_id; its partitions split sources between replicas.

A replica owns the sources whose host hashes (Kafka's murmur2) to a state partition assigned to it by
the consumer group, so per-host politeness holds across replicas; records are keyed by source_id. On assignment it reads those partitions to their end, then it is
their only writer. Articles about to be published are written as `pending` first, with the end offset
of their articles.raw partition; a new owner resolves pending entries by reading articles.raw from there,
so a replica killed between publishing and committing neither loses nor duplicates an article.
"""

from __future__ import annotations

import asyncio
import logging

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from aiokafka.partitioner import murmur2

from services.crawler.state import SourceState, dump_state, load_state
from services.shared.topics import MAX_MESSAGE_BYTES, kafka_limits

log = logging.getLogger(__name__)
STATE_TOPIC_CONFIG = {
    "cleanup.policy": "compact",
    "min.cleanable.dirty.ratio": "0.1",
    "segment.ms": str(6 * 3600 * 1000),
    "max.message.bytes": str(MAX_MESSAGE_BYTES),
}


def partition_for(key: str, partitions: int) -> int:
    """The partition Kafka's default partitioner picks for `key`."""
    return (murmur2(key.encode("utf-8")) & 0x7FFFFFFF) % partitions


async def ensure_state_topic(bootstrap: str, topic: str, partitions: int) -> int:
    """Create the state topic if missing; return its actual partition count."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=15000)
    await admin.start()
    try:
        if topic not in set(await admin.list_topics()):
            resp = await admin.create_topics([NewTopic(topic, partitions, 1, topic_configs=STATE_TOPIC_CONFIG)])
            for name, code, *_ in resp.topic_errors:
                if code not in (0, TopicAlreadyExistsError.errno):
                    raise RuntimeError(f"creating {name} failed with code {code}")
        for _ in range(100):  # a just-created topic can be described with no partitions for a moment
            meta = await admin.describe_topics([topic])
            if meta[0]["partitions"]:
                return len(meta[0]["partitions"])
            await asyncio.sleep(0.2)
        raise RuntimeError(f"topic {topic} still has no partitions 20 s after creation")
    finally:
        await admin.close()


def make_producer(bootstrap: str) -> AIOKafkaProducer:
    """acks=all, idempotent producer sized for the topics."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, compression_type="gzip",
        max_request_size=kafka_limits()["max_request_size"], linger_ms=5,
    )


def make_reader(bootstrap: str) -> AIOKafkaConsumer:
    """A consumer without a group, for reading partitions explicitly."""
    return AIOKafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest",
        max_partition_fetch_bytes=kafka_limits()["max_partition_fetch_bytes"],
    )


async def read_range(reader: AIOKafkaConsumer, tps: list[TopicPartition], start: dict[TopicPartition, int] | None
                     ) -> list[tuple[bytes | None, bytes | None]]:
    """(key, value) of every record in tps from `start` (default: beginning) to the current end."""
    if not tps:
        return []
    ends = await reader.end_offsets(tps)
    reader.assign(tps)
    todo = {tp for tp in tps if ends[tp] > (start or {}).get(tp, 0)}
    for tp in tps:
        if start and tp in start:
            reader.seek(tp, start[tp])
        else:
            await reader.seek_to_beginning(tp)
    out: list[tuple[bytes | None, bytes | None]] = []
    while todo:
        batches = await reader.getmany(*todo, timeout_ms=200)
        for tp, msgs in batches.items():
            out += [(m.key, m.value) for m in msgs if m.offset < ends[tp]]
            if msgs and msgs[-1].offset + 1 >= ends[tp]:
                todo.discard(tp)
        for tp in list(todo):
            if await reader.position(tp) >= ends[tp]:
                todo.discard(tp)
    return out


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
