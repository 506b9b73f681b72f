"""Faust wiring of the extractor: parse (articles.raw → articles.text) and facts (→ recruitment.facts).

Agents only loop: decode → pure function (services/extractor/stages.py, run off the event loop) → publish,
awaiting every broker ack → dead letter on error. Concurrency stays 1 so each partition keeps its order.
A broker that is away is not the record's fault: sends are retried with backoff until they are acknowledged.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterable, Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import faust
from aiokafka.errors import KafkaError, KafkaTimeoutError

from services import __version__
from services.extractor.budget import BUDGET_EXCEEDED, BudgetExceeded, StageRunner, check_size
from services.extractor.metrics import ExtractorMetrics
from services.extractor.parse import ParseError
from services.extractor.settings import ExtractorSettings
from services.extractor.stages import extract_article_counted, parse_raw, warm_up
from services.history.live import EXTRACTOR_GROUP, GroupLag
from services.history.pace import Load, RateController
from services.history.reprocess import Job, Metrics, Reprocessor, reextract, reparse
from services.shared.events import Event, RawArticle, TextArticle, decode, encode
from services.shared.health import PipelineHealth
from services.shared.lag import consumer_lag, install_lag_monitor
from services.shared.streaming import add_metrics_page, install_metadata_watchdog, make_app, send_dead_letter

log = logging.getLogger(__name__)

APP_ID = EXTRACTOR_GROUP
STAGE_PARSE = "parse"
STAGE_FACTS = "facts"
RAW: dict[str, Any] = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}
T = TypeVar("T")
RETRY_MAX_DELAY = 10.0
"""Longest wait between two attempts to publish while the broker is unavailable."""
REPROCESS_CHECK_SECONDS = 5.0
"""How often the leader worker checks that the stored articles were re-extracted by this version."""
REPROCESS_RETRY_SECONDS = 60.0
"""Wait before a failed background re-extraction is resumed."""
REPROCESS_DRAIN_SECONDS = 2.0
"""Wait after the re-parsed texts were taken up, for the facts agent's last extractions to be acknowledged."""


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
    runner: StageRunner


def transient(exc: BaseException) -> bool:
    """Whether an error means the broker is unavailable for now (retry) rather than a bad record (dead letter)."""
    if isinstance(exc, asyncio.TimeoutError | ConnectionError | KafkaTimeoutError):
        return True
    return isinstance(exc, KafkaError) and bool(exc.retriable)


async def retrying(op: Callable[[], Awaitable[T]], what: str, max_delay: float = RETRY_MAX_DELAY) -> T:
    """Run `op` until it succeeds, backing off on transient Kafka errors; other errors propagate."""
    delay = min(0.5, max_delay)
    while True:
        try:
            return await op()
        except Exception as exc:
            if not transient(exc):
                raise
            log.warning("kafka unavailable, retrying", extra={"what": what, "error": repr(exc), "retry_in": delay})
            await asyncio.sleep(delay)
            delay = min(2 * delay, max_delay)


async def publish(topic: faust.TopicT, key: str, records: Sequence[Event]) -> None:
    """Send records under one key in order and wait for every broker ack, retrying while Kafka is away."""

    async def send_all() -> None:
        futures = [await topic.send(key=key.encode(), value=encode(r)) for r in records]
        await asyncio.gather(*futures)

    await retrying(send_all, f"publish to {topic.get_topic_name()}")


async def _timed(ex: Extractor, stage: str, fn: Callable[[Any], T], arg: Any) -> T:
    """Run a pure, CPU-bound stage function in the stage's worker process, within its time budget (the loop
    keeps heartbeats and /metrics alive; a runaway article is stopped, see services/extractor/budget.py)."""
    with ex.metrics.timed(ex.metrics.seconds, stage):
        return await ex.runner.run(stage, fn, arg, ex.settings.stage_timeout_s)


async def handle_raw(ex: Extractor, value: bytes | None) -> None:
    """Parse agent body: RawArticle → TextArticle on articles.text; unusable pages are counted skips."""
    if value is None:
        ex.health.skip(STAGE_PARSE, "tombstone")
        return
    raw = decode(value, RawArticle)
    check_size(STAGE_PARSE, "html", len(raw.html), ex.settings.max_html_chars)
    try:
        article, page = await _timed(ex, STAGE_PARSE, parse_raw, raw)
    except ParseError as exc:
        ex.health.skip(STAGE_PARSE, exc.reason)
        log.info("page skipped", extra={"article_id": raw.article_id, "url": raw.url, "reason": exc.reason})
        return
    with ex.metrics.timed(ex.metrics.publish_seconds, STAGE_PARSE):
        await publish(ex.text_topic, article.article_id, [article])
    ex.metrics.parsed(page.method, page.published_from)
    ex.health.ok(STAGE_PARSE)


