"""The sink's internal topics, both compacted: they are the sink's durable state."""

from __future__ import annotations

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from services.shared.admin import wait_for_broker
from services.shared.kafkaio import STATE_TOPIC_CONFIG
from services.sink.settings import SinkSettings


async def facts_partitions(admin: AIOKafkaAdminClient, topic: str) -> int:
    """Partition count of recruitment.facts (the articles topic mirrors it)."""
    meta = await admin.describe_topics([topic])
    count = len(meta[0]["partitions"]) if meta and meta[0].get("partitions") else 0
    if not count:
        raise KafkaError(f"topic {topic} does not exist: create the topics first (recruitwatch topics create)")
    return count


async def ensure_internal_topics(settings: SinkSettings, timeout: float = 120.0) -> int:
    """Create the series and articles topics when missing; return the partition count of both."""
    await wait_for_broker(settings.kafka_bootstrap_servers, timeout=timeout)
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers, request_timeout_ms=15000)
    await admin.start()
    try:
        partitions = await facts_partitions(admin, settings.topics.facts)
        existing = set(await admin.list_topics())
        wanted = [NewTopic(name, partitions, 1, topic_configs=dict(STATE_TOPIC_CONFIG))
                  for name in (settings.series_topic, settings.articles_topic) if name not in existing]
        if wanted:
            response = await admin.create_topics(wanted)
            for name, code, *rest in response.topic_errors:
                if code not in (0, TopicAlreadyExistsError.errno):
                    raise KafkaError(f"creating topic {name} failed: code {code} {rest[0] if rest else ''}")
        return partitions
    finally:
        await admin.close()
