"""`recruitwatch reprocess`: run the current extractor again over stored articles.

Stage `facts` reads `articles.text` and republishes each article's facts and extraction record to
`recruitment.facts`; stage `parse` reads the raw store (`articles.raw.store`), parses each page again to
`articles.text`, then extracts its facts. Only the latest record of each article in the input is processed.
The outputs are exactly what the extractor's agents produce for the same input (the same pure stage
functions), so the sink's rule (a newer extractor version supersedes an article's facts and retracts those
it no longer finds; an equal one is a duplicate) makes it idempotent.

A job (stage, extractor/parser version, filters) covers the input as it was when the job started; its
progress is kept in Kafka (services/history/progress.py) after each acknowledged checkpoint, so a killed job
resumes where it stopped, and a job that already finished does nothing: running `reprocess` after every
upgrade re-extracts exactly when the version changed. The rate follows the live pipeline
(services/history/pace.py): paused while live work waits, climbing back to at most `--rate` articles/s.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.structs import ConsumerRecord
from prometheus_client import CollectorRegistry, Gauge, start_http_server
from prometheus_client import Counter as PromCounter

from services import __version__
from services.extractor.parse import PARSER_VERSION, ParseError
from services.extractor.stages import extract_article, parse_raw
from services.extractor.version import EXTRACTOR_VERSION
from services.history.live import GroupLag
from services.history.pace import RECHECK_SECONDS, Load, RateController
from services.history.progress import ProgressStore, bar, history_topic
from services.shared.admin import ensure_topics
from services.shared.config import ServiceSettings
from services.shared.events import EXTRACTION, Event, RawArticle, TextArticle, dead_letter, decode, encode
from services.shared.kafkaio import make_producer, make_reader

log = logging.getLogger(__name__)
STAGES = ("parse", "facts")
CHECKPOINT_EVERY = 50
CHECKPOINT_SECONDS = 2.0
MAX_UNACKED = 500
"""Outputs sent but not yet acknowledged before the job waits (extraction overlaps the broker round trips)."""

PARSER_FIELD = re.compile(rb'"parser_version":"([^"]*)"')


def extraction_version(value: bytes) -> str | None:
    """The extractor version of an extraction record; None for anything else on recruitment.facts."""
    try:
        data = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None  # not an extraction record
    if isinstance(data, dict) and data.get("schema") == EXTRACTION:
        return str(data.get("extractor_version"))
    return None


def text_parser(value: bytes) -> str | None:
    """The parser version of an articles.text record, read without decoding the text."""
    found = PARSER_FIELD.search(value)
    return found.group(1).decode() if found else None


@dataclass(frozen=True)
class Job:
    """What to re-extract: the stage to start from and the article filters."""

    stage: str = "facts"
    since: date | None = None
    source: str | None = None

    @property
    def version(self) -> str:
        """The versions whose change makes this job new."""
        return f"{EXTRACTOR_VERSION}+{PARSER_VERSION}" if self.stage == "parse" else EXTRACTOR_VERSION

    @property
    def job_id(self) -> str:
        """Key of the job's progress record."""
        return f"reprocess:{self.stage}:{self.version}:{self.since or '-'}:{self.source or '*'}"

    def selects(self, record: dict[str, Any]) -> bool:
        """Whether a stored article (decoded JSON) is in the job: its source, published on or after `since`.

        An articles.text record is dated by its published date, or its fetch date when it has none. A raw
        store record has no published date until it is parsed: it is selected when fetched on or after
        `since` (a page is published before it is fetched) and checked again once parsed (`keeps`)."""
        if self.source and record.get("source_id") != self.source:
            return False
        return self.since is None or article_date(record) >= self.since.isoformat()

    def keeps(self, article: Event) -> bool:
        """Whether a re-parsed article is still in the job once its published date is known."""
        return self.since is None or article_date(orjson.loads(encode(article))) >= self.since.isoformat()


def article_date(record: dict[str, Any]) -> str:
    """The date `--since` compares (YYYY-MM-DD): the article's published date, else the date it was fetched."""
    return str(record.get("published") or record.get("fetched_at") or "")[:10]


@dataclass
class Outputs:
    """What one stored article becomes: records per output topic, or a skip reason."""

    text: list[Event] = field(default_factory=list)
    facts: list[Event] = field(default_factory=list)
    skipped: str | None = None


