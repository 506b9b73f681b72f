"""Faust wiring of the sink: two agents over two tables, /metrics and /facts. Logic lives in state.py."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterable, Awaitable, Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import faust
import orjson
from faust.web import Request, Response, View

from services import __version__
from services.shared.events import ExtractionEvent, FactEvent, SchemaError, decode
from services.shared.health import PipelineHealth
from services.shared.lag import install_lag_monitor
from services.shared.streaming import add_metrics_page, make_app, send_dead_letter
from services.shared.topics import PARTITIONS
from services.sink import facts_api
from services.sink.exposition import FactsCollector
from services.sink.settings import SinkSettings
from services.sink.state import (
    Candidate,
    Plan,
    SeriesEntries,
    SeriesUpdate,
    apply_update,
    current,
    plan_extraction,
    series_partition,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

APP_ID = "recruitwatch-sink"
STAGE_ARTICLES = "sink_articles"
STAGE_SERIES = "sink_series"
RETRIES = 8
EXIT_TRANSIENT = 75
RAW: dict[str, Any] = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}


@dataclass
class Sink:
    """The sink's Faust app with its tables and health metrics."""

    app: faust.App
    settings: SinkSettings
    health: PipelineHealth
    articles: Any
    series: Any

    def ready(self) -> bool:
        """Whether table recovery is over and the state is complete for the assigned partitions."""
        recovery = self.app.tables.recovery  # type: ignore[attr-defined]
        return bool(recovery.completed.is_set() and not self.app.in_recovery and not self.app.rebalancing)

    def owned_partitions(self) -> set[int]:
        """Partitions of the series topic assigned to this worker right now."""
        try:
            assignment = self.app.consumer.assignment()
        except Exception:  # consumer not started yet
            return set()
        return {tp.partition for tp in assignment if tp.topic == self.settings.series_topic}

    def current_facts(self) -> Iterator[Candidate]:
        """The current value of every series this worker owns."""
        for _, entries in self.series_items():
            fact = current(entries)
            if fact is not None:
                yield fact

    def series_items(self) -> list[tuple[str, SeriesEntries]]:
        """(series_key, entries) of every series this worker owns.

        Faust's memory store keeps keys written by this worker after their partition is revoked (it only
        forgets keys it recovered from the changelog), so ownership is checked here on every read.
        """
        owned = self.owned_partitions()
        return [(k, v) for k, v in self.series.items() if series_partition(k, PARTITIONS) in owned]


async def publish_updates(topic: faust.TopicT, updates: tuple[SeriesUpdate, ...]) -> None:
    """Send the updates keyed by series_key and wait for every broker ack (order kept per partition)."""
    futures = [
        await topic.send(key=u.series_key.encode(), value=orjson.dumps(u.to_dict()),
                         partition=series_partition(u.series_key, PARTITIONS))
        for u in updates
    ]
    await asyncio.gather(*futures)


async def with_retries(step: Callable[[], Awaitable[None]], attempts: int = RETRIES) -> None:
    """Run a step; poison (SchemaError) propagates, other errors are retried with backoff.

    Faust acks a message whose agent raised, so an error that is not the record's fault must neither be
    dead-lettered nor escape: after the retries the process exits at once, committing nothing further,
    and its restart (or another worker) processes the record again.
    """
    for attempt in range(1, attempts + 1):
        try:
            await step()
            return
        except SchemaError:
            raise
        except Exception:
            log.exception("sink step failed, retrying", extra={"attempt": attempt})
            if attempt == attempts:
                logging.shutdown()
                os._exit(EXIT_TRANSIENT)
            await asyncio.sleep(min(0.2 * 2**attempt, 10.0))


