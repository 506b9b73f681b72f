"""Producing events into a test namespace's topics."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from aiokafka import AIOKafkaProducer

from services.shared.events import Event, encode
from services.shared.topics import kafka_limits


async def _produce(bootstrap: str, topic: str, records: list[tuple[bytes | None, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
                                max_request_size=kafka_limits()["max_request_size"])
    await producer.start()
    try:
        futures = [await producer.send(topic, value, key=key) for key, value in records]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


def produce_raw(bootstrap: str, topic: str, records: Iterable[tuple[bytes | None, bytes]]) -> None:
    """Produce (key, value) records and wait for every ack."""
    asyncio.run(_produce(bootstrap, topic, list(records)))


def produce_events(bootstrap: str, topic: str, events: Iterable[Event]) -> None:
    """Produce events keyed by their article_id, in order, and wait for every ack."""
    produce_raw(bootstrap, topic, [(getattr(e, "article_id", "").encode() or None, encode(e)) for e in events])
