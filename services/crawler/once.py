"""`recruitwatch crawl --once`: poll each source once without Kafka and write the records to JSONL."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import IO

import orjson

from services.crawler.crawl import Candidate, Crawler, PollResult, Publish, PublishFailed, keep, source_hosts
from services.crawler.fetch import HttpClient
from services.crawler.metrics import CrawlerMetrics
from services.crawler.settings import CrawlerSettings
from services.crawler.sources import Registry, Source
from services.crawler.state import SourceState
from services.shared.events import encode

log = logging.getLogger(__name__)


def loopback_hosts(sources: tuple[Source, ...]) -> frozenset[str]:
    """Host names of sources that explicitly allow loopback targets."""
    hosts: set[str] = set()
    for s in sources:
        if s.allow_loopback:
            hosts |= source_hosts(s)
    return frozenset(h for h in hosts if h)


async def safe_poll(crawler: Crawler, source: Source, state: SourceState, publish: Publish = keep) -> PollResult:
    """Poll; an unexpected bug in one source becomes an error count, never a crash.

    The result of a crashed poll still lists the articles already published, so committing it marks them
    seen; a failed publication (PublishFailed) propagates, since only Kafka knows whether it landed.
    """
    published: list[Candidate] = []

    async def tracked(cand: Candidate) -> None:
        await publish(cand)
        published.append(cand)

    try:
        return await crawler.poll(source, state, tracked)
    except PublishFailed:
        raise
    except Exception as exc:  # the crawler keeps serving the other sources
        log.exception("poll crashed", extra={"source_id": source.id, "url": source.home})
        res = PollResult(source.id, articles=published, validators=dict(state.validators))
        res.errors[f"bug:{type(exc).__name__}"] += 1
        crawler.m.errors.labels(source.id, "bug").inc()
        return res


async def crawl_once(registry: Registry, settings: CrawlerSettings, out: IO[bytes]) -> list[PollResult]:
    """Poll every enabled source once, concurrently within limits; write records as JSON lines."""
    sources = tuple(s for s in registry.sources if s.enabled)
    sem = asyncio.Semaphore(settings.max_concurrent_sources)
    async with HttpClient(settings, loopback_hosts(sources)) as client:
        crawler = Crawler(settings, client, CrawlerMetrics())

        async def write(cand: Candidate) -> None:
            out.write(encode(cand.record) + b"\n")

        async def one(source: Source) -> PollResult:
            async with sem:
                return await safe_poll(crawler, source, SourceState(source.id), write)

        return list(await asyncio.gather(*(one(s) for s in sources)))


def run_once(registry: Registry, settings: CrawlerSettings, output: Path) -> int:
    """Run crawl_once, print one summary line per source on stderr; exit 1 when every source failed."""
    with output.open("wb") as fh:
        results = asyncio.run(crawl_once(registry, settings, fh))
    for res in results:
        sys.stderr.write(orjson.dumps(res.summary()).decode() + "\n")
    total = sum(len(r.articles) for r in results)
    failed = sum(1 for r in results if r.entries_ok == 0)
    sys.stderr.write(f"{len(results)} sources, {failed} failed entirely, {total} records -> {output}\n")
    return 1 if results and failed == len(results) else 0
