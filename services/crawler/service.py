"""The long-running crawler: replicas split sources through the state topic's partitions."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.abc import ConsumerRebalanceListener

from services.crawler.backfill import Backfiller, BackfillMetrics, Ledger, load_ledgers
from services.crawler.crawl import Candidate, Crawler, PollResult, PublishFailed, commit
from services.crawler.fetch import HttpClient
from services.crawler.metrics import STAGE, CrawlerMetrics
from services.crawler.once import loopback_hosts, safe_poll
from services.crawler.settings import CrawlerSettings
from services.crawler.sources import Registry, Source
from services.crawler.state import SourceState
from services.crawler.store import StateStore
from services.crawler.urls import host_key
from services.history.progress import ProgressStore, history_topic
from services.shared.admin import ensure_topics, wait_for_broker
from services.shared.events import encode
from services.shared.kafkaio import apply_retention, ensure_state_topic, make_producer, partition_for
from services.shared.topics import RAW_STORE
from services.shared.web import MetricsServer

log = logging.getLogger(__name__)


@dataclass
class Inflight:
    """A running poll; only the fetch phase may be cancelled."""

    task: asyncio.Task[None]
    publishing: bool = False


class _Listener(ConsumerRebalanceListener):
    def __init__(self, service: CrawlerService) -> None:
        self.service = service

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        await self.service.revoke({tp.partition for tp in revoked})

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        await self.service.assign({tp.partition for tp in assigned})


def politeness_key(source: Source) -> str:
    """The host whose politeness budget the source uses (its first entry's host)."""
    return host_key(source.entries[0].url)


class CrawlerService:
    """Owns some state partitions, polls their due sources, publishes with the pending protocol."""

    def __init__(self, settings: CrawlerSettings, registry: Registry, problems: list[str] | None = None) -> None:
        self.s = settings
        self.problems = problems or []
        self.sources = tuple(s for s in registry.sources if s.enabled)
        self.by_id = {s.id: s for s in self.sources}
        self.metrics = CrawlerMetrics()
        self.producer = make_producer(settings.kafka_bootstrap_servers)
        self.store = StateStore(settings.kafka_bootstrap_servers, settings.state_topic, settings.topics.raw,
                                self.producer)
        self.partitions = settings.state_partitions
        self.owned: set[int] = set()
        self.states: dict[str, SourceState] = {}
        self.inflight: dict[str, Inflight] = {}
        self.settle_until = 0.0
        self.crawler: Crawler | None = None
        self.background: Crawler | None = None  # backfills: the same client and gates, live polling first
        self.progress = ProgressStore(settings.kafka_bootstrap_servers, history_topic(settings.topic_prefix),
                                      self.producer)
        self.backfill_metrics = BackfillMetrics(self.metrics.health.registry)
        self.backfills: dict[str, asyncio.Task[None]] = {}
        self.ledgers: dict[str, Ledger] = {}  # per owned source with backfill progress: what its walks published
        self.live_claims: dict[str, set[str]] = {}  # article ids live polls published since their last commit
        self.backfill_done: set[str] = set()
        self.backfill_retry: dict[str, float] = {}
        self._sem = asyncio.Semaphore(settings.max_concurrent_sources)
        self._failpoint_hits = 0
        self._owner: dict[tuple[str, int], int] = {}

    def owner_partition(self, source_id: str) -> int:
        """State partition of a source: by its host, so one replica owns every source of a host (memoized:
        the scheduler asks for every source on every tick, and murmur2 is pure Python)."""
        key = (source_id, self.partitions)
        part = self._owner.get(key)
        if part is None:
            source = self.by_id.get(source_id)
            part = self._owner[key] = partition_for(politeness_key(source) if source else source_id, self.partitions)
        return part

    async def assign(self, parts: set[int]) -> None:
        """Load the state of newly owned sources and resolve their pending publications."""
        states = await self.store.load(sorted(parts))
        mine = {s.id for s in self.sources if self.owner_partition(s.id) in parts}
        # before any live poll: what backfill runs published (also runs made before a `backfill:` block was removed)
        self.ledgers.update(await load_ledgers(self.progress, self.s.topics.raw, mine))
        for source in self.sources:
            if self.owner_partition(source.id) in parts:
                state = states.get(source.id) or SourceState(source.id)
                if state.pending:
                    await self._resolve(state)
                self.states[source.id] = state
                self.metrics.watching(source.id, state.last_success)
        self.owned |= parts
        self.settle_until = time.monotonic() + self.s.settle_seconds
        self.metrics.owned.set(sum(1 for s in self.sources if self.owner_partition(s.id) in self.owned))
        log.info("partitions assigned", extra={"partitions": sorted(parts), "owned": sorted(self.owned)})

    async def _resolve(self, state: SourceState) -> None:
        pending, interrupted = len(state.pending), bool(state.open_from)
        missing = await self.store.resolve_pending(state)
        published = await self.store.resolve_open(state)
        if missing or interrupted:
            state.validators = {}  # rediscover what was not published
        await self.store.save(state, self.owner_partition(state.source_id))
        log.info("pending publications resolved",
                 extra={"source_id": state.source_id, "pending": pending, "not_published": missing,
                        "interrupted_poll": interrupted, "published_by_interrupted_poll": published})

    async def revoke(self, parts: set[int]) -> None:
        """Stop polling the revoked sources: cancel fetches, let publications finish."""
        self.owned -= parts
        await self._stop_backfills(parts)
        mine = [sid for sid in self.inflight if self.owner_partition(sid) in parts]
        for sid in mine:
            if not self.inflight[sid].publishing:
                self.inflight[sid].task.cancel()
        await asyncio.gather(*(self.inflight[sid].task for sid in mine if sid in self.inflight),
                             return_exceptions=True)
        await self.producer.flush()
        for sid in [s for s in self.states if self.owner_partition(s) in parts]:
            self.states.pop(sid, None)
            self.ledgers.pop(sid, None)
        log.info("partitions revoked", extra={"partitions": sorted(parts)})

    def due(self, now: float) -> list[Source]:
        """Owned sources that are due and not running."""
        return [
            s for s in self.sources
            if self.owner_partition(s.id) in self.owned and s.id not in self.inflight
            and s.id in self.states and self.states[s.id].next_due <= now
        ]

    async def _scheduler(self) -> None:
        while True:
            await asyncio.sleep(self.s.tick_seconds)
            if time.monotonic() < self.settle_until:
                continue
            for source in self.due(time.time()):
                holder = Inflight(asyncio.create_task(self._run_source(source)))
                self.inflight[source.id] = holder
            if self.s.backfill_in_service:
                self._start_backfills(time.time())

    def _start_backfills(self, now: float) -> None:
        """Start the background backfill of each owned source with a `backfill:` block not yet walked."""
        for source in self.sources:
            sid = source.id
            if (source.backfill is None or sid in self.backfills or sid in self.backfill_done
                    or sid not in self.states or self.states[sid].last_success is None  # after a live poll
                    or self.owner_partition(sid) not in self.owned or self.backfill_retry.get(sid, 0.0) > now):
                continue
            self.backfills[sid] = asyncio.create_task(self._run_backfill(source))

    async def _run_backfill(self, source: Source) -> None:
        """Walk the source's archive to its end (backfill.py: resumable, progress in the history topic)."""
        assert self.background is not None and source.backfill is not None

        def live(aid: str) -> bool:
            state = self.states.get(source.id)
            return aid in self.live_claims.get(source.id, ()) or bool(state and aid in state.seen)

        worker = Backfiller(self.background, self.producer, self.progress, self.store, self.s.topics,
                            self.backfill_metrics, self.s.backfill_checkpoint_seconds, live=live,
                            ledger=self.ledgers.setdefault(source.id, Ledger()))
        try:
            while True:
                summary = await worker.run(source, None, source.backfill.max_pages)
                if summary["complete"]:
                    break
            self.backfill_done.add(source.id)
            log.info("backfill done", extra={"source_id": source.id, **{k: v for k, v in summary.items()
                                                                          if k != "source"}})
        except asyncio.CancelledError:
            log.info("backfill paused (source revoked)", extra={"source_id": source.id})
        except Exception:
            log.exception("backfill failed", extra={"source_id": source.id})
            self.metrics.errors.labels(source.id, "bug").inc()
            self.backfill_retry[source.id] = time.time() + self.s.backoff_base
        finally:
            self.backfills.pop(source.id, None)

    async def _stop_backfills(self, parts: set[int]) -> None:
        """Cancel the backfills of revoked sources (they resume from their progress wherever they run next)."""
        mine = [self.backfills[sid] for sid in list(self.backfills) if self.owner_partition(sid) in parts]
        for task in mine:
            task.cancel()
        await asyncio.gather(*mine, return_exceptions=True)

    async def _run_source(self, source: Source) -> None:
        try:
            async with self._sem:
                state = self.states[source.id]
                assert self.crawler is not None
                if state.pending or state.open_from:  # an earlier poll stopped half-way: settle it first
                    await self._resolve(state)

                async def publish(cand: Candidate) -> None:
                    await self._publish_one(source, state, cand)

                await self._open(state)
                res = await safe_poll(self.crawler, source, state, publish)
                self.inflight[source.id].publishing = True
                await asyncio.shield(self._commit(source, state, res))
        except asyncio.CancelledError:
            log.info("poll cancelled (source revoked)", extra={"source_id": source.id})
        except PublishFailed:  # the next poll resolves what reached articles.raw first
            self.states[source.id].next_due = time.time() + self.s.backoff_base
        except Exception:
            log.exception("poll failed", extra={"source_id": source.id, "url": source.home})
            self.metrics.errors.labels(source.id, "bug").inc()
            self.states[source.id].next_due = time.time() + self.s.backoff_base
        finally:
            self.inflight.pop(source.id, None)

    async def _publish_one(self, source: Source, state: SourceState, cand: Candidate) -> None:
        """Publish one article as soon as it is fetched: raw store, then articles.raw, both acknowledged.

        The poll wrote the state with `open_from` (articles.raw end offsets) before it started, so a replica
        killed before the poll commits is resolved from articles.raw (store.py).
        """
        aid, ledger = cand.record.article_id, self.ledgers.get(source.id)
        if ledger is not None and await ledger.has(aid, cand.record.content_hash):
            log.info("published by the backfill", extra={"source_id": source.id, "url": cand.record.url})
            return  # remembered as seen at commit, not published twice
        self.live_claims.setdefault(source.id, set()).add(aid)  # no wait since `has` looked: the backfill skips it
        await self._open(state)  # done at the poll's start already: nothing between a fetch and its publication
        rec = cand.record
        value, key = encode(rec), rec.article_id.encode()
        try:
            await self.producer.send_and_wait(self.s.topics.raw_store, value, key=key)
            await self.producer.send_and_wait(self.s.topics.raw, value, key=key)
        except Exception as exc:
            log.error("publish failed", extra={"source_id": source.id, "url": rec.url, "error": repr(exc)})
            self.metrics.errors.labels(source.id, "publish_failed").inc()
            raise PublishFailed(str(exc)) from exc
        self.metrics.published.labels(source.id).inc()
        self.metrics.health.ok(STAGE)
        self._failpoint("after_publish")

    async def _open(self, state: SourceState) -> None:
        """Write the state with `open_from` (articles.raw end offsets) before the poll can publish anything."""
        if state.open_from:
            return
        ends = await self.store.raw_end_offsets()
        state.open_from = {str(p): off for p, off in ends.items()}
        await self.store.save(state, self.owner_partition(state.source_id))

    async def _commit(self, source: Source, state: SourceState, res: PollResult) -> None:
        """Commit a finished poll: seen articles, validators and schedule, acknowledged by the broker."""
        retry = max(self.crawler.client.politeness.blocked_for(host_key(e.url)) for e in source.entries) \
            if self.crawler else 0.0
        commit(state, res, source, self.s, time.time(), retry)
        await self.store.save(state, self.owner_partition(state.source_id))
        self.live_claims.pop(source.id, None)  # now in state.seen
        self._observe(source, state, res)

    def _failpoint(self, name: str) -> None:
        """Chaos testing only: SIGKILL this process at a named point once RECRUITWATCH_CRAWLER_FAILPOINT says so."""
        spec = os.environ.get("RECRUITWATCH_CRAWLER_FAILPOINT", "")
        if spec.startswith(name + ":"):
            self._failpoint_hits += 1
            if self._failpoint_hits >= int(spec.split(":", 1)[1]):
                log.warning("failpoint reached: SIGKILL", extra={"failpoint": spec})
                os.kill(os.getpid(), signal.SIGKILL)

    def _observe(self, source: Source, state: SourceState, res: PollResult) -> None:
        if res.entries_ok:
            self.metrics.poll_ok(source.id, state.interval)
            self.metrics.health.ok(STAGE, 0)  # stamps the last success; records are counted as published
        else:
            self.metrics.poll_failed(source.id, state.interval)
        log.info("poll done", extra={"source_id": source.id, "url": source.home, **res.summary(),
                                     "next_in": round(state.next_due - time.time(), 1)})

    async def _membership(self, consumer: AIOKafkaConsumer) -> None:
        while True:
            await consumer.getmany(timeout_ms=500)
            if consumer.assignment():
                consumer.pause(*consumer.assignment())

    def _consumer(self) -> AIOKafkaConsumer:
        # Membership only: its partitions stay paused and it never reads a record, so the offset reset is
        # irrelevant; crawl state is loaded from the beginning by store.py's separate reader.
        return AIOKafkaConsumer(
            bootstrap_servers=self.s.kafka_bootstrap_servers, group_id=self.s.group_id,
            enable_auto_commit=False, auto_offset_reset="latest",
            session_timeout_ms=int(self.s.kafka_session_timeout_s * 1000),
            heartbeat_interval_ms=int(self.s.kafka_heartbeat_interval_s * 1000),
            metadata_max_age_ms=int(self.s.kafka_metadata_max_age_s * 1000),
        )

    def _report_registry(self) -> None:
        """Invalid sources are logged and counted; the valid ones are served (never a crash loop)."""
        self.metrics.registry_problems.set(len(self.problems))
        for problem in self.problems:
            log.error("invalid source skipped", extra={"problem": problem})
        log.info("crawler starting", extra={"sources": len(self.sources), "registry_problems": len(self.problems)})

    async def _warm_up(self) -> None:
        """Fetch the topics' metadata now, so the first article of the first poll is not delayed by it."""
        await self.store.raw_end_offsets()
        for topic in (self.s.topics.raw_store, self.s.state_topic):
            await self.producer.partitions_for(topic)

    async def run(self, stop: asyncio.Event) -> None:
        """Serve until `stop` is set."""
        self._report_registry()
        await wait_for_broker(self.s.kafka_bootstrap_servers, timeout=120)
        await ensure_topics(self.s.kafka_bootstrap_servers, self.s.topic_prefix)
        self.partitions = await ensure_state_topic(self.s.kafka_bootstrap_servers, self.s.state_topic,
                                                   self.s.state_partitions)
        await apply_retention(self.s.kafka_bootstrap_servers, self.s.topics.raw_store, RAW_STORE,
                              self.s.raw_store_retention_days)
        web = MetricsServer(self.metrics.health.registry, self.s.metrics_host, self.s.metrics_port)
        await web.start()
        await self.producer.start()
        await self.store.start()
        await self.progress.ensure()
        await self._warm_up()
        consumer = self._consumer()
        await consumer.start()
        consumer.subscribe([self.s.state_topic], listener=_Listener(self))
        try:
            async with HttpClient(self.s, loopback_hosts(self.sources)) as client:
                self.crawler = Crawler(self.s, client, self.metrics)
                self.background = Crawler(self.s, client, self.metrics, background=True)
                self.background.robots = self.crawler.robots  # one robots.txt cache per host
                tasks = [asyncio.create_task(self._membership(consumer)), asyncio.create_task(self._scheduler())]
                await stop.wait()
                for t in tasks:
                    t.cancel()
                await self.revoke(set(self.owned))
        finally:
            with contextlib.suppress(Exception):
                await consumer.stop()
            await self.store.stop()
            await self.producer.stop()
            await web.stop()
