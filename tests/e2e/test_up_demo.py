"""End to end with real processes, a real broker and real HTTP: demo site → crawler → Kafka → extractor → sink."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

import orjson
import pytest

from services.shared.topics import TopicNames
from tests.contract import validate_record
from tests.e2e.harness import FIRST_FACTS, http_get, processes_with_marker, read_topic, run_up, wait_for

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

CONSOLE_LINE = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} (up|crawler|extractor|sink) +(debug|info|warning|error|critical) ")
HIEP_HOA_625 = re.compile(r'^recruitment_admitted\{[^}]*place="Hiệp Hòa"[^}]*segment="all"[^}]*\} 625(\.0)?$', re.M)


def test_up_demo_shows_recruitment_metrics_within_60s_and_stops_cleanly(tmp_path: Path) -> None:
    """On a terminal, as a newcomer runs `make run`: readable lines, no error lines, one line naming what to open."""
    started = time.monotonic()
    with run_up(tmp_path, {"TERM": "xterm-256color"}, tty=True) as stack:
        body = wait_for(
            lambda: (m := HIEP_HOA_625.search(http_get(stack.url("/metrics")))) and m.group(0),
            timeout=60, what="Hiệp Hòa's 625 admitted on the sink's /metrics",
        )
        assert time.monotonic() - started < 60, stack.log_tail()
        assert 'segment="all"' in body
        first = wait_for(lambda: [line for line in stack.log_lines() if line.startswith(FIRST_FACTS)], 15,
                         what="the first-facts line on the terminal")
        assert len(first) == 1 and stack.url("/facts") in first[0], first
        assert processes_with_marker(stack.marker), "the stack's processes should be running"
        stack.process.send_signal(signal.SIGINT)
        assert stack.process.wait(60) == 0, stack.log_tail()
    wait_for(lambda: not processes_with_marker(stack.marker), 15, what="no orphan processes after Ctrl-C")
    lines = [line for line in stack.log_lines() if line.strip()]
    logs = [line for line in lines if not line.startswith("recruitwatch up:")]
    assert "\x1b[" in stack.log_tail(10**7), "colour expected on a terminal"
    assert logs and all(CONSOLE_LINE.match(line) for line in logs), [x for x in logs if not CONSOLE_LINE.match(x)][:5]
    errors = [line for line in logs if CONSOLE_LINE.match(line).group(2) in ("error", "critical")]  # type: ignore[union-attr]
    assert not errors, errors


def test_pipeline_records_on_every_topic_match_the_public_schemas(
    tmp_path: Path, kafka: str, namespace: TopicNames
) -> None:
    env = {"KAFKA_BOOTSTRAP_SERVERS": kafka, "RECRUITWATCH_TOPIC_PREFIX": namespace.prefix}
    with run_up(tmp_path, env) as stack:
        wait_for(lambda: HIEP_HOA_625.search(http_get(stack.url("/metrics"))), 90, what="metrics from the pipeline")
        facts = orjson.loads(http_get(stack.url("/facts?metric=admitted")))
        assert any(f["value"] == 625 and f["place"] == "Hiệp Hòa" for f in _fact_list(facts)), facts
        wait_for(lambda: any(line.startswith(FIRST_FACTS) for line in stack.log_lines()), 15, what="first-facts line")
    # not a terminal: every log line is JSON; only the lines `up` says to its user are plain text
    logs = [line for line in stack.log_lines() if line.strip() and not line.startswith("recruitwatch up:")]
    records = [orjson.loads(line) for line in logs]
    assert {r["service"] for r in records} >= {"up", "crawler", "extractor", "sink"}, {r["service"] for r in records}
    counts = {}
    for topic in (namespace.raw, namespace.text, namespace.facts):
        records = [orjson.loads(v) for v in read_topic(kafka, topic)]
        counts[topic] = len(records)
        for record in records:
            validate_record(record)
    assert counts[namespace.raw] >= 5 and counts[namespace.text] >= 5, counts
    assert counts[namespace.facts] > 5, counts


def _fact_list(payload: object) -> list[dict[str, object]]:
    if isinstance(payload, dict):
        return list(payload.get("facts", []))
    return list(payload)  # type: ignore[arg-type]
