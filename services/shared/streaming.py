"""Faust app construction with the project's Kafka settings, a /metrics page and dead-lettering.

aiokafka/Faust defaults are wrong for this product: here producers use acks=all with idempotence,
consumers start at the earliest offset and commit only processed offsets, and sizes are aligned
with the topics' max.message.bytes. Agents keep concurrency 1 (see README, "Processing guarantees").
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import faust
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from services.shared.config import ServiceSettings
from services.shared.events import DeadLetter, dead_letter, encode
from services.shared.kafkaio import topic_visible
from services.shared.topics import PARTITIONS, kafka_limits

log = logging.getLogger(__name__)


def _idempotent_settings(self: Any) -> Mapping[str, Any]:
    """Faust enables idempotence only inside transactions; this product wants it always."""
    return {"acks": "all", "enable_idempotence": True}


faust_aiokafka.Producer._settings_extra = _idempotent_settings  # type: ignore[method-assign]


def make_app(app_id: str, settings: ServiceSettings, *, web_port: int, **overrides: Any) -> faust.App:
    """A Faust app bound to the configured broker, topic prefix and HTTP port."""
    limits = kafka_limits()
    conf: dict[str, Any] = {
        "broker": settings.faust_broker,
        "store": "memory://",
        "autodiscover": False,
        "topic_partitions": PARTITIONS,
        "topic_replication_factor": 1,
        "topic_allow_declare": True,
        "table_standby_replicas": 0,
        "producer_acks": -1,
        "producer_compression_type": "gzip",
        "producer_max_request_size": limits["max_request_size"],
        "consumer_max_fetch_size": limits["max_partition_fetch_bytes"],
        "consumer_auto_offset_reset": "earliest",
        "consumer_metadata_max_age_ms": int(settings.kafka_metadata_max_age_s * 1000),
        "producer_metadata_max_age_ms": int(settings.kafka_metadata_max_age_s * 1000),
        "broker_session_timeout": settings.kafka_session_timeout_s,
        "broker_heartbeat_interval": settings.kafka_heartbeat_interval_s,
        "broker_rebalance_timeout": settings.kafka_rebalance_timeout_s,
        "broker_commit_every": 100,
        "broker_commit_interval": 1.0,
        "stream_wait_empty": True,
        "web_enabled": True,
        "web_bind": settings.metrics_host,
        "web_port": web_port,
        "web_host": "127.0.0.1",
        "worker_redirect_stdouts": False,
        "logging_config": None,
    }
    conf.update(overrides)
    return faust.App(settings.topic_prefix + app_id, **conf)


def add_metrics_page(app: faust.App, registry: CollectorRegistry, path: str = "/metrics") -> None:
    """Serve `registry` in the Prometheus text format on the app's web server."""

    @app.page(path)
    class Metrics(View):
        async def get(self, request: Request) -> Response:
            return self.bytes(generate_latest(registry), content_type=CONTENT_TYPE_LATEST.split(";")[0])


def install_metadata_watchdog(app: faust.App, topics: Sequence[str], interval: float = 1.0) -> None:
    """Every `interval` seconds, refresh the consumer's metadata if it misses a subscribed topic.

    Without it a group that rebalanced while a restarted broker had not yet listed a topic gets none of
    its partitions until the next periodic refresh (RECRUITWATCH_KAFKA_METADATA_MAX_AGE_S, 5 minutes).
    """

    @app.timer(interval)
    async def _refresh_missing_topics() -> None:
        thread: Any = app.consumer._thread  # type: ignore[attr-defined]  # aiokafka runs in Faust's consumer thread
        consumer = thread._consumer
        if consumer is None:
            return
        for topic in topics:
            try:
                if not await thread.call_thread(topic_visible, consumer, topic):
                    log.warning("subscribed topic missing from metadata; refreshed", extra={"topic": topic})
            except Exception as exc:  # broker away: the next tick tries again
                log.info("metadata check failed", extra={"topic": topic, "error": repr(exc)})


async def send_dead_letter(
    topic: faust.TopicT,
    stage: str,
    exc: BaseException,
    original: bytes | str | None,
    *,
    service_version: str,
    message: Any = None,
) -> DeadLetter:
    """Build and send a dead letter, awaiting the broker's ack before the caller moves on."""
    meta: dict[str, Any] = {}
    if message is not None:
        meta = {"topic": message.topic, "partition": message.partition, "offset": message.offset, "key": message.key}
    letter = dead_letter(stage, exc, original, service_version=service_version, **meta)
    fut = await topic.send(key=meta.get("key"), value=encode(letter))
    await fut
    log.warning("dead letter", extra={"stage": stage, "error": letter.error, "reason": letter.reason[:300], **meta})
    return letter


def run_worker(app: faust.App, settings: ServiceSettings, service: str) -> None:
    """Run the Faust worker in the foreground until SIGINT/SIGTERM, logging as `service` ("extractor")."""
    from services.shared.logs import logging_config

    # mode's worker replaces the root handlers with this config (otherwise it adds a plain-text handler)
    config = logging_config(service, settings.log_level, settings.log_format)
    worker = faust.Worker(app, loglevel=settings.log_level, quiet=True, logging_config=config)
    worker.execute_from_commandline()
