"""Module-scoped Kafka namespaces and service environments: one worker per service per module keeps the suite fast."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest

from services.shared.admin import ensure_topics
from services.shared.topics import TopicNames

SHORT_KAFKA = {
    "RECRUITWATCH_KAFKA_SESSION_TIMEOUT_S": "6",
    "RECRUITWATCH_KAFKA_HEARTBEAT_INTERVAL_S": "1",
    "RECRUITWATCH_KAFKA_REBALANCE_TIMEOUT_S": "10",
}


@pytest.fixture(scope="module")
def module_namespace(kafka: str) -> TopicNames:
    """The public topics under a fresh prefix, shared by one module's tests."""
    prefix = f"h{uuid.uuid4().hex[:8]}."
    asyncio.run(ensure_topics(kafka, prefix))
    return TopicNames.with_prefix(prefix)


@pytest.fixture(scope="module")
def module_env(kafka: str, module_namespace: TopicNames) -> dict[str, str]:
    """Environment for a service subprocess bound to the module's namespace, with short group timeouts."""
    return {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": kafka, "RECRUITWATCH_TOPIC_PREFIX": module_namespace.prefix,
            "RECRUITWATCH_LOG_LEVEL": "INFO", **SHORT_KAFKA}
