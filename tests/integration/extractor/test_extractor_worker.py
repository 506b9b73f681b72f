"""The real extractor worker on the real broker: pages in, text and facts out, poison handled, kills survived."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from services.shared.events import (
    DeadLetter,
    ExtractionEvent,
    FactEvent,
    TextArticle,
    decode,
    encode,
)
from services.shared.topics import TopicNames
from tests.integration.extractor.harness import (
    HIEP_HOA,
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

@pytest.fixture
def worker(service_env: dict[str, str], tmp_path: Path) -> Iterator[Worker]:
    """An extractor worker for this test's namespace (stopped at the end)."""
    w = Worker(service_env, free_port(), tmp_path / "extractor.log")
    yield w
    w.stop()


def _wait_metric(w: Worker, name: str, value: float, timeout: float = 30.0, **labels: str) -> str:
    deadline = time.monotonic() + timeout
    while True:
        body = w.metrics()
        if metric_value(body, name, **labels) >= value or time.monotonic() > deadline:
            return body
        time.sleep(0.3)


def test_seed_pages_become_text_articles_and_facts_with_metrics(kafka: str, namespace: TopicNames, worker: Worker) -> None:
    articles = seed_articles()
    raws = {a.name: raw_article(a) for a in articles}
    worker.start()
    produce(kafka, namespace.raw, ((r.article_id.encode(), encode(r)) for r in raws.values()))

    texts = read_until(kafka, namespace.text, lambda rs: len(rs) >= len(raws))
    by_id = {k.decode(): decode(v, TextArticle) for k, v in texts}
    assert set(by_id) == {r.article_id for r in raws.values()}
    for a in articles:
        text = by_id[raws[a.name].article_id]
        assert text.title == a.title
        assert a.paragraphs[2] in text.text
        assert text.language == "vi" and text.text_method and text.parser_version
        if a.published:
            assert text.published == a.published.isoformat()

    facts = read_until(kafka, namespace.facts, lambda rs: len(extractions(rs)) >= len(raws))
    by_article = {e.article_id: e for e in extractions(facts)}
    assert set(by_article) == set(by_id)
    hiep_hoa = by_article[raws[HIEP_HOA].article_id]
    assert hiep_hoa.relevant
    assert any(f.metric == "admitted" and f.segment == "all" and f.value == 625 for f in hiep_hoa.facts)
    _assert_facts_precede_their_extraction(facts)

    body = _wait_metric(worker, "recruitwatch_records_processed_total", len(raws), stage="facts")
    assert metric_value(body, "recruitwatch_records_processed_total", stage="parse") == len(raws)
    for stage in ("parse", "facts"):  # every record's outputs were acknowledged, and timed, once
        assert metric_value(body, "recruitwatch_extractor_publish_seconds_count", stage=stage) == len(raws)
        assert metric_value(body, "recruitwatch_extractor_stage_seconds_count", stage=stage) == len(raws)
    relevant = metric_value(body, "recruitwatch_extractor_articles_total", relevant="true")
    irrelevant = metric_value(body, "recruitwatch_extractor_articles_total", relevant="false")
    assert relevant + irrelevant == len(raws) and relevant >= 1
    n_facts = sum(len(e.facts) for e in by_article.values())
    assert metric_value(body, "recruitwatch_extractor_facts_total") == n_facts
    assert "recruitwatch_consumer_lag{" in _wait_lag(worker)


