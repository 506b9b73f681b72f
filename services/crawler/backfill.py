"""`recruitwatch backfill`: walk a source's archive (sitemap indexes, numbered listing pages) down to a cutoff.

Pages are fetched through the crawler's own fetcher (robots.txt, address guards, size and time limits,
per-host politeness) with `BACKFILL_DELAY_FACTOR` times the host delay, so live polling keeps most of each
host's budget; inside the crawler service (service.py) the same walk runs on the service's own per-host
gates as background requests, which go after live ones (politeness.py). Each article published after the cutoff goes to the raw store and `articles.raw` like a live
one. Progress (the sitemap queue, the next listing page, the article ids handled) is kept per source in the
history topic and written after every archive page; before the first publication after a checkpoint it is
written with `open_from` (the articles.raw end offsets), so a run killed at any point resumes without
fetching published articles again, without publishing any twice and without gaps (as the live crawler,
store.py). Articles the live crawler has already published (its crawl state) are skipped; the other way round,
the walk keeps the short content hash of every article it published (`hashes`), which the crawler service
loads as a source's `Ledger` so that live polling never publishes again what a backfill run (this one, an
earlier one, a killed one, or `recruitwatch backfill`) published with the same content.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer, TopicPartition
from lxml import etree
from lxml import html as lxml_html
from prometheus_client import CollectorRegistry, Counter, Gauge, start_http_server

from services.crawler.crawl import Candidate, Crawler, PollResult
from services.crawler.fetch import FetchError, HttpClient
from services.crawler.metrics import CrawlerMetrics
from services.crawler.once import loopback_hosts
from services.crawler.parsing import Item, ParseError
from services.crawler.settings import CrawlerSettings
from services.crawler.sources import Backfill, Entry, Source
from services.crawler.state import SourceState
from services.crawler.store import StateStore
from services.crawler.textenc import LegacyEncoding
from services.crawler.urls import article_id, canonicalize
from services.extractor.pagedates import date_from_meta, date_from_url, parse_date_value
from services.history.progress import ProgressStore, bar, history_topic
from services.shared.admin import ensure_topics
from services.shared.events import encode
from services.shared.kafkaio import ensure_state_topic, make_producer, make_reader, read_range

log = logging.getLogger(__name__)
MAX_MISSES = 3
"""Consecutive listing pages that failed or had no new links before the listing walk ends."""
HASH_CHARS = 16
"""Hex digits of an article's content hash kept in the walk (enough to tell two versions of a page apart)."""


def short_hash(content_hash: str) -> str:
    """The content hash as a walk keeps it."""
    return content_hash[:HASH_CHARS]


@dataclass
class Walk:
    """Progress of one source's backfill (JSON in the history topic, key `backfill:<source>`)."""

    source: str
    since: str | None
    queue: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    page: int | None = None
    misses: int = 0
    handled: list[str] = field(default_factory=list)  # ids done without a publication (the published: `hashes`)
    hashes: dict[str, str] = field(default_factory=dict)  # article id -> short content hash, for what it published
    retry: list[str] = field(default_factory=list)
    open_from: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    published: int = 0
    too_old: int = 0
    undated: int = 0
    oldest: str | None = None
    complete: bool = False

    @classmethod
    def start(cls, source: Source, plan: Backfill, since: date | None, before: Walk | None = None) -> Walk:
        """A new walk from the newest end of the archive (keeping what an earlier walk handled and published)."""
        return cls(source.id, since.isoformat() if since else None, queue=list(plan.sitemaps),
                   page=plan.first_page if plan.listing else None, handled=list(before.handled) if before else [],
                   hashes=dict(before.hashes) if before else {})


@dataclass
class Ledger:
    """What a source's backfill published (article id -> short content hash, every run) and is publishing now.

    The crawler service keeps one per owned source with backfill progress; live polling asks it before it
    publishes an article (`has`), the running walk records each publication in it (`claim`, `settle`).
    """

    published: dict[str, str] = field(default_factory=dict)
    publishing: dict[str, asyncio.Future[None]] = field(default_factory=dict)

    async def has(self, aid: str, content_hash: str) -> bool:
        """Whether the backfill published this content (waiting for a publication in flight to end)."""
        while (pending := self.publishing.get(aid)) is not None:
            await asyncio.wait({pending})  # never cancels the backfill's publication
        return self.published.get(aid) == short_hash(content_hash)

    def claim(self, aid: str) -> None:
        """The backfill starts publishing `aid` (live polling waits for the outcome)."""
        self.publishing[aid] = asyncio.get_running_loop().create_future()

    def settle(self, aid: str, content_hash: str | None) -> None:
        """The publication of `aid` ended: with this content (acknowledged, or cut short by a revocation), or
        failed (None)."""
        if content_hash is not None:
            self.published[aid] = short_hash(content_hash)
        pending = self.publishing.pop(aid, None)
        if pending is not None and not pending.done():
            pending.set_result(None)


