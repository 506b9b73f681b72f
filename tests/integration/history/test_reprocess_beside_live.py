"""Re-extraction yields to live traffic (real broker, real worker): while the extractor re-extracts a backlog of
stored articles after an upgrade, live pages sent meanwhile are extracted first — the job pauses while they
wait, and hardly any re-extraction is published between their arrival and the last live extraction."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path

import orjson
import pytest
from aiokafka import TopicPartition

from services.history.live import GroupLag
from services.history.pace import Load
from services.shared.config import ServiceSettings
from services.shared.events import EXTRACTION, encode
from services.shared.kafkaio import make_reader
from services.shared.topics import TOPICS, TopicNames
from tests.integration.extractor.harness import (
    Worker,
    free_port,
    metric_value,
    produce,
    raw_article,
    seed_articles,
)
from tests.integration.history.test_reprocess_on_upgrade import _texts, _upgraded_deployment

pytestmark = pytest.mark.kafka
STORED = 300
LIVE = 16


async def _extraction_times(bootstrap: str, topic: str, since: float) -> dict[str, float]:
    """Article id → producer timestamp (s) of its first extraction record on recruitment.facts after `since`."""
    reader = make_reader(bootstrap)
    await reader.start()
    out: dict[str, float] = {}
    try:
        spec = next(t for t in TOPICS if topic.endswith(t.name))
        tps = [TopicPartition(topic, p) for p in range(spec.partitions)]
        ends = await reader.end_offsets(tps)
        reader.assign(tps)
        await reader.seek_to_beginning(*tps)
        todo = {tp for tp in tps if ends[tp]}
        while todo:
            for tp, msgs in (await reader.getmany(*todo, timeout_ms=500)).items():
                for m in msgs:
                    data = orjson.loads(m.value or b"{}")
                    if data.get("schema") == EXTRACTION and m.timestamp / 1000 >= since:
                        out.setdefault(data["article_id"], m.timestamp / 1000)
                if msgs and msgs[-1].offset + 1 >= ends[tp]:
                    todo.discard(tp)
    finally:
        await reader.stop()
    return out


async def _live_load(env: dict[str, str]) -> Load:
    """The live load as `recruitwatch reprocess` reads it from the consumer groups."""
    keys = ("KAFKA_BOOTSTRAP_SERVERS", "RECRUITWATCH_TOPIC_PREFIX")
    lag = GroupLag(ServiceSettings.model_validate({k: env[k] for k in keys}))
    await lag.start()
    try:
        return await lag()
    finally:
        await lag.stop()


def _wait_metric(worker: Worker, name: str, at_least: float, timeout: float, **labels: str) -> float:
    deadline = time.monotonic() + timeout
    while True:
        value = metric_value(worker.metrics(), name, **labels)
        if value >= at_least:
            return value
        assert worker.proc is not None and worker.proc.poll() is None, worker.tail()
        assert time.monotonic() < deadline, f"{name} {labels} stayed at {value} for {timeout}s\n{worker.tail()}"
        time.sleep(0.2)


def test_live_articles_go_first_while_a_backlog_is_reextracted(
    kafka: str, namespace: TopicNames, service_env: dict[str, str], tmp_path: Path,
) -> None:
    seeds = _texts()
    stored = [dataclasses.replace(seeds[i % len(seeds)], article_id=f"stored-{i}") for i in range(STORED)]
    asyncio.run(_upgraded_deployment(kafka, namespace, stored))
    upgraded = time.time()
    env = {**service_env, "RECRUITWATCH_EXTRACTOR_REPROCESS_RATE": "100"}
    worker = Worker(env, free_port(), tmp_path / "extractor.log").start()
    try:
        _wait_metric(worker, "recruitwatch_reprocess_articles_total", 10, 90, stage="facts", outcome="reprocessed")
        pages = seed_articles()
        live = [raw_article(a, suffix=f"-live{i}") for i in range(LIVE // len(pages) + 1) for a in pages][:LIVE]
        sent = time.time()
        produce(kafka, namespace.raw, [(r.article_id.encode(), encode(r)) for r in live])
        deadline = time.monotonic() + 60
        while True:
            times = asyncio.run(_extraction_times(kafka, namespace.facts, upgraded))
            if all(r.article_id in times for r in live):
                break
            assert time.monotonic() < deadline, f"live articles not extracted within 60 s\n{worker.tail()}"
            time.sleep(0.5)
        body = worker.metrics()
    finally:
        worker.stop()
    # what `recruitwatch reprocess` sees: the stopped worker's committed offsets, 3 records behind the end
    produce(kafka, namespace.raw, [(r.article_id.encode(), encode(r)) for r in live[:3]])
    assert asyncio.run(_live_load(env)) == Load(live=3, downstream=0)  # no sink here: no route group commits
    last_live = max(times[r.article_id] for r in live)
    assert last_live - sent < 30  # a correctness bound: live work is not queued behind the backlog
    beside = [a for a, t in times.items() if a.startswith("stored-") and sent <= t <= last_live]
    done = sum(1 for a, t in times.items() if a.startswith("stored-") and t <= last_live)
    assert done < STORED - 1, "the backlog was done before the live articles: nothing was shown"
    # a stored article slips in only when the live agents' input is momentarily empty (taking turns: ~LIVE)
    assert len(beside) <= LIVE // 2, f"{len(beside)} re-extractions published while {LIVE} live articles waited"
    assert metric_value(body, "recruitwatch_reprocess_pauses_total", stage="facts", reason="live_backlog") >= 1
