"""Poison records on recruitment.facts through one running sink worker: dead letters, skips, exact /facts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import orjson
import pytest

from services.shared.events import DeadLetter, Event, decode, encode
from services.shared.topics import TopicNames
from tests.integration.extractor.harness import metric_value, produce, read_until
from tests.support.facts import article, extraction, fact
from tests.support.sink import SinkProcess, wait_for

pytestmark = pytest.mark.kafka

Record = tuple[bytes, bytes | None]
STAGE = "sink_articles"
DLQ_CASES = ("truncated_json", "json_array", "bad_version", "value_as_string", "facts_not_objects", "raw_on_facts",
             "unknown_metric_fact", "unknown_metric")
REASONS = {
    "truncated_json": "not JSON", "json_array": "record is not a JSON object",
    "bad_version": "invalid extractor_version 'v1.0-beta!'", "value_as_string": "field value has type str",
    "facts_not_objects": "facts must be a list of objects",
    "raw_on_facts": "unexpected schema 'articles.raw/v1' on the facts topic",
    "unknown_metric_fact": "metric 'bogus_metric' is not in the vocabulary",
    "unknown_metric": "metric 'bogus_metric' is not in the vocabulary",
}


def _json(event: Event, **changes: object) -> bytes:
    data = orjson.loads(encode(event))
    data.update(changes)
    return orjson.dumps(data)


def records() -> list[Record]:
    """Every case in order, the good article last."""
    from tests.hostile.test_extractor_payloads import raw

    good = extraction("good", [fact("good", value=215)])
    bad_fact = orjson.loads(encode(fact("value_as_string")))
    bad_fact["value"] = "215"
    return [
        (b"truncated_json", encode(good)[:90]),
        (b"json_array", b"[1, 2, 3]"),
        (b"tombstone", None),
        (b"bad_version", encode(replace(good, article_id="bad_version", extractor_version="v1.0-beta!"))),
        (b"value_as_string", _json(extraction("value_as_string", []), facts=[bad_fact])),
        (b"facts_not_objects", _json(extraction("facts_not_objects", []), facts=[1, "x"])),
        (b"raw_on_facts", encode(raw("raw_on_facts", "<p>x</p>"))),
        (b"unknown_metric_fact", encode(fact("unknown_metric_fact", metric="bogus_metric", value=7))),
        (b"unknown_metric", encode(article("unknown_metric", [{"metric": "bogus_metric", "value": 7,
                                                               "org": "Đảng bộ xã Thử"}])[-1])),
        (b"good", encode(fact("good", value=215))),
        (b"good", encode(good)),
    ]


@dataclass
class Outcome:
    """What the sink did with every case."""

    sent: dict[str, bytes | None]
    letters: dict[str, DeadLetter]
    facts: list[dict[str, Any]]
    metrics: str
    alive: bool


@pytest.fixture(scope="module")
def outcome(kafka: str, module_namespace: TopicNames, module_env: dict[str, str]) -> Iterator[Outcome]:
    """Start one sink, send every case to one partition, wait for the dead letters and the good fact."""
    sink = SinkProcess(module_env).start()
    try:
        sent = records()
        produce(kafka, module_namespace.facts, sent, partition=2)
        letters = [decode(v, DeadLetter) for _, v in
                   read_until(kafka, module_namespace.dlq, lambda rs: len(rs) >= len(DLQ_CASES), 90)]

        def good_served() -> list[dict[str, Any]] | None:
            body = sink.facts()
            found = body is not None and any(f["source"]["article_id"] == "good" for f in body["facts"])
            return body["facts"] if body is not None and found else None

        facts = wait_for(good_served, 90, sink.log_tail)
        yield Outcome(sent={k.decode(): v for k, v in sent}, letters={d.original_key or "": d for d in letters},
                      facts=facts, metrics=settled(sink), alive=sink.proc is not None and sink.proc.poll() is None)
    finally:
        sink.stop()


def settled(sink: SinkProcess, timeout: float = 20.0) -> str:
    """/metrics once the article stage counted the good extraction."""
    deadline = time.monotonic() + timeout
    body = sink.metrics()
    while metric_value(body, "recruitwatch_records_processed_total", stage=STAGE) < 2 and time.monotonic() < deadline:
        time.sleep(0.3)
        body = sink.metrics()
    return body


@pytest.mark.parametrize("case", DLQ_CASES)
def test_poison_record_is_dead_lettered_by_the_sink(outcome: Outcome, module_namespace: TopicNames, case: str) -> None:
    letter = outcome.letters[case]
    original = outcome.sent[case]
    assert original is not None
    assert (letter.stage, letter.error, letter.original_topic) == (STAGE, "SchemaError", module_namespace.facts)
    assert REASONS[case] in letter.reason
    assert letter.original == original.decode("utf-8", "replace")


def test_exactly_the_poison_records_are_dead_lettered_and_counted(outcome: Outcome) -> None:
    assert set(outcome.letters) == set(DLQ_CASES)
    assert metric_value(outcome.metrics, "recruitwatch_dead_letters_total", stage=STAGE,
                        reason="SchemaError") == len(DLQ_CASES)


def test_tombstone_is_skipped(outcome: Outcome) -> None:
    assert metric_value(outcome.metrics, "recruitwatch_records_skipped_total", stage=STAGE, reason="tombstone") == 1


def test_valid_fact_events_are_skipped_the_extraction_is_the_unit(outcome: Outcome) -> None:
    # only the good article's fact event: the one with an unknown metric is poison (dead-lettered)
    assert metric_value(outcome.metrics, "recruitwatch_records_skipped_total", stage=STAGE, reason="fact_event") == 1


def test_a_metric_outside_the_vocabulary_is_never_served(outcome: Outcome) -> None:
    assert not [f for f in outcome.facts if f["metric"] == "bogus_metric"]
    assert "recruitment_bogus_metric" not in outcome.metrics


def test_the_sink_keeps_running_and_serves_exactly_the_good_facts(outcome: Outcome) -> None:
    assert outcome.alive
    got = sorted((f["source"]["article_id"], f["metric"], f["value"]) for f in outcome.facts)
    assert got == [("good", "admitted", 215)]
    assert metric_value(outcome.metrics, "recruitwatch_records_processed_total", stage=STAGE) == 1