async def handle_text(ex: Extractor, value: bytes | None) -> None:
    """Facts agent body: TextArticle → each FactEvent, then the ExtractionEvent, on recruitment.facts."""
    if value is None:
        ex.health.skip(STAGE_FACTS, "tombstone")
        return
    article = decode(value, TextArticle)
    check_size(STAGE_FACTS, "text", len(article.text), ex.settings.max_text_chars)
    event, dropped = await _timed(ex, STAGE_FACTS, extract_article_counted, article)
    with ex.metrics.timed(ex.metrics.publish_seconds, STAGE_FACTS):
        await publish(ex.facts_topic, article.article_id, [*event.facts, event])
    ex.metrics.extracted(event.relevant, len(event.facts))
    ex.metrics.dropped(dropped)
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
        runner=StageRunner(settings.stage_workers, initializer=warm_up),
    )
    _agent(ex, app.topic(topics.raw, **RAW), STAGE_PARSE, handle_raw)
    _agent(ex, ex.text_topic, STAGE_FACTS, handle_text)
    add_metrics_page(app, health.registry)
    install_lag_monitor(app, health, settings.lag_interval)
    install_metadata_watchdog(app, [topics.raw, topics.text])
    _install_reprocess_on_upgrade(ex)

    @app.on_before_shutdown.connect
    async def _stop_runner(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
        ex.runner.close()

    return ex


def _agent(ex: Extractor, source: faust.TopicT, stage: str, body: Callable[[Extractor, bytes | None], Any]) -> None:
    """Register an agent (concurrency 1) that runs `body` per record and dead-letters what it raises."""

    async def agent(stream: AsyncIterable[Any]) -> None:
        async for event in stream.events():  # type: ignore[attr-defined]
            try:
                await body(ex, event.value)
            except Exception as exc:
                ex.health.fail(stage, BUDGET_EXCEEDED if isinstance(exc, BudgetExceeded) else type(exc).__name__)
                letter = partial(
                    send_dead_letter, ex.dlq, stage, exc, event.value, service_version=__version__, message=event.message
                )
                await retrying(letter, "dead letter")

    agent.__name__ = agent.__qualname__ = stage
    ex.app.agent(source, name=stage, concurrency=1)(agent)


class _Upgrade:
    """The background re-extraction of one extractor version (services/history/reprocess.py): first the parse
    stage from the raw store for articles whose text is by another parser version (their new texts go to
    articles.text, whose facts the live facts agent extracts), then the facts stage for the others."""

    def __init__(self, ex: Extractor) -> None:
        self.ex = ex
        self.metrics = Metrics(ex.health.registry)
        self.task: asyncio.Task[None] | None = None
        self.done = False
        self.retry_at = 0.0

    def tick(self) -> None:
        """Start the job unless it is done for this version, running, or waiting after a failure."""
        if self.done or (self.task is not None and not self.task.done()) or time.monotonic() < self.retry_at:
            return
        self.task = asyncio.create_task(self.run())

    async def _extract(self, stage: str, value: bytes) -> Any:
        """Re-parse (parse stage) or re-extract (facts stage) in the stage worker process, after any live
        article waiting for it."""
        fn = partial(reparse if stage == STAGE_PARSE else reextract, stage)
        return await self.ex.runner.run_background(stage, fn, value, self.ex.settings.stage_timeout_s)

    async def _load(self, sink: GroupLag) -> Load:
        """Live work now: records the agents have not taken yet, articles in their stages, the sink's lag."""
        topics = self.ex.settings.topics
        lags = await consumer_lag(self.ex.app)
        waiting = sum(lag for (topic, _), lag in lags.items() if topic in (topics.raw, topics.text))
        return Load(live=waiting + self.ex.runner.live, downstream=(await sink()).downstream)

    async def run(self) -> None:
        """Run (or resume, or find finished) the parse-stage, then the facts-stage job of this version."""
        s = self.ex.settings
        sink = GroupLag(s, include_live=False)
        summaries = []
        try:
            await sink.start()
            for stage in (STAGE_PARSE, STAGE_FACTS):
                pace = RateController(s.reprocess_rate, start_rate=s.reprocess_start_rate,
                                      max_downstream=s.reprocess_max_sink_lag)
                worker = Reprocessor(s, Job(stage), rate=s.reprocess_rate, metrics=self.metrics,
                                     extract=self._extract, older_only=True, pace=pace, load=partial(self._load, sink))
                summaries.append(await worker.run())
                if not summaries[-1]["complete"]:
                    return
                if stage == STAGE_PARSE and summaries[-1]["this_run"]:
                    log.info("re-parse for this parser version done", extra=summaries[-1])
                    await self._drained(sink)
        except Exception:
            log.exception("re-extraction after upgrade failed; retried later")
            self.retry_at = time.monotonic() + REPROCESS_RETRY_SECONDS
            return
        finally:
            await sink.stop()
        self.done = True
        log.info("re-extraction for this extractor version done" if any(x["this_run"] for x in summaries) else
                 "re-extraction for this extractor version already done", extra=summaries[-1])

    async def _drained(self, sink: GroupLag) -> None:
        """Wait until the live agents have taken up the re-parsed texts (so the facts job finds them done)."""
        while (await self._load(sink)).live:
            await asyncio.sleep(0.5)
        await asyncio.sleep(REPROCESS_DRAIN_SECONDS)


def _install_reprocess_on_upgrade(ex: Extractor) -> None:
    """On the leader worker: re-extract stored articles once per extractor version, at a bounded rate."""
    if ex.settings.reprocess_rate <= 0:
        return
    upgrade = _Upgrade(ex)

    @ex.app.timer(REPROCESS_CHECK_SECONDS, on_leader=True)
    async def _reprocess_on_upgrade() -> None:
        upgrade.tick()

    @ex.app.on_before_shutdown.connect
    async def _stop_reprocess(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
        if upgrade.task is not None:
            upgrade.task.cancel()