def build(settings: SinkSettings | None = None) -> Sink:
    """The sink app from settings: tables, agents, lag monitor and HTTP pages."""
    settings = settings or SinkSettings()
    # tables (and their changelogs) store JSON keys and values; the topics below stay raw bytes
    app = make_app(APP_ID, settings, web_port=settings.port, datadir=settings.datadir,
                   key_serializer="json", value_serializer="json")
    health = PipelineHealth("sink")
    table_codec: dict[str, Any] = {"key_type": str, "partitions": PARTITIONS}
    sink = Sink(
        app=app,
        settings=settings,
        health=health,
        articles=app.Table("articles", default=None, **table_codec),
        series=app.Table("series", default=None, **table_codec),
    )
    facts_topic = app.topic(settings.topics.facts, **RAW)
    series_topic = app.topic(settings.series_topic, partitions=PARTITIONS, internal=True, **RAW)
    dlq = app.topic(settings.topics.dlq, **RAW)

    async def dead_letter(stage: str, exc: Exception, event: Any) -> None:
        await send_dead_letter(dlq, stage, exc, event.value, service_version=__version__, message=event.message)
        health.fail(stage, type(exc).__name__)

    @app.agent(facts_topic, concurrency=1)
    async def route_extractions(stream: AsyncIterable[Any]) -> None:
        async for event in stream.events():  # type: ignore[attr-defined]
            try:
                await with_retries(partial(_route, sink, series_topic, event.value))
            except SchemaError as exc:
                await with_retries(partial(dead_letter, STAGE_ARTICLES, exc, event))

    @app.agent(series_topic, concurrency=1)
    async def apply_series(stream: AsyncIterable[Any]) -> None:
        async for event in stream.events():  # type: ignore[attr-defined]
            try:
                await with_retries(partial(_apply, sink, event.value))
            except SchemaError as exc:
                await with_retries(partial(dead_letter, STAGE_SERIES, exc, event))

    health.registry.register(FactsCollector(sink.current_facts, settings.max_series, sink.ready))
    add_metrics_page(app, health.registry)
    _add_facts_page(sink)
    install_lag_monitor(app, health, settings.lag_interval)
    return sink


def poison_on_error(step: Callable[[], T]) -> T:
    """Run a deterministic step on a record: any error is the record's fault (SchemaError, dead-lettered),
    so a decoding or logic surprise cannot become a crash loop on the same record."""
    try:
        return step()
    except SchemaError:
        raise
    except Exception as exc:
        raise SchemaError(f"{type(exc).__name__}: {exc}") from exc


def _plan(sink: Sink, value: bytes | None) -> Plan | str:
    """Agent 1's pure part: the record's plan, or the reason it is skipped."""
    if value is None:
        return "tombstone"
    record = decode(value)
    if isinstance(record, FactEvent):
        return "fact_event"
    if not isinstance(record, ExtractionEvent):
        raise SchemaError(f"unexpected schema {record.schema!r} on the facts topic")
    return plan_extraction(sink.articles.get(record.article_id), record)


async def _route(sink: Sink, series_topic: faust.TopicT, value: bytes | None) -> None:
    """Agent 1 body: an extraction → its series updates (acked) → the article's new record."""
    plan = poison_on_error(partial(_plan, sink, value))
    if isinstance(plan, str):
        sink.health.skip(STAGE_ARTICLES, plan)
        return
    await publish_updates(series_topic, plan.updates)
    if plan.record is None:
        sink.health.skip(STAGE_ARTICLES, plan.outcome)
        return
    sink.articles[plan.article_id] = plan.record
    sink.health.ok(STAGE_ARTICLES)


def _update(sink: Sink, value: bytes | None) -> tuple[str, SeriesEntries | None]:
    """Agent 2's pure part: the series key and its new entries (None: unchanged)."""
    if value is None:
        raise SchemaError("empty series update")
    update = SeriesUpdate.from_dict(orjson.loads(value))
    return update.series_key, apply_update(sink.series.get(update.series_key), update)


async def _apply(sink: Sink, value: bytes | None) -> None:
    """Agent 2 body: a series update → the series' new entries (unchanged when duplicate or older)."""
    key, entries = poison_on_error(partial(_update, sink, value))
    if entries is None:
        sink.health.skip(STAGE_SERIES, "unchanged")
        return
    sink.series[key] = entries
    sink.health.ok(STAGE_SERIES)


def _add_facts_page(sink: Sink) -> None:
    """GET /facts: current facts with provenance, filtered by province, place, metric, segment, period."""

    @sink.app.page("/facts")
    class Facts(View):
        async def get(self, request: Request) -> Response:
            params = {k: v for k, v in request.query.items()}
            unknown = facts_api.unknown_filters(params)
            if unknown:
                return self.json({"error": f"unknown filters {unknown}", "filters": facts_api.FILTERS}, status=400)
            facts = facts_api.query(sink.series_items(), params)
            body = {"ready": sink.ready(), "count": len(facts), "facts": facts}
            return self.bytes(orjson.dumps(body), content_type="application/json", status=200 if sink.ready() else 503)