async def published_since(bootstrap: str, raw_topic: str, source_id: str, open_from: dict[str, int]
                          ) -> dict[str, str]:
    """Article id -> short content hash of the source's records on articles.raw from `open_from` on."""
    if not open_from:
        return {}
    starts = {TopicPartition(raw_topic, int(p)): int(o) for p, o in open_from.items()}
    reader = make_reader(bootstrap)
    await reader.start()
    try:
        records = await read_range(reader, list(starts), starts)
    finally:
        await reader.stop()
    out: dict[str, str] = {}
    for key, value in records:
        if key is None or not value:
            continue
        rec = orjson.loads(value)
        if rec.get("source_id") == source_id and rec.get("content_hash"):
            out[key.decode()] = short_hash(str(rec["content_hash"]))
    return out


async def load_ledgers(progress: ProgressStore, raw_topic: str, source_ids: set[str]) -> dict[str, Ledger]:
    """What the backfill runs of these sources published, from their progress records (one read of the history
    topic) and the open part of a killed run; a source never backfilled gets none."""
    reader = make_reader(progress.bootstrap)
    await reader.start()
    try:
        records = await read_range(reader, [TopicPartition(progress.topic, 0)], None)
    finally:
        await reader.stop()
    latest: dict[str, bytes | None] = {}
    for key, value in records:
        job = key.decode() if key is not None else ""
        if job.startswith("backfill:") and job.removeprefix("backfill:") in source_ids:
            latest[job.removeprefix("backfill:")] = value
    ledgers = {}
    for sid, value in latest.items():
        try:
            walk = Walk(**orjson.loads(value)) if value else None
        except (orjson.JSONDecodeError, TypeError) as exc:
            log.error("unreadable backfill progress ignored", extra={"source_id": sid, "error": repr(exc)})
            continue
        if walk is not None:
            opened = await published_since(progress.bootstrap, raw_topic, sid, walk.open_from)
            ledgers[sid] = Ledger({**walk.hashes, **opened})
    return ledgers


def article_date(html: str, stamp: str | None, url: str) -> date | None:
    """Publication date of a fetched page: its metadata, else the sitemap/feed stamp, else a date in its URL."""
    try:
        tree = lxml_html.document_fromstring(html[:300_000] or "<html></html>")
        meta = date_from_meta(tree)
    except (etree.ParserError, ValueError):
        meta = None
    return meta or parse_date_value(stamp) or date_from_url(url)


def older(stamp: str | None, since: str | None) -> bool:
    """Whether a feed/sitemap stamp is before the cutoff (a last-modified date is never before publication)."""
    day = parse_date_value(stamp)  # in Vietnam time, as the page's own date
    return bool(since and day and day.isoformat() < since)


