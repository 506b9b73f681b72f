"""Faust wiring of the extractor: parse (articles.raw → articles.text) and facts (→ recruitment.facts).

Agents only loop: decode → pure function (services/extractor/stages.py, run off the event loop) → publish,
awaiting every broker ack → dead letter on error. Concurrency stays 1 so each partition keeps its order.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import faust

from services import __version__
from services.extractor.metrics import ExtractorMetrics
from services.extractor.parse import ParseError
from services.extractor.settings import ExtractorSettings
from services.extractor.stages import extract_article, parse_raw
from services.shared.events import Event, RawArticle, TextArticle, decode, encode
from services.shared.health import PipelineHealth
from services.shared.lag import install_lag_monitor
from services.shared.streaming import add_metrics_page, make_app, send_dead_letter

log = logging.getLogger(__name__)

APP_ID = "recruitwatch-extractor"
STAGE_PARSE = "parse"
STAGE_FACTS = "facts"
RAW: dict[str, Any] = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}
T = TypeVar("T")


@dataclass
class Extractor:
    """The extractor's Faust app, its topics and metrics."""

    app: faust.App
    settings: ExtractorSettings
    health: PipelineHealth
    metrics: ExtractorMetrics
    text_topic: faust.TopicT
    facts_topic: faust.TopicT
    dlq: faust.TopicT


async def publish(topic: faust.TopicT, key: str, records: Sequence[Event]) -> None:
    """Send records under one key in order and wait for every broker ack."""
    futures = [await topic.send(key=key.encode(), value=encode(r)) for r in records]
    await asyncio.gather(*futures)


async def _timed(ex: Extractor, stage: str, fn: Callable[[Any], T], arg: Any) -> T:
    """Run a pure, CPU-bound stage function in a thread (the loop keeps heartbeats and /metrics alive)."""
    start = time.perf_counter()
    try:
        return await asyncio.get_running_loop().run_in_executor(None, fn, arg)
    finally:
        ex.metrics.seconds.labels(stage).observe(time.perf_counter() - start)


async def handle_raw(ex: Extractor, value: bytes | None) -> None:
    """Parse agent body: RawArticle → TextArticle on articles.text; unusable pages are counted skips."""
    if value is None:
        ex.health.skip(STAGE_PARSE, "tombstone")
        return
    raw = decode(value, RawArticle)
    try:
        article, page = await _timed(ex, STAGE_PARSE, parse_raw, raw)
    except ParseError as exc:
        ex.health.skip(STAGE_PARSE, exc.reason)
        log.info("page skipped", extra={"article_id": raw.article_id, "url": raw.url, "reason": exc.reason})
        return
    await publish(ex.text_topic, article.article_id, [article])
    ex.metrics.parsed(page.method, page.published_from)
    ex.health.ok(STAGE_PARSE)


async def handle_text(ex: Extractor, value: bytes | None) -> None:
    """Facts agent body: TextArticle → each FactEvent, then the ExtractionEvent, on recruitment.facts."""
    if value is None:
        ex.health.skip(STAGE_FACTS, "tombstone")
        return
    article = decode(value, TextArticle)
    event = await _timed(ex, STAGE_FACTS, extract_article, article)
    await publish(ex.facts_topic, article.article_id, [*event.facts, event])
    ex.metrics.extracted(event.relevant, len(event.facts))
    ex.health.ok(STAGE_FACTS)


def build(settings: ExtractorSettings | None = None) -> Extractor:
    """The extractor app from settings: topics, the two agents, lag monitor and /metrics."""
    settings = settings or ExtractorSettings()
    app = make_app(APP_ID, settings, web_port=settings.web_port, datadir=settings.datadir)
    health = PipelineHealth("extractor")
    topics = settings.topics
    ex = Extractor(
        app=app,
        settings=settings,
        health=health,
        metrics=ExtractorMetrics(health.registry),
        text_topic=app.topic(topics.text, **RAW),
        facts_topic=app.topic(topics.facts, **RAW),
        dlq=app.topic(topics.dlq, **RAW),
    )
    _agent(ex, app.topic(topics.raw, **RAW), STAGE_PARSE, handle_raw)
    _agent(ex, ex.text_topic, STAGE_FACTS, handle_text)
    add_metrics_page(app, health.registry)
    install_lag_monitor(app, health, settings.lag_interval)
    return ex


def _agent(ex: Extractor, source: faust.TopicT, stage: str, body: Callable[[Extractor, bytes | None], Any]) -> None:
    """Register an agent (concurrency 1) that runs `body` per record and dead-letters what it raises."""

    async def agent(stream: AsyncIterable[Any]) -> None:
        async for event in stream.events():  # type: ignore[attr-defined]
            try:
                await body(ex, event.value)
            except Exception as exc:
                ex.health.fail(stage, type(exc).__name__)
                await send_dead_letter(ex.dlq, stage, exc, event.value, service_version=__version__, message=event.message)

    agent.__name__ = agent.__qualname__ = stage
    ex.app.agent(source, name=stage, concurrency=1)(agent)
