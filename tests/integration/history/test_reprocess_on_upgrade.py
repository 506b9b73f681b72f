"""The extractor service re-extracts the stored articles by itself after a version change (real broker, real
worker): every article an older version extracted once, with the current version (one the current version
already extracted is left alone); restarted, it re-runs nothing."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections import Counter
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from services.extractor.app import APP_ID
from services.extractor.parse import PARSER_VERSION, ParseError
from services.extractor.stages import extract_article, parse_raw
from services.extractor.version import EXTRACTOR_VERSION
from services.history.progress import history_topic
from services.shared.events import ExtractionEvent, TextArticle, decode, encode
from services.shared.kafkaio import ensure_state_topic
from services.shared.topics import TOPICS, TopicNames
from tests.integration.extractor.harness import (
    Worker,
    extractions,
    free_port,
    metric_value,
    produce,
    raw_article,
    read_until,
    seed_articles,
)

pytestmark = pytest.mark.kafka


def _texts() -> list[TextArticle]:
    out = []
    for article in seed_articles():
        try:
            out.append(parse_raw(raw_article(article))[0])
        except ParseError:
            continue
    return out


def _extraction(t: TextArticle, version: str) -> ExtractionEvent:
    return ExtractionEvent(t.article_id, t.url, t.title, t.published, t.fetched_at, t.source_id, version, False,
                           parser_version=t.parser_version)


async def _upgraded_deployment(bootstrap: str, names: TopicNames, texts: list[TextArticle]) -> None:
    """articles.text as an older extractor left it: every record consumed by the extractor group and extracted
    by version 1.0.0 (the last one already by the current version), and a finished re-extraction job of 1.0.0
    in the history topic."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
                                max_request_size=4 * 1024 * 1024)
    await producer.start()
    try:
        sent = []
        for i, t in enumerate(texts):
            sent.append(await producer.send(names.text, encode(t), key=t.article_id.encode()))
            version = EXTRACTOR_VERSION if i == len(texts) - 1 else "1.0.0"
            sent.append(await producer.send(names.facts, encode(_extraction(t, version)), key=t.article_id.encode()))
        await asyncio.gather(*sent)
        topic = history_topic(names.prefix)
        await ensure_state_topic(bootstrap, topic, 1)
        old = {"job": "reprocess:facts:1.0.0:-:*", "complete": True, "ends": {}, "next": {}, "counts": {}}
        await producer.send_and_wait(topic, orjson.dumps(old), key=old["job"].encode(), partition=0)
    finally:
        await producer.stop()
    group = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=names.prefix + APP_ID, enable_auto_commit=False)
    await group.start()
    try:
        spec = next(t for t in TOPICS if names.text.endswith(t.name))
        parts = [TopicPartition(names.text, p) for p in range(spec.partitions)]
        ends = await group.end_offsets(parts)
        group.assign(parts)
        await group.commit(ends)
    finally:
        await group.stop()


def _log_count(worker: Worker, line: str) -> int:
    return worker.tail(1_000_000).count(line)


def _wait_log(worker: Worker, line: str, times: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while _log_count(worker, line) < times:
        assert worker.proc is not None and worker.proc.poll() is None, worker.tail()
        assert time.monotonic() < deadline, f"no {line!r} within {timeout}s\n{worker.tail()}"
        time.sleep(0.5)


def test_version_change_reextracts_stored_articles_once_and_a_restart_reruns_nothing(
    kafka: str, namespace: TopicNames, service_env: dict[str, str], tmp_path: Path,
) -> None:
    texts = _texts()
    assert len(texts) >= 5
    asyncio.run(_upgraded_deployment(kafka, namespace, texts))
    env = {**service_env, "RECRUITWATCH_EXTRACTOR_REPROCESS_RATE": "50"}
    worker = Worker(env, free_port(), tmp_path / "extractor.log").start()
    try:
        _wait_log(worker, "re-extraction for this extractor version done", 1, 90)
        body = worker.metrics()
        assert metric_value(body, "recruitwatch_reprocess_articles_total", stage="facts",
                            outcome="reprocessed") == len(texts) - 1
    finally:
        worker.stop()
    records = read_until(kafka, namespace.facts, lambda r: False, timeout=4)
    current = Counter(e.article_id for e in extractions(records) if e.extractor_version == EXTRACTOR_VERSION)
    assert current == Counter({t.article_id: 1 for t in texts})  # every stored article once, no other
    again = Worker(env, free_port(), tmp_path / "extractor.log").start()
    try:
        _wait_log(again, "re-extraction for this extractor version already done", 1, 60)
    finally:
        again.stop()
    assert len(read_until(kafka, namespace.facts, lambda r: False, timeout=3)) == len(records)


def test_texts_of_another_parser_version_are_parsed_again_from_the_raw_store(
    kafka: str, namespace: TopicNames, service_env: dict[str, str], tmp_path: Path,
) -> None:
    raws = [raw_article(a) for a in seed_articles()]
    texts = []
    for raw in raws:
        try:
            texts.append(dataclasses.replace(parse_raw(raw)[0], parser_version="parse/0-old", text="(old parser)"))
        except ParseError:
            continue
    assert len(texts) >= 3
    produce(kafka, namespace.raw_store, [(r.article_id.encode(), encode(r)) for r in raws])
    asyncio.run(_upgraded_deployment(kafka, namespace, texts))  # the last one already by this extractor version
    env = {**service_env, "RECRUITWATCH_EXTRACTOR_REPROCESS_RATE": "50"}
    worker = Worker(env, free_port(), tmp_path / "extractor.log").start()
    try:
        _wait_log(worker, "re-extraction for this extractor version done", 1, 90)
        body = worker.metrics()
    finally:
        worker.stop()
    older = {t.article_id for t in texts}  # the last one too: a parser-only change (this extractor version)
    assert metric_value(body, "recruitwatch_reprocess_articles_total", stage="parse", outcome="reprocessed") == len(older)
    text_records = [decode(v, TextArticle) for _, v in read_until(kafka, namespace.text, lambda r: False, timeout=3)]
    reparsed = {t.article_id for t in text_records if t.parser_version == PARSER_VERSION}
    assert reparsed == older  # each article a parser of another version made, parsed again from its page
    current = [e for e in extractions(read_until(kafka, namespace.facts, lambda r: False, timeout=3))
               if e.extractor_version == EXTRACTOR_VERSION]
    fresh = {t.article_id: extract_article(t) for t in text_records if t.article_id in older}
    # the live facts agent extracted the new texts: the latest extraction of each is the fresh one, carrying
    # the new parser version (so the sink takes it over the older parse of the same extractor version)
    latest = {e.article_id: e for e in current if e.article_id in older}
    assert latest == fresh
    assert {e.parser_version for e in latest.values()} == {PARSER_VERSION}
    assert metric_value(body, "recruitwatch_reprocess_articles_total", stage="facts", outcome="reprocessed") == 0