def reparse(stage: str, value: bytes) -> Outputs:
    """The articles.text record the parse agent would publish for this raw page (pure); its facts are left to
    the live facts agent, which extracts every articles.text record (the automatic parse-stage job)."""
    try:
        article, _ = parse_raw(decode(value, RawArticle))
    except ParseError as exc:
        return Outputs(skipped=exc.reason)
    return Outputs(text=[article])


def reextract(stage: str, value: bytes) -> Outputs:
    """The records the extractor's agents would publish for this stored article (pure)."""
    if stage == "parse":
        try:
            article, _ = parse_raw(decode(value, RawArticle))
        except ParseError as exc:
            return Outputs(skipped=exc.reason)
        event = extract_article(article)
        return Outputs(text=[article], facts=[*event.facts, event])
    event = extract_article(decode(value, TextArticle))
    return Outputs(facts=[*event.facts, event])


async def scan(reader: AIOKafkaConsumer, tp: TopicPartition, start: int, end: int) -> AsyncIterator[ConsumerRecord[Any, Any]]:
    """Records of `tp` from offset `start` up to `end` (exclusive), streamed (compaction gaps are fine)."""
    if start >= end:
        return
    reader.assign([tp])
    reader.seek(tp, start)
    while True:
        msgs = (await reader.getmany(tp, timeout_ms=500, max_records=200)).get(tp, [])
        for m in msgs:
            if m.offset >= end:
                return
            yield m
        if (msgs and msgs[-1].offset + 1 >= end) or (not msgs and await reader.position(tp) >= end):
            return


