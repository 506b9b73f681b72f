"""Plain aiokafka building blocks shared by the services that keep state in compacted topics.

A producer with the product's durability settings, a group-less reader, reading partitions to their
current end, creating a compacted state topic, and waiting for a broker that is away at start-up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError
from aiokafka.partitioner import murmur2

from services.shared.topics import DAY_MS, MAX_MESSAGE_BYTES, kafka_limits, spec

log = logging.getLogger(__name__)
BOOTSTRAP_MAX_DELAY_S = 5.0
"""Longest wait between two bootstrap attempts while the broker is unreachable at start-up."""

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


def retention_config(name: str, days: float) -> dict[str, str]:
    """A compacted public topic's configuration with a time limit: `days` > 0 adds deletion after that age."""
    config = dict(spec(name).config)
    if days > 0:
        config["cleanup.policy"] = "compact,delete"
        config["retention.ms"] = str(int(days * DAY_MS))
    return config


async def apply_retention(bootstrap: str, topic: str, name: str, days: float) -> None:
    """Set the retention of compacted topic `topic` (spec `name`) to `days` (0: keep the latest record for ever)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=15000)
    await admin.start()
    try:
        responses = await admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic,
                                                               retention_config(name, days))])
        for code, message, *_ in (r for resp in responses for r in resp.resources):
            if code:
                raise RuntimeError(f"setting the retention of {topic} failed with code {code}: {message}")
    finally:
        await admin.close()
    log.info("retention applied", extra={"topic": topic, "days": days})


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


def make_group_consumer(bootstrap: str, group_id: str, *, session_timeout_s: float, heartbeat_interval_s: float,
                        metadata_max_age_s: float, rebalance_timeout_s: float) -> AIOKafkaConsumer:
    """A group member that commits only what it has processed, starting at the earliest offset."""
    return AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=group_id, enable_auto_commit=False, auto_offset_reset="earliest",
        isolation_level="read_committed",
        max_partition_fetch_bytes=kafka_limits()["max_partition_fetch_bytes"],
        fetch_max_bytes=kafka_limits()["max_partition_fetch_bytes"] * 4,
        session_timeout_ms=int(session_timeout_s * 1000),
        heartbeat_interval_ms=int(heartbeat_interval_s * 1000),
        rebalance_timeout_ms=int(rebalance_timeout_s * 1000),
        metadata_max_age_ms=int(metadata_max_age_s * 1000),
    )


async def group_lag(*consumers: AIOKafkaConsumer) -> dict[tuple[str, int], int]:
    """Records not yet consumed per assigned partition of the consumers: high watermark minus position."""
    out: dict[tuple[str, int], int] = {}
    for consumer, tp in [(c, tp) for c in consumers for tp in sorted(c.assignment())]:
        try:
            highwater = consumer.highwater(tp)
            position = await asyncio.wait_for(consumer.position(tp), 2.0)
        except Exception:  # revoked meanwhile, or no position yet
            continue
        if highwater is not None:
            out[(tp.topic, tp.partition)] = max(0, highwater - position)
    return out


async def topic_visible(consumer: AIOKafkaConsumer, topic: str) -> bool:
    """Whether the consumer's metadata lists `topic`; if not, refresh it now.

    A consumer whose metadata misses a subscribed topic (just created, or a restarted broker that has
    not listed it yet) is assigned none of its partitions until the next periodic refresh; refreshing
    makes the group coordinator see the partitions and rejoin at once.
    """
    if consumer.partitions_for_topic(topic):
        return True
    await consumer._client.force_metadata_update()  # aiokafka has no public call for this
    return bool(consumer.partitions_for_topic(topic))


async def wait_topic_visible(consumer: AIOKafkaConsumer, topic: str, timeout: float) -> None:
    """Refresh the consumer's metadata until it lists `topic`; RuntimeError after `timeout` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await topic_visible(consumer, topic):
        if asyncio.get_running_loop().time() > deadline:
            raise RuntimeError(f"topic {topic} not in the broker's metadata after {timeout:.0f} s")
        await asyncio.sleep(0.2)


def wait_for_broker_at_start(timeout_s: float) -> None:
    """Make every aiokafka client of this process retry a failed bootstrap for up to `timeout_s` seconds.

    aiokafka tries each bootstrap server once, so a worker started while the broker restarts would exit
    (and a supervisor that gives up after a few quick crashes would stop it). Faust starts its clients
    itself, so the retry sits on the client class rather than around each service's start calls.
    """
    original: Callable[[AIOKafkaClient], Awaitable[None]] = AIOKafkaClient.bootstrap
    if getattr(original, "patient", False):
        return

    async def bootstrap(self: AIOKafkaClient) -> None:
        loop = asyncio.get_running_loop()
        deadline, delay = loop.time() + timeout_s, 0.5
        while True:
            try:
                return await original(self)
            except KafkaConnectionError as exc:
                if loop.time() + delay > deadline:
                    raise
                log.warning("kafka unreachable at start-up, retrying", extra={"error": str(exc), "retry_in": delay})
                await asyncio.sleep(delay)
                delay = min(2 * delay, BOOTSTRAP_MAX_DELAY_S)

    patched: Any = bootstrap
    patched.patient = True
    AIOKafkaClient.bootstrap = patched