class BackfillMetrics:
    """recruitwatch_backfill_* families."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.pages = Counter("recruitwatch_backfill_pages", "Archive pages (sitemaps, listing pages) walked.",
                             ["source"], registry=registry)
        self.published = Counter("recruitwatch_backfill_articles_published", "Archive articles published.",
                                 ["source"], registry=registry)
        self.oldest = Gauge("recruitwatch_backfill_oldest_date_reached",
                            "Publication date (unix seconds) of the oldest article the backfill published.",
                            ["source"], registry=registry)


class Backfiller:
    """Walks one source's archive with a crawler, publishing through a producer, progress in the history topic."""

    def __init__(self, crawler: Crawler, producer: AIOKafkaProducer, progress: ProgressStore, state: StateStore,
                 topics: Any, metrics: BackfillMetrics, checkpoint_seconds: float = 2.0,
                 live: Callable[[str], bool] | None = None, ledger: Ledger | None = None) -> None:
        self.crawler = crawler
        self.live = live  # in the crawler service: whether live polling published an article id
        self.ledger = ledger or Ledger()  # in the crawler service: shared with live polling
        self.producer = producer
        self.progress = progress
        self.state = state
        self.topics = topics
        self.m = metrics
        self.res = PollResult("backfill")
        self.handled: set[str] = set()
        self.page_dates: list[date | None] = []
        self.saved = 0.0
        self.checkpoint_seconds = checkpoint_seconds

    async def run(self, source: Source, since: date | None, max_pages: int) -> dict[str, Any]:
        """Walk (or resume) the archive for at most `max_pages` pages; return the summary."""
        plan = source.backfill
        if plan is None:
            raise ValueError(f"source {source.id!r} has no backfill block")
        since = since or plan.since
        self.res = PollResult(source.id)
        walk = await self._load(source, plan, since)
        await self._resolve(walk)
        self.handled = set(walk.handled) | set(walk.hashes) | await self._live_seen(source)
        started, pages, published = time.monotonic(), walk.pages, walk.published
        with bar(max_pages, f"backfill {source.id}") as shown:
            for _ in range(max_pages):
                if not await self._step(source, plan, walk):
                    break
                walk.pages += 1
                self.m.pages.labels(source.id).inc()
                shown.update(1)
                shown.set_postfix(published=walk.published, oldest=walk.oldest or "-")
                if time.monotonic() - self.saved >= self.checkpoint_seconds:
                    await self._checkpoint(walk)
        await self._checkpoint(walk)
        return {**self._summary(walk, time.monotonic() - started), "pages_this_run": walk.pages - pages,
                "published_this_run": walk.published - published}

    async def _load(self, source: Source, plan: Backfill, since: date | None) -> Walk:
        data = await self.progress.load(f"backfill:{source.id}")
        if data is None:
            return Walk.start(source, plan, since)
        walk = Walk(**data)
        if walk.complete and walk.since != (since.isoformat() if since else None):
            return Walk.start(source, plan, since, walk)  # a new cutoff: walk again, skip what is published
        return walk

    async def _resolve(self, walk: Walk) -> None:
        """Articles a killed run published after its last checkpoint are handled (store.py's protocol)."""
        if not walk.open_from:
            return
        found = await published_since(self.progress.bootstrap, self.topics.raw, walk.source, walk.open_from)
        walk.hashes.update(found)
        self.ledger.published.update(found)
        await self._checkpoint(walk)

    async def _live_seen(self, source: Source) -> set[str]:
        """Article ids the live crawler already published for this source."""
        if self.live is not None:
            return set()  # asked per article (`_live_has`)
        parts = await self.producer.partitions_for(self.state.topic)
        states = await self.state.load(sorted(parts or []))
        live = states.get(source.id)
        if live is None:
            return set()
        await self.state.resolve_open(live)  # a poll publishing right now (or killed mid-way): its articles too
        return set(live.seen)

    async def _step(self, source: Source, plan: Backfill, walk: Walk) -> bool:
        """Walk one archive page; False when the archive is done.

        The cursor moves past a page only once the page is done: a checkpoint written in the middle of a page
        (with `open_from`) resumes at that page, whose handled links are then skipped.
        """
        if walk.queue:
            url = walk.queue[0]
            await self._sitemap(source, walk, url)
            walk.queue.remove(url)
            walk.visited.append(url)
        elif walk.page is not None:
            await self._listing(source, plan, walk)
        elif walk.retry:
            await self._items(source, walk, [Item(u) for u in walk.retry], retry=False)
            walk.retry = []
        else:
            walk.complete = True
            return False
        return True

    async def _sitemap(self, source: Source, walk: Walk, url: str) -> None:
        try:
            found = await self.crawler.fetch_listing(source, Entry(kind="sitemap", url=url), url, self.res)
        except (FetchError, ParseError) as exc:
            self.crawler._error(source, url, getattr(exc, "kind", "malformed_sitemap"), str(exc), self.res)
            return
        await self._items(source, walk, found.items)
        walk.queue += [u for u in found.sitemaps if u not in walk.visited and u not in walk.queue]

    async def _listing(self, source: Source, plan: Backfill, walk: Walk) -> None:
        assert walk.page is not None and plan.link_pattern is not None
        url = plan.page_url(walk.page)
        entry = Entry(kind="listing", url=url, link_pattern=plan.link_pattern)
        try:
            found = await self.crawler.fetch_listing(source, entry, url, self.res)
        except (FetchError, ParseError, LegacyEncoding) as exc:
            self.crawler._error(source, url, getattr(exc, "kind", "legacy_encoding"), str(exc), self.res)
            found = None
        new = [i for i in (found.items if found else []) if article_id(canonicalize(i.url)) not in self.handled]
        self.page_dates = []
        await self._items(source, walk, new)
        walk.misses = 0 if new else walk.misses + 1
        dated = [d for d in self.page_dates if d is not None]
        cutoff = date.fromisoformat(walk.since) if walk.since else None
        walk.page += 1
        if walk.misses >= MAX_MISSES or (cutoff and dated and max(dated) < cutoff):
            walk.page = None  # the end of the archive, or everything from here on is before the cutoff

    async def _items(self, source: Source, walk: Walk, items: list[Item], retry: bool = True) -> None:
        for item in items:
            guess = article_id(canonicalize(item.url))
            if guess in self.handled or self._live_has(guess):
                continue
            if older(item.published, walk.since):
                walk.too_old += 1
                self.page_dates.append(parse_date_value(item.published))
                continue

            async def publish(cand: Candidate) -> None:
                await self._publish(source, walk, cand)

            ok = await self.crawler.fetch_article(source, item, SourceState(source.id), self.res, self.handled,
                                                  publish)
            if ok:
                self.handled.add(guess)
                walk.handled.append(guess)
            elif retry and item.url not in walk.retry:
                walk.retry.append(item.url)

    def _live_has(self, aid: str) -> bool:
        """Whether live polling published this article since the walk started (in the crawler service)."""
        return self.live is not None and self.live(aid)

    async def _publish(self, source: Source, walk: Walk, cand: Candidate) -> None:
        """Publish an archive article unless it is older than the cutoff."""
        rec = cand.record
        if self._live_has(rec.article_id):  # live polling published it meanwhile (in the crawler service)
            walk.handled.append(rec.article_id)
            return
        when = article_date(rec.html, cand.stamp, rec.canonical_url)
        self.page_dates.append(when)
        if walk.since and when is not None and when.isoformat() < walk.since:
            walk.too_old += 1
            walk.handled.append(rec.article_id)
            return
        self.ledger.claim(rec.article_id)  # before any wait: live polling now waits for our outcome
        acked = None
        try:
            if not walk.open_from:
                walk.open_from = {str(p): o for p, o in (await self.state.raw_end_offsets()).items()}
                await self._checkpoint(walk, settled=False)
            value, key = encode(rec), rec.article_id.encode()
            await self.producer.send_and_wait(self.topics.raw_store, value, key=key)
            await self.producer.send_and_wait(self.topics.raw, value, key=key)
            acked = rec.content_hash
        except asyncio.CancelledError:  # revoked: it may be on its way, the source's live poll is cancelled too
            acked = rec.content_hash
            raise
        finally:
            self.ledger.settle(rec.article_id, acked)  # failed (None): live polling may publish it
        walk.hashes[rec.article_id] = short_hash(rec.content_hash)
        walk.published += 1
        self.m.published.labels(source.id).inc()
        if when is None:
            walk.undated += 1
        elif walk.oldest is None or when.isoformat() < walk.oldest:
            walk.oldest = when.isoformat()
            self.m.oldest.labels(source.id).set(datetime(when.year, when.month, when.day, tzinfo=UTC).timestamp())

    async def _checkpoint(self, walk: Walk, settled: bool = True) -> None:
        """Write the walk's progress (every article it lists was acknowledged before).

        `settled`: between archive pages, when every publication since `open_from` is in `hashes`.
        """
        if settled:
            walk.open_from = {}
        walk.handled = sorted(set(walk.handled) - walk.hashes.keys())  # each id once in the record
        await self.progress.save(f"backfill:{walk.source}", asdict(walk))
        log.info("backfill progress saved", extra={"source_id": walk.source, "page": walk.page, "sitemaps_left":
                                                   len(walk.queue), "published": walk.published, "open": bool(walk.open_from)})
        self.saved = time.monotonic()

    def _summary(self, walk: Walk, seconds: float) -> dict[str, Any]:
        return {"source": walk.source, "since": walk.since, "pages": walk.pages, "published": walk.published,
                "before_cutoff": walk.too_old, "undated": walk.undated, "oldest": walk.oldest,
                "retry_pending": len(walk.retry), "errors": dict(self.res.errors), "skipped": dict(self.res.skipped),
                "complete": walk.complete, "seconds": round(seconds, 1)}


