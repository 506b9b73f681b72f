"""Route loop: each extraction on recruitment.facts → its series updates → the article's new record.

Order per record, each step acked by the broker before the next: the series updates (internal series
topic), then the article's record (internal articles topic, same partition as the record), then the
offset commit at the end of the batch. A SIGKILL anywhere reprocesses from the last commit, and
replaying an extraction publishes the same updates again (idempotent downstream) or, once its record
is stored, nothing. On assignment the articles of the assigned partitions are read back from the
articles topic; records aiokafka hands out for a partition before that read is over are put back
(seek), not routed against an empty state. A revocation waits for the batch in progress and its commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from functools import partial
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.abc import ConsumerRebalanceListener
from aiokafka.errors import CommitFailedError, IllegalStateError
from aiokafka.structs import ConsumerRecord
from prometheus_client import CollectorRegistry, Counter

from services.shared.events import ExtractionEvent, FactEvent, SchemaError, decode
from services.shared.kafkaio import make_reader, read_range
from services.shared.metric_registry import SINK_FACTS_CONFLICTING
from services.sink.state import (
    CONFLICT_REASONS,
    ArticleRecord,
    Plan,
    SeriesUpdate,
    conflicts_of,
    plan_extraction,
    series_partition,
)
from services.sink.steps import SinkContext, poison_on_error, with_retries

log = logging.getLogger(__name__)
STAGE = "sink_articles"


def plan_record(articles: dict[str, ArticleRecord], value: bytes | None) -> Plan | str:
    """The record's plan, or the reason it is skipped; SchemaError when it is poison."""
    if value is None:
        return "tombstone"
    record = decode(value)
    if isinstance(record, FactEvent):
        return "fact_event"
    if not isinstance(record, ExtractionEvent):
        raise SchemaError(f"unexpected schema {record.schema!r} on the facts topic")
    return plan_extraction(articles.get(record.article_id), record)


def update_key(update: SeriesUpdate) -> bytes:
    """Compaction key on the series topic: one record per (series, article)."""
    return f"{update.series_key}\x1f{update.article_id}".encode()


def conflicts_counter(registry: CollectorRegistry) -> Counter:
    """recruitwatch_sink_facts_conflicting_total{reason}, every reason at 0 from the start."""
    counter = Counter(SINK_FACTS_CONFLICTING, "Facts kept out of their series because a more specific "
                      "fact of the same article gave another value, by the deciding rule.", ["reason"],
                      registry=registry)
    for reason in CONFLICT_REASONS:
        counter.labels(reason)
    return counter


class RouteLoop(ConsumerRebalanceListener):
    """Consumes recruitment.facts in the route group; keeps the assigned partitions' article records."""

    def __init__(self, ctx: SinkContext, producer: AIOKafkaProducer, consumer: AIOKafkaConsumer) -> None:
        self.ctx = ctx
        self.producer = producer
        self.consumer = consumer
        self.reader = make_reader(ctx.settings.kafka_bootstrap_servers)
        self.articles: dict[int, dict[str, ArticleRecord]] = {}  # per partition, once read back
        self.assigned = asyncio.Event()
        self._batch = asyncio.Lock()
        self.conflicts = conflicts_counter(ctx.health.registry)

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        """Wait for the batch in progress (it commits), then forget the revoked partitions."""
        async with self._batch:
            self.assigned.clear()
            for tp in revoked:
                self.articles.pop(tp.partition, None)

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        """Read the assigned partitions' article records back from the articles topic."""
        topic = self.ctx.settings.articles_topic
        for tp in assigned:
            self.articles.pop(tp.partition, None)
        for tp in assigned:
            records = await read_range(self.reader, [TopicPartition(topic, tp.partition)], None)
            self.articles[tp.partition] = {
                key.decode(): orjson.loads(value) for key, value in records if key is not None and value is not None
            }
        log.info("route partitions assigned", extra={"partitions": sorted(tp.partition for tp in assigned),
                                                     "articles": sum(len(a) for a in self.articles.values())})
        self.assigned.set()

    async def run(self) -> None:
        """Consume, route and commit, batch after batch, until cancelled (the reader is started by then)."""
        while True:
            batches = await self.consumer.getmany(timeout_ms=1000, max_records=self.ctx.settings.max_batch)
            async with self._batch:
                await self._process(batches)

    async def _process(self, batches: dict[TopicPartition, list[ConsumerRecord[Any, Any]]]) -> None:
        """Route every record of the batch, then commit what was routed."""
        owned = self.consumer.assignment()
        offsets = {}
        for tp, records in batches.items():
            if tp not in owned:  # revoked before the batch was taken up: its new owner reads it
                continue
            if tp.partition not in self.articles:  # fetched while its articles are still being read back
                with contextlib.suppress(IllegalStateError):
                    self.consumer.seek(tp, records[0].offset)
                continue
            for record in records:
                await self._route(record)
            offsets[tp] = records[-1].offset + 1
        if offsets:
            await with_retries(partial(self._commit, offsets))

    async def _commit(self, offsets: dict[TopicPartition, int]) -> None:
        """Commit; a group that moved on meanwhile gives the records to their new owner (replay is harmless)."""
        try:
            await self.consumer.commit(offsets)
        except (CommitFailedError, IllegalStateError) as exc:
            log.warning("commit refused after a rebalance; the new owner reprocesses", extra={"error": repr(exc)})

    async def _route(self, record: ConsumerRecord[Any, Any]) -> None:
        """One record: skipped with a reason, dead-lettered, or routed."""
        articles = self.articles[record.partition]
        try:
            plan = poison_on_error(partial(plan_record, articles, record.value))
        except SchemaError as exc:
            await self.ctx.dead_letter(STAGE, exc, record)
            return
        if isinstance(plan, str):
            self.ctx.health.skip(STAGE, plan)
            return
        await with_retries(partial(self._publish_updates, plan.updates))
        if plan.record is None:
            self.ctx.health.skip(STAGE, plan.outcome)
            return
        value = orjson.dumps(plan.record)
        await with_retries(partial(self._send, self.ctx.settings.articles_topic, plan.article_id.encode(), value,
                                   record.partition))
        articles[plan.article_id] = plan.record
        for reason in conflicts_of(plan):
            self.conflicts.labels(reason).inc()
        self.ctx.health.ok(STAGE)

    async def _publish_updates(self, updates: tuple[SeriesUpdate, ...]) -> None:
        """Send every update to its series partition and wait for all the acks."""
        topic, partitions = self.ctx.settings.series_topic, self.ctx.partitions
        futures = [await self.producer.send(topic, orjson.dumps(u.to_dict()), key=update_key(u),
                                            partition=series_partition(u.series_key, partitions)) for u in updates]
        await asyncio.wait_for(asyncio.gather(*futures), self.ctx.settings.write_timeout)

    async def _send(self, topic: str, key: bytes, value: bytes, partition: int) -> None:
        """One acked write."""
        await asyncio.wait_for(self.producer.send_and_wait(topic, value, key=key, partition=partition),
                               self.ctx.settings.write_timeout)