class Metrics:
    """recruitwatch_reprocess_* families, served on --metrics-port when given (or on the extractor's /metrics)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.articles = PromCounter("recruitwatch_reprocess_articles", "Stored articles re-extracted, by outcome.",
                                    ["stage", "outcome"], registry=self.registry)
        self.remaining = Gauge("recruitwatch_reprocess_remaining_articles", "Articles left in the running job.",
                               ["stage"], registry=self.registry)
        self.rate = Gauge("recruitwatch_reprocess_rate", "Articles per second the running job may take now "
                          "(0 while it yields to live traffic).", ["stage"], registry=self.registry)
        self.paused = Gauge("recruitwatch_reprocess_paused", "1 while the running job waits for live traffic.",
                            ["stage"], registry=self.registry)
        self.pauses = PromCounter("recruitwatch_reprocess_pauses", "Times the job paused for live traffic, by "
                                  "reason (live_backlog: the extractor's input; sink_backlog: the sink's).",
                                  ["stage", "reason"], registry=self.registry)


@dataclass
class Reprocessor:
    """Runs one reprocess job against Kafka."""

    settings: ServiceSettings
    job: Job
    rate: float = 20.0
    """Articles per second at most."""
    metrics: Metrics = field(default_factory=Metrics)
    counts: Counter[str] = field(default_factory=Counter)
    this_run: int = 0
    unacked: list[asyncio.Future[Any]] = field(default_factory=list)
    extract: Callable[[str, bytes], Awaitable[Outputs]] | None = None
    """How to run `reextract` (default: in a thread; the extractor service uses its stage worker process)."""
    older_only: bool = False
    """Only articles whose latest extraction on recruitment.facts is by another extractor version (the automatic
    run after an upgrade: articles not yet extracted, or extracted by this version, are the live agents')."""
    versions: dict[bytes, str] = field(default_factory=dict)
    parsers: dict[bytes, str] = field(default_factory=dict)
    """With `older_only` and the parse stage: the parser version of each article's latest articles.text record."""
    pace: RateController | None = None
    """How the rate follows live traffic (default: none, a fixed `rate`; the command and the extractor pass one)."""
    load: Callable[[], Awaitable[Load]] | None = None
    """How busy the live pipeline is (default: the extractor's and the sink's consumer groups, GroupLag)."""

    @property
    def input_topic(self) -> str:
        """Where the stored articles are read from."""
        topics = self.settings.topics
        return topics.raw_store if self.job.stage == "parse" else topics.text

    async def run(self, restart: bool = False) -> dict[str, Any]:
        """Run (or resume) the job to its end; return the summary."""
        bootstrap = self.settings.kafka_bootstrap_servers
        await ensure_topics(bootstrap, self.settings.topic_prefix)  # the raw store is new in older deployments
        producer, reader = make_producer(bootstrap), make_reader(bootstrap)
        self.pace = self.pace or RateController(self.rate, follow_live=False)
        lag = GroupLag(self.settings) if self.load is None and self.pace.follow_live else None
        await producer.start()
        await reader.start()
        store = ProgressStore(bootstrap, history_topic(self.settings.topic_prefix), producer)
        try:
            if lag is not None:
                await lag.start()
                self.load = lag
            await store.ensure()
            progress = None if restart else await store.load(self.job.job_id)
            if progress is None:
                progress = await self._new_progress(reader, producer)
            started = time.monotonic()
            if not progress.get("complete"):
                progress = await self._work(reader, producer, store, progress)
            return self._summary(progress, self.this_run, time.monotonic() - started)
        finally:
            self.metrics.rate.labels(self.job.stage).set(0)
            self.metrics.paused.labels(self.job.stage).set(0)
            if lag is not None:
                self.load = None
                await lag.stop()
            await reader.stop()
            await producer.stop()

    async def _new_progress(self, reader: AIOKafkaConsumer, producer: AIOKafkaProducer) -> dict[str, Any]:
        """A new job over the input as it is now (its current end offsets)."""
        parts = await producer.partitions_for(self.input_topic)
        tps = [TopicPartition(self.input_topic, p) for p in sorted(parts)]
        ends = await reader.end_offsets(tps)
        return {"job": self.job.job_id, "stage": self.job.stage, "started": time.time(),
                "ends": {str(tp.partition): off for tp, off in ends.items()},
                "next": {str(tp.partition): 0 for tp in tps}, "done": 0, "counts": {}, "complete": False}

    async def _latest(self, reader: AIOKafkaConsumer, tp: TopicPartition, end: int) -> set[int]:
        """Offsets of the latest selected record of each article in [0, end)."""
        latest: dict[bytes, int] = {}
        async for m in scan(reader, tp, 0, end):
            if m.key is None:
                continue
            if m.value is None:
                latest.pop(m.key, None)
                continue
            try:  # the versions first: most records of an automatic job are left out without decoding them
                selected = self._older(m.key) and self.job.selects(orjson.loads(m.value))
            except orjson.JSONDecodeError:
                selected = True  # processed, so it is dead-lettered with its error rather than silently skipped
            if selected:
                latest[m.key] = m.offset
            else:
                latest.pop(m.key, None)
        return set(latest.values())

    async def _latest_by_key(self, reader: AIOKafkaConsumer, producer: AIOKafkaProducer, topic: str,
                             read: Callable[[bytes], str | None]) -> dict[bytes, str]:
        """What `read` finds in the latest record of each key of `topic` that it can read."""
        tps = [TopicPartition(topic, p) for p in sorted(await producer.partitions_for(topic))]
        found: dict[bytes, str] = {}
        for tp, end in (await reader.end_offsets(tps)).items():
            async for m in scan(reader, tp, 0, end):
                if m.key is not None and m.value is not None and (value := read(m.value)) is not None:
                    found[m.key] = value
        return found

    async def _extracted_versions(self, reader: AIOKafkaConsumer, producer: AIOKafkaProducer) -> dict[bytes, str]:
        """The extractor version of each article's latest extraction record on recruitment.facts."""
        return await self._latest_by_key(reader, producer, self.settings.topics.facts, extraction_version)

    async def _text_parsers(self, reader: AIOKafkaConsumer, producer: AIOKafkaProducer) -> dict[bytes, str]:
        """The parser version of each article's latest articles.text record (read without decoding the texts)."""
        return await self._latest_by_key(reader, producer, self.settings.topics.text, text_parser)

    def _older(self, key: bytes) -> bool:
        """Whether an article is in the job by its versions: always, or with `older_only` when its text is by
        another parser version (parse stage) or its extraction by another extractor version (facts stage); the
        sink orders extractions by both versions, so a re-parse under the same extractor version reaches it."""
        if not self.older_only:
            return True
        if self.job.stage == "parse":
            return self.parsers.get(key, PARSER_VERSION) != PARSER_VERSION
        return self.versions.get(key, EXTRACTOR_VERSION) != EXTRACTOR_VERSION

    async def _work(self, reader: AIOKafkaConsumer, producer: AIOKafkaProducer, store: ProgressStore,
                    progress: dict[str, Any]) -> dict[str, Any]:
        if self.older_only and self.job.stage == "parse":
            self.parsers = await self._text_parsers(reader, producer)
        elif self.older_only:
            self.versions = await self._extracted_versions(reader, producer)
        todo = {p: await self._latest(reader, TopicPartition(self.input_topic, int(p)), end)
                for p, end in progress["ends"].items()}
        total = sum(len(offs) for offs in todo.values())
        done_before = sum(1 for p, offs in todo.items() for o in offs if o < progress["next"][p])
        self.counts.update(progress.get("counts", {}))
        progress["total"] = total
        self.metrics.remaining.labels(self.job.stage).set(total - done_before)
        last_save, since_save = time.monotonic(), 0
        with bar(total, f"reprocess {self.job.stage}", done_before) as shown:
            for p, end in progress["ends"].items():
                tp = TopicPartition(self.input_topic, int(p))
                async for m in scan(reader, tp, progress["next"][p], end):
                    if m.offset in todo[p]:
                        await self._turn()
                        await self._one(producer, m)
                        since_save += 1
                        shown.update(1)
                        self.metrics.remaining.labels(self.job.stage).dec()
                    progress["next"][p] = m.offset + 1
                    if since_save >= CHECKPOINT_EVERY or time.monotonic() - last_save > CHECKPOINT_SECONDS:
                        await self._save(store, progress)
                        last_save, since_save = time.monotonic(), 0
                progress["next"][p] = end
        progress["complete"] = True
        progress["finished"] = time.time()
        await self._save(store, progress)
        return progress

    async def _turn(self) -> None:
        """Wait until the next article may be re-extracted: live traffic first, then at most `rate`/s."""
        assert self.pace is not None
        stage = self.job.stage
        while True:
            was_paused = self.pace.paused
            load = await self.load() if self.load is not None and self.pace.follow_live else Load()
            wait = self.pace.decide(load, time.monotonic())
            self.metrics.rate.labels(stage).set(self.pace.rate)
            self.metrics.paused.labels(stage).set(int(self.pace.paused))
            if self.pace.paused and not was_paused:
                self.metrics.pauses.labels(stage, self.pace.reason).inc()
            if wait == 0:
                return
            await asyncio.sleep(RECHECK_SECONDS if wait is None else wait)

    async def _save(self, store: ProgressStore, progress: dict[str, Any]) -> None:
        """Checkpoint: once every output sent so far is acknowledged (a send that failed stops the job)."""
        await self._drain()
        progress["counts"] = dict(self.counts)
        progress["done"] = sum(self.counts.values())
        await store.save(self.job.job_id, progress)

    async def _one(self, producer: AIOKafkaProducer, m: ConsumerRecord[Any, Any]) -> None:
        """Re-extract one stored article and wait until its outputs (or its dead letter) are acknowledged."""
        topics = self.settings.topics
        try:
            if self.extract is not None:
                out = await self.extract(self.job.stage, m.value)
            else:
                out = await asyncio.to_thread(reextract, self.job.stage, m.value)
        except Exception as exc:  # a record the extractor cannot handle: dead letter, never a stop
            letter = dead_letter(f"reprocess-{self.job.stage}", exc, m.value, service_version=__version__,
                                 topic=m.topic, partition=m.partition, offset=m.offset, key=m.key)
            await producer.send_and_wait(topics.dlq, encode(letter), key=m.key)
            self._count("dead_lettered")
            log.warning("reprocess failed", extra={"offset": m.offset, "error": letter.error})
            return
        if out.skipped:
            self._count(f"skipped:{out.skipped}")
            return
        if out.text and not all(self.job.keeps(t) for t in out.text):
            self._count("skipped:published_before_since")
            return
        self.unacked += [await producer.send(topics.text, encode(r), key=m.key) for r in out.text]
        self.unacked += [await producer.send(topics.facts, encode(r), key=m.key) for r in out.facts]
        self._count("reprocessed")
        if len(self.unacked) > MAX_UNACKED:
            await self._drain()

    async def _drain(self) -> None:
        """Wait for the broker's acks of every output sent (the producer keeps each article's order)."""
        pending, self.unacked = self.unacked, []
        await asyncio.gather(*pending)

    def _count(self, outcome: str) -> None:
        self.counts[outcome] += 1
        self.this_run += 1
        self.metrics.articles.labels(self.job.stage, outcome.split(":")[0]).inc()

    def _summary(self, progress: dict[str, Any], this_run: int, seconds: float) -> dict[str, Any]:
        return {"job": progress["job"], "articles": progress.get("total", progress.get("done", 0)),
                "outcomes": progress.get("counts", {}), "this_run": this_run, "seconds": round(seconds, 1),
                "articles_per_s": round(this_run / seconds, 1) if this_run and seconds > 0 else None,
                "complete": bool(progress.get("complete"))}


def serve_metrics(metrics: Metrics, port: int) -> None:
    """Serve the job's metrics on `port` (0: not served)."""
    if port:
        start_http_server(port, registry=metrics.registry)
