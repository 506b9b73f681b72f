"""The sink's internal topics, created before the worker starts (Faust's own declaration races its first
assignment on a fresh cluster: the new topics are then ignored until the next rebalance)."""

from __future__ import annotations

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from services.shared.admin import wait_for_broker
from services.shared.topics import DAY_MS, MAX_MESSAGE_BYTES, PARTITIONS
from services.sink.settings import SinkSettings

TABLES = ("articles", "series")


def internal_topics(settings: SinkSettings, app_id: str) -> list[NewTopic]:
    """The series topic (a stream: delete policy) and one compacted changelog per table."""
    limits = {"max.message.bytes": str(MAX_MESSAGE_BYTES)}
    topics = [NewTopic(settings.series_topic, PARTITIONS, 1,
                       topic_configs={"cleanup.policy": "delete", "retention.ms": str(14 * DAY_MS), **limits})]
    for table in TABLES:
        name = f"{settings.topic_prefix}{app_id}-{table}-changelog"
        topics.append(NewTopic(name, PARTITIONS, 1, topic_configs={"cleanup.policy": "compact", **limits}))
    return topics


async def ensure_internal_topics(settings: SinkSettings, app_id: str, timeout: float = 120.0) -> list[str]:
    """Create the internal topics that do not exist yet; return the names created."""
    await wait_for_broker(settings.kafka_bootstrap_servers, timeout=timeout)
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers, request_timeout_ms=15000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [t for t in internal_topics(settings, app_id) if t.name not in existing]
        if not wanted:
            return []
        response = await admin.create_topics(wanted)
        created = []
        for name, code, *rest in response.topic_errors:
            if code not in (0, TopicAlreadyExistsError.errno):
                raise KafkaError(f"creating topic {name} failed: code {code} {rest[0] if rest else ''}")
            created.append(name)
        return created
    finally:
        await admin.close()