async def run_backfill(settings: CrawlerSettings, source: Source, since: date | None, max_pages: int,
                       metrics_port: int = 0) -> dict[str, Any]:
    """Backfill one source against Kafka with the crawler's fetcher at the backfill's share of each host."""
    bootstrap = settings.kafka_bootstrap_servers
    await ensure_topics(bootstrap, settings.topic_prefix)
    await ensure_state_topic(bootstrap, settings.state_topic, settings.state_partitions)
    polite = settings.model_copy(update={"host_min_delay": settings.host_min_delay * settings.backfill_delay_factor})
    crawler_metrics = CrawlerMetrics()
    metrics = BackfillMetrics(crawler_metrics.health.registry)
    if metrics_port:
        start_http_server(metrics_port, registry=crawler_metrics.health.registry)
    producer = make_producer(bootstrap)
    await producer.start()
    state = StateStore(bootstrap, settings.state_topic, settings.topics.raw, producer)
    await state.start()
    progress = ProgressStore(bootstrap, history_topic(settings.topic_prefix), producer)
    try:
        await progress.ensure()
        async with HttpClient(polite, loopback_hosts((source,))) as client:
            crawler = Crawler(polite, client, crawler_metrics)
            worker = Backfiller(crawler, producer, progress, state, settings.topics, metrics,
                                settings.backfill_checkpoint_seconds)
            return await worker.run(source, since, max_pages)
    finally:
        await state.stop()
        await producer.stop()
