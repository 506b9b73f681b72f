"""Creates the public topics explicitly (idempotent) with the configuration in topics.TOPICS."""

from __future__ import annotations

import asyncio
import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, KafkaError, TopicAlreadyExistsError

from services.shared.topics import TOPICS

log = logging.getLogger(__name__)


async def wait_for_broker(bootstrap: str, timeout: float = 60.0) -> None:
    """Wait until the broker answers a metadata request, or raise TimeoutError."""
    deadline = asyncio.get_running_loop().time() + timeout
    last: Exception | None = None
    while asyncio.get_running_loop().time() < deadline:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000)
        try:
            await admin.start()
            await admin.list_topics()
            return
        except (KafkaConnectionError, KafkaError, OSError) as exc:
            last = exc
            await asyncio.sleep(0.5)
        finally:
            await admin.close()
    raise TimeoutError(f"Kafka at {bootstrap} did not answer within {timeout:.0f}s: {last}")


async def ensure_topics(bootstrap: str, prefix: str = "", replication: int = 1) -> list[str]:
    """Create the public topics that do not exist yet; return the names created."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=15000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [
            NewTopic(prefix + t.name, t.partitions, replication, topic_configs=t.config)
            for t in TOPICS
            if prefix + t.name not in existing
        ]
        if not wanted:
            return []
        response = await admin.create_topics(wanted)
        created = []
        for name, code, *rest in response.topic_errors:
            if code == TopicAlreadyExistsError.errno:
                continue
            if code != 0:
                raise KafkaError(f"creating topic {name} failed: code {code} {rest[0] if rest else ''}")
            created.append(name)
            log.info("topic created", extra={"topic": name})
        return created
    finally:
        await admin.close()
