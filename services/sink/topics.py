"""The sink's internal topics, both compacted: they are the sink's durable state."""

from __future__ import annotations

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from services.shared.admin import wait_for_broker
from services.shared.kafkaio import ensure_state_topic
from services.sink.settings import SinkSettings


async def facts_partitions(bootstrap: str, topic: str) -> int:
    """Partition count of recruitment.facts (the articles topic mirrors it)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=15000)
    await admin.start()
    try:
        meta = await admin.describe_topics([topic])
    finally:
        await admin.close()
    count = len(meta[0]["partitions"]) if meta and meta[0].get("partitions") else 0
    if not count:
        raise KafkaError(f"topic {topic} does not exist: create the topics first (recruitwatch topics create)")
    return count


async def ensure_internal_topics(settings: SinkSettings, timeout: float = 120.0) -> int:
    """Create the series and articles topics when missing; return the partition count of both."""
    bootstrap = settings.kafka_bootstrap_servers
    await wait_for_broker(bootstrap, timeout=timeout)
    partitions = await facts_partitions(bootstrap, settings.topics.facts)
    for name in (settings.series_topic, settings.articles_topic):
        actual = await ensure_state_topic(bootstrap, name, partitions)
        if actual != partitions:
            raise KafkaError(f"topic {name} has {actual} partitions, {settings.topics.facts} has {partitions}")
    return partitions