def _wait_lag(w: Worker, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    body = w.metrics()
    while "recruitwatch_consumer_lag{" not in body and time.monotonic() < deadline:
        time.sleep(0.5)
        body = w.metrics()
    return body


def _assert_facts_precede_their_extraction(records: list[tuple[bytes, bytes]]) -> None:
    """Per article key: the FactEvents published are exactly those the next ExtractionEvent carries."""
    pending: dict[bytes, list[str]] = defaultdict(list)
    for key, value in records:
        event = decode(value)
        if isinstance(event, FactEvent):
            pending[key].append(event.event_id)
        else:
            assert isinstance(event, ExtractionEvent)
            assert key == event.article_id.encode()
            assert pending.pop(key, []) == [f.event_id for f in event.facts]


def test_poison_records_are_dead_lettered_or_skipped_and_the_agents_keep_going(
    kafka: str, namespace: TopicNames, worker: Worker
) -> None:
    seeds = seed_articles()
    good1, good2 = raw_article(seeds[0]), raw_article(seeds[4])
    truncated = encode(good1)[:120]
    wrong_version = orjson.dumps({**orjson.loads(encode(good1)), "schema": "articles.raw/v9"})
    empty = raw_article(seeds[1], html="", suffix="-empty")
    english = raw_article(seeds[2], suffix="-en", html="<html><body><h1>Party news</h1>" + "<p>The district party "
                          "committee admitted new members this year, focusing on young workers and teachers.</p>" * 4
                          + "</body></html>")
    raw_records = [(b"p1", truncated), (b"p2", wrong_version), (good1.article_id.encode(), encode(good1)),
                   (empty.article_id.encode(), encode(empty)), (english.article_id.encode(), encode(english)),
                   (good2.article_id.encode(), encode(good2))]
    text_poison = [(b"t1", b'{"schema": "articles.text/v1", "article_id": '), (b"t2", encode(good1))]
    worker.start()
    produce(kafka, namespace.raw, raw_records, partition=0)
    produce(kafka, namespace.text, text_poison, partition=1)

    letters = [decode(v, DeadLetter) for _, v in read_until(kafka, namespace.dlq, lambda rs: len(rs) >= 4)]
    assert len(letters) == 4
    by_original = {(d.stage, d.original_key): d for d in letters}
    assert set(by_original) == {("parse", "p1"), ("parse", "p2"), ("facts", "t1"), ("facts", "t2")}
    for d in letters:
        assert d.error == "SchemaError" and d.reason
    assert by_original[("parse", "p1")].original == truncated.decode()
    assert by_original[("parse", "p1")].original_topic == namespace.raw
    assert by_original[("parse", "p2")].original == wrong_version.decode()
    assert "articles.raw/v9" in by_original[("parse", "p2")].reason
    assert by_original[("facts", "t2")].original_topic == namespace.text

    facts = read_until(kafka, namespace.facts, lambda rs: len(extractions(rs)) >= 2)
    assert {e.article_id for e in extractions(facts)} == {good1.article_id, good2.article_id}
    texts = {decode(v, TextArticle).article_id for k, v in read_until(kafka, namespace.text, lambda rs: len(rs) >= 4)
             if k not in (b"t1", b"t2")}
    assert texts == {good1.article_id, good2.article_id}

    body = _wait_metric(worker, "recruitwatch_records_processed_total", 2, stage="facts")
    assert metric_value(body, "recruitwatch_records_skipped_total", stage="parse", reason="empty_page") == 1
    assert metric_value(body, "recruitwatch_records_skipped_total", stage="parse", reason="not_vietnamese") == 1
    assert metric_value(body, "recruitwatch_dead_letters_total", stage="parse", reason="SchemaError") == 2
    assert metric_value(body, "recruitwatch_dead_letters_total", stage="facts", reason="SchemaError") == 2
    assert metric_value(body, "recruitwatch_records_processed_total", stage="parse") == 2


def test_sigkill_mid_stream_and_restart_loses_no_article_and_replays_identical_events(
    kafka: str, namespace: TopicNames, worker: Worker
) -> None:
    seeds = seed_articles()
    raws = [raw_article(seeds[i % len(seeds)], suffix=f"-{i}") for i in range(300)]
    produce(kafka, namespace.raw, ((r.article_id.encode(), encode(r)) for r in raws))
    worker.start()
    _wait_metric(worker, "recruitwatch_records_processed_total", 1, timeout=60, stage="facts")
    worker.kill()
    before = extractions(read_until(kafka, namespace.facts, lambda rs: False, timeout=3))
    assert 0 < len({e.article_id for e in before}) < len(raws), "the kill did not land mid-stream"

    worker.start()
    wanted = {r.article_id for r in raws}
    facts = read_until(kafka, namespace.facts, lambda rs: {e.article_id for e in extractions(rs)} >= wanted, 120)
    seen: dict[str, ExtractionEvent] = {}
    for event in extractions(facts):
        if event.article_id in seen:
            assert event == seen[event.article_id], "a replay produced a different extraction"
        seen[event.article_id] = event
    assert set(seen) == wanted
    fact_ids: dict[str, set[str]] = defaultdict(set)
    for _, value in facts:
        if isinstance(fact := decode(value), FactEvent):
            fact_ids[fact.article_id].add(fact.event_id)
    for article_id, event in seen.items():
        assert fact_ids[article_id] == {f.event_id for f in event.facts}

    again = {r.article_id for r in raws[:5]}
    counts = Counter(e.article_id for e in extractions(facts))
    produce(kafka, namespace.raw, ((r.article_id.encode(), encode(r)) for r in raws[:5]))

    def reprocessed(rs: list[tuple[bytes, bytes]]) -> bool:
        now = Counter(e.article_id for e in extractions(rs))
        return all(now[a] > counts[a] for a in again)

    replayed = [e for e in extractions(read_until(kafka, namespace.facts, reprocessed, 60)) if e.article_id in again]
    assert len(replayed) > sum(counts[a] for a in again)
    for event in replayed:
        assert event == seen[event.article_id], "re-processing an unchanged page changed its events"

