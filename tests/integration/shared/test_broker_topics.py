"""The local broker starts, the public topics are created with their contract config, and records round-trip."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from services.shared.admin import ensure_topics
from services.shared.events import RawArticle, decode, encode
from services.shared.topics import MAX_MESSAGE_BYTES, TOPICS, TopicNames, kafka_limits

pytestmark = pytest.mark.kafka


async def _describe(kafka: str, names: TopicNames) -> dict[str, dict[str, str]]:
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka)
    await admin.start()
    try:
        res = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, names.prefix + t.name) for t in TOPICS]
        )
        out: dict[str, dict[str, str]] = {}
        for r in res:
            for resource in r.resources:
                name, entries = resource[3], resource[4]
                out[name] = {e[0]: e[1] for e in entries}
        return out
    finally:
        await admin.close()


def test_public_topics_are_created_with_contract_config(kafka: str, namespace: TopicNames) -> None:
    configs = asyncio.run(_describe(kafka, namespace))
    for spec in TOPICS:
        cfg = configs[namespace.prefix + spec.name]
        for key, value in spec.config.items():
            assert cfg[key] == value, (spec.name, key)


def test_ensure_topics_is_idempotent(kafka: str, namespace: TopicNames) -> None:
    assert asyncio.run(ensure_topics(kafka, namespace.prefix)) == []


async def _roundtrip(kafka: str, topic: str, payload: bytes) -> bytes:
    producer = AIOKafkaProducer(
        bootstrap_servers=kafka, acks="all", enable_idempotence=True, compression_type="gzip",
        max_request_size=kafka_limits()["max_request_size"],
    )
    await producer.start()
    try:
        await producer.send_and_wait(topic, payload, key=b"k")
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=kafka, auto_offset_reset="earliest", enable_auto_commit=False,
        max_partition_fetch_bytes=kafka_limits()["max_partition_fetch_bytes"],
    )
    await consumer.start()
    try:
        msg = await asyncio.wait_for(consumer.getone(), 30)
        assert msg.value is not None
        return msg.value
    finally:
        await consumer.stop()


def test_large_raw_article_roundtrips_compressed_under_the_topic_limit(kafka: str, namespace: TopicNames) -> None:
    html = "<p>" + "Kết nạp 625 đảng viên. " * 100_000 + "</p>"  # ~2.6 MB of text, over 1 MiB
    assert len(html.encode()) > 2 * 1024 * 1024
    event = RawArticle(
        article_id="a1", source_id="s1", url="http://x/a", canonical_url="http://x/a",
        fetched_at="2026-01-01T00:00:00Z", http_status=200, html=html, content_hash="h",
        crawler_version="test",
    )
    payload = encode(event)
    assert len(payload) < MAX_MESSAGE_BYTES
    got = asyncio.run(_roundtrip(kafka, namespace.raw, payload))
    assert decode(got, RawArticle) == event
